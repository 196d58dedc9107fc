"""Storing a message and delivering it: read state, live events to both sides, and notifications.

A held message reaches only its author until a moderator approves it; then it is delivered as if just
sent. Live events carry the message only to the sockets of the members in the conversation; the
moderators' channel carries ids only, never words.
"""

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.models import Member
from app.community.notifications import notify
from app.core.db import utcnow
from app.messages.models import Conversation, ConversationKind, ConversationMember, Message, MessageKind
from app.messages.schemas import MessageOut
from app.moderation import settings
from app.realtime import events
from app.wall.models import ContentState


async def team_signature(session: AsyncSession, message: Message) -> str:
    """How the team's messages are signed for members: the persona, or the moderator when the team signs."""
    team = (await settings.load(session)).team
    if team.sign_with_own_name and message.author_id is not None:
        moderator = await session.get(Member, message.author_id)
        if moderator is not None:
            return moderator.pseudonym
    return team.persona_name


def view(message: Message, *, viewer_id: int | None, author: str | None) -> MessageOut:
    return MessageOut(
        id=message.id,
        conversation_id=message.conversation_id,
        kind=message.kind,
        author=author,
        mine=viewer_id is not None and message.author_id == viewer_id and not message.from_team,
        from_team=message.from_team,
        body=message.body,
        state=message.state,
        created_at=message.created_at,
    )


async def members_of(session: AsyncSession, conversation_id: int) -> list[int]:
    rows = await session.scalars(
        select(ConversationMember.member_id).where(ConversationMember.conversation_id == conversation_id)
    )
    return list(rows)


async def store(
    session: AsyncSession,
    *,
    conversation: Conversation,
    author_id: int | None,
    body: str,
    kind: MessageKind = MessageKind.text,
    held: bool = False,
    from_team: bool = False,
    appeal_id: int | None = None,
    notified: bool = True,
    live: bool = True,
) -> Message:
    message = Message(
        conversation_id=conversation.id,
        author_id=author_id,
        from_team=from_team,
        kind=kind,
        appeal_id=appeal_id,
        body=body,
        state=ContentState.pending if held else ContentState.published,
        created_at=utcnow(),
    )
    session.add(message)
    await session.flush()
    if held:
        # Only its author sees it for now; the conversation moves for them alone.
        assert author_id is not None
        await _moved(session, conversation.id, [author_id], message.id)
        await _tell(session, message, [author_id], author=await _author_name(session, message))
    else:
        await deliver(session, conversation, message, notified=notified, live=live)
    return message


async def deliver(
    session: AsyncSession,
    conversation: Conversation,
    message: Message,
    *,
    notified: bool = True,
    live: bool = True,
) -> None:
    """A published message reaches everyone in the conversation, and the team for a team conversation;
    `notified` False when the member already has a notice of their own about the same thing, `live`
    False when nobody can be watching yet (the welcome written as the member joins)."""
    members = await members_of(session, conversation.id)
    await _moved(session, conversation.id, members, message.id)
    name = await _author_name(session, message)
    if live:
        await _tell(session, message, members, author=name)
    if conversation.kind == ConversationKind.team:
        if (conversation.team_last_message_id or 0) < message.id:
            conversation.team_last_message_id = message.id
            conversation.awaiting_team = not message.from_team
        if message.from_team:
            # Answering is reading: what the member wrote before the answer no longer waits.
            conversation.team_read_message_id = message.id
        await session.flush()
    if live and conversation.kind == ConversationKind.team:
        await events.record(
            session,
            kind="team.message",
            audience=events.MODERATORS,
            data={
                "conversation_id": conversation.id,
                "message_id": message.id,
                "awaiting_team": conversation.awaiting_team,
            },
        )
    recipients = [m for m in members if notified and live and (message.from_team or m != message.author_id)]
    for member_id in recipients:
        await notify(
            session,
            member_id=member_id,
            kind="welcome.received" if message.kind == MessageKind.welcome else "message.received",
            # No words: a notification outlives the message it points to.
            data={
                "conversation_id": conversation.id,
                "message_id": message.id,
                "from": name,
                "team": message.from_team,
            },
        )


async def _author_name(session: AsyncSession, message: Message) -> str | None:
    if message.from_team:
        return await team_signature(session, message)
    if message.author_id is None:
        return None
    author = await session.get(Member, message.author_id)
    return author.pseudonym if author else None


async def _moved(session: AsyncSession, conversation_id: int, member_ids: list[int], message_id: int) -> None:
    await session.execute(
        update(ConversationMember)
        .where(
            ConversationMember.conversation_id == conversation_id,
            ConversationMember.member_id.in_(member_ids),
            # An approved message may be older than what came since; the order keeps the newest.
            or_(
                ConversationMember.last_message_id.is_(None), ConversationMember.last_message_id < message_id
            ),
        )
        .values(last_message_id=message_id)
    )
    # The author has read what they wrote.
    await session.execute(
        update(ConversationMember)
        .where(
            ConversationMember.conversation_id == conversation_id,
            ConversationMember.member_id.in_(
                select(Message.author_id).where(Message.id == message_id, Message.from_team.is_(False))
            ),
            ConversationMember.last_read_message_id < message_id,
        )
        .values(last_read_message_id=message_id)
    )


async def _tell(
    session: AsyncSession, message: Message, member_ids: list[int], *, author: str | None
) -> None:
    for member_id in member_ids:
        await events.record(
            session,
            kind="message.created",
            audience=events.member_audience(member_id),
            data=view(message, viewer_id=member_id, author=author).model_dump(mode="json"),
            # Stored events carry the words: erasing the author forgets them by this id.
            author_id=message.author_id,
        )


async def publish(session: AsyncSession, message: Message) -> None:
    """A moderator approved a held message (or put a removed one back): delivered as if just sent."""
    if message.state not in (ContentState.pending, ContentState.removed):
        return
    message.state = ContentState.published
    await session.flush()
    conversation = await session.get(Conversation, message.conversation_id)
    assert conversation is not None
    await deliver(session, conversation, message)


async def remove(session: AsyncSession, message: Message) -> None:
    """Gone from the conversation for both members; the row and its words stay for the record."""
    if message.state in (ContentState.removed, ContentState.deleted):
        return
    message.state = ContentState.removed
    await session.flush()
    for member_id in await members_of(session, message.conversation_id):
        await events.record(
            session,
            kind="message.removed",
            audience=events.member_audience(member_id),
            data={"conversation_id": message.conversation_id, "message_id": message.id},
        )
