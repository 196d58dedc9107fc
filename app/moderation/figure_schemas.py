"""The figures administrators see."""

from datetime import datetime

from pydantic import BaseModel, Field

from app.moderation.models import DecisionAction
from app.moderation.sanction_schemas import RuleRef


class Waiting(BaseModel):
    urgent: int
    reported: int
    held: int
    flagged: int
    total: int


class WaitTimes(BaseModel):
    decided: int = Field(description="items decided in the window")
    median_seconds: float | None
    p95_seconds: float | None


class TimeToDecision(BaseModel):
    all: WaitTimes
    urgent: WaitTimes


class RuleCount(BaseModel):
    rule: RuleRef | None = Field(description="null for decisions naming no rule (approvals, most dismissals)")
    action: DecisionAction
    count: int


class FiguresOut(BaseModel):
    days: int
    since: datetime
    waiting_now: Waiting
    time_to_decision: TimeToDecision = Field(
        description="from the first report or hold of an item's round to its first decision (not escalation)"
    )
    decisions_per_rule: list[RuleCount]
    open_appeals: int
    oldest_open_appeal_at: datetime | None
