"""The one WebSocket, /api/v1/stream: authenticated at the handshake, resumable from a last event id.

It is served as a bare ASGI app in front of the framework's routing. A socket is held for hours and
every post is sent to each of them, so it keeps only what it needs: the framework's per-socket exit
stacks, exception wrappers and send wrappers cost about 12 KB per socket and a third of the send rate.
"""

import contextlib
import logging
from typing import Any
from urllib.parse import parse_qs

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.accounts.dependencies import session_cookie_name
from app.core.http import origin_allowed, scope_token
from app.realtime import events
from app.realtime.connection import Connection
from app.realtime.hub import Hub
from app.wall.visibility import StreamViewer, event_view

STREAM_PATH = "/api/v1/stream"
POLICY_VIOLATION = 1008
INTERNAL_ERROR = 1011
_MAX_EVENT_ID = 2**63 - 1

log = logging.getLogger("alongside.stream")


class LiveStreamMiddleware:
    """Hands the stream's path to `serve_stream`; everything else goes on to the app."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket" and scope["path"] == STREAM_PATH:
            await serve_stream(scope, receive, send)
        else:
            await self.app(scope, receive, send)


def _last_event_id(scope: Scope) -> int | None:
    """The `last_event_id` query parameter; raises ValueError when it is not a valid id."""
    values = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("last_event_id")
    if not values:
        return None
    value = int(values[-1])
    if not 0 <= value <= _MAX_EVENT_ID:
        raise ValueError("last_event_id out of range")
    return value


async def _authenticate(scope: Scope, state: Any) -> tuple[int, StreamViewer] | None:
    """The session id and the viewer behind the handshake, or None to refuse it."""
    settings = state.settings
    allowed = frozenset(o.lower().rstrip("/") for o in settings.allowed_origins)
    token = scope_token(scope, session_cookie_name(settings))
    if not origin_allowed(scope, allowed) or not token:
        return None
    return await state.handshakes.open(token)


async def serve_stream(scope: Scope, receive: Receive, send: Send) -> None:
    """Live events for the signed-in member. Frames are JSON: {"id", "type", "data"}.

    Connect with `?last_event_id=N` to receive what was missed, in order and without duplicates; a
    `{"type": "reload"}` frame means the gap is older than the retention and the page must reload.
    """
    try:
        await _serve(scope, receive, send)
    except OSError:
        pass  # the client left (the server says so with an OSError)
    except Exception as error:
        # Log the type only: a message or a traceback can carry member text.
        log.error("live stream failed: %s", type(error).__name__)
        with contextlib.suppress(Exception):
            await send({"type": "websocket.close", "code": INTERNAL_ERROR})


async def _serve(scope: Scope, receive: Receive, send: Send) -> None:
    if (await receive())["type"] != "websocket.connect":
        return
    state = scope["app"].state
    try:
        last_event_id = _last_event_id(scope)
        opened = await _authenticate(scope, state)
    except ValueError:
        opened = None
    if opened is None:
        await send({"type": "websocket.close", "code": POLICY_VIOLATION})
        return
    session_id, viewer = opened
    hub: Hub = state.hub
    await send({"type": "websocket.accept"})

    def send_text(frame: str) -> Any:
        return send({"type": "websocket.send", "text": frame})

    async def close(code: int, reason: str) -> None:
        await send({"type": "websocket.close", "code": code, "reason": reason})

    # Subscribe before replaying, so nothing that happens meanwhile is lost; duplicates are dropped by id.
    connection = hub.connect(viewer, session_id, send=send_text, close=close)
    try:
        connection.sent_up_to = await _replay(state, connection, last_event_id, hub)
        await connection.drain()
        await _wait_until_gone(receive)
    finally:
        hub.disconnect(connection)


async def _replay(state: Any, connection: Connection, last_event_id: int | None, hub: Hub) -> int:
    """Sends what the client missed; returns the id it has everything up to."""
    if last_event_id is None:
        return hub.last_id
    async with state.database.read_session() as session:
        oldest, newest = await events.id_range(session)
        # Events after the client's last one were pruned, or its id is not one this service drew.
        first_kept = newest + 1 if oldest is None else oldest
        if not first_kept - 1 <= last_event_id <= newest:
            await connection.send_now(f'{{"type":"reload","data":{{"newest_id":{newest}}}}}')
            return newest
        sent = last_event_id
        while True:
            batch = await events.events_after(session, sent)
            for event in batch:
                view = event_view(event, connection.viewer)
                if view is not None:
                    await connection.send_now(view.frame)
            if not batch:
                return sent
            sent = batch[-1].id


async def _wait_until_gone(receive: Receive) -> None:
    """Clients have nothing to say (heartbeats are protocol pings); reading notices when they leave."""
    while True:
        message: Message = await receive()
        if message["type"] == "websocket.disconnect":
            return
