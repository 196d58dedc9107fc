"""Every page of the wall read through the driver (in front of the routing or from the route) answers the
bytes the response model would, for every viewer: states, hides, mutes, blocks, hearing, filters, edits."""

import json

import pytest
from sqlalchemy import update

from app.core.schemas import encode_cursor
from app.wall.models import ContentState, Post
from tests.community.test_filter_words import set_filters
from tests.conftest import Member, join

WALL = "/api/v1/posts"
KIND = "looking_for_support"  # every post here is this kind, so the kind filter leaves the same rows


@pytest.fixture
def settings_overrides():
    return {"stream_poll_seconds": 3600}  # every change reaches what is kept through the broadcaster


class Paths:
    """Counts the pages read in front of the routing, and can send the next read on to the route."""

    def __init__(self, app) -> None:
        self.front = 0
        self.to_route = False
        newest = app.state.newest_page
        kept_viewer = newest.kept_viewer

        def counted(member_id: int):
            reader = None if self.to_route else kept_viewer(member_id)
            self.front += reader is not None
            return reader

        newest.kept_viewer = counted


async def _page(member: Member, **params: object) -> bytes:
    response = await member.get(WALL, params=params)
    assert response.status_code == 200, response.text
    return response.content


async def _same_as_the_model(member: Member, paths: Paths, **params: object) -> bytes:
    """Through the route, then in front of it; both equal to the response model's page (the kind filter
    keeps the ORM and response-model path)."""
    modelled = await _page(member, kind=KIND, **params)
    paths.to_route = True
    through_route = await _page(member, **params)
    paths.to_route = False
    before = paths.front
    in_front = await _page(member, **params)
    assert through_route == modelled, member.pseudonym
    assert in_front == modelled, member.pseudonym
    assert paths.front == before + 1
    return modelled


async def test_pages_past_the_newest_match_the_response_model_for_every_viewer(app, client, members):
    paths = Paths(app)
    ash, birch, cedar = members["ash"], members["birch"], members["cedar"]
    dawn = await join(client, "dawn")
    words = [
        'Quotes " and \\ backslashes, a tab\there',
        "Accents é, emoji 😀, a line separator \u2028 and <b>not html</b>",
        "Sleepless again tonight",
        "Plain words",
    ]
    posts = [await author.write_post(text) for author in (ash, birch, cedar, dawn) for text in words]
    warned = await ash.write_post("Behind a warning", content_warning="loss")
    edited = await cedar.write_post("Before the edit")
    assert (await cedar.patch(f"{WALL}/{edited['id']}", json={"body": "After the edit"})).status_code == 200
    held = await dawn.write_post("Held for a moderator")
    async with app.state.database.transaction() as session:
        await session.execute(update(Post).where(Post.id == held["id"]).values(state=ContentState.pending))
    await birch.put(f"{WALL}/{posts[0]['id']}/hide")
    await birch.put("/api/v1/members/cedar/mute")
    await dawn.put("/api/v1/members/ash/block")
    await cedar.put(f"{WALL}/{warned['id']}/hear")
    await set_filters(ash, ["sleepless"])
    await set_filters(cedar, ["sleepless"], "leave_out")

    cursor = encode_cursor(10**12)
    for member in (ash, birch, cedar, dawn):
        whole = await _same_as_the_model(member, paths, cursor=cursor, limit=50)
        await _same_as_the_model(member, paths, cursor=cursor, limit=3)

    # What each viewer got is what the rule says, not only what the model says.
    ash_page = await _page(ash, cursor=cursor, limit=50)
    assert b'"filtered":true,"filter_word":"sleepless"' in ash_page
    assert (await _page(cedar, cursor=cursor, limit=50)).count(b"Sleepless") == 1  # only their own
    by_id = {item["id"]: item for item in json.loads(ash_page)["items"]}
    assert by_id[edited["id"]]["body"] == "After the edit" and by_id[edited["id"]]["edited_at"] is not None
    assert by_id[warned["id"]]["content_warning"] == "loss"
    assert b"Held for a moderator" in whole and b"Held for a moderator" not in ash_page
    assert b"\\u2028" not in ash_page and "\u2028".encode() in ash_page


async def test_the_next_page_follows_from_the_cursor_without_a_gap(app, members):
    paths = Paths(app)
    ash, birch = members["ash"], members["birch"]
    written = [await ash.write_post(f"post {n}") for n in range(7)]
    first = await _same_as_the_model(birch, paths, limit=3, cursor=encode_cursor(10**12))
    seen = [item["id"] for item in json.loads(first)["items"]]
    cursor = json.loads(first)["next_cursor"]
    while cursor:
        page = json.loads(await _same_as_the_model(birch, paths, limit=3, cursor=cursor))
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
    assert seen == [post["id"] for post in reversed(written)]
