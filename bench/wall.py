"""The wall, read and written: the service over real HTTP beside its ceilings, in the same run.

    python3 -m bench.wall                                                   # SQLite, 3 runs
    python3 -m bench.wall --postgres postgresql://postgres@127.0.0.1:5432   # SQLite and PostgreSQL
    python3 -m bench.wall --members 50 --posts 300 --hears 600 --runs 1 --seconds 0.5   # a quick look

The database is migrated with alembic, then seeded through the driver (members with sessions, posts,
I hear yous). Each run starts the service (`python3 -m app serve`), the raw-driver ceiling and a bare
FastAPI endpoint (bench/wall_ceiling.py), pinned to core 0 with this load generator on core 1, and
measures each of the service's targets beside its ceiling, with members taking turns: both are warmed
up, then loaded in turn, a fifth of --seconds each at a time, so a drift in the machine's speed falls on
both alike. The raw-driver ceiling works on its own copy of the seeded database:

- a wall page of 50 posts read through the database (a cursor past the newest post) against the same
  query through the driver with orjson;
- the newest wall page (no cursor), served from memory, against a bare FastAPI endpoint that answers
  the same bytes;
- posting, against the same two inserts (the post and its event) through the driver.

Figures are the medians of the runs; ratios compare figures from the same run.
"""

import argparse
import asyncio
import contextlib
import json
import random
import secrets
import sqlite3
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson

from bench import http_load
from bench.common import (
    bench_env,
    free_port,
    median,
    percentile,
    pin_self_to_client_core,
    pinned,
    seed_members,
    start_app,
    stop,
    wait_http,
    wait_port,
)

PAGE = 50
CONCURRENCY = 16
SLICES = 5  # turns of the service and its ceiling within one measuring
KINDS = ["looking_for_support", "saying_hello", "seeking_suggestions", "sharing_a_win"]
TARGETS = ("page_db", "page_raw", "page_cached", "page_bare", "post_app", "post_raw")


async def migrate(database_url: str) -> int:
    """The schema by alembic; returns the current house-rules version."""
    from sqlalchemy import text

    from app.core.config import Settings
    from app.core.db import Database
    from app.core.migrations import upgrade

    database = Database(Settings(database_url=database_url))
    try:
        await upgrade(database.writer)
        async with database.read_session() as session:
            return await session.scalar(text("SELECT max(version) FROM rule_set_version"))  # type: ignore[return-value]
    finally:
        await database.dispose()


def _posts_and_hears(members: list[int], posts: int, hears: int) -> tuple[list[tuple], list[tuple]]:
    """Posts by members in turn, oldest first, and distinct I hear yous from members other than the author."""
    rng = random.Random(7)  # noqa: S311 - the same made-up wall every run, not a secret
    start = datetime.now(UTC) - timedelta(days=30)
    post_rows = [
        (
            rng.choice(members),
            KINDS[n % len(KINDS)],
            f"Post {n}: " + "a rough night, and the morning feels a long way off. " * 3,
            start + timedelta(seconds=n * 30),
        )
        for n in range(posts)
    ]
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < min(hears, posts * (len(members) - 1)):
        post = rng.randrange(posts)
        member = rng.choice(members)
        if member != post_rows[post][0]:
            pairs.add((post + 1, member))  # ids are 1..N in a fresh table
    return post_rows, sorted(pairs)


async def seed(database_url: str, members: int, posts: int, hears: int) -> list[tuple[int, str]]:
    """Returns (member id, session token) for every member."""
    version = await migrate(database_url)
    tokens = await seed_members(database_url, members, rules_version=version)
    if database_url.startswith("sqlite"):
        path = database_url.split(":///", 1)[1]
        with sqlite3.connect(path) as connection:
            ids = [row[0] for row in connection.execute("SELECT id FROM member ORDER BY id")]
            post_rows, hear_rows = _posts_and_hears(ids, posts, hears)
            connection.executemany(
                "INSERT INTO post (author_id, kind, body, state, created_at, heard_count, reply_count)"
                " VALUES (?, ?, ?, 'published', ?, 0, 0)",
                [(a, k, b, t.replace(tzinfo=None).isoformat(sep=" ")) for a, k, b, t in post_rows],
            )
            _add_hears_sqlite(connection, hear_rows, post_rows)
    else:
        import asyncpg

        connection = await asyncpg.connect(database_url.replace("postgresql+asyncpg://", "postgresql://"))
        try:
            ids = [row[0] for row in await connection.fetch("SELECT id FROM member ORDER BY id")]
            post_rows, hear_rows = _posts_and_hears(ids, posts, hears)
            await connection.copy_records_to_table(
                "post",
                records=[(a, k, b, "published", t, 0, 0) for a, k, b, t in post_rows],
                columns=["author_id", "kind", "body", "state", "created_at", "heard_count", "reply_count"],
            )
            when = post_rows[-1][3]
            await connection.copy_records_to_table(
                "post_hear",
                records=[(p, m, when) for p, m in hear_rows],
                columns=["post_id", "member_id", "created_at"],
            )
            await connection.execute(
                "UPDATE post SET heard_count = c.n FROM"
                " (SELECT post_id, count(*) AS n FROM post_hear GROUP BY post_id) c WHERE c.post_id = post.id"
            )
            await connection.execute("ANALYZE")
        finally:
            await connection.close()
    return list(zip(ids, tokens, strict=True))


def _add_hears_sqlite(connection: sqlite3.Connection, hear_rows: list[tuple], post_rows: list[tuple]) -> None:
    when = post_rows[-1][3].replace(tzinfo=None).isoformat(sep=" ")
    connection.executemany(
        "INSERT INTO post_hear (post_id, member_id, created_at) VALUES (?, ?, ?)",
        [(p, m, when) for p, m in hear_rows],
    )
    connection.execute(
        "UPDATE post SET heard_count = (SELECT count(*) FROM post_hear WHERE post_id = post.id)"
    )
    connection.execute("ANALYZE")


def _summary(load: http_load.Load) -> dict[str, float]:
    return {
        "per_second": round(load.per_second, 1),
        "p50_ms": round(percentile(load.latencies_ms, 0.5), 2),
        "p99_ms": round(percentile(load.latencies_ms, 0.99), 2),
        "answered": load.answered,
        "failures": load.failures,
    }


@dataclass(frozen=True)
class Timing:
    seconds: float  # measuring, per target and run
    warm_up: int  # requests first, and at least one per member: their first read fills what is kept


async def _sessions_due_their_touch(database_url: str) -> None:
    """Every session as last seen over a minute ago, so each member's first request of the warm-up goes
    through the database and touches it, and the measuring runs within the minute the service then
    trusts it (app/accounts/live_sessions.py), however long ago the previous run touched it. Without
    this, sessions touched together in one run's warm-up expire together a minute later, in the middle
    of a later run, sending every member's next request through the database at once."""
    from sqlalchemy import update
    from sqlalchemy.ext.asyncio import create_async_engine

    from app.accounts.live_sessions import TRUSTED_FOR
    from app.accounts.models import MemberSession
    from app.core.db import utcnow

    engine = create_async_engine(database_url)
    try:
        async with engine.begin() as connection:
            await connection.execute(update(MemberSession).values(last_seen_at=utcnow() - 2 * TRUSTED_FOR))
    finally:
        await engine.dispose()


async def _warm(port: int, requests: list[bytes], timing: Timing) -> None:
    prepared = (requests * (timing.warm_up // len(requests) + 1))[: max(timing.warm_up, len(requests))]
    await http_load.run(port, iter(prepared), concurrency=CONCURRENCY, seconds=60)


async def _beside(
    service: tuple[int, list[bytes]], ceiling: tuple[int, list[bytes]], timing: Timing
) -> tuple[dict[str, float], dict[str, float]]:
    """The service and its ceiling, each warmed up, then loaded in turn, a slice of --seconds each at a
    time, so that both are measured across the same stretch of the machine's time, however its speed
    drifts."""
    loads: dict[int, list[http_load.Load]] = {service[0]: [], ceiling[0]: []}
    for port, requests in (service, ceiling):
        await _warm(port, requests, timing)
    turns = {port: http_load.rotating(requests) for port, requests in (service, ceiling)}
    for _slice in range(SLICES):
        for port, requests in turns.items():
            loads[port].append(
                await http_load.run(port, requests, concurrency=CONCURRENCY, seconds=timing.seconds / SLICES)
            )
    service_load, ceiling_load = (http_load.Load.joined(loads[port]) for port in (service[0], ceiling[0]))
    return _summary(service_load), _summary(ceiling_load)


def _start(module_args: list[str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        pinned([sys.executable, "-m", "bench.wall_ceiling", *module_args]),
        cwd=Path(__file__).resolve().parent.parent,
    )


async def one_run(
    database_url: str, ceiling_url: str, viewers: list[tuple[int, str]], timing: Timing, tmp: Path
) -> dict[str, Any]:
    from app.core.schemas import encode_cursor

    newest = 10**12  # a cursor past every post: the newest page, read through the database
    bearer = [{"Authorization": f"Bearer {token}"} for _id, token in viewers]
    figures: dict[str, Any] = {}
    ports = {name: free_port() for name in ("app", "raw", "bare")}

    app = start_app(ports["app"], bench_env(database_url))
    raw = _start(["--port", str(ports["raw"]), "--database", ceiling_url, "raw"])
    try:
        await wait_http(f"http://127.0.0.1:{ports['app']}/api/v1/rules", app)
        await wait_port(ports["raw"], raw)
        cursor = encode_cursor(newest)
        through_db = [
            http_load.request("GET", f"/api/v1/posts?limit={PAGE}&cursor={cursor}", h) for h in bearer
        ]
        await _sessions_due_their_touch(database_url)
        figures["page_db"], figures["page_raw"] = await _beside(
            (ports["app"], through_db),
            (
                ports["raw"],
                [
                    http_load.request("GET", f"/wall?viewer={i}&before={newest}&limit={PAGE}", {})
                    for i, _t in viewers
                ],
            ),
            timing,
        )
        cached = [http_load.request("GET", f"/api/v1/posts?limit={PAGE}", h) for h in bearer]
        await _sessions_due_their_touch(database_url)
        _status, page = await http_load.fetch(ports["app"], cached[0])
        (tmp / "page.json").write_bytes(page)
        bare = _start(["--port", str(ports["bare"]), "--page", str(tmp / "page.json"), "bare"])
        try:
            await wait_port(ports["bare"], bare)
            figures["page_cached"], figures["page_bare"] = await _beside(
                (ports["app"], cached), (ports["bare"], [http_load.request("GET", "/bare", {})]), timing
            )
        finally:
            stop(bare)
        status, kept = await http_load.fetch(ports["app"], cached[0])
        _status, from_db = await http_load.fetch(ports["app"], through_db[0])
        figures["cached_matches_database"] = status == 200 and kept == from_db == page
        body = orjson.dumps({"kind": "saying_hello", "body": "Made it through today."})
        await _sessions_due_their_touch(database_url)
        figures["post_app"], figures["post_raw"] = await _beside(
            (ports["app"], [http_load.request("POST", "/api/v1/posts", h, body) for h in bearer]),
            (ports["raw"], [http_load.request("POST", f"/posts?author={i}", {}, body) for i, _t in viewers]),
            timing,
        )
    finally:
        stop(app)
        stop(raw)
    return figures


def summarise(runs: list[dict[str, Any]]) -> dict[str, Any]:
    figures: dict[str, Any] = {
        target: {key: median([r[target][key] for r in runs]) for key in runs[0][target]} for target in TARGETS
    }

    def ratio(over: str, under: str, key: str = "per_second") -> float:
        return round(median([r[over][key] / r[under][key] for r in runs]), 3)

    figures["ratios"] = {
        "page_db / raw": ratio("page_db", "page_raw"),
        "page_cached / bare": ratio("page_cached", "page_bare"),
        "post / raw": ratio("post_app", "post_raw"),
        "post p99 / raw p99": ratio("post_app", "post_raw", "p99_ms"),
    }
    figures["cached_matches_database"] = all(r["cached_matches_database"] for r in runs)
    return figures


def print_table(database: str, figures: dict[str, Any]) -> None:
    print(f"\n{database}: requests/s, latency ms (p50 / p99); median of runs", flush=True)
    for target in TARGETS:
        f = figures[target]
        print(
            f"  {target:<12} {f['per_second']:>9.0f}/s  {f['p50_ms']:>7.2f} / {f['p99_ms']:>7.2f}"
            f"  failures {f['failures']:.0f}"
        )
    for name, value in figures["ratios"].items():
        print(f"  {name:<20} {value:.2f}")
    print(f"  cached page equals the database's: {figures['cached_matches_database']}", flush=True)


async def copy_database(database_url: str, ceiling_url: str) -> None:
    """The seeded database again, for the ceiling: each writes only to its own, so posting on one is never
    read by the other (the service reads every event stored, as it reads another worker's)."""
    if database_url.startswith("sqlite"):
        with (
            contextlib.closing(sqlite3.connect(database_url.split(":///", 1)[1])) as source,
            contextlib.closing(sqlite3.connect(ceiling_url.split(":///", 1)[1])) as copy,
        ):
            source.backup(copy)
        return
    import asyncpg

    server, source_name = database_url.replace("postgresql+asyncpg://", "postgresql://").rsplit("/", 1)
    connection = await asyncpg.connect(f"{server}/postgres")
    try:
        await connection.execute(
            f'CREATE DATABASE "{ceiling_url.rsplit("/", 1)[1]}" TEMPLATE "{source_name}"'
        )
    finally:
        await connection.close()


async def bench_database(
    name: str,
    urls: tuple[str, str],
    sizes: tuple[int, int, int],
    runs: int,
    timing: Timing,
    tmp: Path,
) -> dict[str, Any]:
    """`urls`: the service's database and the ceiling's, made a copy of the first once it is seeded."""
    database_url, ceiling_url = urls
    viewers = await seed(database_url, *sizes)
    await copy_database(database_url, ceiling_url)
    results = [await one_run(database_url, ceiling_url, viewers, timing, tmp) for _ in range(runs)]
    figures = summarise(results) | {"runs": results}
    print_table(name, figures)
    return figures


def _postgres_url(server: str, name: str) -> str:
    return f"{server.replace('postgresql://', 'postgresql+asyncpg://')}/{name}"


async def _create_postgres(server: str, name: str) -> None:
    import asyncpg

    connection = await asyncpg.connect(f"{server}/postgres")
    await connection.execute(f'CREATE DATABASE "{name}"')
    await connection.close()


async def _drop_postgres(server: str, name: str) -> None:
    import asyncpg

    connection = await asyncpg.connect(f"{server}/postgres")
    await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    await connection.close()


async def main(sizes: tuple[int, int, int], runs: int, timing: Timing, postgres: str | None) -> dict:
    pin_self_to_client_core()
    report: dict[str, Any] = {"sizes": dict(zip(("members", "posts", "hears"), sizes, strict=True))}
    with tempfile.TemporaryDirectory(prefix="alongside-wall-") as tmp:
        report["sqlite"] = await bench_database(
            "SQLite",
            (f"sqlite+aiosqlite:///{tmp}/wall.db", f"sqlite+aiosqlite:///{tmp}/ceiling.db"),
            sizes,
            runs,
            timing,
            Path(tmp),
        )
        if postgres:
            server = postgres.rstrip("/")
            name = f"alongside_bench_{secrets.token_hex(4)}"
            names = (name, f"{name}_ceiling")
            await _create_postgres(server, name)
            try:
                report["postgresql"] = await bench_database(
                    "PostgreSQL",
                    (_postgres_url(server, names[0]), _postgres_url(server, names[1])),
                    sizes,
                    runs,
                    timing,
                    Path(tmp),
                )
            finally:
                for each in names:
                    await _drop_postgres(server, each)
    return report


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--members", type=int, default=2000)
    parser.add_argument("--posts", type=int, default=50000)
    parser.add_argument("--hears", type=int, default=150000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=5.0, help="measuring time per target and run")
    parser.add_argument("--warm-up", type=int, default=500, help="requests before measuring each target")
    parser.add_argument("--postgres", help="a PostgreSQL server URL; a database is made there and dropped")
    parser.add_argument("--json", type=Path, help="also write the full report here")
    arguments = parser.parse_args()
    result = asyncio.run(
        main(
            (arguments.members, arguments.posts, arguments.hears),
            arguments.runs,
            Timing(arguments.seconds, arguments.warm_up),
            arguments.postgres,
        )
    )
    if arguments.json:
        arguments.json.write_text(json.dumps(result, indent=2, default=str))
