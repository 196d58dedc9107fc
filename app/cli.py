"""Command line: serve, test, migrate, create-admin, set-role."""

import argparse
import asyncio
import copy
import getpass
import logging
import os
import subprocess
import sys
from typing import Any

from app.core.config import Settings
from app.core.migrations import ROOT


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    settings = Settings()
    asyncio.run(_migrate(settings))
    if not asyncio.run(_has_admin(settings)):
        print(
            "\nNo administrator yet. Make the first one with:\n"
            "    python3 -m app create-admin --pseudonym YOUR_NAME\n",
            flush=True,
        )
    print(f"Alongside is starting on http://{args.host}:{args.port}  (API docs: /docs)", flush=True)
    uvicorn.run(
        "app.main:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level=args.log_level,
        **server_options(settings),
    )
    return 0


class WithoutClientAddresses(logging.Filter):
    """Drops uvicorn's line for each WebSocket handshake, which names the member's address and path."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith('%s - "WebSocket')


def _log_config() -> dict[str, Any]:
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config["filters"] = {"without_client_addresses": {"()": WithoutClientAddresses}}
    config["loggers"]["uvicorn.error"]["filters"] = ["without_client_addresses"]
    return config


def server_options(settings: Settings) -> dict[str, Any]:
    """uvicorn's options for Alongside, shared by `serve` and the tests that run real servers."""
    return {
        # Members' addresses and the paths they read stay out of the logs: no access log, and no line
        # per WebSocket handshake (the rate limits keep only a keyed digest of an address).
        "access_log": False,
        "log_config": _log_config(),
        "proxy_headers": True,
        # The sans-I/O websockets protocol sends fastest; compression costs memory and CPU per socket.
        "ws": "websockets-sansio",
        "ws_per_message_deflate": False,
        # Frames over the body limit close the socket (1009); pings find dead peers.
        "ws_max_size": settings.max_body_bytes,
        "ws_ping_interval": 20.0,
        "ws_ping_timeout": 20.0,
        "timeout_graceful_shutdown": 5,
    }


def _test(args: argparse.Namespace) -> int:
    return subprocess.call([sys.executable, "-m", "pytest", *args.extra], cwd=ROOT)


async def _migrate(settings: Settings) -> None:
    from app.core.db import Database
    from app.core.migrations import upgrade

    database = Database(settings)
    try:
        await upgrade(database.writer)
    finally:
        await database.dispose()


async def _has_admin(settings: Settings) -> bool:
    from sqlalchemy import select

    from app.accounts.models import Member
    from app.core.db import Database
    from app.core.permissions import Role

    database = Database(settings)
    try:
        async with database.read_session() as session:
            return (
                await session.scalar(select(Member.id).where(Member.role == Role.admin).limit(1))
            ) is not None
    finally:
        await database.dispose()


def _read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Password (at least 10 characters): ")
    if getpass.getpass("Same password again: ") != first:
        raise SystemExit("The passwords differ.")
    return first


def _create_admin(args: argparse.Namespace) -> int:
    from app.accounts.service import create_member
    from app.core.db import Database
    from app.core.errors import AppError
    from app.core.permissions import Role
    from app.core.security import PasswordHasher
    from app.moderation.screening_cache import ScreenerCache

    settings = Settings()
    password = _read_password(args)

    async def run() -> str:
        await _migrate(settings)
        database = Database(settings)
        try:
            async with database.transaction() as session:
                _member, code, _notice = await create_member(
                    session,
                    hasher=PasswordHasher(settings),
                    screeners=ScreenerCache(),
                    pseudonym=args.pseudonym,
                    password=password,
                    role=Role.admin,
                    reserved_ok=True,
                )
                return code
        finally:
            await database.dispose()

    try:
        code = asyncio.run(run())
    except AppError as error:
        print(f"Not created: {error.message}", file=sys.stderr)
        return 1
    print(f"Administrator {args.pseudonym} created.\nRecovery code (keep it somewhere safe): {code}")
    return 0


def _set_role(args: argparse.Namespace) -> int:
    from app.accounts.service import set_role
    from app.core.db import Database
    from app.core.errors import AppError
    from app.core.permissions import Role

    settings = Settings()

    async def run() -> None:
        database = Database(settings)
        try:
            async with database.transaction() as session:
                await set_role(session, pseudonym=args.pseudonym, role=Role(args.role))
        finally:
            await database.dispose()

    try:
        asyncio.run(run())
    except AppError as error:
        print(f"Not changed: {error.message}", file=sys.stderr)
        return 1
    print(f"{args.pseudonym} is now {args.role}.")
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m app", description="Alongside")
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="migrate the database and serve on http://127.0.0.1:8000")
    serve.add_argument("--host", default=os.environ.get("ALONGSIDE_HOST", "127.0.0.1"))
    serve.add_argument("--port", type=int, default=int(os.environ.get("ALONGSIDE_PORT", "8000")))
    serve.add_argument("--workers", type=int, default=int(os.environ.get("ALONGSIDE_WORKERS", "1")))
    serve.add_argument(
        "--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"]
    )
    serve.set_defaults(run=_serve)

    test = commands.add_parser("test", help="run the test suite (further arguments go to pytest)")
    test.set_defaults(run=_test)

    migrate = commands.add_parser("migrate", help="upgrade the database to the latest schema")
    migrate.set_defaults(run=lambda _args: asyncio.run(_migrate(Settings())) or 0)

    admin = commands.add_parser("create-admin", help="make an administrator account")
    admin.add_argument("--pseudonym", required=True)
    admin.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    admin.set_defaults(run=_create_admin)

    role = commands.add_parser("set-role", help="make a member a moderator, an administrator or a member")
    role.add_argument("pseudonym")
    role.add_argument("role", choices=["member", "moderator", "admin"])
    role.set_defaults(run=_set_role)

    # Everything after `test` belongs to pytest, options included.
    args, extra = parser.parse_known_args(argv)
    if extra and args.command != "test":
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    args.extra = extra
    return args.run(args)
