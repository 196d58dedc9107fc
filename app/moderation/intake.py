"""Member words on their way in: screened against the house rules, then published, held for a moderator,
refused or nudged, with crisis help for their author at once and reasons for the review queue.

Every kind of member text (posts, replies, messages, pseudonyms, profile text) passes through
`check_words`; the caller stores the words in the state it returns, then calls `after_stored`.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from sqlalchemy import BindParameter, ColumnElement, ScalarSelect, func, literal, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.errors import AppError, ErrorBody
from app.moderation import queue, settings
from app.moderation.models import HouseRule, Priority, ReasonSource, TargetType
from app.moderation.schemas import RuleRef, ScreeningNotice
from app.moderation.screening import Action, CheckKind, Hit
from app.moderation.screening_cache import ScreenerCache
from app.moderation.settings import CommunitySettings, Signposts, Thresholds
from app.realtime import events
from app.wall.models import Post, Reply


@dataclass(frozen=True)
class QueuedReason:
    source: ReasonSource
    priority: Priority
    rule_id: int | None = None
    check_id: int | None = None
    action: str | None = None
    excerpts: tuple[str, ...] = ()
    spans: tuple[tuple[int, int], ...] = ()
    sensitive: bool = False


@dataclass
class Verdict:
    """What happens to the words: held or published, whether crisis help is due, and what to queue."""

    held: bool = False
    first_words: bool = False  # held as one of a new member's first posts and replies
    help: Signposts | None = None  # crisis help, due at once
    rules: list[RuleRef] = field(default_factory=list)  # the rules named to the author
    reasons: list[QueuedReason] = field(default_factory=list)


class _ScreeningError(AppError):
    status_code = 422

    def __init__(self, message: str, *, field: str, rules: Sequence[RuleRef], hits: Sequence[Hit]):
        super().__init__(message, field=field)
        self.rules = rules
        self.hits = hits

    def body(self) -> ErrorBody:
        by_rule: dict[int, list[str]] = {}
        for hit in self.hits:
            by_rule.setdefault(hit.rule_id, []).extend(hit.excerpts)
        return ErrorBody(
            code=self.code,
            message=self.message,
            field=self.field,
            details=[
                {"rule_id": r.id, "title": r.title, "summary": r.summary, "excerpts": by_rule.get(r.id, [])}
                for r in self.rules
            ],
        )


class ScreeningRefused(_ScreeningError):
    """The words break a house rule outright; nothing was stored, and the author can rewrite them."""

    code = "screening_refused"


class ScreeningNudge(_ScreeningError):
    """The words may break a house rule; nothing was stored yet: edit them, or send again anyway."""

    code = "screening_nudge"


async def _named_rules(session: AsyncSession, rule_ids: set[int]) -> list[RuleRef]:
    if not rule_ids:
        return []
    rows = await session.scalars(
        select(HouseRule).where(HouseRule.id.in_(rule_ids)).order_by(HouseRule.position, HouseRule.id)
    )
    return [RuleRef(id=r.id, title=r.title, summary=r.summary) for r in rows]


def _reason(hit: Hit, source: ReasonSource, priority: Priority) -> QueuedReason:
    return QueuedReason(
        source=source,
        priority=priority,
        rule_id=hit.rule_id,
        check_id=hit.check_id,
        action=hit.action.value,
        excerpts=hit.excerpts,
        spans=hit.spans,
        sensitive=hit.sensitive,
    )


def first_words_written(member_id: ColumnElement[int], up_to: int | BindParameter[int]) -> ScalarSelect[int]:
    """How many posts and replies the member has ever written (deleted ones too), each counted up to
    `up_to`: enough to tell whether their next words are among their first while `up_to` is at least the
    number held (`is_first_words`), and no more rows read than that for a member who wrote many."""

    def written(model: type[Post] | type[Reply]) -> ScalarSelect[int]:
        mine = select(model.id).where(model.author_id == member_id).correlate_except(model)
        mine = mine.limit(up_to).subquery()
        return select(func.count()).select_from(mine).scalar_subquery()

    return written(Post) + written(Reply)


def is_first_words(written: int, thresholds: Thresholds) -> bool:
    held = thresholds.new_member_held_posts
    return held > 0 and written < held


async def screen_words(
    session: AsyncSession,
    *,
    screeners: ScreenerCache,
    community: CommunitySettings,
    texts: Mapping[str, str | None],
    post_anyway: bool = False,
    can_wait: bool = True,
    new_member: bool = False,
) -> Verdict:
    """Screen each field's text; raises ScreeningRefused or ScreeningNudge, or returns the verdict to apply.

    The first field is the main text: moderators see where in it each hit lies. `can_wait` is False for
    words that cannot wait in the queue or be sent anyway (a pseudonym, profile text): what would hold
    or nudge refuses them instead. `new_member` holds the words as one of the author's first.
    """
    screener = await screeners.current(session)
    found: list[tuple[str, Hit]] = []
    for number, (name, text) in enumerate(texts.items()):
        for hit in screener.screen(text).hits if text else ():
            found.append((name, hit if number == 0 else replace(hit, spans=())))
    hits = [hit for _, hit in found]
    crisis = [hit for hit in hits if hit.kind == CheckKind.crisis]
    acting = [hit for hit in hits if hit.kind != CheckKind.crisis]
    refused = [h for h in acting if h.action == Action.block or (not can_wait and h.action != Action.flag)]
    if refused:
        rules = await _named_rules(session, {h.rule_id for h in refused})
        raise ScreeningRefused(
            "These words can't be shared here as they are: " + "; ".join(r.title for r in rules) + ".",
            field=_first_field(found, refused),
            rules=rules,
            hits=refused,
        )
    nudges = [h for h in acting if h.action == Action.nudge]
    if nudges and not post_anyway:
        rules = await _named_rules(session, {h.rule_id for h in nudges})
        raise ScreeningNudge(
            "Before you share this, have a look at the house rules it may go against: "
            + "; ".join(r.title for r in rules)
            + ". Edit your words, or send them anyway.",
            field=_first_field(found, nudges),
            rules=rules,
            hits=nudges,
        )
    holding = [h for h in acting if h.action == Action.hold]
    verdict = Verdict(help=community.signposts if crisis else None, first_words=new_member and can_wait)
    verdict.reasons = [
        *(_reason(h, ReasonSource.crisis, Priority.urgent) for h in crisis),
        *(_reason(h, ReasonSource.screening, Priority.held) for h in holding),
        *(_reason(h, ReasonSource.screening, Priority.flagged) for h in acting if h.action == Action.flag),
    ]
    if verdict.first_words:
        verdict.reasons.append(QueuedReason(source=ReasonSource.new_member, priority=Priority.held))
    verdict.held = can_wait and (
        bool(holding) or new_member or (bool(crisis) and community.thresholds.hold_crisis_posts)
    )
    # The author is told which rules hold their words; flags stay between the words and the moderators.
    verdict.rules = await _named_rules(session, {h.rule_id for h in holding} if verdict.held else set())
    return verdict


def _first_field(found: list[tuple[str, Hit]], hits: list[Hit]) -> str:
    return next(name for name, hit in found if hit in hits)


async def is_new_member(session: AsyncSession, *, member_id: int, community: CommunitySettings) -> bool:
    """Whether the member's next post or reply is one of the first that wait for a moderator."""
    held = community.thresholds.new_member_held_posts
    if held == 0:
        return False
    written = await session.scalar(select(first_words_written(literal(member_id), held)))
    return is_first_words(int(written or 0), community.thresholds)


async def check_words(
    session: AsyncSession,
    *,
    screeners: ScreenerCache,
    member_id: int | None,
    texts: Mapping[str, str | None],
    post_anyway: bool = False,
    can_wait: bool = True,
    first_words: bool = False,
) -> Verdict:
    """Screen a member's words under the current settings; `first_words` for new posts and replies
    (`member_id` is None for a member not yet stored, whose words are their pseudonym)."""
    community = await settings.load(session)
    new_member = (
        first_words
        and member_id is not None
        and await is_new_member(session, member_id=member_id, community=community)
    )
    return await screen_words(
        session,
        screeners=screeners,
        community=community,
        texts=texts,
        post_anyway=post_anyway,
        can_wait=can_wait,
        new_member=new_member,
    )


async def after_stored(
    session: AsyncSession, verdict: Verdict, *, target_type: TargetType, target_id: int, member_id: int
) -> ScreeningNotice | None:
    """Once the words have an id: queue the reasons, send crisis help live, and say what the author sees."""
    for reason in verdict.reasons:
        await queue.add_reason(
            session,
            target_type=target_type,
            target_id=target_id,
            member_id=member_id,
            source=reason.source,
            priority=reason.priority,
            rule_id=reason.rule_id,
            check_id=reason.check_id,
            action=reason.action,
            excerpts=reason.excerpts,
            spans=reason.spans,
            sensitive=reason.sensitive,
        )
    if verdict.help is not None:
        # Crisis help reaches every screen the author has open, as well as this response.
        await events.record(
            session,
            kind="crisis.help",
            audience=events.member_audience(member_id),
            data={"signposts": verdict.help.model_dump(mode="json")},
        )
    if not (verdict.held or verdict.help):
        return None
    return ScreeningNotice(
        held=verdict.held,
        first_words=verdict.first_words,
        rules=verdict.rules,
        help=verdict.help,
    )
