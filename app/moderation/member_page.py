"""A member as moderators see them: state, strikes, the suggested next step, history and open appeals."""

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.models import Member
from app.accounts.service import PERMANENT, find_member, is_suspended
from app.core.db import utcnow
from app.core.errors import NotFound
from app.moderation import sanctions
from app.moderation import settings as community_settings
from app.moderation.models import Appeal, AppealStatus, Decision, HouseRule, ReviewItem, Sanction
from app.moderation.sanction_schemas import (
    DecisionOut,
    MemberPageOut,
    OpenAppealRef,
    RuleRef,
    SanctionOut,
    StepOut,
)

SANCTIONS_SHOWN = 50
DECISIONS_SHOWN = 20


async def pseudonyms(session: AsyncSession, ids: Iterable[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = await session.execute(select(Member.id, Member.pseudonym).where(Member.id.in_(wanted)))
    return dict(rows.all())


async def _rules(session: AsyncSession, ids: Iterable[int | None]) -> dict[int, RuleRef]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = await session.execute(select(HouseRule.id, HouseRule.title).where(HouseRule.id.in_(wanted)))
    return {rule_id: RuleRef(id=rule_id, title=title) for rule_id, title in rows.all()}


async def describe_sanctions(session: AsyncSession, rows: list[Sanction]) -> list[SanctionOut]:
    """Sanctions with their rule and the pseudonyms involved, in two queries whatever their number."""
    names = await pseudonyms(
        session,
        (id_ for s in rows for id_ in (s.member_id, s.moderator_id, s.lifted_by_id, s.overruled_by_id)),
    )
    rules = await _rules(session, (s.rule_id for s in rows))
    now = utcnow()

    def name(member_id: int | None) -> str | None:
        return names.get(member_id) if member_id is not None else None

    return [
        SanctionOut(
            id=s.id,
            member=names[s.member_id],
            kind=s.kind,
            status=sanctions.status_of(s, now),  # type: ignore[arg-type]
            rule=rules[s.rule_id],
            message=s.message,
            moderator=name(s.moderator_id),
            item_id=s.item_id,
            created_at=s.created_at,
            ends_at=s.ends_at,
            lifted_at=s.lifted_at,
            lifted_by=name(s.lifted_by_id),
            lift_reason=s.lift_reason,
            overruled_at=s.overruled_at,
            overruled_by=name(s.overruled_by_id),
            overrule_reason=s.overrule_reason,
        )
        for s in rows
    ]


def _state(member: Member, now: datetime) -> str:
    if is_suspended(member, now):
        assert member.suspended_until is not None
        return "banned" if member.suspended_until >= PERMANENT else "suspended"
    return "posting_paused" if member.posting_paused_at is not None else "active"


async def _decisions(session: AsyncSession, member_id: int) -> list[DecisionOut]:
    rows = (
        await session.execute(
            select(Decision, ReviewItem.target_type, ReviewItem.target_id)
            .join(ReviewItem, ReviewItem.id == Decision.item_id)
            .where(ReviewItem.member_id == member_id)
            .order_by(Decision.id.desc())
            .limit(DECISIONS_SHOWN)
        )
    ).all()
    names = await pseudonyms(session, (d.moderator_id for d, _, _ in rows))
    rules = await _rules(session, (d.rule_id for d, _, _ in rows))
    return [
        DecisionOut(
            id=d.id,
            item_id=d.item_id,
            target_type=target_type,
            target_id=target_id,
            action=d.action,
            rule=rules.get(d.rule_id) if d.rule_id is not None else None,
            moderator=names.get(d.moderator_id) if d.moderator_id is not None else None,
            created_at=d.created_at,
        )
        for d, target_type, target_id in rows
    ]


async def member_page(session: AsyncSession, *, pseudonym: str) -> MemberPageOut:
    member = await find_member(session, pseudonym)
    if member is None:
        raise NotFound("No member has that pseudonym.")
    now = utcnow()
    ladder = (await community_settings.load(session)).thresholds.strike_ladder
    strike_count = await sanctions.strikes(session, member_id=member.id, now=now)
    step = sanctions.suggested_step(ladder, strike_count)
    history = list(
        await session.scalars(
            select(Sanction)
            .where(Sanction.member_id == member.id)
            .order_by(Sanction.id.desc())
            .limit(SANCTIONS_SHOWN)
        )
    )
    appeals = await session.scalars(
        select(Appeal)
        .where(Appeal.member_id == member.id, Appeal.status == AppealStatus.open)
        .order_by(Appeal.id)
    )
    return MemberPageOut(
        pseudonym=member.pseudonym,
        avatar=member.avatar,
        joined_at=member.joined_at,
        role=member.role,
        state=_state(member, now),  # type: ignore[arg-type]
        suspended_until=member.suspended_until if is_suspended(member, now) else None,
        posting_paused_at=member.posting_paused_at,
        strikes_last_12_months=strike_count,
        suggested_next_step=StepOut(kind=step.kind, days=step.days),  # type: ignore[arg-type]
        sanctions=await describe_sanctions(session, history),
        recent_decisions=await _decisions(session, member.id),
        open_appeals=[
            OpenAppealRef(
                id=a.id, sanction_id=a.sanction_id, decision_id=a.decision_id, created_at=a.created_at
            )
            for a in appeals
        ],
    )
