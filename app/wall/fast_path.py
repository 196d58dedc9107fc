"""Wall pages answered in front of the framework's routing, for a member whose session this worker
checked in the last minute (app/accounts/live_sessions.py) and whom it keeps as a reader (mutes, blocks,
hides and filters; app/wall/newest.py).

The newest page, the one every member loads and loads most often, costs no query when it is kept; any
other page of the wall costs one statement through the database driver (app/wall/page_bytes.py). Anything
else (another parameter, a session not checked lately, a reader or newest page not kept) goes on to the
route, which answers from the database with the same bytes and fills what is kept.
"""

from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Receive, Scope, Send

from app.accounts.dependencies import session_cookie_name
from app.core.db import pooled_driver, utcnow
from app.core.errors import Invalid
from app.core.http import scope_token, send_json
from app.core.permissions import Permission, has_permission
from app.core.schemas import DEFAULT_PAGE, MAX_PAGE, decode_cursor
from app.core.security import hash_token

WALL_PATH = "/api/v1/posts"


class WallPageMiddleware:
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET" and scope["path"] == WALL_PATH:
            body = await _fast_answer(scope)
            if body is not None:
                await send_json(send, 200, body)
                return
        await self.app(scope, receive, send)


def _page(query_string: bytes) -> tuple[int | None, int] | None:
    """(after, limit) when `cursor` and `limit` are the only parameters, each at most once and plainly
    valid; anything else is for the route, which names what is wrong."""
    pairs = parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)
    parameters = dict(pairs)
    if len(parameters) != len(pairs) or parameters.keys() - {"cursor", "limit"}:
        return None
    limit_text = parameters.get("limit", str(DEFAULT_PAGE))
    if not (limit_text.isascii() and limit_text.isdigit() and len(limit_text) <= 6):
        return None
    cursor = parameters.get("cursor")
    try:
        after = decode_cursor(cursor) if cursor else None
    except Invalid:
        return None
    return after, max(1, min(int(limit_text), MAX_PAGE))


async def _fast_answer(scope: Scope) -> bytes | None:
    page = _page(scope.get("query_string", b""))
    if page is None:
        return None
    after, limit = page
    state = scope["app"].state
    token = scope_token(scope, session_cookie_name(state.settings))
    if not token:
        return None
    live = state.live_sessions.get(hash_token(token), utcnow())
    if live is None or not has_permission(live.role, Permission.read_wall):
        return None
    newest = state.newest_page
    if after is None:
        return newest.kept_page(live.member_id, limit)
    reader = newest.kept_viewer(live.member_id)
    if reader is None:
        return None
    engine = state.database.reader
    async with pooled_driver(engine) as driver:
        return await state.wall_pages.page(
            driver, engine.dialect, reader, after=after, limit=limit, forms=newest.forms_of
        )
