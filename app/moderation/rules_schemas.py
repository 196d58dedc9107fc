"""House rules in and out: administrators' changes, published versions, and what changed for a member."""

from datetime import datetime

from pydantic import BaseModel, Field, field_validator
from pydantic_core import PydanticCustomError

from app.core.schemas import StrictModel
from app.core.text import PlainText
from app.moderation.rules_admin import MAX_LIVE_RULES
from app.moderation.schemas import HouseRuleOut, RuleSetOut

RuleTitle = PlainText(1, 80, multiline=False)
RuleText = PlainText(1, 1000)
RuleSummary = PlainText(1, 300)
ChangeSummary = PlainText(1, 500)


class Published(StrictModel):
    change_summary: ChangeSummary = Field(  # type: ignore[valid-type]
        description="what changed and why, in words members read before agreeing again"
    )
    expected_version: int | None = Field(
        default=None, ge=1, description="the version this change was made against; another one answers 409"
    )


class RuleNew(StrictModel):
    title: RuleTitle  # type: ignore[valid-type]
    text: RuleText  # type: ignore[valid-type]
    summary: RuleSummary | None = None  # type: ignore[valid-type]
    position: int | None = Field(
        default=None, ge=1, le=MAX_LIVE_RULES, description="1 is first; the end when left out"
    )


class RuleEdit(StrictModel):
    """Only the fields sent change; a null summary clears it."""

    title: RuleTitle | None = None  # type: ignore[valid-type]
    text: RuleText | None = None  # type: ignore[valid-type]
    summary: RuleSummary | None = None  # type: ignore[valid-type]

    @field_validator("title", "text")
    @classmethod
    def _not_removed(cls, value: str | None) -> str:
        # Runs only for fields sent: a title or text can change, but a rule always has both.
        if value is None:
            raise PydanticCustomError("missing", "can change but not be removed")
        return value


class RuleEditIn(RuleEdit, Published):
    pass


class RuleEditItem(RuleEdit):
    rule_id: int = Field(ge=1, le=2**63 - 1)


class RuleCreateIn(RuleNew, Published):
    pass


class RuleOrderIn(Published):
    rule_ids: list[int] = Field(
        min_length=1, max_length=MAX_LIVE_RULES, description="every live rule's id, in the new order"
    )


class RuleRetireIn(Published):
    pass


class RuleChangesIn(Published):
    """Several changes published as one version; applied as create, edit, retire, then order."""

    create: list[RuleNew] = Field(default_factory=list, max_length=MAX_LIVE_RULES)
    edit: list[RuleEditItem] = Field(default_factory=list, max_length=MAX_LIVE_RULES)
    retire: list[int] = Field(default_factory=list, max_length=MAX_LIVE_RULES)
    order: list[int] | None = Field(
        default=None,
        max_length=MAX_LIVE_RULES,
        description="the rules that stay live, in their new order; new rules keep their given positions",
    )


class RulesPublished(RuleSetOut):
    created_rule_ids: list[int]


class VersionOut(BaseModel):
    version: int
    published_at: datetime
    change_summary: str


class VersionPage(BaseModel):
    items: list[VersionOut]
    next_cursor: str | None


class RuleChange(BaseModel):
    rule_id: int
    before: HouseRuleOut
    after: HouseRuleOut


class RuleMove(BaseModel):
    rule_id: int
    title: str
    from_position: int
    to_position: int


class RulesChanges(BaseModel):
    """What changed between the version a member agreed to and the current one."""

    agreed_version: int
    current_version: int
    up_to_date: bool
    versions: list[VersionOut] = Field(description="the versions published since, oldest first")
    added: list[HouseRuleOut]
    changed: list[RuleChange]
    retired: list[HouseRuleOut]
    moved: list[RuleMove]
