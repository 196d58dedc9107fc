"""The figures administrators see: what waits, how long words wait for a decision, decisions per rule.

Counts are SQL aggregates. The waiting times need a median and a 95th percentile, which SQLite cannot
compute, so the per-item times of the window are read (one row per decided item and round; the window
is at most a year) and ranked in Python.
"""

import math
from datetime import datetime, timedelta

from sqlalchemy import case, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.db import utcnow
from app.moderation.figure_schemas import FiguresOut, RuleCount, TimeToDecision, Waiting, WaitTimes
from app.moderation.models import (
    Appeal,
    AppealStatus,
    Decision,
    DecisionAction,
    HouseRule,
    ItemStatus,
    Priority,
    ReasonSource,
    ReviewItem,
    ReviewReason,
)
from app.moderation.sanction_schemas import RuleRef

MAX_DAYS = 365


def percentile(sorted_values: list[float], share: float) -> float | None:
    """Nearest rank: the smallest value with at least `share` of the values at or below it."""
    if not sorted_values:
        return None
    return sorted_values[max(0, math.ceil(share * len(sorted_values)) - 1)]


def wait_times(seconds: list[float]) -> WaitTimes:
    ordered = sorted(seconds)
    return WaitTimes(
        decided=len(ordered), median_seconds=percentile(ordered, 0.5), p95_seconds=percentile(ordered, 0.95)
    )


async def _waiting(session: AsyncSession) -> Waiting:
    rows = await session.execute(
        select(ReviewItem.priority, func.count(ReviewItem.id))
        .where(ReviewItem.status == ItemStatus.open)
        .group_by(ReviewItem.priority)
    )
    counts = {Priority(priority).name: count for priority, count in rows.all()}
    return Waiting(
        urgent=counts.get("urgent", 0),
        reported=counts.get("reported", 0),
        held=counts.get("held", 0),
        flagged=counts.get("flagged", 0),
        total=sum(counts.values()),
    )


async def _times(session: AsyncSession, since: datetime) -> TimeToDecision:
    first_decision = (
        select(
            Decision.item_id,
            Decision.round,
            func.min(Decision.created_at).label("decided_at"),
        )
        .where(Decision.action != DecisionAction.escalate)
        .group_by(Decision.item_id, Decision.round)
        .having(func.min(Decision.created_at) >= since)
        .subquery()
    )
    reasons = (
        select(
            ReviewReason.item_id,
            ReviewReason.round,
            func.min(ReviewReason.created_at).label("started_at"),
            func.max(case((ReviewReason.source == ReasonSource.crisis, 1), else_=0)).label("crisis"),
        )
        .group_by(ReviewReason.item_id, ReviewReason.round)
        .subquery()
    )
    rows = await session.execute(
        select(
            first_decision.c.decided_at,
            func.coalesce(reasons.c.started_at, ReviewItem.opened_at),
            reasons.c.crisis,
            ReviewItem.priority,
        )
        .join(ReviewItem, ReviewItem.id == first_decision.c.item_id)
        .outerjoin(
            reasons,
            (reasons.c.item_id == first_decision.c.item_id) & (reasons.c.round == first_decision.c.round),
        )
    )
    every: list[float] = []
    urgent: list[float] = []
    for decided_at, started_at, crisis, priority in rows.all():
        waited = max(0.0, (_aware(decided_at) - _aware(started_at)).total_seconds())
        every.append(waited)
        if crisis or priority == Priority.urgent:
            urgent.append(waited)
    return TimeToDecision(all=wait_times(every), urgent=wait_times(urgent))


def _aware(value: datetime | str) -> datetime:
    """Aggregates over timestamps lose their column type on SQLite and come back naive or as text."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo is not None else value.replace(tzinfo=utcnow().tzinfo)


async def _per_rule(session: AsyncSession, since: datetime) -> list[RuleCount]:
    rows = await session.execute(
        select(Decision.rule_id, HouseRule.title, Decision.action, func.count(Decision.id))
        .outerjoin(HouseRule, HouseRule.id == Decision.rule_id)
        .where(Decision.created_at >= since)
        .group_by(Decision.rule_id, HouseRule.title, Decision.action)
        .order_by(
            func.count(Decision.id).desc(), Decision.rule_id.is_(None), Decision.rule_id, Decision.action
        )
    )
    return [
        RuleCount(
            rule=RuleRef(id=rule_id, title=title) if rule_id is not None else None, action=action, count=count
        )
        for rule_id, title, action, count in rows.all()
    ]


async def figures(session: AsyncSession, *, days: int) -> FiguresOut:
    since = utcnow() - timedelta(days=days)
    appeals = (
        await session.execute(
            select(func.count(Appeal.id), func.min(Appeal.created_at)).where(
                Appeal.status == AppealStatus.open
            )
        )
    ).one()
    return FiguresOut(
        days=days,
        since=since,
        waiting_now=await _waiting(session),
        time_to_decision=await _times(session, since),
        decisions_per_rule=await _per_rule(session, since),
        open_appeals=appeals[0],
        oldest_open_appeal_at=_aware(appeals[1]) if appeals[1] is not None else None,
    )
