"""This worker's live sockets: one reader of new events, filtered per member in memory, bounded backlogs."""

import asyncio
import contextlib
import json
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.core.db import Database
from app.realtime import events
from app.realtime.connection import Connection, Send
from app.realtime.events import StreamEvent, member_of
from app.realtime.viewer import load_viewer
from app.wall.visibility import StreamViewer, event_view

log = logging.getLogger("alongside.hub")
_BEHIND = "too far behind; resume from your last event id"

SLOW_CONSUMER = 1013  # "try again later": the client resumes from its last event id
SESSION_ENDED = 1008
GOING_AWAY = 1001
SHUTTING_DOWN = "server shutting down; resume from your last event id"
# How long an event that arrived ahead of one it follows waits for it before the database is read.
GAP_GRACE_SECONDS = 0.02


class Hub:
    def __init__(self, database: Database, *, queue_size: int, poll_seconds: float, retention_hours: int):
        self._database = database
        self._queue_size = queue_size
        self._poll_seconds = poll_seconds
        self._retention_hours = retention_hours
        self._connections: set[Connection] = set()
        self._wake = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []
        self._background: set[asyncio.Task[None]] = set()
        self._observers: list[Callable[[StreamEvent], None]] = []
        self._housekeeping: list[Callable[[AsyncSession], Awaitable[object]]] = []
        self.last_id = 0
        self._early: dict[int, StreamEvent] = {}  # from the broadcaster, ahead of an event not yet come
        self._gap_timer: asyncio.TimerHandle | None = None

    def observe(self, observer: Callable[[StreamEvent], None]) -> None:
        """`observer` sees every event as soon as this worker learns of it, before any gap is filled: so
        possibly out of order, and possibly twice. For caches, which only need to know what changed."""
        self._observers.append(observer)

    def housekeep(self, job: Callable[[AsyncSession], Awaitable[object]]) -> None:
        """`job` runs with event pruning, in a transaction of its own: cleanups every worker may repeat."""
        self._housekeeping.append(job)

    async def start(self) -> None:
        async with self._database.read_session() as session:
            _, self.last_id = await events.id_range(session)
        self._tasks = [
            asyncio.create_task(self._pump(), name="stream-hub"),
            asyncio.create_task(self._prune_forever(), name="event-pruning"),
        ]

    async def stop(self) -> None:
        if self._gap_timer is not None:
            self._gap_timer.cancel()
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await asyncio.gather(*(self._close(c, GOING_AWAY, SHUTTING_DOWN) for c in list(self._connections)))

    async def go_away(self) -> None:
        """The server is stopping: every socket is closed with 1001, so its client resumes elsewhere."""
        closing = [c for c in list(self._connections) if not c.closing]
        await asyncio.gather(*(self._close(c, GOING_AWAY, SHUTTING_DOWN) for c in closing))

    def receive(self, batch: list[StreamEvent]) -> None:
        """From the broadcaster. Events that follow on from the last one go out at once. One that comes
        before an event it follows (two posts committed one after the other, their messages crossing)
        waits for it a moment; if it has not come by then (its message is late, or was lost), the pump
        reads what is missing from the database."""
        self._tell_observers(batch)
        for event in batch:
            if event.id > self.last_id:
                self._early[event.id] = event
        self._dispatch_early()
        if self._early and self._gap_timer is None:
            if len(self._early) >= self._queue_size:
                self._wake.set()
            else:
                self._gap_timer = asyncio.get_running_loop().call_later(GAP_GRACE_SECONDS, self._gap_unfilled)

    def _dispatch_early(self) -> None:
        """Sends what waited and now follows on; forgets what the pump delivered meanwhile."""
        early = self._early
        while early:
            event = early.pop(self.last_id + 1, None)
            if event is None:
                if min(early) <= self.last_id:
                    for delivered in [i for i in early if i <= self.last_id]:
                        del early[delivered]
                    continue
                return
            self.dispatch(event)
            self.last_id = event.id
        if self._gap_timer is not None:
            self._gap_timer.cancel()
            self._gap_timer = None

    def _gap_unfilled(self) -> None:
        self._gap_timer = None
        if self._early:
            self._wake.set()

    def connect(
        self,
        viewer: StreamViewer,
        session_id: int,
        *,
        send: Send,
        close: Callable[[int, str], Awaitable[None]],
    ) -> Connection:
        """Registers a socket; live events wait in its backlog until its replay is done and it drains."""
        connection = Connection(viewer, session_id, send=send, close=close, backlog_limit=self._queue_size)
        self._connections.add(connection)
        return connection

    def disconnect(self, connection: Connection) -> None:
        connection.cancel()
        self._connections.discard(connection)

    @property
    def connection_count(self) -> int:
        return len(self._connections)

    async def _pump(self) -> None:
        while True:
            # asyncio.timeout, not wait_for: on Python 3.11 wait_for loses a cancellation that arrives as
            # the wait ends (the wake set at that moment), and stop() would wait for the pump forever.
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self._poll_seconds):
                    await self._wake.wait()
            self._wake.clear()
            try:
                await self._read_new()
            except Exception as error:  # the database may be briefly unreachable; try again next round
                log.warning("could not read new events: %s", type(error).__name__)

    async def _prune_forever(self) -> None:
        """Every worker prunes now and then; deleting what another already deleted costs nothing."""
        while True:
            try:
                async with self._database.transaction() as session:
                    await events.prune(session, retention_hours=self._retention_hours)
            except Exception as error:
                log.warning("could not prune old events: %s", type(error).__name__)
            for job in self._housekeeping:
                try:
                    async with self._database.transaction() as session:
                        await job(session)
                except Exception as error:
                    log.warning("housekeeping failed: %s", type(error).__name__)
            await asyncio.sleep(600)

    async def _read_new(self) -> None:
        while True:
            async with self._database.read_session() as session:
                batch = await events.events_after(session, self.last_id)
            fresh = [event for event in batch if event.id > self.last_id]  # some may have come meanwhile
            if not fresh:
                return
            self._tell_observers(fresh)
            for event in fresh:
                self.dispatch(event)
            self.last_id = fresh[-1].id
            self._dispatch_early()

    def _tell_observers(self, batch: list[StreamEvent]) -> None:
        for observer in self._observers:
            for event in batch:
                observer(event)

    def dispatch(self, event: StreamEvent) -> None:
        for connection in list(self._connections):
            if connection.closing:
                continue
            if event.kind == "session.ended" and connection.viewer.member_id == member_of(event.audience):
                if _session_ended(event, connection.session_id):
                    self._schedule_close(connection, SESSION_ENDED, "session ended")
                    continue
            self._deliver(connection, event)

    def _deliver(self, connection: Connection, event: StreamEvent) -> None:
        waiting = connection.awaiting_viewer
        if waiting is not None:
            if len(waiting) >= self._queue_size:
                self._schedule_close(connection, SLOW_CONSUMER, _BEHIND)
            else:
                waiting.append(event)
            return
        view = event_view(event, connection.viewer)
        if view is not None and not connection.offer(view):
            self._schedule_close(connection, SLOW_CONSUMER, _BEHIND)
            return
        if connection.closing:
            self._connections.discard(connection)  # it had gone; its endpoint is finishing
            return
        if event.kind == "viewer.changed" and connection.viewer.member_id == member_of(event.audience):
            # What follows is seen as the member now chose (a mute, a filter word): it waits for the read.
            connection.awaiting_viewer = []
            self._spawn(self._refresh(connection))

    async def _refresh(self, connection: Connection) -> None:
        fresh = connection.viewer
        try:
            async with self._database.read_session() as session:
                fresh = await load_viewer(session, connection.viewer.member_id)
        except Exception as error:  # the database may be briefly unreachable: keep the viewer it had
            log.warning("could not read a viewer again: %s", type(error).__name__)
        waiting, connection.awaiting_viewer = connection.awaiting_viewer or [], None
        if fresh is None:
            self._schedule_close(connection, SESSION_ENDED, "account closed")
            return
        connection.viewer = fresh
        for event in waiting:
            if connection.closing:
                return
            self._deliver(connection, event)

    def _schedule_close(self, connection: Connection, code: int, reason: str) -> None:
        connection.closing = True
        self._spawn(self._close(connection, code, reason))

    def _spawn(self, coroutine: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(coroutine)
        self._background.add(task)  # held until done, so it is not collected half-way
        task.add_done_callback(self._background.discard)

    async def _close(self, connection: Connection, code: int, reason: str) -> None:
        connection.closing = True
        self._connections.discard(connection)
        with contextlib.suppress(Exception):
            await connection.close(code, reason)


def _session_ended(event: StreamEvent, session_id: int) -> bool:
    data = json.loads(event.frame)["data"]
    if data.get("all_sessions"):
        return session_id != data.get("except_session_id")
    return session_id in data.get("session_ids", [])
