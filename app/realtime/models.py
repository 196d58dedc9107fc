"""Stored events: the source of truth for everything live."""

from datetime import datetime

from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import Base, BigId, UTCDateTime, utcnow


class Event(Base):
    __tablename__ = "event"

    # Monotonic: writers that record events are serialised (one writer on SQLite, an advisory lock on
    # PostgreSQL), so ids are committed in order and "everything after id N" never misses one.
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    # "wall" for every member (subject to their filters), "member:<id>" for one, "moderators" for the team.
    audience: Mapped[str] = mapped_column(String(40))
    # What the per-member filter needs without opening the payload: whose words, which post, whose post.
    author_id: Mapped[int | None] = mapped_column(BigId)
    post_author_id: Mapped[int | None] = mapped_column(BigId)
    post_id: Mapped[int | None] = mapped_column(BigId)
    # Which reply, for events about one: a reply the viewer hid stays hidden live.
    reply_id: Mapped[int | None] = mapped_column(BigId)
    payload: Mapped[str] = mapped_column(Text)  # JSON, serialised once
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    # AUTOINCREMENT: SQLite must never reuse an id, even after pruning has emptied the table.
    __table_args__ = (Index("ix_event_created_at", "created_at"), {"sqlite_autoincrement": True})
