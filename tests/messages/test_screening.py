"""Messages are screened like posts: nudges, holds that wait for a moderator, crisis help."""

import json

from sqlalchemy import func, select

from app.core.db import utcnow
from app.moderation.models import HouseRule, ReviewItem, ScreeningCheck, ScreeningVersion
from tests.messages.conftest import API, CRISIS, conversations, started, write
from tests.moderation.conftest import decide, queue, save_thresholds

HELD_WORDS = "I keep saving up my pills in a drawer"


async def hold_check(app) -> None:
    async with app.state.database.transaction() as session:
        rule_id = await session.scalar(select(HouseRule.id).where(HouseRule.position == 1))
        session.add(
            ScreeningCheck(
                rule_id=rule_id,
                name="test hold",
                kind="phrases",
                action="hold",
                phrases=json.dumps(["saving up my pills"]),
                contact_kinds="[]",
                created_at=utcnow(),
                updated_at=utcnow(),
            )
        )
        version = await session.scalar(select(func.max(ScreeningVersion.version)))
        session.add(ScreeningVersion(version=version + 1, change_summary="test", published_at=utcnow()))


async def test_contact_details_nudge_and_nothing_is_stored(members):
    response = await write(members["ash"], "birch", "Call me on 07912 345678")
    assert response.status_code == 422 and response.json()["code"] == "screening_nudge"
    assert await conversations(members["birch"]) == []


async def test_sending_anyway_after_a_nudge_delivers_it(members):
    response = await write(members["ash"], "birch", "Call me on 07912 345678", post_anyway=True)
    assert response.status_code == 201 and response.json()["message"]["state"] == "published"


async def test_crisis_words_bring_help_in_the_response(team):
    response = await write(team["ash"], "birch", CRISIS)
    assert response.status_code == 201, response.text
    names = [item["name"] for item in response.json()["message"]["screening"]["help"]["items"]]
    assert "Samaritans" in names


async def test_crisis_words_make_an_urgent_item_on_the_message(team):
    message = (await started(team["ash"], "birch", CRISIS))["message"]
    [item] = await queue(team["mod"])
    assert item["priority"] == "urgent" and item["target"]["type"] == "message"
    assert item["target"]["id"] == message["id"] and item["target"]["body"] is None


async def test_a_held_message_reaches_its_author_only(app, members):
    await hold_check(app)
    sent = await started(members["ash"], "birch", HELD_WORDS)
    assert sent["message"]["state"] == "pending"
    assert await conversations(members["birch"]) == []
    [mine] = await conversations(members["ash"])
    assert mine["last_message"]["state"] == "pending"


async def test_approving_a_held_message_delivers_it(app, team):
    await hold_check(app)
    await started(team["ash"], "birch", HELD_WORDS)
    [item] = await queue(team["mod"])
    response = await decide(team["mod"], item, "approve")
    assert response.status_code == 201, response.text
    [theirs] = await conversations(team["birch"])
    assert theirs["last_message"]["body"] == HELD_WORDS and theirs["unread_count"] == 1


async def test_removing_a_held_message_keeps_it_from_both(app, team):
    await hold_check(app)
    sent = await started(team["ash"], "birch", HELD_WORDS)
    [item] = await queue(team["mod"])
    rule_id = (await team["mod"].get(f"{API}/rules")).json()["rules"][0]["id"]
    response = await decide(team["mod"], item, "remove", rule_id=rule_id, message="Not here, please.")
    assert response.status_code == 201, response.text
    cid = sent["conversation"]["id"]
    mine = (await team["ash"].get(f"{API}/conversations/{cid}/messages")).json()["items"]
    assert mine == []
    async with app.state.database.read_session() as session:
        assert (await session.get(ReviewItem, item["id"])).resolution == "removed"


async def test_granting_an_appeal_on_a_removed_message_puts_it_back_for_the_recipient(app, team):
    await save_thresholds(app, hold_crisis_posts=False)  # published, and urgent in the queue
    sent = await started(team["ash"], "birch", CRISIS)
    cid = sent["conversation"]["id"]

    async def birch_reads() -> list[str]:
        response = await team["birch"].get(f"{API}/conversations/{cid}/messages")
        return [m["body"] for m in response.json()["items"]]

    assert await birch_reads() == [CRISIS]
    [item] = await queue(team["mod"])
    rule_id = (await team["mod"].get(f"{API}/rules")).json()["rules"][0]["id"]
    removed = await decide(team["mod"], item, "remove", rule_id=rule_id, message="Not here, please.")
    assert removed.status_code == 201, removed.text
    assert await birch_reads() == []
    appeal = await team["ash"].post(
        f"{API}/me/appeals", json={"decision_id": removed.json()["id"], "text": "It was about my week."}
    )
    assert appeal.status_code == 201, appeal.text
    granted = await team["mod2"].post(
        f"{API}/moderation/appeals/{appeal.json()['id']}/decision",
        json={"outcome": "granted", "response": "You're right, it's back."},
    )
    assert granted.status_code == 200, granted.text
    assert await birch_reads() == [CRISIS]
