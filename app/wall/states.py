"""Moderation's changes to a post's or reply's state: published after review, held for review, removed.

Each keeps the post's reply counter (published replies only) and tells the screens showing the words.
"""

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from app.wall import live, notices, repository
from app.wall.models import ContentState, Post, Reply

Target = Post | Reply


async def publish(session: AsyncSession, target: Target) -> None:
    """Pending words reach the wall, live, as if just posted."""
    if target.state != ContentState.pending:
        return
    target.state = ContentState.published
    await _count_reply(session, target, +1)
    await session.flush()
    if isinstance(target, Post):
        await live.post_changed(session, "post.published", await _post_row(session, target))
    else:
        row = await repository.visible_reply(session, viewer_id=target.author_id, reply_id=target.id)
        if row is not None:  # None when its post is gone: nobody sees the reply then
            post_author_id = await _post_author(session, target)
            await live.reply_changed(session, "reply.published", row, post_author_id=post_author_id)
            await notices.replied(session, reply=target, post_author_id=post_author_id)


async def hold(session: AsyncSession, target: Target) -> None:
    """Published words wait for a moderator: gone for everyone else, shown to their author as pending."""
    if target.state != ContentState.published:
        return
    target.state = ContentState.pending
    await _count_reply(session, target, -1)
    await session.flush()
    if isinstance(target, Post):
        await live.post_gone(session, "post.held", target, was=ContentState.published)
        await live.post_changed(session, "post.edited", await _post_row(session, target))
    else:
        post_author_id = await _post_author(session, target)
        await live.reply_gone(
            session, target, post_author_id=post_author_id, was=ContentState.published, kind="reply.held"
        )
        row = await repository.visible_reply(session, viewer_id=target.author_id, reply_id=target.id)
        if row is not None:
            await live.reply_changed(session, "reply.edited", row, post_author_id=post_author_id)


async def remove(session: AsyncSession, target: Target) -> None:
    """Off the wall for everyone, its author included; the row and its words stay, for the record."""
    was = target.state
    if was in (ContentState.removed, ContentState.deleted):
        return
    target.state = ContentState.removed
    if was == ContentState.published:
        await _count_reply(session, target, -1)
    await session.flush()
    if isinstance(target, Post):
        await live.post_gone(session, "post.removed", target, was=was)
    else:
        await live.reply_gone(
            session, target, post_author_id=await _post_author(session, target), was=was, kind="reply.removed"
        )


async def _count_reply(session: AsyncSession, target: Target, step: int) -> None:
    if isinstance(target, Reply):
        await session.execute(
            update(Post).where(Post.id == target.post_id).values(reply_count=Post.reply_count + step)
        )


async def _post_row(session: AsyncSession, post: Post) -> repository.PostRow:
    row = await repository.visible_post(session, viewer_id=post.author_id, post_id=post.id)
    assert row is not None  # the author always sees their own published or pending post
    return row


async def _post_author(session: AsyncSession, reply: Reply) -> int:
    post = await session.get(Post, reply.post_id)
    assert post is not None  # a reply's post is never hard-deleted while the reply exists
    return post.author_id
