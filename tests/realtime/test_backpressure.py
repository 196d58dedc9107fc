"""A socket that falls behind is closed (1013) without slowing anyone else, and can resume."""

import asyncio
import json
import socket as sockets

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from app.realtime.events import WALL, StreamEvent
from app.realtime.hub import Hub
from app.wall.visibility import StreamViewer
from tests.realtime.conftest import next_frame, stream


@pytest.fixture
def settings_overrides():
    return {"stream_queue_size": 8}


@pytest.fixture
def send_buffer():
    return 4096


def _event(event_id: int) -> StreamEvent:
    return StreamEvent(event_id, "post.heard", WALL, 1, 1, 1, json.dumps({"id": event_id}))


async def test_hub_closes_only_the_connection_that_falls_behind():
    hub = Hub(database=None, queue_size=4, poll_seconds=60, retention_hours=24)  # type: ignore[arg-type]
    viewer = StreamViewer(
        member_id=2, excluded_members=frozenset(), hidden_posts=frozenset(), sees_moderation=False
    )
    closed: list[tuple[str, int]] = []
    fast_frames: list[str] = []
    stuck = asyncio.get_running_loop().create_future()  # a client that never reads again

    def closer(name: str):
        async def close(code: int, _reason: str) -> None:
            closed.append((name, code))

        return close

    async def fast_send(frame: str) -> None:
        fast_frames.append(frame)

    async def slow_send(_frame: str) -> None:
        await stuck

    slow = hub.connect(viewer, 1, send=slow_send, close=closer("slow"))
    fast = hub.connect(viewer, 2, send=fast_send, close=closer("fast"))
    await slow.drain()
    await fast.drain()
    for n in range(1, 8):
        hub.dispatch(_event(n))
    await asyncio.sleep(0)
    # The slow one holds one frame in its send and four in its backlog; the sixth is one too many.
    assert closed == [("slow", 1013)]
    assert [json.loads(f)["id"] for f in fast_frames] == list(range(1, 8))
    assert fast.sent_up_to == 7
    assert hub.connection_count == 1
    assert slow.backlog_size == 4
    hub.disconnect(slow)


async def test_a_send_that_waits_finishes_and_its_backlog_follows_in_order():
    hub = Hub(database=None, queue_size=8, poll_seconds=60, retention_hours=24)  # type: ignore[arg-type]
    viewer = StreamViewer(
        member_id=2, excluded_members=frozenset(), hidden_posts=frozenset(), sees_moderation=False
    )
    gate = asyncio.Event()
    sent: list[int] = []

    async def send(frame: str) -> None:
        if not gate.is_set():
            await gate.wait()  # the first send finds the client's buffers full
        sent.append(json.loads(frame)["id"])

    async def close(_code: int, _reason: str) -> None:
        raise AssertionError("must not close")

    connection = hub.connect(viewer, 1, send=send, close=close)
    await connection.drain()
    for n in range(1, 5):
        hub.dispatch(_event(n))
    assert sent == [] and connection.backlog_size == 3
    gate.set()
    for _ in range(10):
        await asyncio.sleep(0)
    assert sent == [1, 2, 3, 4]
    hub.dispatch(_event(5))  # sent in place again, no task needed
    assert sent == [1, 2, 3, 4, 5]


async def test_a_real_socket_that_stops_reading_is_closed_1013_and_others_keep_up(live, trio):
    ash, birch, cedar = trio["ash"], trio["birch"], trio["cedar"]
    raw = sockets.socket()
    raw.setsockopt(sockets.SOL_SOCKET, sockets.SO_RCVBUF, 4096)  # a tiny window, so the server feels it
    raw.connect(("127.0.0.1", live.port))
    async with (
        connect(
            live.ws_url, sock=raw, additional_headers=birch.headers, max_queue=1, compression=None
        ) as slow,
        stream(live, cedar) as fast,
    ):
        body = "a long post " * 400
        posts, fast_ids = [], []
        for _ in range(60):
            posts.append(await ash.write_post(body))
            frame = await next_frame(fast)
            assert frame["data"]["post"]["id"] == posts[-1]["id"]
            fast_ids.append(frame["id"])
        got = []
        with pytest.raises(ConnectionClosed) as closed:
            while True:
                got.append(json.loads(await asyncio.wait_for(slow.recv(), 5)))
    assert closed.value.rcvd.code == 1013
    assert len(got) < len(posts)
    # It resumes from the last event it has, and gets the rest, in order.
    async with stream(live, birch, last_event_id=got[-1]["id"] if got else fast_ids[0] - 1) as resumed:
        rest = [await next_frame(resumed) for _ in range(len(posts) - len(got))]
    assert [f["data"]["post"]["id"] for f in got + rest] == [p["id"] for p in posts]
