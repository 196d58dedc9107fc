"""ASGI middleware: the request body limit and the Origin check on unsafe requests."""

import json
import logging
from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.errors import AppError, CsrfFailed, InternalError, PayloadTooLarge
from app.core.session import SAFE_METHODS

log = logging.getLogger("alongside")


async def send_json(send: Send, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
    """A whole JSON response, for handlers in front of the routing."""
    listed = [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(body))]
    listed += [(name.lower().encode(), value.encode()) for name, value in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": listed})
    await send({"type": "http.response.body", "body": body})


async def send_error(send: Send, error: AppError) -> None:
    # Written as the app's error handler writes it (Starlette's JSONResponse).
    content = error.body().model_dump(exclude_none=True)
    body = json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode()
    await send_json(send, error.status_code, body, error.headers)


def replaying(body: bytes, receive: Receive) -> Receive:
    """`receive` for an app after a handler in front of it has read the whole body."""
    replayed = False

    async def replay() -> Message:
        nonlocal replayed
        if not replayed:
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


async def read_body(receive: Receive) -> bytes | None:
    """The whole request body (already limited in size by BodyLimitMiddleware); None if the client left."""
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


class BodyLimitMiddleware:
    """Bodies over the limit answer 413 before any route reads them; paths under a prefix in `larger`
    may send up to its own limit (screening phrase lists are the one legitimately large body)."""

    def __init__(self, app: ASGIApp, *, max_bytes: int, larger: dict[str, int] | None = None):
        self.app = app
        self.max_bytes = max_bytes
        self.larger = larger or {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in SAFE_METHODS:
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        limit = next(
            (size for prefix, size in self.larger.items() if path.startswith(prefix)), self.max_bytes
        )
        too_large = PayloadTooLarge(f"The request body is over the limit of {limit} bytes.")
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await send_error(send, too_large)
            return
        # Read the (small) body up front so an oversized stream is refused cleanly, then replay it.
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                await send_error(send, too_large)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        await self.app(scope, replaying(b"".join(chunks), receive), send)


def request_origin(scope: Scope) -> str:
    headers = Headers(scope=scope)
    host = headers.get("host", "")
    # A WebSocket's own page is served over http(s), while its scope says ws(s).
    scheme = {"ws": "http", "wss": "https"}.get(scope.get("scheme", "http"), scope.get("scheme", "http"))
    return f"{scheme}://{host}".lower()


def origin_allowed(scope: Scope, allowed: frozenset[str]) -> bool:
    """Same origin, or one of the configured origins; a request with no Origin is not a browser's."""
    headers = Headers(scope=scope)
    origin = headers.get("origin")
    if origin is None:
        return headers.get("sec-fetch-site") not in {"cross-site", "same-site"}
    parts = urlsplit(origin.lower())
    origin = f"{parts.scheme}://{parts.netloc}"
    return origin == request_origin(scope) or origin in allowed


class OriginCheckMiddleware:
    """Refuses unsafe requests sent by pages of other origins (CSRF, including sign-in CSRF)."""

    def __init__(self, app: ASGIApp, *, allowed_origins: list[str]):
        self.app = app
        self.allowed = frozenset(o.lower().rstrip("/") for o in allowed_origins)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] == "http"
            and scope["method"] not in SAFE_METHODS
            and not origin_allowed(scope, self.allowed)
        ):
            await send_error(send, CsrfFailed("This request came from another site and was refused."))
            return
        await self.app(scope, receive, send)


class CatchAllMiddleware:
    """Unexpected errors answer 500 and log their type only: messages and tracebacks can carry member text.

    Starlette's own handler re-raises after answering, and the server would then log the whole traceback.
    """

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as error:
            log.error(
                "unhandled error in %s %s: %s",
                scope.get("method", ""),
                scope.get("path", ""),
                type(error).__name__,
            )
            if scope["type"] == "http" and not started:
                await send_error(send, InternalError("Something went wrong on our side."))


def scope_credentials(scope: Scope, cookie_name: str) -> tuple[str | None, bool]:
    """For handlers in front of the routing: the session token from a Bearer header or the session cookie,
    as `optional_viewer` reads them, and whether it came from the cookie (whose writes need the CSRF
    header); never a token in the URL, where logs would keep it."""
    headers = Headers(scope=scope)
    authorization = headers.get("authorization", "")
    if authorization.lower().startswith("bearer "):
        return authorization[7:].strip() or None, False
    return cookie_parser(headers.get("cookie", "")).get(cookie_name) or None, True


def scope_token(scope: Scope, cookie_name: str) -> str | None:
    return scope_credentials(scope, cookie_name)[0]
