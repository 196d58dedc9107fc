"""Reporting a post, a reply or a member to the moderators, privately."""

from typing import Annotated

from fastapi import APIRouter, Depends, status

from app.accounts.dependencies import PseudonymPath, Viewer, require
from app.core.deps import LimiterDep, SettingsDep
from app.core.errors import (
    CsrfFailed,
    Forbidden,
    Invalid,
    NotAuthenticated,
    NotFound,
    RateLimited,
    error_responses,
)
from app.core.permissions import Permission
from app.core.schemas import ItemId
from app.core.session import DbSession
from app.moderation import reports
from app.moderation.review_schemas import ReportIn, ReportReceived

router = APIRouter(tags=["reports"])


async def _reporter(
    viewer: Annotated[Viewer, Depends(require(Permission.report), scope="function")],
    settings: SettingsDep,
    limiter: LimiterDep,
) -> Viewer:
    """Every report route (messages' too) takes its reporter from here, so all kinds share one limit."""
    await limiter.hit("report", settings.rate_report, str(viewer.id), what="reports")
    return viewer


Reporter = Annotated[Viewer, Depends(_reporter, scope="function")]
ERRORS = error_responses(NotAuthenticated, CsrfFailed, Forbidden, NotFound, Invalid, RateLimited)
ACCEPTED = status.HTTP_202_ACCEPTED


@router.post(
    "/posts/{post_id}/report",
    summary="Report a post to the moderators (it is hidden for me at once)",
    status_code=ACCEPTED,
    response_model=ReportReceived,
    responses=ERRORS,
)
async def report_post(
    post_id: ItemId, body: ReportIn, viewer: Reporter, session: DbSession
) -> ReportReceived:
    await reports.report_post(
        session, reporter_id=viewer.id, post_id=post_id, rule_id=body.rule_id, note=body.note
    )
    return ReportReceived(message=reports.RECEIVED)


@router.post(
    "/replies/{reply_id}/report",
    summary="Report a reply to the moderators (it is hidden for me at once)",
    status_code=ACCEPTED,
    response_model=ReportReceived,
    responses=ERRORS,
)
async def report_reply(
    reply_id: ItemId, body: ReportIn, viewer: Reporter, session: DbSession
) -> ReportReceived:
    await reports.report_reply(
        session, reporter_id=viewer.id, reply_id=reply_id, rule_id=body.rule_id, note=body.note
    )
    return ReportReceived(message=reports.RECEIVED)


@router.post(
    "/members/{pseudonym}/report",
    summary="Report a member to the moderators (they are muted for me at once)",
    status_code=ACCEPTED,
    response_model=ReportReceived,
    responses=ERRORS,
)
async def report_member(
    pseudonym: PseudonymPath, body: ReportIn, viewer: Reporter, session: DbSession
) -> ReportReceived:
    await reports.report_member(
        session, reporter=viewer.member, pseudonym=pseudonym, rule_id=body.rule_id, note=body.note
    )
    return ReportReceived(message=reports.RECEIVED)
