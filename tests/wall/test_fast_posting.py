"""Posting in front of the routing: the common post is stored without the route, answered and published as
the route would; everything the route would refuse, hold or treat differently still reaches the route."""

import json
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select, update

from app.accounts.models import Member as MemberRow
from app.accounts.models import MemberSession
from app.core.db import utcnow
from app.core.security import hash_token
from app.moderation.models import ScreeningVersion, Setting
from app.moderation.settings import Thresholds
from app.realtime.models import Event
from app.wall import router as wall_router
from app.wall.models import Post
from tests.conftest import Member, join

WALL = "/api/v1/posts"
WORDS = {"kind": "sharing_a_win", "body": "Went for a walk today.", "content_warning": "small steps"}


@pytest.fixture
def settings_overrides():
    return {"stream_poll_seconds": 3600}  # published events reach this worker only through the broadcaster


@pytest.fixture
def route_posts(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the posts the route itself stores."""
    stored: list[int] = []
    create_post = wall_router.service.create_post

    async def counted(*args: Any, **kwargs: Any) -> Any:
        stored.append(1)
        return await create_post(*args, **kwargs)

    monkeypatch.setattr(wall_router.service, "create_post", counted)
    return stored


async def _change(app: Any, statement: Any) -> None:
    async with app.state.database.transaction() as session:
        await session.execute(statement)


def _without_ids(answer: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in answer.items() if key not in {"id", "created_at"}}


async def _events(app: Any) -> list[Event]:
    async with app.state.database.read_session() as session:
        return list(
            await session.scalars(select(Event).where(Event.kind == "post.published").order_by(Event.id))
        )


async def test_a_clean_post_is_stored_answered_and_published_without_the_route(app, members, route_posts):
    ash, birch = members["ash"], members["birch"]
    heard: list[Any] = []
    app.state.broadcaster.add_listener(heard.extend)
    response = await ash.post(WALL, json=WORDS)
    assert response.status_code == 201
    assert route_posts == []
    written = response.json()
    assert written["author"]["pseudonym"] == "ash"
    assert written["mine"] is True and written["screening"] is None
    assert [event.kind for event in heard] == ["post.published"]
    assert f'"id":{written["id"]}' in heard[0].frame
    # Other members read it at once, from the newest page the published event keeps up to date.
    seen = (await birch.get(WALL)).json()["items"]
    assert [post["id"] for post in seen] == [written["id"]]
    assert seen[0]["body"] == WORDS["body"] and seen[0]["content_warning"] == WORDS["content_warning"]
    async with app.state.database.read_session() as session:
        stored = await session.get(Post, written["id"])
    assert stored is not None and stored.state == "published" and stored.kind == "sharing_a_win"


def _bytes_without_ids(text: str, post: dict[str, Any]) -> str:
    return text.replace(f'"id":{post["id"]},', '"id":0,').replace(post["created_at"], "then")


async def test_the_answer_and_the_event_are_the_routes(app, members, route_posts):
    ash = members["ash"]
    words = WORDS | {"body": "Went for a walk today — the café was open 🌿"}
    fast_answer = await ash.post(WALL, json=words)
    screeners = app.state.screeners
    kept = screeners.kept
    screeners.kept = lambda: None  # without a screener in hand the fast path leaves the post to the route
    try:
        routed_answer = await ash.post(WALL, json=words)
    finally:
        screeners.kept = kept
    assert route_posts == [1]
    fast, routed = fast_answer.json(), routed_answer.json()
    assert fast["body"] == words["body"]
    assert _without_ids(fast) == _without_ids(routed)
    assert _bytes_without_ids(fast_answer.text, fast) == _bytes_without_ids(routed_answer.text, routed)
    fast_event, routed_event = await _events(app)
    assert fast_event.audience == routed_event.audience == "wall"
    assert (fast_event.author_id, fast_event.post_author_id) == (
        routed_event.author_id,
        routed_event.post_author_id,
    )
    assert (fast_event.post_id, routed_event.post_id) == (fast["id"], routed["id"])
    fast_post, routed_post = (json.loads(event.payload)["post"] for event in (fast_event, routed_event))
    assert (fast_post["id"], fast_post["created_at"]) == (fast["id"], fast["created_at"])
    assert _without_ids(fast_post) == _without_ids(routed_post)
    assert _bytes_without_ids(fast_event.payload, fast) == _bytes_without_ids(routed_event.payload, routed)


async def test_words_screening_catches_go_to_the_route(members, route_posts):
    nudged = await members["ash"].post(
        WALL, json={"kind": "saying_hello", "body": "write to me at ash@example.org"}
    )
    assert nudged.status_code == 422 and nudged.json()["code"] == "screening_nudge"
    flagged_warning = await members["ash"].post(
        WALL, json={"kind": "saying_hello", "body": "hello", "content_warning": "THIS IS ALL SHOUTING"}
    )
    assert flagged_warning.status_code == 422 and flagged_warning.json()["field"] == "content_warning"
    assert route_posts == [1, 1]


async def test_a_new_members_first_words_go_to_the_route_and_wait(app, client, route_posts):
    await _change(
        app,
        update(Setting).where(Setting.key == "thresholds").values(value=Thresholds().model_dump_json()),
    )
    willow = await join(client, "willow")
    written = await willow.write_post("Hello, I'm new here.")
    assert written["state"] == "pending" and written["screening"]["first_words"] is True
    assert route_posts == [1]


async def test_words_held_for_new_members_raised_after_posts_went_fast_are_still_held(
    app, members, route_posts
):
    ash, birch = members["ash"], members["birch"]
    await ash.write_post("one")  # nothing held for new members: the fast path counts none of their words
    await ash.write_post("two")
    assert route_posts == []
    await _change(
        app,
        update(Setting)
        .where(Setting.key == "thresholds")
        .values(value=Thresholds(new_member_held_posts=2).model_dump_json()),
    )
    held = await birch.write_post("my first words since the change")
    assert held["state"] == "pending" and held["screening"]["first_words"] is True
    assert route_posts == [1]
    assert (await ash.write_post("three"))["state"] == "published"
    assert route_posts == [1]  # counted up to the new number, ash's words go fast again
    assert (await birch.write_post("my second words"))["state"] == "pending"
    assert route_posts == [1, 1]


@pytest.mark.parametrize(
    ("change", "status", "code"),
    [
        ({"rules_version_agreed": 0}, 403, "rules_agreement_required"),
        ({"suspended_until": utcnow() + timedelta(days=1)}, 403, "suspended"),
        ({"posting_paused_at": utcnow()}, 403, "posting_paused"),
    ],
)
async def test_members_who_may_not_post_get_the_routes_refusal_and_nothing_is_stored(
    app, members, change, status, code
):
    await _change(app, update(MemberRow).where(MemberRow.pseudonym == "ash").values(**change))
    refused = await members["ash"].post(WALL, json=WORDS)
    assert (refused.status_code, refused.json()["code"]) == (status, code)
    assert await _events(app) == []
    assert (await members["birch"].get(WALL)).json()["items"] == []


async def test_a_session_due_its_touch_goes_to_the_route_which_touches_it(app, members, route_posts):
    ash: Member = members["ash"]
    long_ago = utcnow() - timedelta(minutes=5)
    mine = MemberSession.token_hash == hash_token(ash.token)
    await _change(app, update(MemberSession).where(mine).values(last_seen_at=long_ago))
    await ash.write_post()
    assert route_posts == [1]
    async with app.state.database.read_session() as session:
        touched = await session.scalar(select(MemberSession.last_seen_at).where(mine))
    assert touched is not None and touched > long_ago + timedelta(minutes=4)
    await ash.write_post("and again, now fast")
    assert route_posts == [1]


async def test_an_ended_session_is_refused_at_once(app, members, route_posts):
    ash = members["ash"]
    await ash.write_post()
    assert (await ash.post("/api/v1/auth/sign-out")).status_code == 204
    refused = await ash.post(WALL, json=WORDS)
    assert refused.status_code == 401
    assert len(await _events(app)) == 1


async def test_invalid_bodies_get_the_routes_answer_naming_the_field(members):
    for body, field in [
        (b'{"kind": "rant", "body": "x"}', "kind"),
        (b'{"kind": "saying_hello"}', "body"),
        (b'{"kind": "saying_hello", "body": "x", "extra": 1}', "extra"),
        (b"not json", "body"),
    ]:
        answer = await members["ash"].post(WALL, content=body, headers={"content-type": "application/json"})
        assert answer.status_code == 422 and answer.json()["field"] == field, body


async def test_a_body_not_sent_as_json_gets_the_routes_answer(members, route_posts):
    words = json.dumps(WORDS).encode()
    plain = await members["ash"].post(WALL, content=words, headers={"content-type": "text/plain"})
    assert plain.status_code == 422 and plain.json()["code"] == "validation_error"
    for content_type in ("application/json; charset=utf-8", "application/merge-patch+json"):
        sent = await members["ash"].post(WALL, content=words, headers={"content-type": content_type})
        assert sent.status_code == 201, content_type
    assert route_posts == []


async def test_a_body_without_a_content_type_gets_the_routes_answer(members, route_posts):
    words = json.dumps(WORDS).encode()
    bare = await members["ash"].client.send(
        members["ash"].client.build_request("POST", WALL, content=words, headers=members["ash"].headers)
    )
    assert "content-type" not in bare.request.headers
    assert bare.status_code == 422 and bare.json()["code"] == "validation_error"
    assert route_posts == []  # refused before anything reached the service


async def test_the_rest_of_what_the_route_decides_goes_to_the_route(app, members, route_posts):
    ash = members["ash"]
    # A break whose end has passed: the route closes it with a welcome back, and posts.
    over = utcnow() - timedelta(hours=1)
    await _change(
        app,
        update(MemberRow)
        .where(MemberRow.pseudonym == "ash")
        .values(break_started_at=over - timedelta(days=1), break_until=over),
    )
    await ash.write_post("back again")
    assert route_posts == [1]
    # Checks changed by another worker: this worker's screener is old until the route rebuilds it.
    async with app.state.database.transaction() as session:
        newest = await session.scalar(select(func.max(ScreeningVersion.version)))
        session.add(
            ScreeningVersion(version=(newest or 0) + 1, change_summary="a new check", published_at=utcnow())
        )
    await ash.write_post("under the new checks")
    assert route_posts == [1, 1]
    await ash.write_post("and now fast again")
    assert route_posts == [1, 1]


async def test_an_erased_members_session_posts_nothing(app, members):
    ash = members["ash"]
    await _change(app, update(MemberRow).where(MemberRow.pseudonym == "ash").values(erased_at=utcnow()))
    refused = await ash.post(WALL, json=WORDS)
    assert refused.status_code == 401
    assert await _events(app) == []


@pytest.mark.parametrize("settings_overrides", [{"stream_poll_seconds": 3600, "rate_post": "1/30 seconds"}])
async def test_over_the_rate_limit_the_answer_is_the_routes(app, members, settings_overrides):
    ash = members["ash"]
    await ash.write_post()
    fast = await ash.post(WALL, json=WORDS)
    app.state.screeners.kept = lambda: None  # the next goes to the route
    routed = await ash.post(WALL, json=WORDS)
    assert fast.status_code == routed.status_code == 429
    assert fast.content == routed.content
    assert 0 < int(fast.headers["Retry-After"]) <= 30
    assert len(await _events(app)) == 1
