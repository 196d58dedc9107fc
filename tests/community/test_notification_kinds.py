"""The member-side notifications: heard (coalesced, never who), replied, house rules changed; choices."""

from sqlalchemy import select, update

from app.accounts.models import Member as MemberRow
from app.community.notifications import notify
from app.core.permissions import Role
from tests.conftest import join

API = "/api/v1"


async def notes(member) -> dict:
    return (await member.get(f"{API}/me/notifications")).json()


async def test_someone_hearing_a_post_tells_its_author_without_saying_who(members):
    ash, birch = members["ash"], members["birch"]
    post = await ash.write_post()
    await birch.put(f"{API}/posts/{post['id']}/hear")
    [item] = (await notes(ash))["items"]
    assert item["kind"] == "wall.heard"
    assert item["data"] == {"post_id": post["id"], "heard_count": 1}


async def test_more_hears_replace_the_unread_notice_with_one_counting_them(members):
    ash, birch, cedar = members["ash"], members["birch"], members["cedar"]
    post = await ash.write_post()
    await birch.put(f"{API}/posts/{post['id']}/hear")
    first = (await notes(ash))["items"][0]
    await cedar.put(f"{API}/posts/{post['id']}/hear")
    page = await notes(ash)
    assert [(i["kind"], i["data"]["heard_count"]) for i in page["items"]] == [("wall.heard", 2)]
    assert page["items"][0]["data"]["replaces"] == first["id"]
    assert page["unread_count"] == 1


async def test_a_hear_after_the_notice_was_read_starts_a_new_one(members):
    ash, birch, cedar = members["ash"], members["birch"], members["cedar"]
    post = await ash.write_post()
    await birch.put(f"{API}/posts/{post['id']}/hear")
    await ash.post(f"{API}/me/notifications/read", json={})
    await cedar.put(f"{API}/posts/{post['id']}/hear")
    page = await notes(ash)
    assert [i["data"]["heard_count"] for i in page["items"]] == [2, 1]
    assert page["unread_count"] == 1


async def test_hearing_a_reply_tells_the_reply_author(members):
    ash, birch = members["ash"], members["birch"]
    post = await ash.write_post()
    reply = (await birch.post(f"{API}/posts/{post['id']}/replies", json={"body": "Here."})).json()
    await ash.put(f"{API}/replies/{reply['id']}/hear")
    [item] = (await notes(birch))["items"]
    assert item["data"] == {"post_id": post["id"], "reply_id": reply["id"], "heard_count": 1}


async def test_a_hear_from_a_member_the_author_muted_tells_them_nothing(members):
    ash, birch = members["ash"], members["birch"]
    post = await ash.write_post()
    await ash.put(f"{API}/members/birch/mute")
    await birch.put(f"{API}/posts/{post['id']}/hear")
    assert (await notes(ash))["items"] == []


async def test_a_reply_tells_the_post_author(members):
    ash, birch = members["ash"], members["birch"]
    post = await ash.write_post()
    reply = (await birch.post(f"{API}/posts/{post['id']}/replies", json={"body": "Here."})).json()
    [item] = (await notes(ash))["items"]
    assert (item["kind"], item["data"]) == ("wall.replied", {"post_id": post["id"], "reply_id": reply["id"]})


async def test_replying_on_ones_own_post_tells_no_one(members):
    ash = members["ash"]
    post = await ash.write_post()
    await ash.post(f"{API}/posts/{post['id']}/replies", json={"body": "Update: better now."})
    assert (await notes(ash))["items"] == []


async def test_a_kind_turned_off_is_not_stored(members):
    ash, birch = members["ash"], members["birch"]
    response = await ash.put(f"{API}/me/notification-settings", json={"kinds": {"wall.replied": False}})
    assert response.status_code == 200
    assert {c["kind"]: c["on"] for c in response.json()["choices"]}["wall.replied"] is False
    post = await ash.write_post()
    await birch.post(f"{API}/posts/{post['id']}/replies", json={"body": "Here."})
    assert (await notes(ash))["items"] == []


async def test_a_kind_turned_on_again_comes_again(members):
    ash, birch = members["ash"], members["birch"]
    await ash.put(f"{API}/me/notification-settings", json={"kinds": {"wall.replied": False}})
    await ash.put(f"{API}/me/notification-settings", json={"kinds": {"wall.replied": True}})
    post = await ash.write_post()
    await birch.post(f"{API}/posts/{post['id']}/replies", json={"body": "Here."})
    assert [i["kind"] for i in (await notes(ash))["items"]] == ["wall.replied"]


async def test_moderation_notices_about_ones_own_account_cannot_be_turned_off(members):
    response = await members["ash"].put(
        f"{API}/me/notification-settings", json={"kinds": {"moderation.removed": False}}
    )
    assert response.status_code == 422
    settings = (await members["ash"].get(f"{API}/me/notification-settings")).json()
    assert "moderation.removed" not in {c["kind"] for c in settings["choices"]}
    assert any("Moderation notices" in line for line in settings["always_on"])


async def test_a_moderation_notice_reaches_a_member_who_turned_everything_off(app, members):
    ash = members["ash"]
    everything = {
        c["kind"]: False for c in (await ash.get(f"{API}/me/notification-settings")).json()["choices"]
    }
    await ash.put(f"{API}/me/notification-settings", json={"kinds": everything})
    async with app.state.database.transaction() as session:
        member_id = await session.scalar(select(MemberRow.id).where(MemberRow.pseudonym == "ash"))
        await notify(session, member_id=member_id, kind="moderation.removed", data={})
    assert [i["kind"] for i in (await notes(ash))["items"]] == ["moderation.removed"]


async def new_house_rules(app, client) -> None:
    """An administrator adds a rule: a new house rules version."""
    admin = await join(client, "dove")
    async with app.state.database.transaction() as session:
        await session.execute(update(MemberRow).where(MemberRow.pseudonym == "dove").values(role=Role.admin))
    added = await admin.post(
        f"{API}/admin/rules", json={"title": "Rest", "text": "Take breaks.", "change_summary": "Rest."}
    )
    assert added.status_code == 201, added.text


async def test_changed_house_rules_show_as_one_unread_item_until_agreed(app, client, members):
    await new_house_rules(app, client)
    page = await notes(members["birch"])
    assert page["rules_changed"]["current_version"] == page["rules_changed"]["agreed_version"] + 1
    assert page["unread_count"] == 1
    version = page["rules_changed"]["current_version"]
    await members["birch"].post(f"{API}/me/rules-agreement", json={"version": version})
    after = await notes(members["birch"])
    assert after["rules_changed"] is None and after["unread_count"] == 0


async def test_changed_house_rules_notice_can_be_turned_off(app, client, members):
    await new_house_rules(app, client)
    await members["birch"].put(f"{API}/me/notification-settings", json={"kinds": {"rules.changed": False}})
    page = await notes(members["birch"])
    assert page["rules_changed"] is None and page["unread_count"] == 0
