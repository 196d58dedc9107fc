"""Taking a break: the member steps away, optionally until a date, and comes back without penalty.

While on a break a member may still read and post (a break is for them, not a sanction); they leave the
new members view (`on_break_clause`) and nothing is sent to them live (app/community/notifications.py).
A break ends when the member ends it or, lazily, at their first request after its end: both leave one
gentle "break.ended" notice, never two, however many requests race.
"""

from datetime import datetime
from typing import Protocol

from sqlalchemy import ColumnElement, and_, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from app.accounts.models import Member
from app.community.models import Notification
from app.community.notifications import notify
from app.core.db import utcnow

WELCOME_BACK = (
    "Welcome back. We're glad you're here. Nothing was lost while you were away: take things at your own "
    "pace."
)


def on_break_clause(now: datetime) -> ColumnElement[bool]:
    """`Member.on_break` in SQL, for views that leave members on a break out (the new members view)."""
    return and_(
        Member.break_started_at.is_not(None), or_(Member.break_until.is_(None), Member.break_until > now)
    )


class Breaking(Protocol):
    break_until: datetime | None


def break_over(member: Breaking, now: datetime) -> bool:
    """A break with an end that has passed, not yet closed with its welcome back."""
    return member.break_until is not None and member.break_until <= now


async def start_break(session: AsyncSession, *, member: Member, until: datetime | None) -> None:
    """Starting again while on a break only moves its end; the start stays when it began."""
    if not member.on_break(utcnow()):
        member.break_started_at = utcnow()
    member.break_until = until
    await session.flush()


async def end_break(session: AsyncSession, *, member: Member) -> bool:
    """Ends the break the member row shows; False when there was none (or a racing request ended it)."""
    started = member.break_started_at
    if started is None:
        return False
    ended = await session.execute(
        update(Member)
        .where(Member.id == member.id, Member.break_started_at == started)
        .values(break_started_at=None, break_until=None)
    )
    # The loaded row may belong to a read-only session: its values follow without marking it changed.
    set_committed_value(member, "break_started_at", None)
    set_committed_value(member, "break_until", None)
    if ended.rowcount != 1:  # type: ignore[attr-defined]
        return False
    waiting = await session.scalar(
        select(func.count())
        .select_from(Notification)
        .where(
            Notification.member_id == member.id,
            Notification.read_at.is_(None),
            Notification.created_at >= started,
        )
    )
    await notify(
        session,
        member_id=member.id,
        kind="break.ended",
        data={"message": WELCOME_BACK, "since": started.isoformat(), "waiting": waiting or 0},
    )
    return True
