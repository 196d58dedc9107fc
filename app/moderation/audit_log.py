"""Reading the audit log: newest first, filtered by what moderators and administrators look for."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from app.accounts.models import Member
from app.accounts.pseudonyms import normalise_pseudonym, skeleton
from app.core.schemas import PageRequest
from app.moderation.models import AuditEntry


@dataclass(frozen=True)
class AuditFilters:
    action: str | None = None
    actor: str | None = None  # a pseudonym
    member: str | None = None  # the pseudonym the action was about
    rule_id: int | None = None
    since: datetime | None = None
    until: datetime | None = None


@dataclass(frozen=True)
class AuditRow:
    entry: AuditEntry
    actor: str | None
    member: str | None


async def entries(session: AsyncSession, *, filters: AuditFilters, page: PageRequest) -> list[AuditRow]:
    """One row more than asked, to tell whether another page exists."""
    actor, member = aliased(Member), aliased(Member)
    query = (
        select(AuditEntry, actor.pseudonym, member.pseudonym)
        .outerjoin(actor, actor.id == AuditEntry.actor_id)
        .outerjoin(member, member.id == AuditEntry.target_member_id)
        .order_by(AuditEntry.id.desc())
        .limit(page.limit + 1)
    )
    if page.after is not None:
        query = query.where(AuditEntry.id < page.after)
    if filters.action:
        query = query.where(AuditEntry.action == filters.action)
    if filters.actor:
        query = query.where(actor.pseudonym_key == skeleton(normalise_pseudonym(filters.actor)))
    if filters.member:
        query = query.where(member.pseudonym_key == skeleton(normalise_pseudonym(filters.member)))
    if filters.rule_id is not None:
        query = query.where(AuditEntry.rule_id == filters.rule_id)
    if filters.since is not None:
        query = query.where(AuditEntry.created_at >= filters.since)
    if filters.until is not None:
        query = query.where(AuditEntry.created_at < filters.until)
    rows = await session.execute(query)
    return [AuditRow(entry, actor_name, member_name) for entry, actor_name, member_name in rows.all()]
