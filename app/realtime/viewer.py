"""What the stream needs to know about a viewer, loaded once per socket and again when it changes."""

from collections.abc import Collection

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.filters import reader_filter
from app.accounts.models import Member, MemberRelation, RelationKind
from app.core.permissions import Permission, has_permission
from app.wall.models import PostHide, ReplyHide
from app.wall.visibility import StreamViewer


async def load_viewer(session: AsyncSession, member_id: int) -> StreamViewer | None:
    return (await load_viewers(session, [member_id])).get(member_id)


async def load_viewers(session: AsyncSession, member_ids: Collection[int]) -> dict[int, StreamViewer]:
    """Viewers of many members in four queries, whatever their number; erased members are left out."""
    ids = set(member_ids)
    members = await session.execute(
        select(Member.id, Member.role, Member.suspended_until, Member.filter_words, Member.filter_mode).where(
            Member.id.in_(ids), Member.erased_at.is_(None)
        )
    )
    found = members.all()
    roles = {member_id: role for member_id, role, *_ in found}
    suspended_until = {member_id: until for member_id, _, until, *_ in found}
    filters = {member_id: reader_filter(words, mode) for member_id, _, _, words, mode in found}
    excluded: dict[int, set[int]] = {member_id: set() for member_id in roles}
    relations = await session.execute(
        select(MemberRelation.member_id, MemberRelation.other_id, MemberRelation.kind).where(
            or_(
                MemberRelation.member_id.in_(roles),
                MemberRelation.other_id.in_(roles) & (MemberRelation.kind == RelationKind.block),
            )
        )
    )
    for owner, other, kind in relations.all():
        # Whom a member muted or blocked, and who blocked them (a block hides both ways, a mute one way).
        if owner in excluded:
            excluded[owner].add(other)
        if other in excluded and kind == RelationKind.block:
            excluded[other].add(owner)
    hidden: dict[int, set[int]] = {member_id: set() for member_id in roles}
    hides = await session.execute(
        select(PostHide.member_id, PostHide.post_id).where(PostHide.member_id.in_(roles))
    )
    for member_id, post_id in hides.all():
        hidden[member_id].add(post_id)
    hidden_replies: dict[int, set[int]] = {member_id: set() for member_id in roles}
    reply_hides = await session.execute(
        select(ReplyHide.member_id, ReplyHide.reply_id).where(ReplyHide.member_id.in_(roles))
    )
    for member_id, reply_id in reply_hides.all():
        hidden_replies[member_id].add(reply_id)
    return {
        member_id: StreamViewer(
            member_id=member_id,
            excluded_members=frozenset(excluded[member_id]),
            hidden_posts=frozenset(hidden[member_id]),
            hidden_replies=frozenset(hidden_replies[member_id]),
            sees_moderation=has_permission(role, Permission.watch_moderation),
            suspended_until=suspended_until[member_id],
            filter=filters[member_id],
        )
        for member_id, role in roles.items()
    }
