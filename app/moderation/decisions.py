"""Moderators' decisions on review items: approve, remove, dismiss, escalate.

Each decision is made on a version of the item (a stale one is refused), by the moderator holding it,
and writes one Decision row and one audit entry in the same transaction. Closing a round tells its
reporters the outcome; removing tells the author which rule, why, and quotes their words back to them.
"""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.models import Member
from app.community.notifications import notify
from app.core.db import utcnow
from app.core.errors import Forbidden, Invalid
from app.core.permissions import Role
from app.messages import delivery
from app.messages.models import Message
from app.moderation import audit, outside_hours, queue, reports, settings
from app.moderation.models import (
    Decision,
    DecisionAction,
    HouseRule,
    ItemStatus,
    Resolution,
    ReviewItem,
    TargetType,
)
from app.wall import states
from app.wall.models import ContentState, Post, Reply

APPEAL_HOW = (
    "If you think we got this wrong, you can appeal: message the moderation team and mention this notice. "
    "A different moderator will look again."
)
Words = Post | Reply | Message
RESOLUTIONS = {
    DecisionAction.approve: Resolution.approved,
    DecisionAction.remove: Resolution.removed,
    DecisionAction.dismiss: Resolution.dismissed,
}


@dataclass(frozen=True)
class Moderator:
    member: Member
    may_safeguard: bool


async def decide(
    session: AsyncSession,
    *,
    moderator: Moderator,
    item_id: int,
    action: DecisionAction,
    version: int,
    rule_id: int | None = None,
    message_key: str | None = None,
    message: str | None = None,
) -> tuple[Decision, ReviewItem]:
    item = await queue.lock_item(session, item_id=item_id)
    now = utcnow()
    if item.status != ItemStatus.open:
        raise queue.AlreadyDecided("This item has already been decided.")
    if item.version != version:
        raise queue.StaleVersion(
            f"This item changed since you opened it (now version {item.version}): look again before deciding."
        )
    _check_allowed(item, moderator)
    # Deciding holds the item: a free or lapsed claim is taken on the way, another's live claim is a 409.
    queue.take_claim(item, moderator.member.id, now)
    target = await _words(session, item)
    rule = await _rule(session, rule_id) if rule_id is not None else None
    sent: str | None = None
    if action in (DecisionAction.approve, DecisionAction.remove) and target is None:
        raise Invalid("A member is not approved or removed: use a sanction, or dismiss.", field="action")
    if action == DecisionAction.remove:
        if rule is None:
            raise Invalid("Name the house rule these words broke.", field="rule_id")
        if target is not None and target.state == ContentState.deleted:
            raise Invalid("Its author already deleted these words: dismiss the item.", field="action")
        sent = await _explanation(session, message_key=message_key, message=message)
    elif action == DecisionAction.dismiss and target is not None:
        if target.state == ContentState.pending and item.auto_hidden_at is None:
            raise Invalid("These words are waiting for a moderator: approve or remove them.", field="action")
    elif action == DecisionAction.escalate and item.escalated_at is not None:
        raise Invalid("This item is already with the safeguarding lead.", field="action")

    decision = Decision(
        item_id=item.id,
        round=item.round,
        item_version=item.version,
        moderator_id=moderator.member.id,
        action=action,
        rule_id=rule.id if rule else None,
        message=sent,
        created_at=now,
    )
    session.add(decision)
    await session.flush()
    details: dict[str, object] = {"item_id": item.id, "decision_id": decision.id, "round": item.round}
    if action == DecisionAction.escalate:
        await _escalate(session, item=item, moderator=moderator)
    else:
        await _apply(
            session, item=item, action=action, target=target, rule=rule, sent=sent, decision=decision
        )
        item.status, item.resolution, item.resolved_at = ItemStatus.resolved, RESOLUTIONS[action], now
        item.claimed_by_id = item.claimed_at = None
        outcome = "taken_down" if action == DecisionAction.remove else "stays_up"
        await reports.tell_reporters(session, item=item, outcome="no_action" if target is None else outcome)
        details["posting_resumed"] = await _resume_if_reviewed(session, item=item)
    item.version += 1
    await audit.record(
        session,
        actor_id=moderator.member.id,
        action=f"item.{'escalated' if action == DecisionAction.escalate else RESOLUTIONS[action].value}",
        target_type=item.target_type.value,
        target_id=item.target_id,
        target_member_id=item.member_id,
        rule_id=decision.rule_id,
        reason=sent,
        details=details,
    )
    await session.flush()
    await queue.changed(session, item)
    return decision, item


def _check_allowed(item: ReviewItem, moderator: Moderator) -> None:
    if item.member_id == moderator.member.id:
        raise Forbidden("This item is about you: another moderator decides it.")
    if item.escalated_at is not None and not moderator.may_safeguard:
        raise Forbidden("This item was escalated: the safeguarding lead decides it.")


async def _words(session: AsyncSession, item: ReviewItem) -> Words | None:
    if item.target_type == TargetType.post:
        return await session.get(Post, item.target_id)
    if item.target_type == TargetType.reply:
        return await session.get(Reply, item.target_id)
    if item.target_type == TargetType.message:
        return await session.get(Message, item.target_id)
    return None


async def _rule(session: AsyncSession, rule_id: int) -> HouseRule:
    rule = await session.get(HouseRule, rule_id)
    if rule is None or rule.retired_at is not None:
        raise Invalid("Choose one of the current house rules.", field="rule_id")
    return rule


async def _explanation(session: AsyncSession, *, message_key: str | None, message: str | None) -> str:
    """The canned text chosen by key, then the moderator's own words; at least one of them."""
    parts: list[str] = []
    if message_key is not None:
        canned = {m.key: m.text for m in (await settings.load(session)).removal_messages.items}
        if message_key not in canned:
            raise Invalid("No removal message has that key.", field="message_key")
        parts.append(canned[message_key])
    if message is not None:
        parts.append(message)
    if not parts:
        raise Invalid("Explain the removal: choose a removal message or write one.", field="message")
    return "\n\n".join(parts)


async def _apply(
    session: AsyncSession,
    *,
    item: ReviewItem,
    action: DecisionAction,
    target: Words | None,
    rule: HouseRule | None,
    sent: str | None,
    decision: Decision,
) -> None:
    if target is None:
        return
    if action == DecisionAction.remove:
        assert rule is not None and sent is not None  # checked before the decision was written
        if isinstance(target, Message):
            await delivery.remove(session, target)
        else:
            await states.remove(session, target)
        await _tell_author_removed(session, item=item, target=target, rule=rule, sent=sent, decision=decision)
    elif target.state == ContentState.pending:
        # Approving publishes held words; dismissing reports that hid them outside hours restores them.
        if isinstance(target, Message):
            await delivery.publish(session, target)
        else:
            await states.publish(session, target)
        await notify(
            session,
            member_id=item.member_id,
            kind="moderation.approved",
            data={
                **_where(target),
                "message": "A moderator has read your words and they are on the wall now.",
            },
        )
    item.auto_hidden_at = None


async def _tell_author_removed(
    session: AsyncSession,
    *,
    item: ReviewItem,
    target: Words,
    rule: HouseRule,
    sent: str,
    decision: Decision,
) -> None:
    team = (await settings.load(session)).team
    moderator = await session.get(Member, decision.moderator_id) if team.sign_with_own_name else None
    await notify(
        session,
        member_id=item.member_id,
        kind="moderation.removed",
        data={
            **_where(target),
            "from": moderator.pseudonym if moderator else team.persona_name,
            "rule": {"id": rule.id, "title": rule.title, "summary": rule.summary},
            "message": sent,
            # Their words leave the wall for everyone, them included; here they can still read them.
            "your_words": {
                "body": target.body,
                "content_warning": target.content_warning if isinstance(target, Post) else None,
            },
            "decision_id": decision.id,
            "appeal": APPEAL_HOW,
        },
    )


def _where(target: Words) -> dict[str, object]:
    if isinstance(target, Message):
        return {"target_type": "message", "target_id": target.id, "conversation_id": target.conversation_id}
    if isinstance(target, Post):
        return {"target_type": "post", "target_id": target.id, "post_id": target.id}
    return {"target_type": "reply", "target_id": target.id, "post_id": target.post_id}


async def _escalate(session: AsyncSession, *, item: ReviewItem, moderator: Moderator) -> None:
    """The item stays open for the safeguarding lead; every administrator hears of it."""
    item.escalated_at = utcnow()
    item.claimed_by_id = item.claimed_at = None
    admins = await session.scalars(
        select(Member.id).where(
            Member.role == Role.admin, Member.erased_at.is_(None), Member.id != moderator.member.id
        )
    )
    for admin_id in admins.all():
        await notify(
            session,
            member_id=admin_id,
            kind="moderation.escalated",
            data={"item_id": item.id, "message": "A moderator escalated an item in the review queue to you."},
        )


async def _resume_if_reviewed(session: AsyncSession, *, item: ReviewItem) -> bool:
    """A pause made by reports ends when none of the member's reported words wait any longer."""
    member = await session.get(Member, item.member_id)
    if member is None or member.posting_paused_at is None:
        return False
    await session.flush()
    if await outside_hours.still_reported(session, member_id=member.id):
        return False
    member.posting_paused_at = None
    return True
