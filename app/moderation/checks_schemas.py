"""Screening checks in and out, as administrators manage them."""

from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, Field

from app.core.schemas import StrictModel
from app.core.text import PlainText
from app.moderation.models import CheckActionColumn, CheckKindColumn
from app.moderation.rules_schemas import ChangeSummary
from app.moderation.screening.checks import CONTACT_KINDS
from app.moderation.screening.compiled import MAX_PHRASE_LENGTH
from app.moderation.screening.patterns import MAX_PATTERN_LENGTH

MAX_PHRASES = 20_000
CheckName = PlainText(1, 80, multiline=False)
Phrase = Annotated[str, Field(min_length=1, max_length=MAX_PHRASE_LENGTH)]


# The kinds of contact details the screener finds, named as it names them.
ContactKind = StrEnum("ContactKind", {kind: kind for kind in sorted(CONTACT_KINDS)})  # type: ignore[misc]


class CheckSettings(StrictModel):
    """The fields every kind may carry; which ones a kind needs is checked against the kind."""

    name: CheckName | None = None  # type: ignore[valid-type]
    rule_id: int | None = Field(default=None, ge=1, le=2**63 - 1, description="a live house rule")
    action: CheckActionColumn | None = None
    phrases: list[Phrase] | None = Field(
        default=None, max_length=MAX_PHRASES, description="phrase checks (and extra crisis phrases)"
    )
    pattern: str | None = Field(
        default=None,
        min_length=1,
        max_length=MAX_PATTERN_LENGTH,
        description="pattern checks: a regular expression",
    )
    min_letters: int | None = Field(default=None, ge=1, le=5000, description="shouting checks")
    max_capital_share: float | None = Field(
        default=None, ge=0, lt=1, description="shouting checks: the share of capitals above which it matches"
    )
    contact_kinds: list[ContactKind] | None = Field(  # type: ignore[valid-type]
        default=None,
        min_length=1,
        max_length=len(CONTACT_KINDS),
        description="contact detail checks: which kinds; all when left out",
    )
    sensitive: bool | None = Field(default=None, description="blur matched words for moderators")
    change_summary: ChangeSummary  # type: ignore[valid-type]


class CheckCreateIn(CheckSettings):
    name: CheckName  # type: ignore[valid-type]
    rule_id: int = Field(ge=1, le=2**63 - 1, description="a live house rule")
    kind: CheckKindColumn
    action: CheckActionColumn


class CheckEditIn(CheckSettings):
    """Only the fields sent change; a check's kind stays (make a new check for another kind)."""


class CheckRetireIn(StrictModel):
    change_summary: ChangeSummary  # type: ignore[valid-type]


class CheckOut(BaseModel):
    id: int
    rule_id: int
    name: str
    kind: CheckKindColumn
    action: CheckActionColumn
    phrases: list[str]
    pattern: str | None
    min_letters: int | None
    max_capital_share: float | None
    contact_kinds: list[str]
    sensitive: bool
    created_at: datetime
    updated_at: datetime
    retired_at: datetime | None


class ChecksOut(BaseModel):
    version: int
    published_at: datetime
    change_summary: str
    checks: list[CheckOut]


class CheckPublished(BaseModel):
    version: int
    check: CheckOut
