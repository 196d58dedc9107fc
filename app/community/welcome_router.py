"""The new members view, welcoming a new member, and the welcomes I received."""

from typing import Annotated

from fastapi import APIRouter, Depends, status

from app.accounts.dependencies import CurrentViewer, PseudonymPath, Viewer, require
from app.accounts.schemas import MemberRef
from app.community import welcomes
from app.community.welcome_schemas import (
    NewMemberOut,
    NewMemberPage,
    WelcomeIn,
    WelcomeOut,
    WelcomePage,
    WelcomeSent,
)
from app.core.deps import LimiterDep, SettingsDep
from app.core.errors import Forbidden, Invalid, NotAuthenticated, error_responses
from app.core.permissions import Permission
from app.core.schemas import Page, encode_cursor
from app.core.session import DbSession
from app.messages import delivery
from app.messages.router import WRITE_ERRORS, Messenger
from app.messages.schemas import MessageWritten
from app.moderation.deps import ScreenersDep

router = APIRouter(tags=["new members"])
Reader = Annotated[Viewer, Depends(require(Permission.read_wall), scope="function")]


@router.get(
    "/members/new",
    summary="Members who joined lately, newest first, with how many have welcomed each",
    response_model=NewMemberPage,
    responses=error_responses(NotAuthenticated, Forbidden, Invalid),
)
async def new_members(viewer: Reader, session: DbSession, page: Page, settings: SettingsDep) -> NewMemberPage:
    rows = await welcomes.new_members(session, viewer_id=viewer.id, page=page, days=settings.new_members_days)
    more = len(rows) > page.limit
    rows = rows[: page.limit]
    return NewMemberPage(
        items=[
            NewMemberOut(
                member=MemberRef(pseudonym=r.member.pseudonym, avatar=r.member.avatar),
                joined_at=r.member.joined_at,
                welcome_count=r.welcome_count,
                welcomed_by_me=r.welcomed_by_me,
            )
            for r in rows
        ],
        next_cursor=encode_cursor(rows[-1].member.id) if more and rows else None,
    )


@router.post(
    "/members/{pseudonym}/welcome",
    summary="Welcome a new member (a message in our conversation; once per member)",
    status_code=status.HTTP_201_CREATED,
    response_model=WelcomeSent,
    responses={**WRITE_ERRORS, **error_responses(welcomes.AlreadyWelcomed)},
)
async def welcome(
    pseudonym: PseudonymPath,
    body: WelcomeIn,
    viewer: Messenger,
    session: DbSession,
    settings: SettingsDep,
    limiter: LimiterDep,
    screeners: ScreenersDep,
) -> WelcomeSent:
    await limiter.hit("message", settings.rate_message, str(viewer.id), what="messages")
    message, notice = await welcomes.welcome(
        session,
        welcomer=viewer.member,
        pseudonym=pseudonym,
        text=body.message,
        screeners=screeners,
        post_anyway=body.post_anyway,
        days=settings.new_members_days,
        new_hours=settings.new_member_message_hours,
    )
    written = delivery.view(message, viewer_id=viewer.id, author=viewer.member.pseudonym)
    return WelcomeSent(
        conversation_id=message.conversation_id,
        message=MessageWritten(**written.model_dump(), screening=notice),
    )


@router.get(
    "/me/welcomes",
    summary="Who welcomed me, newest first",
    response_model=WelcomePage,
    responses=error_responses(NotAuthenticated, Invalid),
)
async def my_welcomes(viewer: CurrentViewer, session: DbSession, page: Page) -> WelcomePage:
    rows = await welcomes.my_welcomes(session, member_id=viewer.id, page=page)
    more = len(rows) > page.limit
    rows = rows[: page.limit]
    return WelcomePage(
        items=[
            WelcomeOut(
                id=r.id,
                member=MemberRef(pseudonym=r.welcomer.pseudonym, avatar=r.welcomer.avatar),
                conversation_id=r.conversation_id,
                created_at=r.created_at,
            )
            for r in rows
        ],
        next_cursor=encode_cursor(rows[-1].id) if more and rows else None,
    )
