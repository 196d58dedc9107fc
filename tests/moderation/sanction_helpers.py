"""Shared setup for the sanctions, appeals, member page and figures tests: a team, rules, removals."""

import json
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select, update

from app.accounts.models import Member as MemberRow
from app.community.models import Notification
from app.core.db import utcnow
from app.core.permissions import Role
from app.moderation.models import (
    AuditEntry,
    Decision,
    DecisionAction,
    ItemStatus,
    Priority,
    ReasonSource,
    Resolution,
    ReviewItem,
    ReviewReason,
    TargetType,
)
from app.wall.models import ContentState, Post, Reply
from tests.conftest import Member, join

API = "/api/v1"


async def set_role(app: Any, pseudonym: str, role: Role) -> None:
    async with app.state.database.transaction() as session:
        await session.execute(update(MemberRow).where(MemberRow.pseudonym == pseudonym).values(role=role))


async def member_id(app: Any, pseudonym: str) -> int:
    async with app.state.database.read_session() as session:
        found = await session.scalar(select(MemberRow.id).where(MemberRow.pseudonym == pseudonym))
    assert found is not None
    return found


@pytest.fixture
async def team(app: Any, client: httpx.AsyncClient, members: dict[str, Member]) -> dict[str, Member]:
    """ash, birch and cedar are members; rowan and willow moderators; sage an administrator."""
    staff = {name: await join(client, name) for name in ("rowan", "willow", "sage")}
    await set_role(app, "rowan", Role.moderator)
    await set_role(app, "willow", Role.moderator)
    await set_role(app, "sage", Role.admin)
    return members | staff


@pytest.fixture
async def rules(client: httpx.AsyncClient) -> list[dict]:
    return (await client.get(f"{API}/rules")).json()["rules"]


async def sanction(
    moderator: Member, pseudonym: str, rule_id: int, kind: str = "warning", **extra: Any
) -> httpx.Response:
    body = {"kind": kind, "rule_id": rule_id, "message": "Please keep replies kind.", **extra}
    return await moderator.post(f"{API}/moderation/members/{pseudonym}/sanctions", json=body)


async def sanctioned(
    moderator: Member, pseudonym: str, rule_id: int, kind: str = "warning", **extra: Any
) -> dict:
    response = await sanction(moderator, pseudonym, rule_id, kind, **extra)
    assert response.status_code == 201, response.text
    return response.json()


async def notifications(app: Any, pseudonym: str) -> list[tuple[str, dict]]:
    owner = await member_id(app, pseudonym)
    async with app.state.database.read_session() as session:
        rows = await session.scalars(
            select(Notification).where(Notification.member_id == owner).order_by(Notification.id)
        )
        return [(row.kind, json.loads(row.data)) for row in rows]


async def audit_actions(app: Any) -> list[tuple[str, int | None]]:
    async with app.state.database.read_session() as session:
        rows = await session.execute(select(AuditEntry.action, AuditEntry.target_id).order_by(AuditEntry.id))
        return [tuple(row) for row in rows.all()]  # type: ignore[misc]


async def suspended_until(app: Any, pseudonym: str) -> datetime | None:
    async with app.state.database.read_session() as session:
        return await session.scalar(select(MemberRow.suspended_until).where(MemberRow.pseudonym == pseudonym))


async def open_item(
    app: Any,
    *,
    target_type: TargetType,
    target_id: int,
    author: str,
    reported_at: datetime | None = None,
    source: ReasonSource = ReasonSource.report,
    priority: Priority = Priority.reported,
) -> int:
    """A review item with one reason, as the review queue would make it."""
    started = reported_at or utcnow()
    async with app.state.database.transaction() as session:
        item = ReviewItem(
            target_type=target_type,
            target_id=target_id,
            member_id=await member_id(app, author),
            status=ItemStatus.open,
            priority=priority,
            version=1,
            round=1,
            opened_at=started,
        )
        session.add(item)
        await session.flush()
        session.add(ReviewReason(item_id=item.id, round=1, source=source, created_at=started))
        return item.id


async def decide_item(
    app: Any,
    item_id: int,
    *,
    moderator: str,
    action: DecisionAction,
    rule_id: int | None,
    at: datetime | None = None,
) -> int:
    """A decision as the review queue records it; a removal also takes the words down."""
    async with app.state.database.transaction() as session:
        item = await session.get(ReviewItem, item_id)
        assert item is not None
        decision = Decision(
            item_id=item.id,
            round=item.round,
            item_version=item.version,
            moderator_id=await member_id(app, moderator),
            action=action,
            rule_id=rule_id,
            message="Taken down." if action == DecisionAction.remove else None,
            created_at=at or utcnow(),
        )
        session.add(decision)
        if action != DecisionAction.escalate:
            item.status = ItemStatus.resolved
            item.resolution = {
                DecisionAction.remove: Resolution.removed,
                DecisionAction.approve: Resolution.approved,
            }.get(action, Resolution.dismissed)
            item.version += 1
        if action == DecisionAction.remove:
            if item.target_type == TargetType.post:
                await session.execute(
                    update(Post).where(Post.id == item.target_id).values(state=ContentState.removed)
                )
            else:
                reply = await session.get(Reply, item.target_id)
                assert reply is not None
                reply.state = ContentState.removed
                await session.execute(
                    update(Post).where(Post.id == reply.post_id).values(reply_count=Post.reply_count - 1)
                )
        await session.flush()
        return decision.id


async def removed_post(app: Any, author: Member, moderator: str, rule_id: int) -> tuple[dict, int]:
    """A post of the author's that a moderator removed: the post and the removal decision's id."""
    post = await author.write_post("Something that was taken down.")
    item = await open_item(app, target_type=TargetType.post, target_id=post["id"], author=author.pseudonym)
    decision = await decide_item(
        app, item, moderator=moderator, action=DecisionAction.remove, rule_id=rule_id
    )
    return post, decision


def days_from_now(days: float) -> datetime:
    return utcnow() + timedelta(days=days)
