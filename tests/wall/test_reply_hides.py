"""Hidden replies (reporting one hides it for the reporter): gone from every view, live included."""

from tests.conftest import join
from tests.realtime.conftest import frames_until_quiet, next_frame, stream

API = "/api/v1"


async def _hide_by_report(member, reply_id: int) -> None:
    response = await member.post(f"{API}/replies/{reply_id}/report", json={"note": "Unkind."})
    assert response.status_code == 202, response.text


async def test_a_hidden_reply_leaves_the_thread_and_the_replies_list(members):
    ash, birch = members["ash"], members["birch"]
    post = await ash.write_post()
    reply = (await ash.post(f"{API}/posts/{post['id']}/replies", json={"body": "one"})).json()
    await _hide_by_report(birch, reply["id"])
    assert (await birch.get(f"{API}/posts/{post['id']}/replies")).json()["items"] == []
    assert (await birch.put(f"{API}/replies/{reply['id']}/hear")).status_code == 404


async def test_other_replies_stay(members):
    ash, birch, cedar = members["ash"], members["birch"], members["cedar"]
    post = await ash.write_post()
    hidden = (await ash.post(f"{API}/posts/{post['id']}/replies", json={"body": "one"})).json()
    kept = (await cedar.post(f"{API}/posts/{post['id']}/replies", json={"body": "two"})).json()
    await _hide_by_report(birch, hidden["id"])
    items = (await birch.get(f"{API}/posts/{post['id']}/replies")).json()["items"]
    assert [r["id"] for r in items] == [kept["id"]]


async def test_a_hidden_reply_stays_hidden_live(live, http):
    ash, birch = await join(http, "ash"), await join(http, "birch")
    post = await birch.write_post()
    reply = (await ash.post(f"{API}/posts/{post['id']}/replies", json={"body": "one"})).json()
    await _hide_by_report(birch, reply["id"])
    async with stream(live, birch) as socket:
        await ash.patch(f"{API}/replies/{reply['id']}", json={"body": "edited, still unkind"})
        other = (await ash.post(f"{API}/posts/{post['id']}/replies", json={"body": "two"})).json()
        frame = await next_frame(socket)
        assert frame["type"] == "reply.published" and frame["data"]["reply"]["id"] == other["id"]
        # What follows is only birch's notice of the new reply: nothing of the hidden one.
        assert [f["type"] for f in await frames_until_quiet(socket)] == ["notification"]


async def test_a_reply_hidden_while_connected_is_hidden_at_once(live, http):
    ash, birch = await join(http, "ash"), await join(http, "birch")
    post = await birch.write_post()
    reply = (await ash.post(f"{API}/posts/{post['id']}/replies", json={"body": "one"})).json()
    async with stream(live, birch) as socket:
        await _hide_by_report(birch, reply["id"])
        assert (await next_frame(socket))["type"] == "viewer.changed"
        await frames_until_quiet(socket, quiet=0.3)  # the socket reloads its filter from the database
        await ash.patch(f"{API}/replies/{reply['id']}", json={"body": "edited"})
        assert await frames_until_quiet(socket) == []
