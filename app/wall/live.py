"""The wall's events: what other members' screens learn when a post, reply or I hear you changes."""

from typing import Any

import orjson
from sqlalchemy.ext.asyncio import AsyncSession

from app.realtime import events
from app.realtime.events import WALL, member_audience
from app.wall.models import ContentState, Post, Reply
from app.wall.repository import PostRow, ReplyRow
from app.wall.schemas import PostPublic, ReplyPublic


def _audience(state: ContentState, author_id: int) -> str:
    """Pending words reach only their author; published ones the wall (each viewer's filters apply)."""
    return WALL if state == ContentState.published else member_audience(author_id)


def post_event(kind: str, row: PostRow) -> dict[str, Any]:
    """The event a post's change makes, as `events.record` takes it."""
    post = row.post
    public = PostPublic.of(row).model_dump(mode="json")
    return post_event_of(kind, state=post.state, author_id=post.author_id, post_id=post.id, public=public)


def post_event_of(
    kind: str, *, state: ContentState, author_id: int, post_id: int, public: dict[str, Any] | orjson.Fragment
) -> dict[str, Any]:
    """`post_event` from the post's own fields, `public` its public ones (PostPublic), as a dict or as JSON
    already written."""
    return {
        "kind": kind,
        "audience": _audience(state, author_id),
        "data": {"post": public},
        "author_id": author_id,
        "post_id": post_id,
        "post_author_id": author_id,
    }


async def post_changed(session: AsyncSession, kind: str, row: PostRow) -> None:
    await events.record(session, **post_event(kind, row))


async def post_gone(session: AsyncSession, kind: str, post: Post, *, was: ContentState) -> None:
    """Deleted or removed: every screen showing it drops it."""
    await events.record(
        session,
        kind=kind,
        audience=_audience(was, post.author_id),
        data={"post_id": post.id},
        author_id=post.author_id,
        post_id=post.id,
        post_author_id=post.author_id,
    )


async def reply_changed(session: AsyncSession, kind: str, row: ReplyRow, *, post_author_id: int) -> None:
    reply = row.reply
    await events.record(
        session,
        kind=kind,
        audience=_audience(reply.state, reply.author_id),
        data={"reply": ReplyPublic.of(row).model_dump(mode="json")},
        author_id=reply.author_id,
        post_id=reply.post_id,
        post_author_id=post_author_id,
        reply_id=reply.id,
    )


async def reply_gone(
    session: AsyncSession,
    reply: Reply,
    *,
    post_author_id: int,
    was: ContentState,
    kind: str = "reply.deleted",
) -> None:
    """Deleted, removed or held: every screen showing it drops it."""
    await events.record(
        session,
        kind=kind,
        audience=_audience(was, reply.author_id),
        data={"reply_id": reply.id, "post_id": reply.post_id},
        author_id=reply.author_id,
        post_id=reply.post_id,
        post_author_id=post_author_id,
        reply_id=reply.id,
    )


async def heard(session: AsyncSession, target: Post | Reply, count: int, *, post_author_id: int) -> None:
    """The new count only: who heard is for the author to look up."""
    if isinstance(target, Post):
        kind, data = "post.heard", {"post_id": target.id, "heard_count": count}
        post_id, reply_id = target.id, None
    else:
        kind, data = "reply.heard", {"reply_id": target.id, "post_id": target.post_id, "heard_count": count}
        post_id, reply_id = target.post_id, target.id
    await events.record(
        session,
        kind=kind,
        audience=WALL,
        data=data,
        author_id=target.author_id,
        post_id=post_id,
        post_author_id=post_author_id,
        reply_id=reply_id,
    )
