"""Administrators change the house rules: each change is a new version members see and agree to."""

import json

from sqlalchemy import select

from app.realtime.models import Event
from tests.moderation.conftest import audit_entries

API = "/api/v1"
SUMMARY = "Clearer words about kindness."


async def current(client) -> dict:
    return (await client.get(f"{API}/rules")).json()


async def add_rule(admin, title="Be kind", **extra) -> dict:
    response = await admin.post(
        f"{API}/admin/rules",
        json={"title": title, "text": "Kind words only.", "change_summary": SUMMARY, **extra},
    )
    assert response.status_code == 201, response.text
    return response.json()


async def test_adding_a_rule_publishes_the_next_version_with_its_summary(client, admin):
    before = await current(client)
    published = await add_rule(admin)
    after = await current(client)
    assert after["version"] == before["version"] + 1 == published["version"]
    assert after["change_summary"] == SUMMARY
    assert after["rules"][-1] == {
        "id": published["created_rule_ids"][0],
        "position": len(before["rules"]) + 1,
        "title": "Be kind",
        "text": "Kind words only.",
        "summary": None,
    }


async def test_a_new_rule_can_go_in_at_a_position(client, admin):
    published = await add_rule(admin, position=1)
    assert published["rules"][0]["id"] == published["created_rule_ids"][0]
    assert [rule["position"] for rule in published["rules"]] == list(range(1, len(published["rules"]) + 1))


async def test_a_change_without_a_change_summary_is_refused_naming_the_field(admin):
    response = await admin.post(f"{API}/admin/rules", json={"title": "Be kind", "text": "Kind words only."})
    assert response.status_code == 422
    assert response.json()["field"] == "change_summary"


async def test_a_title_over_80_characters_is_refused_naming_the_field(admin):
    response = await admin.post(
        f"{API}/admin/rules", json={"title": "x" * 81, "text": "Kind words.", "change_summary": SUMMARY}
    )
    assert response.status_code == 422
    assert response.json()["field"] == "title"


async def test_a_rule_text_over_1000_characters_is_refused_naming_the_field(admin):
    response = await admin.post(
        f"{API}/admin/rules", json={"title": "Be kind", "text": "x" * 1001, "change_summary": SUMMARY}
    )
    assert response.status_code == 422
    assert response.json()["field"] == "text"


async def test_an_edit_changes_the_current_rule_and_the_earlier_version_still_reads_as_it_was(client, admin):
    before = await current(client)
    rule = before["rules"][0]
    response = await admin.patch(
        f"{API}/admin/rules/{rule['id']}",
        json={"text": "New words.", "summary": "In short.", "change_summary": SUMMARY},
    )
    assert response.status_code == 200, response.text
    edited = (await current(client))["rules"][0]
    assert (edited["text"], edited["summary"], edited["title"]) == ("New words.", "In short.", rule["title"])
    old = (await client.get(f"{API}/rules/versions/{before['version']}")).json()
    assert old["rules"][0] == rule


async def test_an_edit_that_changes_nothing_is_refused(client, admin):
    rule = (await current(client))["rules"][0]
    response = await admin.patch(
        f"{API}/admin/rules/{rule['id']}", json={"title": rule["title"], "change_summary": SUMMARY}
    )
    assert response.status_code == 422
    assert (await current(client))["version"] == 1


async def test_a_title_cannot_be_removed(client, admin):
    rule = (await current(client))["rules"][0]
    response = await admin.patch(
        f"{API}/admin/rules/{rule['id']}", json={"title": None, "change_summary": SUMMARY}
    )
    assert response.status_code == 422
    assert response.json()["field"] == "title"


async def test_editing_an_unknown_rule_is_not_found(admin):
    response = await admin.patch(
        f"{API}/admin/rules/999999", json={"text": "New.", "change_summary": SUMMARY}
    )
    assert response.status_code == 404


async def test_a_retired_rule_leaves_the_current_set_but_keeps_its_id_and_old_versions(client, admin):
    before = await current(client)
    rule = before["rules"][0]
    response = await admin.post(f"{API}/admin/rules/{rule['id']}/retire", json={"change_summary": SUMMARY})
    assert response.status_code == 200, response.text
    assert rule["id"] not in [r["id"] for r in (await current(client))["rules"]]
    old = (await client.get(f"{API}/rules/versions/{before['version']}")).json()
    assert rule["id"] in [r["id"] for r in old["rules"]]


async def test_a_retired_rule_cannot_be_edited(client, admin):
    rule = (await current(client))["rules"][0]
    await admin.post(f"{API}/admin/rules/{rule['id']}/retire", json={"change_summary": SUMMARY})
    response = await admin.patch(
        f"{API}/admin/rules/{rule['id']}", json={"text": "Back.", "change_summary": SUMMARY}
    )
    assert response.status_code == 409


async def test_a_rule_with_live_screening_checks_cannot_retire(client, admin):
    rule = (await current(client))["rules"][0]
    check = await admin.post(
        f"{API}/admin/screening/checks",
        json={
            "name": "Caps",
            "rule_id": rule["id"],
            "kind": "shouting",
            "action": "nudge",
            "change_summary": SUMMARY,
        },
    )
    assert check.status_code == 201, check.text
    response = await admin.post(f"{API}/admin/rules/{rule['id']}/retire", json={"change_summary": SUMMARY})
    assert response.status_code == 409
    assert "Caps" in response.json()["message"]


async def test_reordering_puts_the_rules_in_the_order_given(client, admin):
    ids = [rule["id"] for rule in (await current(client))["rules"]]
    response = await admin.post(
        f"{API}/admin/rules/order", json={"rule_ids": list(reversed(ids)), "change_summary": SUMMARY}
    )
    assert response.status_code == 200, response.text
    assert [rule["id"] for rule in (await current(client))["rules"]] == list(reversed(ids))


async def test_an_order_that_leaves_out_a_live_rule_is_refused_naming_the_field(client, admin):
    ids = [rule["id"] for rule in (await current(client))["rules"]]
    response = await admin.post(
        f"{API}/admin/rules/order", json={"rule_ids": ids[1:], "change_summary": SUMMARY}
    )
    assert response.status_code == 422
    assert response.json()["field"] == "rule_ids"


async def test_several_changes_in_one_request_make_one_version(client, admin):
    rules = (await current(client))["rules"]
    response = await admin.post(
        f"{API}/admin/rules/changes",
        json={
            "change_summary": SUMMARY,
            "create": [{"title": "Rest", "text": "Take breaks."}, {"title": "Ask", "text": "Ask for help."}],
            "edit": [{"rule_id": rules[1]["id"], "title": "Kindness first"}],
            "retire": [rules[0]["id"]],
        },
    )
    assert response.status_code == 200, response.text
    after = await current(client)
    assert after["version"] == 2
    titles = [rule["title"] for rule in after["rules"]]
    assert titles[0] == "Kindness first" and titles[-2:] == ["Rest", "Ask"]
    assert rules[0]["id"] not in [rule["id"] for rule in after["rules"]]


async def test_a_change_made_against_an_older_version_is_a_conflict(client, admin):
    await add_rule(admin)
    response = await admin.post(
        f"{API}/admin/rules",
        json={"title": "Rest", "text": "Take breaks.", "change_summary": SUMMARY, "expected_version": 1},
    )
    assert response.status_code == 409
    assert (await current(client))["version"] == 2


async def test_each_change_writes_one_audit_entry_with_the_summary(app, admin):
    published = await add_rule(admin)
    [entry] = await audit_entries(app, "rule.created")
    assert entry.reason == SUMMARY
    assert entry.rule_id == published["created_rule_ids"][0]
    assert json.loads(entry.details)["version"] == published["version"]


async def test_open_screens_hear_that_the_rules_changed(app, admin):
    published = await add_rule(admin)
    async with app.state.database.transaction() as session:
        event = await session.scalar(select(Event).where(Event.kind == "rules.changed"))
    assert event is not None and event.audience == "wall"
    data = json.loads(event.payload)
    assert (data["version"], data["change_summary"]) == (published["version"], SUMMARY)


async def test_versions_are_listed_newest_first_with_their_summaries(client, admin):
    await add_rule(admin, title="Rest")
    listed = (await client.get(f"{API}/rules/versions")).json()
    assert [v["version"] for v in listed["items"]] == [2, 1]
    assert listed["items"][0]["change_summary"] == SUMMARY


async def test_versions_come_in_pages(client, admin):
    await add_rule(admin, title="Rest")
    first = (await client.get(f"{API}/rules/versions", params={"limit": 1})).json()
    second = (
        await client.get(f"{API}/rules/versions", params={"limit": 1, "cursor": first["next_cursor"]})
    ).json()
    assert [first["items"][0]["version"], second["items"][0]["version"]] == [2, 1]
    assert second["next_cursor"] is None


async def test_a_version_that_does_not_exist_is_not_found(client):
    assert (await client.get(f"{API}/rules/versions/99")).status_code == 404


async def test_after_a_change_a_member_agrees_again_before_posting_but_still_reads(client, members, admin):
    await add_rule(admin)
    ash = members["ash"]
    refused = await ash.post(f"{API}/posts", json={"kind": "saying_hello", "body": "Hello."})
    assert refused.status_code == 403 and refused.json()["code"] == "rules_agreement_required"
    assert (await ash.get(f"{API}/posts")).status_code == 200
    assert (await ash.post(f"{API}/me/rules-agreement", json={"version": 2})).status_code == 200
    assert (
        await ash.post(f"{API}/posts", json={"kind": "saying_hello", "body": "Hello."})
    ).status_code == 201


async def test_after_a_change_a_member_agrees_again_before_replying(client, members, admin):
    post = await members["birch"].write_post()
    await add_rule(admin)
    response = await members["ash"].post(f"{API}/posts/{post['id']}/replies", json={"body": "With you."})
    assert response.status_code == 403 and response.json()["code"] == "rules_agreement_required"


async def test_a_member_up_to_date_sees_no_changes(members):
    changes = (await members["ash"].get(f"{API}/me/rules-changes")).json()
    assert changes["up_to_date"] is True
    assert changes["added"] == changes["changed"] == changes["retired"] == changes["moved"] == []


async def test_a_member_sees_what_was_added_changed_and_retired_since_they_agreed(client, members, admin):
    rules = (await current(client))["rules"]
    await add_rule(admin, title="Rest")
    await admin.patch(
        f"{API}/admin/rules/{rules[1]['id']}", json={"text": "New words.", "change_summary": "Edit"}
    )
    await admin.post(f"{API}/admin/rules/{rules[0]['id']}/retire", json={"change_summary": "Retire"})
    changes = (await members["ash"].get(f"{API}/me/rules-changes")).json()
    assert (changes["agreed_version"], changes["current_version"], changes["up_to_date"]) == (1, 4, False)
    assert [v["change_summary"] for v in changes["versions"]] == [SUMMARY, "Edit", "Retire"]
    assert [rule["title"] for rule in changes["added"]] == ["Rest"]
    [changed] = changes["changed"]
    assert (changed["before"]["text"], changed["after"]["text"]) == (rules[1]["text"], "New words.")
    assert [rule["id"] for rule in changes["retired"]] == [rules[0]["id"]]
    # Rules below the retired one shift up, but did not move relative to each other.
    assert changes["moved"] == []


async def test_a_member_sees_which_rule_moved(client, members, admin):
    ids = [rule["id"] for rule in (await current(client))["rules"]]
    new_order = [ids[-1], *ids[:-1]]
    await admin.post(f"{API}/admin/rules/order", json={"rule_ids": new_order, "change_summary": SUMMARY})
    changes = (await members["ash"].get(f"{API}/me/rules-changes")).json()
    assert [(m["rule_id"], m["from_position"], m["to_position"]) for m in changes["moved"]] == [
        (ids[-1], len(ids), 1)
    ]
