"""House rules as anyone reads them: the current set, earlier versions, and what changed for a member."""

from typing import Annotated

from fastapi import APIRouter, Path

from app.accounts.dependencies import CurrentViewer
from app.core.errors import Invalid, NotAuthenticated, NotFound, error_responses
from app.core.schemas import Page, encode_cursor
from app.core.session import DbSession
from app.moderation import rules_history, service
from app.moderation.models import HouseRule, RuleRevision, RuleSetVersion
from app.moderation.rules_schemas import RuleChange, RuleMove, RulesChanges, VersionOut, VersionPage
from app.moderation.schemas import HouseRuleOut, RuleSetOut

router = APIRouter(tags=["house rules"])
VersionPath = Annotated[int, Path(ge=1, le=2**31 - 1, description="a version of the house rules")]


def rule_out(rule: HouseRule | RuleRevision) -> HouseRuleOut:
    rule_id = rule.id if isinstance(rule, HouseRule) else rule.rule_id
    return HouseRuleOut(
        id=rule_id, position=rule.position, title=rule.title, text=rule.body, summary=rule.summary
    )


def version_out(version: RuleSetVersion) -> VersionOut:
    return VersionOut(
        version=version.version, published_at=version.published_at, change_summary=version.change_summary
    )


def rule_set_out(version: RuleSetVersion, rules: list[HouseRule] | list[RuleRevision]) -> RuleSetOut:
    return RuleSetOut(**version_out(version).model_dump(), rules=[rule_out(r) for r in rules])


@router.get("/rules", summary="The current house rules and their version", response_model=RuleSetOut)
async def get_rules(session: DbSession) -> RuleSetOut:
    version, rules = await service.current_rules(session)
    return rule_set_out(version, rules)


@router.get(
    "/rules/versions",
    summary="Every version of the house rules, newest first, with what changed",
    response_model=VersionPage,
    responses=error_responses(Invalid),
)
async def rule_versions(session: DbSession, page: Page) -> VersionPage:
    rows = await rules_history.versions(session, page=page)
    more = len(rows) > page.limit
    rows = rows[: page.limit]
    return VersionPage(
        items=[version_out(v) for v in rows],
        next_cursor=encode_cursor(rows[-1].version) if more and rows else None,
    )


@router.get(
    "/rules/versions/{version}",
    summary="The house rules as they read in one version",
    response_model=RuleSetOut,
    responses=error_responses(NotFound, Invalid),
)
async def rule_version(version: VersionPath, session: DbSession) -> RuleSetOut:
    row, rules = await rules_history.version_rules(session, version=version)
    return rule_set_out(row, rules)


@router.get(
    "/me/rules-changes",
    summary="What changed in the house rules since I last agreed to them",
    response_model=RulesChanges,
    responses=error_responses(NotAuthenticated),
)
async def my_rules_changes(viewer: CurrentViewer, session: DbSession) -> RulesChanges:
    agreed = viewer.member.rules_version_agreed
    current = (await service.current_version(session)).version
    found = await rules_history.changes(session, since=agreed, until=current)
    return RulesChanges(
        agreed_version=agreed,
        current_version=current,
        up_to_date=agreed == current,
        versions=[version_out(v) for v in found.versions],
        added=[rule_out(r) for r in found.added],
        changed=[
            RuleChange(rule_id=a.rule_id, before=rule_out(b), after=rule_out(a)) for b, a in found.changed
        ],
        retired=[rule_out(r) for r in found.retired],
        moved=[
            RuleMove(rule_id=a.rule_id, title=a.title, from_position=b.position, to_position=a.position)
            for b, a in found.moved
        ],
    )
