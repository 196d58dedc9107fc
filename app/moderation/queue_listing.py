"""Reading the review queue: open items in the order moderators work them, each with its target and reasons.

A page costs a fixed number of queries whatever its size: the items, then their reasons, words, members
and rules, each in one statement.
"""

import json
from collections import defaultdict
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.models import Member
from app.core.db import utcnow
from app.core.errors import Invalid, NotFound
from app.core.schemas import PageRequest
from app.messages.models import Message
from app.moderation.models import HouseRule, ItemStatus, Priority, ReasonSource, ReviewItem, ReviewReason
from app.moderation.models import TargetType as T
from app.moderation.queue import CLAIM_LAPSES_AFTER, ITEM_NOT_FOUND
from app.moderation.review_schemas import (
    PriorityName,
    ReviewItemOut,
    ReviewReasonOut,
    ReviewTarget,
    RuleRef,
)
from app.wall.models import Post, Reply

Claimed = Literal["mine", "unclaimed"]


async def open_items(
    session: AsyncSession,
    *,
    viewer_id: int,
    page: PageRequest,
    priority: PriorityName | None,
    escalated: bool | None,
    claimed: Claimed | None,
) -> list[ReviewItem]:
    """Urgent, then reported, held, flagged; oldest first within each; one more than the page holds."""
    query = select(ReviewItem).where(ReviewItem.status == ItemStatus.open)
    if priority is not None:
        query = query.where(ReviewItem.priority == int(Priority[priority.value]))
    if escalated is not None:
        query = query.where(
            ReviewItem.escalated_at.is_not(None) if escalated else ReviewItem.escalated_at.is_(None)
        )
    lapsed = utcnow() - CLAIM_LAPSES_AFTER
    if claimed == "mine":
        query = query.where(ReviewItem.claimed_by_id == viewer_id, ReviewItem.claimed_at > lapsed)
    elif claimed == "unclaimed":
        query = query.where(or_(ReviewItem.claimed_by_id.is_(None), ReviewItem.claimed_at <= lapsed))
    if page.after is not None:
        # The cursor is the last item's id; its place in the order is read back from the item itself.
        anchor = await session.get(ReviewItem, page.after)
        if anchor is None:
            raise Invalid("That cursor is not one this service gave out.", field="cursor")
        query = query.where(_after(anchor.priority, anchor.opened_at, anchor.id))
    query = query.order_by(ReviewItem.priority, ReviewItem.opened_at, ReviewItem.id).limit(page.limit + 1)
    return list(await session.scalars(query))


def _after(priority: int, opened_at: datetime, item_id: int) -> ColumnElement[bool]:
    return or_(
        ReviewItem.priority > priority,
        and_(
            ReviewItem.priority == priority,
            or_(
                ReviewItem.opened_at > opened_at,
                and_(ReviewItem.opened_at == opened_at, ReviewItem.id > item_id),
            ),
        ),
    )


async def one_item(session: AsyncSession, *, item_id: int) -> ReviewItem:
    item = await session.get(ReviewItem, item_id, populate_existing=True)
    if item is None:
        raise NotFound(ITEM_NOT_FOUND)
    return item


async def describe(session: AsyncSession, items: list[ReviewItem], *, viewer_id: int) -> list[ReviewItemOut]:
    if not items:
        return []
    rounds = {item.id: item.round for item in items}
    reasons: dict[int, list[ReviewReason]] = defaultdict(list)
    for reason in await session.scalars(
        select(ReviewReason).where(ReviewReason.item_id.in_(rounds)).order_by(ReviewReason.id)
    ):
        if reason.round == rounds[reason.item_id]:
            reasons[reason.item_id].append(reason)
    ids_of: dict[T, set[int]] = defaultdict(set)
    for item in items:
        ids_of[item.target_type].add(item.target_id)
    posts = {p.id: p for p in await _rows(session, Post, ids_of[T.post])}
    replies = {r.id: r for r in await _rows(session, Reply, ids_of[T.reply])}
    messages = {m.id: m for m in await _rows(session, Message, ids_of[T.message])}
    member_ids = {item.member_id for item in items} | {i.claimed_by_id for i in items if i.claimed_by_id}
    member_ids |= {r.reporter_id for rs in reasons.values() for r in rs if r.reporter_id}
    members = {m.id: m for m in await _rows(session, Member, member_ids)}
    rule_ids = {r.rule_id for rs in reasons.values() for r in rs if r.rule_id}
    rules = {r.id: r for r in await _rows(session, HouseRule, rule_ids)}
    return [
        _item_out(item, reasons[item.id], posts, replies, messages, members, rules, viewer_id=viewer_id)
        for item in items
    ]


async def _rows(session: AsyncSession, model: type[Any], ids: set[int]) -> list[Any]:
    if not ids:
        return []
    return list(await session.scalars(select(model).where(model.id.in_(ids))))


def _item_out(
    item: ReviewItem,
    reasons: list[ReviewReason],
    posts: dict[int, Post],
    replies: dict[int, Reply],
    messages: dict[int, Message],
    members: dict[int, Member],
    rules: dict[int, HouseRule],
    *,
    viewer_id: int,
) -> ReviewItemOut:
    # A moderator reading reports about their own words or themself sees the reports, never who made them.
    show_reporters = item.member_id != viewer_id
    claimer = members.get(item.claimed_by_id) if item.claimed_by_id else None
    return ReviewItemOut(
        id=item.id,
        target=_target(item, posts, replies, messages, members),
        status=item.status,
        priority=PriorityName(Priority(item.priority).name),
        version=item.version,
        round=item.round,
        opened_at=item.opened_at,
        escalated_at=item.escalated_at,
        auto_hidden_at=item.auto_hidden_at,
        claimed_by=claimer.pseudonym if claimer else None,
        claimed_at=item.claimed_at,
        report_count=len({r.reporter_id for r in reasons if r.source == ReasonSource.report}),
        sensitive=any(r.sensitive for r in reasons),
        reasons=[
            ReviewReasonOut(
                source=r.source,
                created_at=r.created_at,
                reporter=members[r.reporter_id].pseudonym if r.reporter_id and show_reporters else None,
                rule=_rule(rules.get(r.rule_id)) if r.rule_id else None,
                note=r.note,
                check_id=r.check_id,
                action=r.action,
                excerpts=json.loads(r.excerpts),
                spans=[tuple(span) for span in json.loads(r.spans)],
                sensitive=r.sensitive,
            )
            for r in reasons
        ],
    )


def _rule(rule: HouseRule | None) -> RuleRef | None:
    return RuleRef(id=rule.id, title=rule.title, summary=rule.summary) if rule else None


def _target(
    item: ReviewItem,
    posts: dict[int, Post],
    replies: dict[int, Reply],
    messages: dict[int, Message],
    members: dict[int, Member],
) -> ReviewTarget:
    member = members[item.member_id]
    if item.target_type == T.message:
        # Private words: read only through the message's context, which the audit log records.
        message = messages.get(item.target_id)
        return ReviewTarget(
            type=item.target_type,
            id=item.target_id,
            member=member.pseudonym,
            post_id=None,
            body=None,
            content_warning=None,
            state=message.state if message else None,
            about_me=None,
            created_at=message.created_at if message else item.opened_at,
        )
    words: Post | Reply | None = (
        posts.get(item.target_id) if item.target_type == T.post else replies.get(item.target_id)
    )
    if item.target_type == T.member or words is None:
        return ReviewTarget(
            type=item.target_type,
            id=item.target_id,
            member=member.pseudonym,
            post_id=None,
            body=None,
            content_warning=None,
            state=None,
            about_me=member.about_me,
            created_at=member.joined_at,
        )
    return ReviewTarget(
        type=item.target_type,
        id=item.target_id,
        member=member.pseudonym,
        post_id=words.post_id if isinstance(words, Reply) else words.id,
        body=words.body,
        content_warning=words.content_warning if isinstance(words, Post) else None,
        state=words.state,
        about_me=None,
        created_at=words.created_at,
    )
