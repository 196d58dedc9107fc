"""An erased member's pseudonym is held back for 90 days, so no one can take it and pass for them while
the members who knew them might still be looking for them; then it is free again.

The hold is the erased row keeping its `pseudonym_key` (unique, so joining under the name or a look-alike
is refused). Release gives the row a key no pseudonym can have ("~" is never in one) and forgets the name.
Every worker releases what is due now and then; joining releases the one key it needs at once, so the
name is free on the day even if no worker has run yet.
"""

from datetime import datetime, timedelta

from sqlalchemy import String, cast, literal, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.models import Member
from app.core.db import utcnow

HOLD = timedelta(days=90)
RELEASED_PREFIX = "~erased-"
ERASED_NAME = "erased member"


async def release_held_pseudonyms(
    session: AsyncSession, *, now: datetime | None = None, key: str | None = None
) -> int:
    """Frees the pseudonyms whose hold has passed (only `key`, when given); returns how many."""
    now = now or utcnow()
    query = update(Member).where(
        Member.erased_at.is_not(None),
        Member.erased_at <= now - HOLD,
        Member.pseudonym_key.not_like(f"{RELEASED_PREFIX}%"),
    )
    if key is not None:
        query = query.where(Member.pseudonym_key == key)
    result = await session.execute(
        query.values(
            pseudonym_key=literal(RELEASED_PREFIX, String) + cast(Member.id, String), pseudonym=ERASED_NAME
        ).execution_options(synchronize_session=False)
    )
    return result.rowcount  # type: ignore[attr-defined]
