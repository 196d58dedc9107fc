"""Members, their sessions and their mutes and blocks."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Enum, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import Base, BigId, UTCDateTime, str_enum, utcnow
from app.core.permissions import Role


class FilterMode(StrEnum):
    collapse = "collapse"  # shown behind "hidden by your filter", one tap away
    leave_out = "leave_out"  # not listed at all


class Member(Base):
    __tablename__ = "member"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    pseudonym: Mapped[str] = mapped_column(String(30))
    # The look-alike skeleton of the pseudonym: unique, so "Alice", "ALICE" and "Аlice" are one name.
    pseudonym_key: Mapped[str] = mapped_column(String(60), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    recovery_code_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(
        Enum(Role, native_enum=False, length=16, create_constraint=True, name="role"), default=Role.member
    )
    about_me: Mapped[str | None] = mapped_column(Text)
    avatar: Mapped[str] = mapped_column(String(40))
    rules_version_agreed: Mapped[int]
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    password_changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Until when the member may only read and message the moderators; a ban is a suspension with no end.
    suspended_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Set when reports on many of their words pile up outside moderation hours: no posting until reviewed.
    posting_paused_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Taking a break: since when, and until when (None: until the member comes back themself).
    break_started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    break_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # JSON list of the notification kinds the member turned off.
    notifications_off: Mapped[str] = mapped_column(Text, default="[]", server_default="[]")
    # JSON list of the member's filter words (at most 200 of 1-100 characters): read with the member on
    # every request, so applying them costs no query.
    filter_words: Mapped[str] = mapped_column(Text, default="[]", server_default="[]")
    filter_mode: Mapped[FilterMode] = mapped_column(
        str_enum(FilterMode, "filter_mode"),
        default=FilterMode.collapse,
        server_default=FilterMode.collapse.value,
    )

    def on_break(self, now: datetime) -> bool:
        """Taking a break (app/accounts/breaks.py has the same test in SQL)."""
        return self.break_started_at is not None and (self.break_until is None or self.break_until > now)


class MemberSession(Base):
    __tablename__ = "member_session"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # A short description of the browser or client, so a member can recognise their sessions.
    device: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class RelationKind(StrEnum):
    mute = "mute"
    block = "block"


class MemberRelation(Base):
    """A mute or a block that `member` placed on `other`; the other member is never told."""

    __tablename__ = "member_relation"

    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), primary_key=True)
    other_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[RelationKind] = mapped_column(
        Enum(RelationKind, native_enum=False, length=8, create_constraint=True, name="relation_kind"),
        primary_key=True,
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (Index("ix_member_relation_other", "other_id", "kind"),)
