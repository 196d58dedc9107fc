"""One compiled screener per worker, rebuilt when the checks' version moves on (on any worker's change)."""

import asyncio
import json

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.moderation.models import ScreeningCheck, ScreeningVersion
from app.moderation.screening import CheckSpec, Screener, compile_checks, spec_from_dict


def spec_of(check: ScreeningCheck) -> CheckSpec:
    """A stored check as the screener takes it: the same shape as a starter check."""
    row = {
        "kind": check.kind,
        "action": check.action,
        "phrases": json.loads(check.phrases),
        "pattern": check.pattern,
        "min_letters": check.min_letters,
        "max_capital_share": check.max_capital_share,
        "contact_kinds": json.loads(check.contact_kinds),
        "sensitive": check.sensitive,
    }
    return spec_from_dict(row, id=check.id, rule_id=check.rule_id)


NEWEST_VERSION = select(func.max(ScreeningVersion.version))


class ScreenerCache:
    def __init__(self) -> None:
        self._version: int | None = None
        self._screener: Screener | None = None
        self._lock = asyncio.Lock()

    async def current(self, session: AsyncSession) -> Screener:
        """The screener for the newest version; a version check costs one small query."""
        version = await session.scalar(NEWEST_VERSION)
        if self._screener is not None and version == self._version:
            return self._screener
        async with self._lock:
            if self._screener is None or version != self._version:
                live = select(ScreeningCheck).where(ScreeningCheck.retired_at.is_(None))
                specs = [spec_of(check) for check in await session.scalars(live)]
                # Compiling a large phrase list takes a moment: off the event loop.
                self._screener = await asyncio.to_thread(compile_checks, specs)
                self._version = version
        return self._screener

    def kept(self) -> tuple[int | None, Screener] | None:
        """The screener built last, with its version, for a caller that checks the version itself."""
        return None if self._screener is None else (self._version, self._screener)
