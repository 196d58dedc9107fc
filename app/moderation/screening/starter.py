"""The starter checks that come with the starter house rules, kept as data for the migration to seed."""

import json
from collections.abc import Mapping
from importlib import resources
from typing import Any

from app.moderation.screening.checks import CONTACT_KINDS, Action, CheckKind, CheckSpec


def starter_checks() -> list[dict[str, Any]]:
    """The starter checks as plain dicts; each names its house rule by position among the starter rules."""
    source = resources.files("app.moderation").joinpath("starter_checks.json")
    return json.loads(source.read_text(encoding="utf-8"))


def spec_from_dict(row: Mapping[str, Any], *, id: int, rule_id: int) -> CheckSpec:
    """Make a CheckSpec from a starter check (or a row shaped like one)."""
    return CheckSpec(
        id=id,
        rule_id=rule_id,
        kind=CheckKind(row["kind"]),
        action=Action(row["action"]),
        phrases=tuple(row.get("phrases", ())),
        pattern=row.get("pattern"),
        min_letters=row.get("min_letters", 12),
        max_capital_share=row.get("max_capital_share", 0.7),
        contact_kinds=frozenset(row.get("contact_kinds", CONTACT_KINDS)),
        sensitive=row.get("sensitive", False),
    )


def starter_specs(rule_ids: Mapping[int, int] | None = None) -> list[CheckSpec]:
    """The starter checks as specs, numbered from 1, with rule ids looked up by position (or the position)."""
    return [
        spec_from_dict(
            row,
            id=number,
            rule_id=(rule_ids or {}).get(row["rule_position"], row["rule_position"]),
        )
        for number, row in enumerate(starter_checks(), start=1)
    ]
