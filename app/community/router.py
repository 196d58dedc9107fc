"""The member's notifications: what they are told, and which kinds they choose to be told of."""

import json

from fastapi import APIRouter, status

from app.accounts.dependencies import CurrentViewer
from app.community import notifications
from app.community.schemas import (
    MarkReadIn,
    NotificationChoice,
    NotificationOut,
    NotificationPage,
    NotificationSettings,
    NotificationSettingsIn,
    RulesChangedNotice,
)
from app.core.db import utcnow
from app.core.errors import CsrfFailed, Invalid, NotAuthenticated, error_responses
from app.core.schemas import Page, encode_cursor
from app.core.session import DbSession
from app.moderation.service import current_version

router = APIRouter(tags=["notifications"])

ALWAYS_ON = [
    "Moderation notices about your own account (a removal and the rule it broke, a warning, a suspension, "
    "an appeal decided, a pause on posting): they explain a decision and how to appeal it.",
    "The welcome back when a break ends.",
]


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
    member = viewer.member
    current = (await current_version(session)).version
    rules_changed = None
    if member.rules_version_agreed != current and notifications.wants(member, "rules.changed"):
        rules_changed = RulesChangedNotice(
            agreed_version=member.rules_version_agreed, current_version=current
        )
    # On a break nothing calls the member back: the count waits for their return; the list is there if
    # they look.
    unread = 0
    if not member.on_break(utcnow()):
        unread = await notifications.unread_count(session, member_id=viewer.id) + (rules_changed is not None)
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
        unread_count=unread,
        rules_changed=rules_changed,
    )


@router.post(
    "/me/notifications/read",
    summary="Mark my notifications read (all, or up to one)",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(NotAuthenticated, CsrfFailed, Invalid),
)
async def mark_read(body: MarkReadIn, viewer: CurrentViewer, session: DbSession) -> None:
    await notifications.mark_read(session, member_id=viewer.id, up_to_id=body.up_to_id)


def _settings(viewer: CurrentViewer) -> NotificationSettings:
    off = notifications.turned_off(viewer.member)
    return NotificationSettings(
        choices=[
            NotificationChoice(kind=kind, label=label, on=kind not in off)
            for kind, label in notifications.CHOOSABLE.items()
        ],
        always_on=ALWAYS_ON,
    )


@router.get(
    "/me/notification-settings",
    summary="Which kinds of notification I get",
    response_model=NotificationSettings,
    responses=error_responses(NotAuthenticated),
)
async def notification_settings(viewer: CurrentViewer) -> NotificationSettings:
    return _settings(viewer)


@router.put(
    "/me/notification-settings",
    summary="Choose which kinds of notification I get",
    response_model=NotificationSettings,
    responses=error_responses(NotAuthenticated, CsrfFailed, Invalid),
)
async def choose_notifications(
    body: NotificationSettingsIn, viewer: CurrentViewer, session: DbSession
) -> NotificationSettings:
    session.add(viewer.member)
    await notifications.set_choices(session, member=viewer.member, choices=dict(body.kinds))
    return _settings(viewer)
