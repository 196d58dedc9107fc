"""The one WebSocket: /api/v1/stream. Authenticated at the handshake, resumable from a last event id."""

from typing import Annotated

from fastapi import APIRouter, Query, WebSocket, WebSocketDisconnect

from app.accounts import service as accounts
from app.accounts.dependencies import session_cookie_name
from app.core.db import utcnow
from app.core.http import origin_allowed
from app.realtime import events
from app.realtime.hub import Connection, Hub
from app.realtime.viewer import load_viewer
from app.wall.visibility import event_visible

router = APIRouter(tags=["live"])
POLICY_VIOLATION = 1008


def _token(websocket: WebSocket) -> str | None:
    """A Bearer header or the session cookie; never a token in the URL, where logs would keep it."""
    authorization = websocket.headers.get("authorization", "")
    if authorization.lower().startswith("bearer "):
        return authorization[7:].strip()
    return websocket.cookies.get(session_cookie_name(websocket.app.state.settings))


@router.websocket("/stream")
async def stream(
    websocket: WebSocket,
    last_event_id: Annotated[int | None, Query(ge=0, le=2**63 - 1)] = None,
) -> None:
    """Live events for the signed-in member. Frames are JSON: {"id", "type", "data"}.

    Connect with `last_event_id` to receive what was missed, in order and without duplicates; a
    `{"type": "reload"}` frame means the gap is older than the retention and the page must reload.
    """
    state = websocket.app.state
    settings = state.settings
    allowed = frozenset(o.lower().rstrip("/") for o in settings.allowed_origins)
    token = _token(websocket)
    if not origin_allowed(websocket.scope, allowed) or not token:
        await websocket.close(code=POLICY_VIOLATION)
        return
    async with state.database.read_session() as session:
        found = await accounts.session_for_token(session, token)
        if found is None or not accounts.session_is_live(found[0], settings=settings, now=utcnow()):
            await websocket.close(code=POLICY_VIOLATION)
            return
        member_session, member = found
        viewer = await load_viewer(session, member.id)
    if viewer is None:
        await websocket.close(code=POLICY_VIOLATION)
        return

    hub: Hub = state.hub
    await websocket.accept()

    async def close(code: int, reason: str) -> None:
        await websocket.close(code=code, reason=reason)

    # Subscribe before replaying, so nothing that happens meanwhile is lost; duplicates are dropped by id.
    connection = hub.connect(viewer, member_session.id, send=websocket.send_text, close=close)
    try:
        connection.sent_up_to = await _replay(websocket, connection, last_event_id, hub)
        await connection.drain()
        await _wait_until_gone(websocket)
    except (WebSocketDisconnect, RuntimeError, OSError):
        pass  # the client left, or the hub closed the socket
    finally:
        hub.disconnect(connection)


async def _replay(websocket: WebSocket, connection: Connection, last_event_id: int | None, hub: Hub) -> int:
    """Sends what the client missed; returns the id it has everything up to."""
    if last_event_id is None:
        return hub.last_id
    async with websocket.app.state.database.read_session() as session:
        oldest, newest = await events.id_range(session)
        too_old = last_event_id > (newest or 0) or (oldest is not None and last_event_id < oldest - 1)
        if too_old:
            await websocket.send_json({"type": "reload", "data": {"newest_id": newest or 0}})
            return newest or 0
        sent = last_event_id
        while True:
            batch = await events.events_after(session, sent)
            for event in batch:
                if event_visible(event, connection.viewer):
                    await websocket.send_text(event.frame)
            if not batch:
                return sent
            sent = batch[-1].id


async def _wait_until_gone(websocket: WebSocket) -> None:
    """Clients have nothing to say (heartbeats are protocol pings); reading notices when they leave."""
    while True:
        message = await websocket.receive()
        if message["type"] == "websocket.disconnect":
            return
