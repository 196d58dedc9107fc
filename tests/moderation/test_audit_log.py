"""Moderators and administrators list and filter the audit log."""

from datetime import UTC, datetime, timedelta

API = "/api/v1"
AUDIT = f"{API}/moderation/audit"


async def note(moderator, pseudonym: str, body: str = "Checked in.") -> None:
    response = await moderator.post(f"{API}/moderation/members/{pseudonym}/notes", json={"body": body})
    assert response.status_code == 201, response.text


async def test_entries_come_newest_first_with_who_what_and_whom(members, moderator, admin):
    await note(moderator, "ash")
    await admin.put(f"{API}/admin/members/birch/role", json={"role": "moderator"})
    items = (await admin.get(AUDIT)).json()["items"]
    assert [(e["action"], e["actor"], e["member"]) for e in items] == [
        ("member.role_changed", "dove", "birch"),
        ("note.added", "elm", "ash"),
    ]


async def test_entries_come_in_pages(members, moderator):
    for name in ("ash", "birch", "cedar"):
        await note(moderator, name)
    first = (await moderator.get(AUDIT, params={"limit": 2})).json()
    rest = (await moderator.get(AUDIT, params={"limit": 2, "cursor": first["next_cursor"]})).json()
    assert [e["member"] for e in first["items"] + rest["items"]] == ["cedar", "birch", "ash"]
    assert rest["next_cursor"] is None


async def test_entries_filter_by_action(members, moderator, admin):
    await note(moderator, "ash")
    await admin.put(f"{API}/admin/members/birch/role", json={"role": "moderator"})
    items = (await moderator.get(AUDIT, params={"action": "note.added"})).json()["items"]
    assert [e["action"] for e in items] == ["note.added"]


async def test_entries_filter_by_actor_and_by_member(members, moderator, admin):
    await note(moderator, "ash")
    await note(admin, "birch")
    by_actor = (await moderator.get(AUDIT, params={"actor": "DOVE"})).json()["items"]
    about = (await moderator.get(AUDIT, params={"member": "ash"})).json()["items"]
    assert [e["member"] for e in by_actor] == ["birch"]
    assert [e["actor"] for e in about] == ["elm"]


async def test_entries_filter_by_rule(client, admin):
    rules = (await client.get(f"{API}/rules")).json()["rules"]
    await admin.patch(
        f"{API}/admin/rules/{rules[0]['id']}", json={"text": "New.", "change_summary": "Edit one"}
    )
    await admin.patch(
        f"{API}/admin/rules/{rules[1]['id']}", json={"text": "New.", "change_summary": "Edit two"}
    )
    items = (await admin.get(AUDIT, params={"rule_id": rules[1]["id"]})).json()["items"]
    assert [(e["reason"], e["rule_id"]) for e in items] == [("Edit two", rules[1]["id"])]


async def test_entries_filter_by_time(members, moderator):
    await note(moderator, "ash")
    now = datetime.now(UTC)
    later = (now + timedelta(minutes=1)).isoformat()
    earlier = (now - timedelta(minutes=5)).isoformat()
    assert (await moderator.get(AUDIT, params={"since": later})).json()["items"] == []
    assert len((await moderator.get(AUDIT, params={"since": earlier, "until": later})).json()["items"]) == 1


async def test_a_time_without_a_zone_is_refused_naming_the_field(moderator):
    response = await moderator.get(AUDIT, params={"since": "2026-01-01T00:00:00"})
    assert response.status_code == 422
    assert response.json()["field"] == "since"
