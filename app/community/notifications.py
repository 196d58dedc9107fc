"""Telling a member something: stored, so it waits for them, and sent live to their open screens.

One place decides whether a member is told: `notify`. Kinds the member turned off are not stored at all
(they chose not to hear of them); a member on a break gets everything stored but nothing live and no
unread count, so nothing is lost and nothing calls them back early.
"""

import json
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.models import Member
from app.community.models import Notification
from app.core.db import utcnow
from app.core.schemas import PageRequest
from app.realtime import events

# The kinds a member may turn off, with how the settings screen names them. Everything else is always
# on: moderation notices about the member's own account (a removal with its rule, a warning, a
# suspension, an appeal decided, a pause) are how a decision is explained and appealed, and the welcome
# back after a break is the break's own ending.
CHOOSABLE: dict[str, str] = {
    "wall.heard": "Someone heard your post or reply",
    "wall.replied": "Someone replied to your post",
    "welcome.received": "Someone welcomed you",
    "message.received": "Someone sent you a message",
    "rules.changed": "The house rules changed",
    "report.outcome": "What happened to something you reported",
}


def turned_off(member: Member) -> frozenset[str]:
    return frozenset(json.loads(member.notifications_off or "[]"))


def wants(member: Member, kind: str) -> bool:
    return kind not in CHOOSABLE or kind not in turned_off(member)


async def notify(
    session: AsyncSession, *, member_id: int, kind: str, data: dict[str, Any]
) -> Notification | None:
    """`kind` is a stable dotted name such as "moderation.removed" or "report.outcome"; None when the
    member does not get it (they turned the kind off, or their account was erased)."""
    member = await session.get(Member, member_id)
    if member is None or member.erased_at is not None or not wants(member, kind):
        return None
    notification = Notification(
        member_id=member_id,
        kind=kind,
        data=json.dumps(data, default=str, separators=(",", ":")),
        created_at=utcnow(),
    )
    session.add(notification)
    await session.flush()
    if member.on_break(notification.created_at):
        return notification
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


async def set_choices(session: AsyncSession, *, member: Member, choices: dict[str, bool]) -> None:
    """Only the kinds named change."""
    off = set(turned_off(member))
    for kind, on in choices.items():
        (off.discard if on else off.add)(kind)
    member.notifications_off = json.dumps(sorted(off))
    await session.flush()
