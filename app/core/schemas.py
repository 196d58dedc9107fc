"""Shared request-model base and cursor pagination."""

import base64
import binascii
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Path, Query
from pydantic import BaseModel, ConfigDict

from app.core.errors import Invalid

ItemId = Annotated[int, Path(ge=1, le=2**63 - 1, description="an id from a listing")]
DEFAULT_PAGE = 20
MAX_PAGE = 50


class StrictModel(BaseModel):
    """Request bodies refuse unknown fields, so a typo is an error rather than silently ignored."""

    model_config = ConfigDict(extra="forbid")


def encode_cursor(last_id: int) -> str:
    return base64.urlsafe_b64encode(f"v1:{last_id}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    try:
        version, _, value = (
            base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode().partition(":")
        )
        if version != "v1" or not value.isdigit() or len(value) > 18:
            raise ValueError(cursor)
        return int(value)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise Invalid("That cursor is not one this service gave out.", field="cursor") from None


@dataclass(frozen=True)
class PageRequest:
    after: int | None  # the id the previous page ended on
    limit: int


async def page_request(
    cursor: Annotated[
        str | None, Query(max_length=64, description="next_cursor from the previous page")
    ] = None,
    limit: Annotated[int, Query(description=f"page size; clamped to 1-{MAX_PAGE}")] = DEFAULT_PAGE,
) -> PageRequest:
    return PageRequest(after=decode_cursor(cursor) if cursor else None, limit=max(1, min(limit, MAX_PAGE)))


Page = Annotated[PageRequest, Depends(page_request)]
