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


async def test_hub_closes_only_the_connection_whose_queue_is_full():
    hub = Hub(database=None, queue_size=4, poll_seconds=60, retention_hours=24)  # type: ignore[arg-type]
    viewer = StreamViewer(
        member_id=2, excluded_members=frozenset(), hidden_posts=frozenset(), sees_moderation=False
    )
    closed: list[tuple[str, int]] = []

    def closer(name: str):
        async def close(code: int, _reason: str) -> None:
            closed.append((name, code))

        return close

    slow = hub.connect(viewer, 1, closer("slow"))
    fast = hub.connect(viewer, 2, closer("fast"))
    received = []
    for n in range(1, 8):
        hub.dispatch(_event(n))
        received.append(fast.queue.get_nowait().id)  # the fast one keeps up
    await asyncio.sleep(0)
    assert closed == [("slow", 1013)]
    assert received == list(range(1, 8))
    assert hub.connection_count == 1
    assert slow.queue.qsize() == 4


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
