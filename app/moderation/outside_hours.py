"""Safeguards that hold while no moderator is on duty: hiding a much-reported item, pausing a member.

Both are counted over what is still unreviewed (the item's current round; the member's reports within
the window) and checked whenever a report arrives outside moderation hours. Both end with a review:
approving restores hidden words, deciding the member's reported items or an explicit resume lifts a pause.
"""

from datetime import timedelta

from sqlalchemy import distinct, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.models import Member
from app.community.notifications import notify
from app.core.db import utcnow
from app.moderation import audit, queue
from app.moderation.models import ItemStatus, ReasonSource, ReviewItem, ReviewReason, TargetType
from app.moderation.settings import Thresholds
from app.wall import states
from app.wall.models import ContentState, Post, Reply

WORDS = (TargetType.post, TargetType.reply)
PAUSED_MESSAGE = (
    "Several of your recent posts or replies were reported while no moderator was on duty, so posting "
    "and replying are paused until a moderator has looked. You can still read. Nobody is told who reported."
)


async def after_report(session: AsyncSession, *, item: ReviewItem, thresholds: Thresholds) -> None:
    if item.target_type in WORDS:
        await _hide_if_reported_enough(session, item=item, needed=thresholds.hide_after_reporters)
        await _pause_if_reported_enough(
            session,
            member_id=item.member_id,
            needed=thresholds.pause_after_reported_items,
            window=timedelta(hours=thresholds.pause_window_hours),
        )


async def _hide_if_reported_enough(session: AsyncSession, *, item: ReviewItem, needed: int) -> None:
    if item.auto_hidden_at is not None:
        return
    reporters = await session.scalar(
        select(func.count(distinct(ReviewReason.reporter_id))).where(
            ReviewReason.item_id == item.id,
            ReviewReason.round == item.round,
            ReviewReason.source == ReasonSource.report,
        )
    )
    if (reporters or 0) < needed:
        return
    target = await session.get(Post if item.target_type == TargetType.post else Reply, item.target_id)
    if target is None or target.state != ContentState.published:
        return
    await states.hold(session, target)
    item.auto_hidden_at = utcnow()
    item.version += 1
    await audit.record(
        session,
        actor_id=None,
        action="item.auto_hidden",
        target_type=item.target_type.value,
        target_id=item.target_id,
        target_member_id=item.member_id,
        reason=f"{reporters} members reported it outside moderation hours",
        details={"item_id": item.id, "round": item.round},
    )
    await queue.changed(session, item)


async def _pause_if_reported_enough(
    session: AsyncSession, *, member_id: int, needed: int, window: timedelta
) -> None:
    member = await session.get(Member, member_id)
    if member is None or member.posting_paused_at is not None:
        return
    # Only reports still waiting count: words a moderator has already looked at (reports dismissed, words
    # approved or removed) start a new round, and the reports of an earlier round are settled.
    items = await session.scalar(
        select(func.count(distinct(ReviewReason.item_id)))
        .join(
            ReviewItem,
            (ReviewItem.id == ReviewReason.item_id) & (ReviewReason.round == ReviewItem.round),
        )
        .where(
            ReviewItem.member_id == member_id,
            ReviewItem.status == ItemStatus.open,
            ReviewItem.target_type.in_(WORDS),
            ReviewReason.source == ReasonSource.report,
            ReviewReason.created_at >= utcnow() - window,
        )
    )
    if (items or 0) < needed:
        return
    member.posting_paused_at = utcnow()
    await audit.record(
        session,
        actor_id=None,
        action="member.posting_paused",
        target_type=TargetType.member.value,
        target_id=member_id,
        target_member_id=member_id,
        reason=f"reports on {items} of their items outside moderation hours",
    )
    await notify(
        session, member_id=member_id, kind="moderation.posting_paused", data={"message": PAUSED_MESSAGE}
    )


async def still_reported(session: AsyncSession, *, member_id: int) -> bool:
    """Whether any of the member's words still wait for a moderator because of reports."""
    waiting = await session.scalar(
        select(ReviewItem.id)
        .join(
            ReviewReason,
            (ReviewReason.item_id == ReviewItem.id) & (ReviewReason.round == ReviewItem.round),
        )
        .where(
            ReviewItem.member_id == member_id,
            ReviewItem.status == ItemStatus.open,
            ReviewItem.target_type.in_(WORDS),
            ReviewReason.source == ReasonSource.report,
        )
        .limit(1)
    )
    return waiting is not None


async def resume_posting(session: AsyncSession, *, member: Member, actor_id: int) -> None:
    """A moderator lifts the pause by hand; lifting one that is not there changes nothing."""
    if member.posting_paused_at is None:
        return
    member.posting_paused_at = None
    await audit.record(
        session,
        actor_id=actor_id,
        action="member.posting_resumed",
        target_type=TargetType.member.value,
        target_id=member.id,
        target_member_id=member.id,
    )
