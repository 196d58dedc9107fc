"""Events are stored with the change, published only after commit, and pruned after the retention."""

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from app.core.db import utcnow
from app.realtime import events
from app.realtime.models import Event
from app.wall import page_bytes
from app.wall.schemas import PostOut
from tests.conftest import join
from tests.realtime.conftest import frames_until_quiet, next_frame, stream


async def _kinds(app) -> list[str]:
    async with app.state.database.read_session() as session:
        return list(await session.scalars(select(Event.kind).order_by(Event.id)))


async def test_each_change_stores_one_event_with_a_rising_id(app, client):
    ash = await join(client, "ash")
    birch = await join(client, "birch")
    post = await ash.write_post("hello")
    await birch.put(f"/api/v1/posts/{post['id']}/hear")
    await birch.post(f"/api/v1/posts/{post['id']}/replies", json={"body": "hi"})
    assert await _kinds(app) == [
        "member.joined",
        "member.joined",
        "post.published",
        "post.heard",
        "notification",  # ash is told they were heard
        "reply.published",
        "notification",  # and that birch replied
    ]
    async with app.state.database.read_session() as session:
        ids = list(await session.scalars(select(Event.id).order_by(Event.created_at, Event.id)))
    assert ids == sorted(ids) and len(set(ids)) == len(ids)


@pytest.mark.parametrize("path", ["route", "in front of the routing"])
async def test_a_rolled_back_request_stores_and_publishes_nothing(live, trio, monkeypatch, path):
    ash, birch = trio["ash"], trio["birch"]
    published: list[object] = []
    original = live.app.state.broadcaster.publish

    async def spy(events) -> None:
        published.append(events)
        await original(events)

    monkeypatch.setattr(live.app.state.broadcaster, "publish", spy)
    async with live.app.state.database.read_session() as session:
        before = await session.scalar(select(func.count(Event.id)))

    def fail_after_the_service_ran(*_args, **_kwargs):
        raise RuntimeError("after the event was recorded")

    async with stream(live, birch) as socket:
        if path == "route":
            # Without a screener in hand, posting in front of the routing leaves every post to the route.
            monkeypatch.setattr(live.app.state.screeners, "kept", lambda: None)
            monkeypatch.setattr(PostOut, "for_viewer", fail_after_the_service_ran)
        else:
            # On SQLite in the hop that stores the post and its event, after the post's insert.
            monkeypatch.setattr(page_bytes, "written_for_author", fail_after_the_service_ran)
        response = await ash.post("/api/v1/posts", json={"kind": "saying_hello", "body": "never stored"})
        assert response.status_code == 500
        assert await frames_until_quiet(socket, quiet=1.0) == []
    async with live.app.state.database.read_session() as session:
        after = await session.scalar(select(func.count(Event.id)))
    assert after == before
    assert published == []


async def _read_after(app, after_id: int) -> list[str]:
    async with app.state.database.read_session() as session:
        return [event.kind for event in await events.events_after(session, after_id)]


async def test_event_writers_never_wait_for_each_other_and_readers_wait_for_every_writer(app):
    """PostgreSQL: events are written concurrently and may commit out of id order, yet a reader of the
    events after an id never skips one that commits late."""
    database = app.state.database
    if database.writer.dialect.name != "postgresql":
        pytest.skip("SQLite writes one transaction at a time, so its events commit in id order")
    first = database.write_session()
    try:
        await events.record(first, kind="test.first", audience=events.WALL, data={})
        first_id = await first.scalar(select(func.max(Event.id)))

        async def second_writer() -> None:
            async with database.transaction() as second:
                await events.record(second, kind="test.second", audience=events.WALL, data={})

        await asyncio.wait_for(second_writer(), timeout=5)  # commits while the first is still open
        reading = asyncio.create_task(_read_after(app, first_id - 1))
        await asyncio.sleep(0.3)
        assert not reading.done()  # the second event is committed, but the first may yet come before it
        await first.commit()
        assert await asyncio.wait_for(reading, timeout=5) == ["test.first", "test.second"]
    finally:
        await first.close()


async def test_old_events_are_pruned(app, client):
    await join(client, "ash")
    await join(client, "birch")
    async with app.state.database.transaction() as session:
        first = await session.scalar(select(func.min(Event.id)))
        await session.execute(
            update(Event).where(Event.id == first).values(created_at=utcnow() - timedelta(hours=25))
        )
        removed = await events.prune(session, retention_hours=24)
    assert removed == 1
    assert await _kinds(app) == ["member.joined"]


async def test_the_newest_id_outlives_pruning(app, client):
    """Once every event is pruned, ids still go on from the last one drawn, and the range says so: a worker
    starting then, or a client resuming, does not take the next event for one after a gap."""
    await join(client, "ash")
    await join(client, "birch")
    async with app.state.database.read_session() as session:
        newest = await session.scalar(select(func.max(Event.id)))
        assert await events.id_range(session) == (newest - 1, newest)
    async with app.state.database.transaction() as session:
        await session.execute(update(Event).values(created_at=utcnow() - timedelta(hours=25)))
        assert await events.prune(session, retention_hours=24) == 2
    async with app.state.database.read_session() as session:
        assert await events.id_range(session) == (None, newest)
    await join(client, "cedar")
    async with app.state.database.read_session() as session:
        assert await events.id_range(session) == (newest + 1, newest + 1)


async def test_new_members_are_announced_live(live, trio, http):
    async with stream(live, trio["ash"]) as socket:
        await join(http, "willow")
        frame = await next_frame(socket)
    assert frame["type"] == "member.joined"
    assert frame["data"]["member"]["pseudonym"] == "willow"
