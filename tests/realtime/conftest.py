"""A real server on a free port, real WebSocket clients, and helpers to read frames."""

import asyncio
import json
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
import uvicorn
from websockets.asyncio.client import ClientConnection, connect

from app.cli import server_options
from app.main import create_app
from tests.conftest import Member, empty_tables, join, make_settings


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    def __init__(self, app: Any, port: int, *, send_buffer: int | None = None):
        self.app = app
        self.send_buffer = send_buffer
        self.port = port
        self.base_url = f"http://127.0.0.1:{port}"
        self.ws_url = f"ws://127.0.0.1:{port}/api/v1/stream"
        config = uvicorn.Config(
            app,
            host="127.0.0.1",
            port=port,
            log_level="warning",
            lifespan="on",
            **server_options(app.state.settings),
        )
        self.server = uvicorn.Server(config)
        self.task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if self.send_buffer:
            # Accepted sockets inherit it: a small kernel buffer makes a stalled reader felt at once.
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, self.send_buffer)
        listener.bind(("127.0.0.1", self.port))
        self.task = asyncio.create_task(self.server.serve(sockets=[listener]))
        while not self.server.started:
            if self.task.done():
                self.task.result()
            await asyncio.sleep(0.01)

    async def stop(self) -> None:
        self.server.should_exit = True
        if self.task is not None:
            await self.task


@pytest.fixture
def send_buffer() -> int | None:
    """Override in a module to shrink the server's socket send buffers."""
    return None


@pytest.fixture
async def live(test_database, settings_overrides, send_buffer) -> AsyncIterator[LiveServer]:
    settings = make_settings(test_database.url, **({"stream_poll_seconds": 0.5} | settings_overrides))
    server = LiveServer(create_app(settings), free_port(), send_buffer=send_buffer)
    await server.start()
    yield server
    await server.stop()
    await empty_tables(test_database.url)


@pytest.fixture
async def http(live: LiveServer) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=live.base_url) as client:
        yield client


@pytest.fixture
async def trio(http: httpx.AsyncClient) -> dict[str, Member]:
    return {name: await join(http, name) for name in ("ash", "birch", "cedar")}


@asynccontextmanager
async def stream(
    live: LiveServer, member: Member | None, *, last_event_id: int | None = None, **kwargs: Any
) -> AsyncIterator[ClientConnection]:
    url = live.ws_url + (f"?last_event_id={last_event_id}" if last_event_id is not None else "")
    headers = member.headers if member else {}
    async with connect(url, additional_headers=headers, compression=None, **kwargs) as websocket:
        yield websocket


async def next_frame(websocket: ClientConnection, *, wait: float = 5.0, skip: tuple[str, ...] = ()) -> dict:
    """The next frame, skipping the kinds in `skip`."""
    while True:
        frame = json.loads(await asyncio.wait_for(websocket.recv(), wait))
        if frame.get("type") not in skip:
            return frame


async def frames_until_quiet(websocket: ClientConnection, *, quiet: float = 0.6) -> list[dict]:
    """Every frame that arrives before the socket is silent for `quiet` seconds."""
    frames = []
    while True:
        try:
            frames.append(json.loads(await asyncio.wait_for(websocket.recv(), quiet)))
        except TimeoutError:
            return frames
