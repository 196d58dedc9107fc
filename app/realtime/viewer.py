"""What the stream needs to know about a viewer, loaded once per socket and again when it changes."""

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.models import Member, MemberRelation, RelationKind
from app.core.permissions import Permission, has_permission
from app.wall.models import PostHide
from app.wall.visibility import StreamViewer


async def load_viewer(session: AsyncSession, member_id: int) -> StreamViewer | None:
    member = await session.get(Member, member_id)
    if member is None or member.erased_at is not None:
        return None
    relations = await session.execute(
        select(MemberRelation.member_id, MemberRelation.other_id, MemberRelation.kind).where(
            or_(
                MemberRelation.member_id == member_id,
                (MemberRelation.other_id == member_id) & (MemberRelation.kind == RelationKind.block),
            )
        )
    )
    excluded = {other if owner == member_id else owner for owner, other, _kind in relations}
    hidden = await session.scalars(select(PostHide.post_id).where(PostHide.member_id == member_id))
    return StreamViewer(
        member_id=member_id,
        excluded_members=frozenset(excluded),
        hidden_posts=frozenset(hidden),
        sees_moderation=has_permission(member.role, Permission.watch_moderation),
    )
