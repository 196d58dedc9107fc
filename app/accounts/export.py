"""Everything a member gave, as one JSON document: their own words and choices, and nothing about other
members beyond the pseudonyms of those they muted or blocked.

Each domain contributes sections through a provider, `(session, member) -> JSON-able value`, listed in
SECTIONS below: a new domain adds its data by adding one provider (private messages add
"conversations" and "welcomes" this way).
"""

import json
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts import filters
from app.accounts.models import Member, MemberRelation, MemberSession
from app.community import notifications
from app.community.models import Notification
from app.core.db import utcnow
from app.messages import member_data
from app.moderation.models import Appeal, HouseRule, ReviewItem, ReviewReason, Sanction
from app.moderation.models.review import ReasonSource
from app.wall.models import ContentState, Post, PostHear, PostHide, Reply, ReplyHear, ReplyHide

Provider = Callable[[AsyncSession, Member], Awaitable[Any]]
FORMAT_VERSION = 1


async def profile(session: AsyncSession, member: Member) -> dict[str, Any]:
    return {
        "pseudonym": member.pseudonym,
        "avatar": member.avatar,
        "about_me": member.about_me,
        "joined_at": member.joined_at,
        "role": member.role.value,
        "rules_version_agreed": member.rules_version_agreed,
        "taking_a_break": (
            {"since": member.break_started_at, "until": member.break_until}
            if member.on_break(utcnow())
            else None
        ),
        "notifications_turned_off": sorted(notifications.turned_off(member)),
    }


async def sessions(session: AsyncSession, member: Member) -> list[dict[str, Any]]:
    rows = await session.scalars(
        select(MemberSession).where(MemberSession.member_id == member.id).order_by(MemberSession.id)
    )
    return [
        {
            "device": row.device,
            "created_at": row.created_at,
            "last_seen_at": row.last_seen_at,
            "expires_at": row.expires_at,
            "ended_at": row.ended_at,
        }
        for row in rows
    ]


async def posts(session: AsyncSession, member: Member) -> list[dict[str, Any]]:
    """Their words as they are stored: removed ones too (they wrote them); deleted ones are gone."""
    rows = await session.scalars(
        select(Post).where(Post.author_id == member.id, Post.state != ContentState.deleted).order_by(Post.id)
    )
    return [
        {
            "id": post.id,
            "kind": post.kind.value,
            "body": post.body,
            "content_warning": post.content_warning,
            "state": post.state.value,
            "created_at": post.created_at,
            "edited_at": post.edited_at,
            "heard_count": post.heard_count,
            "reply_count": post.reply_count,
        }
        for post in rows
    ]


async def replies(session: AsyncSession, member: Member) -> list[dict[str, Any]]:
    rows = await session.scalars(
        select(Reply)
        .where(Reply.author_id == member.id, Reply.state != ContentState.deleted)
        .order_by(Reply.id)
    )
    return [
        {
            "id": reply.id,
            "post_id": reply.post_id,
            "body": reply.body,
            "state": reply.state.value,
            "created_at": reply.created_at,
            "edited_at": reply.edited_at,
            "heard_count": reply.heard_count,
        }
        for reply in rows
    ]


async def i_hear_yous(session: AsyncSession, member: Member) -> dict[str, Any]:
    """Which posts and replies they heard, by id: whose words they were is the other members' data."""
    heard_posts = await session.execute(
        select(PostHear.post_id, PostHear.created_at).where(PostHear.member_id == member.id)
    )
    heard_replies = await session.execute(
        select(ReplyHear.reply_id, ReplyHear.created_at).where(ReplyHear.member_id == member.id)
    )
    return {
        "posts": [{"post_id": p, "at": at} for p, at in heard_posts.all()],
        "replies": [{"reply_id": r, "at": at} for r, at in heard_replies.all()],
    }


async def hides(session: AsyncSession, member: Member) -> dict[str, Any]:
    hidden_posts = await session.execute(
        select(PostHide.post_id, PostHide.created_at).where(PostHide.member_id == member.id)
    )
    hidden_replies = await session.execute(
        select(ReplyHide.reply_id, ReplyHide.created_at).where(ReplyHide.member_id == member.id)
    )
    return {
        "posts": [{"post_id": p, "at": at} for p, at in hidden_posts.all()],
        "replies": [{"reply_id": r, "at": at} for r, at in hidden_replies.all()],
    }


async def mutes_and_blocks(session: AsyncSession, member: Member) -> list[dict[str, Any]]:
    """Pseudonyms only; members since erased are left out."""
    rows = await session.execute(
        select(MemberRelation.kind, Member.pseudonym, MemberRelation.created_at)
        .join(Member, Member.id == MemberRelation.other_id)
        .where(MemberRelation.member_id == member.id, Member.erased_at.is_(None))
        .order_by(MemberRelation.created_at)
    )
    return [{"kind": kind.value, "pseudonym": pseudonym, "at": at} for kind, pseudonym, at in rows.all()]


async def filter_words(session: AsyncSession, member: Member) -> dict[str, Any]:
    return {"mode": member.filter_mode.value, "words": filters.words(member)}


async def reports(session: AsyncSession, member: Member) -> list[dict[str, Any]]:
    """What they reported (the kind of thing, not its words), their note, the rule they named, and what
    came of it."""
    rows = await session.execute(
        select(
            ReviewReason, ReviewItem.target_type, ReviewItem.status, ReviewItem.resolution, HouseRule.title
        )
        .join(ReviewItem, ReviewItem.id == ReviewReason.item_id)
        .outerjoin(HouseRule, HouseRule.id == ReviewReason.rule_id)
        .where(ReviewReason.reporter_id == member.id, ReviewReason.source == ReasonSource.report)
        .order_by(ReviewReason.id)
    )
    return [
        {
            "target_type": target_type.value,
            "note": reason.note,
            "rule": rule_title,
            "reported_at": reason.created_at,
            "outcome": resolution.value if resolution else status.value,
        }
        for reason, target_type, status, resolution, rule_title in rows.all()
    ]


async def notifications_received(session: AsyncSession, member: Member) -> list[dict[str, Any]]:
    rows = await session.scalars(
        select(Notification).where(Notification.member_id == member.id).order_by(Notification.id)
    )
    return [
        {"kind": row.kind, "data": json.loads(row.data), "created_at": row.created_at, "read_at": row.read_at}
        for row in rows
    ]


async def sanctions(session: AsyncSession, member: Member) -> list[dict[str, Any]]:
    """The notices on their record, as they were told them (without who decided)."""
    rows = await session.execute(
        select(Sanction, HouseRule.title)
        .join(HouseRule, HouseRule.id == Sanction.rule_id)
        .where(Sanction.member_id == member.id)
        .order_by(Sanction.id)
    )
    return [
        {
            "kind": sanction.kind.value,
            "rule": title,
            "message": sanction.message,
            "created_at": sanction.created_at,
            "ends_at": sanction.ends_at,
            "lifted_at": sanction.lifted_at,
            "overruled_at": sanction.overruled_at,
        }
        for sanction, title in rows.all()
    ]


async def appeals(session: AsyncSession, member: Member) -> list[dict[str, Any]]:
    rows = await session.scalars(select(Appeal).where(Appeal.member_id == member.id).order_by(Appeal.id))
    return [
        {
            "text": appeal.body,
            "status": appeal.status.value,
            "created_at": appeal.created_at,
            "resolved_at": appeal.resolved_at,
            "response": appeal.response,
        }
        for appeal in rows
    ]


SECTIONS: dict[str, Provider] = {
    "profile": profile,
    "sessions": sessions,
    "posts": posts,
    "replies": replies,
    "i_hear_yous": i_hear_yous,
    "hides": hides,
    "mutes_and_blocks": mutes_and_blocks,
    "filter_words": filter_words,
    "reports": reports,
    "notifications": notifications_received,
    "sanctions": sanctions,
    "appeals": appeals,
    "conversations": member_data.conversations,
    "welcomes_and_messaging": member_data.welcomes_and_choices,
}


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _json_value(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_json_value(item) for item in value]
    return value


async def export(session: AsyncSession, *, member: Member) -> dict[str, Any]:
    document: dict[str, Any] = {"format_version": FORMAT_VERSION, "exported_at": utcnow().isoformat()}
    for name, provider in SECTIONS.items():
        document[name] = _json_value(await provider(session, member))
    return document
