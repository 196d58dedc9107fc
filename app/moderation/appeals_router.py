"""Appeals: members send them about their own sanctions and removals; moderators decide them."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, status

from app.accounts.dependencies import Viewer, require
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
from app.core.schemas import ItemId, Page, PageRequest, encode_cursor
from app.core.session import DbSession
from app.moderation import appeals
from app.moderation.appeal_schemas import (
    AppealDecisionIn,
    AppealIn,
    AppealOut,
    AppealPage,
    MyAppealOut,
    MyAppealPage,
)
from app.moderation.member_page import pseudonyms
from app.moderation.models import Appeal, AppealStatus

router = APIRouter(tags=["appeals"])
# contact_team, not write_wall: a suspended member can always appeal.
Appellant = Annotated[Viewer, Depends(require(Permission.contact_team), scope="function")]
Sanctioner = Annotated[Viewer, Depends(require(Permission.sanction), scope="function")]


def _mine(appeal: Appeal) -> MyAppealOut:
    return MyAppealOut(
        id=appeal.id,
        sanction_id=appeal.sanction_id,
        decision_id=appeal.decision_id,
        text=appeal.body,
        status=appeal.status,
        created_at=appeal.created_at,
        resolved_at=appeal.resolved_at,
        response=appeal.response,
    )


async def _for_team(session: DbSession, rows: list[Appeal]) -> list[AppealOut]:
    names = await pseudonyms(session, (i for a in rows for i in (a.member_id, a.resolved_by_id)))
    return [
        AppealOut(
            **_mine(a).model_dump(),
            member=names[a.member_id],
            resolved_by=names.get(a.resolved_by_id) if a.resolved_by_id is not None else None,
        )
        for a in rows
    ]


def _next(rows: list[Appeal], page: PageRequest) -> str | None:
    return encode_cursor(rows[page.limit - 1].id) if len(rows) > page.limit else None


@router.post(
    "/me/appeals",
    summary="Appeal one of my sanctions, or a removal of my words",
    status_code=status.HTTP_201_CREATED,
    response_model=MyAppealOut,
    responses=error_responses(NotAuthenticated, CsrfFailed, Forbidden, NotFound, Conflict, Invalid),
)
async def open_appeal(body: AppealIn, viewer: Appellant, session: DbSession) -> MyAppealOut:
    appeal = await appeals.open_appeal(
        session,
        member=viewer.member,
        sanction_id=body.sanction_id,
        decision_id=body.decision_id,
        text=body.text,
    )
    return _mine(appeal)


@router.get(
    "/me/appeals",
    summary="My appeals, newest first, with their outcome",
    response_model=MyAppealPage,
    responses=error_responses(NotAuthenticated, Forbidden, Invalid),
)
async def my_appeals(viewer: Appellant, session: DbSession, page: Page) -> MyAppealPage:
    rows = await appeals.my_appeals(session, member=viewer.member, page=page)
    return MyAppealPage(items=[_mine(a) for a in rows[: page.limit]], next_cursor=_next(rows, page))


@router.get(
    "/moderation/appeals",
    summary="Appeals, oldest first (open ones unless another status is asked for)",
    response_model=AppealPage,
    responses=error_responses(NotAuthenticated, Forbidden, Invalid),
)
async def team_appeals(
    viewer: Sanctioner,
    session: DbSession,
    page: Page,
    status: Annotated[AppealStatus, Query(description="which appeals")] = AppealStatus.open,
) -> AppealPage:
    rows = await appeals.appeals_for_team(session, status=status, page=page)
    return AppealPage(items=await _for_team(session, rows[: page.limit]), next_cursor=_next(rows, page))


@router.post(
    "/moderation/appeals/{appeal_id}/decision",
    summary="Grant or refuse an appeal (not one about your own call)",
    response_model=AppealOut,
    responses=error_responses(NotAuthenticated, CsrfFailed, Forbidden, NotFound, Conflict, Invalid),
)
async def decide(
    appeal_id: ItemId, body: AppealDecisionIn, viewer: Sanctioner, session: DbSession
) -> AppealOut:
    appeal = await appeals.decide(
        session,
        actor=viewer.member,
        appeal_id=appeal_id,
        granted=body.outcome == "granted",
        response=body.response,
    )
    return (await _for_team(session, [appeal]))[0]
