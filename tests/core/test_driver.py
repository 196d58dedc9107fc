"""Statements through the database driver itself: typed rows, transactions that end, and a connection
never handed on in the middle of a transaction."""

import asyncio

import pytest
from sqlalchemy import bindparam, insert, select

from app.core.db import DriverQuery, driver_transaction, pooled_driver, utcnow
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


async def test_a_transaction_commits_at_its_end_and_stores_nothing_if_it_raises(app):
    _sqlite_only(app)
    writer = app.state.database.writer
    query = _inserting(writer.dialect)
    async with pooled_driver(writer) as driver, driver_transaction(driver, writer.dialect):
        await query.rows(driver, key="kept", value='"yes"', updated_at=utcnow())
    with pytest.raises(RuntimeError):
        async with pooled_driver(writer) as driver, driver_transaction(driver, writer.dialect):
            await query.rows(driver, key="dropped", value='"no"', updated_at=utcnow())
            raise RuntimeError("after the insert")
    assert await _stored(app, "kept") == '"yes"'
    assert await _stored(app, "dropped") is None


async def test_sqlite_rolls_back_a_transaction_left_open_as_its_connection_returns(app):
    _sqlite_only(app)
    writer = app.state.database.writer
    query = _inserting(writer.dialect)
    async with pooled_driver(writer) as driver:
        await driver.execute_fetchall("BEGIN IMMEDIATE")
        await query.rows(driver, key="abandoned", value='"no"', updated_at=utcnow())
    async with pooled_driver(writer) as driver:
        assert not driver.in_transaction
    assert await _stored(app, "abandoned") is None
    async with app.state.database.transaction() as session:  # the writer is free for the next write
        session.add(Setting(key="next", value='"yes"', updated_at=utcnow()))
    assert await _stored(app, "next") == '"yes"'


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
