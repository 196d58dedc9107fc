"""Screeners, moderators and administrators for the moderation tests."""

from typing import Any

import httpx
import pytest
from sqlalchemy import select, update

from app.accounts.models import Member as MemberRow
from app.core.permissions import Role
from app.moderation.models import AuditEntry
from app.moderation.screening import Action, CheckKind, CheckSpec, Screener, compile_checks
from tests.conftest import Member, join


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


async def make_role(app: Any, member: Member, role: Role) -> Member:
    async with app.state.database.transaction() as session:
        await session.execute(
            update(MemberRow).where(MemberRow.pseudonym == member.pseudonym).values(role=role)
        )
    return member


@pytest.fixture
async def admin(app: Any, client: httpx.AsyncClient) -> Member:
    return await make_role(app, await join(client, "dove"), Role.admin)


@pytest.fixture
async def moderator(app: Any, client: httpx.AsyncClient) -> Member:
    return await make_role(app, await join(client, "elm"), Role.moderator)


async def audit_entries(app: Any, action: str) -> list[AuditEntry]:
    async with app.state.database.transaction() as session:
        return list(await session.scalars(select(AuditEntry).where(AuditEntry.action == action)))
