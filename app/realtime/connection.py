"""One live socket on this worker: frames go out in id order, and most go out without a task switch.

A send to a socket whose buffers have room completes at once, so the hub starts each send in place and
only a send that has to wait (the client is slow) continues in a task of its own; meanwhile later
frames wait in a bounded backlog. Waking a task per socket per event would cost more than the send.
"""

import asyncio
import contextlib
from collections import deque
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from app.realtime.events import StreamEvent
from app.wall.visibility import StreamViewer

Send = Callable[[str], Coroutine[Any, Any, None]]


class Connection:
    def __init__(
        self,
        viewer: StreamViewer,
        session_id: int,
        *,
        send: Send,
        close: Callable[[int, str], Awaitable[None]],
        backlog_limit: int,
    ):
        self.viewer = viewer
        self.session_id = session_id
        self.close = close
        self.closing = False
        self.sent_up_to = 0
        self._send = send
        self._limit = backlog_limit
        self._backlog: deque[StreamEvent] = deque()
        # Busy while anything else is sending (the replay at connect, or a send that had to wait).
        self._busy = True
        # While the member's viewer is read again (after viewer.changed), later events wait here, to be
        # filtered with the fresh one; None when no read is under way.
        self.awaiting_viewer: list[StreamEvent] | None = None
        self._finishing: asyncio.Task[None] | None = None

    @property
    def backlog_size(self) -> int:
        return len(self._backlog)

    def offer(self, event: StreamEvent) -> bool:
        """Send or queue one frame; False when the backlog is full and the socket must be let go."""
        if self._busy or self._backlog:
            if len(self._backlog) >= self._limit:
                return False
            self._backlog.append(event)
            return True
        coroutine = self._send(event.frame)
        try:
            waiting_on = coroutine.send(None)
        except StopIteration:
            self.sent_up_to = event.id
            return True
        except Exception:  # the socket is already gone
            self.closing = True
            return True
        self._busy = True
        self._finishing = asyncio.create_task(self._finish(coroutine, waiting_on, event.id))
        return True

    async def send_now(self, frame: str) -> None:
        """For the replay at connect, while live frames wait in the backlog."""
        await self._send(frame)

    async def drain(self) -> None:
        """Send what waited, in order and skipping what was sent already; then send in place again."""
        self._busy = True
        while self._backlog:
            event = self._backlog.popleft()
            if event.id > self.sent_up_to:
                await self._send(event.frame)
                self.sent_up_to = event.id
        self._busy = False

    async def _finish(self, coroutine: Coroutine[Any, Any, None], waiting_on: Any, event_id: int) -> None:
        try:
            await _run_to_end(coroutine, waiting_on)
            self.sent_up_to = event_id
            await self.drain()
        except Exception:
            self.closing = True

    def cancel(self) -> None:
        if self._finishing is not None:
            self._finishing.cancel()


async def _run_to_end(coroutine: Coroutine[Any, Any, None], waiting_on: Any) -> None:
    """Carry on a coroutine that was started by hand and is waiting on `waiting_on` (a future, or None)."""
    try:
        while True:
            if waiting_on is None:  # a bare yield: it only let the loop run
                await asyncio.sleep(0)
            else:
                # What a Task does with a future its coroutine yields: take over the wait.
                waiting_on._asyncio_future_blocking = False
                await waiting_on
            try:
                waiting_on = coroutine.send(None)
            except StopIteration:
                return
    finally:
        with contextlib.suppress(RuntimeError):
            coroutine.close()
