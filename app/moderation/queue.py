"""The review queue's core: one item per target gathering every reason, claims, and the live channel.

Reports, screening, crisis language and new-member holds all enter through `add_reason`; moderators'
screens follow each change through a `queue.changed` event on the moderators' audience, which carries
ids and states only, never member text or who reported.
"""

import json
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.db import insert_if_absent, utcnow
from app.core.errors import Conflict, Forbidden, NotFound
from app.moderation.models import (
    ItemStatus,
    Priority,
    ReasonSource,
    ReviewItem,
    ReviewReason,
    TargetType,
)
from app.realtime import events

# A claim nobody acted on for this long lapses, so an item never waits on a moderator who went home.
CLAIM_LAPSES_AFTER = timedelta(minutes=15)
ITEM_NOT_FOUND = "No such item in the review queue."


class StaleVersion(Conflict):
    """The item changed since the moderator loaded it (a new report, another decision)."""

    code = "stale_version"


class ClaimedByOther(Conflict):
    code = "claimed"


class AlreadyDecided(Conflict):
    code = "already_decided"


async def add_reason(
    session: AsyncSession,
    *,
    target_type: TargetType,
    target_id: int,
    member_id: int,
    source: ReasonSource,
    priority: Priority,
    reporter_id: int | None = None,
    rule_id: int | None = None,
    note: str | None = None,
    check_id: int | None = None,
    action: str | None = None,
    excerpts: Sequence[str] = (),
    spans: Sequence[tuple[int, int]] = (),
    sensitive: bool = False,
) -> tuple[ReviewItem, bool]:
    """Queue a reason on the target's one item; False when it is a repeat report that counts once."""
    await events.take_event_lock(session)
    now = utcnow()
    created = await insert_if_absent(
        session,
        ReviewItem,
        target_type=target_type,
        target_id=target_id,
        member_id=member_id,
        status=ItemStatus.open,
        priority=int(priority),
        version=1,
        round=1,
        opened_at=now,
    )
    item = await lock_item(session, target_type=target_type, target_id=target_id)
    reopened = item.status == ItemStatus.resolved
    if reopened:
        # A new round: the last decision stands in the record; this is a fresh question.
        item.status, item.round, item.opened_at = ItemStatus.open, item.round + 1, now
        item.priority = int(priority)
        item.resolved_at = item.resolution = item.escalated_at = None
        item.claimed_by_id = item.claimed_at = None
    reason = {
        "item_id": item.id,
        "round": item.round,
        "source": source,
        "reporter_id": reporter_id,
        "rule_id": rule_id,
        "note": note,
        "check_id": check_id,
        "action": action,
        "excerpts": json.dumps(list(excerpts)),
        "spans": json.dumps([list(span) for span in spans]),
        "sensitive": sensitive,
        "created_at": now,
    }
    if reporter_id is not None:
        # The unique index on (item, round, reporter) makes a repeat, even a concurrent one, a no-op.
        if not await insert_if_absent(session, ReviewReason, **reason):
            return item, False
    else:
        session.add(ReviewReason(**reason))
    if not created:
        item.priority = min(item.priority, int(priority))
        item.version += 1
    await session.flush()
    await changed(session, item)
    return item, True


async def lock_item(
    session: AsyncSession,
    *,
    item_id: int | None = None,
    target_type: TargetType | None = None,
    target_id: int | None = None,
) -> ReviewItem:
    """The item as stored now, locked for this transaction on PostgreSQL (SQLite has one writer)."""
    # Every change to an item records a queue event: the event lock comes first, the row lock second.
    await events.take_event_lock(session)
    query = select(ReviewItem).with_for_update().execution_options(populate_existing=True)
    if item_id is not None:
        query = query.where(ReviewItem.id == item_id)
    else:
        query = query.where(ReviewItem.target_type == target_type, ReviewItem.target_id == target_id)
    item = await session.scalar(query)
    if item is None:
        raise NotFound(ITEM_NOT_FOUND)
    return item


def claim_is_live(item: ReviewItem, now: datetime) -> bool:
    return item.claimed_at is not None and now - item.claimed_at < CLAIM_LAPSES_AFTER


def take_claim(item: ReviewItem, moderator_id: int, now: datetime) -> None:
    """Hold the item, unless another moderator holds it and their claim has not lapsed (409)."""
    if item.status != ItemStatus.open:
        raise AlreadyDecided("This item has already been decided.")
    if item.claimed_by_id not in (None, moderator_id) and claim_is_live(item, now):
        raise ClaimedByOther("Another moderator is looking at this item.")
    item.claimed_by_id, item.claimed_at = moderator_id, now


async def claim(session: AsyncSession, *, item_id: int, moderator_id: int, may_safeguard: bool) -> ReviewItem:
    """Claiming again renews the claim; escalated items are for the safeguarding lead to hold."""
    item = await lock_item(session, item_id=item_id)
    if item.escalated_at is not None and not may_safeguard:
        raise Forbidden("This item was escalated: the safeguarding lead decides it.")
    take_claim(item, moderator_id, utcnow())
    await session.flush()
    await changed(session, item)
    return item


async def release(session: AsyncSession, *, item_id: int, moderator_id: int) -> None:
    """Letting go of an item nobody holds changes nothing; another's live claim is theirs to let go."""
    item = await lock_item(session, item_id=item_id)
    if item.claimed_by_id is None:
        return
    if item.claimed_by_id != moderator_id and claim_is_live(item, utcnow()):
        raise ClaimedByOther("Another moderator holds this item; only they can let it go.")
    item.claimed_by_id = item.claimed_at = None
    await session.flush()
    await changed(session, item)


async def changed(session: AsyncSession, item: ReviewItem) -> None:
    """Online moderators' queues update live; urgent items arrive the moment they are queued."""
    await events.record(
        session,
        kind="queue.changed",
        audience=events.MODERATORS,
        data={
            "item_id": item.id,
            "priority": Priority(item.priority).name,
            "status": item.status.value,
            "version": item.version,
            "escalated": item.escalated_at is not None,
            "claimed": item.claimed_by_id is not None,
        },
    )
