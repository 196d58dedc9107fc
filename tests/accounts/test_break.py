"""Taking a break: nothing sent live or counted, out of the new members view, a welcome back on return."""

from datetime import timedelta

from sqlalchemy import select, update

from app.accounts.breaks import on_break_clause
from app.accounts.models import Member as MemberRow
from app.core.db import utcnow
from app.realtime.models import Event

API = "/api/v1"


async def notes(member) -> dict:
    return (await member.get(f"{API}/me/notifications")).json()


async def test_taking_a_break_shows_on_my_account(members):
    ash = members["ash"]
    until = (utcnow() + timedelta(days=3)).isoformat()
    response = await ash.put(f"{API}/me/break", json={"until": until})
    assert response.status_code == 200
    account = (await ash.get(f"{API}/me")).json()
    assert account["taking_a_break"]["until"] is not None


async def test_a_break_can_have_no_end(members):
    response = await members["ash"].put(f"{API}/me/break", json={})
    assert response.status_code == 200 and response.json()["until"] is None


async def test_a_break_ending_in_the_past_is_refused(members):
    response = await members["ash"].put(f"{API}/me/break", json={"until": "2020-01-01T00:00:00Z"})
    assert response.status_code == 422 and response.json()["field"] == "until"


async def test_a_break_end_without_a_time_zone_is_refused(members):
    response = await members["ash"].put(f"{API}/me/break", json={"until": "2099-01-01T00:00:00"})
    assert response.status_code == 422


async def test_on_a_break_notifications_are_kept_but_not_sent_live_or_counted(app, members):
    ash, birch = members["ash"], members["birch"]
    post = await ash.write_post()
    await ash.put(f"{API}/me/break", json={})
    await birch.put(f"{API}/posts/{post['id']}/hear")
    page = await notes(ash)
    assert [i["kind"] for i in page["items"]] == ["wall.heard"]
    assert page["unread_count"] == 0
    async with app.state.database.read_session() as session:
        kinds = list(await session.scalars(select(Event.kind).where(Event.kind == "notification")))
    assert kinds == []


async def test_reading_and_posting_stay_open_on_a_break(members):
    ash = members["ash"]
    await ash.put(f"{API}/me/break", json={})
    response = await ash.post(f"{API}/posts", json={"kind": "saying_hello", "body": "Still here, quietly."})
    assert response.status_code == 201
    assert (await ash.get(f"{API}/posts")).status_code == 200


async def test_ending_a_break_leaves_a_welcome_back_counting_what_waited(members):
    ash, birch = members["ash"], members["birch"]
    post = await ash.write_post()
    await ash.put(f"{API}/me/break", json={})
    await birch.put(f"{API}/posts/{post['id']}/hear")
    assert (await ash.delete(f"{API}/me/break")).status_code == 204
    page = await notes(ash)
    welcome = page["items"][0]
    assert welcome["kind"] == "break.ended" and welcome["data"]["waiting"] == 1
    assert page["unread_count"] == 2
    assert (await ash.get(f"{API}/me")).json()["taking_a_break"] is None


async def test_ending_when_not_on_a_break_changes_nothing(members):
    assert (await members["ash"].delete(f"{API}/me/break")).status_code == 204
    assert (await notes(members["ash"]))["items"] == []


async def test_the_first_request_after_a_breaks_end_welcomes_the_member_back_once(app, members):
    ash = members["ash"]
    await ash.put(f"{API}/me/break", json={"until": (utcnow() + timedelta(days=1)).isoformat()})
    async with app.state.database.transaction() as session:
        await session.execute(
            update(MemberRow)
            .where(MemberRow.pseudonym == "ash")
            .values(break_until=utcnow() - timedelta(minutes=1))
        )
    await ash.get(f"{API}/me")
    await ash.get(f"{API}/me")
    page = await notes(ash)
    assert [i["kind"] for i in page["items"]] == ["break.ended"]
    assert page["unread_count"] == 1


async def test_members_on_a_break_are_left_out_by_the_new_members_test(app, members):
    await members["ash"].put(f"{API}/me/break", json={})
    async with app.state.database.read_session() as session:
        resting = list(await session.scalars(select(MemberRow.pseudonym).where(on_break_clause(utcnow()))))
    assert resting == ["ash"]


async def test_a_break_whose_end_passed_no_longer_counts_as_one(app, members):
    await members["ash"].put(f"{API}/me/break", json={"until": (utcnow() + timedelta(hours=1)).isoformat()})
    later = utcnow() + timedelta(hours=2)
    async with app.state.database.read_session() as session:
        resting = list(await session.scalars(select(MemberRow.pseudonym).where(on_break_clause(later))))
    assert resting == []
