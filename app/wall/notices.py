"""What the wall tells an author: someone heard them, someone replied to them.

Never who heard (the author can look, as always, at their post's hearers), and nothing from a member the
author muted or blocked. I hear yous coalesce: while the author has not read it, one notice per post or
reply says how many members heard it, replaced (newest first again) as more hear it; taking an I hear you
back leaves the notice as it is. Notices carry ids, never words, so erasing a member leaves nothing of
theirs in someone else's notifications.
"""

import json

from sqlalchemy import delete, exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.models import MemberRelation
from app.community.models import Notification
from app.community.notifications import notify
from app.wall.models import Post, Reply

HEARD = "wall.heard"
REPLIED = "wall.replied"
_COALESCED_LOOKBACK = (
    50  # unread heard notices looked through; more means the author has not looked in a while
)


async def _author_excludes(session: AsyncSession, *, author_id: int, other_id: int) -> bool:
    return bool(
        await session.scalar(
            select(exists().where(MemberRelation.member_id == author_id, MemberRelation.other_id == other_id))
        )
    )


def _target(target: Post | Reply) -> dict[str, int]:
    if isinstance(target, Post):
        return {"post_id": target.id}
    return {"post_id": target.post_id, "reply_id": target.id}


async def heard(session: AsyncSession, *, target: Post | Reply, hearer_id: int, heard_count: int) -> None:
    if await _author_excludes(session, author_id=target.author_id, other_id=hearer_id):
        return
    where = _target(target)
    unread = await session.execute(
        select(Notification.id, Notification.data)
        .where(
            Notification.member_id == target.author_id,
            Notification.kind == HEARD,
            Notification.read_at.is_(None),
        )
        .order_by(Notification.id.desc())
        .limit(_COALESCED_LOOKBACK)
    )
    replaces = None
    for notification_id, data in unread.all():
        known = json.loads(data)
        if known.get("post_id") == where["post_id"] and known.get("reply_id") == where.get("reply_id"):
            replaces = notification_id
            break
    if replaces is not None:
        await session.execute(delete(Notification).where(Notification.id == replaces))
    await notify(
        session,
        member_id=target.author_id,
        kind=HEARD,
        data={**where, "heard_count": heard_count, **({"replaces": replaces} if replaces else {})},
    )


async def replied(session: AsyncSession, *, reply: Reply, post_author_id: int) -> None:
    """A published reply, to the author of the post it answers (not to themself)."""
    if reply.author_id == post_author_id:
        return
    if await _author_excludes(session, author_id=post_author_id, other_id=reply.author_id):
        return
    await notify(session, member_id=post_author_id, kind=REPLIED, data=_target(reply))
