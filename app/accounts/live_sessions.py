"""Sessions this worker checked in the last minute, so the hottest read can skip the session lookup.

Only the newest wall page uses them (app/wall/fast_path.py); every other request looks its session up.
An entry is trusted only while the database path would not touch the session again (a minute), and is
dropped the moment any worker ends a session of its member: `session.ended` events (sign-out, password
change, recovery, and whatever else ends sessions) reach every worker's hub, and the hub tells this.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.accounts.models import Member, MemberSession
from app.core.permissions import Role
from app.realtime.events import StreamEvent, member_of

TRUSTED_FOR = timedelta(seconds=60)  # the database path touches a session this often


def due_its_touch(last_seen_at: datetime, now: datetime) -> bool:
    """Whether the database path records the session as seen again now."""
    return now - last_seen_at > TRUSTED_FOR


_MOST_SESSIONS = 50_000


@dataclass(frozen=True)
class LiveSession:
    member_id: int
    role: Role
    expires_at: datetime
    idle_until: datetime
    last_seen_at: datetime

    def trusted(self, now: datetime) -> bool:
        return not due_its_touch(self.last_seen_at, now) and now < self.expires_at and now < self.idle_until


class LiveSessions:
    def __init__(self, *, idle: timedelta, hearing: Callable[[], int | None]):
        self._idle = idle
        self._hearing = hearing  # the broadcaster's: while it is None, a session.ended may be missed
        self._heard_since: int | None = None
        self._by_token: dict[str, LiveSession] = {}
        self._by_member: dict[int, set[str]] = {}
        self._ended = 0  # moves on with every session.ended, so a lookup that raced one is not kept

    @property
    def epoch(self) -> int:
        return self._ended

    def get(self, token_hash: str, now: datetime) -> LiveSession | None:
        hearing = self._hearing()
        if hearing != self._heard_since:
            self._heard_since = hearing
            self._ended += 1
            self._by_token.clear()
            self._by_member.clear()
        if hearing is None:
            return None
        found = self._by_token.get(token_hash)
        return found if found is not None and found.trusted(now) else None

    def remember(
        self, token_hash: str, row: MemberSession, member: Member, *, last_seen_at: datetime, epoch: int
    ) -> None:
        """After the database said the session is live; `epoch` is `self.epoch` from before it asked."""
        if epoch != self._ended:
            return
        if len(self._by_token) >= _MOST_SESSIONS:
            self._by_token.clear()
            self._by_member.clear()
        self._by_token[token_hash] = LiveSession(
            member_id=member.id,
            role=member.role,
            expires_at=row.expires_at,
            idle_until=last_seen_at + self._idle,
            last_seen_at=last_seen_at,
        )
        self._by_member.setdefault(member.id, set()).add(token_hash)

    def observe(self, event: StreamEvent) -> None:
        if event.kind != "session.ended":
            return
        self._ended += 1
        # All of the member's, not just the sessions named: the others are looked up again, once.
        for token_hash in self._by_member.pop(member_of(event.audience) or 0, ()):
            self._by_token.pop(token_hash, None)
