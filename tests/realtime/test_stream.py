"""The live stream over real sockets: delivery, per-member filtering, resume, revocation, limits."""

import asyncio

import pytest
from sqlalchemy import update
from websockets.exceptions import ConnectionClosed, InvalidStatus

from app.core.db import utcnow
from app.realtime.models import Event
from app.wall.models import ContentState, Post
from tests.conftest import PASSWORD
from tests.realtime.conftest import frames_until_quiet, next_frame, stream

SKIP = ("viewer.changed",)


async def test_a_post_arrives_live_for_another_member(live, trio):
    ash, birch = trio["ash"], trio["birch"]
    async with stream(live, birch) as socket:
        post = await ash.write_post("Is anyone up?")
        frame = await next_frame(socket)
    assert frame["type"] == "post.published"
    assert frame["data"]["post"]["id"] == post["id"]
    assert frame["data"]["post"]["body"] == "Is anyone up?"
    assert frame["data"]["post"]["author"] == {"pseudonym": "ash", "avatar": post["author"]["avatar"]}
    assert isinstance(frame["id"], int)


async def test_hears_replies_edits_and_deletions_arrive_in_order(live, trio):
    ash, birch, cedar = trio["ash"], trio["birch"], trio["cedar"]
    post = await ash.write_post("Is anyone up?")
    async with stream(live, cedar) as socket:
        await birch.put(f"/api/v1/posts/{post['id']}/hear")
        await birch.post(f"/api/v1/posts/{post['id']}/replies", json={"body": "I am"})
        await ash.patch(f"/api/v1/posts/{post['id']}", json={"body": "Is anyone up? Thank you"})
        await ash.delete(f"/api/v1/posts/{post['id']}")
        frames = await frames_until_quiet(socket)
    assert [f["type"] for f in frames] == ["post.heard", "reply.published", "post.edited", "post.deleted"]
    assert frames[0]["data"] == {"post_id": post["id"], "heard_count": 1}
    assert [f["id"] for f in frames] == sorted(f["id"] for f in frames)


async def test_filters_follow_mutes_blocks_and_hides(live, trio):
    ash, birch, cedar = trio["ash"], trio["birch"], trio["cedar"]
    hidden = await cedar.write_post("cedar's post birch hides")
    await birch.put(f"/api/v1/posts/{hidden['id']}/hide")
    await birch.put("/api/v1/members/ash/mute")
    async with stream(live, birch) as socket:
        await ash.write_post("from muted ash")
        await ash.post(f"/api/v1/posts/{hidden['id']}/replies", json={"body": "muted reply"})
        await cedar.post(f"/api/v1/posts/{hidden['id']}/replies", json={"body": "reply on a hidden post"})
        visible = await cedar.write_post("cedar, visible")
        frames = await frames_until_quiet(socket)
    assert [(f["type"], f["data"]["post"]["id"]) for f in frames] == [("post.published", visible["id"])]


async def test_mute_made_while_connected_applies_at_once(live, trio):
    ash, birch = trio["ash"], trio["birch"]
    async with stream(live, birch) as socket:
        await birch.put("/api/v1/members/ash/mute")
        assert (await next_frame(socket))["type"] == "viewer.changed"
        await asyncio.sleep(0.2)  # the socket reloads its filter from the database
        await ash.write_post("you muted me")
        assert await frames_until_quiet(socket) == []


async def test_a_block_hides_the_blocker_from_the_blocked_live(live, trio):
    ash, birch = trio["ash"], trio["birch"]
    await birch.put("/api/v1/members/ash/block")
    async with stream(live, ash) as socket:
        await birch.write_post("ash must not see this")
        assert await frames_until_quiet(socket) == []


async def test_pending_words_reach_only_their_author(live, trio):
    ash, birch = trio["ash"], trio["birch"]
    post = await ash.write_post("waiting for a moderator")
    async with live.app.state.database.transaction() as session:
        await session.execute(update(Post).where(Post.id == post["id"]).values(state=ContentState.pending))
    async with stream(live, ash) as ash_socket, stream(live, birch) as birch_socket:
        await ash.patch(f"/api/v1/posts/{post['id']}", json={"body": "still waiting for a moderator"})
        mine = await next_frame(ash_socket)
        assert await frames_until_quiet(birch_socket, quiet=0.3) == []
    assert mine["type"] == "post.edited"
    assert mine["data"]["post"]["state"] == "pending"


async def test_resume_replays_what_was_missed_in_order_without_duplicates(live, trio):
    ash, birch = trio["ash"], trio["birch"]
    async with stream(live, birch) as socket:
        first = await ash.write_post("one")
        last_seen = (await next_frame(socket))["id"]
    missed = [await ash.write_post(f"missed {n}") for n in range(3)]
    async with stream(live, birch, last_event_id=last_seen) as socket:
        replayed = [await next_frame(socket) for _ in range(3)]
        later = await ash.write_post("live again")
        live_frame = await next_frame(socket)
        extra = await frames_until_quiet(socket, quiet=0.3)
    assert [f["data"]["post"]["id"] for f in replayed] == [p["id"] for p in missed]
    assert live_frame["data"]["post"]["id"] == later["id"]
    assert extra == []
    assert first["id"] not in [f["data"]["post"]["id"] for f in replayed]


async def test_resume_after_the_retention_says_reload(live, trio):
    ash, birch = trio["ash"], trio["birch"]
    async with stream(live, birch) as socket:
        await ash.write_post("one")
        last_seen = (await next_frame(socket))["id"]
    for n in range(2):
        await ash.write_post(f"two {n}")
    async with live.app.state.database.transaction() as session:
        await session.execute(
            update(Event).where(Event.id <= last_seen + 1).values(created_at=utcnow().replace(year=2000))
        )
        from app.realtime.events import prune

        await prune(session, retention_hours=1)
    async with stream(live, birch, last_event_id=last_seen) as socket:
        frame = await next_frame(socket)
    assert frame["type"] == "reload"


async def test_resume_after_every_event_was_pruned(live, trio):
    """A client that had everything resumes as usual; one that missed pruned events is told to reload."""
    ash, birch = trio["ash"], trio["birch"]
    async with stream(live, birch) as socket:
        await ash.write_post("one")
        behind = (await next_frame(socket))["id"]
        await ash.write_post("two")
        up_to_date = (await next_frame(socket))["id"]
    async with live.app.state.database.transaction() as session:
        await session.execute(update(Event).values(created_at=utcnow().replace(year=2000)))
        from app.realtime.events import prune

        await prune(session, retention_hours=1)
    async with stream(live, birch, last_event_id=behind) as socket:
        frame = await next_frame(socket)
    assert frame == {"type": "reload", "data": {"newest_id": up_to_date}}
    async with stream(live, birch, last_event_id=up_to_date) as socket:
        later = await ash.write_post("three")
        frames = await frames_until_quiet(socket)
    assert [(f["type"], f["data"]["post"]["id"]) for f in frames] == [("post.published", later["id"])]


async def test_signing_out_closes_that_sessions_socket(live, trio):
    birch = trio["birch"]
    async with stream(live, birch) as socket:
        await birch.post("/api/v1/auth/sign-out")
        with pytest.raises(ConnectionClosed) as closed:
            await asyncio.wait_for(socket.recv(), 1.5)
    assert closed.value.rcvd.code == 1008


async def test_password_change_closes_other_sessions_sockets_only(live, http, trio):
    birch = trio["birch"]
    other = await http.post(
        "/api/v1/auth/sign-in", json={"pseudonym": "birch", "password": PASSWORD, "transport": "bearer"}
    )
    other_headers = {"Authorization": f"Bearer {other.json()['token']}"}
    from websockets.asyncio.client import connect

    async with stream(live, birch) as mine, connect(live.ws_url, additional_headers=other_headers) as theirs:
        changed = await birch.post(
            "/api/v1/me/password",
            json={"current_password": PASSWORD, "new_password": "a different long phrase"},
        )
        assert changed.status_code == 204
        with pytest.raises(ConnectionClosed) as closed:
            await asyncio.wait_for(theirs.recv(), 1.5)
        assert closed.value.rcvd.code == 1008
        await trio["ash"].write_post("still here for birch's own session")
        assert (await next_frame(mine, skip=("session.ended",)))["type"] == "post.published"


async def test_handshake_needs_a_session(live, trio):
    with pytest.raises(InvalidStatus) as refused:
        async with stream(live, None):
            pass
    assert refused.value.response.status_code == 403


async def test_a_token_in_the_url_is_not_accepted(live, trio):
    from websockets.asyncio.client import connect

    with pytest.raises(InvalidStatus):
        async with connect(f"{live.ws_url}?token={trio['ash'].token}"):
            pass


async def test_the_session_cookie_authenticates_the_socket(live, http):
    from websockets.asyncio.client import connect

    version = (await http.get("/api/v1/rules")).json()["version"]
    joined = await http.post(
        "/api/v1/auth/join",
        json={"pseudonym": "willow", "password": PASSWORD, "agreed_rules_version": version},
    )
    cookie = f"alongside_session={joined.cookies['alongside_session']}"
    async with connect(live.ws_url, additional_headers={"Cookie": cookie}, origin=live.base_url) as socket:
        assert socket.response.status_code == 101


async def test_another_origin_is_refused(live, trio):
    from websockets.asyncio.client import connect

    with pytest.raises(InvalidStatus) as refused:
        async with connect(
            live.ws_url, additional_headers=trio["ash"].headers, origin="https://evil.example"
        ):
            pass
    assert refused.value.response.status_code == 403


async def test_no_compression_is_negotiated(live, trio):
    from websockets.asyncio.client import connect

    async with connect(live.ws_url, additional_headers=trio["ash"].headers, compression="deflate") as socket:
        assert "permessage-deflate" not in socket.response.headers.get("Sec-WebSocket-Extensions", "")


async def test_frames_over_64_kib_close_the_socket_1009(live, trio):
    async with stream(live, trio["ash"]) as socket:
        await socket.send("x" * (65 * 1024))
        with pytest.raises(ConnectionClosed) as closed:
            await asyncio.wait_for(socket.recv(), 2)
    assert closed.value.rcvd.code == 1009


async def test_shutdown_closes_sockets_going_away(live, trio):
    async with stream(live, trio["ash"]) as socket:
        stopping = asyncio.create_task(live.stop())
        with pytest.raises(ConnectionClosed) as closed:
            await asyncio.wait_for(socket.recv(), 8)
        await stopping
    assert closed.value.rcvd.code in (1001, 1012)


@pytest.mark.parametrize("value", ["soon", "-1", str(2**63)])
async def test_a_last_event_id_that_is_not_an_id_refuses_the_handshake(live, trio, value):
    from websockets.asyncio.client import connect

    with pytest.raises(InvalidStatus) as refused:
        async with connect(f"{live.ws_url}?last_event_id={value}", additional_headers=trio["ash"].headers):
            pass
    assert refused.value.response.status_code == 403


async def test_an_unexpected_failure_at_the_handshake_is_logged_by_type_only(live, trio, caplog):
    from websockets.asyncio.client import connect

    def broken(*_args, **_kwargs):
        raise RuntimeError("member text that must not be logged")

    live.app.state.database.read_session = broken
    with pytest.raises(InvalidStatus) as refused:
        async with connect(live.ws_url, additional_headers=trio["ash"].headers):
            pass
    assert refused.value.response.status_code == 403
    assert "live stream failed: RuntimeError" in caplog.text
    assert "member text" not in caplog.text
