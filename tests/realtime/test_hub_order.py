"""Events reach sockets in id order when the broadcaster hands them over out of order."""

import asyncio
import json

import pytest

from app.realtime import events
from app.realtime.hub import GAP_GRACE_SECONDS, Hub
from app.wall.visibility import StreamViewer
from tests.realtime.conftest import frames_until_quiet, next_frame, stream
from tests.realtime.test_backpressure import _event


@pytest.fixture
def settings_overrides():
    return {"stream_poll_seconds": 3600}  # only a gap, never the poll, sends the hub to the database


def _hub_with_one_socket() -> tuple[Hub, list[int]]:
    hub = Hub(database=None, queue_size=8, poll_seconds=3600, retention_hours=24)  # type: ignore[arg-type]
    viewer = StreamViewer(
        member_id=2, excluded_members=frozenset(), hidden_posts=frozenset(), sees_moderation=False
    )
    sent: list[int] = []

    async def send(frame: str) -> None:
        sent.append(json.loads(frame)["id"])

    async def close(_code: int, _reason: str) -> None:
        raise AssertionError("must not close")

    connection = hub.connect(viewer, 1, send=send, close=close)
    connection._busy = False  # no replay to wait for
    return hub, sent


async def test_an_event_ahead_of_the_one_it_follows_waits_for_it_and_both_go_out_in_order():
    hub, sent = _hub_with_one_socket()
    hub.receive([_event(2)])
    hub.receive([_event(3)])
    assert sent == []
    hub.receive([_event(1)])  # well within the grace: no reading the database
    assert sent == [1, 2, 3] and hub.last_id == 3
    hub.receive([_event(2), _event(4)])  # a repeat is dropped
    assert sent == [1, 2, 3, 4]
    await asyncio.sleep(GAP_GRACE_SECONDS * 2)
    assert not hub._wake.is_set()  # nothing was missing, so the pump was never woken


async def test_a_gap_that_stays_open_wakes_the_pump_after_the_grace():
    hub, sent = _hub_with_one_socket()
    hub.receive([_event(2)])
    assert not hub._wake.is_set()
    await asyncio.sleep(GAP_GRACE_SECONDS * 3)
    assert hub._wake.is_set() and sent == []


async def test_an_event_whose_message_never_comes_is_read_from_the_database_and_order_holds(live, trio):
    ash, birch = trio["ash"], trio["birch"]
    async with stream(live, birch) as socket:
        # An event committed without a message (as when one is lost), then a post that has one.
        async with live.app.state.database.transaction() as session:
            await events.record(session, kind="rules.changed", audience=events.WALL, data={"version": 99})
        await ash.post("/api/v1/posts", json={"kind": "saying_hello", "body": "after the lost one"})
        first = await next_frame(socket, wait=3)
        second = await next_frame(socket, wait=3)
        assert (first["type"], second["type"]) == ("rules.changed", "post.published")
        assert second["id"] == first["id"] + 1
        assert await frames_until_quiet(socket, quiet=0.3) == []
