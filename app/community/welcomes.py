"""New members and welcomes: who joined lately, and members saying hello to them privately.

A welcome opens (or continues) the pair's conversation with its message, so it follows every rule of
private messages: blocks and preferences refuse neutrally, and the words are screened. One per pair.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.breaks import on_break_clause
from app.accounts.models import Member, MemberRelation, RelationKind
from app.accounts.service import find_member
from app.core.db import insert_if_absent, utcnow
from app.core.errors import Conflict, Invalid, NotFound
from app.core.schemas import PageRequest
from app.messages import service as messages
from app.messages.models import Message, MessageKind, MessagingPreference, Welcome
from app.moderation.schemas import ScreeningNotice
from app.moderation.screening_cache import ScreenerCache
from app.wall.visibility import member_visible

DEFAULT_WELCOME = "Welcome to Alongside."


class AlreadyWelcomed(Conflict):
    code = "already_welcomed"


@dataclass(frozen=True)
class NewMemberRow:
    member: Member
    welcome_count: int
    welcomed_by_me: bool


async def new_members(
    session: AsyncSession, *, viewer_id: int, page: PageRequest, days: int
) -> list[NewMemberRow]:
    """Newest first: joined within `days`, listed, and neither blocking nor blocked by the viewer."""
    count = select(func.count(Welcome.id)).where(Welcome.new_member_id == Member.id).scalar_subquery()
    mine = exists().where(Welcome.new_member_id == Member.id, Welcome.welcomer_id == viewer_id)
    query = select(Member, count, mine).where(
        Member.joined_at >= utcnow() - timedelta(days=days),
        Member.id != viewer_id,
        Member.erased_at.is_(None),
        ~on_break_clause(utcnow()),
        *member_visible(Member.id, viewer_id),
        ~exists().where(
            MemberRelation.member_id == viewer_id,
            MemberRelation.other_id == Member.id,
            MemberRelation.kind == RelationKind.block,
        ),
        ~exists().where(
            and_(MessagingPreference.member_id == Member.id, MessagingPreference.listed_as_new.is_(False))
        ),
    )
    if page.after is not None:
        query = query.where(Member.id < page.after)
    rows = (await session.execute(query.order_by(Member.id.desc()).limit(page.limit + 1))).all()
    return [NewMemberRow(m, int(n), bool(w)) for m, n, w in rows]


async def welcome(
    session: AsyncSession,
    *,
    welcomer: Member,
    pseudonym: str,
    text: str | None,
    screeners: ScreenerCache,
    post_anyway: bool,
    days: int,
    new_hours: int,
) -> tuple[Message, ScreeningNotice | None]:
    other = await find_member(session, pseudonym)
    if other is None:
        raise NotFound(messages.NO_SUCH_MEMBER)
    if other.id == welcomer.id:
        raise Invalid("You can't welcome yourself.", field="pseudonym")
    if other.joined_at < utcnow() - timedelta(days=days):
        raise Invalid(f"{other.pseudonym} joined more than {days} days ago.", field="pseudonym")
    existing = await messages.between(session, welcomer.id, other.id)
    await messages.check_may_write(
        session, writer=welcomer, other=other, existing=existing, new_hours=new_hours
    )
    conversation = existing or await messages.open_between(session, starter_id=welcomer.id, other_id=other.id)
    if not await insert_if_absent(
        session,
        Welcome,
        welcomer_id=welcomer.id,
        new_member_id=other.id,
        conversation_id=conversation.id,
        created_at=utcnow(),
    ):
        raise AlreadyWelcomed(f"You have already welcomed {other.pseudonym}.")
    return await messages.write(
        session,
        conversation=conversation,
        author_id=welcomer.id,
        body=text or DEFAULT_WELCOME,
        screeners=screeners,
        post_anyway=post_anyway,
        kind=MessageKind.welcome,
    )


@dataclass(frozen=True)
class WelcomeRow:
    id: int
    welcomer: Member
    conversation_id: int | None
    created_at: datetime


async def my_welcomes(session: AsyncSession, *, member_id: int, page: PageRequest) -> list[WelcomeRow]:
    """Who welcomed the member, newest first; not those who blocked them or whom they blocked."""
    query = (
        select(Welcome, Member)
        .join(Member, Member.id == Welcome.welcomer_id)
        .where(
            Welcome.new_member_id == member_id,
            *member_visible(Member.id, member_id),
            ~exists().where(
                MemberRelation.member_id == member_id,
                MemberRelation.other_id == Member.id,
                MemberRelation.kind == RelationKind.block,
            ),
        )
    )
    if page.after is not None:
        query = query.where(Welcome.id < page.after)
    rows = (await session.execute(query.order_by(Welcome.id.desc()).limit(page.limit + 1))).all()
    return [WelcomeRow(w.id, m, w.conversation_id, w.created_at) for w, m in rows]
