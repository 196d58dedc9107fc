"""The wall benchmark's baselines, each served by uvicorn like the service.

    python3 -m bench.wall_ceiling --port P --database URL raw     # the ceiling
    python3 -m bench.wall_ceiling --port P --page FILE bare       # a bare FastAPI endpoint

`raw` runs the wall page's query and the post's inserts through the database driver itself (aiosqlite or
asyncpg, pooled as the service pools them) and answers with orjson: no ORM, no models, no framework, no
session lookup (the viewer or author id comes in the query string). `bare` is FastAPI with one route
that answers the bytes in FILE, as cheaply as FastAPI can answer anything.
"""

import argparse
import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import orjson
import uvicorn

# The query app/wall/repository.py builds for a wall page, visibility rules included.
WALL_SQL = """
SELECT p.id, p.author_id, m.pseudonym, m.avatar, p.kind, p.body, p.content_warning, p.state,
       p.created_at, p.edited_at, p.heard_count, p.reply_count,
       EXISTS (SELECT 1 FROM post_hear h WHERE h.post_id = p.id AND h.member_id = $1) AS heard_by_me
FROM post p JOIN member m ON m.id = p.author_id
WHERE (p.state = 'published' OR (p.state = 'pending' AND p.author_id = $1))
  AND m.erased_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM member_relation r
                  WHERE r.member_id = p.author_id AND r.other_id = $1 AND r.kind = 'block')
  AND NOT EXISTS (SELECT 1 FROM member_relation r WHERE r.member_id = $1 AND r.other_id = p.author_id)
  AND NOT EXISTS (SELECT 1 FROM post_hide x WHERE x.member_id = $1 AND x.post_id = p.id)
  AND p.id < $2
ORDER BY p.id DESC LIMIT $3
"""
# The rows the service stores for a new post: the post and its event.
POST_SQL = """
INSERT INTO post (author_id, kind, body, content_warning, state, created_at, heard_count, reply_count)
VALUES ($1, $2, $3, NULL, 'published', $4, 0, 0) RETURNING id
"""
EVENT_SQL = """
INSERT INTO event (kind, audience, author_id, post_id, post_author_id, payload, created_at)
VALUES ('post.published', 'wall', $1, $2, $1, $3, $4)
"""
COLUMNS = (
    "id author_id pseudonym avatar kind body content_warning state created_at edited_at heard_count "
    "reply_count heard_by_me"
).split()


class SqliteDriver:
    """aiosqlite: four readers and one writer, as the service's engines."""

    def __init__(self, path: str):
        self._path = path
        self._readers: asyncio.Queue[Any] = asyncio.Queue()
        self._writer: Any = None
        self._writing = asyncio.Lock()

    async def open(self) -> None:
        import aiosqlite

        for _ in range(4):
            reader = await aiosqlite.connect(self._path)
            await reader.execute("PRAGMA query_only=ON")
            self._readers.put_nowait(reader)
        self._writer = await aiosqlite.connect(self._path, isolation_level=None)
        await self._writer.execute("PRAGMA busy_timeout=5000")

    async def page(self, viewer: int, before: int, limit: int) -> list[tuple]:
        reader = await self._readers.get()
        try:
            cursor = await reader.execute(WALL_SQL.replace("$", "?"), (viewer, before, limit))
            return list(await cursor.fetchall())
        finally:
            self._readers.put_nowait(reader)

    async def insert(self, author: int, kind: str, body: str) -> int:
        now = datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ")
        async with self._writing:
            await self._writer.execute("BEGIN IMMEDIATE")
            cursor = await self._writer.execute(POST_SQL.replace("$", "?"), (author, kind, body, now))
            post_id = (await cursor.fetchone())[0]
            payload = orjson.dumps({"post": {"id": post_id, "body": body}}).decode()
            await self._writer.execute(EVENT_SQL.replace("$", "?"), (author, post_id, payload, now))
            await self._writer.execute("COMMIT")
        return post_id


class PostgresDriver:
    """asyncpg, with the service's pool size."""

    def __init__(self, dsn: str):
        self._dsn = dsn
        self._pool: Any = None

    async def open(self) -> None:
        import asyncpg

        self._pool = await asyncpg.create_pool(self._dsn, min_size=10, max_size=20)

    async def page(self, viewer: int, before: int, limit: int) -> list[tuple]:
        return [tuple(row) for row in await self._pool.fetch(WALL_SQL, viewer, before, limit)]

    async def insert(self, author: int, kind: str, body: str) -> int:
        now = datetime.now(UTC)
        async with self._pool.acquire() as connection, connection.transaction():
            post_id = await connection.fetchval(POST_SQL, author, kind, body, now)
            payload = orjson.dumps({"post": {"id": post_id, "body": body}}).decode()
            await connection.execute(EVENT_SQL, author, post_id, payload, now)
        return post_id


def driver_for(url: str) -> SqliteDriver | PostgresDriver:
    if url.startswith("sqlite"):
        return SqliteDriver(url.split(":///", 1)[1])
    return PostgresDriver(url.replace("postgresql+asyncpg://", "postgresql://"))


def raw_app(database_url: str) -> Callable[..., Awaitable[None]]:
    driver = driver_for(database_url)

    async def answer(send: Any, status: int, body: bytes) -> None:
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    async def app(scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            while (await receive())["type"] != "lifespan.shutdown":
                await driver.open()
                await send({"type": "lifespan.startup.complete"})
            await send({"type": "lifespan.shutdown.complete"})
            return
        query = {k: v[0] for k, v in parse_qs(scope["query_string"].decode()).items()}
        if scope["path"] == "/wall":
            limit = int(query["limit"])
            rows = await driver.page(int(query["viewer"]), int(query["before"]), limit + 1)
            items = [dict(zip(COLUMNS, row, strict=True)) for row in rows[:limit]]
            cursor = items[-1]["id"] if len(rows) > limit else None
            await answer(send, 200, orjson.dumps({"items": items, "next_cursor": cursor}))
        elif scope["path"] == "/posts":
            body = b""
            while (message := await receive())["type"] == "http.request":
                body += message.get("body", b"")
                if not message.get("more_body"):
                    break
            post = orjson.loads(body)
            post_id = await driver.insert(int(query["author"]), post["kind"], post["body"])
            await answer(send, 201, orjson.dumps({"id": post_id, **post}))
        else:
            await answer(send, 404, b"{}")

    return app


def bare_app(page: Path) -> Any:
    from fastapi import FastAPI, Response

    content = page.read_bytes()
    app = FastAPI()

    @app.get("/bare")
    async def bare() -> Response:
        return Response(content, media_type="application/json")

    return app


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--database")
    parser.add_argument("--page", type=Path)
    parser.add_argument("which", choices=["raw", "bare"])
    arguments = parser.parse_args()
    application = raw_app(arguments.database) if arguments.which == "raw" else bare_app(arguments.page)
    uvicorn.run(application, host="127.0.0.1", port=arguments.port, log_level="warning", access_log=False)
