"""Sanctions and the member page for moderators, in and out."""

from datetime import datetime
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, Field

from app.core.permissions import Role
from app.core.schemas import StrictModel
from app.core.text import PlainText
from app.moderation.models import DecisionAction, SanctionKind, TargetType
from app.moderation.sanctions import MAX_DAYS

RowId = Annotated[int, Field(ge=1, le=2**63 - 1)]
Message = PlainText(1, 2000)
Reason = PlainText(1, 1000)


class SanctionIn(StrictModel):
    kind: SanctionKind
    rule_id: RowId = Field(description="a current house rule")
    message: Message = Field(description="shown to the member, with the rule and how to appeal")  # type: ignore[valid-type]
    days: int | None = Field(default=None, ge=1, le=MAX_DAYS, description="suspensions: how long")
    until: AwareDatetime | None = Field(default=None, description="suspensions: or until when")
    item_id: RowId | None = Field(default=None, description="the review item this answers; resolves it")


class ReasonIn(StrictModel):
    reason: Reason = Field(description="why; recorded beside the sanction")  # type: ignore[valid-type]


class RuleRef(BaseModel):
    id: int
    title: str


class SanctionOut(BaseModel):
    id: int
    member: str = Field(description="the member's pseudonym")
    kind: SanctionKind
    status: Literal["on_record", "in_force", "ended", "lifted", "overruled"]
    rule: RuleRef
    message: str
    moderator: str | None = Field(description="who imposed it (moderators see this; members don't)")
    item_id: int | None
    created_at: datetime
    ends_at: datetime | None = Field(description="null for warnings; bans never end on their own")
    lifted_at: datetime | None
    lifted_by: str | None
    lift_reason: str | None
    overruled_at: datetime | None
    overruled_by: str | None
    overrule_reason: str | None


class StepOut(BaseModel):
    kind: SanctionKind
    days: int | None


class DecisionOut(BaseModel):
    id: int
    item_id: int
    target_type: TargetType
    target_id: int
    action: DecisionAction
    rule: RuleRef | None
    moderator: str | None
    created_at: datetime


class OpenAppealRef(BaseModel):
    id: int
    sanction_id: int | None
    decision_id: int | None
    created_at: datetime


class MemberPageOut(BaseModel):
    pseudonym: str
    avatar: str
    joined_at: datetime
    role: Role
    state: Literal["active", "suspended", "banned", "posting_paused"]
    suspended_until: datetime | None
    posting_paused_at: datetime | None
    strikes_last_12_months: int = Field(description="sanctions in the last 12 months, not overruled")
    suggested_next_step: StepOut
    sanctions: list[SanctionOut] = Field(description="newest first, the latest 50")
    recent_decisions: list[DecisionOut] = Field(description="on their words, newest first, the latest 20")
    open_appeals: list[OpenAppealRef]
