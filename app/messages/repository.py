"""Queries for conversations and messages: what a member sees, in order, with unread counts."""

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from app.accounts.models import Member, MemberRelation, RelationKind
from app.core.errors import Invalid
from app.core.schemas import PageRequest
from app.messages.models import Conversation, ConversationKind, ConversationMember, Message, MessageHide
from app.wall.models import ContentState


@dataclass(frozen=True)
class ConversationRow:
    conversation: Conversation
    place: ConversationMember  # the viewer's
    other: Member
    unread: int


def visible_to(viewer_id: int) -> list[ColumnElement[bool]]:
    """Published, or pending and the viewer's own; not a message the viewer reported."""
    return [
        or_(
            Message.state == ContentState.published,
            and_(
                Message.state == ContentState.pending,
                Message.author_id == viewer_id,
                Message.from_team.is_(False),
            ),
        ),
        ~exists().where(MessageHide.member_id == viewer_id, MessageHide.message_id == Message.id),
    ]


def not_mine(viewer_id: int) -> ColumnElement[bool]:
    return or_(Message.from_team, Message.author_id.is_(None), Message.author_id != viewer_id)


def _unread(viewer_id: int, place: type[ConversationMember]) -> ColumnElement[int]:
    return (
        select(func.count(Message.id))
        .where(
            Message.conversation_id == place.conversation_id,
            Message.id > place.last_read_message_id,
            not_mine(viewer_id),
            *visible_to(viewer_id),
        )
        .scalar_subquery()
    )


def _listed(viewer_id: int, query: Select[Any], mine: type[ConversationMember]) -> Select[Any]:
    """The viewer's conversations with members they have not blocked (`mine` is the viewer's place)."""
    theirs = aliased(ConversationMember)
    return (
        query.join(mine, and_(mine.conversation_id == Conversation.id, mine.member_id == viewer_id))
        .join(theirs, and_(theirs.conversation_id == Conversation.id, theirs.member_id != viewer_id))
        .join(Member, Member.id == theirs.member_id)
        .where(
            Conversation.kind == ConversationKind.members,
            ~exists().where(
                MemberRelation.member_id == viewer_id,
                MemberRelation.other_id == Member.id,
                MemberRelation.kind == RelationKind.block,
            ),
        )
    )


async def conversations(
    session: AsyncSession, *, viewer_id: int, page: PageRequest, conversation_id: int | None = None
) -> list[ConversationRow]:
    """The viewer's conversations with members, newest message first; not with members they blocked."""
    mine = aliased(ConversationMember)
    query = _listed(viewer_id, select(Conversation, mine, Member, _unread(viewer_id, mine)), mine)
    if conversation_id is not None:
        query = query.where(Conversation.id == conversation_id)
    else:
        query = query.where(mine.last_message_id.is_not(None))
        if page.after is not None:
            query = query.where(mine.last_message_id < page.after)
        query = query.order_by(mine.last_message_id.desc()).limit(page.limit + 1)
    rows = (await session.execute(query)).all()
    return [ConversationRow(c, place, other, int(unread)) for c, place, other, unread in rows]


async def unread_conversations(session: AsyncSession, *, viewer_id: int) -> int:
    """How many of the conversations listed to the viewer hold a message they have not read: all pages."""
    mine = aliased(ConversationMember)
    query = _listed(viewer_id, select(func.count(Conversation.id)).select_from(Conversation), mine).where(
        mine.last_message_id.is_not(None), _unread(viewer_id, mine) > 0
    )
    return int(await session.scalar(query) or 0)


async def messages(
    session: AsyncSession, *, conversation_id: int, viewer_id: int | None, page: PageRequest
) -> list[Message]:
    """Newest first; `viewer_id` None is the moderators' view of a team conversation (all but removed)."""
    query = select(Message).where(Message.conversation_id == conversation_id)
    if viewer_id is not None:
        query = query.where(*visible_to(viewer_id))
    else:
        query = query.where(Message.state.in_((ContentState.published, ContentState.pending)))
    if page.after is not None:
        query = query.where(Message.id < page.after)
    return list(await session.scalars(query.order_by(Message.id.desc()).limit(page.limit + 1)))


async def by_ids(session: AsyncSession, ids: set[int]) -> dict[int, Message]:
    if not ids:
        return {}
    return {m.id: m for m in await session.scalars(select(Message).where(Message.id.in_(ids)))}


async def unread_in(session: AsyncSession, *, conversation_id: int, viewer_id: int, after_id: int) -> int:
    return int(
        await session.scalar(
            select(func.count(Message.id)).where(
                Message.conversation_id == conversation_id,
                Message.id > after_id,
                not_mine(viewer_id),
                *visible_to(viewer_id),
            )
        )
        or 0
    )


def _team_listed(query: Select[Any]) -> Select[Any]:
    """Members' conversations with the team that hold a message, each joined to its member."""
    place = aliased(ConversationMember)
    return (
        query.join(place, place.conversation_id == Conversation.id)
        .join(Member, Member.id == place.member_id)
        .where(Conversation.kind == ConversationKind.team, Conversation.team_last_message_id.is_not(None))
    )


async def awaiting_team_total(session: AsyncSession) -> int:
    """How many members' conversations with the team wait for an answer: all pages."""
    counted = select(func.count(Conversation.id)).select_from(Conversation)
    query = _team_listed(counted).where(Conversation.awaiting_team.is_(True))
    return int(await session.scalar(query) or 0)


async def team_inbox(session: AsyncSession, *, page: PageRequest) -> list[tuple[Conversation, Member, int]]:
    """Unanswered first, then by newest message; each with the member's messages the team has not read."""
    unread = (
        select(func.count(Message.id))
        .where(
            Message.conversation_id == Conversation.id,
            Message.id > Conversation.team_read_message_id,
            Message.from_team.is_(False),
            Message.state == ContentState.published,
        )
        .scalar_subquery()
    )
    query = _team_listed(select(Conversation, Member, unread))
    if page.after is not None:
        # The cursor is the last conversation's id; its place in the order is read back from it.
        anchor = await session.get(Conversation, page.after)
        if anchor is None or anchor.team_last_message_id is None:
            raise Invalid("That cursor is not one this service gave out.", field="cursor")
        query = query.where(
            or_(
                Conversation.awaiting_team < anchor.awaiting_team,
                and_(
                    Conversation.awaiting_team == anchor.awaiting_team,
                    Conversation.team_last_message_id < anchor.team_last_message_id,
                ),
            )
        )
    query = query.order_by(Conversation.awaiting_team.desc(), Conversation.team_last_message_id.desc()).limit(
        page.limit + 1
    )
    return [(c, m, int(n)) for c, m, n in (await session.execute(query)).all()]
