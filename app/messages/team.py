"""The moderator team's inbox: one conversation per member with the team as a whole.

Any member may write to the team, a suspended one too; any moderator may answer, and the member sees
the team persona (or the moderator's own name when the team signs with own names). Appeals and their
outcomes appear here too, so the team reads a member's whole story in one place.
"""

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.models import Member
from app.core.db import insert_if_absent, utcnow
from app.core.errors import Forbidden, NotFound
from app.messages import delivery
from app.messages.models import Conversation, ConversationKind, ConversationMember, Message, MessageKind
from app.moderation import audit, intake, settings
from app.moderation.models import Appeal, ReasonSource, TargetType
from app.moderation.schemas import ScreeningNotice
from app.moderation.screening_cache import ScreenerCache

TEAM_CONVERSATION_NOT_FOUND = "No such conversation in the team inbox."


def team_key(member_id: int) -> str:
    return f"t:{member_id}"


async def find(session: AsyncSession, member_id: int) -> Conversation | None:
    return await session.scalar(select(Conversation).where(Conversation.pair_key == team_key(member_id)))


async def conversation_for(session: AsyncSession, member_id: int) -> Conversation:
    """The member's team conversation, made if new; safe under concurrent first messages."""
    await insert_if_absent(
        session,
        Conversation,
        kind=ConversationKind.team,
        pair_key=team_key(member_id),
        started_by_id=member_id,
        created_at=utcnow(),
        awaiting_team=False,
        team_read_message_id=0,
    )
    conversation = await find(session, member_id)
    assert conversation is not None
    await insert_if_absent(
        session,
        ConversationMember,
        conversation_id=conversation.id,
        member_id=member_id,
        last_read_message_id=0,
    )
    return conversation


async def member_writes(
    session: AsyncSession, *, member_id: int, body: str, screeners: ScreenerCache
) -> tuple[Message, ScreeningNotice | None]:
    """The team reads every word sent to it, so nothing is held or nudged; crisis words still bring help
    at once and put the message first in the review queue."""
    verdict = await intake.check_words(
        session, screeners=screeners, member_id=member_id, texts={"body": body}, post_anyway=True
    )
    verdict.held = False
    verdict.rules = []
    verdict.reasons = [r for r in verdict.reasons if r.source == ReasonSource.crisis]
    conversation = await conversation_for(session, member_id)
    message = await delivery.store(session, conversation=conversation, author_id=member_id, body=body)
    notice = await intake.after_stored(
        session, verdict, target_type=TargetType.message, target_id=message.id, member_id=member_id
    )
    return message, notice


async def team_conversation(session: AsyncSession, conversation_id: int) -> tuple[Conversation, Member]:
    found = (
        await session.execute(
            select(Conversation, Member)
            .join(ConversationMember, ConversationMember.conversation_id == Conversation.id)
            .join(Member, Member.id == ConversationMember.member_id)
            .where(Conversation.id == conversation_id, Conversation.kind == ConversationKind.team)
        )
    ).first()
    if found is None:
        raise NotFound(TEAM_CONVERSATION_NOT_FOUND)
    return found[0], found[1]


async def moderator_writes(
    session: AsyncSession, *, moderator: Member, conversation: Conversation, member: Member, body: str
) -> Message:
    if member.id == moderator.id:
        raise Forbidden("This conversation is yours with the team: another moderator answers it.")
    message = await delivery.store(
        session, conversation=conversation, author_id=moderator.id, body=body, from_team=True
    )
    await audit.record(
        session,
        actor_id=moderator.id,
        action="team.message_sent",
        target_type="conversation",
        target_id=conversation.id,
        target_member_id=member.id,
        details={"message_id": message.id},
    )
    return message


async def answer(session: AsyncSession, *, moderator: Member, conversation_id: int, body: str) -> Message:
    conversation, member = await team_conversation(session, conversation_id)
    return await moderator_writes(
        session, moderator=moderator, conversation=conversation, member=member, body=body
    )


async def start_with(session: AsyncSession, *, moderator: Member, member: Member, body: str) -> Message:
    """A moderator writes to a member from the team: in the member's one team conversation."""
    conversation = await conversation_for(session, member.id)
    return await moderator_writes(
        session, moderator=moderator, conversation=conversation, member=member, body=body
    )


async def team_read(session: AsyncSession, *, conversation_id: int, up_to_id: int | None) -> None:
    """The team's read state is shared: what one moderator read, the inbox shows as read for all."""
    conversation, _ = await team_conversation(session, conversation_id)
    target = up_to_id if up_to_id is not None else conversation.team_last_message_id
    if target is not None and target > conversation.team_read_message_id:
        conversation.team_read_message_id = target
        await session.flush()


async def welcome_new_member(session: AsyncSession, member: Member) -> None:
    """The team persona's first words to someone who just joined."""
    text = (await settings.load(session)).welcome.message
    conversation = await conversation_for(session, member.id)
    await delivery.store(
        session,
        conversation=conversation,
        author_id=None,
        body=text,
        kind=MessageKind.team_welcome,
        from_team=True,
        live=False,  # it waits, unread, in their conversation with the team
    )


async def appeal_opened(session: AsyncSession, appeal: Appeal) -> None:
    """The appeal, in the member's words, waits in the team inbox beside everything else they said."""
    conversation = await conversation_for(session, appeal.member_id)
    await delivery.store(
        session,
        conversation=conversation,
        author_id=appeal.member_id,
        body=appeal.body,
        kind=MessageKind.appeal,
        appeal_id=appeal.id,
    )


async def appeal_decided(session: AsyncSession, appeal: Appeal, *, moderator: Member) -> None:
    conversation = await conversation_for(session, appeal.member_id)
    outcome = "We looked again and agree with you" if appeal.status.value == "granted" else "We looked again"
    body = f"{outcome}: your appeal is {appeal.status.value}.\n\n{appeal.response or ''}".strip()
    await delivery.store(
        session,
        conversation=conversation,
        author_id=moderator.id,
        body=body,
        kind=MessageKind.appeal_decided,
        from_team=True,
        appeal_id=appeal.id,
        notified=False,  # the moderation.appeal_decided notice already tells them
    )
