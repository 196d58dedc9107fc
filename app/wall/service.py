"""The rules of the wall: posting, replying, editing, deleting, I hear you and hiding."""

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.models import Member
from app.core.config import Settings
from app.core.db import insert_if_absent, utcnow
from app.core.errors import Forbidden, NotFound
from app.core.ratelimit import RateLimiter
from app.moderation import intake
from app.moderation.models import TargetType
from app.moderation.schemas import ScreeningNotice
from app.moderation.screening_cache import ScreenerCache
from app.realtime import events
from app.wall import live, notices, repository, states
from app.wall.models import ContentState, Post, PostHear, PostHide, PostKind, Reply, ReplyHear
from app.wall.repository import PostRow, ReplyRow

POST_NOT_FOUND = "No such post, or it is not visible to you."
REPLY_NOT_FOUND = "No such reply, or it is not visible to you."


async def visible_post(session: AsyncSession, *, viewer_id: int, post_id: int) -> PostRow:
    row = await repository.visible_post(session, viewer_id=viewer_id, post_id=post_id)
    if row is None:
        raise NotFound(POST_NOT_FOUND)
    return row


async def visible_reply(session: AsyncSession, *, viewer_id: int, reply_id: int) -> ReplyRow:
    row = await repository.visible_reply(session, viewer_id=viewer_id, reply_id=reply_id)
    if row is None:
        raise NotFound(REPLY_NOT_FOUND)
    return row


async def count_post(limiter: RateLimiter, settings: Settings, author_id: int) -> None:
    """A post counts against its author's rate limit (429 over it) before anything is stored."""
    await limiter.hit("post", settings.rate_post, str(author_id), what="posts")


def new_post(
    *, author_id: int, kind: PostKind, body: str, content_warning: str | None, held: bool, now: datetime
) -> dict[str, Any]:
    """A post's columns as it is first stored: pending while its words wait for a moderator, else
    published."""
    return {
        "author_id": author_id,
        "kind": kind,
        "body": body,
        "content_warning": content_warning,
        "state": ContentState.pending if held else ContentState.published,
        "created_at": now,
        "edited_at": None,
        "heard_count": 0,
        "reply_count": 0,
    }


async def create_post(
    session: AsyncSession,
    *,
    author: Member,
    kind: PostKind,
    body: str,
    content_warning: str | None,
    screeners: ScreenerCache,
    post_anyway: bool,
) -> tuple[PostRow, ScreeningNotice | None]:
    """Screened first: refused or nudged words are never stored; held ones reach only their author."""
    verdict = await intake.check_words(
        session,
        screeners=screeners,
        member_id=author.id,
        texts={"body": body, "content_warning": content_warning},
        post_anyway=post_anyway,
        first_words=True,
    )
    post = Post(
        **new_post(
            author_id=author.id,
            kind=kind,
            body=body,
            content_warning=content_warning,
            held=verdict.held,
            now=utcnow(),
        )
    )
    session.add(post)
    await session.flush()
    # A new post, published or pending, is always visible to its author: no need to read it back.
    row = PostRow(post, author.pseudonym, author.avatar, heard_by_me=False)
    await live.post_changed(session, "post.published", row)
    notice = await intake.after_stored(
        session, verdict, target_type=TargetType.post, target_id=post.id, member_id=author.id
    )
    return row, notice


def _check_editable(author_id: int, created_at_age: timedelta, viewer_id: int, window_minutes: int) -> None:
    if author_id != viewer_id:
        raise Forbidden("Only the author can change this.")
    if created_at_age > timedelta(minutes=window_minutes):
        raise Forbidden(
            f"Posts and replies can be edited for {window_minutes} minutes after they are written."
        )


async def edit_post(
    session: AsyncSession,
    *,
    viewer_id: int,
    post_id: int,
    changes: dict[str, object],
    window_minutes: int,
    screeners: ScreenerCache,
    post_anyway: bool,
) -> tuple[PostRow, ScreeningNotice | None]:
    """Edited words are screened again; words that now need a moderator are held until one looks."""
    row = await visible_post(session, viewer_id=viewer_id, post_id=post_id)
    post = row.post
    _check_editable(post.author_id, utcnow() - post.created_at, viewer_id, window_minutes)
    for field in ("kind", "body", "content_warning"):
        if field in changes and (changes[field] is not None or field == "content_warning"):
            setattr(post, field, changes[field])
    verdict = await intake.check_words(
        session,
        screeners=screeners,
        member_id=viewer_id,
        texts={"body": post.body, "content_warning": post.content_warning},
        post_anyway=post_anyway,
    )
    post.edited_at = utcnow()
    await session.flush()
    if verdict.held and post.state == ContentState.published:
        await states.hold(session, post)  # tells the wall it went, and the author it waits
    else:
        await live.post_changed(session, "post.edited", row)
    notice = await intake.after_stored(
        session, verdict, target_type=TargetType.post, target_id=post.id, member_id=viewer_id
    )
    return row, notice


async def delete_post(session: AsyncSession, *, viewer_id: int, post_id: int) -> None:
    """The row stays as a tombstone for its replies; its words are gone at once."""
    post = (await visible_post(session, viewer_id=viewer_id, post_id=post_id)).post
    if post.author_id != viewer_id:
        raise Forbidden("Only the author can delete this.")
    was = post.state
    post.state = ContentState.deleted
    post.body = ""
    post.content_warning = None
    await session.flush()
    await live.post_gone(session, "post.deleted", post, was=was)


async def create_reply(
    session: AsyncSession,
    *,
    author_id: int,
    post_id: int,
    body: str,
    screeners: ScreenerCache,
    post_anyway: bool,
) -> tuple[ReplyRow, ScreeningNotice | None]:
    parent = await visible_post(session, viewer_id=author_id, post_id=post_id)
    if parent.post.state != ContentState.published:
        raise Forbidden("Replies open once the post is published.")
    verdict = await intake.check_words(
        session,
        screeners=screeners,
        member_id=author_id,
        texts={"body": body},
        post_anyway=post_anyway,
        first_words=True,
    )
    reply = Reply(
        post_id=post_id,
        author_id=author_id,
        body=body,
        state=ContentState.pending if verdict.held else ContentState.published,
        created_at=utcnow(),
        heard_count=0,
    )
    session.add(reply)
    if not verdict.held:
        await session.execute(update(Post).where(Post.id == post_id).values(reply_count=Post.reply_count + 1))
    await session.flush()
    row = await visible_reply(session, viewer_id=author_id, reply_id=reply.id)
    await live.reply_changed(session, "reply.published", row, post_author_id=parent.post.author_id)
    if not verdict.held:
        await notices.replied(session, reply=reply, post_author_id=parent.post.author_id)
    notice = await intake.after_stored(
        session, verdict, target_type=TargetType.reply, target_id=reply.id, member_id=author_id
    )
    return row, notice


async def edit_reply(
    session: AsyncSession,
    *,
    viewer_id: int,
    reply_id: int,
    body: str,
    window_minutes: int,
    screeners: ScreenerCache,
    post_anyway: bool,
) -> tuple[ReplyRow, ScreeningNotice | None]:
    row = await visible_reply(session, viewer_id=viewer_id, reply_id=reply_id)
    _check_editable(row.reply.author_id, utcnow() - row.reply.created_at, viewer_id, window_minutes)
    verdict = await intake.check_words(
        session, screeners=screeners, member_id=viewer_id, texts={"body": body}, post_anyway=post_anyway
    )
    row.reply.body = body
    row.reply.edited_at = utcnow()
    await session.flush()
    if verdict.held and row.reply.state == ContentState.published:
        await states.hold(session, row.reply)
    else:
        await live.reply_changed(
            session, "reply.edited", row, post_author_id=await _post_author(session, row.reply)
        )
    notice = await intake.after_stored(
        session, verdict, target_type=TargetType.reply, target_id=row.reply.id, member_id=viewer_id
    )
    return row, notice


async def delete_reply(session: AsyncSession, *, viewer_id: int, reply_id: int) -> None:
    reply = (await visible_reply(session, viewer_id=viewer_id, reply_id=reply_id)).reply
    if reply.author_id != viewer_id:
        raise Forbidden("Only the author can delete this.")
    if reply.state == ContentState.published:
        await session.execute(
            update(Post).where(Post.id == reply.post_id).values(reply_count=Post.reply_count - 1)
        )
    was = reply.state
    reply.state = ContentState.deleted
    reply.body = ""
    await session.flush()
    await live.reply_gone(session, reply, post_author_id=await _post_author(session, reply), was=was)


async def set_post_heard(session: AsyncSession, *, viewer_id: int, post_id: int, heard: bool) -> int:
    """Idempotent on and off; returns the new count."""
    post = (await visible_post(session, viewer_id=viewer_id, post_id=post_id)).post
    _check_hearable(post.author_id, post.state, viewer_id, "post")
    return await _toggle_hear(
        session,
        target=post,
        hear=PostHear,
        key="post_id",
        viewer_id=viewer_id,
        heard=heard,
        post_author_id=post.author_id,
    )


async def set_reply_heard(session: AsyncSession, *, viewer_id: int, reply_id: int, heard: bool) -> int:
    reply = (await visible_reply(session, viewer_id=viewer_id, reply_id=reply_id)).reply
    _check_hearable(reply.author_id, reply.state, viewer_id, "reply")
    return await _toggle_hear(
        session,
        target=reply,
        hear=ReplyHear,
        key="reply_id",
        viewer_id=viewer_id,
        heard=heard,
        post_author_id=await _post_author(session, reply),
    )


async def _toggle_hear(
    session: AsyncSession,
    *,
    target: Post | Reply,
    hear: type[PostHear] | type[ReplyHear],
    key: str,
    viewer_id: int,
    heard: bool,
    post_author_id: int,
) -> int:
    """Insert-or-ignore and delete keep one hear per member under concurrent taps; the counter follows."""
    if heard:
        changed = await insert_if_absent(
            session, hear, member_id=viewer_id, created_at=utcnow(), **{key: target.id}
        )
    else:
        result = await session.execute(
            delete(hear).where(getattr(hear, key) == target.id, hear.member_id == viewer_id)
        )
        changed = result.rowcount == 1  # type: ignore[attr-defined]
    if not changed:
        return target.heard_count
    model = type(target)
    step = 1 if heard else -1
    count = (
        await session.execute(
            update(model)
            .where(model.id == target.id)
            .values(heard_count=model.heard_count + step)
            .returning(model.heard_count)
        )
    ).scalar_one()
    await live.heard(session, target, count, post_author_id=post_author_id)
    if heard:
        await notices.heard(session, target=target, hearer_id=viewer_id, heard_count=count)
    return count


def _check_hearable(author_id: int, state: ContentState, viewer_id: int, noun: str) -> None:
    if author_id == viewer_id:
        raise Forbidden(f"I hear you is for other members' {noun}s.")
    if state != ContentState.published:
        raise Forbidden(f"This {noun} is waiting for a moderator.")


async def set_hidden(session: AsyncSession, *, viewer_id: int, post_id: int, hidden: bool) -> None:
    if hidden:
        await visible_post(session, viewer_id=viewer_id, post_id=post_id)
        await insert_if_absent(session, PostHide, member_id=viewer_id, post_id=post_id, created_at=utcnow())
    else:
        result = await session.execute(
            delete(PostHide).where(PostHide.member_id == viewer_id, PostHide.post_id == post_id)
        )
        if result.rowcount == 0:  # type: ignore[attr-defined]
            raise NotFound("You have not hidden that post.")
    await events.viewer_changed(session, viewer_id)


async def hearers_of_post(session: AsyncSession, *, viewer_id: int, post_id: int) -> list[Member]:
    post = (await visible_post(session, viewer_id=viewer_id, post_id=post_id)).post
    if post.author_id != viewer_id:
        raise Forbidden("Only the author sees who heard them.")
    return await repository.hearers(session, hear=PostHear, target_id=post_id, viewer_id=viewer_id)


async def hearers_of_reply(session: AsyncSession, *, viewer_id: int, reply_id: int) -> list[Member]:
    reply = (await visible_reply(session, viewer_id=viewer_id, reply_id=reply_id)).reply
    if reply.author_id != viewer_id:
        raise Forbidden("Only the author sees who heard them.")
    return await repository.hearers(session, hear=ReplyHear, target_id=reply_id, viewer_id=viewer_id)


async def _post_author(session: AsyncSession, reply: Reply) -> int:
    return (await session.get(Post, reply.post_id)).author_id  # type: ignore[union-attr]
