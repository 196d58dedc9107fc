"""Administrators change the house rules. Every change publishes a new version of the whole set, kept as
it read (RuleRevision), so members can see what changed and any earlier version can be read again.
Rules retire rather than disappear: decisions made under them still cite them.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.db import utcnow
from app.core.errors import Conflict, Invalid, NotFound
from app.moderation import audit
from app.moderation.models import HouseRule, RuleRevision, RuleSetVersion, ScreeningCheck
from app.moderation.service import current_version
from app.realtime import events

MAX_LIVE_RULES = 50
_TEXT_FIELDS = ("title", "body", "summary")


@dataclass(frozen=True)
class NewRule:
    title: str
    body: str
    summary: str | None = None
    position: int | None = None  # 1 is first; None appends


@dataclass(frozen=True)
class RuleEdit:
    rule_id: int
    # Only what changes: any of title, body, summary (None clears a summary).
    changes: dict[str, str | None] = field(default_factory=dict)


@dataclass(frozen=True)
class Published:
    version: RuleSetVersion
    rules: list[HouseRule]
    created_rule_ids: list[int]


def _snapshot(rule: HouseRule) -> dict[str, Any]:
    return {"position": rule.position, "title": rule.title, "body": rule.body, "summary": rule.summary}


def _action(create: Sequence[NewRule], edit: Sequence[RuleEdit], retire: Sequence[int], order: bool) -> str:
    kinds = [(len(create), "rule.created"), (len(edit), "rule.edited"), (len(retire), "rule.retired")]
    used = [(count, name) for count, name in kinds if count] + ([(1, "rules.reordered")] if order else [])
    return used[0][1] if len(used) == 1 and used[0][0] == 1 else "rules.changed"


def _live_rule(rules: dict[int, HouseRule], rule_id: int, where: str) -> HouseRule:
    rule = rules.get(rule_id)
    if rule is None:
        raise NotFound(f"There is no house rule {rule_id}.", field=where)
    if rule.retired_at is not None:
        raise Conflict(f"House rule {rule_id} is retired; it stays as it was.", field=where)
    return rule


async def publish(
    session: AsyncSession,
    *,
    actor_id: int,
    change_summary: str,
    expected_version: int | None = None,
    create: Sequence[NewRule] = (),
    edit: Sequence[RuleEdit] = (),
    retire: Sequence[int] = (),
    order: Sequence[int] | None = None,
    order_field: str = "order",
) -> Published:
    """Apply the changes as create, edit, retire, then order, and publish them as one new version."""
    current = await current_version(session)
    if expected_version is not None and expected_version != current.version:
        raise Conflict(
            f"The house rules are now at version {current.version}; reload them and make the change again.",
            field="expected_version",
        )
    now = utcnow()
    version = RuleSetVersion(
        version=current.version + 1, change_summary=change_summary, published_at=now, published_by_id=actor_id
    )
    session.add(version)
    try:
        # First, so two administrators publishing at once cannot both take the next number.
        await session.flush()
    except IntegrityError:
        raise Conflict(
            "Another change to the house rules was published just now; reload and retry."
        ) from None

    rules = {rule.id: rule for rule in await session.scalars(select(HouseRule))}
    live_before = sorted(
        (r for r in rules.values() if r.retired_at is None), key=lambda r: (r.position, r.id)
    )
    before = {rule.id: _snapshot(rule) for rule in live_before}

    edited: dict[int, dict[str, list[str | None]]] = {}
    for index, change in enumerate(edit):
        rule = _live_rule(rules, change.rule_id, f"edit.{index}.rule_id")
        if rule.id in edited:
            raise Invalid(
                f"House rule {rule.id} is edited twice; send one edit.", field=f"edit.{index}.rule_id"
            )
        edited[rule.id] = {}
        for name, value in change.changes.items():
            if getattr(rule, name) != value:
                edited[rule.id][name] = [getattr(rule, name), value]
                setattr(rule, name, value)

    retiring: set[int] = set()
    for index, rule_id in enumerate(retire):
        where = f"retire.{index}"
        rule = _live_rule(rules, rule_id, where)
        checks = await session.scalar(
            select(ScreeningCheck.name).where(
                ScreeningCheck.rule_id == rule.id, ScreeningCheck.retired_at.is_(None)
            )
        )
        if checks is not None:
            raise Conflict(
                f"House rule {rule.id} still has live screening checks (such as “{checks}”); "
                "retire them or move them to another rule first.",
                field=where,
            )
        rule.retired_at = now
        retiring.add(rule.id)

    staying = [rule for rule in live_before if rule.id not in retiring]
    if order is not None:
        if len(set(order)) != len(order) or set(order) != {rule.id for rule in staying}:
            raise Invalid("List every live house rule's id once, in the new order.", field=order_field)
        staying = [rules[rule_id] for rule_id in order]

    created: list[HouseRule] = []
    for new in create:
        rule = HouseRule(
            position=0, title=new.title, body=new.body, summary=new.summary, created_at=now, retired_at=None
        )
        session.add(rule)
        created.append(rule)
        at = len(staying) if new.position is None else min(new.position - 1, len(staying))
        staying.insert(at, rule)
    if not staying:
        raise Invalid("The house rules need at least one live rule.", field=order_field)
    if len(staying) > MAX_LIVE_RULES:
        raise Invalid(f"There can be at most {MAX_LIVE_RULES} live house rules.", field="create")
    for position, rule in enumerate(staying, start=1):
        rule.position = position
    await session.flush()

    after = {rule.id: _snapshot(rule) for rule in staying}
    if after == before:
        raise Invalid("These changes leave the house rules exactly as they are.", field="change_summary")
    session.add_all(
        RuleRevision(
            version=version.version,
            rule_id=rule.id,
            position=rule.position,
            title=rule.title,
            body=rule.body,
            summary=rule.summary,
        )
        for rule in staying
    )
    single = {r.id for r in created} | set(edited) | retiring
    await audit.record(
        session,
        actor_id=actor_id,
        action=_action(create, edit, retire, order is not None),
        target_type="rule_set",
        target_id=version.version,
        rule_id=next(iter(single)) if len(single) == 1 else None,
        reason=change_summary,
        details={
            "version": version.version,
            "created": [rule.id for rule in created],
            "edited": {str(rule_id): fields for rule_id, fields in edited.items() if fields},
            "retired": sorted(retiring),
            "order": [rule.id for rule in staying],
        },
    )
    await events.record(
        session,
        kind="rules.changed",
        audience=events.WALL,
        data={
            "version": version.version,
            "change_summary": change_summary,
            "published_at": version.published_at.isoformat(),
        },
    )
    return Published(version=version, rules=staying, created_rule_ids=[rule.id for rule in created])
