"""Engines, the declarative Base and the column types every domain shares."""

import asyncio
import contextlib
import logging
import sqlite3
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import BigInteger, DateTime, Enum, Integer, MetaData, Select, event
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.sql.dml import ReturningInsert
from sqlalchemy.types import TypeDecorator
from sqlalchemy.util import greenlet_spawn

from app.core.config import Settings

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# SQLite only auto-increments an INTEGER PRIMARY KEY; PostgreSQL gets a 64-bit key.
BigId = BigInteger().with_variant(Integer(), "sqlite")

T = TypeVar("T")


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC timestamps on every database (SQLite stores them naive)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def str_enum(enum: type[StrEnum], name: str, length: int = 16) -> Enum:
    """A portable enum column: a checked VARCHAR on every database, so a new value needs no type change."""
    return Enum(enum, native_enum=False, length=length, create_constraint=True, name=name)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _configure_sqlite(engine: AsyncEngine, *, begin: str, read_only: bool) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event issue BEGIN itself, so writers can BEGIN IMMEDIATE.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        for pragma in (
            "journal_mode=WAL",
            "foreign_keys=ON",
            "busy_timeout=10000",
            "synchronous=NORMAL",
            "secure_delete=ON",
            # Readers refuse writes outright, so a write can never slip onto a reader's snapshot.
            *(["query_only=ON"] if read_only else []),
        ):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql(begin)

    @event.listens_for(engine.sync_engine, "reset")
    def _on_reset(dbapi_connection: Any, record: Any, state: Any) -> None:
        # In place of a rollback on every return to the pool: a session or connection rolls back what it
        # began as it closes, driver transactions end themselves (`sqlite_writing`), and the driver
        # begins nothing on its own (autocommit). A transaction left open all the same, by an error while
        # ending it, is rolled back here, so the next user of the connection never inherits it.
        driver = record.driver_connection
        if state.asyncio_safe and driver is not None and driver.in_transaction:
            dbapi_connection.rollback()


def _configure_postgresql(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "checkout")
    def _on_checkout(_dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        # In place of a ping on every checkout (three round trips through SQLAlchemy's asyncpg adapter): a
        # connection the server ended (a restart, an idle timeout, a terminated backend) closes its
        # socket, asyncpg marks it closed as the event loop sees that, and the pool replaces it here. One
        # that dies unseen fails the request using it, as it could between a ping and its use.
        if record.driver_connection.is_closed():
            raise DisconnectionError("the database server closed this connection")


# aiosqlite logs every statement with its parameters at DEBUG: member text must never reach logs.
logging.getLogger("aiosqlite").setLevel(logging.INFO)


class Database:
    """The engines of one process: on SQLite a single serialised writer beside a pool of readers."""

    def __init__(self, settings: Settings, *, echo: bool = False):
        url = settings.database_url
        if settings.is_sqlite:
            path = settings.sqlite_path
            if path is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
            # One writer connection: SQLite takes one writer at a time, and queueing in the pool is
            # fairer and faster than connections fighting over the file lock. Neither engine rolls back
            # every connection going back to the pool, one more trip to the driver's thread each time:
            # `_configure_sqlite` rolls back only one left in a transaction.
            self.writer = create_async_engine(
                url,
                echo=echo,
                hide_parameters=True,
                pool_size=1,
                max_overflow=0,
                pool_timeout=60,
                pool_reset_on_return=None,
            )
            # Readers are kept open rather than opened for a burst and closed after it (each is a thread
            # and six pragmas).
            self.reader = create_async_engine(
                url,
                echo=echo,
                hide_parameters=True,
                pool_size=16,
                max_overflow=16,
                pool_reset_on_return=None,
            )
            _configure_sqlite(self.writer, begin="BEGIN IMMEDIATE", read_only=False)
            _configure_sqlite(self.reader, begin="BEGIN", read_only=True)
        else:
            # As many kept connections as requests a worker has in hand at a busy moment: a connection
            # opened for a burst and closed after it costs more than the query it served.
            self.writer = self.reader = create_async_engine(
                url, echo=echo, hide_parameters=True, pool_size=16, max_overflow=4
            )
            _configure_postgresql(self.writer)
        self.write_session = async_sessionmaker(self.writer, expire_on_commit=False)
        self.read_session = async_sessionmaker(self.reader, expire_on_commit=False)

    @property
    def engines(self) -> tuple[AsyncEngine, ...]:
        return (self.writer,) if self.writer is self.reader else (self.writer, self.reader)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """A write transaction outside a request (the CLI, background work)."""
        async with self.write_session() as session, session.begin():
            yield session

    async def checkpoint(self) -> tuple[int, int, int] | None:
        """SQLite: copy the write-ahead log into the database file and empty the log, so no old copy of a
        page (with words since erased) stays readable in it. Returns SQLite's (busy, log, checkpointed)."""
        if self.writer.dialect.name != "sqlite":
            return None
        async with self.writer.connect() as connection:
            raw = await connection.get_raw_connection()
            # On the driver itself: the engine would wrap the pragma in BEGIN IMMEDIATE, and a checkpoint
            # cannot empty the log from inside a transaction.
            cursor = await raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # type: ignore[union-attr]
            row = await cursor.fetchone()
            await cursor.close()
        return tuple(row)  # type: ignore[return-value]

    async def dispose(self) -> None:
        for engine in self.engines:
            await engine.dispose()


async def insert_if_absent(session: AsyncSession, model: type[Base], **values: Any) -> bool:
    """INSERT ... ON CONFLICT DO NOTHING; True when a row was added. Safe under concurrent requests."""
    bind = session.get_bind()
    insert = sqlite_insert if bind.dialect.name == "sqlite" else postgresql_insert
    result = await session.execute(insert(model).values(**values).on_conflict_do_nothing())
    return result.rowcount == 1  # type: ignore[attr-defined]


@asynccontextmanager
async def pooled_driver(engine: AsyncEngine) -> AsyncIterator[Any]:
    """A pooled connection as the driver's own (aiosqlite's or asyncpg's), for DriverQuery statements in
    front of the routing: lighter than a Connection, whose bookkeeping they do not use."""
    pooled = await engine.raw_connection()
    try:
        yield pooled.driver_connection
    finally:
        if _returns_in_place(engine, pooled.driver_connection):
            # Nothing in it awaits: called as it is, without the greenlet SQLAlchemy runs what may await
            # in, and nothing can cancel it halfway.
            pooled.close()
        else:
            # Back to the pool even when the request is cancelled meanwhile.
            await asyncio.shield(greenlet_spawn(pooled.close))


def _returns_in_place(engine: AsyncEngine, driver: Any) -> bool:
    """Whether the pool takes `driver` back without a round trip: no transaction to roll back, and room
    in the pool (else it closes the connection). Shielding the return in a task of its own costs as much
    as the return itself."""
    pool: Any = engine.sync_engine.pool
    in_transaction = driver.in_transaction if engine.dialect.name == "sqlite" else driver.is_in_transaction()
    return not in_transaction and pool.checkedin() < pool.size()


async def driver_of(connection: AsyncConnection) -> Any:
    """The driver's own connection under a Connection, for DriverQuery statements inside a session."""
    return (await connection.get_raw_connection()).driver_connection


class DriverQuery:
    """A statement compiled once for a dialect and run through the database driver itself, for the hottest
    paths: one round trip (on SQLite one hop to the driver's thread instead of several per statement) and
    no per-row objects. A SELECT, or an INSERT with RETURNING. Values are bound, and rows come back typed,
    by the columns' own SQLAlchemy types, so the rows equal what a Core statement would give.
    `placeholders` gives each of the statement's own `bindparam`s a value to compile with; `rows()` takes
    their real values by the same names."""

    def __init__(self, statement: Select[Any] | ReturningInsert[Any], dialect: Dialect, **placeholders: Any):
        compiled = statement.compile(dialect=dialect)
        self._sql = str(compiled)
        self.columns = list(statement.exported_columns.keys())
        self._names = list(compiled.positiontup or ())
        self._constants = compiled.construct_params(placeholders)
        self._binders = {
            name: processor
            for name, bind in compiled.binds.items()
            if (processor := bind.type.dialect_impl(dialect).bind_processor(dialect)) is not None
        }
        self._typers = [
            (index, processor)
            for index, column in enumerate(statement.exported_columns)
            if (processor := column.type.dialect_impl(dialect).result_processor(dialect, None)) is not None
        ]
        self._sqlite = dialect.name == "sqlite"

    def _bound(self, name: str, value: Any) -> Any:
        binder = self._binders.get(name)
        return value if binder is None else binder(value)

    def _args(self, values: dict[str, Any]) -> list[Any]:
        params = self._constants | values
        return [self._bound(name, params[name]) for name in self._names]

    def _typed(self, found: Iterable[Sequence[Any]]) -> list[list[Any]]:
        rows = [list(row) for row in found]
        for row in rows:
            for index, typer in self._typers:
                row[index] = typer(row[index])
        return rows

    async def rows(self, driver: Any, **values: Any) -> list[list[Any]]:
        """`driver` is the driver's own connection (`pooled_driver`, `driver_of`)."""
        args = self._args(values)
        found = (
            await driver.execute_fetchall(self._sql, args)
            if self._sqlite
            else await driver.fetch(self._sql, *args)
        )
        return self._typed(found)

    def rows_on(self, connection: sqlite3.Connection, **values: Any) -> list[list[Any]]:
        """SQLite: the rows through the sqlite3 connection itself, on its own thread (`SqliteWriting`)."""
        return self._typed(connection.execute(self._sql, self._args(values)).fetchall())


class SqliteWriting:
    """A write transaction of SQLite's single writer on aiosqlite itself (`sqlite_writing`), in as few hops
    to the driver's thread as its statements allow: begun (BEGIN IMMEDIATE, as the writer's sessions
    begin) in the hop of its first statement, committed in the hop of its last. The writer is held from
    BEGIN to COMMIT, and each hop waits its turn on the event loop as it comes back, so a busy worker holds
    the writer for fewer turns of its loop, and every other write waits less.

    aiosqlite has no public call that runs several statements in one hop; `_execute` and `_conn` are what
    its own calls are made of (as SQLAlchemy's aiosqlite adapter also uses them). Like its own calls, a hop
    runs to its end even when the caller stops waiting."""

    def __init__(self, driver: Any):
        self._driver = driver
        self.committed = False

    async def _on_thread(self, work: Callable[[sqlite3.Connection], T]) -> T:
        return await self._driver._execute(work, self._driver._conn)  # aiosqlite's own, see the class

    async def begin(self, query: DriverQuery, **values: Any) -> list[list[Any]]:
        """BEGIN IMMEDIATE, then `query`'s rows, in one hop."""

        def begin_and_read(connection: sqlite3.Connection) -> list[list[Any]]:
            connection.execute("BEGIN IMMEDIATE")
            return query.rows_on(connection, **values)

        return await self._on_thread(begin_and_read)

    async def commit(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """`work` (DriverQuery.rows_on, and whatever needs their rows), then COMMIT, in one hop."""

        def work_and_commit(connection: sqlite3.Connection) -> T:
            done = work(connection)
            connection.execute("COMMIT")
            return done

        done = await self._on_thread(work_and_commit)
        self.committed = True
        return done


@asynccontextmanager
async def sqlite_writing(driver: Any) -> AsyncIterator[SqliteWriting]:
    """A `SqliteWriting` on aiosqlite's connection `driver`, rolled back unless committed: when the block
    ends without committing, raises or is cancelled, BEGIN included (aiosqlite runs the hops it was handed
    even when the caller stopped waiting, and in order, so the ROLLBACK comes after them)."""
    writing = SqliteWriting(driver)
    try:
        yield writing
    finally:
        if not writing.committed:
            with contextlib.suppress(Exception):  # none to roll back, when BEGIN itself failed
                await asyncio.shield(driver.execute_fetchall("ROLLBACK"))
