"""Looking after oneself: taking a break, personal filter words, exporting and erasing one's data."""

from datetime import timedelta

from fastapi import APIRouter, Request, Response, status

from app.accounts import breaks, erasure, filters
from app.accounts.care_schemas import (
    BreakIn,
    EraseIn,
    ExportDocument,
    FiltersIn,
    FiltersOut,
    PasswordAgainIn,
)
from app.accounts.dependencies import CurrentViewer, clear_session_cookies
from app.accounts.export import export
from app.accounts.schemas import BreakState
from app.core.db import utcnow
from app.core.deps import HasherDep, LimiterDep, SettingsDep
from app.core.errors import CsrfFailed, Invalid, NotAuthenticated, RateLimited, error_responses
from app.core.session import DbSession, after_commit, database

router = APIRouter(tags=["self-care"])
LONGEST_BREAK = timedelta(days=366)
PASSWORD_AGAIN_ERRORS = error_responses(NotAuthenticated, CsrfFailed, Invalid, RateLimited)


@router.put(
    "/me/break",
    summary="Take a break: no notifications, out of the new members view (reading and posting stay open)",
    response_model=BreakState,
    responses=error_responses(NotAuthenticated, CsrfFailed, Invalid),
)
async def take_break(viewer: CurrentViewer, session: DbSession, body: BreakIn | None = None) -> BreakState:
    until = body.until if body else None
    if until is not None and not utcnow() < until <= utcnow() + LONGEST_BREAK:
        raise Invalid("A break can end at any time within the next year.", field="until")
    session.add(viewer.member)
    await breaks.start_break(session, member=viewer.member, until=until)
    taken = BreakState.of(viewer.member, utcnow())
    assert taken is not None  # just started, or moved on
    return taken


@router.delete(
    "/me/break",
    summary="End my break (a welcome back waits in my notifications)",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(NotAuthenticated, CsrfFailed),
)
async def end_break(viewer: CurrentViewer, session: DbSession) -> None:
    await breaks.end_break(session, member=viewer.member)


@router.get(
    "/me/filters",
    summary="My filter words",
    response_model=FiltersOut,
    responses=error_responses(NotAuthenticated),
)
async def my_filters(viewer: CurrentViewer) -> FiltersOut:
    return FiltersOut(mode=viewer.member.filter_mode, words=filters.words(viewer.member))


@router.put(
    "/me/filters",
    summary="Set my filter words (the whole list) and whether they collapse or leave out what they match",
    response_model=FiltersOut,
    responses=error_responses(NotAuthenticated, CsrfFailed, Invalid),
)
async def set_filters(body: FiltersIn, viewer: CurrentViewer, session: DbSession) -> FiltersOut:
    session.add(viewer.member)
    kept = await filters.replace(session, member=viewer.member, new_words=list(body.words), mode=body.mode)
    return FiltersOut(mode=body.mode, words=kept)


@router.post(
    "/me/export",
    summary="Everything I gave, as one JSON document (asks for my password again)",
    response_model=ExportDocument,
    responses=PASSWORD_AGAIN_ERRORS,
)
async def export_my_data(
    body: PasswordAgainIn,
    viewer: CurrentViewer,
    session: DbSession,
    settings: SettingsDep,
    hasher: HasherDep,
    limiter: LimiterDep,
) -> ExportDocument:
    await limiter.hit(
        "sign-in-member",
        settings.rate_sign_in_per_member,
        viewer.member.pseudonym_key,
        what="password attempts",
    )
    await limiter.hit("export", settings.rate_export, str(viewer.id), what="exports")
    matches, _ = await hasher.verify(body.current_password, viewer.member.password_hash)
    if not matches:
        raise Invalid("Your password is not right.", field="current_password")
    return ExportDocument.model_validate(await export(session, member=viewer.member))


@router.post(
    "/me/erase",
    summary="Erase my account and my words for good (asks for my password again)",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=PASSWORD_AGAIN_ERRORS,
)
async def erase_me(
    body: EraseIn,
    request: Request,
    response: Response,
    viewer: CurrentViewer,
    session: DbSession,
    settings: SettingsDep,
    hasher: HasherDep,
    limiter: LimiterDep,
) -> None:
    await limiter.hit(
        "sign-in-member",
        settings.rate_sign_in_per_member,
        viewer.member.pseudonym_key,
        what="password attempts",
    )
    session.add(viewer.member)
    await erasure.erase(session, member=viewer.member, hasher=hasher, current_password=body.current_password)
    # Once stored, no copy of the erased words may stay in SQLite's write-ahead log.
    after_commit(session, database(request).checkpoint)
    clear_session_cookies(response, settings)
