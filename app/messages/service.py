"""Conversations between two members: starting one, writing, reading, and who may write to whom.

A member who blocked the writer, or who takes messages only from members they already talk to, refuses
with the same neutral answer, so the writer cannot tell a block from a preference.
"""

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.models import Member
from app.accounts.relations import has_blocked
from app.accounts.service import find_member
from app.core.db import insert_if_absent, utcnow
from app.core.errors import Forbidden, Invalid, NotFound
from app.messages import delivery
from app.messages.models import (
    AcceptFrom,
    Conversation,
    ConversationKind,
    ConversationMember,
    Message,
    MessageKind,
    MessagingPreference,
)
from app.moderation import intake
from app.moderation.models import TargetType
from app.moderation.schemas import ScreeningNotice
from app.moderation.screening_cache import ScreenerCache

CONVERSATION_NOT_FOUND = "No such conversation."
NO_SUCH_MEMBER = "No member has that pseudonym."


class NotAcceptingMessages(Forbidden):
    """Deliberately the same for a block and for a member's preference."""

    code = "not_accepting_messages"


class TooNewToStart(Forbidden):
    code = "too_new_to_start"


def pair_key(a: int, b: int) -> str:
    low, high = sorted((a, b))
    return f"m:{low}:{high}"


async def preferences(session: AsyncSession, member_id: int) -> MessagingPreference:
    """The member's stored preferences, or the defaults (not stored)."""
    found = await session.get(MessagingPreference, member_id)
    return found or MessagingPreference(
        member_id=member_id, accept_from=AcceptFrom.everyone, listed_as_new=True
    )


async def set_preferences(
    session: AsyncSession, *, member_id: int, accept_from: AcceptFrom, listed_as_new: bool
) -> MessagingPreference:
    found = await session.get(MessagingPreference, member_id)
    if found is None:
        found = MessagingPreference(member_id=member_id)
        session.add(found)
    found.accept_from, found.listed_as_new, found.updated_at = accept_from, listed_as_new, utcnow()
    await session.flush()
    return found


async def between(session: AsyncSession, a: int, b: int) -> Conversation | None:
    return await session.scalar(select(Conversation).where(Conversation.pair_key == pair_key(a, b)))


async def check_may_write(
    session: AsyncSession, *, writer: Member, other: Member, existing: Conversation | None, new_hours: int
) -> None:
    """Blocks either way, the other's preference, and a new member's first hours (for a first message)."""
    if await has_blocked(session, blocker_id=writer.id, blocked_id=other.id):
        raise Forbidden(f"You blocked {other.pseudonym}: unblock them to write to them.")
    refused = NotAcceptingMessages(f"{other.pseudonym} isn't taking messages from you at the moment.")
    if other.erased_at is not None or await has_blocked(session, blocker_id=other.id, blocked_id=writer.id):
        raise refused
    if existing is not None:
        return
    if (await preferences(session, other.id)).accept_from == AcceptFrom.conversations:
        raise refused
    if new_hours and utcnow() - writer.joined_at < timedelta(hours=new_hours):
        raise TooNewToStart(
            f"Members can start conversations once they have been here {new_hours} hours. Until then you "
            "can answer anyone who writes to you, and message the moderators at any time."
        )


async def open_between(session: AsyncSession, *, starter_id: int, other_id: int) -> Conversation:
    """The pair's one conversation, made if new; safe when both open it at once."""
    key = pair_key(starter_id, other_id)
    await insert_if_absent(
        session,
        Conversation,
        kind=ConversationKind.members,
        pair_key=key,
        started_by_id=starter_id,
        created_at=utcnow(),
        awaiting_team=False,
        team_read_message_id=0,
    )
    conversation = await session.scalar(select(Conversation).where(Conversation.pair_key == key))
    assert conversation is not None
    for member_id in (starter_id, other_id):
        await insert_if_absent(
            session,
            ConversationMember,
            conversation_id=conversation.id,
            member_id=member_id,
            last_read_message_id=0,
        )
    return conversation


async def write(
    session: AsyncSession,
    *,
    conversation: Conversation,
    author_id: int,
    body: str,
    screeners: ScreenerCache,
    post_anyway: bool,
    kind: MessageKind = MessageKind.text,
) -> tuple[Message, ScreeningNotice | None]:
    """Screened like a post: refused or nudged words are never stored; held ones reach their author only."""
    verdict = await intake.check_words(
        session, screeners=screeners, member_id=author_id, texts={"body": body}, post_anyway=post_anyway
    )
    message = await delivery.store(
        session, conversation=conversation, author_id=author_id, body=body, kind=kind, held=verdict.held
    )
    notice = await intake.after_stored(
        session, verdict, target_type=TargetType.message, target_id=message.id, member_id=author_id
    )
    return message, notice


async def start(
    session: AsyncSession,
    *,
    writer: Member,
    pseudonym: str,
    body: str,
    screeners: ScreenerCache,
    post_anyway: bool,
    new_hours: int,
) -> tuple[Conversation, Message, ScreeningNotice | None]:
    """Write to a member: their conversation with the writer, opened if there is none yet."""
    other = await find_member(session, pseudonym)
    if other is None:
        raise NotFound(NO_SUCH_MEMBER)
    if other.id == writer.id:
        raise Invalid("You can't write to yourself.", field="pseudonym")
    existing = await between(session, writer.id, other.id)
    await check_may_write(session, writer=writer, other=other, existing=existing, new_hours=new_hours)
    conversation = existing or await open_between(session, starter_id=writer.id, other_id=other.id)
    message, notice = await write(
        session,
        conversation=conversation,
        author_id=writer.id,
        body=body,
        screeners=screeners,
        post_anyway=post_anyway,
    )
    return conversation, message, notice


async def own_conversation(session: AsyncSession, *, viewer_id: int, conversation_id: int) -> Conversation:
    """One of the viewer's conversations with a member; anyone else's (moderators too) is not found."""
    found = await session.scalar(
        select(Conversation)
        .join(ConversationMember, ConversationMember.conversation_id == Conversation.id)
        .where(
            Conversation.id == conversation_id,
            Conversation.kind == ConversationKind.members,
            ConversationMember.member_id == viewer_id,
        )
    )
    if found is None:
        raise NotFound(CONVERSATION_NOT_FOUND)
    return found


async def other_member(session: AsyncSession, *, conversation_id: int, viewer_id: int) -> Member:
    other = await session.scalar(
        select(Member)
        .join(ConversationMember, ConversationMember.member_id == Member.id)
        .where(ConversationMember.conversation_id == conversation_id, Member.id != viewer_id)
    )
    assert other is not None  # a members' conversation always has two
    return other


async def reply(
    session: AsyncSession,
    *,
    writer: Member,
    conversation_id: int,
    body: str,
    screeners: ScreenerCache,
    post_anyway: bool,
) -> tuple[Message, ScreeningNotice | None]:
    conversation = await own_conversation(session, viewer_id=writer.id, conversation_id=conversation_id)
    other = await other_member(session, conversation_id=conversation.id, viewer_id=writer.id)
    await check_may_write(session, writer=writer, other=other, existing=conversation, new_hours=0)
    return await write(
        session,
        conversation=conversation,
        author_id=writer.id,
        body=body,
        screeners=screeners,
        post_anyway=post_anyway,
    )


async def mark_read(
    session: AsyncSession, *, place: ConversationMember, up_to_id: int | None, newest_id: int | None
) -> None:
    """Read up to a message (what the screen showed), or everything; read state never moves back."""
    target = up_to_id if up_to_id is not None else newest_id
    if target is not None and target > place.last_read_message_id:
        place.last_read_message_id = target
        await session.flush()


async def place_of(session: AsyncSession, *, conversation_id: int, member_id: int) -> ConversationMember:
    place = await session.get(ConversationMember, (conversation_id, member_id))
    if place is None:
        raise NotFound(CONVERSATION_NOT_FOUND)
    return place


async def newest_message_id(session: AsyncSession, conversation_id: int) -> int | None:
    return await session.scalar(
        select(Message.id)
        .where(Message.conversation_id == conversation_id)
        .order_by(Message.id.desc())
        .limit(1)
    )
