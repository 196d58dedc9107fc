"""Plain text from members: NFC-normalised, trimmed, no control characters, lengths in characters."""

import unicodedata
from typing import Annotated, Any

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

_ALLOWED_CONTROLS = {"\n", "\t"}


def clean_text(value: str, *, min_length: int, max_length: int, multiline: bool) -> str:
    if any(0xD800 <= ord(c) <= 0xDFFF for c in value):
        raise PydanticCustomError("text_encoding", "must be valid Unicode text (no lone surrogates)")
    value = unicodedata.normalize("NFC", value.replace("\r\n", "\n"))
    allowed = _ALLOWED_CONTROLS if multiline else set()
    for char in value:
        if unicodedata.category(char) == "Cc" and char not in allowed:
            raise PydanticCustomError(
                "text_control",
                "must not contain control characters such as U+{code}",
                {"code": f"{ord(char):04X}"},
            )
    value = value.strip()
    if len(value) < min_length:
        raise PydanticCustomError(
            "text_too_short", "must have at least {min} characters", {"min": min_length}
        )
    if len(value) > max_length:
        raise PydanticCustomError("text_too_long", "must have at most {max} characters", {"max": max_length})
    return value


def PlainText(min_length: int, max_length: int, *, multiline: bool = True) -> Any:
    """A str field type for member text; the limits also appear in the OpenAPI schema."""

    def check(value: str) -> str:
        return clean_text(value, min_length=min_length, max_length=max_length, multiline=multiline)

    return Annotated[
        str,
        Field(json_schema_extra={"minLength": min_length, "maxLength": max_length}),
        AfterValidator(check),
    ]
