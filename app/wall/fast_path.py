"""The newest wall page answered in front of the framework's routing, when all it needs is in memory.

It is the page every member loads, and loads most often. When the member's session was checked by this
worker in the last minute (app/accounts/live_sessions.py) and their page is kept (app/wall/newest.py),
the answer costs no query and none of the framework's per-request layers. Anything else (another
parameter, a session not checked lately, a page not kept) goes on to the route, which answers from the
database and fills what is kept, with the same bytes.
"""

from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Receive, Scope, Send

from app.accounts.dependencies import session_cookie_name
from app.core.db import utcnow
from app.core.http import scope_token
from app.core.permissions import Permission, has_permission
from app.core.schemas import DEFAULT_PAGE, MAX_PAGE
from app.core.security import hash_token

WALL_PATH = "/api/v1/posts"


class NewestPageMiddleware:
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET" and scope["path"] == WALL_PATH:
            body = _kept_answer(scope)
            if body is not None:
                headers = [(b"content-length", b"%d" % len(body)), (b"content-type", b"application/json")]
                await send({"type": "http.response.start", "status": 200, "headers": headers})
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)


def _limit(query_string: bytes) -> int | None:
    """The page size, when `limit` is the only parameter (or there is none) and plainly valid."""
    parameters = parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)
    if not parameters:
        return DEFAULT_PAGE
    if len(parameters) > 1 or parameters[0][0] != "limit" or not parameters[0][1].isascii():
        return None
    value = parameters[0][1]
    return max(1, min(int(value), MAX_PAGE)) if value.isdigit() and len(value) <= 6 else None


def _kept_answer(scope: Scope) -> bytes | None:
    limit = _limit(scope.get("query_string", b""))
    if limit is None:
        return None
    state = scope["app"].state
    token = scope_token(scope, session_cookie_name(state.settings))
    if not token:
        return None
    live = state.live_sessions.get(hash_token(token), utcnow())
    if live is None or not has_permission(live.role, Permission.read_wall):
        return None
    return state.newest_page.kept_page(live.member_id, limit)
