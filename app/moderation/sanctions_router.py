"""Sanctions, the member page for moderators, and the administrators' figures."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, status

from app.accounts.dependencies import PseudonymPath, Viewer, require
from app.accounts.service import find_member
from app.core.errors import (
    Conflict,
    CsrfFailed,
    Forbidden,
    Invalid,
    NotAuthenticated,
    NotFound,
    error_responses,
)
from app.core.permissions import Permission
from app.core.schemas import ItemId
from app.core.session import DbSession
from app.moderation import figures, member_page, sanctions
from app.moderation.figure_schemas import FiguresOut
from app.moderation.models import Sanction
from app.moderation.sanction_schemas import MemberPageOut, ReasonIn, SanctionIn, SanctionOut

router = APIRouter(tags=["sanctions"])
Sanctioner = Annotated[Viewer, Depends(require(Permission.sanction), scope="function")]
Reviewer = Annotated[Viewer, Depends(require(Permission.review), scope="function")]
FigureReader = Annotated[Viewer, Depends(require(Permission.view_figures), scope="function")]
WRITE_ERRORS = error_responses(NotAuthenticated, CsrfFailed, Forbidden, NotFound, Invalid)
CHANGE_ERRORS = error_responses(NotAuthenticated, CsrfFailed, Forbidden, NotFound, Conflict, Invalid)


async def _one(session: DbSession, sanction: Sanction) -> SanctionOut:
    return (await member_page.describe_sanctions(session, [sanction]))[0]


@router.post(
    "/moderation/members/{pseudonym}/sanctions",
    summary="Warn, suspend or ban a member, naming a house rule",
    status_code=status.HTTP_201_CREATED,
    response_model=SanctionOut,
    responses=WRITE_ERRORS,
)
async def impose(
    pseudonym: PseudonymPath, body: SanctionIn, viewer: Sanctioner, session: DbSession
) -> SanctionOut:
    member = await find_member(session, pseudonym)
    if member is None:
        raise NotFound("No member has that pseudonym.")
    sanction = await sanctions.impose(
        session,
        actor=viewer.member,
        member=member,
        kind=body.kind,
        rule_id=body.rule_id,
        message=body.message,
        days=body.days,
        until=body.until,
        item_id=body.item_id,
    )
    return await _one(session, sanction)


@router.post(
    "/moderation/sanctions/{sanction_id}/lift",
    summary="Lift a suspension or ban early (the strike stays on record)",
    response_model=SanctionOut,
    responses=CHANGE_ERRORS,
)
async def lift(sanction_id: ItemId, body: ReasonIn, viewer: Sanctioner, session: DbSession) -> SanctionOut:
    sanction = await sanctions.lift(session, actor=viewer.member, sanction_id=sanction_id, reason=body.reason)
    return await _one(session, sanction)


@router.post(
    "/moderation/sanctions/{sanction_id}/overrule",
    summary="Overrule a strike: it stops counting, and lifts what is still in force",
    response_model=SanctionOut,
    responses=CHANGE_ERRORS,
)
async def overrule(
    sanction_id: ItemId, body: ReasonIn, viewer: Sanctioner, session: DbSession
) -> SanctionOut:
    sanction = await sanctions.overrule_directly(
        session, actor=viewer.member, sanction_id=sanction_id, reason=body.reason
    )
    return await _one(session, sanction)


@router.get(
    "/moderation/members/{pseudonym}",
    summary="A member as moderators see them: state, strikes, next step, history",
    response_model=MemberPageOut,
    responses=error_responses(NotAuthenticated, Forbidden, NotFound),
)
async def member(pseudonym: PseudonymPath, viewer: Reviewer, session: DbSession) -> MemberPageOut:
    return await member_page.member_page(session, pseudonym=pseudonym)


@router.get(
    "/admin/figures",
    summary="Items waiting, time to a decision, decisions per rule, open appeals",
    response_model=FiguresOut,
    responses=error_responses(NotAuthenticated, Forbidden),
)
async def get_figures(
    viewer: FigureReader,
    session: DbSession,
    days: Annotated[int, Query(ge=1, le=figures.MAX_DAYS, description="the window, in days")] = 30,
) -> FiguresOut:
    return await figures.figures(session, days=days)
