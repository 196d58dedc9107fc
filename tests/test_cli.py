"""The command line: the first administrator, roles, and migrations, as a real process."""

import os
import subprocess
import sys

import httpx
import pytest

from app.main import create_app
from tests.conftest import PASSWORD, empty_tables, make_settings


def run_cli(database_url: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = os.environ | {
        "ALONGSIDE_DATABASE_URL": database_url,
        "ALONGSIDE_ARGON2_TIME_COST": "1",
        "ALONGSIDE_ARGON2_MEMORY_KIB": "1024",
    }
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


@pytest.fixture
async def cli_database(test_database):
    yield test_database.url
    await empty_tables(test_database.url)


async def test_create_admin_then_sign_in_as_administrator(cli_database):
    made = run_cli(
        cli_database, "create-admin", "--pseudonym", "keeper", "--password-stdin", stdin=PASSWORD + "\n"
    )
    assert made.returncode == 0, made.stderr
    assert "Recovery code" in made.stdout
    assert PASSWORD not in made.stdout + made.stderr
    app = create_app(make_settings(cli_database))
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://testserver"
        ) as client:
            signed = await client.post(
                "/api/v1/auth/sign-in",
                json={"pseudonym": "keeper", "password": PASSWORD, "transport": "bearer"},
            )
    assert signed.status_code == 200
    assert signed.json()["account"]["role"] == "admin"


async def test_create_admin_refuses_a_weak_password(cli_database):
    made = run_cli(
        cli_database, "create-admin", "--pseudonym", "keeper", "--password-stdin", stdin="password\n"
    )
    assert made.returncode == 1
    assert "at least 10" in made.stderr


async def test_set_role_makes_a_moderator_and_rejects_unknown_members(cli_database):
    run_cli(cli_database, "create-admin", "--pseudonym", "keeper", "--password-stdin", stdin=PASSWORD + "\n")
    changed = run_cli(cli_database, "set-role", "keeper", "moderator")
    assert changed.returncode == 0, changed.stderr
    missing = run_cli(cli_database, "set-role", "nobody-here", "moderator")
    assert missing.returncode == 1
    assert "No member" in missing.stderr


def test_migrate_command_brings_a_new_database_to_the_latest_schema(tmp_path):
    url = f"sqlite+aiosqlite:///{tmp_path / 'fresh.db'}"
    result = run_cli(url, "migrate")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "fresh.db").stat().st_size > 0
