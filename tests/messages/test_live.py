"""A new message reaches both members' open sockets, and the team's answer the member's."""

from tests.conftest import join
from tests.messages.conftest import API
from tests.realtime.conftest import next_frame, stream

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
