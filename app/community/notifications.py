"""Telling a member something: stored, so it waits for them, and sent live to their open screens."""

import json
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.community.models import Notification
from app.core.db import utcnow
from app.core.schemas import PageRequest
from app.realtime import events


async def notify(session: AsyncSession, *, member_id: int, kind: str, data: dict[str, Any]) -> Notification:
    """`kind` is a stable dotted name such as "moderation.removed" or "report.outcome"."""
    notification = Notification(
        member_id=member_id,
        kind=kind,
        data=json.dumps(data, default=str, separators=(",", ":")),
        created_at=utcnow(),
    )
    session.add(notification)
    await session.flush()
    await events.record(
        session,
        kind="notification",
        audience=events.member_audience(member_id),
        data={
            "id": notification.id,
            "kind": kind,
            "data": data,
            "created_at": notification.created_at.isoformat(),
        },
    )
    return notification


async def notifications(session: AsyncSession, *, member_id: int, page: PageRequest) -> list[Notification]:
    """Newest first; one row more than asked, to tell whether another page exists."""
    query = (
        select(Notification)
        .where(Notification.member_id == member_id)
        .order_by(Notification.id.desc())
        .limit(page.limit + 1)
    )
    if page.after is not None:
        query = query.where(Notification.id < page.after)
    return list(await session.scalars(query))


async def unread_count(session: AsyncSession, *, member_id: int) -> int:
    return (
        await session.scalar(
            select(func.count())
            .select_from(Notification)
            .where(Notification.member_id == member_id, Notification.read_at.is_(None))
        )
        or 0
    )


async def mark_read(session: AsyncSession, *, member_id: int, up_to_id: int | None) -> None:
    """All of the member's notifications, or those up to and including one id (what the screen showed)."""
    query = (
        update(Notification)
        .where(Notification.member_id == member_id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
    )
    if up_to_id is not None:
        query = query.where(Notification.id <= up_to_id)
    await session.execute(query)
