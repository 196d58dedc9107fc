"""Who may write to whom: blocks and preferences refuse alike; suspended members write only to the team."""

from datetime import timedelta

from app.core.db import utcnow
from tests.messages.conftest import API, started, suspend, write


async def _refusal(response) -> tuple[int, str]:
    body = response.json()
    return response.status_code, body["code"] + ":" + body["message"]


async def test_a_member_who_blocked_you_refuses_with_the_neutral_answer(members):
    await members["birch"].put(f"{API}/members/ash/block")
    response = await write(members["ash"], "birch")
    assert response.status_code == 403 and response.json()["code"] == "not_accepting_messages"


async def test_a_block_and_a_preference_give_the_same_answer(members):
    await members["birch"].put(f"{API}/members/ash/block")
    blocked = await _refusal(await write(members["ash"], "birch"))
    await members["cedar"].put(
        f"{API}/me/messaging", json={"accept_from": "conversations", "listed_as_new": True}
    )
    preferred = await _refusal(await write(members["ash"], "cedar"))
    assert blocked[0] == preferred[0] and blocked[1].replace("birch", "X") == preferred[1].replace(
        "cedar", "X"
    )


async def test_a_block_stops_messages_in_an_existing_conversation_too(members):
    cid = (await started(members["ash"], "birch"))["conversation"]["id"]
    await members["birch"].put(f"{API}/members/ash/block")
    response = await members["ash"].post(f"{API}/conversations/{cid}/messages", json={"body": "Hello?"})
    assert response.status_code == 403 and response.json()["code"] == "not_accepting_messages"


async def test_only_conversations_still_lets_existing_conversations_continue(members):
    await started(members["ash"], "birch")
    await members["birch"].put(
        f"{API}/me/messaging", json={"accept_from": "conversations", "listed_as_new": True}
    )
    assert (await write(members["ash"], "birch", "Still here.")).status_code == 201


async def test_a_suspended_member_cannot_message_members(app, members):
    await suspend(app, members["ash"], utcnow() + timedelta(days=3))
    response = await write(members["ash"], "birch")
    assert response.status_code == 403 and response.json()["code"] == "suspended"


async def test_a_suspended_member_can_message_the_team(app, members):
    await suspend(app, members["ash"], utcnow() + timedelta(days=3))
    response = await members["ash"].post(
        f"{API}/me/team-conversation/messages", json={"body": "Can we talk?"}
    )
    assert response.status_code == 201, response.text
