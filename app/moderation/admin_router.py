"""Administrators' tools: house rules, screening checks, settings and roles."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, status
from pydantic import BaseModel, ConfigDict

from app.accounts.dependencies import PseudonymPath, Viewer, require
from app.core.errors import (
    Conflict,
    CsrfFailed,
    Forbidden,
    Invalid,
    NotAuthenticated,
    NotFound,
    PayloadTooLarge,
    error_responses,
)
from app.core.permissions import Permission
from app.core.schemas import ItemId
from app.core.session import DbSession
from app.moderation import checks_admin, roles_admin, rules_admin, settings, settings_admin
from app.moderation.checks_admin import CheckView
from app.moderation.checks_schemas import (
    CheckCreateIn,
    CheckEditIn,
    CheckOut,
    CheckPublished,
    CheckRetireIn,
    ChecksOut,
)
from app.moderation.models import CheckKindColumn
from app.moderation.router import rule_set_out
from app.moderation.rules_schemas import (
    RuleChangesIn,
    RuleCreateIn,
    RuleEditIn,
    RuleOrderIn,
    RuleRetireIn,
    RulesPublished,
)
from app.moderation.settings import CommunitySettings
from app.moderation.team_schemas import RoleIn, RoleOut

router = APIRouter(prefix="/admin", tags=["administration"])

RulesAdmin = Annotated[Viewer, Depends(require(Permission.manage_rules), scope="function")]
SettingsAdmin = Annotated[Viewer, Depends(require(Permission.manage_settings), scope="function")]
RolesAdmin = Annotated[Viewer, Depends(require(Permission.manage_roles), scope="function")]

READ_ERRORS = error_responses(NotAuthenticated, Forbidden)
WRITE_ERRORS = error_responses(NotAuthenticated, CsrfFailed, Forbidden, NotFound, Conflict, Invalid)
CHECK_ERRORS = error_responses(
    NotAuthenticated, CsrfFailed, Forbidden, NotFound, Conflict, Invalid, PayloadTooLarge
)


def _published(result: rules_admin.Published) -> RulesPublished:
    return RulesPublished(
        **rule_set_out(result.version, result.rules).model_dump(), created_rule_ids=result.created_rule_ids
    )


def _new_rule(body: rules_admin.NewRule | RuleCreateIn) -> rules_admin.NewRule:
    return rules_admin.NewRule(title=body.title, body=body.text, summary=body.summary, position=body.position)


def _edit(rule_id: int, body: BaseModel) -> rules_admin.RuleEdit:
    sent = body.model_dump(include={"title", "text", "summary"} & body.model_fields_set)
    return rules_admin.RuleEdit(
        rule_id=rule_id, changes={("body" if name == "text" else name): value for name, value in sent.items()}
    )


@router.post(
    "/rules",
    summary="Add a house rule (publishes a new version)",
    status_code=status.HTTP_201_CREATED,
    response_model=RulesPublished,
    responses=WRITE_ERRORS,
)
async def create_rule(body: RuleCreateIn, viewer: RulesAdmin, session: DbSession) -> RulesPublished:
    result = await rules_admin.publish(
        session,
        actor_id=viewer.id,
        change_summary=body.change_summary,
        expected_version=body.expected_version,
        create=[_new_rule(body)],
    )
    return _published(result)


@router.patch(
    "/rules/{rule_id}",
    summary="Edit a house rule (publishes a new version)",
    response_model=RulesPublished,
    responses=WRITE_ERRORS,
)
async def edit_rule(
    rule_id: ItemId, body: RuleEditIn, viewer: RulesAdmin, session: DbSession
) -> RulesPublished:
    result = await rules_admin.publish(
        session,
        actor_id=viewer.id,
        change_summary=body.change_summary,
        expected_version=body.expected_version,
        edit=[_edit(rule_id, body)],
    )
    return _published(result)


@router.post(
    "/rules/{rule_id}/retire",
    summary="Retire a house rule (it keeps its id; publishes a new version)",
    response_model=RulesPublished,
    responses=WRITE_ERRORS,
)
async def retire_rule(
    rule_id: ItemId, body: RuleRetireIn, viewer: RulesAdmin, session: DbSession
) -> RulesPublished:
    result = await rules_admin.publish(
        session,
        actor_id=viewer.id,
        change_summary=body.change_summary,
        expected_version=body.expected_version,
        retire=[rule_id],
    )
    return _published(result)


@router.post(
    "/rules/order",
    summary="Put the house rules in a new order (publishes a new version)",
    response_model=RulesPublished,
    responses=WRITE_ERRORS,
)
async def order_rules(body: RuleOrderIn, viewer: RulesAdmin, session: DbSession) -> RulesPublished:
    result = await rules_admin.publish(
        session,
        actor_id=viewer.id,
        change_summary=body.change_summary,
        expected_version=body.expected_version,
        order=body.rule_ids,
        order_field="rule_ids",
    )
    return _published(result)


@router.post(
    "/rules/changes",
    summary="Publish several changes to the house rules as one version",
    response_model=RulesPublished,
    responses=WRITE_ERRORS,
)
async def change_rules(body: RuleChangesIn, viewer: RulesAdmin, session: DbSession) -> RulesPublished:
    result = await rules_admin.publish(
        session,
        actor_id=viewer.id,
        change_summary=body.change_summary,
        expected_version=body.expected_version,
        create=[_new_rule(new) for new in body.create],
        edit=[_edit(item.rule_id, item) for item in body.edit],
        retire=body.retire,
        order=body.order,
    )
    return _published(result)


def check_out(view: CheckView) -> CheckOut:
    check = view.check
    shouting = check.kind == CheckKindColumn.shouting
    return CheckOut(
        id=check.id,
        rule_id=check.rule_id,
        name=check.name,
        kind=check.kind,
        action=check.action,
        phrases=view.phrases,
        pattern=check.pattern,
        min_letters=check.min_letters if shouting else None,
        max_capital_share=check.max_capital_share if shouting else None,
        contact_kinds=view.contact_kinds,
        sensitive=check.sensitive,
        created_at=check.created_at,
        updated_at=check.updated_at,
        retired_at=check.retired_at,
    )


@router.get(
    "/screening/checks",
    summary="The screening checks and their version",
    response_model=ChecksOut,
    responses=READ_ERRORS,
)
async def list_checks(
    viewer: RulesAdmin,
    session: DbSession,
    include_retired: Annotated[bool, Query(description="also list retired checks")] = False,
) -> ChecksOut:
    version, checks = await checks_admin.all_checks(session, include_retired=include_retired)
    return ChecksOut(
        version=version.version,
        published_at=version.published_at,
        change_summary=version.change_summary,
        checks=[check_out(view) for view in checks],
    )


def _check_values(body: BaseModel) -> dict:
    return body.model_dump(mode="json", include=body.model_fields_set - {"change_summary", "kind"})


@router.post(
    "/screening/checks",
    summary="Add a screening check (publishes a new screening version)",
    status_code=status.HTTP_201_CREATED,
    response_model=CheckPublished,
    responses=CHECK_ERRORS,
)
async def create_check(body: CheckCreateIn, viewer: RulesAdmin, session: DbSession) -> CheckPublished:
    version, view = await checks_admin.create_check(
        session,
        actor_id=viewer.id,
        change_summary=body.change_summary,
        kind=body.kind,
        values=_check_values(body),
    )
    return CheckPublished(version=version.version, check=check_out(view))


@router.patch(
    "/screening/checks/{check_id}",
    summary="Edit a screening check (publishes a new screening version)",
    response_model=CheckPublished,
    responses=CHECK_ERRORS,
)
async def edit_check(
    check_id: ItemId, body: CheckEditIn, viewer: RulesAdmin, session: DbSession
) -> CheckPublished:
    version, view = await checks_admin.edit_check(
        session,
        actor_id=viewer.id,
        check_id=check_id,
        change_summary=body.change_summary,
        values=_check_values(body),
    )
    return CheckPublished(version=version.version, check=check_out(view))


@router.post(
    "/screening/checks/{check_id}/retire",
    summary="Retire a screening check (publishes a new screening version)",
    response_model=CheckPublished,
    responses=CHECK_ERRORS,
)
async def retire_check(
    check_id: ItemId, body: CheckRetireIn, viewer: RulesAdmin, session: DbSession
) -> CheckPublished:
    version, view = await checks_admin.retire_check(
        session, actor_id=viewer.id, check_id=check_id, change_summary=body.change_summary
    )
    return CheckPublished(version=version.version, check=check_out(view))


@router.get(
    "/settings",
    summary="Every section of the community settings",
    response_model=CommunitySettings,
    responses=READ_ERRORS,
)
async def get_settings(viewer: SettingsAdmin, session: DbSession) -> CommunitySettings:
    return await settings.load(session)


def _settings_route(section: str, schema: type[BaseModel]) -> None:
    # Unknown fields are refused, so a misspelt setting is an error rather than silently kept at its default.
    strict = type(f"{schema.__name__}In", (schema,), {"model_config": ConfigDict(extra="forbid")})

    @router.put(
        f"/settings/{section}",
        summary=f"Replace the {section.replace('_', ' ')} settings",
        response_model=CommunitySettings,
        responses=error_responses(NotAuthenticated, CsrfFailed, Forbidden, Invalid),
        operation_id=f"put_settings_{section}",
    )
    async def put(body: strict, viewer: SettingsAdmin, session: DbSession) -> CommunitySettings:  # type: ignore[valid-type]
        return await settings_admin.save_section(session, actor_id=viewer.id, section=section, value=body)


for _section, _schema in settings.SECTIONS.items():
    _settings_route(_section, _schema)


@router.put(
    "/members/{pseudonym}/role",
    summary="Make a member a member, moderator or administrator",
    response_model=RoleOut,
    responses=WRITE_ERRORS,
)
async def set_role(pseudonym: PseudonymPath, body: RoleIn, viewer: RolesAdmin, session: DbSession) -> RoleOut:
    member = await roles_admin.set_role(session, actor_id=viewer.id, pseudonym=pseudonym, role=body.role)
    return RoleOut(pseudonym=member.pseudonym, role=member.role)
