"""Opening sockets: the sessions and viewers behind many handshakes looked up in one read.

When many clients connect at once (a worker restarts, a network blip ends) each handshake would
otherwise cost its own transaction and four queries. Handshakes that arrive while a lookup is under
way wait for the next one, so the number of reads follows the load, not the number of sockets.
"""

import asyncio
import logging

from app.accounts.service import live_sessions_by_token
from app.core.config import Settings
from app.core.db import Database, utcnow
from app.core.security import hash_token
from app.realtime.viewer import load_viewers
from app.wall.visibility import StreamViewer

log = logging.getLogger("alongside.handshake")
Opened = tuple[int, StreamViewer] | None
_MOST_AT_ONCE = 500  # token hashes per query, well inside every database's limit on bound values


class Handshakes:
    def __init__(self, database: Database, settings: Settings):
        self._database = database
        self._settings = settings
        self._waiting: dict[str, list[asyncio.Future[Opened]]] = {}
        self._looking: asyncio.Task[None] | None = None

    async def open(self, token: str) -> Opened:
        """The session id and viewer behind a token, or None when it opens no live session."""
        future: asyncio.Future[Opened] = asyncio.get_running_loop().create_future()
        self._waiting.setdefault(hash_token(token), []).append(future)
        if self._looking is None:
            self._looking = asyncio.create_task(self._look_up_while_waiting())
        return await future

    async def _look_up_while_waiting(self) -> None:
        try:
            await asyncio.sleep(0)  # handshakes that arrived together go in one read
            while self._waiting:
                batch = dict(list(self._waiting.items())[:_MOST_AT_ONCE])
                for key in batch:
                    del self._waiting[key]
                try:
                    found = await self._look_up(list(batch))
                except Exception as error:
                    log.warning("could not look up sessions: %s", type(error).__name__)
                    _settle(batch, {}, error)
                else:
                    _settle(batch, found, None)
        finally:
            self._looking = None

    async def _look_up(self, token_hashes: list[str]) -> dict[str, Opened]:
        async with self._database.read_session() as session:
            sessions = await live_sessions_by_token(
                session, token_hashes, settings=self._settings, now=utcnow()
            )
            viewers = await load_viewers(session, {row.member_id for row in sessions.values()})
        return {
            key: (row.id, viewers[row.member_id]) for key, row in sessions.items() if row.member_id in viewers
        }


def _settle(
    batch: dict[str, list[asyncio.Future[Opened]]], found: dict[str, Opened], error: Exception | None
) -> None:
    for key, futures in batch.items():
        for future in futures:
            if future.done():  # the client gave up waiting
                continue
            if error is not None:
                future.set_exception(error)
            else:
                future.set_result(found.get(key))
