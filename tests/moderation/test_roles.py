"""Administrators give and take roles; the service always keeps an administrator."""

import json

from sqlalchemy import select

from app.realtime.models import Event
from tests.moderation.conftest import audit_entries

API = "/api/v1"


async def test_an_administrator_makes_a_member_a_moderator(members, admin):
    response = await admin.put(f"{API}/admin/members/ash/role", json={"role": "moderator"})
    assert response.status_code == 200
    assert response.json() == {"pseudonym": "ash", "role": "moderator"}
    assert (await members["ash"].get(f"{API}/moderation/audit")).status_code == 200


async def test_a_former_moderator_loses_the_moderators_tools(members, admin):
    await admin.put(f"{API}/admin/members/ash/role", json={"role": "moderator"})
    await admin.put(f"{API}/admin/members/ash/role", json={"role": "member"})
    assert (await members["ash"].get(f"{API}/moderation/audit")).status_code == 403


async def test_a_role_change_is_audited(app, members, admin):
    await admin.put(f"{API}/admin/members/ash/role", json={"role": "admin"})
    [entry] = await audit_entries(app, "member.role_changed")
    assert json.loads(entry.details) == {"before": "member", "after": "admin"}


async def test_the_members_open_sockets_reload_who_they_are(app, members, admin):
    await admin.put(f"{API}/admin/members/ash/role", json={"role": "moderator"})
    async with app.state.database.transaction() as session:
        kinds = list(await session.scalars(select(Event.audience).where(Event.kind == "viewer.changed")))
    assert len(kinds) == 1 and kinds[0].startswith("member:")


async def test_the_last_administrator_cannot_step_down(admin):
    response = await admin.put(f"{API}/admin/members/dove/role", json={"role": "member"})
    assert response.status_code == 409
    assert (await admin.get(f"{API}/me")).json()["role"] == "admin"


async def test_an_administrator_can_step_down_when_another_remains(members, admin):
    await admin.put(f"{API}/admin/members/ash/role", json={"role": "admin"})
    response = await admin.put(f"{API}/admin/members/dove/role", json={"role": "moderator"})
    assert response.status_code == 200


async def test_an_unknown_member_is_not_found(admin):
    response = await admin.put(f"{API}/admin/members/nobody-here/role", json={"role": "moderator"})
    assert response.status_code == 404


async def test_an_unknown_role_is_refused_naming_the_field(members, admin):
    response = await admin.put(f"{API}/admin/members/ash/role", json={"role": "owner"})
    assert response.status_code == 422
    assert response.json()["field"] == "role"
