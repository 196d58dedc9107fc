"""The newest wall page from memory answers every viewer with the bytes the database path gives them."""

import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import select, update

from app.accounts.avatars import AVATARS
from app.accounts.models import Member as MemberRow
from app.wall.models import ContentState, Post
from tests.conftest import Member, join


@pytest.fixture
def settings_overrides():
    return {"stream_poll_seconds": 3600}  # every change reaches the cache through the broadcaster


class Pages:
    """Reads the newest page twice: from memory, and with the memory path turned off."""

    def __init__(self, app) -> None:
        self.newest = app.state.newest_page
        self.served_from_memory = 0

    async def both(self, member: Member, **params: object) -> tuple[bytes, bytes]:
        page, kept_page = self.newest.page, self.newest.kept_page

        async def counted(session, viewer_id: int, limit: int) -> bytes | None:
            answer = await page(session, viewer_id, limit)
            self.served_from_memory += answer is not None
            return answer

        def kept_counted(viewer_id: int, limit: int) -> bytes | None:
            answer = kept_page(viewer_id, limit)
            self.served_from_memory += answer is not None
            return answer

        async def from_database(_session, _viewer_id: int, _limit: int) -> None:
            return None

        self.newest.page, self.newest.kept_page = counted, kept_counted
        try:
            cached = await member.get("/api/v1/posts", params=params)
        finally:
            self.newest.page, self.newest.kept_page = from_database, lambda _viewer, _limit: None
        try:
            uncached = await member.get("/api/v1/posts", params=params)
        finally:
            del self.newest.page, self.newest.kept_page  # the instance attributes go; the methods show
        assert cached.status_code == uncached.status_code == 200
        return cached.content, uncached.content

    async def check(self, *members: Member, **params: object) -> list[dict]:
        """Each member's page as JSON, after checking memory and database agree byte for byte, twice: the
        first read may fill what is kept, the second comes from it in front of the routing."""
        pages = []
        for member in members:
            for _ in range(2):
                before = self.served_from_memory
                cached, uncached = await self.both(member, **params)
                assert cached == uncached, member.pseudonym
                assert self.served_from_memory == before + 1
            pages.append(_json(cached))
        return pages


def _json(content: bytes) -> dict:
    return json.loads(content)


def ids(page: dict) -> list[int]:
    return [item["id"] for item in page["items"]]


@pytest.fixture
async def pages(app) -> Pages:
    return Pages(app)


async def _set_state(app, post_id: int, state: ContentState) -> None:
    async with app.state.database.transaction() as session:
        await session.execute(update(Post).where(Post.id == post_id).values(state=state))


async def test_each_viewer_gets_what_the_database_gives_them(app, client, members, pages):
    ash, birch, cedar = members["ash"], members["birch"], members["cedar"]
    dawn, erased = await join(client, "dawn"), await join(client, "elm")
    posts = {name: await m.write_post(f"from {name}") for name, m in members.items()}
    dawns = await dawn.write_post("dawn's words, held")
    held_for_ash = await ash.write_post("ash's words, held")
    removed = await cedar.write_post("taken down")
    gone = await erased.write_post("from an erased account")
    # What no route makes yet (screening holds, moderator removals, erasure), written straight in,
    # before anything is kept in memory.
    await _set_state(app, dawns["id"], ContentState.pending)
    await _set_state(app, held_for_ash["id"], ContentState.pending)
    await _set_state(app, removed["id"], ContentState.removed)
    async with app.state.database.transaction() as session:
        await session.execute(
            update(MemberRow).where(MemberRow.pseudonym == "elm").values(erased_at=datetime.now(UTC))
        )
    await birch.put(f"/api/v1/posts/{posts['ash']['id']}/hide")
    await birch.put("/api/v1/members/cedar/mute")
    await dawn.put("/api/v1/members/ash/block")
    await cedar.put(f"/api/v1/posts/{posts['ash']['id']}/hear")

    fern, gale = await join(client, "fern"), await join(client, "gale")

    ash_page, birch_page, cedar_page, dawn_page, fern_page, _ = await pages.check(
        ash, birch, cedar, dawn, fern, gale
    )

    assert ids(ash_page) == [held_for_ash["id"], *(posts[n]["id"] for n in ("cedar", "birch", "ash"))]
    assert ids(birch_page) == [posts["birch"]["id"]]
    assert ids(cedar_page) == [posts["cedar"]["id"], posts["birch"]["id"], posts["ash"]["id"]]
    assert cedar_page["items"][2]["heard_by_me"] is True
    assert ids(dawn_page) == [dawns["id"], posts["cedar"]["id"], posts["birch"]["id"]]
    assert gone["id"] not in ids(cedar_page)
    assert ids(fern_page) == [posts[n]["id"] for n in ("cedar", "birch", "ash")]
    assert not any(item["heard_by_me"] or item["mine"] for item in fern_page["items"])


async def test_readers_who_see_the_page_alike_share_one_copy(app, client, members, pages):
    """Readers who hid, muted, heard and wrote none of the page get the very bytes made once for them
    all; the others get theirs made for them, and both are what the database gives."""
    ash, birch, cedar = members["ash"], members["birch"], members["cedar"]
    for n in range(4):
        await ash.write_post(f"post {n}")
    await birch.put("/api/v1/members/cedar/mute")
    await pages.check(ash, birch, cedar, limit=3)
    newest = app.state.newest_page
    ash_id, birch_id, cedar_id = [await _member_id(app, m) for m in ("ash", "birch", "cedar")]

    assert newest.kept_page(birch_id, 3) is newest.kept_page(cedar_id, 3)  # muting cedar hides nothing here
    assert newest.kept_page(ash_id, 3) != newest.kept_page(birch_id, 3)  # ash wrote them: "mine"
    ashs_post = _json(newest.kept_page(birch_id, 3))["items"][0]["id"]
    await birch.put(f"/api/v1/posts/{ashs_post}/hear")
    await pages.check(birch, cedar, limit=3)
    assert newest.kept_page(birch_id, 3) is not newest.kept_page(cedar_id, 3)
    assert _json(newest.kept_page(birch_id, 3))["items"][0]["heard_by_me"] is True


async def _member_id(app, pseudonym: str) -> int:
    async with app.state.database.read_session() as session:
        return await session.scalar(select(MemberRow.id).where(MemberRow.pseudonym == pseudonym))


async def test_a_longer_wall_pages_on_from_the_same_cursor(members, pages):
    ash, birch = members["ash"], members["birch"]
    for n in range(8):
        await ash.write_post(f"post {n}")
    (page,) = await pages.check(birch, limit=5)
    assert len(page["items"]) == 5 and page["next_cursor"] is not None
    (everything,) = await pages.check(birch, limit=8)
    assert everything["next_cursor"] is None


async def test_changes_show_on_the_next_read(members, pages):
    ash, birch, cedar = members["ash"], members["birch"], members["cedar"]
    first = await ash.write_post("first")
    await pages.check(ash, birch)  # now kept in memory

    second = await cedar.write_post("second")
    (page,) = await pages.check(birch)
    assert ids(page) == [second["id"], first["id"]]

    await ash.patch(f"/api/v1/posts/{first['id']}", json={"body": "first, edited"})
    (page,) = await pages.check(birch)
    assert page["items"][1]["body"] == "first, edited"

    await birch.put(f"/api/v1/posts/{first['id']}/hear")
    page, ashs = await pages.check(birch, ash)
    assert page["items"][1]["heard_count"] == 1 and page["items"][1]["heard_by_me"] is True
    assert ashs["items"][1]["heard_by_me"] is False

    await birch.post(f"/api/v1/posts/{first['id']}/replies", json={"body": "I'm here"})
    (page,) = await pages.check(birch)
    assert page["items"][1]["reply_count"] == 1

    avatar = next(a for a in AVATARS if a != page["items"][1]["author"]["avatar"])
    assert (await ash.patch("/api/v1/me", json={"avatar": avatar})).status_code == 200
    (page,) = await pages.check(birch)
    assert page["items"][1]["author"]["avatar"] == avatar

    await birch.put(f"/api/v1/posts/{second['id']}/hide")
    (page,) = await pages.check(birch)
    assert ids(page) == [first["id"]]

    await birch.put("/api/v1/members/ash/mute")
    (page,) = await pages.check(birch)
    assert ids(page) == []

    await cedar.put("/api/v1/members/ash/block")
    (page,) = await pages.check(ash)
    assert ids(page) == [first["id"]]

    await ash.delete(f"/api/v1/posts/{first['id']}")
    page, cedars = await pages.check(ash, cedar)
    assert ids(page) == [] and ids(cedars) == [second["id"]]
