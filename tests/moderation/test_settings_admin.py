"""Administrators edit the community settings a section at a time; moderators read removal messages."""

import json

from tests.conftest import PASSWORD
from tests.moderation.conftest import audit_entries

API = "/api/v1"


async def test_every_section_is_listed_with_its_defaults(admin):
    settings = (await admin.get(f"{API}/admin/settings")).json()
    assert set(settings) == {"team", "hours", "thresholds", "signposts", "removal_messages", "welcome"}
    assert settings["thresholds"]["hide_after_reporters"] == 3
    assert settings["thresholds"]["hold_crisis_posts"] is True


async def test_a_saved_section_is_read_back(admin):
    response = await admin.put(f"{API}/admin/settings/thresholds", json={"hide_after_reporters": 4})
    assert response.status_code == 200, response.text
    assert (await admin.get(f"{API}/admin/settings")).json()["thresholds"]["hide_after_reporters"] == 4


async def test_a_section_replaced_whole_takes_defaults_for_what_was_left_out(admin):
    await admin.put(f"{API}/admin/settings/thresholds", json={"hide_after_reporters": 4})
    await admin.put(f"{API}/admin/settings/thresholds", json={"new_member_held_posts": 0})
    thresholds = (await admin.get(f"{API}/admin/settings")).json()["thresholds"]
    assert (thresholds["hide_after_reporters"], thresholds["new_member_held_posts"]) == (3, 0)


async def test_a_value_out_of_range_is_refused_naming_the_field(admin):
    response = await admin.put(f"{API}/admin/settings/thresholds", json={"hide_after_reporters": 0})
    assert response.status_code == 422
    assert response.json()["field"] == "hide_after_reporters"


async def test_an_unknown_setting_is_refused_naming_it(admin):
    response = await admin.put(f"{API}/admin/settings/team", json={"persona": "Sam"})
    assert response.status_code == 422
    assert response.json()["field"] == "persona"


async def test_moderation_hours_need_a_known_time_zone(admin):
    response = await admin.put(f"{API}/admin/settings/hours", json={"timezone": "Mars/Olympus"})
    assert response.status_code == 422
    assert response.json()["field"] == "timezone"


async def test_a_suspension_step_needs_days(admin):
    response = await admin.put(
        f"{API}/admin/settings/thresholds", json={"strike_ladder": [{"kind": "suspension"}]}
    )
    assert response.status_code == 422
    assert response.json()["field"].startswith("strike_ladder.0")


async def test_each_save_is_audited_with_before_and_after(app, admin):
    await admin.put(f"{API}/admin/settings/team", json={"persona_name": "Robin from the team"})
    [entry] = await audit_entries(app, "settings.changed")
    details = json.loads(entry.details)
    assert details["section"] == "team"
    assert details["before"]["persona_name"] == "Sam from the moderation team"
    assert details["after"]["persona_name"] == "Robin from the team"


async def test_nobody_can_join_as_a_look_alike_of_the_persona_administrators_named(client, admin):
    await admin.put(f"{API}/admin/settings/team", json={"persona_name": "Robin Team"})
    version = (await client.get(f"{API}/rules")).json()["version"]
    response = await client.post(
        f"{API}/auth/join",
        json={"pseudonym": "r0bin team", "password": PASSWORD, "agreed_rules_version": version},
    )
    assert response.status_code == 422
    assert response.json()["field"] == "pseudonym"


async def test_moderators_read_the_removal_messages_administrators_wrote(admin, moderator):
    message = {"key": "kind", "title": "Be kind", "text": "We took this down because it was unkind."}
    await admin.put(f"{API}/admin/settings/removal_messages", json={"items": [message]})
    response = await moderator.get(f"{API}/moderation/removal-messages")
    assert response.status_code == 200
    assert response.json()["items"] == [message]


async def test_the_welcome_to_new_members_is_edited_like_any_section(admin):
    response = await admin.put(f"{API}/admin/settings/welcome", json={"message": "Hello and welcome."})
    assert response.status_code == 200, response.text
    assert (await admin.get(f"{API}/admin/settings")).json()["welcome"]["message"] == "Hello and welcome."
