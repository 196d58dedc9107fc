"""The rules of accounts: joining, signing in, sessions, passwords, recovery, profiles, roles."""

from collections.abc import Collection
from datetime import UTC, datetime, timedelta
from typing import Protocol

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.avatars import AVATARS, random_avatar
from app.accounts.models import Member, MemberSession
from app.accounts.pseudonym_hold import release_held_pseudonyms
from app.accounts.pseudonyms import normalise_pseudonym, pseudonym_problem, reserved_problem, skeleton
from app.core.config import Settings
from app.core.db import utcnow
from app.core.errors import Invalid, NotAuthenticated, NotFound
from app.core.permissions import Role
from app.core.security import (
    PasswordHasher,
    hash_token,
    new_recovery_code,
    new_token,
    normalise_recovery_code,
    password_problem,
)
from app.messages import team as team_inbox
from app.moderation import intake
from app.moderation import settings as community_settings
from app.moderation.models import TargetType
from app.moderation.schemas import ScreeningNotice
from app.moderation.screening_cache import ScreenerCache
from app.moderation.service import current_version
from app.realtime import events

# A ban is a suspension that never ends on its own.
PERMANENT = datetime(9999, 1, 1, tzinfo=UTC)
WRONG_CREDENTIALS = "That pseudonym and password don't match an account."
PSEUDONYM_TAKEN = "That pseudonym, or one that looks very like it, is taken. Try another."


def _check_password(password: str, pseudonym: str, field: str) -> None:
    problem = password_problem(password, pseudonym=pseudonym)
    if problem:
        raise Invalid(problem, field=field)


async def create_member(
    session: AsyncSession,
    *,
    hasher: PasswordHasher,
    pseudonym: str,
    password: str,
    screeners: ScreenerCache,
    agreed_rules_version: int | None = None,
    role: Role = Role.member,
    reserved_ok: bool = False,
) -> tuple[Member, str, ScreeningNotice | None]:
    """Make an account; returns it with its one-time recovery code, and what screening says.

    The pseudonym is screened like any member text: a name that breaks a house rule is refused, one a
    check flags is queued for a moderator to look at, one with crisis words brings help.
    """
    pseudonym = normalise_pseudonym(pseudonym)
    problem = pseudonym_problem(pseudonym)
    if not problem and not reserved_ok:
        # The persona as administrators name it today, so no member can pass for the team.
        persona = (await community_settings.load(session)).team.persona_name
        problem = reserved_problem(pseudonym, extra_reserved=(persona,))
    if problem:
        raise Invalid(problem, field="pseudonym")
    _check_password(password, pseudonym, "password")
    rules = await current_version(session)
    if agreed_rules_version is not None and agreed_rules_version != rules.version:
        raise Invalid(
            f"The house rules are now at version {rules.version}; read them and agree to that version.",
            field="agreed_rules_version",
        )
    key = skeleton(pseudonym)
    await release_held_pseudonyms(session, key=key)
    if await session.scalar(select(Member.id).where(Member.pseudonym_key == key)) is not None:
        raise Invalid(PSEUDONYM_TAKEN, field="pseudonym")
    verdict = await intake.check_words(
        session, screeners=screeners, member_id=None, texts={"pseudonym": pseudonym}, can_wait=False
    )
    recovery_code = new_recovery_code()
    member = Member(
        pseudonym=pseudonym,
        pseudonym_key=key,
        password_hash=await hasher.hash(password),
        recovery_code_hash=await hasher.hash(normalise_recovery_code(recovery_code)),
        role=role,
        avatar=random_avatar(),
        rules_version_agreed=rules.version,
    )
    session.add(member)
    try:
        await session.flush()
    except IntegrityError:  # someone took the name between the check and the insert
        raise Invalid(PSEUDONYM_TAKEN, field="pseudonym") from None
    await events.record(
        session,
        kind="member.joined",
        audience=events.WALL,
        data={"member": {"pseudonym": member.pseudonym, "avatar": member.avatar}},
        author_id=member.id,
    )
    notice = await intake.after_stored(
        session, verdict, target_type=TargetType.member, target_id=member.id, member_id=member.id
    )
    await team_inbox.welcome_new_member(session, member)
    return member, recovery_code, notice


async def find_member(session: AsyncSession, pseudonym: str) -> Member | None:
    """The account a pseudonym names (ignoring case and look-alikes), unless erased."""
    if "\x00" in pseudonym:
        return None  # no pseudonym holds one, and PostgreSQL's text cannot even be asked about it
    return await session.scalar(
        select(Member).where(
            Member.pseudonym_key == skeleton(normalise_pseudonym(pseudonym)), Member.erased_at.is_(None)
        )
    )


async def sign_in(session: AsyncSession, *, hasher: PasswordHasher, pseudonym: str, password: str) -> Member:
    member = await find_member(session, pseudonym)
    matches, new_hash = await hasher.verify(password, member.password_hash if member else None)
    if member is None or not matches:
        raise NotAuthenticated(WRONG_CREDENTIALS)
    if new_hash:
        member.password_hash = new_hash
    return member


async def start_session(
    session: AsyncSession, *, member: Member, device: str, settings: Settings
) -> tuple[MemberSession, str]:
    token = new_token()
    now = utcnow()
    row = MemberSession(
        member_id=member.id,
        token_hash=hash_token(token),
        device=device[:120] or "unknown device",
        created_at=now,
        last_seen_at=now,
        expires_at=now + timedelta(days=settings.session_absolute_days),
    )
    session.add(row)
    await session.flush()
    return row, token


class SessionTimes(Protocol):
    """What decides whether a session is live: a MemberSession, or the same columns read another way."""

    ended_at: datetime | None
    expires_at: datetime
    last_seen_at: datetime


def session_is_live(row: SessionTimes, *, settings: Settings, now: datetime) -> bool:
    return (
        row.ended_at is None
        and row.expires_at > now
        and row.last_seen_at + timedelta(minutes=settings.session_idle_minutes) > now
    )


async def session_for_token(session: AsyncSession, token: str) -> tuple[MemberSession, Member] | None:
    row = (
        await session.execute(
            select(MemberSession, Member)
            .join(Member, Member.id == MemberSession.member_id)
            .where(MemberSession.token_hash == hash_token(token), Member.erased_at.is_(None))
        )
    ).first()
    return (row[0], row[1]) if row else None


async def live_sessions_by_token(
    session: AsyncSession, token_hashes: Collection[str], *, settings: Settings, now: datetime
) -> dict[str, MemberSession]:
    """The live sessions, of members not erased, behind many token hashes at once (by hash)."""
    rows = await session.scalars(
        select(MemberSession)
        .join(Member, Member.id == MemberSession.member_id)
        .where(MemberSession.token_hash.in_(token_hashes), Member.erased_at.is_(None))
    )
    return {row.token_hash: row for row in rows if session_is_live(row, settings=settings, now=now)}


async def touch_session(session: AsyncSession, session_id: int, now: datetime) -> None:
    await session.execute(
        update(MemberSession).where(MemberSession.id == session_id).values(last_seen_at=now)
    )


async def end_session(session: AsyncSession, *, member: Member, session_id: int) -> None:
    ended = await session.execute(
        update(MemberSession)
        .where(
            MemberSession.id == session_id,
            MemberSession.member_id == member.id,
            MemberSession.ended_at.is_(None),
        )
        .values(ended_at=utcnow())
    )
    if ended.rowcount == 0:  # type: ignore[attr-defined]
        raise NotFound("No such session.")
    await _sessions_ended(session, member.id, {"session_ids": [session_id]})


async def end_sessions(session: AsyncSession, *, member_id: int, except_id: int | None = None) -> None:
    query = update(MemberSession).where(
        MemberSession.member_id == member_id, MemberSession.ended_at.is_(None)
    )
    if except_id is not None:
        query = query.where(MemberSession.id != except_id)
    await session.execute(query.values(ended_at=utcnow()))
    await _sessions_ended(session, member_id, {"all_sessions": True, "except_session_id": except_id})


async def _sessions_ended(session: AsyncSession, member_id: int, data: dict[str, object]) -> None:
    """Live sockets of ended sessions close, on every worker."""
    await events.record(session, kind="session.ended", audience=events.member_audience(member_id), data=data)


async def live_sessions(session: AsyncSession, *, member: Member, settings: Settings) -> list[MemberSession]:
    rows = await session.scalars(
        select(MemberSession)
        .where(MemberSession.member_id == member.id, MemberSession.ended_at.is_(None))
        .order_by(MemberSession.last_seen_at.desc())
    )
    now = utcnow()
    return [row for row in rows if session_is_live(row, settings=settings, now=now)]


async def change_password(
    session: AsyncSession,
    *,
    hasher: PasswordHasher,
    member: Member,
    current_password: str,
    new_password: str,
    keep_session_id: int | None,
) -> None:
    """A new password ends every other session."""
    matches, _ = await hasher.verify(current_password, member.password_hash)
    if not matches:
        raise Invalid("Your current password is not right.", field="current_password")
    _check_password(new_password, member.pseudonym, "new_password")
    member.password_hash = await hasher.hash(new_password)
    member.password_changed_at = utcnow()
    await end_sessions(session, member_id=member.id, except_id=keep_session_id)


async def recover(
    session: AsyncSession, *, hasher: PasswordHasher, pseudonym: str, recovery_code: str, new_password: str
) -> tuple[Member, str]:
    """Set a new password with the recovery code; the code is replaced and every session ends."""
    member = await find_member(session, pseudonym)
    matches, _ = await hasher.verify(
        normalise_recovery_code(recovery_code), member.recovery_code_hash if member else None
    )
    if member is None or not matches:
        raise NotAuthenticated("That pseudonym and recovery code don't match an account.")
    _check_password(new_password, member.pseudonym, "new_password")
    code = new_recovery_code()
    member.password_hash = await hasher.hash(new_password)
    member.recovery_code_hash = await hasher.hash(normalise_recovery_code(code))
    member.password_changed_at = utcnow()
    await end_sessions(session, member_id=member.id)
    return member, code


async def agree_to_rules(session: AsyncSession, *, member: Member, version: int) -> None:
    current = await current_version(session)
    if version != current.version:
        raise Invalid(f"The current house rules are version {current.version}.", field="version")
    member.rules_version_agreed = version


async def update_profile(
    session: AsyncSession, member: Member, *, changes: dict[str, str | None], screeners: ScreenerCache
) -> ScreeningNotice | None:
    """About-me text is screened like a pseudonym: refused if it breaks a rule, queued if flagged."""
    about_me = changes.get("about_me")
    verdict = (
        await intake.check_words(
            session, screeners=screeners, member_id=member.id, texts={"about_me": about_me}, can_wait=False
        )
        if about_me
        else None
    )
    if "avatar" in changes:
        if changes["avatar"] not in AVATARS:
            raise Invalid("Choose one of the avatars listed at /api/v1/avatars.", field="avatar")
        if changes["avatar"] != member.avatar:
            member.avatar = changes["avatar"]  # type: ignore[assignment]
            # Their posts show the avatar: every worker's copy of the newest wall page must drop it.
            await events.record(
                session,
                kind="profile.changed",
                audience=events.member_audience(member.id),
                data={"avatar": member.avatar},
                author_id=member.id,
            )
    if "about_me" in changes:
        member.about_me = about_me or None
    if verdict is None:
        return None
    return await intake.after_stored(
        session, verdict, target_type=TargetType.member, target_id=member.id, member_id=member.id
    )


class Suspendable(Protocol):
    suspended_until: datetime | None


def is_suspended(member: Suspendable, now: datetime) -> bool:
    return member.suspended_until is not None and member.suspended_until > now


def suspension_message(member: Member) -> str:
    until = member.suspended_until
    if until is None or until >= PERMANENT:
        when = "Your account is suspended"
    else:
        when = f"Your account is suspended until {until:%d %B %Y, %H:%M} UTC"
    return f"{when}. You can still read, and message the moderation team."


async def set_role(session: AsyncSession, *, pseudonym: str, role: Role) -> Member:
    member = await find_member(session, pseudonym)
    if member is None:
        raise NotFound("No member has that pseudonym.")
    member.role = role
    return member
