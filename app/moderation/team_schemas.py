"""Settings, roles, the audit log, moderators' notes and crisis help, in and out."""

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from app.core.permissions import Role
from app.core.schemas import StrictModel
from app.core.text import PlainText
from app.moderation.settings import CannedMessage

NoteBody = PlainText(1, 2000)


class RoleIn(StrictModel):
    role: Role


class RoleOut(BaseModel):
    pseudonym: str
    role: Role


class AuditEntryOut(BaseModel):
    id: int
    action: str
    actor: str | None = Field(description="who acted (a pseudonym); null for the service itself")
    target_type: str | None
    target_id: int | None
    member: str | None = Field(description="the member the action was about, if any")
    rule_id: int | None
    reason: str | None
    details: dict[str, Any]
    created_at: datetime


class AuditPage(BaseModel):
    items: list[AuditEntryOut]
    next_cursor: str | None


class NoteIn(StrictModel):
    body: NoteBody  # type: ignore[valid-type]


class NoteOut(BaseModel):
    id: int
    author: str | None = Field(description="the moderator who wrote it; null once their account is gone")
    body: str
    created_at: datetime


class NotePage(BaseModel):
    items: list[NoteOut]
    next_cursor: str | None


class RemovalMessagesOut(BaseModel):
    items: list[CannedMessage]


class HelpLink(BaseModel):
    label: str = Field(description='what the link says, such as "Call 116 123"')
    href: str = Field(description="a tel:, sms: or https: address")


class HelpSignpost(BaseModel):
    name: str
    description: str
    contact: str
    how: Literal["call", "text", "web", "emergency"]
    available: str | None
    link: HelpLink | None = Field(description="how a screen can reach it in one tap, when it can")


class HelpOut(BaseModel):
    intro: str
    items: list[HelpSignpost]
