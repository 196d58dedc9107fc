"""The moderators' tools beside the queue: the audit log, private notes on members, removal messages;
and crisis help, which anyone can read."""

import json
from typing import Annotated

from fastapi import APIRouter, Depends, Query, status
from pydantic import AwareDatetime

from app.accounts.dependencies import PseudonymPath, Viewer, require
from app.core.errors import CsrfFailed, Forbidden, Invalid, NotAuthenticated, NotFound, error_responses
from app.core.permissions import Permission
from app.core.schemas import Page, encode_cursor
from app.core.session import DbSession
from app.moderation import audit_log, notes, settings, settings_admin
from app.moderation.audit_log import AuditFilters
from app.moderation.team_schemas import (
    AuditEntryOut,
    AuditPage,
    HelpLink,
    HelpOut,
    HelpSignpost,
    NoteIn,
    NoteOut,
    NotePage,
    RemovalMessagesOut,
)

router = APIRouter(tags=["moderation team"])

AuditReader = Annotated[Viewer, Depends(require(Permission.read_audit), scope="function")]
Reviewer = Annotated[Viewer, Depends(require(Permission.review), scope="function")]


@router.get(
    "/moderation/audit",
    summary="The audit log, newest first, filtered",
    response_model=AuditPage,
    responses=error_responses(NotAuthenticated, Forbidden, Invalid),
)
async def audit_entries(
    viewer: AuditReader,
    session: DbSession,
    page: Page,
    action: Annotated[str | None, Query(max_length=40, description='such as "rule.edited"')] = None,
    actor: Annotated[str | None, Query(max_length=60, description="who acted (a pseudonym)")] = None,
    member: Annotated[str | None, Query(max_length=60, description="whom it was about (a pseudonym)")] = None,
    rule_id: Annotated[int | None, Query(ge=1, le=2**63 - 1)] = None,
    since: Annotated[AwareDatetime | None, Query(description="from this time on")] = None,
    until: Annotated[AwareDatetime | None, Query(description="before this time")] = None,
) -> AuditPage:
    filters = AuditFilters(
        action=action, actor=actor, member=member, rule_id=rule_id, since=since, until=until
    )
    rows = await audit_log.entries(session, filters=filters, page=page)
    more = len(rows) > page.limit
    rows = rows[: page.limit]
    return AuditPage(
        items=[
            AuditEntryOut(
                id=row.entry.id,
                action=row.entry.action,
                actor=row.actor,
                target_type=row.entry.target_type,
                target_id=row.entry.target_id,
                member=row.member,
                rule_id=row.entry.rule_id,
                reason=row.entry.reason,
                details=json.loads(row.entry.details),
                created_at=row.entry.created_at,
            )
            for row in rows
        ],
        next_cursor=encode_cursor(rows[-1].entry.id) if more and rows else None,
    )


@router.get(
    "/moderation/members/{pseudonym}/notes",
    summary="Moderators' private notes on a member, newest first",
    response_model=NotePage,
    responses=error_responses(NotAuthenticated, Forbidden, NotFound, Invalid),
)
async def member_notes(
    pseudonym: PseudonymPath, viewer: Reviewer, session: DbSession, page: Page
) -> NotePage:
    rows = await notes.notes(session, pseudonym=pseudonym, page=page)
    more = len(rows) > page.limit
    rows = rows[: page.limit]
    return NotePage(
        items=[NoteOut(id=n.id, author=author, body=n.body, created_at=n.created_at) for n, author in rows],
        next_cursor=encode_cursor(rows[-1][0].id) if more and rows else None,
    )


@router.post(
    "/moderation/members/{pseudonym}/notes",
    summary="Add a private note on a member (moderators only; the member never sees it)",
    status_code=status.HTTP_201_CREATED,
    response_model=NoteOut,
    responses=error_responses(NotAuthenticated, CsrfFailed, Forbidden, NotFound, Invalid),
)
async def add_note(pseudonym: PseudonymPath, body: NoteIn, viewer: Reviewer, session: DbSession) -> NoteOut:
    note = await notes.add_note(session, author_id=viewer.id, pseudonym=pseudonym, body=body.body)
    return NoteOut(id=note.id, author=viewer.member.pseudonym, body=note.body, created_at=note.created_at)


@router.get(
    "/moderation/removal-messages",
    summary="The texts moderators start from when they explain a removal",
    response_model=RemovalMessagesOut,
    responses=error_responses(NotAuthenticated, Forbidden),
)
async def removal_messages(viewer: Reviewer, session: DbSession) -> RemovalMessagesOut:
    return RemovalMessagesOut(items=(await settings.load(session)).removal_messages.items)


@router.get("/help", summary="Crisis help: who to reach now, for anyone", response_model=HelpOut)
async def help_signposts(session: DbSession) -> HelpOut:
    signposts = (await settings.load(session)).signposts
    items = []
    for signpost in signposts.items:
        link = settings_admin.signpost_link(signpost)
        items.append(
            HelpSignpost(
                **signpost.model_dump(),
                link=HelpLink(label=link[0], href=link[1]) if link else None,
            )
        )
    return HelpOut(intro=signposts.intro, items=items)
