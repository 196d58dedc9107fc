"""The new members view and welcomes."""

from datetime import timedelta

from sqlalchemy import update

from app.accounts.models import Member as MemberRow
from app.core.db import utcnow
from tests.conftest import join

API = "/api/v1"


async def listed(member) -> list[dict]:
    response = await member.get(f"{API}/members/new")
    assert response.status_code == 200, response.text
    return response.json()["items"]


async def age(app, pseudonym: str, days: int) -> None:
    async with app.state.database.transaction() as session:
        await session.execute(
            update(MemberRow)
            .where(MemberRow.pseudonym == pseudonym)
            .values(joined_at=utcnow() - timedelta(days=days))
        )


async def test_new_members_are_listed_newest_first(members):
    names = [m["member"]["pseudonym"] for m in await listed(members["ash"])]
    assert names == ["cedar", "birch"]


async def test_members_who_joined_over_a_week_ago_are_not_listed(app, members):
    await age(app, "birch", 8)
    assert [m["member"]["pseudonym"] for m in await listed(members["ash"])] == ["cedar"]


async def test_a_member_can_opt_out_of_the_list(members):
    await members["cedar"].put(
        f"{API}/me/messaging", json={"accept_from": "everyone", "listed_as_new": False}
    )
    assert [m["member"]["pseudonym"] for m in await listed(members["ash"])] == ["birch"]


async def test_blocks_either_way_keep_members_off_the_list(members):
    await members["birch"].put(f"{API}/members/ash/block")
    await members["ash"].put(f"{API}/members/cedar/block")
    assert await listed(members["ash"]) == []


async def test_the_list_counts_welcomes(members):
    await members["ash"].post(f"{API}/members/cedar/welcome", json={})
    await members["birch"].post(f"{API}/members/cedar/welcome", json={"message": "Hi cedar!"})
    [cedar] = [m for m in await listed(members["ash"]) if m["member"]["pseudonym"] == "cedar"]
    assert cedar["welcome_count"] == 2 and cedar["welcomed_by_me"] is True


async def test_a_welcome_opens_a_conversation_with_the_default_words(members):
    response = await members["ash"].post(f"{API}/members/birch/welcome", json={})
    assert response.status_code == 201, response.text
    cid = response.json()["conversation_id"]
    [message] = (await members["birch"].get(f"{API}/conversations/{cid}/messages")).json()["items"]
    assert message["kind"] == "welcome" and message["body"] == "Welcome to Alongside."


async def test_one_welcome_per_pair(members):
    await members["ash"].post(f"{API}/members/birch/welcome", json={})
    again = await members["ash"].post(f"{API}/members/birch/welcome", json={"message": "Hello again"})
    assert again.status_code == 409 and again.json()["code"] == "already_welcomed"


async def test_the_new_member_sees_who_welcomed_them_and_is_notified(app, members):
    await members["ash"].post(f"{API}/members/cedar/welcome", json={"message": "Glad you're here."})
    welcomes = (await members["cedar"].get(f"{API}/me/welcomes")).json()["items"]
    assert [w["member"]["pseudonym"] for w in welcomes] == ["ash"]
    kinds = [n["kind"] for n in (await members["cedar"].get(f"{API}/me/notifications")).json()["items"]]
    assert "welcome.received" in kinds


async def test_a_welcome_message_is_screened(members):
    response = await members["ash"].post(
        f"{API}/members/birch/welcome", json={"message": "Text me on 07912 345678"}
    )
    assert response.status_code == 422 and response.json()["code"] == "screening_nudge"


async def test_a_blocked_welcome_gets_the_neutral_refusal(members):
    await members["birch"].put(f"{API}/members/ash/block")
    response = await members["ash"].post(f"{API}/members/birch/welcome", json={})
    assert response.status_code == 403 and response.json()["code"] == "not_accepting_messages"


async def test_suspended_members_cannot_welcome(app, members):
    async with app.state.database.transaction() as session:
        await session.execute(
            update(MemberRow)
            .where(MemberRow.pseudonym == "ash")
            .values(suspended_until=utcnow() + timedelta(days=2))
        )
    response = await members["ash"].post(f"{API}/members/birch/welcome", json={})
    assert response.status_code == 403 and response.json()["code"] == "suspended"


async def test_a_new_member_can_be_welcomed_after_joining(client, members):
    fern = await join(client, "fern")
    response = await members["ash"].post(f"{API}/members/fern/welcome", json={})
    assert response.status_code == 201
    assert (await fern.get(f"{API}/me/welcomes")).json()["items"][0]["member"]["pseudonym"] == "ash"
