"""A real server process sent SIGTERM while a member holds a live socket."""

import asyncio
import signal
import time

import httpx
import pytest
from websockets.exceptions import ConnectionClosed

from tests.conftest import empty_tables, join
from tests.realtime.conftest import stream
from tests.realtime.test_workers import Worker


async def test_sigterm_closes_live_sockets_with_going_away_and_the_server_exits_promptly(test_database):
    server = Worker(test_database.url, None, poll_seconds=60, namespace="shutdown")
    try:
        await server.wait_ready()
        async with httpx.AsyncClient(base_url=server.base_url) as client:
            ash = await join(client, "ash")
            async with stream(server, ash) as socket:  # type: ignore[arg-type]
                started = time.monotonic()
                server.process.send_signal(signal.SIGTERM)
                with pytest.raises(ConnectionClosed) as closed:
                    await asyncio.wait_for(socket.recv(), 3)
                closed_after = time.monotonic() - started
        exit_code = await asyncio.to_thread(server.process.wait, 10)
        exited_after = time.monotonic() - started
        log = server.process.stdout.read().decode()  # type: ignore[union-attr]
    finally:
        server.stop()
        await empty_tables(test_database.url)
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 1001
    assert closed_after < 1.0
    # uvicorn re-raises the signal once its graceful shutdown is done, so the status says SIGTERM.
    assert exit_code in (0, -signal.SIGTERM)
    assert "Application shutdown complete" in log
    # Neither the join, the handshake nor any other request leaves a line naming its address or path.
    assert "/api/v1/" not in log
    assert exited_after < 3.0
