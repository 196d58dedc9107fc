"""Posts, replies, I hear you and hides."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Enum, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import Base, BigId, UTCDateTime, utcnow


class PostKind(StrEnum):
    looking_for_support = "looking_for_support"
    saying_hello = "saying_hello"
    seeking_suggestions = "seeking_suggestions"
    sharing_a_win = "sharing_a_win"


class ContentState(StrEnum):
    published = "published"
    pending = "pending"
    removed = "removed"
    deleted = "deleted"


def _state_column() -> Mapped[ContentState]:
    return mapped_column(
        Enum(ContentState, native_enum=False, length=16, create_constraint=True, name="content_state"),
        default=ContentState.published,
    )


class Post(Base):
    __tablename__ = "post"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"))
    kind: Mapped[PostKind] = mapped_column(
        Enum(PostKind, native_enum=False, length=24, create_constraint=True, name="post_kind")
    )
    body: Mapped[str] = mapped_column(Text)
    content_warning: Mapped[str | None] = mapped_column(String(100))
    state: Mapped[ContentState] = _state_column()
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Counters kept with each change, so a wall page needs no aggregate per post.
    heard_count: Mapped[int] = mapped_column(default=0)
    reply_count: Mapped[int] = mapped_column(default=0)

    __table_args__ = (
        Index("ix_post_state_id", "state", "id"),
        Index("ix_post_author_id_id", "author_id", "id"),
    )


class Reply(Base):
    __tablename__ = "reply"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("post.id", ondelete="CASCADE"))
    author_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), index=True)
    body: Mapped[str] = mapped_column(Text)
    state: Mapped[ContentState] = _state_column()
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    heard_count: Mapped[int] = mapped_column(default=0)

    __table_args__ = (Index("ix_reply_post_id_id", "post_id", "id"),)


class PostHear(Base):
    __tablename__ = "post_hear"

    post_id: Mapped[int] = mapped_column(ForeignKey("post.id", ondelete="CASCADE"), primary_key=True)
    member_id: Mapped[int] = mapped_column(
        ForeignKey("member.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ReplyHear(Base):
    __tablename__ = "reply_hear"

    reply_id: Mapped[int] = mapped_column(ForeignKey("reply.id", ondelete="CASCADE"), primary_key=True)
    member_id: Mapped[int] = mapped_column(
        ForeignKey("member.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class PostHide(Base):
    """A post one member chose not to see; only for them, and undoable."""

    __tablename__ = "post_hide"

    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("post.id", ondelete="CASCADE"), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ReplyHide(Base):
    """A reply one member chose not to see (reporting it hides it for them)."""

    __tablename__ = "reply_hide"

    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), primary_key=True)
    reply_id: Mapped[int] = mapped_column(ForeignKey("reply.id", ondelete="CASCADE"), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
