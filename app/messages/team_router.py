"""The moderator team inbox: a member's conversation with the team, and the moderators' side of it;
and moderators reading a queued private message in its context."""

from typing import Annotated

from fastapi import APIRouter, Depends, status

from app.accounts.dependencies import PseudonymPath, Viewer, require
from app.accounts.models import Member
from app.accounts.relations import visible_member
from app.accounts.schemas import MemberRef
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
from app.core.schemas import ItemId, Page, encode_cursor
from app.core.session import DbSession
from app.messages import context, delivery, repository, service, team
from app.messages.models import Conversation, Message
from app.messages.router import message_page
from app.messages.schemas import (
    InboxEntry,
    InboxPage,
    InboxThread,
    MessageContext,
    MessageOut,
    MessageWritten,
    ReadIn,
    TeamConversationOut,
    TeamMessageIn,
)
from app.moderation import settings as community_settings
from app.moderation.deps import ScreenersDep
from app.moderation.intake import ScreeningRefused

router = APIRouter(tags=["team inbox"])

Contact = Annotated[Viewer, Depends(require(Permission.contact_team), scope="function")]
Reviewer = Annotated[Viewer, Depends(require(Permission.review), scope="function")]
READ_ERRORS = error_responses(NotAuthenticated, Forbidden, NotFound, Invalid)
WRITE_ERRORS = error_responses(NotAuthenticated, CsrfFailed, Forbidden, NotFound, Invalid, RateLimited)


@router.get(
    "/me/team-conversation",
    summary="My conversation with the moderator team, newest first",
    response_model=TeamConversationOut,
    responses=READ_ERRORS,
)
async def my_team_conversation(viewer: Contact, session: DbSession, page: Page) -> TeamConversationOut:
    persona = (await community_settings.load(session)).team.persona_name
    found = await team.find(session, viewer.id)
    if found is None:
        return TeamConversationOut(
            id=None,
            team=persona,
            unread_count=0,
            messages=message_page([], page, viewer_id=viewer.id, names={}),
        )
    place = await service.place_of(session, conversation_id=found.id, member_id=viewer.id)
    rows = await repository.messages(session, conversation_id=found.id, viewer_id=viewer.id, page=page)
    shown = rows[: page.limit]
    page_out = message_page(rows, page, viewer_id=viewer.id, names={viewer.id: viewer.member.pseudonym})
    # Each team message is signed as the member should see it: the persona, unless the team signs.
    for item, row in zip(page_out.items, shown, strict=True):
        if row.from_team:
            item.author = await delivery.team_signature(session, row)
    return TeamConversationOut(
        id=found.id,
        team=persona,
        unread_count=await repository.unread_in(
            session, conversation_id=found.id, viewer_id=viewer.id, after_id=place.last_read_message_id
        ),
        messages=page_out,
    )


@router.post(
    "/me/team-conversation/messages",
    summary="Write to the moderator team (open to suspended members too)",
    status_code=status.HTTP_201_CREATED,
    response_model=MessageWritten,
    responses=error_responses(
        NotAuthenticated, CsrfFailed, Forbidden, Invalid, ScreeningRefused, RateLimited
    ),
)
async def write_to_team(
    body: TeamMessageIn,
    viewer: Contact,
    session: DbSession,
    settings: SettingsDep,
    limiter: LimiterDep,
    screeners: ScreenersDep,
) -> MessageWritten:
    await limiter.hit("message", settings.rate_message, str(viewer.id), what="messages")
    message, notice = await team.member_writes(
        session, member_id=viewer.id, body=body.body, screeners=screeners
    )
    written = delivery.view(message, viewer_id=viewer.id, author=viewer.member.pseudonym)
    return MessageWritten(**written.model_dump(), screening=notice)


@router.post(
    "/me/team-conversation/read",
    summary="Mark my conversation with the team read",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(NotAuthenticated, CsrfFailed, Forbidden, NotFound, Invalid),
)
async def read_team_conversation(body: ReadIn, viewer: Contact, session: DbSession) -> None:
    found = await team.find(session, viewer.id)
    if found is None:
        raise NotFound(team.TEAM_CONVERSATION_NOT_FOUND)
    place = await service.place_of(session, conversation_id=found.id, member_id=viewer.id)
    await service.mark_read(
        session,
        place=place,
        up_to_id=body.up_to_id,
        newest_id=await service.newest_message_id(session, found.id),
    )


async def _entry(
    session: DbSession, conversation: Conversation, member: MemberRef, unread: int
) -> InboxEntry:
    last_id = conversation.team_last_message_id
    last = (await repository.by_ids(session, {last_id})).get(last_id) if last_id else None
    return InboxEntry(
        id=conversation.id,
        member=member,
        awaiting_team=conversation.awaiting_team,
        unread_count=unread,
        last_message=await _team_view(session, last) if last else None,
    )


async def _team_view(session: DbSession, message: Message) -> MessageOut:
    """The team sees which moderator wrote each of its messages."""
    who = await session.get(Member, message.author_id) if message.author_id else None
    return delivery.view(message, viewer_id=None, author=who.pseudonym if who else None)


@router.get(
    "/moderation/inbox",
    summary="The team inbox: members' conversations with the team, unanswered first, then newest",
    response_model=InboxPage,
    responses=READ_ERRORS,
)
async def inbox(viewer: Reviewer, session: DbSession, page: Page) -> InboxPage:
    rows = await repository.team_inbox(session, page=page)
    more = len(rows) > page.limit
    rows = rows[: page.limit]
    return InboxPage(
        items=[
            await _entry(session, c, MemberRef(pseudonym=m.pseudonym, avatar=m.avatar), n) for c, m, n in rows
        ],
        next_cursor=encode_cursor(rows[-1][0].id) if more and rows else None,
        awaiting_team_total=await repository.awaiting_team_total(session),
    )


@router.get(
    "/moderation/inbox/{conversation_id}",
    summary="One member's conversation with the team",
    response_model=InboxThread,
    responses=READ_ERRORS,
)
async def inbox_thread(
    conversation_id: ItemId, viewer: Reviewer, session: DbSession, page: Page
) -> InboxThread:
    conversation, member = await team.team_conversation(session, conversation_id)
    rows = await repository.messages(session, conversation_id=conversation.id, viewer_id=None, page=page)
    shown = rows[: page.limit]
    items = [await _team_view(session, m) for m in shown]
    unread = sum(1 for m in shown if not m.from_team and m.id > conversation.team_read_message_id)
    entry = await _entry(
        session, conversation, MemberRef(pseudonym=member.pseudonym, avatar=member.avatar), unread
    )
    more = len(rows) > page.limit
    return InboxThread(
        **entry.model_dump(),
        messages={"items": items, "next_cursor": encode_cursor(shown[-1].id) if more and shown else None},
    )


@router.post(
    "/moderation/inbox/{conversation_id}/messages",
    summary="Answer a member from the team",
    status_code=status.HTTP_201_CREATED,
    response_model=MessageOut,
    responses=WRITE_ERRORS,
)
async def answer(
    conversation_id: ItemId, body: TeamMessageIn, viewer: Reviewer, session: DbSession
) -> MessageOut:
    message = await team.answer(
        session, moderator=viewer.member, conversation_id=conversation_id, body=body.body
    )
    return await _team_view(session, message)


@router.post(
    "/moderation/inbox/{conversation_id}/read",
    summary="Mark a member's conversation read for the whole team",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(NotAuthenticated, CsrfFailed, Forbidden, NotFound, Invalid),
)
async def inbox_read(conversation_id: ItemId, body: ReadIn, viewer: Reviewer, session: DbSession) -> None:
    await team.team_read(session, conversation_id=conversation_id, up_to_id=body.up_to_id)


@router.post(
    "/moderation/members/{pseudonym}/conversation",
    summary="Write to a member from the team (in their one conversation with the team)",
    status_code=status.HTTP_201_CREATED,
    response_model=MessageOut,
    responses=WRITE_ERRORS,
)
async def write_to_member(
    pseudonym: PseudonymPath, body: TeamMessageIn, viewer: Reviewer, session: DbSession
) -> MessageOut:
    member = await visible_member(session, viewer_id=viewer.id, pseudonym=pseudonym)
    message = await team.start_with(session, moderator=viewer.member, member=member, body=body.body)
    return await _team_view(session, message)


@router.post(
    "/moderation/messages/{message_id}/context",
    summary="Read a queued private message with the messages around it (recorded in the audit log)",
    response_model=MessageContext,
    responses=error_responses(NotAuthenticated, CsrfFailed, Forbidden, NotFound, Invalid),
)
async def message_context(message_id: ItemId, viewer: Reviewer, session: DbSession) -> MessageContext:
    return await context.read(session, moderator_id=viewer.id, message_id=message_id)
