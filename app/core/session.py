"""One database transaction per request: committed when the route returns, rolled back on error."""

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.db import Database
from app.realtime.events import forget_recorded, take_recorded

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_AFTER_COMMIT = "alongside.after_commit"


def after_commit(session: AsyncSession, callback: Callable[[], Awaitable[object]]) -> None:
    """Run `callback` once the request's transaction is stored; never if it rolls back."""
    session.info.setdefault(_AFTER_COMMIT, []).append(callback)


def database(request: Request) -> Database:
    return request.app.state.database


async def db_session(request: Request) -> AsyncIterator[AsyncSession]:
    db = database(request)
    # Reads take a pooled reader; writes queue for the writer (one at a time on SQLite).
    factory = db.read_session if request.method in SAFE_METHODS else db.write_session
    async with factory() as session:
        try:
            yield session
        except BaseException:
            await session.rollback()
            forget_recorded(session)
            session.info.pop(_AFTER_COMMIT, None)
            raise
        await session.commit()
        # Only now, with the change stored, are other members told of it.
        recorded = take_recorded(session)
        if recorded:
            await request.app.state.broadcaster.publish(recorded)
        for callback in session.info.pop(_AFTER_COMMIT, []):
            await callback()


# scope="function": the commit happens before the response is sent, so a 2xx means it is stored.
DbSession = Annotated[AsyncSession, Depends(db_session, scope="function")]
