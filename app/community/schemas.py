from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from app.core.schemas import StrictModel


class NotificationOut(BaseModel):
    id: int
    kind: str = Field(description='a stable dotted name such as "moderation.removed"')
    data: dict[str, Any] = Field(description="shaped by the kind")
    created_at: datetime
    read: bool


class RulesChangedNotice(BaseModel):
    """Not a stored row: shown while the member has not agreed to the current house rules (agreeing is
    what clears it, as posting waits on it), so a new version costs no write per member."""

    kind: Literal["rules.changed"] = "rules.changed"
    agreed_version: int
    current_version: int


class NotificationPage(BaseModel):
    items: list[NotificationOut]
    next_cursor: str | None
    unread_count: int = Field(
        description="unread notifications, the house rules notice included; 0 while taking a break"
    )
    rules_changed: RulesChangedNotice | None = Field(
        default=None, description="the house rules changed since the member agreed (see /me/rules-changes)"
    )


NotificationKind = Literal[
    "wall.heard", "wall.replied", "welcome.received", "message.received", "rules.changed", "report.outcome"
]


class NotificationChoice(BaseModel):
    kind: str
    label: str
    on: bool


class NotificationSettings(BaseModel):
    choices: list[NotificationChoice]
    always_on: list[str] = Field(description="what cannot be turned off, and why")


class NotificationSettingsIn(StrictModel):
    kinds: dict[NotificationKind, bool] = Field(
        description="kinds to turn on (true) or off (false); kinds left out stay as they are"
    )


class MarkReadIn(StrictModel):
    up_to_id: int | None = Field(
        default=None, ge=1, le=2**63 - 1, description="mark this one and older; all when left out"
    )
