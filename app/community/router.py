"""The member's notifications: moderation notices, report outcomes, and whatever else they are told."""

import json

from fastapi import APIRouter, status

from app.accounts.dependencies import CurrentViewer
from app.community import notifications
from app.community.schemas import MarkReadIn, NotificationOut, NotificationPage
from app.core.errors import CsrfFailed, Invalid, NotAuthenticated, error_responses
from app.core.schemas import Page, encode_cursor
from app.core.session import DbSession

router = APIRouter(tags=["notifications"])


@router.get(
    "/me/notifications",
    summary="My notifications, newest first, with how many are unread",
    response_model=NotificationPage,
    responses=error_responses(NotAuthenticated, Invalid),
)
async def my_notifications(viewer: CurrentViewer, session: DbSession, page: Page) -> NotificationPage:
    rows = await notifications.notifications(session, member_id=viewer.id, page=page)
    more = len(rows) > page.limit
    rows = rows[: page.limit]
    return NotificationPage(
        items=[
            NotificationOut(
                id=row.id,
                kind=row.kind,
                data=json.loads(row.data),
                created_at=row.created_at,
                read=row.read_at is not None,
            )
            for row in rows
        ],
        next_cursor=encode_cursor(rows[-1].id) if more and rows else None,
        unread_count=await notifications.unread_count(session, member_id=viewer.id),
    )


@router.post(
    "/me/notifications/read",
    summary="Mark my notifications read (all, or up to one)",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(NotAuthenticated, CsrfFailed, Invalid),
)
async def mark_read(body: MarkReadIn, viewer: CurrentViewer, session: DbSession) -> None:
    await notifications.mark_read(session, member_id=viewer.id, up_to_id=body.up_to_id)
