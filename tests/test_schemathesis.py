"""Schemathesis over every operation of the OpenAPI schema: no 5xx, and every answer matches the schema.

The app runs under uvicorn in a thread with its own event loop, because its async engines belong to the
loop that made them, against a database made for this module. Each operation is tried by an anonymous
caller and by a signed-in member. The member's messages, team inbox, welcome and export operations are
also walked with things that exist (a conversation, a message, a new member, the right password), seeded
before the walk and chosen half of the time in place of the generated value, so they are not mostly 404s;
the seeding also leaves the member notifications to list and mark read.
"""

import asyncio
import socket
import threading
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import schemathesis
import uvicorn
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from sqlalchemy import update
from sqlalchemy.ext.asyncio import create_async_engine

from app.accounts.models import Member
from app.core.permissions import Role
from app.main import create_app
from tests.conftest import PASSWORD, make_settings, migrated_database_url

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
MEMBER = "schema-walker"
ADMIN = "schema-keeper"
# A new member who writes to the walker, so the walker has a conversation, messages and someone to welcome.
FRIEND = "schema-friend"
# The administrator walks the operations only administrators and moderators can reach, so their valid
# inputs are tried too (as anyone else they answer 403 before reading the body).
TEAM_PATHS = r"^/api/v1/(admin|moderation)/"
# Generated requests can end the member's session; these are the ones that can.
ENDS_SESSIONS = {
    ("POST", "/api/v1/auth/sign-out"),
    ("DELETE", "/api/v1/me/sessions/{session_id}"),
    ("POST", "/api/v1/auth/recover"),
}
# The only operations that answer 401 to a member who is signed in: the credentials in the body are wrong.
CHECK_BODY_CREDENTIALS = {("POST", "/api/v1/auth/sign-in"), ("POST", "/api/v1/auth/recover")}
# Where seeded values go, by caller, operation and parameter (path parameters and body fields alike);
# the `seeded` fixture fills in the values once the server runs. Never the erasure's password.
SEEDED_WHERE: dict[str, dict[tuple[str, str], tuple[str, ...]]] = {
    "member": {
        ("GET", "/api/v1/conversations/{conversation_id}"): ("conversation_id",),
        ("GET", "/api/v1/conversations/{conversation_id}/messages"): ("conversation_id",),
        ("POST", "/api/v1/conversations/{conversation_id}/messages"): ("conversation_id",),
        ("POST", "/api/v1/conversations/{conversation_id}/read"): ("conversation_id",),
        ("POST", "/api/v1/conversations"): ("pseudonym",),
        ("POST", "/api/v1/messages/{message_id}/report"): ("message_id", "rule_id"),
        ("POST", "/api/v1/members/{pseudonym}/welcome"): ("pseudonym",),
        ("POST", "/api/v1/me/export"): ("current_password",),
    },
    "admin": {
        ("GET", "/api/v1/moderation/inbox/{conversation_id}"): ("conversation_id",),
        ("POST", "/api/v1/moderation/inbox/{conversation_id}/messages"): ("conversation_id",),
        ("POST", "/api/v1/moderation/inbox/{conversation_id}/read"): ("conversation_id",),
        ("POST", "/api/v1/moderation/members/{pseudonym}/conversation"): ("pseudonym",),
        ("POST", "/api/v1/moderation/messages/{message_id}/context"): ("message_id",),
    },
}
SEEDS: dict[str, dict[str, Any]] = {}


@pytest.fixture(scope="module")
async def database_url(tmp_root: Path) -> AsyncIterator[str]:
    url, remove = await migrated_database_url(tmp_root)
    yield url
    await remove()


@pytest.fixture(scope="module")
def base_url(database_url: str) -> Iterator[str]:
    # Rate limits would answer 429 to most of the run; tests/core/test_rate_limits.py covers them.
    app = create_app(make_settings(database_url, rate_limit_enabled=False))
    # Binding here, to port 0, gives a free port with no window for another process to take it.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    # uvicorn installs no signal handlers outside the main thread; should_exit is how it is stopped.
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        sock.close()
        assert not thread.is_alive(), "uvicorn did not stop"


class Caller:
    """Headers for one role; the member signs in again when a generated request ended their session."""

    def __init__(self, base_url: str, signed_in: bool, pseudonym: str = MEMBER):
        self.base_url = base_url
        self.pseudonym = pseudonym
        self.headers: dict[str, str] = {}
        self.http = requests.Session()
        if signed_in:
            self._sign_in(join=True)

    def _sign_in(self, join: bool = False) -> None:
        url = f"{self.base_url}/api/v1/auth/" + ("join" if join else "sign-in")
        body = {"pseudonym": self.pseudonym, "password": PASSWORD, "transport": "bearer"}
        if join:
            version = requests.get(f"{self.base_url}/api/v1/rules", timeout=10).json()["version"]
            body["agreed_rules_version"] = version
        response = requests.post(url, json=body, timeout=10)
        assert response.status_code in (200, 201), response.text
        self.headers = {"Authorization": f"Bearer {response.json()['token']}"}

    def call(self, case: schemathesis.Case) -> schemathesis.Response:
        operation = (case.method.upper(), case.path)
        response = case.call(base_url=self.base_url, session=self.http, headers=self.headers, timeout=30)
        # A cookie from a generated join or sign-in would quietly turn the anonymous caller into a member.
        self.http.cookies.clear()
        if self.headers:
            # Otherwise the member's cases would quietly become anonymous ones.
            assert response.status_code != 401 or operation in CHECK_BODY_CREDENTIALS, (
                f"the member was signed out before {case.method} {case.formatted_path}"
            )
            if operation in ENDS_SESSIONS and response.status_code < 300:
                self._sign_in()
        return response


@pytest.fixture(scope="module")
def anonymous(base_url: str) -> Caller:
    return Caller(base_url, signed_in=False)


@pytest.fixture(scope="module")
def member(base_url: str) -> Caller:
    return Caller(base_url, signed_in=True)


@pytest.fixture(scope="module")
def admin(base_url: str, database_url: str) -> Caller:
    caller = Caller(base_url, signed_in=True, pseudonym=ADMIN)

    async def promote() -> None:
        engine = create_async_engine(database_url)
        async with engine.begin() as connection:
            await connection.execute(update(Member).where(Member.pseudonym == ADMIN).values(role=Role.admin))
        await engine.dispose()

    asyncio.run(promote())
    return caller


@pytest.fixture(scope="module")
def seeded(base_url: str, member: Caller, admin: Caller) -> None:
    """The friend writes to the walker twice (the walker reports the first), the walker writes to the team."""
    friend = Caller(base_url, signed_in=True, pseudonym=FRIEND)
    api = f"{base_url}/api/v1"

    def sent(caller: Caller, path: str, body: dict[str, Any], status: int = 201) -> dict[str, Any]:
        response = requests.post(f"{api}{path}", json=body, headers=caller.headers, timeout=10)
        assert response.status_code == status, response.text
        return response.json() if response.content else {}

    started = sent(friend, "/conversations", {"pseudonym": MEMBER, "body": "Hello, how are you?"})
    conversation_id = started["conversation"]["id"]
    reported = started["message"]["id"]
    answer = sent(friend, f"/conversations/{conversation_id}/messages", {"body": "Here if you need."})
    sent(member, f"/messages/{reported}/report", {"note": "Not for me."}, status=202)
    sent(member, "/me/team-conversation/messages", {"body": "Could someone look at my message?"})
    mine = requests.get(f"{api}/me/team-conversation", headers=member.headers, timeout=10).json()
    SEEDS["member"] = {
        "conversation_id": conversation_id,
        "message_id": answer["id"],
        "pseudonym": FRIEND,
        "rule_id": requests.get(f"{api}/rules", timeout=10).json()["rules"][0]["id"],
        "current_password": PASSWORD,
    }
    SEEDS["admin"] = {"conversation_id": mine["id"], "message_id": reported, "pseudonym": MEMBER}


def seeding(caller: str, container: str) -> Any:
    """A flatmap hook: the generated values, or the same with the seeded ones in place (Hypothesis picks)."""

    def hook(context: Any, values: Any) -> Any:
        operation = context.operation
        names = SEEDED_WHERE[caller].get((operation.method.upper(), operation.path), ()) if operation else ()
        in_path = container == "path_parameters"
        seeds = {
            name: SEEDS[caller][name]
            for name in names
            if isinstance(values, dict) and (f"{{{name}}}" in operation.path) == in_path
        }
        if not seeds:
            return st.just(values)
        return st.sampled_from([values, {**values, **seeds}])

    hook.__name__ = f"flatmap_{container}"
    return hook


def seeded_for(caller: str) -> Any:
    def decorate(test: Any) -> Any:
        for container in ("path_parameters", "body"):
            test = schema.hooks.apply(seeding(caller, container))(test)
        return test

    return decorate


# Operations must be known when pytest collects, before the server runs, so the schema comes from the same
# app code here; test_the_served_schema_is_the_one_tested checks the server hands out this very schema.
# (schemathesis.pytest.from_fixture would load it from the server, but on pytest 9.2 it fails with
# AttributeError: it reads and rewrites Node._nodeid, which pytest no longer has.)
SCHEMA_DOCUMENT = create_app(make_settings("sqlite+aiosqlite:///unused.db")).openapi()
schema = schemathesis.openapi.from_dict(SCHEMA_DOCUMENT)
HYPOTHESIS = settings(
    max_examples=30,
    deadline=None,
    database=None,  # nothing written under the repository
    # Generation health checks depend on the machine's speed and on the 5000-character bodies the schema
    # allows; they say nothing about the API.
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
)


def test_the_served_schema_is_the_one_tested(base_url):
    served = requests.get(f"{base_url}/openapi.json", timeout=10)
    assert served.status_code == 200
    assert served.json() == SCHEMA_DOCUMENT


@schema.parametrize()
@HYPOTHESIS
def test_anonymous_caller_gets_no_server_error_and_schema_conformant_answers(case, anonymous):
    response = anonymous.call(case)
    assert response.status_code < 500, f"{case.method} {case.formatted_path}"
    case.validate_response(response, checks=CHECKS)  # raises on any answer that breaks the schema


@seeded_for("member")
@schema.parametrize()
@HYPOTHESIS
def test_signed_in_member_gets_no_server_error_and_schema_conformant_answers(case, member, seeded):
    response = member.call(case)
    assert response.status_code < 500, f"{case.method} {case.formatted_path}"
    case.validate_response(response, checks=CHECKS)  # raises on any answer that breaks the schema


@seeded_for("admin")
@schema.include(path_regex=TEAM_PATHS).parametrize()
@HYPOTHESIS
def test_administrator_gets_no_server_error_and_schema_conformant_answers(case, admin, seeded):
    response = admin.call(case)
    assert response.status_code < 500, f"{case.method} {case.formatted_path}"
    case.validate_response(response, checks=CHECKS)  # raises on any answer that breaks the schema
