"""Recording events in the request's transaction; they are published only after it commits."""

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import orjson
from sqlalchemy import BigInteger, Select, cast, column, delete, func, literal, select, table
from sqlalchemy.dialects.postgresql import REGCLASS
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.db import utcnow
from app.realtime.models import Event

WALL = "wall"
MODERATORS = "moderators"
_RECORDED = "alongside.recorded_events"
_LOCKED = "alongside.event_lock_held"
# Any fixed 64-bit number: the PostgreSQL advisory lock between event writers and readers of "id > N".
# Ids come from a sequence at insert time, so transactions may commit in another order than their ids.
# Each writer holds the lock shared from before it draws an id until it commits, so writers never wait for
# one another; a reader takes it exclusively before it reads, so it reads only once every id drawn so far
# is committed or rolled back, and ids drawn after it are higher: it can never skip an event that commits
# late.
_EVENT_LOCK_KEY = 0x616C6F6E67
EVENT_LOCK = select(func.pg_advisory_xact_lock_shared(literal(_EVENT_LOCK_KEY, BigInteger)))
_SETTLED = select(func.pg_advisory_xact_lock(literal(_EVENT_LOCK_KEY, BigInteger)))


def member_audience(member_id: int) -> str:
    return f"member:{member_id}"


def member_of(audience: str) -> int | None:
    """The member a private audience names; None for the wall or the moderators."""
    prefix, _, value = audience.partition(":")
    return int(value) if prefix == "member" and value.isdigit() else None


async def record(
    session: AsyncSession,
    *,
    kind: str,
    audience: str,
    data: dict[str, Any],
    author_id: int | None = None,
    post_id: int | None = None,
    post_author_id: int | None = None,
    reply_id: int | None = None,
) -> None:
    """Store an event in the current transaction."""
    await take_event_lock(session)
    event = Event(
        kind=kind,
        audience=audience,
        author_id=author_id,
        post_id=post_id,
        post_author_id=post_author_id,
        reply_id=reply_id,
        payload=stored_payload(data),
        created_at=utcnow(),
    )
    session.add(event)
    await session.flush()
    session.info.setdefault(_RECORDED, []).append(StreamEvent.of(event))


_PAYLOAD_OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_NON_STR_KEYS


def stored_payload(data: dict[str, Any]) -> str:
    """An event's data as it is stored and sent: compact JSON, text as UTF-8, any other value (a datetime)
    as its str(). JSON written already goes in as an orjson.Fragment, unchanged."""
    return orjson.dumps(data, default=str, option=_PAYLOAD_OPTIONS).decode()


def under_event_lock(rows: Select[Any]) -> Select[Any]:
    """`rows` taking the event lock (`take_event_lock`) before they are produced, for one statement that
    stores events by itself on PostgreSQL: the lock is held only while that statement runs."""
    return rows.select_from(EVENT_LOCK.subquery())


async def take_event_lock(session: AsyncSession) -> None:
    """Hold the event lock shared from now until commit (PostgreSQL only): readers of new events wait for
    this transaction to end.

    `record` takes it at the first event. A transaction that locks rows before recording events takes it
    first, so it never holds a row another writer waits for while waiting for this lock itself (behind a
    reader, who waits for that writer).
    """
    if session.get_bind().dialect.name == "postgresql" and not session.info.get(_LOCKED):
        await session.execute(EVENT_LOCK)
        session.info[_LOCKED] = True


async def viewer_changed(session: AsyncSession, member_id: int) -> None:
    """The member's mutes, blocks, hides or suspension changed: their open sockets reload their viewer."""
    await record(session, kind="viewer.changed", audience=member_audience(member_id), data={})


def take_recorded(session: AsyncSession) -> list["StreamEvent"]:
    """After commit: the events this transaction stored, in order; resets for the next one."""
    session.info.pop(_LOCKED, None)
    return session.info.pop(_RECORDED, [])


def forget_recorded(session: AsyncSession) -> None:
    """After rollback: nothing recorded exists."""
    session.info.pop(_LOCKED, None)
    session.info.pop(_RECORDED, None)


@dataclass(frozen=True)
class StreamEvent:
    """An event as the stream hands it out: filter fields, and the frame serialised once for everyone."""

    id: int
    kind: str
    audience: str
    author_id: int | None
    post_id: int | None
    post_author_id: int | None
    frame: str
    reply_id: int | None = None
    # What readers' filters made of this event (its text's forms, its filtered variants), made once per
    # event for every socket that needs it.
    views: dict[Any, Any] = field(default_factory=dict, init=False, compare=False, repr=False)

    @classmethod
    def of(cls, event: Event) -> "StreamEvent":
        return cls.build(
            event.id,
            event.kind,
            event.audience,
            event.author_id,
            event.post_id,
            event.post_author_id,
            event.payload,
            event.reply_id,
        )

    @classmethod
    def build(
        cls,
        event_id: int,
        kind: str,
        audience: str,
        author_id: int | None,
        post_id: int | None,
        post_author_id: int | None,
        payload: str,
        reply_id: int | None = None,
    ) -> "StreamEvent":
        frame = f'{{"id":{event_id},"type":{json.dumps(kind)},"data":{payload}}}'
        return cls(event_id, kind, audience, author_id, post_id, post_author_id, frame, reply_id)

    def to_wire(self) -> list[object]:
        """For other workers: the fields, and the payload as stored."""
        payload = self.frame[self.frame.index(',"data":') + 8 : -1]
        return [
            self.id,
            self.kind,
            self.audience,
            self.author_id,
            self.post_id,
            self.post_author_id,
            payload,
            self.reply_id,
        ]

    @classmethod
    def from_wire(cls, fields: list[object]) -> "StreamEvent":
        return cls.build(*fields)  # type: ignore[arg-type]


async def events_after(session: AsyncSession, after_id: int, *, limit: int = 1000) -> list[StreamEvent]:
    """The events after `after_id`, in order, with none still to come below the last of them."""
    async with _settled(session):
        rows = await session.scalars(select(Event).where(Event.id > after_id).order_by(Event.id).limit(limit))
        return [StreamEvent.of(row) for row in rows]


def _newest_drawn(dialect_name: str) -> Select[Any]:
    """The highest event id ever drawn, its event stored, rolled back or since pruned: what the id sequence
    remembers (the event table has an AUTOINCREMENT key on SQLite, a sequence on PostgreSQL). None when
    none was ever drawn."""
    if dialect_name == "postgresql":
        sequence = cast(func.pg_get_serial_sequence(Event.__tablename__, Event.id.key), REGCLASS)
        return select(func.pg_sequence_last_value(sequence))
    return (
        select(column("seq"))
        .select_from(table("sqlite_sequence"))
        .where(column("name") == Event.__tablename__)
    )


async def id_range(session: AsyncSession) -> tuple[int | None, int]:
    """The oldest event stored (None when none is), and the newest id ever drawn (0 when none was). Once
    pruning has emptied the table, the newest stored event is no guide: ids go on from the sequence."""
    async with _settled(session):
        oldest, newest_stored = (await session.execute(select(func.min(Event.id), func.max(Event.id)))).one()
        drawn = await session.scalar(_newest_drawn(session.get_bind().dialect.name))
        return oldest, max(drawn or 0, newest_stored or 0)


@asynccontextmanager
async def _settled(session: AsyncSession) -> AsyncIterator[None]:
    """Reading once every event-writing transaction under way has ended (PostgreSQL). The lock is let go
    as the block ends, with the session's transaction, so writers wait only for the read."""
    if session.get_bind().dialect.name != "postgresql":
        yield
        return
    try:
        await session.execute(_SETTLED)
        yield
    finally:
        await session.rollback()


async def prune(session: AsyncSession, *, retention_hours: int) -> int:
    result = await session.execute(
        delete(Event).where(Event.created_at < utcnow() - timedelta(hours=retention_hours))
    )
    return result.rowcount  # type: ignore[attr-defined]
