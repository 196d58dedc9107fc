"""Erasing an account: the member's words deleted, their traces on others' screens gone live, their
sessions and sockets ended on every worker, their pseudonym held back for 90 days.

What stays, and why:
- The member row, with no password, recovery code or profile text: `erased_at` marks it, it keeps the
  pseudonym's hold (app/accounts/pseudonym_hold.py), and moderation records keep pointing at an id.
- Their posts and replies as tombstones: state "deleted", words emptied (as when an author deletes one),
  so ids in moderation records still resolve. A post gone takes its thread off the wall, as an author's
  own delete does; the replies others wrote stay stored as theirs (in their export), not shown under a
  post that no longer exists.
- Moderation records keep ids, rules, decisions and the moderators' own words (messages sent, sanctions,
  notes, audit entries: what keeps the space safe if the person returns under another name); the
  member's own words in them are emptied: screening excerpts quoting them, their report notes, their
  appeal texts.
- Others' I hear yous on their words, others' replies, and others' notifications (which carry ids, never
  words).
Gone: their I hear yous (counts go down, live), hides, mutes and blocks either way, filter words,
notification choices, notifications, sessions (with their device names), and every stored event they
wrote or that was addressed to them (events carry words).

Each domain with member data adds one eraser to ERASERS (private messages add theirs).
"""

from collections.abc import Awaitable, Callable

from sqlalchemy import delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.models import Member, MemberRelation, MemberSession
from app.accounts.service import end_sessions
from app.community.models import Notification
from app.core.db import utcnow
from app.core.errors import Invalid
from app.core.security import PasswordHasher
from app.messages import member_data
from app.moderation.models import Appeal, ReviewItem, ReviewReason
from app.realtime.events import member_audience
from app.realtime.models import Event
from app.wall import live
from app.wall.models import ContentState, Post, PostHear, PostHide, Reply, ReplyHear, ReplyHide

Eraser = Callable[[AsyncSession, Member], Awaitable[None]]
UNUSABLE_HASH = "!erased"  # matches no password: argon2 hashes start with "$"


async def forget_events(session: AsyncSession, member: Member) -> None:
    """First: stored events carry their words (a post as published) and their notices. The events the
    erasure records next carry only ids."""
    await session.execute(
        delete(Event).where(or_(Event.author_id == member.id, Event.audience == member_audience(member.id)))
    )


async def wall_words(session: AsyncSession, member: Member) -> None:
    posts = await session.scalars(
        select(Post).where(Post.author_id == member.id, Post.state != ContentState.deleted)
    )
    for post in posts:
        was = post.state
        post.state, post.body, post.content_warning = ContentState.deleted, "", None
        if was in (ContentState.published, ContentState.pending):
            await live.post_gone(session, "post.deleted", post, was=was)
    replies = await session.execute(
        select(Reply, Post.author_id)
        .join(Post, Post.id == Reply.post_id)
        .where(Reply.author_id == member.id, Reply.state != ContentState.deleted)
    )
    for reply, post_author_id in replies.all():
        was = reply.state
        if was == ContentState.published:
            await session.execute(
                update(Post).where(Post.id == reply.post_id).values(reply_count=Post.reply_count - 1)
            )
        reply.state, reply.body = ContentState.deleted, ""
        if was in (ContentState.published, ContentState.pending):
            await live.reply_gone(session, reply, post_author_id=post_author_id, was=was)
    await session.flush()


async def i_hear_yous(session: AsyncSession, member: Member) -> None:
    """Taken back, counts and all, and every screen showing the count updates."""
    heard_posts = list(await session.scalars(select(PostHear.post_id).where(PostHear.member_id == member.id)))
    heard_replies = list(
        await session.scalars(select(ReplyHear.reply_id).where(ReplyHear.member_id == member.id))
    )
    await session.execute(delete(PostHear).where(PostHear.member_id == member.id))
    await session.execute(delete(ReplyHear).where(ReplyHear.member_id == member.id))
    for post in await session.scalars(select(Post).where(Post.id.in_(heard_posts))):
        count = await _one_less_heard(session, Post, post.id)
        if post.state == ContentState.published:
            await live.heard(session, post, count, post_author_id=post.author_id)
    replies = await session.execute(
        select(Reply, Post.author_id).join(Post, Post.id == Reply.post_id).where(Reply.id.in_(heard_replies))
    )
    for reply, post_author_id in replies.all():
        count = await _one_less_heard(session, Reply, reply.id)
        if reply.state == ContentState.published:
            await live.heard(session, reply, count, post_author_id=post_author_id)


async def _one_less_heard(session: AsyncSession, model: type[Post] | type[Reply], target_id: int) -> int:
    """In the database, as hearing counts: a read-then-write could lose another member's tap."""
    result = await session.execute(
        update(model)
        .where(model.id == target_id)
        .values(heard_count=model.heard_count - 1)
        .returning(model.heard_count)
    )
    return result.scalar_one()


async def choices_and_relations(session: AsyncSession, member: Member) -> None:
    await session.execute(delete(PostHide).where(PostHide.member_id == member.id))
    await session.execute(delete(ReplyHide).where(ReplyHide.member_id == member.id))
    await session.execute(
        delete(MemberRelation).where(
            or_(MemberRelation.member_id == member.id, MemberRelation.other_id == member.id)
        )
    )
    await session.execute(delete(Notification).where(Notification.member_id == member.id))


async def moderation_quotes(session: AsyncSession, member: Member) -> None:
    """Their words inside moderation records go; the records, with ids, rules and decisions, stay."""
    about_them = select(ReviewItem.id).where(ReviewItem.member_id == member.id).scalar_subquery()
    await session.execute(
        update(ReviewReason)
        .where(ReviewReason.item_id.in_(about_them))
        .values(excerpts="[]", spans="[]")
        .execution_options(synchronize_session=False)
    )
    await session.execute(
        update(ReviewReason)
        .where(ReviewReason.reporter_id == member.id)
        .values(note=None)
        .execution_options(synchronize_session=False)
    )
    await session.execute(
        update(Appeal)
        .where(Appeal.member_id == member.id)
        .values(body="")
        .execution_options(synchronize_session=False)
    )


async def sessions(session: AsyncSession, member: Member) -> None:
    """Ended (their sockets close on every worker), then deleted with the device names they kept."""
    await end_sessions(session, member_id=member.id)
    await session.execute(delete(MemberSession).where(MemberSession.member_id == member.id))


ERASERS: list[Eraser] = [
    forget_events,
    wall_words,
    member_data.erase_messages,
    i_hear_yous,
    choices_and_relations,
    moderation_quotes,
    sessions,
]


async def erase(
    session: AsyncSession, *, member: Member, hasher: PasswordHasher, current_password: str
) -> None:
    matches, _ = await hasher.verify(current_password, member.password_hash)
    if not matches:
        raise Invalid("Your password is not right.", field="current_password")
    for eraser in ERASERS:
        await eraser(session, member)
    member.erased_at = utcnow()
    member.about_me = None
    member.password_hash = member.recovery_code_hash = UNUSABLE_HASH
    member.notifications_off = member.filter_words = "[]"
    member.break_started_at = member.break_until = None
    await session.flush()
