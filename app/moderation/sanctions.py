"""Sanctions: warnings, suspensions and bans, lifted early or overruled, never erased.

A member's `suspended_until` is derived from their sanctions: the latest end among the suspensions and
bans still in force. Every change recomputes it, so a suspension ends on its own when the time passes
(nothing runs) and lifting one of two overlapping suspensions leaves the other in force.
"""

from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.models import Member
from app.accounts.service import PERMANENT
from app.community.notifications import notify
from app.core.db import utcnow
from app.core.errors import Conflict, Forbidden, Invalid, NotFound
from app.core.permissions import Permission, has_permission
from app.moderation import audit, queue, reports
from app.moderation import settings as community_settings
from app.moderation.models import (
    Decision,
    DecisionAction,
    HouseRule,
    ItemStatus,
    Resolution,
    ReviewItem,
    Sanction,
    SanctionKind,
)
from app.moderation.settings import LadderStep, TeamSettings
from app.realtime import events

STRIKE_WINDOW = timedelta(days=365)
MAX_DAYS = 3650
HOW_TO_APPEAL = (
    "If you think this was wrong, you can appeal: tell us why and a moderator who did not make this "
    "decision will look at it again."
)
SANCTION_NOT_FOUND = "No such sanction."


def signature(team: TeamSettings, moderator: Member) -> str:
    """Who a notice comes from: the team's shared persona, or the moderator when the team signs by name."""
    return moderator.pseudonym if team.sign_with_own_name else team.persona_name


def check_authority(actor: Member, member: Member) -> None:
    """Nobody acts on their own record; moderators and administrators answer only to those who appoint
    them (the holders of manage_roles), never to their peers."""
    if actor.id == member.id:
        raise Forbidden("You can't act on your own record; another member of the team has to.")
    if has_permission(member.role, Permission.review) and not has_permission(
        actor.role, Permission.manage_roles
    ):
        raise Forbidden("Only an administrator can act on the record of a moderator or administrator.")


async def live_rule(session: AsyncSession, rule_id: int) -> HouseRule:
    """A sanction names a rule members can read today; retired rules stay only for old decisions."""
    rule = await session.get(HouseRule, rule_id)
    if rule is None or rule.retired_at is not None:
        raise Invalid("Choose one of the current house rules.", field="rule_id")
    return rule


def ends_at(
    *, kind: SanctionKind, days: int | None, until: datetime | None, now: datetime
) -> datetime | None:
    """When a suspension ends; warnings and bans take neither days nor until."""
    if kind != SanctionKind.suspension:
        if days is not None or until is not None:
            raise Invalid(
                "Only a suspension has an end; a ban lasts until lifted.",
                field="days" if days is not None else "until",
            )
        return None
    if (days is None) == (until is None):
        raise Invalid("A suspension needs either days or until (not both).", field="days")
    if days is not None:
        return now + timedelta(days=days)
    assert until is not None
    if until <= now:
        raise Invalid("A suspension has to end in the future.", field="until")
    if until > now + timedelta(days=MAX_DAYS):
        raise Invalid(f"A suspension can last at most {MAX_DAYS} days; use a ban.", field="until")
    return until


def end_of(sanction: Sanction) -> datetime | None:
    """When it stops keeping the member out: bans never do on their own, warnings never did."""
    if sanction.kind == SanctionKind.ban:
        return PERMANENT
    return sanction.ends_at


def in_force(sanction: Sanction, now: datetime) -> bool:
    end = end_of(sanction)
    return end is not None and end > now and sanction.lifted_at is None and sanction.overruled_at is None


def status_of(sanction: Sanction, now: datetime) -> str:
    if sanction.overruled_at is not None:
        return "overruled"
    if sanction.lifted_at is not None:
        return "lifted"
    if sanction.kind == SanctionKind.warning:
        return "on_record"
    return "in_force" if in_force(sanction, now) else "ended"


async def recompute_suspension(session: AsyncSession, member: Member, now: datetime) -> None:
    """Set suspended_until from what is still in force; the member's live sockets reload their viewer."""
    rows = await session.scalars(
        select(Sanction).where(
            Sanction.member_id == member.id,
            Sanction.kind.in_([SanctionKind.suspension, SanctionKind.ban]),
            Sanction.lifted_at.is_(None),
            Sanction.overruled_at.is_(None),
        )
    )
    ends = [end for row in rows if (end := end_of(row)) is not None and end > now]
    before = member.suspended_until
    member.suspended_until = max(ends, default=None)
    if member.suspended_until != before:
        # A suspended moderator stops receiving the moderators' channel at once, and gets it back.
        await events.viewer_changed(session, member.id)


async def strikes(session: AsyncSession, *, member_id: int, now: datetime) -> int:
    """Sanctions in the last 12 months that were not overruled; a lifted one still counts."""
    count = await session.scalar(
        select(func.count(Sanction.id)).where(
            Sanction.member_id == member_id,
            Sanction.overruled_at.is_(None),
            Sanction.created_at >= now - STRIKE_WINDOW,
        )
    )
    return count or 0


def suggested_step(ladder: list[LadderStep], strike_count: int) -> LadderStep:
    """No strikes: the first step; each strike one step further, staying on the last."""
    return ladder[min(strike_count, len(ladder) - 1)]


async def _answer_item(
    session: AsyncSession, *, item_id: int, member: Member, actor: Member, rule_id: int, now: datetime
) -> None:
    """The review item the sanction answers: an open one is resolved as dismissed (the words stay as
    they are; a moderator removes them through the queue first if they must go), with a decision on
    record so it counts in the figures; its reporters hear it was acted on. An item already resolved is
    only linked."""
    item = await session.get(ReviewItem, item_id, with_for_update=True)
    if item is None or item.member_id != member.id:
        raise Invalid("That review item is not about this member.", field="item_id")
    if item.status != ItemStatus.open:
        return
    session.add(
        Decision(
            item_id=item.id,
            round=item.round,
            item_version=item.version,
            moderator_id=actor.id,
            action=DecisionAction.dismiss,
            rule_id=rule_id,
            message=None,
            created_at=now,
        )
    )
    item.status, item.resolution, item.resolved_at = ItemStatus.resolved, Resolution.dismissed, now
    item.version += 1
    item.claimed_by_id = item.claimed_at = None
    await session.flush()
    await queue.changed(session, item)
    await reports.tell_reporters(session, item=item, outcome="acted")


def _notice(sanction: Sanction, rule: HouseRule, sender: str) -> dict[str, object]:
    end = sanction.ends_at  # none for a ban: it has no end to show
    return {
        "sanction_id": sanction.id,
        "kind": sanction.kind.value,
        "rule": {"id": rule.id, "title": rule.title},
        "message": sanction.message,
        "ends_at": end.isoformat() if end is not None else None,
        "from": sender,
        "appeal": {"sanction_id": sanction.id, "how": HOW_TO_APPEAL},
    }


async def impose(
    session: AsyncSession,
    *,
    actor: Member,
    member: Member,
    kind: SanctionKind,
    rule_id: int,
    message: str,
    days: int | None = None,
    until: datetime | None = None,
    item_id: int | None = None,
) -> Sanction:
    check_authority(actor, member)
    now = utcnow()
    rule = await live_rule(session, rule_id)
    sanction = Sanction(
        member_id=member.id,
        kind=kind,
        rule_id=rule.id,
        message=message,
        moderator_id=actor.id,
        item_id=item_id,
        created_at=now,
        ends_at=ends_at(kind=kind, days=days, until=until, now=now),
    )
    if item_id is not None:
        await _answer_item(session, item_id=item_id, member=member, actor=actor, rule_id=rule.id, now=now)
    session.add(sanction)
    await session.flush()
    await recompute_suspension(session, member, now)
    await audit.record(
        session,
        actor_id=actor.id,
        action=f"sanction.{kind.value}",
        target_type="sanction",
        target_id=sanction.id,
        target_member_id=member.id,
        rule_id=rule.id,
        reason=message,
        details={"ends_at": end_of(sanction), "item_id": item_id},
    )
    team = (await community_settings.load(session)).team
    await notify(
        session,
        member_id=member.id,
        kind="moderation.warning" if kind == SanctionKind.warning else "moderation.suspended",
        data=_notice(sanction, rule, signature(team, actor)),
    )
    return sanction


async def sanction_for_update(session: AsyncSession, sanction_id: int) -> Sanction:
    sanction = await session.get(Sanction, sanction_id, with_for_update=True)
    if sanction is None:
        raise NotFound(SANCTION_NOT_FOUND)
    return sanction


async def _member_of(session: AsyncSession, sanction: Sanction) -> Member:
    member = await session.get(Member, sanction.member_id)
    assert member is not None  # the foreign key cascades
    return member


async def overrule(
    session: AsyncSession, *, actor: Member, sanction: Sanction, reason: str, now: datetime
) -> bool:
    """The strike stops counting; a suspension or ban still in force is lifted with it. Returns whether
    it was lifted. No audit entry or notice: the caller writes the one for its own action."""
    if sanction.overruled_at is not None:
        raise Conflict("This sanction has already been overruled.")
    member = await _member_of(session, sanction)
    lifting = in_force(sanction, now)
    sanction.overruled_at, sanction.overruled_by_id, sanction.overrule_reason = now, actor.id, reason
    if lifting:
        sanction.lifted_at, sanction.lifted_by_id, sanction.lift_reason = now, actor.id, reason
    await session.flush()
    await recompute_suspension(session, member, now)
    return lifting


async def _lifted_notice(
    session: AsyncSession, *, kind: str, actor: Member, sanction: Sanction, reason: str
) -> None:
    rule = await session.get(HouseRule, sanction.rule_id)
    assert rule is not None  # the foreign key restricts deletion
    team = (await community_settings.load(session)).team
    await notify(
        session,
        member_id=sanction.member_id,
        kind=kind,
        data={
            "sanction_id": sanction.id,
            "kind": sanction.kind.value,
            "rule": {"id": rule.id, "title": rule.title},
            "reason": reason,
            "from": signature(team, actor),
        },
    )


async def lift(session: AsyncSession, *, actor: Member, sanction_id: int, reason: str) -> Sanction:
    """End a suspension or ban early; the strike stays on the record (overrule it to strike it out)."""
    sanction = await sanction_for_update(session, sanction_id)
    member = await _member_of(session, sanction)
    check_authority(actor, member)
    now = utcnow()
    if sanction.kind == SanctionKind.warning:
        raise Conflict("A warning has nothing to lift; overrule it to take the strike away.")
    if not in_force(sanction, now):
        raise Conflict(f"This {sanction.kind.value} is no longer in force.")
    sanction.lifted_at, sanction.lifted_by_id, sanction.lift_reason = now, actor.id, reason
    await session.flush()
    await recompute_suspension(session, member, now)
    await audit.record(
        session,
        actor_id=actor.id,
        action="sanction.lifted",
        target_type="sanction",
        target_id=sanction.id,
        target_member_id=member.id,
        rule_id=sanction.rule_id,
        reason=reason,
    )
    await _lifted_notice(session, kind="moderation.lifted", actor=actor, sanction=sanction, reason=reason)
    return sanction


async def overrule_directly(
    session: AsyncSession, *, actor: Member, sanction_id: int, reason: str
) -> Sanction:
    sanction = await sanction_for_update(session, sanction_id)
    check_authority(actor, await _member_of(session, sanction))
    lifted = await overrule(session, actor=actor, sanction=sanction, reason=reason, now=utcnow())
    await audit.record(
        session,
        actor_id=actor.id,
        action="sanction.overruled",
        target_type="sanction",
        target_id=sanction.id,
        target_member_id=sanction.member_id,
        rule_id=sanction.rule_id,
        reason=reason,
        details={"lifted": lifted},
    )
    await _lifted_notice(session, kind="moderation.overruled", actor=actor, sanction=sanction, reason=reason)
    return sanction
