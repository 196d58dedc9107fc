"""A member's messages in their export, and what erasing them deletes."""

from typing import Any

from sqlalchemy import delete, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from app.accounts.models import Member
from app.messages.models import (
    Conversation,
    ConversationKind,
    ConversationMember,
    Message,
    MessagingPreference,
    Welcome,
)
from app.moderation import settings as community_settings
from app.moderation.models import ReviewItem, TargetType
from app.wall.models import ContentState


async def conversations(session: AsyncSession, member: Member) -> list[dict[str, Any]]:
    """Every conversation they are in, with the messages they can see; others by pseudonym only."""
    persona = (await community_settings.load(session)).team.persona_name
    pseudonyms = dict((await session.execute(select(Member.id, Member.pseudonym))).all())
    joined = await session.scalars(
        select(Conversation)
        .join(ConversationMember, ConversationMember.conversation_id == Conversation.id)
        .where(ConversationMember.member_id == member.id)
        .order_by(Conversation.id)
    )
    document = []
    for conversation in list(joined):
        others = await session.scalars(
            select(ConversationMember.member_id).where(
                ConversationMember.conversation_id == conversation.id,
                ConversationMember.member_id != member.id,
            )
        )
        other = next((pseudonyms.get(other_id, "a former member") for other_id in others), "a former member")
        messages = await session.scalars(
            select(Message)
            .where(
                Message.conversation_id == conversation.id,
                or_(
                    Message.state == ContentState.published,
                    (Message.author_id == member.id) & (Message.state != ContentState.deleted),
                ),
            )
            .order_by(Message.id)
        )
        document.append(
            {
                "with": persona if conversation.kind == ConversationKind.team else other,
                "kind": conversation.kind.value,
                "messages": [
                    {
                        "from": "me"
                        if message.author_id == member.id and not message.from_team
                        else persona
                        if message.from_team or message.author_id is None
                        else pseudonyms.get(message.author_id, "a former member"),
                        "text": message.body,
                        "state": message.state.value,
                        "sent_at": message.created_at,
                    }
                    for message in messages
                ],
            }
        )
    return document


async def welcomes_and_choices(session: AsyncSession, member: Member) -> dict[str, Any]:
    welcomer, welcomed = aliased(Member), aliased(Member)
    rows = (
        await session.execute(
            select(Welcome.created_at, Welcome.welcomer_id, welcomer.pseudonym, welcomed.pseudonym)
            .join(welcomer, welcomer.id == Welcome.welcomer_id)
            .join(welcomed, welcomed.id == Welcome.new_member_id)
            .where(or_(Welcome.welcomer_id == member.id, Welcome.new_member_id == member.id))
            .order_by(Welcome.id)
        )
    ).all()
    preference = await session.get(MessagingPreference, member.id)
    return {
        "welcomes_given": [{"to": to, "at": at} for at, by, _, to in rows if by == member.id],
        "welcomes_received": [{"from": name, "at": at} for at, by, name, _ in rows if by != member.id],
        "accept_messages_from": preference.accept_from.value if preference else "everyone",
        "listed_as_new": preference.listed_as_new if preference else True,
    }


async def erase_messages(session: AsyncSession, member: Member) -> None:
    """Their messages are deleted; the other member keeps the conversation with their own words in it.

    Review items about those messages go too: there is nothing left for a moderator to read.
    """
    written = select(Message.id).where(Message.author_id == member.id, Message.from_team.is_(False))
    await session.execute(
        delete(ReviewItem).where(
            ReviewItem.target_type == TargetType.message, ReviewItem.target_id.in_(written)
        )
    )
    await session.execute(
        delete(Message)
        .where(Message.author_id == member.id, Message.from_team.is_(False))
        .execution_options(synchronize_session=False)
    )
