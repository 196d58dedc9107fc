"""Reporting a message: hidden for the reporter, queued for moderators, who read it in its context only
through the queue, and every reading is in the audit log."""

from tests.messages.conftest import API, audit_actions, started
from tests.moderation.conftest import queue


async def conversation_of(team, n: int = 8) -> tuple[int, list[int]]:
    cid = (await started(team["ash"], "birch", "m0"))["conversation"]["id"]
    ids = []
    for i in range(1, n):
        author = team["ash"] if i % 2 else team["birch"]
        r = await author.post(f"{API}/conversations/{cid}/messages", json={"body": f"m{i}"})
        ids.append(r.json()["id"])
    return cid, ids


async def test_reporting_a_message_hides_it_for_the_reporter(team):
    cid, ids = await conversation_of(team)
    reported = ids[2]  # m3, from ash
    response = await team["birch"].post(f"{API}/messages/{reported}/report", json={"note": "Unkind."})
    assert response.status_code == 202
    seen = [m["id"] for m in (await team["birch"].get(f"{API}/conversations/{cid}/messages")).json()["items"]]
    assert reported not in seen
    mine = [m["id"] for m in (await team["ash"].get(f"{API}/conversations/{cid}/messages")).json()["items"]]
    assert reported in mine


async def test_a_member_cannot_report_their_own_message(team):
    _, ids = await conversation_of(team)
    response = await team["ash"].post(f"{API}/messages/{ids[2]}/report", json={"note": "Oops."})
    assert response.status_code == 422


async def test_a_report_queues_the_message_for_moderators(team):
    _, ids = await conversation_of(team)
    await team["birch"].post(f"{API}/messages/{ids[2]}/report", json={"note": "Unkind."})
    [item] = await queue(team["mod"])
    assert item["target"]["type"] == "message" and item["target"]["member"] == "ash"


async def test_moderators_read_the_reported_message_with_five_either_side(team):
    _, ids = await conversation_of(team, n=14)
    await team["birch"].post(f"{API}/messages/{ids[6]}/report", json={"note": "Unkind."})
    response = await team["mod"].post(f"{API}/moderation/messages/{ids[6]}/context")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["message"]["body"] == "m7"
    assert [m["body"] for m in body["before"]] == ["m2", "m3", "m4", "m5", "m6"]
    assert [m["body"] for m in body["after"]] == ["m8", "m9", "m10", "m11", "m12"]
    assert body["members"] == ["ash", "birch"]


async def test_reading_the_context_is_in_the_audit_log(app, team):
    _, ids = await conversation_of(team)
    await team["birch"].post(f"{API}/messages/{ids[2]}/report", json={"note": "Unkind."})
    await team["mod"].post(f"{API}/moderation/messages/{ids[2]}/context")
    assert "message.context_read" in await audit_actions(app)


async def test_moderators_cannot_read_a_message_nobody_reported(app, team):
    _, ids = await conversation_of(team)
    response = await team["mod"].post(f"{API}/moderation/messages/{ids[2]}/context")
    assert response.status_code == 404
    assert "message.context_read" not in await audit_actions(app)
