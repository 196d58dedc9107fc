"""Moderators reading a private message: only one in the review queue (reported, held or in crisis), with
the messages around it, and every reading is recorded in the audit log."""

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.models import Member
from app.core.errors import NotFound
from app.messages.models import ConversationMember, Message
from app.messages.schemas import ContextMessage, MessageContext
from app.moderation import audit
from app.moderation.models import ReviewItem, TargetType

AROUND = 5
NOT_IN_QUEUE = "No message with that id is in the review queue."


async def read(session: AsyncSession, *, moderator_id: int, message_id: int) -> MessageContext:
    item = await session.scalar(
        select(ReviewItem).where(
            ReviewItem.target_type == TargetType.message, ReviewItem.target_id == message_id
        )
    )
    message = await session.get(Message, message_id)
    if item is None or message is None:
        raise NotFound(NOT_IN_QUEUE)
    around = select(Message).where(Message.conversation_id == message.conversation_id)
    before = list(
        await session.scalars(around.where(Message.id < message.id).order_by(Message.id.desc()).limit(AROUND))
    )[::-1]
    after = list(
        await session.scalars(around.where(Message.id > message.id).order_by(Message.id).limit(AROUND))
    )
    member_ids = list(
        await session.scalars(
            select(ConversationMember.member_id).where(
                ConversationMember.conversation_id == message.conversation_id
            )
        )
    )
    shown = [*before, message, *after]
    names = {
        m.id: m.pseudonym
        for m in await session.scalars(
            select(Member).where(Member.id.in_({*member_ids, *(m.author_id for m in shown if m.author_id)}))
        )
    }
    await audit.record(
        session,
        actor_id=moderator_id,
        action="message.context_read",
        target_type=TargetType.message.value,
        target_id=message.id,
        target_member_id=item.member_id,
        details={
            "item_id": item.id,
            "conversation_id": message.conversation_id,
            "message_ids": [m.id for m in shown],
        },
    )

    def out(m: Message) -> ContextMessage:
        return ContextMessage(
            id=m.id,
            author=names.get(m.author_id) if m.author_id else None,
            from_team=m.from_team,
            body=m.body,
            state=m.state,
            created_at=m.created_at,
        )

    return MessageContext(
        item_id=item.id,
        conversation_id=message.conversation_id,
        members=sorted(names[i] for i in member_ids if i in names),
        message=out(message),
        before=[out(m) for m in before],
        after=[out(m) for m in after],
    )
