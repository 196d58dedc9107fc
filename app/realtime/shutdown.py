"""On SIGTERM, live sockets are told to go elsewhere (1001) before the server closes them.

uvicorn closes open WebSockets with 1012 ("service restart") as soon as it starts shutting down, before the
app's own shutdown runs; 1001 ("going away") is what tells a member's page to resume on another worker at
once. The server's signal handler is wrapped rather than replaced: it runs once the 1001 closes have gone
out (or after a second at most), so the server's graceful shutdown still follows.
"""

import asyncio
import contextlib
import signal
import threading
from collections.abc import Callable
from types import FrameType

from app.realtime.hub import Hub

_MOST_WAIT_SECONDS = 1.0


def close_sockets_on_terminate(hub: Hub) -> Callable[[], None]:
    """Wraps the running server's SIGTERM handler; returns what puts it back."""
    previous = signal.getsignal(signal.SIGTERM)
    if threading.current_thread() is not threading.main_thread() or not callable(previous):
        return lambda: None  # no server handler to chain to (an in-process test client, say)
    server_handler: Callable[[int, FrameType | None], object] = previous
    loop = asyncio.get_running_loop()
    leaving: set[asyncio.Task[None]] = set()

    async def leave(signum: int, frame: FrameType | None) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(hub.go_away(), _MOST_WAIT_SECONDS)
        server_handler(signum, frame)

    def start_leaving(signum: int, frame: FrameType | None) -> None:
        task = loop.create_task(leave(signum, frame))
        leaving.add(task)  # held until done, so it is not collected half-way
        task.add_done_callback(leaving.discard)

    def on_terminate(signum: int, frame: FrameType | None) -> None:
        try:
            loop.call_soon_threadsafe(start_leaving, signum, frame)
        except RuntimeError:  # the loop has already closed: nothing is left to close politely
            server_handler(signum, frame)

    signal.signal(signal.SIGTERM, on_terminate)

    def restore() -> None:
        if signal.getsignal(signal.SIGTERM) is on_terminate:
            signal.signal(signal.SIGTERM, previous)

    return restore
