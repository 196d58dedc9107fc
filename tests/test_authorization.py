"""Who may call what: every API operation, for every role, answers the status written down here.

The operations come from the app's own OpenAPI schema, so a route added without a row in EXPECTED fails
the suite until someone decides, role by role, what it should answer.
"""

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from typing import Any

import httpx
import pytest
from fastapi.routing import APIRoute, APIWebSocketRoute
from sqlalchemy import select, update
from starlette.routing import Mount, WebSocketRoute

from app.accounts.models import Member as MemberRow
from app.core.permissions import Role
from app.main import create_app
from app.moderation.models import ReviewItem
from app.moderation.settings import SECTIONS as SETTINGS_SECTIONS
from app.realtime.stream import STREAM_PATH, LiveStreamMiddleware
from tests.conftest import (
    PASSWORD,
    Member,
    Snapshot,
    empty_tables,
    join,
    make_settings,
    restore_tables,
    snapshot_tables,
)

API = "/api/v1"
ROLES = ("anonymous", "member", "owner", "moderator", "admin", "suspended")
# The owner writes the post and the reply; elm is the bystander that mutes and blocks are aimed at, so
# no caller ever mutes or blocks themself. fir is a member the moderator suspended for a week.
PSEUDONYMS = {"owner": "ash", "member": "birch", "moderator": "cedar", "admin": "dove", "suspended": "fir"}
BYSTANDER = "elm"
# A second moderator, who warned fir; fir appealed the warning, so both callers on the team may decide it.
WARNER = "gale"
NEW_PASSWORD = "a different and much longer evening"


def everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(ROLES, status)


def signed_in(status: int, **overrides: int) -> dict[str, int]:
    return {"anonymous": 401, **dict.fromkeys(ROLES[1:], status), **overrides}


def owner_only(owner: int, others: int) -> dict[str, int]:
    return signed_in(others, owner=owner)


def writing(status: int, **overrides: int) -> dict[str, int]:
    """Words other members read: a suspension withholds them."""
    return signed_in(status, suspended=403, **overrides)


def team(status: int) -> dict[str, int]:
    """Moderators and administrators; a suspended one is refused like any suspended member."""
    return signed_in(403, moderator=status, admin=status)


def admin_only(status: int) -> dict[str, int]:
    return signed_in(403, admin=status)


# A suspended member reads, signs in and out, looks after their account (password, sessions, the house
# rules agreement: self-care and security), hides, mutes and blocks (which only shape what they read),
# deletes their own words, and appeals; everything others would read or that acts on others is refused.
EXPECTED: dict[tuple[str, str], dict[str, int]] = {
    # Public: joining, signing in and recovering need no session; a session sent along changes nothing.
    ("POST", f"{API}/auth/join"): everyone(201),
    ("POST", f"{API}/auth/sign-in"): everyone(200),
    ("POST", f"{API}/auth/recover"): everyone(200),
    ("GET", f"{API}/rules"): everyone(200),
    ("GET", f"{API}/avatars"): everyone(200),
    # The caller's own account.
    ("POST", f"{API}/auth/sign-out"): signed_in(204),
    ("GET", f"{API}/me"): signed_in(200),
    ("PATCH", f"{API}/me"): writing(200),
    ("POST", f"{API}/me/password"): signed_in(204),
    ("POST", f"{API}/me/rules-agreement"): signed_in(200),
    ("GET", f"{API}/me/sessions"): signed_in(200),
    # Another member's session is "not found" rather than forbidden, so session ids reveal nothing.
    ("DELETE", f"{API}/me/sessions/{{session_id}}"): owner_only(204, 404),
    ("GET", f"{API}/me/mutes"): signed_in(200),
    ("GET", f"{API}/me/blocks"): signed_in(200),
    ("GET", f"{API}/me/hidden-posts"): signed_in(200),
    # Other members.
    ("GET", f"{API}/members/{{pseudonym}}"): signed_in(200),
    ("GET", f"{API}/members/{{pseudonym}}/posts"): signed_in(200),
    ("PUT", f"{API}/members/{{pseudonym}}/mute"): signed_in(204),
    ("DELETE", f"{API}/members/{{pseudonym}}/mute"): signed_in(204),
    ("PUT", f"{API}/members/{{pseudonym}}/block"): signed_in(204),
    ("DELETE", f"{API}/members/{{pseudonym}}/block"): signed_in(204),
    # The wall: anyone signed in reads, posts, replies and hides; only the author edits or deletes.
    ("GET", f"{API}/posts"): signed_in(200),
    ("POST", f"{API}/posts"): writing(201),
    ("GET", f"{API}/posts/unheard"): signed_in(200),
    ("GET", f"{API}/posts/{{post_id}}"): signed_in(200),
    ("PATCH", f"{API}/posts/{{post_id}}"): owner_only(200, 403),
    ("DELETE", f"{API}/posts/{{post_id}}"): owner_only(204, 403),
    ("GET", f"{API}/posts/{{post_id}}/replies"): signed_in(200),
    ("POST", f"{API}/posts/{{post_id}}/replies"): writing(201),
    ("PUT", f"{API}/posts/{{post_id}}/hide"): signed_in(204),
    ("DELETE", f"{API}/posts/{{post_id}}/hide"): signed_in(204),
    ("PATCH", f"{API}/replies/{{reply_id}}"): owner_only(200, 403),
    ("DELETE", f"{API}/replies/{{reply_id}}"): owner_only(204, 403),
    # I hear you is for other members' words; who heard them is for the author alone.
    ("PUT", f"{API}/posts/{{post_id}}/hear"): writing(200, owner=403),
    ("DELETE", f"{API}/posts/{{post_id}}/hear"): writing(200, owner=403),
    ("GET", f"{API}/posts/{{post_id}}/hearers"): owner_only(200, 403),
    ("PUT", f"{API}/replies/{{reply_id}}/hear"): writing(200, owner=403),
    ("DELETE", f"{API}/replies/{{reply_id}}/hear"): writing(200, owner=403),
    ("GET", f"{API}/replies/{{reply_id}}/hearers"): owner_only(200, 403),
    # Sanctions and the member page: the moderators' and administrators'. Lifting and overruling act on
    # fir's suspension, which the moderator imposed: lifting or overruling one's own call is allowed.
    ("POST", f"{API}/moderation/members/{{pseudonym}}/sanctions"): team(201),
    ("POST", f"{API}/moderation/sanctions/{{sanction_id}}/lift"): team(200),
    ("POST", f"{API}/moderation/sanctions/{{sanction_id}}/overrule"): team(200),
    ("GET", f"{API}/moderation/members/{{pseudonym}}"): team(200),
    # Appeals: fir appeals their suspension; it is no one else's to appeal (404, so ids reveal nothing).
    ("POST", f"{API}/me/appeals"): signed_in(404, suspended=201),
    ("GET", f"{API}/me/appeals"): signed_in(200),
    ("GET", f"{API}/moderation/appeals"): team(200),
    ("POST", f"{API}/moderation/appeals/{{appeal_id}}/decision"): team(200),
    ("GET", f"{API}/admin/figures"): signed_in(403, admin=200),
    # House rules: anyone reads every version; a member sees what changed since they agreed.
    ("GET", f"{API}/rules/versions"): everyone(200),
    ("GET", f"{API}/rules/versions/{{version}}"): everyone(200),
    ("GET", f"{API}/me/rules-changes"): signed_in(200),
    # Crisis help is for anyone, signed in or not.
    ("GET", f"{API}/help"): everyone(200),
    # Notifications are the caller's own; a suspended member still gets the moderators' notices.
    ("GET", f"{API}/me/notifications"): signed_in(200),
    ("POST", f"{API}/me/notifications/read"): signed_in(204),
    # Looking after oneself is for every member, a suspended one too: choosing notifications, taking a
    # break, filter words, and exporting or erasing one's own data (a suspension is no reason to keep it).
    ("GET", f"{API}/me/notification-settings"): signed_in(200),
    ("PUT", f"{API}/me/notification-settings"): signed_in(200),
    ("PUT", f"{API}/me/break"): signed_in(200),
    ("DELETE", f"{API}/me/break"): signed_in(204),
    ("GET", f"{API}/me/filters"): signed_in(200),
    ("PUT", f"{API}/me/filters"): signed_in(200),
    ("POST", f"{API}/me/export"): signed_in(200),
    ("POST", f"{API}/me/erase"): signed_in(204),
    # Administrators write the house rules and the screening checks, the settings and the roles.
    ("POST", f"{API}/admin/rules"): admin_only(201),
    ("PATCH", f"{API}/admin/rules/{{rule_id}}"): admin_only(200),
    ("POST", f"{API}/admin/rules/{{rule_id}}/retire"): admin_only(200),
    ("POST", f"{API}/admin/rules/order"): admin_only(200),
    ("POST", f"{API}/admin/rules/changes"): admin_only(200),
    ("GET", f"{API}/admin/screening/checks"): admin_only(200),
    ("POST", f"{API}/admin/screening/checks"): admin_only(201),
    ("PATCH", f"{API}/admin/screening/checks/{{check_id}}"): admin_only(200),
    ("POST", f"{API}/admin/screening/checks/{{check_id}}/retire"): admin_only(200),
    ("GET", f"{API}/admin/settings"): admin_only(200),
    **{("PUT", f"{API}/admin/settings/{section}"): admin_only(200) for section in SETTINGS_SECTIONS},
    ("PUT", f"{API}/admin/members/{{pseudonym}}/role"): admin_only(200),
    # Moderators and administrators read the audit log, keep notes on members and see removal messages.
    ("GET", f"{API}/moderation/audit"): team(200),
    ("GET", f"{API}/moderation/members/{{pseudonym}}/notes"): team(200),
    ("POST", f"{API}/moderation/members/{{pseudonym}}/notes"): team(201),
    ("GET", f"{API}/moderation/removal-messages"): team(200),
    # Reports: anyone signed in reports what they can see, never their own words or themself.
    ("POST", f"{API}/posts/{{post_id}}/report"): writing(202, owner=422),
    ("POST", f"{API}/replies/{{reply_id}}/report"): writing(202, owner=422),
    ("POST", f"{API}/members/{{pseudonym}}/report"): writing(202, owner=422),
    # The review queue is the moderators' and administrators'.
    ("GET", f"{API}/moderation/queue"): team(200),
    ("GET", f"{API}/moderation/queue/{{item_id}}"): team(200),
    ("POST", f"{API}/moderation/queue/{{item_id}}/claim"): team(200),
    ("DELETE", f"{API}/moderation/queue/{{item_id}}/claim"): team(204),
    ("POST", f"{API}/moderation/queue/{{item_id}}/decision"): team(201),
    ("DELETE", f"{API}/moderation/members/{{pseudonym}}/posting-pause"): team(204),
    # Private conversations: the owner's with elm is theirs alone (others, moderators too, find nothing).
    ("GET", f"{API}/conversations"): signed_in(200),
    ("POST", f"{API}/conversations"): writing(201),
    ("GET", f"{API}/conversations/{{conversation_id}}"): owner_only(200, 404),
    ("GET", f"{API}/conversations/{{conversation_id}}/messages"): owner_only(200, 404),
    ("POST", f"{API}/conversations/{{conversation_id}}/messages"): writing(404, owner=201),
    ("POST", f"{API}/conversations/{{conversation_id}}/read"): owner_only(204, 404),
    # Only its recipient (the owner) reports elm's message.
    ("POST", f"{API}/messages/{{message_id}}/report"): writing(404, owner=202),
    ("GET", f"{API}/me/messaging"): signed_in(200),
    ("PUT", f"{API}/me/messaging"): signed_in(200),
    # The team inbox: every member, a suspended one too, writes to the team; the team answers.
    ("GET", f"{API}/me/team-conversation"): signed_in(200),
    ("POST", f"{API}/me/team-conversation/messages"): signed_in(201),
    ("POST", f"{API}/me/team-conversation/read"): signed_in(204),
    ("GET", f"{API}/moderation/inbox"): team(200),
    ("GET", f"{API}/moderation/inbox/{{conversation_id}}"): team(200),
    ("POST", f"{API}/moderation/inbox/{{conversation_id}}/messages"): team(201),
    ("POST", f"{API}/moderation/inbox/{{conversation_id}}/read"): team(204),
    ("POST", f"{API}/moderation/members/{{pseudonym}}/conversation"): team(201),
    ("POST", f"{API}/moderation/messages/{{message_id}}/context"): team(200),
    # New members and welcomes: the owner can't welcome themself.
    ("GET", f"{API}/members/new"): signed_in(200),
    ("POST", f"{API}/members/{{pseudonym}}/welcome"): writing(201, owner=422),
    ("GET", f"{API}/me/welcomes"): signed_in(200),
}

# Routes the schema cannot list; the live stream checks its own credentials at the handshake.
WEBSOCKETS = {f"{API}/stream"}

# Undo routes are tried on something there is to undo, so a 2xx means the undo really happened.
ARRANGE: dict[tuple[str, str], tuple[str, str]] = {
    ("DELETE", f"{API}/posts/{{post_id}}/hide"): ("PUT", f"{API}/posts/{{post_id}}/hide"),
    ("DELETE", f"{API}/posts/{{post_id}}/hear"): ("PUT", f"{API}/posts/{{post_id}}/hear"),
    ("DELETE", f"{API}/replies/{{reply_id}}/hear"): ("PUT", f"{API}/replies/{{reply_id}}/hear"),
    ("DELETE", f"{API}/members/{{pseudonym}}/mute"): ("PUT", f"{API}/members/{{pseudonym}}/mute"),
    ("DELETE", f"{API}/members/{{pseudonym}}/block"): ("PUT", f"{API}/members/{{pseudonym}}/block"),
    ("DELETE", f"{API}/me/break"): ("PUT", f"{API}/me/break"),
    ("DELETE", f"{API}/moderation/queue/{{item_id}}/claim"): (
        "POST",
        f"{API}/moderation/queue/{{item_id}}/claim",
    ),
}


@dataclass
class World:
    client: httpx.AsyncClient
    callers: dict[str, Member | None]
    owner: Member
    rules_version: int
    post_id: int
    reply_id: int
    owner_session_id: int
    item_id: int
    rule_id: int
    sanction_id: int  # fir's suspension
    appeal_id: int  # fir's appeal against gale's warning
    rule_ids: list[int]
    check_id: int  # a check the administrator added, on the last rule
    conversation_id: int  # the owner's conversation with elm
    message_id: int  # elm's message to the owner, which the owner reported
    team_conversation_id: int  # the owner's conversation with the team


def body_for(
    operation: tuple[str, str],
    rules_version: int,
    recovery_code: str,
    *,
    rule_id: int = 1,
    sanction_id: int = 1,
    rule_ids: tuple[int, ...] = (1, 2),
) -> dict[str, Any] | None:
    """A valid body for each write, so the status says who may call, not what was sent."""
    summary = {"change_summary": "Clearer words."}
    bodies: dict[tuple[str, str], dict[str, Any]] = {
        ("POST", f"{API}/auth/join"): {
            "pseudonym": "fern",
            "password": PASSWORD,
            "agreed_rules_version": rules_version,
            "transport": "bearer",
        },
        ("POST", f"{API}/auth/sign-in"): {"pseudonym": "ash", "password": PASSWORD, "transport": "bearer"},
        ("POST", f"{API}/auth/recover"): {
            "pseudonym": "ash",
            "recovery_code": recovery_code,
            "new_password": NEW_PASSWORD,
        },
        ("PATCH", f"{API}/me"): {"about_me": "Here most evenings."},
        ("POST", f"{API}/me/password"): {"current_password": PASSWORD, "new_password": NEW_PASSWORD},
        ("POST", f"{API}/me/rules-agreement"): {"version": rules_version},
        ("POST", f"{API}/posts"): {"kind": "saying_hello", "body": "Hello, all."},
        ("PATCH", f"{API}/posts/{{post_id}}"): {"body": "Rough night, better morning."},
        ("POST", f"{API}/posts/{{post_id}}/replies"): {"body": "Here with you."},
        ("PATCH", f"{API}/replies/{{reply_id}}"): {"body": "Still here with you."},
        ("POST", f"{API}/posts/{{post_id}}/report"): {"note": "This upset me."},
        ("POST", f"{API}/replies/{{reply_id}}/report"): {"note": "This upset me."},
        ("POST", f"{API}/members/{{pseudonym}}/report"): {"note": "They keep upsetting me."},
        # The bystander's report made the item at version 1; dismissing leaves the post as it was.
        ("POST", f"{API}/moderation/queue/{{item_id}}/decision"): {"action": "dismiss", "version": 1},
        ("POST", f"{API}/moderation/members/{{pseudonym}}/sanctions"): {
            "kind": "warning",
            "rule_id": rule_id,
            "message": "Please keep replies kind.",
        },
        ("POST", f"{API}/moderation/sanctions/{{sanction_id}}/lift"): {"reason": "We talked it through."},
        ("POST", f"{API}/moderation/sanctions/{{sanction_id}}/overrule"): {"reason": "Misread the thread."},
        ("POST", f"{API}/me/appeals"): {"sanction_id": sanction_id, "text": "I think this was a mistake."},
        ("POST", f"{API}/moderation/appeals/{{appeal_id}}/decision"): {
            "outcome": "refused",
            "response": "It stands.",
        },
        ("POST", f"{API}/me/notifications/read"): {},
        ("PUT", f"{API}/me/notification-settings"): {"kinds": {"wall.heard": False}},
        ("PUT", f"{API}/me/break"): {},
        ("PUT", f"{API}/me/filters"): {"words": ["sleepless"], "mode": "collapse"},
        ("POST", f"{API}/me/export"): {"current_password": PASSWORD},
        ("POST", f"{API}/me/erase"): {"current_password": PASSWORD, "confirm": True},
        ("POST", f"{API}/admin/rules"): {"title": "Be kind", "text": "Kind words only.", **summary},
        ("PATCH", f"{API}/admin/rules/{{rule_id}}"): {"summary": "In short: be gentle.", **summary},
        ("POST", f"{API}/admin/rules/{{rule_id}}/retire"): summary,
        ("POST", f"{API}/admin/rules/order"): {"rule_ids": list(reversed(rule_ids)), **summary},
        ("POST", f"{API}/admin/rules/changes"): {
            "create": [{"title": "Rest", "text": "Take breaks."}],
            **summary,
        },
        ("POST", f"{API}/admin/screening/checks"): {
            "name": "Shouting",
            "rule_id": rule_ids[-1],
            "kind": "shouting",
            "action": "nudge",
            **summary,
        },
        ("PATCH", f"{API}/admin/screening/checks/{{check_id}}"): {"action": "flag", **summary},
        ("POST", f"{API}/admin/screening/checks/{{check_id}}/retire"): summary,
        **{("PUT", f"{API}/admin/settings/{section}"): {} for section in SETTINGS_SECTIONS},
        ("PUT", f"{API}/admin/members/{{pseudonym}}/role"): {"role": "member"},
        ("POST", f"{API}/moderation/members/{{pseudonym}}/notes"): {
            "body": "Gentle check-in after a hard week."
        },
        ("POST", f"{API}/conversations"): {"pseudonym": BYSTANDER, "body": "How are you doing?"},
        ("POST", f"{API}/conversations/{{conversation_id}}/messages"): {"body": "Thinking of you."},
        ("POST", f"{API}/conversations/{{conversation_id}}/read"): {},
        ("POST", f"{API}/messages/{{message_id}}/report"): {"note": "This upset me."},
        ("PUT", f"{API}/me/messaging"): {"accept_from": "everyone", "listed_as_new": True},
        ("POST", f"{API}/me/team-conversation/messages"): {"body": "Could someone look at my appeal?"},
        ("POST", f"{API}/me/team-conversation/read"): {},
        ("POST", f"{API}/moderation/inbox/{{conversation_id}}/messages"): {"body": "We're here."},
        ("POST", f"{API}/moderation/inbox/{{conversation_id}}/read"): {},
        ("POST", f"{API}/moderation/members/{{pseudonym}}/conversation"): {"body": "Checking in."},
        ("POST", f"{API}/members/{{pseudonym}}/welcome"): {"message": "Glad you're here."},
    }
    return bodies.get(operation)


def url_for(path: str, world: World) -> str:
    # The owner's session is the caller's own for the owner and someone else's for everyone else.
    pseudonym = BYSTANDER if path.endswith(("/mute", "/block")) else PSEUDONYMS["owner"]
    return path.format(
        post_id=world.post_id,
        reply_id=world.reply_id,
        session_id=world.owner_session_id,
        pseudonym=pseudonym,
        item_id=world.item_id,
        sanction_id=world.sanction_id,
        appeal_id=world.appeal_id,
        # The first rule (it has no starter checks) is edited or retired.
        rule_id=world.rule_ids[0],
        check_id=world.check_id,
        version=world.rules_version,
        conversation_id=world.team_conversation_id if "/inbox/" in path else world.conversation_id,
        message_id=world.message_id,
    )


def schema_operations(app: Any) -> set[tuple[str, str]]:
    paths = app.openapi()["paths"]
    return {(method.upper(), path) for path, item in paths.items() if path.startswith(API) for method in item}


def walk_routes(routes: list[Any], prefix: str = "") -> Iterator[tuple[str, str]]:
    """(method, path) for every route, descending into included routers and mounts."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield from ((method, prefix + route.path) for method in route.methods)
        elif isinstance(route, APIWebSocketRoute | WebSocketRoute):
            yield ("WEBSOCKET", prefix + route.path)
        elif hasattr(route, "original_router") and hasattr(route, "include_context"):
            # FastAPI's _IncludedRouter: the prefix it was included with, over the router's own routes.
            yield from walk_routes(route.original_router.routes, prefix + route.include_context.prefix)
        elif isinstance(route, Mount):
            yield from walk_routes(route.routes, prefix + route.path)


@pytest.fixture(scope="module")
def schema_app() -> Any:
    # Building the schema and walking the routes needs no database connection.
    return create_app(make_settings("sqlite+aiosqlite:///unused.db"))


def test_every_operation_has_an_expected_status_for_every_role(schema_app):
    operations = schema_operations(schema_app)
    missing = sorted(operations - set(EXPECTED))
    extra = sorted(set(EXPECTED) - operations)
    assert not missing and not extra, (
        f"routes with no row in EXPECTED: {missing}; rows with no route: {extra}"
    )
    incomplete = sorted(op for op, statuses in EXPECTED.items() if set(statuses) != set(ROLES))
    assert not incomplete, f"rows missing a role: {incomplete}"


def test_the_schema_lists_every_route_the_app_serves(schema_app):
    # A route left out of the schema (include_in_schema=False) would escape the table above.
    served = {(m, p) for m, p in walk_routes(schema_app.routes) if p.startswith(API)}
    assert served, "the route walk found nothing: has FastAPI's routing structure changed?"
    # The live stream is served in front of the routing, by its own middleware.
    if any(m.cls is LiveStreamMiddleware for m in schema_app.user_middleware):
        served.add(("WEBSOCKET", STREAM_PATH))
    assert {p for m, p in served if m == "WEBSOCKET"} == WEBSOCKETS
    assert {(m, p) for m, p in served if m != "WEBSOCKET"} == schema_operations(schema_app)


def test_every_operation_with_a_body_gets_one_here(schema_app):
    paths = schema_app.openapi()["paths"]
    with_body = {(m.upper(), p) for p, item in paths.items() for m, op in item.items() if "requestBody" in op}
    assert {op for op in EXPECTED if body_for(op, 1, "code") is not None} == with_body


@asynccontextmanager
async def serving(database_url: str) -> AsyncIterator[tuple[Any, httpx.AsyncClient]]:
    """A started app and a client for it. Rate limits are off so every role can call every operation;
    tests/core/test_rate_limits.py covers them."""
    application = create_app(make_settings(database_url, rate_limit_enabled=False))
    async with application.router.lifespan_context(application):
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            yield application, client


async def build_world(app: Any, client: httpx.AsyncClient) -> World:
    joined = {role: await join(client, name) for role, name in PSEUDONYMS.items()}
    bystander = await join(client, BYSTANDER)
    warner = await join(client, WARNER)
    async with app.state.database.transaction() as session:
        for pseudonym, role in (
            (PSEUDONYMS["moderator"], Role.moderator),
            (PSEUDONYMS["admin"], Role.admin),
            (WARNER, Role.moderator),
        ):
            result = await session.execute(
                update(MemberRow).where(MemberRow.pseudonym == pseudonym).values(role=role)
            )
            assert result.rowcount == 1
    owner = joined["owner"]
    post = await owner.write_post()
    reply = await owner.post(f"{API}/posts/{post['id']}/replies", json={"body": "Thanks for reading."})
    assert reply.status_code == 201, reply.text
    sessions = (await owner.get(f"{API}/me/sessions")).json()
    # A report of the owner's reply puts an item in the review queue.
    report = await bystander.post(f"{API}/replies/{reply.json()['id']}/report", json={"note": "Unkind."})
    assert report.status_code == 202, report.text
    async with app.state.database.transaction() as session:
        item_id = await session.scalar(select(ReviewItem.id))
    rule_id = (await client.get(f"{API}/rules")).json()["rules"][0]["id"]
    suspended = joined["suspended"]
    suspension = await joined["moderator"].post(
        f"{API}/moderation/members/{suspended.pseudonym}/sanctions",
        json={"kind": "suspension", "days": 7, "rule_id": rule_id, "message": "A week away."},
    )
    assert suspension.status_code == 201, suspension.text
    warning = await warner.post(
        f"{API}/moderation/members/{suspended.pseudonym}/sanctions",
        json={"kind": "warning", "rule_id": rule_id, "message": "Please keep replies kind."},
    )
    assert warning.status_code == 201, warning.text
    appeal = await suspended.post(
        f"{API}/me/appeals",
        json={"sanction_id": warning.json()["id"], "text": "It was a joke between friends."},
    )
    assert appeal.status_code == 201, appeal.text
    rule_ids = [rule["id"] for rule in (await client.get(f"{API}/rules")).json()["rules"]]
    check = await joined["admin"].post(
        f"{API}/admin/screening/checks",
        json=body_for(("POST", f"{API}/admin/screening/checks"), 1, "", rule_ids=tuple(rule_ids)),
    )
    assert check.status_code == 201, check.text
    written = await bystander.post(
        f"{API}/conversations", json={"pseudonym": owner.pseudonym, "body": "Hope today is kinder."}
    )
    assert written.status_code == 201, written.text
    message = written.json()["message"]
    reported = await owner.post(f"{API}/messages/{message['id']}/report", json={"note": "Unkind."})
    assert reported.status_code == 202, reported.text
    team_conversation = (await owner.get(f"{API}/me/team-conversation")).json()
    return World(
        client=client,
        callers={"anonymous": None, **joined},
        owner=owner,
        rules_version=(await client.get(f"{API}/rules")).json()["version"],
        post_id=post["id"],
        reply_id=reply.json()["id"],
        owner_session_id=sessions[0]["id"],
        item_id=item_id,
        rule_id=rule_id,
        sanction_id=suspension.json()["id"],
        appeal_id=appeal.json()["id"],
        rule_ids=rule_ids,
        check_id=check.json()["check"]["id"],
        conversation_id=message["conversation_id"],
        message_id=message["id"],
        team_conversation_id=team_conversation["id"],
    )


@pytest.fixture(scope="module")
async def built_world(test_database) -> AsyncIterator[tuple[World, Snapshot]]:
    """The world, built once through the API, and a snapshot of the database holding it."""
    async with serving(test_database.url) as (application, client):
        world = await build_world(application, client)
    yield world, await snapshot_tables(test_database.url)
    await empty_tables(test_database.url)


@pytest.fixture
async def world(built_world: tuple[World, Snapshot], test_database) -> AsyncIterator[World]:
    """Each case starts from the world as it was built, in the database and in a new app (nothing a case
    changed, remembered or counted reaches the next); building it through the API for every case would
    take most of the suite's time."""
    built, snapshot = built_world
    await restore_tables(test_database.url, snapshot)
    async with serving(test_database.url) as (_application, client):
        callers = {role: who and replace(who, client=client) for role, who in built.callers.items()}
        yield replace(built, client=client, callers=callers, owner=callers["owner"])


async def send(world: World, role: str, method: str, url: str, body: dict | None) -> httpx.Response:
    caller = world.callers[role]
    headers = caller.headers if caller else {}
    return await world.client.request(method, url, json=body, headers=headers)


async def thread_as_owner(world: World) -> dict:
    return (await world.owner.get(f"{API}/posts/{world.post_id}")).json()


CASES = [(op, role) for op in EXPECTED for role in ROLES]


@pytest.mark.parametrize(
    ("operation", "role"), CASES, ids=[f"{m} {p.removeprefix(API)} as {r}" for (m, p), r in CASES]
)
async def test_role_gets_expected_status(world, operation, role):
    method, path = operation
    url = url_for(path, world)
    if role != "anonymous" and operation in ARRANGE:
        before_method, before_path = ARRANGE[operation]
        await send(world, role, before_method, url_for(before_path, world), None)
    before = await thread_as_owner(world)

    body = body_for(
        operation,
        world.rules_version,
        world.owner.recovery_code,
        rule_id=world.rule_id,
        sanction_id=world.sanction_id,
        rule_ids=tuple(world.rule_ids),
    )
    response = await send(world, role, method, url, body)

    expected = EXPECTED[operation][role]
    assert response.status_code == expected, f"{method} {url} as {role}: {response.text}"
    if response.status_code in (401, 403, 404) and method != "GET":
        # A refused write leaves the owner's post and reply as they were, and the owner signed in.
        assert await thread_as_owner(world) == before
