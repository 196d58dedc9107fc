"""Looking after oneself: taking a break, filter words, export and erasure."""

from datetime import datetime
from typing import Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from app.accounts.models import FilterMode
from app.accounts.schemas import Password
from app.core.schemas import StrictModel
from app.core.text import PlainText
from app.wall.filter_words import MAX_WORD_LENGTH, MAX_WORDS

FilterWordIn = PlainText(1, MAX_WORD_LENGTH, multiline=False)


class BreakIn(StrictModel):
    until: AwareDatetime | None = Field(
        default=None, description="when the break ends by itself (within a year); none: until you come back"
    )


class FiltersIn(StrictModel):
    mode: FilterMode = Field(
        default=FilterMode.collapse,
        description='collapse: shown behind "hidden by your filter"; leave_out: not listed at all',
    )
    words: list[FilterWordIn] = Field(  # type: ignore[valid-type]
        max_length=MAX_WORDS,
        description="the whole list: words and phrases, matched however they are spelled",
    )


class FiltersOut(BaseModel):
    mode: FilterMode
    words: list[str]
    max_words: int = MAX_WORDS


class PasswordAgainIn(StrictModel):
    current_password: Password  # type: ignore[valid-type]


class EraseIn(PasswordAgainIn):
    confirm: Literal[True] = Field(
        description="true: I understand my account and my words are erased for good"
    )


class ExportDocument(BaseModel):
    """One section per kind of data; sections are added as the service grows."""

    model_config = ConfigDict(extra="allow")

    format_version: int
    exported_at: datetime
    profile: dict[str, Any]
    posts: list[dict[str, Any]]
    replies: list[dict[str, Any]]
