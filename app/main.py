"""create_app(): settings, lifespan, routers, error handlers, the web frontend."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.accounts.care_router import router as care_router
from app.accounts.live_sessions import LiveSessions
from app.accounts.pseudonym_hold import release_held_pseudonyms
from app.accounts.router import router as accounts_router
from app.community.router import router as community_router
from app.community.welcome_router import router as welcome_router
from app.core.collector import tune_for_serving
from app.core.config import Settings
from app.core.db import Database
from app.core.errors import AppError, ErrorBody
from app.core.http import BodyLimitMiddleware, CatchAllMiddleware, OriginCheckMiddleware
from app.core.ratelimit import RateLimiter
from app.core.security import PasswordHasher
from app.messages.router import router as messages_router
from app.messages.team_router import router as team_inbox_router
from app.moderation.admin_router import router as admin_router
from app.moderation.appeals_router import router as appeals_router
from app.moderation.reports_router import router as reports_router
from app.moderation.review_router import router as review_router
from app.moderation.router import router as rules_router
from app.moderation.sanctions_router import router as sanctions_router
from app.moderation.screening_cache import ScreenerCache
from app.moderation.team_router import router as team_router
from app.realtime.broadcaster import make_broadcaster
from app.realtime.handshake import Handshakes
from app.realtime.hub import Hub
from app.realtime.shutdown import close_sockets_on_terminate
from app.realtime.stream import LiveStreamMiddleware
from app.wall.fast_path import WallPageMiddleware
from app.wall.fast_posting import PostingMiddleware
from app.wall.newest import NewestPage
from app.wall.page_bytes import OlderPages
from app.wall.router import router as wall_router
from app.web import mount_frontend

API = APIRouter(prefix="/api/v1")
# Before /members/{pseudonym}, so /members/new is not read as a pseudonym.
API.include_router(welcome_router)
API.include_router(accounts_router)
API.include_router(care_router)
API.include_router(wall_router)
API.include_router(rules_router)
API.include_router(reports_router)
API.include_router(review_router)
API.include_router(sanctions_router)
API.include_router(appeals_router)
API.include_router(admin_router)
API.include_router(team_router)
API.include_router(community_router)
API.include_router(messages_router)
API.include_router(team_inbox_router)

# FastAPI works out each route's dependencies, parameters and response models whenever a router is
# included in an app (about half a second for this API). Included once here, the routes are shared by every
# app this process makes, so that work is done once per process rather than once per app (the tests make
# hundreds). Dependency overrides, which nothing here uses, would be read from this holder rather than from
# each app.
_INCLUDED = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)
_INCLUDED.include_router(API)


def _error(status: int, body: ErrorBody, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(body.model_dump(exclude_none=True), status_code=status, headers=headers)


def _field(loc: tuple[int | str, ...]) -> str:
    # ("body", "post", "text") -> "post.text"; query and path names stay as they are.
    parts = (
        [str(p) for p in loc[1:]] if loc and loc[0] in {"body", "query", "path", "header", "cookie"} else []
    )
    return ".".join(parts) or str(loc[0] if loc else "body")


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AppError)
    async def app_error(_request: Request, error: AppError) -> JSONResponse:
        return _error(error.status_code, error.body(), error.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_request: Request, error: RequestValidationError) -> JSONResponse:
        details = [
            {
                # A JSON syntax error's location is a character offset, not a field.
                "field": "body" if e.get("type") == "json_invalid" else _field(tuple(e.get("loc", ()))),
                "message": e.get("msg", "is not valid"),
                "type": e.get("type"),
            }
            for e in error.errors()
        ]
        first = details[0] if details else {"field": "body", "message": "is not valid"}
        return _error(
            422,
            ErrorBody(
                code="validation_error",
                message=f"{first['field']}: {first['message']}",
                field=first["field"],
                details=details,
            ),
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, error: StarletteHTTPException) -> JSONResponse:
        if error.status_code == 400:
            # FastAPI's answer to a body it cannot decode (not UTF-8, say): one more invalid input.
            return _error(
                422,
                ErrorBody(code="validation_error", message="body: is not valid UTF-8 JSON", field="body"),
            )
        code = {404: "not_found", 405: "method_not_allowed"}.get(error.status_code, "http_error")
        return _error(error.status_code, ErrorBody(code=code, message=str(error.detail)), error.headers)


def _document_body_limit(app: FastAPI) -> None:
    """Every request body passes BodyLimitMiddleware, so every operation that takes one may answer 413."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = build()
            too_large = {
                "description": "payload_too_large",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}},
            }
            for operations in schema["paths"].values():
                for operation in operations.values():
                    if "requestBody" in operation:
                        operation["responses"].setdefault("413", too_large)
        return app.openapi_schema  # type: ignore[return-value]

    app.openapi = openapi  # type: ignore[method-assign]


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await app.state.hub.start()
        await app.state.broadcaster.start()
        restore_signal = close_sockets_on_terminate(app.state.hub)
        tune_for_serving()
        yield
        restore_signal()
        await app.state.broadcaster.stop()
        await app.state.hub.stop()
        await app.state.database.dispose()

    app = FastAPI(
        title="Alongside",
        summary="A moderated peer-support wall: post how you feel, reply, and say I hear you.",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.database = Database(settings)
    app.state.hasher = PasswordHasher(settings)
    app.state.rate_limiter = RateLimiter(settings)
    app.state.hub = Hub(
        app.state.database,
        queue_size=settings.stream_queue_size,
        poll_seconds=settings.stream_poll_seconds,
        retention_hours=settings.event_retention_hours,
    )
    app.state.handshakes = Handshakes(app.state.database, settings)
    app.state.screeners = ScreenerCache()
    broadcaster = make_broadcaster(settings.redis_url, namespace=settings.redis_namespace)
    app.state.broadcaster = broadcaster
    broadcaster.add_listener(app.state.hub.receive)
    app.state.newest_page = NewestPage(hearing=lambda: broadcaster.hearing)
    app.state.wall_pages = OlderPages()
    app.state.hub.observe(app.state.newest_page.observe)
    app.state.live_sessions = LiveSessions(
        idle=timedelta(minutes=settings.session_idle_minutes), hearing=lambda: broadcaster.hearing
    )
    app.state.hub.observe(app.state.live_sessions.observe)
    app.state.hub.housekeep(release_held_pseudonyms)

    app.router.routes.extend(_INCLUDED.router.routes)
    mount_frontend(app, https=settings.secure_cookies)
    _install_error_handlers(app)
    _document_body_limit(app)
    # Innermost first: posting in front of the routing comes after the Origin check and the body limit.
    app.add_middleware(PostingMiddleware)
    app.add_middleware(OriginCheckMiddleware, allowed_origins=settings.allowed_origins)
    app.add_middleware(
        BodyLimitMiddleware,
        max_bytes=settings.max_body_bytes,
        larger={"/api/v1/admin/screening/": settings.max_screening_body_bytes},
    )
    app.add_middleware(WallPageMiddleware)
    app.add_middleware(CatchAllMiddleware)
    app.add_middleware(LiveStreamMiddleware)
    return app
