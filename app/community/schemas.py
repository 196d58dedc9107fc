from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from app.core.schemas import StrictModel


class NotificationOut(BaseModel):
    id: int
    kind: str = Field(description='a stable dotted name such as "moderation.removed"')
    data: dict[str, Any] = Field(description="shaped by the kind")
    created_at: datetime
    read: bool


class NotificationPage(BaseModel):
    items: list[NotificationOut]
    next_cursor: str | None
    unread_count: int


class MarkReadIn(StrictModel):
    up_to_id: int | None = Field(
        default=None, ge=1, le=2**63 - 1, description="mark this one and older; all when left out"
    )
