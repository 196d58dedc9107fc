"""Screeners, moderators, administrators, moderation hours and the review queue, for the moderation tests."""

import json
from datetime import UTC, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, update

from app.accounts.models import Member as MemberRow
from app.community.models import Notification
from app.core.permissions import Role
from app.moderation import settings
from app.moderation.models import AuditEntry
from app.moderation.screening import Action, CheckKind, CheckSpec, Screener, compile_checks
from app.moderation.settings import HoursWindow, ModerationHours
from app.realtime.models import Event
from tests.conftest import TEST_THRESHOLDS, Member, join

# The real-socket server, for the tests of what arrives live.
from tests.realtime.conftest import http, live, send_buffer  # noqa: F401

API = "/api/v1"


async def make_role(app: Any, member: Member, role: Role) -> None:
    async with app.state.database.transaction() as session:
        await session.execute(
            update(MemberRow).where(MemberRow.pseudonym == member.pseudonym).values(role=role)
        )


async def set_on_duty(app: Any, on_duty: bool) -> None:
    """Moderation hours that include now (every minute of every day) or exclude it (never today)."""
    today = datetime.now(ZoneInfo("Europe/London")).weekday()
    days = list(range(7)) if on_duty else [(today + 3) % 7]
    hours = ModerationHours(windows=[HoursWindow(days=days, start=time(0, 0), end=time(23, 59, 59, 999999))])
    async with app.state.database.transaction() as session:
        await settings.save(session, key="hours", value=hours, actor_id=None)


async def save_thresholds(app: Any, **values: Any) -> None:
    """The tests' thresholds (new members' first words not held) with these values changed."""
    thresholds = TEST_THRESHOLDS.model_copy(update=values)
    async with app.state.database.transaction() as session:
        await settings.save(session, key="thresholds", value=thresholds, actor_id=None)


async def notifications(app: Any, member: Member, kind: str | None = None) -> list[dict]:
    async with app.state.database.transaction() as session:
        member_id = await session.scalar(select(MemberRow.id).where(MemberRow.pseudonym == member.pseudonym))
        query = select(Notification).where(Notification.member_id == member_id).order_by(Notification.id)
        if kind is not None:
            query = query.where(Notification.kind == kind)
        rows = await session.scalars(query)
        return [{"kind": n.kind, **json.loads(n.data)} for n in rows]


async def events_for(app: Any, audience: str) -> list[dict]:
    async with app.state.database.transaction() as session:
        rows = await session.scalars(select(Event).where(Event.audience == audience).order_by(Event.id))
        return [{"kind": e.kind, "payload": e.payload} for e in rows]


async def member_id(app: Any, member: Member) -> int:
    async with app.state.database.transaction() as session:
        return await session.scalar(select(MemberRow.id).where(MemberRow.pseudonym == member.pseudonym))


async def rule_ids(client: Any) -> list[int]:
    return [r["id"] for r in (await client.get(f"{API}/rules")).json()["rules"]]


async def report_post(member: Member, post_id: int, **body: Any) -> Any:
    return await member.post(f"{API}/posts/{post_id}/report", json=body or {"note": "This upset me."})


async def queue(member: Member, **params: Any) -> list[dict]:
    response = await member.get(f"{API}/moderation/queue", params=params)
    assert response.status_code == 200, response.text
    return response.json()["items"]


async def decide(member: Member, item: dict, action: str, **body: Any) -> Any:
    return await member.post(
        f"{API}/moderation/queue/{item['id']}/decision",
        json={"action": action, "version": item["version"], **body},
    )


@pytest.fixture
async def team(app, client, members) -> dict[str, Member]:
    """ash, birch, cedar; mod (rowan, a moderator) and lead (willow, an administrator); on duty."""
    mod, lead = await join(client, "rowan"), await join(client, "willow")
    await make_role(app, mod, Role.moderator)
    await make_role(app, lead, Role.admin)
    await set_on_duty(app, True)
    return {**members, "mod": mod, "lead": lead}


def now() -> datetime:
    return datetime.now(UTC)


def screener(*checks: CheckSpec) -> Screener:
    return compile_checks(checks)


@pytest.fixture(scope="session")
def words() -> Screener:
    return screener(
        CheckSpec(
            1,
            4,
            CheckKind.phrases,
            Action.nudge,
            phrases=("die", "cut", "kill", "cunt", "ass", "want to die"),
        ),
        CheckSpec(2, 2, CheckKind.crisis, Action.hold, phrases=("suicide", "kill myself"), sensitive=True),
    )


@pytest.fixture
async def admin(app: Any, client: Any) -> Member:
    """dove, an administrator."""
    member = await join(client, "dove")
    await make_role(app, member, Role.admin)
    return member


@pytest.fixture
async def moderator(app: Any, client: Any) -> Member:
    """elm, a moderator."""
    member = await join(client, "elm")
    await make_role(app, member, Role.moderator)
    return member


async def audit_entries(app: Any, action: str) -> list[AuditEntry]:
    async with app.state.database.transaction() as session:
        return list(await session.scalars(select(AuditEntry).where(AuditEntry.action == action)))
