"""Screening on the way in: words are refused, nudged, held or flagged under the house rule they break,
crisis words bring help at once and an urgent queue item, and a new member's first words are read first."""

import json
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest
from sqlalchemy import delete, func, select

from app.core.db import utcnow
from app.moderation.models import HouseRule, ReviewItem, ScreeningCheck, ScreeningVersion
from app.realtime.models import Event
from tests.moderation.conftest import API, member_id, queue, save_thresholds

AddCheck = Callable[..., Awaitable[int]]
SELF_HARM_DETAIL = "I keep saving up my pills in a drawer"
CRISIS = "I can't go on, I just want to die tonight"


@pytest.fixture
async def add_check(app) -> AsyncIterator[AddCheck]:
    """Adds a check under the rule at a position, as a new version of the checks; removed afterwards."""
    check_ids: list[int] = []
    versions: list[int] = []

    async def add(action: str, phrases: list[str], *, rule_position: int = 1, kind: str = "phrases") -> int:
        async with app.state.database.transaction() as session:
            rule_id = await session.scalar(select(HouseRule.id).where(HouseRule.position == rule_position))
            check = ScreeningCheck(
                rule_id=rule_id,
                name=f"test {action}",
                kind=kind,
                action=action,
                phrases=json.dumps(phrases),
                contact_kinds="[]",
                created_at=utcnow(),
                updated_at=utcnow(),
            )
            session.add(check)
            version = await session.scalar(select(func.max(ScreeningVersion.version)))
            session.add(ScreeningVersion(version=version + 1, change_summary="test", published_at=utcnow()))
            await session.flush()
            versions.append(version + 1)
            check_ids.append(check.id)
        return rule_id

    yield add
    async with app.state.database.transaction() as session:
        await session.execute(delete(ScreeningCheck).where(ScreeningCheck.id.in_(check_ids)))
        await session.execute(delete(ScreeningVersion).where(ScreeningVersion.version.in_(versions)))


async def wall_ids(member) -> list[int]:
    response = await member.get(f"{API}/posts")
    assert response.status_code == 200, response.text
    return [post["id"] for post in response.json()["items"]]


async def items(app) -> list[ReviewItem]:
    async with app.state.database.read_session() as session:
        return list(await session.scalars(select(ReviewItem).order_by(ReviewItem.id)))


async def post(member, body: str, **extra: Any):
    return await member.post(f"{API}/posts", json={"kind": "looking_for_support", "body": body, **extra})


async def test_plain_words_go_straight_to_the_wall_with_nothing_to_say(app, team):
    response = await post(team["ash"], "A quiet evening with a cup of tea.")
    assert response.status_code == 201
    assert response.json()["state"] == "published" and response.json()["screening"] is None
    assert await items(app) == []


async def test_crisis_words_are_held_and_bring_help_in_the_same_response(app, team):
    response = await post(team["ash"], CRISIS)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["state"] == "pending" and body["screening"]["held"] is True
    help_names = [item["name"] for item in body["screening"]["help"]["items"]]
    assert "Samaritans" in help_names and "Shout" in help_names
    assert body["id"] not in await wall_ids(team["birch"])
    assert body["id"] in await wall_ids(team["ash"])


async def test_crisis_words_make_an_urgent_item_that_marks_the_words_sensitive(app, team):
    await post(team["birch"], "Rough day but I'm managing.")  # a calmer item queued first, below
    first = await post(team["ash"], CRISIS)
    [item] = await queue(team["mod"])
    assert item["priority"] == "urgent" and item["target"]["id"] == first.json()["id"]
    [reason] = item["reasons"]
    assert reason["source"] == "crisis" and reason["sensitive"] is True
    start, end = reason["spans"][0]
    assert CRISIS[start:end] in ("can't go on", "want to die", "can't go on, I just want to die")


async def test_crisis_help_reaches_the_authors_open_screens_and_no_one_elses(app, team):
    await post(team["ash"], CRISIS)
    async with app.state.database.read_session() as session:
        rows = (await session.execute(select(Event.audience).where(Event.kind == "crisis.help"))).all()
    assert [audience for (audience,) in rows] == [f"member:{await member_id(app, team['ash'])}"]


async def test_a_setting_publishes_crisis_words_while_still_flagging_them_urgent(app, team):
    await save_thresholds(app, hold_crisis_posts=False)
    response = await post(team["ash"], CRISIS)
    assert response.json()["state"] == "published"
    assert response.json()["screening"]["held"] is False and response.json()["screening"]["help"]
    assert response.json()["id"] in await wall_ids(team["birch"])
    [item] = await queue(team["mod"])
    assert item["priority"] == "urgent"


async def test_a_hold_keeps_the_words_from_others_and_names_the_rule_to_their_author(app, team):
    response = await post(team["ash"], SELF_HARM_DETAIL)
    body = response.json()
    assert body["state"] == "pending" and body["screening"]["held"] is True
    [rule] = body["screening"]["rules"]
    assert "self-harm" in rule["title"].lower()
    assert body["id"] not in await wall_ids(team["birch"])
    [item] = await queue(team["mod"])
    assert item["priority"] == "held" and item["reasons"][0]["sensitive"] is True


async def test_a_nudge_stores_nothing_until_the_author_sends_anyway(app, team):
    nudged = await post(team["ash"], "This whole week has been shit")
    assert nudged.status_code == 422
    error = nudged.json()
    assert error["code"] == "screening_nudge" and error["field"] == "body"
    assert "bad language" in error["details"][0]["title"].lower()
    assert error["details"][0]["excerpts"] == ["shit"]
    assert await wall_ids(team["ash"]) == []
    sent = await post(team["ash"], "This whole week has been shit", post_anyway=True)
    assert sent.status_code == 201 and sent.json()["state"] == "published"


async def test_a_block_refuses_the_words_naming_the_rule(app, team, add_check):
    rule_id = await add_check("block", ["marmalade"])
    refused = await post(team["ash"], "Nothing but marmalade today", post_anyway=True)
    assert refused.status_code == 422
    assert refused.json()["code"] == "screening_refused"
    assert refused.json()["details"][0]["rule_id"] == rule_id
    assert await wall_ids(team["ash"]) == []


async def test_a_flag_publishes_and_queues_without_telling_the_author(app, team, add_check):
    await add_check("flag", ["marmalade"])
    response = await post(team["ash"], "Nothing but marmalade today")
    assert response.json()["state"] == "published" and response.json()["screening"] is None
    assert response.json()["id"] in await wall_ids(team["birch"])
    [item] = await queue(team["mod"])
    assert item["priority"] == "flagged"


async def test_the_content_warning_is_screened_too(app, team, add_check):
    await add_check("block", ["marmalade"])
    refused = await post(team["ash"], "A quiet day", content_warning="marmalade")
    assert refused.status_code == 422 and refused.json()["field"] == "content_warning"


async def test_a_new_members_first_words_wait_for_a_moderator(app, team):
    reply_to = await post(team["birch"], "Welcome, everyone.")
    await save_thresholds(app, new_member_held_posts=2)
    first = await post(team["ash"], "Hello, I'm new here.")
    assert first.json()["state"] == "pending"
    assert first.json()["screening"] == {"held": True, "first_words": True, "rules": [], "help": None}
    held_reply = await team["ash"].post(f"{API}/posts/{reply_to.json()['id']}/replies", json={"body": "Hi!"})
    assert held_reply.json()["state"] == "pending"
    third = await post(team["ash"], "Third time lucky.")
    assert third.json()["state"] == "published" and third.json()["screening"] is None
    [item] = [i for i in await queue(team["mod"]) if i["target"]["id"] == first.json()["id"]]
    assert item["reasons"][0]["source"] == "new_member"


async def test_replies_are_screened_and_held_like_posts(app, team):
    parent = (await post(team["birch"], "Anyone else awake?")).json()
    response = await team["ash"].post(f"{API}/posts/{parent['id']}/replies", json={"body": CRISIS})
    assert response.status_code == 201
    assert response.json()["state"] == "pending" and response.json()["screening"]["help"]
    thread = (await team["birch"].get(f"{API}/posts/{parent['id']}")).json()
    assert thread["replies"]["items"] == [] and thread["post"]["reply_count"] == 0


async def test_an_edit_that_needs_a_moderator_takes_published_words_off_the_wall(app, team):
    written = (await post(team["ash"], "A quiet day.")).json()
    edited = await team["ash"].patch(f"{API}/posts/{written['id']}", json={"body": SELF_HARM_DETAIL})
    assert edited.status_code == 200 and edited.json()["state"] == "pending"
    assert written["id"] not in await wall_ids(team["birch"])
    [item] = await queue(team["mod"])
    assert item["target"]["id"] == written["id"]


async def test_approving_held_words_puts_them_on_the_wall(app, team):
    held = (await post(team["ash"], SELF_HARM_DETAIL)).json()
    [item] = await queue(team["mod"])
    decided = await team["mod"].post(
        f"{API}/moderation/queue/{item['id']}/decision",
        json={"action": "approve", "version": item["version"]},
    )
    assert decided.status_code == 201, decided.text
    assert held["id"] in await wall_ids(team["birch"])


async def test_a_pseudonym_that_breaks_a_house_rule_is_refused_naming_it(client):
    version = (await client.get(f"{API}/rules")).json()["version"]
    response = await client.post(
        f"{API}/auth/join",
        json={
            "pseudonym": "shit_happens",
            "password": "a long and quiet evening",
            "agreed_rules_version": version,
            "transport": "bearer",
        },
    )
    assert response.status_code == 422
    assert response.json()["code"] == "screening_refused" and response.json()["field"] == "pseudonym"
    assert "bad language" in response.json()["details"][0]["title"].lower()


async def test_a_flagged_pseudonym_joins_and_waits_in_the_queue(app, client, team, add_check):
    await add_check("flag", ["marmalade"])
    version = (await client.get(f"{API}/rules")).json()["version"]
    joined = await client.post(
        f"{API}/auth/join",
        json={
            "pseudonym": "marmalade_fan",
            "password": "a long and quiet evening",
            "agreed_rules_version": version,
            "transport": "bearer",
        },
    )
    assert joined.status_code == 201 and joined.json()["screening"] is None
    [item] = await queue(team["mod"])
    assert item["target"]["type"] == "member" and item["priority"] == "flagged"


async def test_contact_details_in_about_me_are_refused_rather_than_nudged(app, team):
    response = await team["ash"].patch(f"{API}/me", json={"about_me": "ring me 07911 123456"})
    assert response.status_code == 422
    assert response.json()["code"] == "screening_refused" and response.json()["field"] == "about_me"
    assert (await team["ash"].get(f"{API}/me")).json()["about_me"] is None


async def test_crisis_words_in_about_me_bring_help_and_an_urgent_item(app, team):
    response = await team["ash"].patch(f"{API}/me", json={"about_me": "Most days I want to die"})
    assert response.status_code == 200
    assert response.json()["screening"]["help"]["items"]
    [item] = await queue(team["mod"])
    assert item["priority"] == "urgent" and item["target"]["type"] == "member"
