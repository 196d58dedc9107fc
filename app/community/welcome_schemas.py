"""New members and welcomes, in and out."""

from datetime import datetime

from pydantic import BaseModel, Field

from app.accounts.schemas import MemberRef
from app.core.schemas import StrictModel
from app.core.text import PlainText
from app.messages.schemas import MessageWritten


class NewMemberOut(BaseModel):
    member: MemberRef
    joined_at: datetime
    welcome_count: int = Field(description="how many members have welcomed them")
    welcomed_by_me: bool


class NewMemberPage(BaseModel):
    items: list[NewMemberOut]
    next_cursor: str | None


class WelcomeIn(StrictModel):
    message: PlainText(1, 500) | None = Field(  # type: ignore[valid-type]
        default=None, description='a few words of welcome; "Welcome to Alongside." when left out'
    )
    post_anyway: bool = Field(default=False, description="send despite a nudge about the house rules")


class WelcomeSent(BaseModel):
    conversation_id: int
    message: MessageWritten


class WelcomeOut(BaseModel):
    id: int
    member: MemberRef = Field(description="who welcomed me")
    conversation_id: int | None
    created_at: datetime


class WelcomePage(BaseModel):
    items: list[WelcomeOut]
    next_cursor: str | None
