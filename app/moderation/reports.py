"""Members reporting a post, a reply, a private message or a member: privately, counted once per
member, hidden at once.

The reported member is never told who reported: nothing addressed to them names a reporter, and the
queue's live events carry no reporter either. Reporters hear the outcome once, without details.
"""

from typing import Literal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.models import Member, RelationKind
from app.accounts.relations import set_relation, visible_member
from app.community.notifications import notify
from app.core.db import insert_if_absent, utcnow
from app.core.errors import Invalid, NotFound
from app.messages.models import Conversation, ConversationKind, ConversationMember, Message, MessageHide
from app.moderation import outside_hours, queue, settings
from app.moderation.models import HouseRule, Priority, ReasonSource, ReviewItem, ReviewReason, TargetType
from app.realtime import events
from app.wall.models import ContentState, Post, PostHide, Reply, ReplyHide
from app.wall.service import POST_NOT_FOUND, REPLY_NOT_FOUND
from app.wall.visibility import post_visible, reply_visible

MESSAGE_NOT_FOUND = "No such message, or it is not one you can report."
RECEIVED = (
    "Thank you for telling us. We've hidden this for you, and a moderator will look at it. "
    "Nobody else is told that you reported it."
)
Outcome = Literal["taken_down", "stays_up", "no_action", "acted"]
OUTCOME_MESSAGES: dict[Outcome, str] = {
    "acted": "We reviewed what you reported and acted on it. Thank you for looking out for others.",
    "taken_down": "We reviewed what you reported and took it down. Thank you for looking out for others.",
    "stays_up": (
        "We reviewed what you reported and it stays up: we didn't find it broke a house rule. "
        "It stays hidden for you."
    ),
    "no_action": (
        "We reviewed the member you reported and took no action for now. They stay muted for you, "
        "and you can report again if something happens."
    ),
}


async def report_post(
    session: AsyncSession, *, reporter_id: int, post_id: int, rule_id: int | None, note: str | None
) -> None:
    # A post the reporter already hid (by reporting it) can still be reported: the repeat counts once.
    post = await session.scalar(
        select(Post).where(Post.id == post_id, *post_visible(reporter_id, include_hidden=True))
    )
    if post is None:
        raise NotFound(POST_NOT_FOUND)
    _not_own(post.author_id, reporter_id, "your own words")
    await _check_reason(session, rule_id=rule_id, note=note)
    await insert_if_absent(session, PostHide, member_id=reporter_id, post_id=post.id, created_at=utcnow())
    await events.viewer_changed(session, reporter_id)
    await _file(session, TargetType.post, post.id, post.author_id, reporter_id, rule_id, note)


async def report_reply(
    session: AsyncSession, *, reporter_id: int, reply_id: int, rule_id: int | None, note: str | None
) -> None:
    reply = await session.scalar(
        select(Reply).where(Reply.id == reply_id, *reply_visible(reporter_id, include_hidden=True))
    )
    if reply is None:
        raise NotFound(REPLY_NOT_FOUND)
    _not_own(reply.author_id, reporter_id, "your own words")
    await _check_reason(session, rule_id=rule_id, note=note)
    await insert_if_absent(session, ReplyHide, member_id=reporter_id, reply_id=reply.id, created_at=utcnow())
    await events.viewer_changed(session, reporter_id)
    await _file(session, TargetType.reply, reply.id, reply.author_id, reporter_id, rule_id, note)


async def report_message(
    session: AsyncSession, *, reporter_id: int, message_id: int, rule_id: int | None, note: str | None
) -> None:
    """Only its recipient reports a private message; from then on it is hidden for them."""
    message = await session.scalar(
        select(Message)
        .join(ConversationMember, ConversationMember.conversation_id == Message.conversation_id)
        .join(Conversation, Conversation.id == Message.conversation_id)
        .where(
            Message.id == message_id,
            ConversationMember.member_id == reporter_id,
            Conversation.kind == ConversationKind.members,
            Message.state == ContentState.published,
        )
    )
    if message is None or message.author_id is None:
        raise NotFound(MESSAGE_NOT_FOUND)
    _not_own(message.author_id, reporter_id, "your own words")
    await _check_reason(session, rule_id=rule_id, note=note)
    await insert_if_absent(
        session, MessageHide, member_id=reporter_id, message_id=message.id, created_at=utcnow()
    )
    await _file(session, TargetType.message, message.id, message.author_id, reporter_id, rule_id, note)


async def report_member(
    session: AsyncSession, *, reporter: Member, pseudonym: str, rule_id: int | None, note: str | None
) -> None:
    other = await visible_member(session, viewer_id=reporter.id, pseudonym=pseudonym)
    _not_own(other.id, reporter.id, "yourself")
    await _check_reason(session, rule_id=rule_id, note=note)
    await set_relation(session, member=reporter, other=other, kind=RelationKind.mute)
    await _file(session, TargetType.member, other.id, other.id, reporter.id, rule_id, note)


def _not_own(member_id: int, reporter_id: int, what: str) -> None:
    if member_id == reporter_id:
        raise Invalid(f"You can't report {what}.", field="target")


async def _check_reason(session: AsyncSession, *, rule_id: int | None, note: str | None) -> None:
    """A live house rule, or "something else" with a note saying what."""
    if rule_id is None:
        if note is None:
            raise Invalid("Tell us what's wrong when it isn't one of the house rules.", field="note")
        return
    rule = await session.get(HouseRule, rule_id)
    if rule is None or rule.retired_at is not None:
        raise Invalid("Choose one of the current house rules, or something else.", field="rule_id")


async def _file(
    session: AsyncSession,
    target_type: TargetType,
    target_id: int,
    member_id: int,
    reporter_id: int,
    rule_id: int | None,
    note: str | None,
) -> None:
    item, counted = await queue.add_reason(
        session,
        target_type=target_type,
        target_id=target_id,
        member_id=member_id,
        source=ReasonSource.report,
        priority=Priority.reported,
        reporter_id=reporter_id,
        rule_id=rule_id,
        note=note,
    )
    community = await settings.load(session)
    if counted and not settings.now_on_duty(community):
        await outside_hours.after_report(session, item=item, thresholds=community.thresholds)


async def tell_reporters(session: AsyncSession, *, item: ReviewItem, outcome: Outcome) -> int:
    """Each report of the item's current round hears the outcome once; returns how many were told."""
    reasons = await session.scalars(
        select(ReviewReason).where(
            ReviewReason.item_id == item.id,
            ReviewReason.round == item.round,
            ReviewReason.reporter_id.is_not(None),
            ReviewReason.reporter_told_at.is_(None),
        )
    )
    told = 0
    for reason in reasons:
        assert reason.reporter_id is not None  # filtered above
        data: dict[str, object] = {"outcome": outcome, "message": OUTCOME_MESSAGES[outcome]}
        if item.target_type != TargetType.member:
            # The reporter's own way back to what they reported; nothing about its author.
            data |= {"target_type": item.target_type.value, "target_id": item.target_id}
        await notify(session, member_id=reason.reporter_id, kind="report.outcome", data=data)
        reason.reporter_told_at = utcnow()
        told += 1
    await session.flush()
    return told
