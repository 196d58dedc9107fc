"""Test fixtures: one migrated database per run (SQLite, or PostgreSQL when asked), emptied after each test.

ALONGSIDE_TEST_DATABASE selects the database: unset or "sqlite" for a SQLite file, or a PostgreSQL server
URL such as postgresql://postgres@127.0.0.1:5432, where the run makes its own database and drops it.
"""

import os
import secrets
import tempfile
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from sqlalchemy import delete, insert, select, text
from sqlalchemy.ext.asyncio import create_async_engine

from app.core.config import Settings
from app.core.db import utcnow
from app.core.migrations import upgrade
from app.main import create_app
from app.models import Base
from app.moderation.settings import Thresholds

Snapshot = dict[str, list[dict[str, Any]]]  # every row of every table, by table name

# Each database as the migrations left it, with the tests' thresholds. empty_tables puts it back, so tests
# that change the house rules or the screening checks leave version 1 and the starter checks behind them.
_SEEDS: dict[str, Snapshot] = {}
PASSWORD = "a long and quiet evening"
TEST_THRESHOLDS = Thresholds(new_member_held_posts=0)


def _server_url() -> str | None:
    value = os.environ.get("ALONGSIDE_TEST_DATABASE", "sqlite")
    return None if value == "sqlite" else value.replace("postgresql+asyncpg://", "postgresql://")


@dataclass
class TestDatabase:
    url: str
    dialect: str


async def _create_pg_database(server: str) -> tuple[str, str]:
    name = f"alongside_test_{secrets.token_hex(4)}"
    connection = await asyncpg.connect(server.rstrip("/") + "/postgres")
    try:
        await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()
    return name, server.replace("postgresql://", "postgresql+asyncpg://").rstrip("/") + f"/{name}"


async def drop_pg_database(server: str, name: str) -> None:
    connection = await asyncpg.connect(server.rstrip("/") + "/postgres")
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await connection.close()


async def fresh_database_url(tmp: Path) -> tuple[str, Any]:
    """A new empty database and a coroutine function that removes it."""
    server = _server_url()
    if server is None:
        path = tmp / f"alongside-{secrets.token_hex(4)}.db"

        async def remove() -> None:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)

        return f"sqlite+aiosqlite:///{path}", remove
    name, url = await _create_pg_database(server)
    return url, lambda: drop_pg_database(server, name)


async def migrated_database_url(tmp: Path) -> tuple[str, Any]:
    """A new database at the latest schema, made by the migrations, and a function that removes it."""
    url, remove = await fresh_database_url(tmp)
    engine = create_async_engine(url)
    await upgrade(engine)
    async with engine.begin() as connection:
        await _store_test_thresholds(connection)
    await engine.dispose()
    _SEEDS[url] = await snapshot_tables(url)
    return url, remove


@pytest.fixture(scope="session")
def tmp_root() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="alongside-tests-") as tmp:
        yield Path(tmp)


@pytest.fixture(scope="session")
async def test_database(tmp_root: Path) -> AsyncIterator[TestDatabase]:
    url, remove = await migrated_database_url(tmp_root)
    yield TestDatabase(url=url, dialect="sqlite" if url.startswith("sqlite") else "postgresql")
    await remove()


def make_settings(database_url: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "environment": "test",
        "secret_key": "test-secret-" + "x" * 40,
        "database_url": database_url,
        "cookie_secure": False,
        "argon2_time_cost": 1,
        "argon2_memory_kib": 1024,
        # Generous limits, so tests can act freely; tests/core/test_rate_limits.py checks the real defaults.
        "rate_join_per_address": "1000/day",
        "rate_sign_in_per_member": "1000/minute",
        "rate_sign_in_per_address": "1000/minute",
        "rate_recover_per_address": "1000/hour",
        "rate_post": "1000/minute",
        "rate_reply": "1000/minute",
        "rate_hear": "1000/minute",
        "rate_message": "1000/minute",
        "rate_report": "1000/minute",
        # Members in tests are established; tests/messages/test_limits.py checks a new member's first day.
        "new_member_message_hours": 0,
    }
    values.update(overrides)
    return Settings(**values)


async def empty_tables(url: str) -> None:
    """The database back as the migrations left it."""
    await restore_tables(url, _SEEDS[url])


async def snapshot_tables(url: str) -> Snapshot:
    """Every row of every table, for restore_tables to put back."""
    engine = create_async_engine(url)
    async with engine.connect() as connection:
        snapshot = {
            table.name: [dict(row) for row in (await connection.execute(select(table))).mappings()]
            for table in Base.metadata.sorted_tables
        }
    await engine.dispose()
    return snapshot


async def restore_tables(url: str, snapshot: Snapshot) -> None:
    """Every table back to the rows of a snapshot, ids and all; on PostgreSQL, the id sequences go on from
    the highest id restored, as they would have after the rows were first written."""
    engine = create_async_engine(url)
    async with engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            await connection.execute(delete(table))
        for table in Base.metadata.sorted_tables:
            if snapshot[table.name]:
                await connection.execute(insert(table), snapshot[table.name])
        if connection.dialect.name == "postgresql":
            for table in Base.metadata.sorted_tables:
                if "id" in table.c:
                    await connection.execute(
                        text(
                            "SELECT setval(pg_get_serial_sequence(:table, 'id'),"
                            f' coalesce((SELECT max(id) FROM "{table.name}"), 0) + 1, false)'
                        ),
                        {"table": table.name},
                    )
    await engine.dispose()


async def _store_test_thresholds(connection: Any) -> None:
    """Members in tests are established: their first words go straight to the wall, unless a test saves
    thresholds of its own (tests/moderation/test_intake.py holds a new member's first words)."""
    await connection.execute(
        text("INSERT INTO setting (key, value, updated_at) VALUES ('thresholds', :value, :now)"),
        {
            "value": TEST_THRESHOLDS.model_dump_json(),
            # SQLite keeps UTC timestamps naive (app.core.db.UTCDateTime).
            "now": utcnow().replace(tzinfo=None) if connection.dialect.name == "sqlite" else utcnow(),
        },
    )


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    """Override in a test module to change settings for its app."""
    return {}


@pytest.fixture
async def app(test_database: TestDatabase, settings_overrides: dict[str, Any]) -> AsyncIterator[Any]:
    application = create_app(make_settings(test_database.url, **settings_overrides))
    async with application.router.lifespan_context(application):
        yield application
    await empty_tables(test_database.url)


@pytest.fixture
async def client(app: Any) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as c:
        yield c


@dataclass
class Member:
    """A signed-in member as a Bearer API client."""

    pseudonym: str
    token: str
    recovery_code: str
    client: httpx.AsyncClient
    password: str = PASSWORD
    headers: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.headers = {"Authorization": f"Bearer {self.token}"}

    async def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return await self.client.get(url, headers=self.headers | kwargs.pop("headers", {}), **kwargs)

    async def post(self, url: str, **kwargs: Any) -> httpx.Response:
        return await self.client.post(url, headers=self.headers | kwargs.pop("headers", {}), **kwargs)

    async def put(self, url: str, **kwargs: Any) -> httpx.Response:
        return await self.client.put(url, headers=self.headers | kwargs.pop("headers", {}), **kwargs)

    async def patch(self, url: str, **kwargs: Any) -> httpx.Response:
        return await self.client.patch(url, headers=self.headers | kwargs.pop("headers", {}), **kwargs)

    async def delete(self, url: str, **kwargs: Any) -> httpx.Response:
        return await self.client.delete(url, headers=self.headers | kwargs.pop("headers", {}), **kwargs)

    async def write_post(
        self, body: str = "Rough night, can't sleep.", kind: str = "looking_for_support", **extra: Any
    ) -> dict:
        response = await self.post("/api/v1/posts", json={"kind": kind, "body": body, **extra})
        assert response.status_code == 201, response.text
        return response.json()


async def join(client: httpx.AsyncClient, pseudonym: str, password: str = PASSWORD) -> Member:
    version = (await client.get("/api/v1/rules")).json()["version"]
    response = await client.post(
        "/api/v1/auth/join",
        json={
            "pseudonym": pseudonym,
            "password": password,
            "agreed_rules_version": version,
            "transport": "bearer",
        },
    )
    assert response.status_code == 201, response.text
    body = response.json()
    return Member(
        pseudonym=pseudonym,
        token=body["token"],
        recovery_code=body["recovery_code"],
        client=client,
        password=password,
    )


@pytest.fixture
async def members(client: httpx.AsyncClient) -> dict[str, Member]:
    """Three signed-in members: ash, birch and cedar."""
    return {name: await join(client, name) for name in ("ash", "birch", "cedar")}
