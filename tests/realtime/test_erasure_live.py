"""Erasure live: the member's own sockets close, and their words leave other members' screens."""

import asyncio

import pytest
from websockets.exceptions import ConnectionClosed

from tests.conftest import PASSWORD
from tests.realtime.conftest import next_frame, stream

API = "/api/v1"


async def erase(member):
    response = await member.post(f"{API}/me/erase", json={"current_password": PASSWORD, "confirm": True})
    assert response.status_code == 204, response.text


async def test_the_erased_members_socket_closes(live, trio):
    ash = trio["ash"]
    async with stream(live, ash) as socket:
        await erase(ash)
        with pytest.raises(ConnectionClosed) as closed:
            while True:
                await asyncio.wait_for(socket.recv(), 5)
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 1008


async def test_their_post_leaves_another_members_screen(live, trio):
    ash, birch = trio["ash"], trio["birch"]
    post = await ash.write_post()
    async with stream(live, birch) as socket:
        await erase(ash)
        frame = await next_frame(socket, skip=("viewer.changed",))
    assert frame["type"] == "post.deleted" and frame["data"] == {"post_id": post["id"]}
