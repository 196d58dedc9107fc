"""Moderation's tables, imported from one place."""

from app.moderation.models.review import (
    Decision,
    DecisionAction,
    ItemStatus,
    Priority,
    ReasonSource,
    Resolution,
    ReviewItem,
    ReviewReason,
    TargetType,
)
from app.moderation.models.rules import (
    CheckActionColumn,
    CheckKindColumn,
    HouseRule,
    RuleRevision,
    RuleSetVersion,
    ScreeningCheck,
    ScreeningVersion,
    Setting,
)
from app.moderation.models.sanctions import (
    Appeal,
    AppealStatus,
    AuditEntry,
    ModeratorNote,
    Sanction,
    SanctionKind,
)

__all__ = [
    "Appeal",
    "AppealStatus",
    "AuditEntry",
    "CheckActionColumn",
    "CheckKindColumn",
    "Decision",
    "DecisionAction",
    "HouseRule",
    "ItemStatus",
    "ModeratorNote",
    "Priority",
    "ReasonSource",
    "Resolution",
    "ReviewItem",
    "ReviewReason",
    "RuleRevision",
    "RuleSetVersion",
    "Sanction",
    "SanctionKind",
    "ScreeningCheck",
    "ScreeningVersion",
    "Setting",
    "TargetType",
]
