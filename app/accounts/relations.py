"""Mutes and blocks between members."""

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.models import Member, MemberRelation, RelationKind
from app.accounts.service import find_member
from app.core.db import insert_if_absent, utcnow
from app.core.errors import Invalid, NotFound
from app.realtime import events


async def set_relation(session: AsyncSession, *, member: Member, other: Member, kind: RelationKind) -> None:
    """Idempotent: muting or blocking twice is the same as once."""
    if other.id == member.id:
        raise Invalid(f"You can't {kind.value} yourself.", field="pseudonym")
    await insert_if_absent(
        session, MemberRelation, member_id=member.id, other_id=other.id, kind=kind, created_at=utcnow()
    )
    await _relation_changed(session, member, other, kind)


async def remove_relation(
    session: AsyncSession, *, member: Member, other: Member, kind: RelationKind
) -> None:
    await session.execute(
        delete(MemberRelation).where(
            MemberRelation.member_id == member.id,
            MemberRelation.other_id == other.id,
            MemberRelation.kind == kind,
        )
    )
    await _relation_changed(session, member, other, kind)


async def _relation_changed(session: AsyncSession, member: Member, other: Member, kind: RelationKind) -> None:
    """Open sockets reload their filters: the member's, and for a block the other's (it hides both ways)."""
    await events.viewer_changed(session, member.id)
    if kind == RelationKind.block:
        await events.viewer_changed(session, other.id)


async def related_members(session: AsyncSession, *, member: Member, kind: RelationKind) -> list[Member]:
    rows = await session.scalars(
        select(Member)
        .join(MemberRelation, MemberRelation.other_id == Member.id)
        .where(MemberRelation.member_id == member.id, MemberRelation.kind == kind, Member.erased_at.is_(None))
        .order_by(MemberRelation.created_at.desc())
    )
    return list(rows)


async def has_blocked(session: AsyncSession, *, blocker_id: int, blocked_id: int) -> bool:
    return (
        await session.scalar(
            select(MemberRelation.member_id).where(
                MemberRelation.member_id == blocker_id,
                MemberRelation.other_id == blocked_id,
                MemberRelation.kind == RelationKind.block,
            )
        )
    ) is not None


async def visible_member(session: AsyncSession, *, viewer_id: int, pseudonym: str) -> Member:
    """Another member by pseudonym; one who blocked the viewer does not exist for them."""
    other = await find_member(session, pseudonym)
    if other is None or await has_blocked(session, blocker_id=other.id, blocked_id=viewer_id):
        raise NotFound("No member has that pseudonym.")
    return other
