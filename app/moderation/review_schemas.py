"""Reports as members send them; review items and decisions as moderators see and make them."""

from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, Field

from app.core.schemas import StrictModel
from app.core.text import PlainText
from app.moderation.models import DecisionAction, ItemStatus, ReasonSource, TargetType
from app.moderation.schemas import RuleRef
from app.wall.models import ContentState

RuleId = Annotated[int, Field(ge=1, le=2**63 - 1)]


class PriorityName(StrEnum):
    urgent = "urgent"
    reported = "reported"
    held = "held"
    flagged = "flagged"


class ReportIn(StrictModel):
    rule_id: RuleId | None = Field(
        default=None, description="a current house rule's id; null for something else"
    )
    note: PlainText(1, 500) | None = Field(  # type: ignore[valid-type]
        default=None, description="what is wrong, in the reporter's words; required for something else"
    )


class ReportReceived(BaseModel):
    """Deliberately neutral: the same answer whether or not this member had reported it before."""

    message: str


class ReviewTarget(BaseModel):
    """What the item is about. For a member: their pseudonym and profile text; for words: the words."""

    type: TargetType
    id: int
    member: str = Field(description="the author's pseudonym, or the reported member's")
    post_id: int | None = Field(description="for a reply, the post it answers")
    body: str | None
    content_warning: str | None
    state: ContentState | None
    about_me: str | None
    created_at: datetime | None


class ReviewReasonOut(BaseModel):
    source: ReasonSource
    created_at: datetime
    reporter: str | None = Field(description="the reporter's pseudonym; moderators only, never the author")
    rule: RuleRef | None
    note: str | None
    check_id: int | None
    action: str | None
    excerpts: list[str]
    spans: list[tuple[int, int]] = Field(description="[start, end) offsets of the matches in the text")
    sensitive: bool = Field(description="crisis or self-harm words: blur until the moderator chooses to read")


class ReviewItemOut(BaseModel):
    id: int
    target: ReviewTarget
    status: ItemStatus
    priority: PriorityName
    version: int = Field(description="send it with a decision; a stale one is refused with 409")
    round: int
    opened_at: datetime
    escalated_at: datetime | None
    auto_hidden_at: datetime | None
    claimed_by: str | None
    claimed_at: datetime | None
    report_count: int = Field(description="different members reporting it in this round")
    sensitive: bool
    reasons: list[ReviewReasonOut]


class ReviewPage(BaseModel):
    items: list[ReviewItemOut]
    next_cursor: str | None


class DecisionIn(StrictModel):
    action: DecisionAction
    version: int = Field(ge=1, le=2**31 - 1, description="the item's version the moderator decided on")
    rule_id: RuleId | None = Field(default=None, description="required to remove")
    message_key: str | None = Field(
        default=None, pattern=r"^[a-z0-9_-]{1,40}$", description="a canned removal message's key"
    )
    message: PlainText(1, 1000) | None = Field(  # type: ignore[valid-type]
        default=None, description="the moderator's own words to the author, after any canned text"
    )


class DecisionOut(BaseModel):
    id: int
    item_id: int
    action: DecisionAction
    rule_id: int | None
    message: str | None
    created_at: datetime
    item_status: ItemStatus
    item_version: int
