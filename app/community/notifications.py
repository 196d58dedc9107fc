"""Telling a member something: stored, so it waits for them, and sent live to their open screens."""

import json
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.community.models import Notification
from app.core.db import utcnow
from app.realtime import events


async def notify(session: AsyncSession, *, member_id: int, kind: str, data: dict[str, Any]) -> Notification:
    """`kind` is a stable dotted name such as "moderation.removed" or "report.outcome"."""
    notification = Notification(
        member_id=member_id,
        kind=kind,
        data=json.dumps(data, default=str, separators=(",", ":")),
        created_at=utcnow(),
    )
    session.add(notification)
    await session.flush()
    await events.record(
        session,
        kind="notification",
        audience=events.member_audience(member_id),
        data={
            "id": notification.id,
            "kind": kind,
            "data": data,
            "created_at": notification.created_at.isoformat(),
        },
    )
    return notification
