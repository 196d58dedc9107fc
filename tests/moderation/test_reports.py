"""Reporting a post, a reply or a member: privately, hidden for the reporter, counted once per member."""

import asyncio

from tests.moderation.conftest import (
    API,
    decide,
    events_for,
    member_id,
    notifications,
    queue,
    report_post,
    rule_ids,
)


async def test_a_report_with_a_rule_queues_the_post_as_reported(team, client):
    ash, birch, mod = team["ash"], team["birch"], team["mod"]
    post = await ash.write_post("words")
    rule = (await rule_ids(client))[0]
    response = await report_post(birch, post["id"], rule_id=rule)
    assert response.status_code == 202
    assert "hidden this for you" in response.json()["message"]
    [item] = await queue(mod)
    assert item["priority"] == "reported"
    assert item["target"]["type"] == "post" and item["target"]["body"] == "words"
    assert item["reasons"][0]["rule"]["id"] == rule
    assert item["reasons"][0]["reporter"] == "birch"


async def test_something_else_needs_a_note(team):
    post = await team["ash"].write_post()
    response = await team["birch"].post(f"{API}/posts/{post['id']}/report", json={})
    assert response.status_code == 422
    assert response.json()["field"] == "note"


async def test_a_note_longer_than_500_characters_is_refused(team):
    post = await team["ash"].write_post()
    response = await report_post(team["birch"], post["id"], note="x" * 501)
    assert response.status_code == 422
    assert response.json()["field"] == "note"


async def test_an_unknown_rule_is_refused(team):
    post = await team["ash"].write_post()
    response = await report_post(team["birch"], post["id"], rule_id=999999)
    assert response.status_code == 422
    assert response.json()["field"] == "rule_id"


async def test_own_words_and_oneself_cannot_be_reported(team):
    ash = team["ash"]
    post = await ash.write_post()
    reply = (await ash.post(f"{API}/posts/{post['id']}/replies", json={"body": "mine"})).json()
    assert (await report_post(ash, post["id"])).status_code == 422
    assert (await ash.post(f"{API}/replies/{reply['id']}/report", json={"note": "x"})).status_code == 422
    assert (await ash.post(f"{API}/members/ash/report", json={"note": "x"})).status_code == 422


async def test_only_what_the_reporter_can_see_can_be_reported(team):
    ash, birch = team["ash"], team["birch"]
    post = await ash.write_post()
    await ash.put(f"{API}/members/birch/block")
    assert (await report_post(birch, post["id"])).status_code == 404
    assert (await birch.post(f"{API}/members/ash/report", json={"note": "x"})).status_code == 404
    assert (await report_post(birch, 987654)).status_code == 404


async def test_reporting_a_post_hides_it_for_the_reporter_only(team):
    ash, birch, cedar = team["ash"], team["birch"], team["cedar"]
    post = await ash.write_post()
    await report_post(birch, post["id"])
    assert (await birch.get(f"{API}/posts/{post['id']}")).status_code == 404
    assert [p["id"] for p in (await birch.get(f"{API}/me/hidden-posts")).json()["items"]] == [post["id"]]
    assert (await cedar.get(f"{API}/posts/{post['id']}")).status_code == 200


async def test_reporting_a_reply_hides_it_for_the_reporter_only(team):
    ash, birch, cedar = team["ash"], team["birch"], team["cedar"]
    post = await cedar.write_post()
    reply = (await ash.post(f"{API}/posts/{post['id']}/replies", json={"body": "unkind"})).json()
    response = await birch.post(f"{API}/replies/{reply['id']}/report", json={"note": "unkind"})
    assert response.status_code == 202
    seen_by_birch = (await birch.get(f"{API}/posts/{post['id']}")).json()["replies"]["items"]
    seen_by_cedar = (await cedar.get(f"{API}/posts/{post['id']}")).json()["replies"]["items"]
    assert seen_by_birch == []
    assert [r["id"] for r in seen_by_cedar] == [reply["id"]]


async def test_reporting_a_member_mutes_them_for_the_reporter(team):
    ash, birch, mod = team["ash"], team["birch"], team["mod"]
    response = await birch.post(f"{API}/members/ash/report", json={"note": "keeps messaging me"})
    assert response.status_code == 202
    assert [m["pseudonym"] for m in (await birch.get(f"{API}/me/mutes")).json()] == ["ash"]
    [item] = await queue(mod)
    assert item["target"]["type"] == "member" and item["target"]["member"] == "ash"
    await ash.write_post("after the report")
    assert (await birch.get(f"{API}/posts")).json()["items"] == []


async def test_repeated_reports_by_one_member_count_once(team):
    ash, birch, mod = team["ash"], team["birch"], team["mod"]
    post = await ash.write_post()
    first = await report_post(birch, post["id"])
    again = await report_post(birch, post["id"], note="and again")
    assert first.status_code == again.status_code == 202
    assert first.json() == again.json()
    [item] = await queue(mod)
    assert item["report_count"] == 1
    assert len(item["reasons"]) == 1
    assert item["version"] == 1


async def test_concurrent_repeated_reports_count_once(team):
    ash, birch, cedar, mod = team["ash"], team["birch"], team["cedar"], team["mod"]
    post = await ash.write_post()
    await asyncio.gather(*(report_post(m, post["id"]) for m in (birch, cedar, birch, cedar, birch)))
    [item] = await queue(mod)
    assert item["report_count"] == 2


async def test_the_reported_member_never_learns_who_reported(app, team):
    ash, birch, mod = team["ash"], team["birch"], team["mod"]
    post = await ash.write_post()
    await report_post(birch, post["id"], note="birch is upset")
    [item] = await queue(mod)
    await decide(mod, item, "remove", rule_id=(await rule_ids(ash.client))[0], message="Sorry.")
    ash_id = await member_id(app, ash)
    told = await notifications(app, ash) + await events_for(app, f"member:{ash_id}")
    assert told, "ash was told of the removal"
    assert all("birch" not in str(entry) for entry in told)
    queue_events = await events_for(app, "moderators")
    assert queue_events and all("birch" not in e["payload"] for e in queue_events)


async def test_a_moderator_sees_no_reporters_on_an_item_about_themself(team):
    mod, birch, lead = team["mod"], team["birch"], team["lead"]
    await birch.post(f"{API}/members/rowan/report", json={"note": "not kind"})
    [seen_by_mod] = await queue(mod)
    [seen_by_lead] = await queue(lead)
    assert seen_by_mod["reasons"][0]["reporter"] is None
    assert seen_by_lead["reasons"][0]["reporter"] == "birch"


async def test_the_reporter_is_told_the_outcome_once(app, team):
    ash, birch, cedar, mod = team["ash"], team["birch"], team["cedar"], team["mod"]
    post = await ash.write_post()
    await report_post(birch, post["id"])
    await report_post(cedar, post["id"])
    [item] = await queue(mod)
    assert (await decide(mod, item, "dismiss")).status_code == 201
    [outcome] = await notifications(app, birch, "report.outcome")
    assert outcome["outcome"] == "stays_up"
    assert outcome["target_id"] == post["id"]
    assert "ash" not in str(outcome)
    assert len(await notifications(app, cedar, "report.outcome")) == 1
    again = await decide(mod, item | {"version": item["version"] + 1}, "dismiss")
    assert again.status_code == 409
    assert len(await notifications(app, birch, "report.outcome")) == 1


async def test_the_reporter_hears_when_words_are_taken_down(app, team, client):
    ash, birch, mod = team["ash"], team["birch"], team["mod"]
    post = await ash.write_post()
    await report_post(birch, post["id"])
    [item] = await queue(mod)
    await decide(mod, item, "remove", rule_id=(await rule_ids(client))[0], message_key="unkind")
    [outcome] = await notifications(app, birch, "report.outcome")
    assert outcome["outcome"] == "taken_down"
    assert "took it down" in outcome["message"]


async def test_a_report_after_a_decision_opens_a_new_round(team):
    ash, birch, cedar, mod = team["ash"], team["birch"], team["cedar"], team["mod"]
    post = await ash.write_post()
    await report_post(birch, post["id"])
    [item] = await queue(mod)
    await decide(mod, item, "dismiss")
    assert await queue(mod) == []
    await report_post(cedar, post["id"])
    [again] = await queue(mod)
    assert again["id"] == item["id"]
    assert again["round"] == 2
    assert [r["reporter"] for r in again["reasons"]] == ["cedar"]


async def test_suspended_or_anonymous_callers_cannot_report(team, client):
    post = await team["ash"].write_post()
    response = await client.post(f"{API}/posts/{post['id']}/report", json={"note": "x"})
    assert response.status_code == 401
