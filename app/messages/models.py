"""Conversations between two members, and between a member and the moderator team; welcomes; each
member's messaging preferences.

What a member's export and erasure touch: their `message` rows (authored), the conversations they are in
(`conversation_member`), the messages they hid by reporting (`message_hide`), welcomes they gave or got
(`welcome`), and their `messaging_preference`.
"""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Boolean, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import Base, BigId, UTCDateTime, str_enum, utcnow
from app.wall.models import ContentState


class ConversationKind(StrEnum):
    members = "members"  # two members
    team = "team"  # one member and the moderator team


class MessageKind(StrEnum):
    text = "text"
    welcome = "welcome"  # a member welcoming a new member
    team_welcome = "team_welcome"  # the team persona's welcome on joining
    appeal = "appeal"  # a member's appeal, as the team inbox shows it
    appeal_decided = "appeal_decided"  # the team's answer to an appeal


class AcceptFrom(StrEnum):
    everyone = "everyone"
    conversations = "conversations"  # only members the member already has a conversation with


class Conversation(Base):
    __tablename__ = "conversation"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    kind: Mapped[ConversationKind] = mapped_column(str_enum(ConversationKind, "conversation_kind"))
    # "m:<lower id>:<higher id>" or "t:<member id>": one conversation per pair, and one team conversation
    # per member, even when two requests open it at once.
    pair_key: Mapped[str] = mapped_column(String(48), unique=True)
    started_by_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Team conversations: the inbox order (unanswered first, then newest) and the team's read state.
    awaiting_team: Mapped[bool] = mapped_column(Boolean, default=False)
    team_last_message_id: Mapped[int | None] = mapped_column(BigId)
    team_read_message_id: Mapped[int] = mapped_column(BigId, default=0)

    __table_args__ = (Index("ix_conversation_team_inbox", "kind", "awaiting_team", "team_last_message_id"),)


class ConversationMember(Base):
    """A member in a conversation, with what they have read and the newest message they can see."""

    __tablename__ = "conversation_member"

    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversation.id", ondelete="CASCADE"), primary_key=True
    )
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), primary_key=True)
    # Orders the member's conversations; a held message moves it for its author only.
    last_message_id: Mapped[int | None] = mapped_column(BigId)
    last_read_message_id: Mapped[int] = mapped_column(BigId, default=0)

    __table_args__ = (Index("ix_conversation_member_member_id_last", "member_id", "last_message_id"),)


class Message(Base):
    __tablename__ = "message"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversation.id", ondelete="CASCADE"))
    # The moderator who wrote a team message; members see the team persona instead (unless the team
    # signs with own names). Null for the persona's automatic welcome.
    author_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"), index=True)
    from_team: Mapped[bool] = mapped_column(Boolean, default=False)
    kind: Mapped[MessageKind] = mapped_column(str_enum(MessageKind, "message_kind", 20))
    appeal_id: Mapped[int | None] = mapped_column(ForeignKey("appeal.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)
    state: Mapped[ContentState] = mapped_column(str_enum(ContentState, "message_state"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (Index("ix_message_conversation_id_id", "conversation_id", "id"),)


class MessageHide(Base):
    """A message its recipient reported: hidden for them from then on."""

    __tablename__ = "message_hide"

    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("message.id", ondelete="CASCADE"), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Welcome(Base):
    """One welcome per pair: who welcomed which new member, and the conversation it opened."""

    __tablename__ = "welcome"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    welcomer_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"))
    new_member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"))
    conversation_id: Mapped[int | None] = mapped_column(ForeignKey("conversation.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (
        UniqueConstraint("welcomer_id", "new_member_id"),
        Index("ix_welcome_new_member_id_id", "new_member_id", "id"),
    )


class MessagingPreference(Base):
    """Absent means the defaults: messages from everyone, listed among new members."""

    __tablename__ = "messaging_preference"

    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), primary_key=True)
    accept_from: Mapped[AcceptFrom] = mapped_column(str_enum(AcceptFrom, "accept_from"))
    listed_as_new: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
