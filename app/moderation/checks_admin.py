"""Administrators manage the screening checks; every change publishes a new screening version, which
every worker sees and compiles once. Checks retire rather than disappear: review reasons cite them.
"""

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.db import utcnow
from app.core.errors import Conflict, Invalid, NotFound
from app.moderation import audit
from app.moderation.models import CheckKindColumn, HouseRule, ScreeningCheck, ScreeningVersion
from app.moderation.screening import (
    compile_checks,
    validate_pattern,
    validate_phrase,
)
from app.moderation.screening.checks import CONTACT_KINDS
from app.moderation.screening_cache import spec_of

# Which kind-specific fields each kind takes, and which of them it must have.
_TAKES: dict[CheckKindColumn, set[str]] = {
    CheckKindColumn.phrases: {"phrases"},
    CheckKindColumn.pattern: {"pattern"},
    CheckKindColumn.shouting: {"min_letters", "max_capital_share"},
    CheckKindColumn.contact_details: {"contact_kinds"},
    CheckKindColumn.crisis: {"phrases"},  # extra phrases beside the built-in crisis language
}
_NEEDS: dict[CheckKindColumn, set[str]] = {
    CheckKindColumn.phrases: {"phrases"},
    CheckKindColumn.pattern: {"pattern"},
    CheckKindColumn.crisis: {"phrases"},
}
_KIND_FIELDS = {"phrases", "pattern", "min_letters", "max_capital_share", "contact_kinds"}
_JSON_FIELDS = {"phrases", "contact_kinds"}


@dataclass(frozen=True)
class CheckView:
    """A check with its JSON columns read."""

    check: ScreeningCheck
    phrases: list[str]
    contact_kinds: list[str]

    @classmethod
    def of(cls, check: ScreeningCheck) -> "CheckView":
        return cls(check, json.loads(check.phrases), json.loads(check.contact_kinds))


async def current_version(session: AsyncSession) -> ScreeningVersion:
    version = await session.scalar(
        select(ScreeningVersion).order_by(ScreeningVersion.version.desc()).limit(1)
    )
    if version is None:
        raise RuntimeError("The database has no screening version; run the migrations.")
    return version


async def current_checks(session: AsyncSession) -> tuple[int, list[ScreeningCheck]]:
    """The screening version and its live checks: what a worker compiles into one matcher."""
    version = await current_version(session)
    checks = await session.scalars(
        select(ScreeningCheck).where(ScreeningCheck.retired_at.is_(None)).order_by(ScreeningCheck.id)
    )
    return version.version, list(checks)


async def all_checks(
    session: AsyncSession, *, include_retired: bool
) -> tuple[ScreeningVersion, list[CheckView]]:
    query = select(ScreeningCheck).order_by(ScreeningCheck.rule_id, ScreeningCheck.id)
    if not include_retired:
        query = query.where(ScreeningCheck.retired_at.is_(None))
    return await current_version(session), [CheckView.of(c) for c in await session.scalars(query)]


def _phrases(values: list[str]) -> list[str]:
    """Trimmed, each once, in the order given; each one the screener can use."""
    kept: dict[str, None] = {}
    for index, value in enumerate(values):
        phrase = value.strip()
        problem = (
            validate_phrase(phrase) if phrase.isprintable() else "Each phrase is one line of visible text."
        )
        if problem:
            raise Invalid(problem, field=f"phrases.{index}")
        kept.setdefault(phrase)
    return list(kept)


def _pattern(value: str) -> str:
    # RE2 reads UTF-8; a lone surrogate cannot be encoded, and control characters are no one's words.
    problem = (
        validate_pattern(value)
        if value.isprintable()
        else "A pattern is one line of visible text; write \\n or \\x00 for such characters."
    )
    if problem:
        raise Invalid(problem, field="pattern")
    return value


def _compiles(check: ScreeningCheck) -> None:
    """The engine is the last word: a check it cannot compile would stop every worker's screening."""
    try:
        compile_checks([spec_of(check)])
    except ValueError as error:
        raise Invalid(f"The screener cannot use this check: {error}.") from None


async def _check_rule(session: AsyncSession, rule_id: int) -> None:
    rule = await session.get(HouseRule, rule_id)
    if rule is None or rule.retired_at is not None:
        raise Invalid("Choose a live house rule for the check to enforce.", field="rule_id")


def _apply(check: ScreeningCheck, kind: CheckKindColumn, values: dict[str, Any]) -> dict[str, list[Any]]:
    """Validate the fields sent against the check's kind, set them, and return what changed."""
    for name in sorted(values.keys() & _KIND_FIELDS - _TAKES[kind]):
        raise Invalid(f"A {kind.value} check has no {name}.", field=name)
    for name in sorted(_NEEDS.get(kind, set())):
        current = values.get(name, getattr(check, name, None))
        if not current or current == "[]":
            raise Invalid(f"A {kind.value} check needs {name}.", field=name)
    if "phrases" in values:
        values["phrases"] = _phrases(values["phrases"])
    if "pattern" in values:
        values["pattern"] = _pattern(values["pattern"])
    changed: dict[str, list[Any]] = {}
    for name, value in values.items():
        stored = json.dumps(value) if name in _JSON_FIELDS else value
        before = getattr(check, name, None)
        if before == stored:
            continue
        if name == "phrases":
            # Phrase lists can be long: the log keeps the counts, not the words.
            old = set(json.loads(before or "[]"))
            changed[name] = [
                len(old),
                len(value),
                {"added": len(set(value) - old), "removed": len(old - set(value))},
            ]
        else:
            changed[name] = [before, value]
        setattr(check, name, stored)
    return changed


async def _publish(session: AsyncSession, *, actor_id: int, change_summary: str) -> ScreeningVersion:
    current = await current_version(session)
    version = ScreeningVersion(
        version=current.version + 1,
        change_summary=change_summary,
        published_at=utcnow(),
        published_by_id=actor_id,
    )
    session.add(version)
    try:
        await session.flush()
    except IntegrityError:
        raise Conflict("Another change to the screening checks was published just now; retry.") from None
    return version


async def _live_check(session: AsyncSession, check_id: int) -> ScreeningCheck:
    check = await session.get(ScreeningCheck, check_id)
    if check is None:
        raise NotFound(f"There is no screening check {check_id}.")
    if check.retired_at is not None:
        raise Conflict(f"Screening check {check_id} is retired; it stays as it was.")
    return check


async def create_check(
    session: AsyncSession,
    *,
    actor_id: int,
    change_summary: str,
    kind: CheckKindColumn,
    values: dict[str, Any],
) -> tuple[ScreeningVersion, CheckView]:
    values = {name: value for name, value in values.items() if value is not None}
    await _check_rule(session, values["rule_id"])
    version = await _publish(session, actor_id=actor_id, change_summary=change_summary)
    now = utcnow()
    # The columns' defaults, set now so the screener can compile the check before it is stored.
    check = ScreeningCheck(
        kind=kind,
        created_at=now,
        updated_at=now,
        phrases="[]",
        contact_kinds="[]",
        min_letters=12,
        max_capital_share=0.7,
    )
    if kind == CheckKindColumn.contact_details:
        values.setdefault("contact_kinds", sorted(CONTACT_KINDS))
    if values.get("sensitive") is None:
        # Crisis words are the ones moderators most need to choose to read.
        values["sensitive"] = kind == CheckKindColumn.crisis
    _apply(check, kind, values)
    _compiles(check)
    session.add(check)
    await session.flush()
    await audit.record(
        session,
        actor_id=actor_id,
        action="check.created",
        target_type="screening_check",
        target_id=check.id,
        rule_id=check.rule_id,
        reason=change_summary,
        details={"version": version.version, "kind": kind.value, "action": check.action},
    )
    return version, CheckView.of(check)


async def edit_check(
    session: AsyncSession, *, actor_id: int, check_id: int, change_summary: str, values: dict[str, Any]
) -> tuple[ScreeningVersion, CheckView]:
    check = await _live_check(session, check_id)
    if values.get("rule_id") is not None:
        await _check_rule(session, values["rule_id"])
    for name, value in values.items():
        if value is None:
            raise Invalid(f"{name} can change but not be removed.", field=name)
    changed = _apply(check, check.kind, values)
    _compiles(check)
    if not changed:
        raise Invalid("This edit leaves the check exactly as it is.", field="change_summary")
    version = await _publish(session, actor_id=actor_id, change_summary=change_summary)
    check.updated_at = utcnow()
    await audit.record(
        session,
        actor_id=actor_id,
        action="check.edited",
        target_type="screening_check",
        target_id=check.id,
        rule_id=check.rule_id,
        reason=change_summary,
        details={"version": version.version, "changed": changed},
    )
    return version, CheckView.of(check)


async def retire_check(
    session: AsyncSession, *, actor_id: int, check_id: int, change_summary: str
) -> tuple[ScreeningVersion, CheckView]:
    check = await _live_check(session, check_id)
    version = await _publish(session, actor_id=actor_id, change_summary=change_summary)
    check.retired_at = check.updated_at = utcnow()
    await audit.record(
        session,
        actor_id=actor_id,
        action="check.retired",
        target_type="screening_check",
        target_id=check.id,
        rule_id=check.rule_id,
        reason=change_summary,
        details={"version": version.version},
    )
    return version, CheckView.of(check)
