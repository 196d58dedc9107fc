"""What the benchmarks share: pinned server processes, readiness, memory, and summary statistics."""

import asyncio
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
SERVER_CORE, CLIENT_CORE = 0, 1


async def seed_members(database_url: str, count: int, *, rules_version: int) -> list[str]:
    """Adds `count` members with one live session each, straight into the database; returns the tokens.

    Joining through the API would hash two secrets per member; the sockets only need sessions. The
    members count as established: their words are not held for review as a new member's first ones.
    """
    from sqlalchemy import insert, select
    from sqlalchemy.ext.asyncio import create_async_engine

    from app.accounts.models import Member, MemberSession
    from app.accounts.pseudonyms import skeleton
    from app.core.db import utcnow
    from app.core.security import hash_token, new_token
    from app.moderation.models import Setting
    from app.moderation.settings import Thresholds

    now = utcnow()
    engine = create_async_engine(database_url)
    tokens = [new_token() for _ in range(count)]
    async with engine.begin() as connection:
        names = [f"reader-{n:05d}" for n in range(count)]
        await connection.execute(
            insert(Member),
            [
                {
                    "pseudonym": name,
                    "pseudonym_key": f"{skeleton(name)}-{n}",  # unique, without the look-alike check
                    "password_hash": "!",  # no password signs in as these members
                    "recovery_code_hash": "!",
                    "avatar": "cloud-sand",
                    "rules_version_agreed": rules_version,
                    "joined_at": now,
                    "password_changed_at": now,
                }
                for n, name in enumerate(names)
            ],
        )
        ids = dict((await connection.execute(select(Member.pseudonym, Member.id))).all())
        await connection.execute(
            insert(MemberSession),
            [
                {
                    "member_id": ids[name],
                    "token_hash": hash_token(token),
                    "device": "benchmark",
                    "created_at": now,
                    "last_seen_at": now,
                    "expires_at": now + timedelta(days=1),
                }
                for name, token in zip(names, tokens, strict=True)
            ],
        )
        established = Thresholds(new_member_held_posts=0).model_dump_json()
        await connection.execute(insert(Setting).values(key="thresholds", value=established, updated_at=now))
    await engine.dispose()
    return tokens


def pin_self_to_client_core() -> None:
    if hasattr(os, "sched_setaffinity") and (os.cpu_count() or 1) > 1:
        os.sched_setaffinity(0, {CLIENT_CORE})


def pinned(command: list[str]) -> list[str]:
    """The command on the server core, when the machine has two and taskset exists."""
    if shutil.which("taskset") and (os.cpu_count() or 1) > 1:
        return ["taskset", "-c", str(SERVER_CORE), *command]
    return command


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bench_env(database_url: str, **extra: str) -> dict[str, str]:
    return os.environ | {
        "ALONGSIDE_ENVIRONMENT": "test",
        "ALONGSIDE_SECRET_KEY": "bench-secret-" + "x" * 40,
        "ALONGSIDE_DATABASE_URL": database_url,
        "ALONGSIDE_COOKIE_SECURE": "false",
        "ALONGSIDE_ARGON2_TIME_COST": "1",
        "ALONGSIDE_ARGON2_MEMORY_KIB": "1024",
        "ALONGSIDE_RATE_LIMIT_ENABLED": "false",
        "ALONGSIDE_NO_BOOTSTRAP": "1",
        **extra,
    }


def start_app(port: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        pinned([sys.executable, "-m", "app", "serve", "--port", str(port), "--log-level", "warning"]),
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )


async def wait_http(url: str, process: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    async with httpx.AsyncClient() as client:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"server exited with {process.returncode}")
            try:
                await client.get(url)
                return
            except httpx.HTTPError:
                await asyncio.sleep(0.1)
    raise TimeoutError(url)


async def wait_port(port: int, process: subprocess.Popen[bytes], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            _reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.close()
            return
        except OSError:
            await asyncio.sleep(0.05)
    raise TimeoutError(port)


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(15)
    except subprocess.TimeoutExpired:
        process.kill()


def server_pid(process: subprocess.Popen[bytes]) -> int:
    """The Python process itself, under taskset (which execs, so it is the same pid)."""
    return process.pid


def rss_bytes(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")
