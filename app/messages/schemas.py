"""Private messages in and out: members see pseudonyms, and the team as its persona."""

from datetime import datetime

from pydantic import BaseModel, Field

from app.accounts.schemas import MemberRef, PseudonymIn
from app.core.schemas import StrictModel
from app.core.text import PlainText
from app.messages.models import AcceptFrom, MessageKind
from app.moderation.schemas import ScreeningNotice
from app.wall.models import ContentState

MessageBody = PlainText(1, 2000)
SendAnyway = Field(default=False, description="send despite a nudge about the house rules (after reading it)")


class MessageIn(StrictModel):
    body: MessageBody  # type: ignore[valid-type]
    post_anyway: bool = SendAnyway


class ConversationIn(StrictModel):
    pseudonym: PseudonymIn = Field(description="whom to write to")  # type: ignore[valid-type]
    body: MessageBody  # type: ignore[valid-type]
    post_anyway: bool = SendAnyway


class TeamMessageIn(StrictModel):
    body: MessageBody  # type: ignore[valid-type]


class ReadIn(StrictModel):
    up_to_id: int | None = Field(
        default=None, ge=1, le=2**63 - 1, description="the newest message shown; null for all of them"
    )


class MessageOut(BaseModel):
    id: int
    conversation_id: int
    kind: MessageKind
    author: str | None = Field(description="a pseudonym, or the team persona for the team's messages")
    mine: bool
    from_team: bool
    body: str
    state: ContentState = Field(description="pending: waiting for a moderator, seen by its author only")
    created_at: datetime


class MessageWritten(MessageOut):
    screening: ScreeningNotice | None = Field(
        default=None, description="null when the message went straight through"
    )


class MessagePage(BaseModel):
    """Newest first; the cursor pages back in time."""

    items: list[MessageOut]
    next_cursor: str | None


class ConversationOut(BaseModel):
    id: int
    other: MemberRef
    last_message: MessageOut | None
    unread_count: int


class ConversationPage(BaseModel):
    items: list[ConversationOut]
    next_cursor: str | None
    unread_conversations: int = Field(
        description="how many of all my conversations (every page, not only this one) hold an unread message"
    )


class ConversationThread(ConversationOut):
    messages: MessagePage


class ConversationStarted(BaseModel):
    conversation: ConversationOut
    message: MessageWritten


class TeamConversationOut(BaseModel):
    """The member's conversation with the moderator team; id is null until either side writes."""

    id: int | None
    team: str = Field(description="the name the moderators use")
    unread_count: int
    messages: MessagePage


class InboxEntry(BaseModel):
    id: int
    member: MemberRef
    awaiting_team: bool = Field(description="the member wrote last: nobody on the team has answered yet")
    unread_count: int
    last_message: MessageOut | None


class InboxPage(BaseModel):
    items: list[InboxEntry]
    next_cursor: str | None
    awaiting_team_total: int = Field(
        description="how many members' conversations (every page, not only this one) wait for an answer"
    )


class InboxThread(InboxEntry):
    messages: MessagePage


class MessagingPreferences(StrictModel):
    accept_from: AcceptFrom = Field(
        default=AcceptFrom.everyone,
        description="who can start a conversation: everyone, or only members already in one with me",
    )
    listed_as_new: bool = Field(default=True, description="shown in the new members view while new")


class ContextMessage(BaseModel):
    id: int
    author: str | None
    from_team: bool
    body: str
    state: ContentState
    created_at: datetime


class MessageContext(BaseModel):
    """A reported or held message with the messages around it; reading it is recorded in the audit log."""

    item_id: int
    conversation_id: int
    members: list[str]
    message: ContextMessage
    before: list[ContextMessage] = Field(description="oldest first")
    after: list[ContextMessage] = Field(description="oldest first")
