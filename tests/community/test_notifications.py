"""A member's notifications: newest first, with how many are unread, marked read on request."""

from sqlalchemy import select

from app.accounts.models import Member as MemberRow
from app.community.notifications import notify

API = "/api/v1"


async def tell(app, pseudonym: str, count: int) -> None:
    async with app.state.database.transaction() as session:
        member_id = await session.scalar(select(MemberRow.id).where(MemberRow.pseudonym == pseudonym))
        for n in range(count):
            await notify(session, member_id=member_id, kind="moderation.removed", data={"n": n})


async def test_notifications_come_newest_first_with_the_unread_count(app, members):
    await tell(app, "ash", 3)
    page = (await members["ash"].get(f"{API}/me/notifications")).json()
    assert [item["data"]["n"] for item in page["items"]] == [2, 1, 0]
    assert page["unread_count"] == 3
    assert {item["kind"] for item in page["items"]} == {"moderation.removed"}


async def test_a_member_sees_only_their_own_notifications(app, members):
    await tell(app, "ash", 2)
    page = (await members["birch"].get(f"{API}/me/notifications")).json()
    assert page["items"] == [] and page["unread_count"] == 0


async def test_notifications_come_in_pages(app, members):
    await tell(app, "ash", 3)
    first = (await members["ash"].get(f"{API}/me/notifications", params={"limit": 2})).json()
    rest = (
        await members["ash"].get(
            f"{API}/me/notifications", params={"limit": 2, "cursor": first["next_cursor"]}
        )
    ).json()
    assert [i["data"]["n"] for i in first["items"] + rest["items"]] == [2, 1, 0]
    assert rest["next_cursor"] is None


async def test_marking_all_read_clears_the_unread_count(app, members):
    await tell(app, "ash", 2)
    assert (await members["ash"].post(f"{API}/me/notifications/read", json={})).status_code == 204
    page = (await members["ash"].get(f"{API}/me/notifications")).json()
    assert page["unread_count"] == 0 and all(item["read"] for item in page["items"])


async def test_marking_up_to_one_leaves_newer_ones_unread(app, members):
    await tell(app, "ash", 3)
    items = (await members["ash"].get(f"{API}/me/notifications")).json()["items"]
    await members["ash"].post(f"{API}/me/notifications/read", json={"up_to_id": items[1]["id"]})
    page = (await members["ash"].get(f"{API}/me/notifications")).json()
    assert [item["read"] for item in page["items"]] == [False, True, True]
    assert page["unread_count"] == 1


async def test_marking_read_leaves_other_members_notifications_alone(app, members):
    await tell(app, "birch", 1)
    await members["ash"].post(f"{API}/me/notifications/read", json={})
    assert (await members["birch"].get(f"{API}/me/notifications")).json()["unread_count"] == 1


async def test_notifications_need_signing_in(client):
    assert (await client.get(f"{API}/me/notifications")).status_code == 401
