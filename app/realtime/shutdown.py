"""On SIGTERM, live sockets are told to go elsewhere (1001) before the server closes them.

uvicorn closes open WebSockets with 1012 ("service restart") as soon as it starts shutting down, before the
app's own shutdown runs; 1001 ("going away") is what tells a member's page to resume on another worker at
once. The server's signal handler is wrapped rather than replaced, so its graceful shutdown still follows.
"""

import asyncio
import contextlib
import signal
import threading
from collections.abc import Callable
from types import FrameType

from app.realtime.hub import Hub


def close_sockets_on_terminate(hub: Hub) -> Callable[[], None]:
    """Wraps the running server's SIGTERM handler; returns what puts it back."""
    previous = signal.getsignal(signal.SIGTERM)
    if threading.current_thread() is not threading.main_thread() or not callable(previous):
        return lambda: None  # no server handler to chain to (an in-process test client, say)
    loop = asyncio.get_running_loop()

    def on_terminate(signum: int, frame: FrameType | None) -> None:
        with contextlib.suppress(RuntimeError):  # the loop has already closed
            loop.call_soon_threadsafe(hub.go_away)
        previous(signum, frame)

    signal.signal(signal.SIGTERM, on_terminate)

    def restore() -> None:
        if signal.getsignal(signal.SIGTERM) is on_terminate:
            signal.signal(signal.SIGTERM, previous)

    return restore
