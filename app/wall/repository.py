"""Read queries for the wall: every one filters through app.wall.visibility, one statement per page."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, Select, exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.models import Member
from app.core.db import utcnow
from app.core.schemas import PageRequest
from app.wall.models import ContentState, Post, PostHear, PostHide, PostKind, Reply, ReplyHear
from app.wall.visibility import member_visible, post_visible, reply_visible, wall_candidates


@dataclass(frozen=True)
class PostRow:
    post: Post
    pseudonym: str
    avatar: str
    heard_by_me: bool


@dataclass(frozen=True)
class ReplyRow:
    reply: Reply
    pseudonym: str
    avatar: str
    heard_by_me: bool


def _posts(viewer_id: int, *, include_hidden: bool = False) -> Select:
    heard = exists().where(PostHear.post_id == Post.id, PostHear.member_id == viewer_id)
    return (
        select(Post, Member.pseudonym, Member.avatar, heard.label("heard_by_me"))
        .join(Member, Member.id == Post.author_id)
        .where(*post_visible(viewer_id, include_hidden=include_hidden))
    )


async def _post_rows(session: AsyncSession, query: Select) -> list[PostRow]:
    return [PostRow(*row) for row in (await session.execute(query)).all()]


def _newest_first(query: Select, page: PageRequest) -> Select:
    if page.after is not None:
        query = query.where(Post.id < page.after)
    return query.order_by(Post.id.desc()).limit(page.limit + 1)


async def wall(
    session: AsyncSession, *, viewer_id: int, page: PageRequest, kind: PostKind | None
) -> list[PostRow]:
    query = _posts(viewer_id)
    if kind is not None:
        query = query.where(Post.kind == kind)
    return await _post_rows(session, _newest_first(query, page))


def wall_page_statement(
    *, viewer: ColumnElement[int], after: ColumnElement[int], rows: ColumnElement[int]
) -> Select:
    """`wall` as plain columns, for the driver (app/wall/page_bytes.py): the same rule, with the viewer,
    the cursor and the number of rows as bound parameters so it is compiled once."""
    heard = exists().where(PostHear.post_id == Post.id, PostHear.member_id == viewer)
    return (
        select(
            Post.id,
            Post.author_id,
            Member.pseudonym,
            Member.avatar,
            Post.kind,
            Post.body,
            Post.content_warning,
            Post.state,
            Post.created_at,
            Post.edited_at,
            Post.heard_count,
            Post.reply_count,
            heard.label("heard_by_me"),
        )
        .join(Member, Member.id == Post.author_id)
        .where(*post_visible(viewer), Post.id < after)
        .order_by(Post.id.desc())
        .limit(rows)
    )


async def newest_candidates(session: AsyncSession, *, limit: int) -> list[PostRow]:
    """The newest posts any viewer may see, for the shared copy of the newest wall page; `heard_by_me` is
    left False, as it is each viewer's own."""
    query = (
        select(Post, Member.pseudonym, Member.avatar)
        .join(Member, Member.id == Post.author_id)
        .where(*wall_candidates())
        .order_by(Post.id.desc())
        .limit(limit)
    )
    rows = await session.execute(query)
    return [PostRow(post, pseudonym, avatar, False) for post, pseudonym, avatar in rows]


async def heard_among(session: AsyncSession, *, viewer_id: int, post_ids: list[int]) -> frozenset[int]:
    """Which of these posts the viewer heard."""
    rows = await session.scalars(
        select(PostHear.post_id).where(PostHear.member_id == viewer_id, PostHear.post_id.in_(post_ids))
    )
    return frozenset(rows)


async def unheard(
    session: AsyncSession, *, viewer_id: int, page: PageRequest, window_hours: int
) -> list[PostRow]:
    """Published posts from the last hours that nobody has answered yet, oldest first, not the viewer's."""
    since: datetime = utcnow() - timedelta(hours=window_hours)
    query = _posts(viewer_id).where(
        Post.state == ContentState.published,
        Post.created_at >= since,
        Post.heard_count == 0,
        Post.reply_count == 0,
        Post.author_id != viewer_id,
    )
    if page.after is not None:
        query = query.where(Post.id > page.after)
    return await _post_rows(session, query.order_by(Post.id).limit(page.limit + 1))


async def member_posts(
    session: AsyncSession, *, viewer_id: int, author_id: int, page: PageRequest
) -> list[PostRow]:
    return await _post_rows(
        session, _newest_first(_posts(viewer_id).where(Post.author_id == author_id), page)
    )


async def hidden_posts(session: AsyncSession, *, viewer_id: int, page: PageRequest) -> list[PostRow]:
    query = _posts(viewer_id, include_hidden=True).where(
        exists().where(PostHide.member_id == viewer_id, PostHide.post_id == Post.id)
    )
    return await _post_rows(session, _newest_first(query, page))


async def visible_post(session: AsyncSession, *, viewer_id: int, post_id: int) -> PostRow | None:
    rows = await _post_rows(session, _posts(viewer_id).where(Post.id == post_id))
    return rows[0] if rows else None


def _replies(viewer_id: int) -> Select:
    heard = exists().where(ReplyHear.reply_id == Reply.id, ReplyHear.member_id == viewer_id)
    return (
        select(Reply, Member.pseudonym, Member.avatar, heard.label("heard_by_me"))
        .join(Member, Member.id == Reply.author_id)
        .where(*reply_visible(viewer_id))
    )


async def replies(
    session: AsyncSession, *, viewer_id: int, post_id: int, page: PageRequest
) -> list[ReplyRow]:
    """Oldest first, as a conversation reads."""
    query = _replies(viewer_id).where(Reply.post_id == post_id)
    if page.after is not None:
        query = query.where(Reply.id > page.after)
    rows = await session.execute(query.order_by(Reply.id).limit(page.limit + 1))
    return [ReplyRow(*row) for row in rows.all()]


async def visible_reply(session: AsyncSession, *, viewer_id: int, reply_id: int) -> ReplyRow | None:
    row = (await session.execute(_replies(viewer_id).where(Reply.id == reply_id))).first()
    return ReplyRow(*row) if row else None


async def hearers(
    session: AsyncSession, *, hear: type[PostHear] | type[ReplyHear], target_id: int, viewer_id: int
) -> list[Member]:
    """Who heard the viewer's words, as far as the viewer may see them (not those who blocked them)."""
    target = hear.post_id if hear is PostHear else hear.reply_id  # type: ignore[union-attr]
    rows = await session.scalars(
        select(Member)
        .join(hear, hear.member_id == Member.id)
        .where(target == target_id, *member_visible(Member.id, viewer_id))
        .order_by(hear.created_at.desc())
    )
    return list(rows)
