"""A suspension takes effect at once, on every session and live socket: the member reads, signs in,
appeals and looks after their account and their own view, and writes nothing others read."""

from datetime import timedelta

import pytest

from app.core.db import utcnow
from app.core.permissions import Permission, Role, has_permission
from app.realtime.events import MODERATORS, StreamEvent
from app.wall.visibility import StreamViewer, event_visible
from tests.conftest import PASSWORD, Member, join
from tests.moderation.sanction_helpers import API, rules, sanctioned, set_role, team
from tests.realtime.conftest import frames_until_quiet, http, live, next_frame, send_buffer, stream

__all__ = ["http", "live", "rules", "send_buffer", "team"]  # fixtures


@pytest.fixture
async def suspended(team, rules) -> Member:
    """ash, suspended for a week by rowan, with a post written before."""
    await team["ash"].write_post("Written before the suspension.")
    await sanctioned(team["rowan"], "ash", rules[0]["id"], "suspension", days=7)
    return team["ash"]


async def first_post_id(member: Member) -> int:
    return (await member.get(f"{API}/members/{member.pseudonym}/posts")).json()["items"][0]["id"]


async def test_every_session_of_the_member_is_refused_at_once(team, rules, client):
    signed = await client.post(
        f"{API}/auth/sign-in", json={"pseudonym": "ash", "password": PASSWORD, "transport": "bearer"}
    )
    second = Member("ash", signed.json()["token"], "", client)
    await sanctioned(team["rowan"], "ash", rules[0]["id"], "suspension", days=7)
    for session in (team["ash"], second):
        response = await session.post(f"{API}/posts", json={"kind": "saying_hello", "body": "Hi"})
        assert (response.status_code, response.json()["code"]) == (403, "suspended")


async def test_the_refusal_says_until_when_and_what_is_still_open(suspended):
    response = await suspended.post(f"{API}/posts", json={"kind": "saying_hello", "body": "Hi"})
    assert (
        "suspended until" in response.json()["message"]
        and "message the moderation team" in (response.json()["message"])
    )


async def test_a_banned_member_is_refused_too(team, rules):
    await sanctioned(team["rowan"], "ash", rules[0]["id"], "ban")
    response = await team["ash"].post(f"{API}/posts", json={"kind": "saying_hello", "body": "Hi"})
    assert response.json()["code"] == "suspended"


async def test_a_suspended_member_still_reads_the_wall_and_threads(suspended, team):
    other = await team["birch"].write_post("Birch's post.")
    assert (await suspended.get(f"{API}/posts")).status_code == 200
    assert (await suspended.get(f"{API}/posts/{other['id']}")).status_code == 200
    assert (await suspended.get(f"{API}/posts/{other['id']}/replies")).status_code == 200


async def test_a_suspended_member_can_sign_in(suspended, client):
    response = await client.post(
        f"{API}/auth/sign-in", json={"pseudonym": "ash", "password": PASSWORD, "transport": "bearer"}
    )
    assert response.status_code == 200


async def test_a_suspended_member_cannot_reply(suspended, team):
    other = await team["birch"].write_post()
    response = await suspended.post(f"{API}/posts/{other['id']}/replies", json={"body": "Me too."})
    assert response.json()["code"] == "suspended"


async def test_a_suspended_member_cannot_edit_their_words(suspended):
    post_id = await first_post_id(suspended)
    response = await suspended.patch(f"{API}/posts/{post_id}", json={"body": "Changed."})
    assert response.json()["code"] == "suspended"


async def test_a_suspended_member_cannot_hear_others(suspended, team):
    other = await team["birch"].write_post()
    response = await suspended.put(f"{API}/posts/{other['id']}/hear")
    assert response.json()["code"] == "suspended"


async def test_a_suspended_member_cannot_change_their_profile_text(suspended):
    response = await suspended.patch(f"{API}/me", json={"about_me": "New words for everyone."})
    assert response.json()["code"] == "suspended"


def test_a_suspension_withholds_reporting():
    assert not has_permission(Role.member, Permission.report, suspended=True)


async def test_a_suspended_member_can_delete_their_own_words(suspended):
    # Taking one's own words down is privacy and self-care, never a harm to others.
    post_id = await first_post_id(suspended)
    assert (await suspended.delete(f"{API}/posts/{post_id}")).status_code == 204


async def test_a_suspended_member_can_hide_posts(suspended, team):
    other = await team["birch"].write_post()
    assert (await suspended.put(f"{API}/posts/{other['id']}/hide")).status_code == 204


async def test_a_suspended_member_can_mute_and_block(suspended):
    # Both only shape what the suspended member reads, and keep them safe from others.
    assert (await suspended.put(f"{API}/members/birch/mute")).status_code == 204
    assert (await suspended.put(f"{API}/members/cedar/block")).status_code == 204


async def test_a_suspended_member_can_change_their_password(suspended):
    response = await suspended.post(
        f"{API}/me/password", json={"current_password": PASSWORD, "new_password": "another long evening here"}
    )
    assert response.status_code == 204


async def test_a_suspended_member_can_appeal(team, rules):
    made = await sanctioned(team["rowan"], "ash", rules[0]["id"], "suspension", days=7)
    response = await team["ash"].post(
        f"{API}/me/appeals", json={"sanction_id": made["id"], "text": "Please."}
    )
    assert response.status_code == 201


async def test_a_suspended_moderator_loses_the_moderation_routes(team, rules):
    await sanctioned(team["sage"], "rowan", rules[0]["id"], "suspension", days=1)
    response = await team["rowan"].get(f"{API}/moderation/members/ash")
    assert (response.status_code, response.json()["code"]) == (403, "suspended")


def _moderation_event() -> StreamEvent:
    return StreamEvent.build(1, "appeal.opened", MODERATORS, None, None, None, "{}")


def test_a_moderators_viewer_hears_nothing_of_the_team_while_suspended():
    viewer = StreamViewer(7, frozenset(), frozenset(), True, suspended_until=utcnow() + timedelta(days=1))
    assert not event_visible(_moderation_event(), viewer)


def test_a_moderators_viewer_hears_the_team_again_once_the_suspension_has_passed():
    # The socket's viewer was loaded during the suspension; the end needs no reload.
    viewer = StreamViewer(7, frozenset(), frozenset(), True, suspended_until=utcnow() - timedelta(seconds=1))
    assert event_visible(_moderation_event(), viewer)


async def test_a_suspended_moderators_socket_stops_receiving_the_moderators_channel_at_once(live, http):
    rowan, willow, sage, ash = [await join(http, name) for name in ("rowan", "willow", "sage", "ash")]
    for name, role in (("rowan", Role.moderator), ("willow", Role.moderator), ("sage", Role.admin)):
        await set_role(live.app, name, role)
    rule_id = (await http.get(f"{API}/rules")).json()["rules"][0]["id"]
    warning = await sanctioned(rowan, "ash", rule_id)
    async with stream(live, rowan) as rowan_socket, stream(live, willow) as willow_socket:
        await sanctioned(sage, "rowan", rule_id, "suspension", days=1)
        assert (await next_frame(rowan_socket, skip=("notification",)))["type"] == "viewer.changed"
        await frames_until_quiet(rowan_socket, quiet=0.3)  # the socket reloads its viewer meanwhile
        await ash.post(f"{API}/me/appeals", json={"sanction_id": warning["id"], "text": "Please look again."})
        # The appeal also reaches the team inbox, on the same channel.
        assert (await next_frame(willow_socket, skip=("team.message",)))["type"] == "appeal.opened"
        assert await frames_until_quiet(rowan_socket) == []


async def test_a_lifted_moderators_socket_hears_the_moderators_channel_again_at_once(live, http):
    rowan, sage, ash = [await join(http, name) for name in ("rowan", "sage", "ash")]
    await set_role(live.app, "rowan", Role.moderator)
    await set_role(live.app, "sage", Role.admin)
    rule_id = (await http.get(f"{API}/rules")).json()["rules"][0]["id"]
    warning = await sanctioned(sage, "ash", rule_id)
    suspension = await sanctioned(sage, "rowan", rule_id, "suspension", days=1)
    async with stream(live, rowan) as rowan_socket:
        await sage.post(f"{API}/moderation/sanctions/{suspension['id']}/lift", json={"reason": "Back."})
        assert (await next_frame(rowan_socket, skip=("notification",)))["type"] == "viewer.changed"
        await frames_until_quiet(rowan_socket, quiet=0.3)  # the socket reloads its viewer meanwhile
        await ash.post(f"{API}/me/appeals", json={"sanction_id": warning["id"], "text": "Please look again."})
        assert (await next_frame(rowan_socket, skip=("team.message",)))["type"] == "appeal.opened"
