"""Members, moderators and helpers for the private messages tests."""

from typing import Any

import pytest
from sqlalchemy import select, update

from app.accounts.models import Member as MemberRow
from app.core.permissions import Role
from app.moderation.models import AuditEntry
from tests.conftest import Member, join
from tests.moderation.conftest import make_role, set_on_duty

# The real-socket server, for what arrives live.
from tests.realtime.conftest import http, live, send_buffer  # noqa: F401

API = "/api/v1"
CRISIS = "I can't go on, I just want to die tonight"


@pytest.fixture
async def team(app, client, members) -> dict[str, Member]:
    """ash, birch, cedar; mod (rowan) and mod2 (holly), moderators; on duty."""
    mod, mod2 = await join(client, "rowan"), await join(client, "holly")
    await make_role(app, mod, Role.moderator)
    await make_role(app, mod2, Role.moderator)
    await set_on_duty(app, True)
    return {**members, "mod": mod, "mod2": mod2}


async def write(member: Member, to: str, body: str = "Thinking of you today.", **extra: Any) -> Any:
    return await member.post(f"{API}/conversations", json={"pseudonym": to, "body": body, **extra})


async def started(member: Member, to: str, body: str = "Thinking of you today.") -> dict:
    response = await write(member, to, body)
    assert response.status_code == 201, response.text
    return response.json()


async def conversations(member: Member) -> list[dict]:
    response = await member.get(f"{API}/conversations")
    assert response.status_code == 200, response.text
    return response.json()["items"]


async def suspend(app: Any, member: Member, until: Any) -> None:
    async with app.state.database.transaction() as session:
        await session.execute(
            update(MemberRow).where(MemberRow.pseudonym == member.pseudonym).values(suspended_until=until)
        )


async def set_joined(app: Any, member: Member, when: Any) -> None:
    async with app.state.database.transaction() as session:
        await session.execute(
            update(MemberRow).where(MemberRow.pseudonym == member.pseudonym).values(joined_at=when)
        )


async def audit_actions(app: Any) -> list[str]:
    async with app.state.database.read_session() as session:
        return list(await session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))
