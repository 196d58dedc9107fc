"""Administrators manage the screening checks: each change is a new screening version, audited."""

import json

import pytest

from app.moderation.checks_admin import current_checks, spec_of
from app.moderation.screening import compile_checks
from tests.moderation.conftest import audit_entries

API = "/api/v1"
CHECKS = f"{API}/admin/screening/checks"
SUMMARY = "Catch more unkind words."


@pytest.fixture
async def rule_id(client) -> int:
    return (await client.get(f"{API}/rules")).json()["rules"][0]["id"]


def check_body(rule_id: int, **extra) -> dict:
    return {
        "name": "Unkind words",
        "rule_id": rule_id,
        "kind": "phrases",
        "action": "flag",
        "phrases": ["idiot", "loser"],
        "change_summary": SUMMARY,
        **extra,
    }


async def add_check(admin, rule_id: int, **extra) -> dict:
    response = await admin.post(CHECKS, json=check_body(rule_id, **extra))
    assert response.status_code == 201, response.text
    return response.json()


async def test_adding_a_check_publishes_the_next_screening_version(admin, rule_id):
    added = await add_check(admin, rule_id)
    listed = (await admin.get(CHECKS)).json()
    assert (listed["version"], listed["change_summary"]) == (added["version"], SUMMARY) == (2, SUMMARY)
    [mine] = [c for c in listed["checks"] if c["id"] == added["check"]["id"]]
    assert (mine["name"], mine["phrases"], mine["action"]) == ("Unkind words", ["idiot", "loser"], "flag")


async def test_workers_load_the_version_and_its_live_checks(app, admin, rule_id):
    added = await add_check(admin, rule_id)
    async with app.state.database.transaction() as session:
        version, checks = await current_checks(session)
    assert version == added["version"]
    assert added["check"]["id"] in [check.id for check in checks]
    screening = compile_checks([spec_of(c) for c in checks]).screen("What an idiot.")
    assert added["check"]["id"] in [hit.check_id for hit in screening.hits]


async def test_a_phrase_check_without_phrases_is_refused_naming_the_field(admin, rule_id):
    response = await admin.post(CHECKS, json=check_body(rule_id, phrases=[]))
    assert response.status_code == 422
    assert response.json()["field"] == "phrases"


async def test_a_phrase_the_screener_cannot_use_is_refused_naming_it(admin, rule_id):
    response = await admin.post(CHECKS, json=check_body(rule_id, phrases=["fine", "x"]))
    assert response.status_code == 422
    assert response.json()["field"] == "phrases.1"


async def test_a_phrase_over_100_characters_is_refused(admin, rule_id):
    response = await admin.post(CHECKS, json=check_body(rule_id, phrases=["a" * 101]))
    assert response.status_code == 422
    assert response.json()["field"] == "phrases.0"


async def test_more_than_20000_phrases_are_refused(admin, rule_id):
    response = await admin.post(CHECKS, json=check_body(rule_id, phrases=[f"w{n:05}" for n in range(20_001)]))
    assert response.status_code == 422
    assert response.json()["field"] == "phrases"


async def test_20000_phrases_fit_in_one_request(admin, rule_id):
    added = await add_check(admin, rule_id, phrases=[f"word{n:05}" for n in range(20_000)])
    assert len(added["check"]["phrases"]) == 20_000


async def test_a_pattern_that_cannot_compile_is_refused_naming_the_field(admin, rule_id):
    body = check_body(rule_id, kind="pattern", phrases=None, pattern="(unclosed")
    response = await admin.post(CHECKS, json=body)
    assert response.status_code == 422
    assert response.json()["field"] == "pattern"


async def test_a_pattern_that_could_backtrack_for_ever_is_refused(admin, rule_id):
    body = check_body(rule_id, kind="pattern", phrases=None, pattern=r"(a+)+\1")
    response = await admin.post(CHECKS, json=body)
    assert response.status_code == 422
    assert response.json()["field"] == "pattern"


async def test_a_pattern_over_500_characters_is_refused(admin, rule_id):
    response = await admin.post(
        CHECKS, json=check_body(rule_id, kind="pattern", phrases=None, pattern="a" * 501)
    )
    assert response.status_code == 422
    assert response.json()["field"] == "pattern"


async def test_a_field_of_another_kind_is_refused_naming_it(admin, rule_id):
    response = await admin.post(CHECKS, json=check_body(rule_id, kind="shouting"))
    assert response.status_code == 422
    assert response.json()["field"] == "phrases"


async def test_an_unknown_action_is_refused_naming_the_field(admin, rule_id):
    response = await admin.post(CHECKS, json=check_body(rule_id, action="delete"))
    assert response.status_code == 422
    assert response.json()["field"] == "action"


async def test_a_check_must_enforce_a_live_rule(admin, client, rule_id):
    await admin.post(f"{API}/admin/rules", json={"title": "Rest", "text": "Breaks.", "change_summary": "Add"})
    rules = (await client.get(f"{API}/rules")).json()["rules"]
    await admin.post(f"{API}/admin/rules/{rules[-1]['id']}/retire", json={"change_summary": "Retire"})
    for missing in (rules[-1]["id"], 999999):
        response = await admin.post(CHECKS, json=check_body(missing))
        assert response.status_code == 422
        assert response.json()["field"] == "rule_id"


async def test_contact_checks_look_for_every_kind_unless_told(admin, rule_id):
    added = await add_check(admin, rule_id, kind="contact_details", phrases=None, action="hold")
    assert set(added["check"]["contact_kinds"]) >= {"email", "phone", "postcode", "street_address", "link"}


async def test_crisis_checks_are_sensitive_unless_told(admin, rule_id):
    added = await add_check(admin, rule_id, kind="crisis", action="hold", phrases=["end it all"])
    assert added["check"]["sensitive"] is True


async def test_an_edit_publishes_a_version_and_changes_only_what_was_sent(admin, rule_id):
    added = await add_check(admin, rule_id)
    response = await admin.patch(
        f"{CHECKS}/{added['check']['id']}", json={"action": "hold", "change_summary": "Hold them instead."}
    )
    assert response.status_code == 200, response.text
    edited = response.json()
    assert edited["version"] == added["version"] + 1
    assert (edited["check"]["action"], edited["check"]["phrases"]) == ("hold", ["idiot", "loser"])


async def test_a_check_kind_cannot_be_changed(admin, rule_id):
    added = await add_check(admin, rule_id)
    response = await admin.patch(
        f"{CHECKS}/{added['check']['id']}", json={"kind": "pattern", "change_summary": "x"}
    )
    assert response.status_code == 422
    assert response.json()["field"] == "kind"


async def test_an_edit_that_changes_nothing_is_refused(admin, rule_id):
    added = await add_check(admin, rule_id)
    response = await admin.patch(
        f"{CHECKS}/{added['check']['id']}", json={"action": "flag", "change_summary": "x"}
    )
    assert response.status_code == 422
    assert (await admin.get(CHECKS)).json()["version"] == added["version"]


async def test_a_retired_check_stops_screening_but_stays_listed_with_retired(app, admin, rule_id):
    added = await add_check(admin, rule_id)
    check_id = added["check"]["id"]
    response = await admin.post(
        f"{CHECKS}/{check_id}/retire", json={"change_summary": "Too many false alarms."}
    )
    assert response.status_code == 200, response.text
    assert check_id not in [c["id"] for c in (await admin.get(CHECKS)).json()["checks"]]
    listed = (await admin.get(CHECKS, params={"include_retired": "true"})).json()["checks"]
    [retired] = [c for c in listed if c["id"] == check_id]
    assert retired["retired_at"] is not None
    async with app.state.database.transaction() as session:
        assert check_id not in [check.id for check in (await current_checks(session))[1]]


async def test_a_retired_check_cannot_be_edited(admin, rule_id):
    added = await add_check(admin, rule_id)
    await admin.post(f"{CHECKS}/{added['check']['id']}/retire", json={"change_summary": "Retire."})
    response = await admin.patch(
        f"{CHECKS}/{added['check']['id']}", json={"action": "hold", "change_summary": "x"}
    )
    assert response.status_code == 409


async def test_editing_an_unknown_check_is_not_found(admin):
    response = await admin.patch(f"{CHECKS}/999999", json={"action": "hold", "change_summary": "x"})
    assert response.status_code == 404


async def test_each_change_writes_an_audit_entry(app, admin, rule_id):
    added = await add_check(admin, rule_id)
    await admin.patch(
        f"{CHECKS}/{added['check']['id']}", json={"phrases": ["idiot"], "change_summary": "Fewer."}
    )
    [created] = await audit_entries(app, "check.created")
    [edited] = await audit_entries(app, "check.edited")
    assert (created.rule_id, created.reason) == (rule_id, SUMMARY)
    assert json.loads(edited.details)["changed"]["phrases"][2] == {"added": 0, "removed": 1}
