"""The newest page answered in front of the routing from a session checked lately; revocation is immediate."""

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest

from app.accounts.live_sessions import LiveSessions
from app.core.permissions import Role
from tests.conftest import PASSWORD, Member

WALL = "/api/v1/posts"


@pytest.fixture
def settings_overrides():
    return {"stream_poll_seconds": 3600}  # every change reaches the worker through the broadcaster


async def _kept(app, member: Member) -> bytes:
    """Reads until the answer comes from what is kept: the route must not be reached."""
    first = await member.get(WALL)

    async def route_reached(*_args: object) -> None:
        raise AssertionError("the route answered")

    app.state.newest_page.page = route_reached
    try:
        second = await member.get(WALL)
    finally:
        del app.state.newest_page.page
    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    return second.content


async def test_a_kept_page_is_answered_without_the_route(app, members):
    await members["ash"].write_post("hello")
    page = await _kept(app, members["birch"])
    assert b'"body":"hello"' in page


async def test_signing_out_ends_the_kept_session_at_once(app, members):
    birch = members["birch"]
    await _kept(app, birch)
    assert (await birch.post("/api/v1/auth/sign-out")).status_code == 204
    assert (await birch.get(WALL)).status_code == 401


async def test_a_password_change_ends_the_members_other_kept_sessions_at_once(app, client, members):
    birch = members["birch"]
    signed_in = await client.post(
        "/api/v1/auth/sign-in", json={"pseudonym": "birch", "password": PASSWORD, "transport": "bearer"}
    )
    other = Member("birch", signed_in.json()["token"], "", client)
    await _kept(app, birch)
    await _kept(app, other)
    changed = await other.post(
        "/api/v1/me/password", json={"current_password": PASSWORD, "new_password": PASSWORD + " anew"}
    )
    assert changed.status_code == 204
    assert (await birch.get(WALL)).status_code == 401
    assert (await other.get(WALL)).status_code == 200


def test_a_session_is_trusted_only_for_the_minute_after_it_was_checked():
    sessions = LiveSessions(idle=timedelta(days=7), hearing=lambda: 0)
    now = datetime.now(UTC)
    sessions.get("nothing yet", now)  # it starts hearing
    _remember(sessions, now, epoch=sessions.epoch)
    assert sessions.get("hash", now + timedelta(seconds=59)) is not None
    assert sessions.get("hash", now + timedelta(seconds=61)) is None


def test_nothing_is_trusted_while_events_may_be_missed_nor_kept_from_before():
    hearing: list[int | None] = [0]
    sessions = LiveSessions(idle=timedelta(days=7), hearing=lambda: hearing[0])
    now = datetime.now(UTC)
    sessions.get("nothing yet", now)
    _remember(sessions, now, epoch=sessions.epoch)
    hearing[0] = None  # Redis went away: a session.ended from another worker could be missed
    assert sessions.get("hash", now) is None
    hearing[0] = 1  # subscribed again
    assert sessions.get("hash", now) is None


def _remember(sessions: LiveSessions, now: datetime, *, epoch: int) -> None:
    row = SimpleNamespace(expires_at=now + timedelta(days=1))
    member = SimpleNamespace(id=7, role=Role.member)
    sessions.remember("hash", row, member, last_seen_at=now, epoch=epoch)  # type: ignore[arg-type]


def test_a_lookup_that_raced_a_session_ending_is_not_kept():
    sessions = LiveSessions(idle=timedelta(days=7), hearing=lambda: 0)
    sessions.get("nothing yet", datetime.now(UTC))  # it starts hearing
    now = datetime.now(UTC)
    epoch = sessions.epoch
    sessions.observe(SimpleNamespace(kind="session.ended", audience="member:7"))  # type: ignore[arg-type]
    _remember(sessions, now, epoch=epoch)
    assert sessions.get("hash", now) is None
