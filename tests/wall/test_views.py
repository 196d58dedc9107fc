"""The wall's views: pagination, not heard yet, one member's posts, and a fixed query count per page."""

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import event, func, select, update

from app.core.db import utcnow
from app.realtime.models import Event
from app.wall.models import Post


async def test_wall_is_newest_first_and_paginates_without_gaps(members):
    ash, birch = members["ash"], members["birch"]
    ids = [(await ash.write_post(f"post {n}"))["id"] for n in range(7)]
    seen, cursor = [], None
    while True:
        params = {"limit": 3} | ({"cursor": cursor} if cursor else {})
        page = (await birch.get("/api/v1/posts", params=params)).json()
        seen += [p["id"] for p in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == list(reversed(ids))


async def test_page_size_is_clamped(members):
    ash, birch = members["ash"], members["birch"]
    for n in range(3):
        await ash.write_post(f"post {n}")
    assert len((await birch.get("/api/v1/posts", params={"limit": 0})).json()["items"]) == 1
    assert len((await birch.get("/api/v1/posts", params={"limit": 10**9})).json()["items"]) == 3


async def test_bad_cursor_names_the_field(members):
    response = await members["ash"].get("/api/v1/posts", params={"cursor": "not-a-cursor"})
    assert response.status_code == 422
    assert response.json()["field"] == "cursor"


async def test_unheard_lists_recent_unanswered_posts_oldest_first_not_mine(app, members):
    ash, birch, cedar = members["ash"], members["birch"], members["cedar"]
    first = await ash.write_post("first")
    second = await cedar.write_post("second")
    heard = await ash.write_post("heard")
    replied = await cedar.write_post("replied")
    old = await ash.write_post("old")
    mine = await birch.write_post("mine")
    await birch.put(f"/api/v1/posts/{heard['id']}/hear")
    await ash.post(f"/api/v1/posts/{replied['id']}/replies", json={"body": "here"})
    async with app.state.database.transaction() as session:
        await session.execute(
            update(Post).where(Post.id == old["id"]).values(created_at=utcnow() - timedelta(hours=25))
        )
    unheard = [p["id"] for p in (await birch.get("/api/v1/posts/unheard")).json()["items"]]
    assert unheard == [first["id"], second["id"]]
    assert mine["id"] not in unheard


async def test_one_members_posts(members):
    ash, birch = members["ash"], members["birch"]
    a = await ash.write_post("a")
    await birch.write_post("b")
    page = (await birch.get("/api/v1/members/ash/posts")).json()
    assert [p["id"] for p in page["items"]] == [a["id"]]
    assert (await birch.get("/api/v1/members/nobody-here/posts")).status_code == 404


@pytest.fixture
def settings_overrides():
    return {"stream_poll_seconds": 3600}


async def hub_caught_up(app) -> None:
    async with app.state.database.read_session() as session:
        newest = await session.scalar(select(func.max(Event.id)))
    while app.state.hub.last_id < newest:  # noqa: ASYNC110 - polling a plain attribute
        await asyncio.sleep(0.01)
    await asyncio.sleep(0.1)


# The newest page (no filter) comes from memory once read; a kind filter always reads the database.
@pytest.mark.parametrize("query", [{}, {"kind": "looking_for_support"}], ids=["newest", "filtered"])
async def test_a_wall_page_costs_the_same_statements_whatever_its_length(app, members, query):
    ash, birch, cedar = members["ash"], members["birch"], members["cedar"]
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        statements.append(statement)

    async def page_cost(limit: int) -> int:
        statements.clear()
        response = await birch.get("/api/v1/posts", params={"limit": limit, **query})
        assert len(response.json()["items"]) == limit
        return len(statements)

    for n in range(30):
        post = await (ash if n % 2 else cedar).write_post(f"post {n}")
        await birch.put(f"/api/v1/posts/{post['id']}/hear")
    await hub_caught_up(app)  # the live stream's reader shares the engine; let it go quiet first
    await birch.get("/api/v1/posts", params=query)  # the first read fills what is kept in memory
    for engine in app.state.database.engines:
        event.listen(engine.sync_engine, "before_cursor_execute", count)
    try:
        small, large = await page_cost(2), await page_cost(30)
    finally:
        for engine in app.state.database.engines:
            event.remove(engine.sync_engine, "before_cursor_execute", count)
    assert small == large, statements
    assert large <= 3  # the session lookup and the page itself (plus BEGIN on SQLite)
