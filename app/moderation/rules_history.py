"""Earlier versions of the house rules, and what changed between two of them."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.errors import NotFound
from app.core.schemas import PageRequest
from app.moderation.models import RuleRevision, RuleSetVersion


async def versions(session: AsyncSession, *, page: PageRequest) -> list[RuleSetVersion]:
    """Newest first; one row more than asked, to tell whether another page exists."""
    query = select(RuleSetVersion).order_by(RuleSetVersion.version.desc()).limit(page.limit + 1)
    if page.after is not None:
        query = query.where(RuleSetVersion.version < page.after)
    return list(await session.scalars(query))


async def version_rules(session: AsyncSession, *, version: int) -> tuple[RuleSetVersion, list[RuleRevision]]:
    row = await session.get(RuleSetVersion, version)
    if row is None:
        raise NotFound(f"There is no version {version} of the house rules.")
    rules = await session.scalars(
        select(RuleRevision)
        .where(RuleRevision.version == version)
        .order_by(RuleRevision.position, RuleRevision.rule_id)
    )
    return row, list(rules)


@dataclass(frozen=True)
class Changes:
    versions: list[RuleSetVersion]  # published after the earlier one, oldest first
    added: list[RuleRevision]
    changed: list[tuple[RuleRevision, RuleRevision]]
    retired: list[RuleRevision]
    moved: list[tuple[RuleRevision, RuleRevision]]


def _moved(old: list[RuleRevision], new: list[RuleRevision]) -> set[int]:
    """The fewest rules whose moving explains the new order (the rest keep their relative order), so a
    rule added or retired above others does not make them all look moved."""
    rank = {rule.rule_id: index for index, rule in enumerate(old)}
    kept = [rule.rule_id for rule in new if rule.rule_id in rank]
    # Longest run, in the new order, of rules whose old ranks increase: those stayed put.
    best: list[list[int]] = []
    for rule_id in kept:
        longest = max((chain for chain in best if rank[chain[-1]] < rank[rule_id]), key=len, default=[])
        best.append([*longest, rule_id])
    stayed = set(max(best, key=len, default=[]))
    return set(kept) - stayed


async def changes(session: AsyncSession, *, since: int, until: int) -> Changes:
    if since >= until:
        return Changes(versions=[], added=[], changed=[], retired=[], moved=[])
    _, old = await version_rules(session, version=since)
    _, new = await version_rules(session, version=until)
    published = await session.scalars(
        select(RuleSetVersion)
        .where(RuleSetVersion.version > since, RuleSetVersion.version <= until)
        .order_by(RuleSetVersion.version)
    )
    before = {rule.rule_id: rule for rule in old}
    after = {rule.rule_id: rule for rule in new}
    moved = _moved(old, new)
    return Changes(
        versions=list(published),
        added=[rule for rule in new if rule.rule_id not in before],
        changed=[
            (before[rule.rule_id], rule)
            for rule in new
            if rule.rule_id in before
            and (rule.title, rule.body, rule.summary)
            != (before[rule.rule_id].title, before[rule.rule_id].body, before[rule.rule_id].summary)
        ],
        retired=[rule for rule in old if rule.rule_id not in after],
        moved=[(before[rule.rule_id], rule) for rule in new if rule.rule_id in moved],
    )
