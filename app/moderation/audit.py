"""The audit log: every privileged action writes one entry in the same transaction as the action."""

import json
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.core.db import utcnow
from app.moderation.models import AuditEntry


async def record(
    session: AsyncSession,
    *,
    actor_id: int | None,
    action: str,
    target_type: str | None = None,
    target_id: int | None = None,
    target_member_id: int | None = None,
    rule_id: int | None = None,
    reason: str | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """`action` is a stable dotted name such as "rule.edited" or "item.removed"."""
    entry = AuditEntry(
        actor_id=actor_id,
        action=action,
        target_type=target_type,
        target_id=target_id,
        target_member_id=target_member_id,
        rule_id=rule_id,
        reason=reason,
        details=json.dumps(details or {}, default=str, separators=(",", ":")),
        created_at=utcnow(),
    )
    session.add(entry)
    await session.flush()
    return entry
