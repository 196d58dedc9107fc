"""Administrators give and take the moderator and administrator roles."""

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.models import Member
from app.accounts.service import find_member
from app.core.errors import Conflict, NotFound
from app.core.permissions import Role
from app.moderation import audit
from app.realtime import events


async def set_role(session: AsyncSession, *, actor_id: int, pseudonym: str, role: Role) -> Member:
    member = await find_member(session, pseudonym)
    if member is None:
        raise NotFound("No member has that pseudonym.")
    before = member.role
    if before == role:
        return member
    if before == Role.admin:
        admins = await session.scalar(
            select(func.count())
            .select_from(Member)
            .where(Member.role == Role.admin, Member.erased_at.is_(None))
        )
        if admins == 1:
            # Nobody could give the role back: the service would have no administrator.
            raise Conflict("This is the last administrator; make another administrator first.", field="role")
    member.role = role
    await session.flush()
    await audit.record(
        session,
        actor_id=actor_id,
        action="member.role_changed",
        target_type="member",
        target_id=member.id,
        target_member_id=member.id,
        details={"before": before.value, "after": role.value},
    )
    # Their open sockets reload who they are: a new moderator starts hearing the queue, a former one stops.
    await events.viewer_changed(session, member.id)
    return member
