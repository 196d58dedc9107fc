"""Statements through the database driver itself: typed rows, transactions that end, and a connection
never handed on in the middle of a transaction."""

import asyncio

import pytest
from sqlalchemy import bindparam, insert, select

from app.core.db import DriverQuery, pooled_driver, sqlite_writing, utcnow
from app.moderation.models import Setting

KEYS = ("key", "value", "updated_at")


def _inserting(dialect):
    values = {name: bindparam(name, type_=Setting.__table__.c[name].type) for name in KEYS}
    statement = insert(Setting).values(values).returning(Setting.key, Setting.updated_at)
    return DriverQuery(statement, dialect, **dict.fromkeys(KEYS))


async def _stored(app, key: str) -> str | None:
    async with app.state.database.read_session() as session:
        return await session.scalar(select(Setting.value).where(Setting.key == key))


async def test_an_insert_returns_typed_rows(app):
    writer = app.state.database.writer
    query = _inserting(writer.dialect)
    now = utcnow()
    async with pooled_driver(writer) as driver:  # one statement, stored by itself
        [[key, updated_at]] = await query.rows(driver, key="kept", value='"yes"', updated_at=now)
    assert key == "kept"
    assert updated_at == now and updated_at.tzinfo is not None  # typed as the column types it
    assert await _stored(app, "kept") == '"yes"'


def _sqlite_only(app) -> None:
    if app.state.database.writer.dialect.name != "sqlite":
        pytest.skip("driver transactions are SQLite's single writer's; PostgreSQL stores in one statement")


async def _after(app, key: str) -> tuple[bool, str | None]:
    """Whether the writer's connection is still in a transaction, and what was stored under `key`."""
    async with pooled_driver(app.state.database.writer) as driver:
        in_transaction = driver.in_transaction
    return in_transaction, await _stored(app, key)


async def _next_write(app) -> str | None:
    """The single writer's next write, through a session, read back (a writer still held fails it)."""
    async with app.state.database.transaction() as session:
        session.add(Setting(key="next", value='"yes"', updated_at=utcnow()))
    return await _stored(app, "next")


async def test_a_transaction_stores_only_what_it_commits(app):
    _sqlite_only(app)
    writer = app.state.database.writer
    query = _inserting(writer.dialect)
    reading = DriverQuery(
        select(Setting.value).where(Setting.key == bindparam("key")), writer.dialect, key=""
    )

    def inserting(key: str, *, then_raise: bool = False):
        def work(connection):
            rows = query.rows_on(connection, key=key, value='"yes"', updated_at=utcnow())
            if then_raise:
                raise RuntimeError("after the insert")
            return rows

        return work

    async with pooled_driver(writer) as driver, sqlite_writing(driver) as writing:
        assert await writing.begin(reading, key="kept") == []
        [[key, updated_at]] = await writing.commit(inserting("kept"))
    assert key == "kept" and updated_at.tzinfo is not None  # typed as the column types it
    # Each block below ends its transaction itself, before its connection goes back to the pool (which
    # would roll back one left open all the same).
    async with pooled_driver(writer) as driver:
        with pytest.raises(RuntimeError):  # the hop that commits raises before its COMMIT
            async with sqlite_writing(driver) as writing:
                await writing.begin(reading, key="raised in the hop")
                await writing.commit(inserting("raised in the hop", then_raise=True))
        assert not driver.in_transaction
    async with pooled_driver(writer) as driver:
        with pytest.raises(RuntimeError):  # the block raises between its hops
            async with sqlite_writing(driver) as writing:
                await writing.begin(reading, key="raised between")
                await query.rows(driver, key="raised between", value='"no"', updated_at=utcnow())
                raise RuntimeError("before committing")
        assert not driver.in_transaction
    async with pooled_driver(writer) as driver:
        async with sqlite_writing(driver) as writing:  # ends, not committed
            await writing.begin(reading, key="left")
            await query.rows(driver, key="left", value='"no"', updated_at=utcnow())
        assert not driver.in_transaction
    assert await _stored(app, "kept") == '"yes"'
    for key in ("raised in the hop", "raised between", "left"):
        assert await _after(app, key) == (False, None)


async def test_a_transaction_cancelled_anywhere_is_rolled_back(app):
    """Cancelled as its connection is taken, while a hop runs or between hops: aiosqlite runs a hop to its
    end even when its caller stops waiting, so a BEGIN may still run, and the ROLLBACK after it."""
    _sqlite_only(app)
    writer = app.state.database.writer
    query = _inserting(writer.dialect)
    reading = DriverQuery(
        select(Setting.value).where(Setting.key == bindparam("key")), writer.dialect, key=""
    )

    async def begin_then_wait() -> None:
        async with pooled_driver(writer) as driver, sqlite_writing(driver) as writing:
            await writing.begin(reading, key="cancelled")
            await query.rows(driver, key="cancelled", value='"no"', updated_at=utcnow())
            await asyncio.sleep(60)

    for turns in range(8):  # cancelled after 0, 1, ... turns of the event loop
        task = asyncio.create_task(begin_then_wait())
        for _ in range(turns):
            await asyncio.sleep(0)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert await _after(app, "cancelled") == (False, None)
    assert await _next_write(app) == '"yes"'


async def test_sqlite_rolls_back_a_transaction_left_open_as_its_connection_returns(app):
    _sqlite_only(app)
    writer = app.state.database.writer
    query = _inserting(writer.dialect)
    async with pooled_driver(writer) as driver:
        await driver.execute_fetchall("BEGIN IMMEDIATE")
        await query.rows(driver, key="abandoned", value='"no"', updated_at=utcnow())
    assert await _after(app, "abandoned") == (False, None)
    assert await _next_write(app) == '"yes"'


async def test_connections_the_server_ended_are_replaced_before_use(app, members):
    """PostgreSQL: after the server ends every pooled connection (a restart, say), the next requests
    get new connections, through the routes and in front of them alike."""
    database = app.state.database
    if database.writer.dialect.name != "postgresql":
        pytest.skip("SQLite has no server to end connections")
    ash, birch = members["ash"], members["birch"]
    await ash.write_post("before")
    async with pooled_driver(database.writer) as driver:  # every connection but this one ends
        ended = await driver.fetchval(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
    assert ended >= 1
    await asyncio.sleep(0.2)  # the ended sockets reach the event loop
    assert (await birch.get("/api/v1/me")).status_code == 200
    await ash.write_post("after")
    newest = (await birch.get("/api/v1/posts")).json()["items"][0]
    assert newest["body"] == "after"
