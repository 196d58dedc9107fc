"""A new message reaches both members' open sockets, and the team's answer the member's."""

from app.core.permissions import Role
from tests.conftest import join
from tests.messages.conftest import API, CRISIS
from tests.moderation.conftest import decide, make_role, queue
from tests.realtime.conftest import frames_until_quiet, next_frame, stream

SKIP = ("hello", "ready", "notification", "viewer.changed", "member.joined")


async def test_a_message_reaches_the_recipients_socket(live, http):
    ash, birch = await join(http, "ash"), await join(http, "birch")
    async with stream(live, birch) as socket:
        sent = await ash.post(f"{API}/conversations", json={"pseudonym": "birch", "body": "Hello, birch."})
        assert sent.status_code == 201, sent.text
        frame = await next_frame(socket, skip=SKIP)
    assert frame["type"] == "message.created"
    assert frame["data"]["body"] == "Hello, birch." and frame["data"]["author"] == "ash"
    assert frame["data"]["mine"] is False


async def test_a_message_reaches_the_authors_other_screens(live, http):
    ash, _ = await join(http, "ash"), await join(http, "birch")
    async with stream(live, ash) as socket:
        await ash.post(f"{API}/conversations", json={"pseudonym": "birch", "body": "Hello, birch."})
        frame = await next_frame(socket, skip=SKIP)
    assert frame["type"] == "message.created" and frame["data"]["mine"] is True


async def test_a_message_to_the_team_reaches_online_moderators_and_no_other_member(live, http):
    ash, birch, rowan = [await join(http, name) for name in ("ash", "birch", "rowan")]
    await make_role(live.app, rowan, Role.moderator)
    async with stream(live, rowan) as moderator, stream(live, birch) as member:
        sent = await ash.post(f"{API}/me/team-conversation/messages", json={"body": "Can we talk?"})
        assert sent.status_code == 201, sent.text
        frame = await next_frame(moderator, skip=SKIP)
        others = await frames_until_quiet(member)
    assert frame["type"] == "team.message"
    assert frame["data"]["message_id"] == sent.json()["id"] and frame["data"]["awaiting_team"] is True
    assert "Can we talk?" not in str(frame)  # the moderators' channel carries ids, never words
    assert [f["type"] for f in others if f["type"] not in SKIP] == []


async def test_a_held_message_reaches_the_recipient_live_only_once_a_moderator_approves_it(live, http):
    ash, birch, rowan = [await join(http, name) for name in ("ash", "birch", "rowan")]
    await make_role(live.app, rowan, Role.moderator)
    async with stream(live, birch) as socket:
        sent = await ash.post(f"{API}/conversations", json={"pseudonym": "birch", "body": CRISIS})
        assert sent.status_code == 201 and sent.json()["message"]["state"] == "pending", sent.text
        while_held = await frames_until_quiet(socket)
        assert [f for f in while_held if f["type"] not in SKIP] == []
        [item] = await queue(rowan)
        assert (await decide(rowan, item, "approve")).status_code == 201
        frame = await next_frame(socket, skip=SKIP)
    assert frame["type"] == "message.created"
    assert frame["data"]["body"] == CRISIS and frame["data"]["state"] == "published"
    cid = sent.json()["conversation"]["id"]
    listed = (await birch.get(f"{API}/conversations/{cid}/messages")).json()["items"]
    assert [m["body"] for m in listed] == [CRISIS]
