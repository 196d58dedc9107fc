"""Who is asking: the session behind a request (cookie or Bearer token), CSRF, permissions."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Path, Request, Response
from fastapi.security import APIKeyCookie, HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts import breaks, service
from app.accounts.live_sessions import LiveSessions, due_its_touch
from app.accounts.models import Member, MemberSession
from app.core.config import Settings
from app.core.db import utcnow
from app.core.deps import SettingsDep
from app.core.errors import CsrfFailed, Forbidden, NotAuthenticated, RulesAgreementRequired, Suspended
from app.core.permissions import Permission, has_permission
from app.core.security import csrf_matches, csrf_token, hash_token
from app.core.session import SAFE_METHODS, DbSession, database
from app.moderation.service import current_version
from app.realtime.events import take_recorded

CSRF_HEADER = "X-CSRF-Token"
PseudonymPath = Annotated[str, Path(max_length=60, description="a member's pseudonym")]

# Declared for OpenAPI; both are read by hand below so a missing credential is not an error here.
_bearer = HTTPBearer(auto_error=False, description="A session token from POST /api/v1/auth/sign-in")
_cookie = APIKeyCookie(name="alongside_session", auto_error=False, description="The browser session")


def session_cookie_name(settings: Settings) -> str:
    # The __Host- prefix pins the cookie to this host and path, and needs Secure.
    return "__Host-alongside_session" if settings.secure_cookies else "alongside_session"


def csrf_cookie_name(settings: Settings) -> str:
    return "__Host-alongside_csrf" if settings.secure_cookies else "alongside_csrf"


@dataclass(frozen=True)
class Viewer:
    member: Member
    session: MemberSession

    @property
    def id(self) -> int:
        return self.member.id

    @property
    def suspended(self) -> bool:
        return service.is_suspended(self.member, utcnow())

    def can(self, permission: Permission) -> bool:
        return has_permission(self.member.role, permission, suspended=self.suspended)


async def optional_viewer(
    request: Request,
    session: DbSession,
    settings: SettingsDep,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    _cookie_doc: Annotated[str | None, Depends(_cookie)],
) -> Viewer | None:
    via_cookie = bearer is None
    token = bearer.credentials if bearer else request.cookies.get(session_cookie_name(settings))
    if not token:
        return None
    live_sessions: LiveSessions = request.app.state.live_sessions
    epoch = live_sessions.epoch
    found = await service.session_for_token(session, token)
    now = utcnow()
    if found is None or not service.session_is_live(found[0], settings=settings, now=now):
        return None
    row, member = found
    if via_cookie and request.method not in SAFE_METHODS:
        if not csrf_matches(settings.secret_key, token, request.headers.get(CSRF_HEADER)):
            raise CsrfFailed(
                f"This request needs the {CSRF_HEADER} header from the {csrf_cookie_name(settings)} cookie."
            )
    last_seen_at = row.last_seen_at
    if due_its_touch(row.last_seen_at, now):
        if request.method in SAFE_METHODS:
            # Reads run on a read-only connection; the touch goes through the writer on its own.
            async with database(request).transaction() as writer:
                await service.touch_session(writer, row.id, now)
        else:
            row.last_seen_at = now
        last_seen_at = now
    live_sessions.remember(hash_token(token), row, member, last_seen_at=last_seen_at, epoch=epoch)
    if breaks.break_over(member, now):
        await _welcome_back(request, session, member)
    return Viewer(member=member, session=row)


async def _welcome_back(request: Request, session: AsyncSession, member: Member) -> None:
    """The first request after a break's end closes it, with its welcome back; reads do it through the
    writer on its own, as they touch sessions, and publish what it recorded once it is stored."""
    if request.method not in SAFE_METHODS:
        await breaks.end_break(session, member=member)
        return
    async with database(request).write_session() as writer:
        async with writer.begin():
            await breaks.end_break(writer, member=member)
        recorded = take_recorded(writer)
    if recorded:
        await request.app.state.broadcaster.publish(recorded)


OptionalViewer = Annotated[Viewer | None, Depends(optional_viewer, scope="function")]


async def current_viewer(viewer: OptionalViewer) -> Viewer:
    if viewer is None:
        raise NotAuthenticated("Sign in to continue.")
    return viewer


CurrentViewer = Annotated[Viewer, Depends(current_viewer, scope="function")]


def require(permission: Permission) -> Callable[[Viewer], Awaitable[Viewer]]:
    """A dependency that lets the request through only with `permission`."""

    async def check(viewer: CurrentViewer) -> Viewer:
        if not viewer.can(permission):
            if has_permission(viewer.member.role, permission):
                raise Suspended(service.suspension_message(viewer.member))
            raise Forbidden("Your account can't do that.")
        return viewer

    return check


async def require_rules_agreed(viewer: CurrentViewer, session: DbSession) -> Viewer:
    """Posting waits until the member has agreed to the current house rules; reading never does."""
    current = await current_version(session)
    if viewer.member.rules_version_agreed != current.version:
        raise RulesAgreementRequired(
            f"The house rules changed (now version {current.version}). Read them and agree to continue."
        )
    return viewer


def set_session_cookies(response: Response, *, token: str, settings: Settings) -> str:
    """Sets the HttpOnly session cookie and the readable CSRF cookie; returns the CSRF token."""
    csrf = csrf_token(settings.secret_key, token)
    max_age = settings.session_absolute_days * 24 * 3600
    response.set_cookie(
        session_cookie_name(settings),
        token,
        max_age=max_age,
        httponly=True,
        secure=settings.secure_cookies,
        samesite="lax",
        path="/",
    )
    response.set_cookie(
        csrf_cookie_name(settings),
        csrf,
        max_age=max_age,
        httponly=False,
        secure=settings.secure_cookies,
        samesite="strict",
        path="/",
    )
    return csrf


def clear_session_cookies(response: Response, settings: Settings) -> None:
    for name in (session_cookie_name(settings), csrf_cookie_name(settings)):
        response.delete_cookie(name, path="/", secure=settings.secure_cookies)
