"""Appeals against a sanction or a removal; each also appears in the member's conversation with the team.

A member appeals their own sanction, or a removal of their own words; one appeal per thing is open at
a time. A moderator who did not make the original call decides it: granted overrules the strike (and
lifts what is still in force) or puts the words back; refused keeps the call. Nothing is erased: the
original sanction or decision stays, and the reversal is recorded beside it.
"""

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.models import Member
from app.community.notifications import notify
from app.core.db import utcnow
from app.core.errors import Conflict, Forbidden, Invalid, NotFound
from app.core.permissions import Permission, Role, has_permission
from app.core.schemas import PageRequest
from app.messages import delivery
from app.messages import team as team_inbox
from app.messages.models import Message
from app.moderation import audit, sanctions
from app.moderation import settings as community_settings
from app.moderation.models import (
    Appeal,
    AppealStatus,
    Decision,
    DecisionAction,
    ItemStatus,
    Resolution,
    ReviewItem,
    Sanction,
    TargetType,
)
from app.realtime import events
from app.wall import live, repository
from app.wall.models import ContentState, Post, Reply

APPEAL_NOT_FOUND = "No such appeal."


async def _own_sanction(session: AsyncSession, *, member: Member, sanction_id: int) -> Sanction:
    sanction = await session.get(Sanction, sanction_id, with_for_update=True)
    if sanction is None or sanction.member_id != member.id:
        raise NotFound("You have no sanction with that id.")
    if sanction.overruled_at is not None:
        raise Conflict("This sanction has already been overruled.")
    return sanction


async def _own_removal(
    session: AsyncSession, *, member: Member, decision_id: int
) -> tuple[Decision, ReviewItem]:
    found = (
        await session.execute(
            select(Decision, ReviewItem)
            .join(ReviewItem, ReviewItem.id == Decision.item_id)
            .where(Decision.id == decision_id, ReviewItem.member_id == member.id)
            .with_for_update(of=Decision)
        )
    ).first()
    if found is None:
        raise NotFound("You have no moderation decision with that id.")
    decision, item = found
    if decision.action != DecisionAction.remove:
        raise Invalid("Only a removal can be appealed.", field="decision_id")
    return decision, item


async def _open_appeal_exists(
    session: AsyncSession, *, sanction_id: int | None, decision_id: int | None
) -> bool:
    query = select(Appeal.id).where(Appeal.status == AppealStatus.open)
    if sanction_id is not None:
        query = query.where(Appeal.sanction_id == sanction_id)
    else:
        query = query.where(Appeal.decision_id == decision_id)
    return await session.scalar(query.limit(1)) is not None


async def open_appeal(
    session: AsyncSession, *, member: Member, sanction_id: int | None, decision_id: int | None, text: str
) -> Appeal:
    if (sanction_id is None) == (decision_id is None):
        raise Invalid("Appeal either a sanction or a decision.", field="sanction_id")
    # The row is locked above, so two appeals sent at once cannot both find none open.
    if sanction_id is not None:
        await _own_sanction(session, member=member, sanction_id=sanction_id)
    else:
        assert decision_id is not None
        await _own_removal(session, member=member, decision_id=decision_id)
        granted = select(Appeal.id).where(
            Appeal.decision_id == decision_id, Appeal.status == AppealStatus.granted
        )
        if await session.scalar(granted.limit(1)) is not None:
            raise Conflict("This removal has already been reversed.")
    if await _open_appeal_exists(session, sanction_id=sanction_id, decision_id=decision_id):
        raise Conflict("You already have an open appeal about this; the team will answer it.")
    appeal = Appeal(
        member_id=member.id,
        sanction_id=sanction_id,
        decision_id=decision_id,
        body=text,
        status=AppealStatus.open,
        created_at=utcnow(),
    )
    session.add(appeal)
    await session.flush()
    await team_inbox.appeal_opened(session, appeal)
    await events.record(
        session, kind="appeal.opened", audience=events.MODERATORS, data={"appeal_id": appeal.id}
    )
    return appeal


async def my_appeals(session: AsyncSession, *, member: Member, page: PageRequest) -> list[Appeal]:
    """Newest first, one more than asked to show whether another page exists."""
    query = select(Appeal).where(Appeal.member_id == member.id)
    if page.after is not None:
        query = query.where(Appeal.id < page.after)
    return list(await session.scalars(query.order_by(Appeal.id.desc()).limit(page.limit + 1)))


async def appeals_for_team(session: AsyncSession, *, status: AppealStatus, page: PageRequest) -> list[Appeal]:
    """Oldest first: whoever has waited longest is answered first."""
    query = select(Appeal).where(Appeal.status == status)
    if page.after is not None:
        query = query.where(Appeal.id > page.after)
    return list(await session.scalars(query.order_by(Appeal.id).limit(page.limit + 1)))


async def _others_on_the_team(session: AsyncSession, actor: Member, now: datetime) -> bool:
    """Whether anyone else could decide: a moderator or administrator, not erased, not suspended."""
    roles = [role for role in Role if has_permission(role, Permission.sanction)]
    other = await session.scalar(
        select(func.count(Member.id)).where(
            Member.id != actor.id,
            Member.role.in_(roles),
            Member.erased_at.is_(None),
            (Member.suspended_until.is_(None)) | (Member.suspended_until <= now),
        )
    )
    return bool(other)


async def _restore(session: AsyncSession, item: ReviewItem) -> bool:
    """Put removed words back where they were, live; words deleted since by their author stay gone."""
    if item.target_type == TargetType.post:
        post = await session.get(Post, item.target_id)
        if post is None or post.state != ContentState.removed:
            return False
        post.state = ContentState.published
        await session.flush()
        row = await repository.visible_post(session, viewer_id=post.author_id, post_id=post.id)
        assert row is not None
        await live.post_changed(session, "post.published", row)
        return True
    if item.target_type == TargetType.reply:
        reply = await session.get(Reply, item.target_id)
        if reply is None or reply.state != ContentState.removed:
            return False
        parent = await session.get(Post, reply.post_id)
        assert parent is not None
        reply.state = ContentState.published
        # The count is of published replies: a removal took this one out of it.
        parent.reply_count += 1
        await session.flush()
        reply_row = await repository.visible_reply(session, viewer_id=reply.author_id, reply_id=reply.id)
        assert reply_row is not None
        await live.reply_changed(session, "reply.published", reply_row, post_author_id=parent.author_id)
        return True
    if item.target_type == TargetType.message:
        message = await session.get(Message, item.target_id)
        if message is None or message.state != ContentState.removed:
            return False
        await delivery.publish(session, message)
        return True
    return False


async def _reverse_removal(
    session: AsyncSession, *, actor: Member, decision: Decision, response: str, now: datetime
) -> bool:
    """The removal stays on record; an approve decision beside it records the reversal."""
    item = await session.get(ReviewItem, decision.item_id, with_for_update=True)
    assert item is not None
    restored = await _restore(session, item)
    session.add(
        Decision(
            item_id=item.id,
            round=item.round,
            item_version=item.version,
            moderator_id=actor.id,
            action=DecisionAction.approve,
            rule_id=None,
            message=response,
            created_at=now,
        )
    )
    if item.status == ItemStatus.resolved:
        item.resolution, item.resolved_at = Resolution.approved, now
    item.version += 1
    await session.flush()
    return restored


async def decide(
    session: AsyncSession, *, actor: Member, appeal_id: int, granted: bool, response: str
) -> Appeal:
    appeal = await session.get(Appeal, appeal_id, with_for_update=True)
    if appeal is None:
        raise NotFound(APPEAL_NOT_FOUND)
    if appeal.status != AppealStatus.open:
        raise Conflict("This appeal has already been decided.")
    member = await session.get(Member, appeal.member_id)
    assert member is not None
    sanctions.check_authority(actor, member)
    now = utcnow()
    sanction = await session.get(Sanction, appeal.sanction_id) if appeal.sanction_id else None
    decision = await session.get(Decision, appeal.decision_id) if appeal.decision_id else None
    original_by = sanction.moderator_id if sanction else decision.moderator_id if decision else None
    if original_by == actor.id and await _others_on_the_team(session, actor, now):
        raise Forbidden("Another moderator decides appeals on your own decisions.")
    outcome: dict[str, object] = {}
    if granted and sanction is not None:
        if sanction.overruled_at is None:
            outcome["lifted"] = await sanctions.overrule(
                session, actor=actor, sanction=sanction, reason=response, now=now
            )
    elif granted and decision is not None:
        outcome["restored"] = await _reverse_removal(
            session, actor=actor, decision=decision, response=response, now=now
        )
    appeal.status = AppealStatus.granted if granted else AppealStatus.refused
    appeal.resolved_at, appeal.resolved_by_id, appeal.response = now, actor.id, response
    await session.flush()
    await audit.record(
        session,
        actor_id=actor.id,
        action=f"appeal.{appeal.status.value}",
        target_type="appeal",
        target_id=appeal.id,
        target_member_id=member.id,
        rule_id=sanction.rule_id if sanction else decision.rule_id if decision else None,
        reason=response,
        details={"sanction_id": appeal.sanction_id, "decision_id": appeal.decision_id, **outcome},
    )
    team = (await community_settings.load(session)).team
    await notify(
        session,
        member_id=member.id,
        kind="moderation.appeal_decided",
        data={
            "appeal_id": appeal.id,
            "sanction_id": appeal.sanction_id,
            "decision_id": appeal.decision_id,
            "outcome": appeal.status.value,
            "response": response,
            "from": sanctions.signature(team, actor),
        },
    )
    await team_inbox.appeal_decided(session, appeal, moderator=actor)
    return appeal
