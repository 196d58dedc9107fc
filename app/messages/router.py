"""Private conversations between members, messaging preferences, and reporting a message."""

from typing import Annotated

from fastapi import APIRouter, Depends, status

from app.accounts.dependencies import CurrentViewer, Viewer, require, require_rules_agreed
from app.accounts.schemas import MemberRef
from app.core.deps import LimiterDep, SettingsDep
from app.core.errors import (
    CsrfFailed,
    Forbidden,
    Invalid,
    NotAuthenticated,
    NotFound,
    RateLimited,
    RulesAgreementRequired,
    Suspended,
    error_responses,
)
from app.core.permissions import Permission
from app.core.schemas import ItemId, Page, PageRequest, encode_cursor
from app.core.session import DbSession
from app.messages import delivery, repository, service
from app.messages.models import Message
from app.messages.repository import ConversationRow
from app.messages.schemas import (
    ConversationIn,
    ConversationOut,
    ConversationPage,
    ConversationStarted,
    ConversationThread,
    MessageIn,
    MessagePage,
    MessageWritten,
    MessagingPreferences,
    ReadIn,
)
from app.messages.service import NotAcceptingMessages, TooNewToStart
from app.moderation import reports
from app.moderation.deps import ScreenersDep
from app.moderation.intake import ScreeningNudge, ScreeningRefused
from app.moderation.reports_router import ERRORS as REPORT_ERRORS
from app.moderation.reports_router import Reporter
from app.moderation.review_schemas import ReportIn, ReportReceived

router = APIRouter(tags=["messages"])


async def _messenger(
    viewer: Annotated[Viewer, Depends(require(Permission.message_members), scope="function")],
    session: DbSession,
) -> Viewer:
    return await require_rules_agreed(viewer, session)


Messenger = Annotated[Viewer, Depends(_messenger, scope="function")]
Reader = Annotated[Viewer, Depends(require(Permission.read_wall), scope="function")]

READ_ERRORS = error_responses(NotAuthenticated, Forbidden, NotFound, Invalid)
WRITE_ERRORS = error_responses(
    NotAuthenticated,
    CsrfFailed,
    Suspended,
    RulesAgreementRequired,
    NotAcceptingMessages,
    TooNewToStart,
    NotFound,
    Invalid,
    ScreeningRefused,
    ScreeningNudge,
    RateLimited,
)


def message_page(
    rows: list[Message], page: PageRequest, *, viewer_id: int | None, names: dict[int | None, str | None]
) -> MessagePage:
    more = len(rows) > page.limit
    rows = rows[: page.limit]
    return MessagePage(
        items=[delivery.view(m, viewer_id=viewer_id, author=names.get(m.author_id)) for m in rows],
        next_cursor=encode_cursor(rows[-1].id) if more and rows else None,
    )


async def _conversation_out(session: DbSession, row: ConversationRow, viewer: Viewer) -> ConversationOut:
    last = None
    if row.place.last_message_id is not None:
        found = (await repository.by_ids(session, {row.place.last_message_id})).get(row.place.last_message_id)
        if found is not None:
            last = delivery.view(found, viewer_id=viewer.id, author=_names(row, viewer).get(found.author_id))
    return ConversationOut(
        id=row.conversation.id,
        other=MemberRef(pseudonym=row.other.pseudonym, avatar=row.other.avatar),
        last_message=last,
        unread_count=row.unread,
    )


def _names(row: ConversationRow, viewer: Viewer) -> dict[int | None, str | None]:
    return {viewer.id: viewer.member.pseudonym, row.other.id: row.other.pseudonym}


async def _row(session: DbSession, viewer: Viewer, conversation_id: int) -> ConversationRow:
    rows = await repository.conversations(
        session, viewer_id=viewer.id, page=PageRequest(after=None, limit=1), conversation_id=conversation_id
    )
    if not rows:
        raise NotFound(service.CONVERSATION_NOT_FOUND)
    return rows[0]


@router.get(
    "/conversations",
    summary="My conversations with other members, newest message first",
    response_model=ConversationPage,
    responses=READ_ERRORS,
)
async def my_conversations(viewer: Reader, session: DbSession, page: Page) -> ConversationPage:
    rows = await repository.conversations(session, viewer_id=viewer.id, page=page)
    more = len(rows) > page.limit
    rows = rows[: page.limit]
    return ConversationPage(
        items=[await _conversation_out(session, row, viewer) for row in rows],
        next_cursor=encode_cursor(rows[-1].place.last_message_id or 0) if more and rows else None,
        unread_conversations=await repository.unread_conversations(session, viewer_id=viewer.id),
    )


@router.post(
    "/conversations",
    summary="Write to a member (opens our conversation, or continues it)",
    status_code=status.HTTP_201_CREATED,
    response_model=ConversationStarted,
    responses=WRITE_ERRORS,
)
async def start_conversation(
    body: ConversationIn,
    viewer: Messenger,
    session: DbSession,
    settings: SettingsDep,
    limiter: LimiterDep,
    screeners: ScreenersDep,
) -> ConversationStarted:
    await limiter.hit("message", settings.rate_message, str(viewer.id), what="messages")
    conversation, message, notice = await service.start(
        session,
        writer=viewer.member,
        pseudonym=body.pseudonym,
        body=body.body,
        screeners=screeners,
        post_anyway=body.post_anyway,
        new_hours=settings.new_member_message_hours,
    )
    row = await _row(session, viewer, conversation.id)
    written = delivery.view(message, viewer_id=viewer.id, author=viewer.member.pseudonym)
    return ConversationStarted(
        conversation=await _conversation_out(session, row, viewer),
        message=MessageWritten(**written.model_dump(), screening=notice),
    )


@router.get(
    "/conversations/{conversation_id}",
    summary="One of my conversations, with its newest messages",
    response_model=ConversationThread,
    responses=READ_ERRORS,
)
async def conversation(
    conversation_id: ItemId, viewer: Reader, session: DbSession, page: Page
) -> ConversationThread:
    row = await _row(session, viewer, conversation_id)
    rows = await repository.messages(session, conversation_id=conversation_id, viewer_id=viewer.id, page=page)
    return ConversationThread(
        **(await _conversation_out(session, row, viewer)).model_dump(),
        messages=message_page(rows, page, viewer_id=viewer.id, names=_names(row, viewer)),
    )


@router.get(
    "/conversations/{conversation_id}/messages",
    summary="Earlier messages in one of my conversations, newest first",
    response_model=MessagePage,
    responses=READ_ERRORS,
)
async def messages(conversation_id: ItemId, viewer: Reader, session: DbSession, page: Page) -> MessagePage:
    row = await _row(session, viewer, conversation_id)
    rows = await repository.messages(session, conversation_id=conversation_id, viewer_id=viewer.id, page=page)
    return message_page(rows, page, viewer_id=viewer.id, names=_names(row, viewer))


@router.post(
    "/conversations/{conversation_id}/messages",
    summary="Write in one of my conversations",
    status_code=status.HTTP_201_CREATED,
    response_model=MessageWritten,
    responses=WRITE_ERRORS,
)
async def write(
    conversation_id: ItemId,
    body: MessageIn,
    viewer: Messenger,
    session: DbSession,
    settings: SettingsDep,
    limiter: LimiterDep,
    screeners: ScreenersDep,
) -> MessageWritten:
    await limiter.hit("message", settings.rate_message, str(viewer.id), what="messages")
    message, notice = await service.reply(
        session,
        writer=viewer.member,
        conversation_id=conversation_id,
        body=body.body,
        screeners=screeners,
        post_anyway=body.post_anyway,
    )
    written = delivery.view(message, viewer_id=viewer.id, author=viewer.member.pseudonym)
    return MessageWritten(**written.model_dump(), screening=notice)


@router.post(
    "/conversations/{conversation_id}/read",
    summary="Mark a conversation read (all of it, or up to one message)",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(NotAuthenticated, CsrfFailed, NotFound, Invalid),
)
async def mark_read(conversation_id: ItemId, body: ReadIn, viewer: CurrentViewer, session: DbSession) -> None:
    await service.own_conversation(session, viewer_id=viewer.id, conversation_id=conversation_id)
    place = await service.place_of(session, conversation_id=conversation_id, member_id=viewer.id)
    await service.mark_read(
        session,
        place=place,
        up_to_id=body.up_to_id,
        newest_id=await service.newest_message_id(session, conversation_id),
    )


@router.post(
    "/messages/{message_id}/report",
    summary="Report a message sent to me (it is hidden for me at once)",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=ReportReceived,
    responses=REPORT_ERRORS,
)
async def report_message(
    message_id: ItemId, body: ReportIn, viewer: Reporter, session: DbSession
) -> ReportReceived:
    await reports.report_message(
        session, reporter_id=viewer.id, message_id=message_id, rule_id=body.rule_id, note=body.note
    )
    return ReportReceived(message=reports.RECEIVED)


@router.get(
    "/me/messaging",
    summary="Who may start a conversation with me, and whether I am listed as new",
    response_model=MessagingPreferences,
    responses=error_responses(NotAuthenticated),
)
async def my_preferences(viewer: CurrentViewer, session: DbSession) -> MessagingPreferences:
    found = await service.preferences(session, viewer.id)
    return MessagingPreferences(accept_from=found.accept_from, listed_as_new=found.listed_as_new)


@router.put(
    "/me/messaging",
    summary="Change who may start a conversation with me, and whether I am listed as new",
    response_model=MessagingPreferences,
    responses=error_responses(NotAuthenticated, CsrfFailed, Invalid),
)
async def set_preferences(
    body: MessagingPreferences, viewer: CurrentViewer, session: DbSession
) -> MessagingPreferences:
    found = await service.set_preferences(
        session, member_id=viewer.id, accept_from=body.accept_from, listed_as_new=body.listed_as_new
    )
    return MessagingPreferences(accept_from=found.accept_from, listed_as_new=found.listed_as_new)
