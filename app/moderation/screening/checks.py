"""What a check is, and what screening a text finds."""

from dataclasses import dataclass
from enum import StrEnum


class CheckKind(StrEnum):
    phrases = "phrases"
    pattern = "pattern"
    shouting = "shouting"
    contact_details = "contact_details"
    crisis = "crisis"


class Action(StrEnum):
    nudge = "nudge"
    hold = "hold"
    block = "block"
    flag = "flag"


# block > hold > flag > nudge: a flag lets the post through for later review, a nudge only asks the author.
ACTION_STRENGTH: dict[Action, int] = {Action.nudge: 0, Action.flag: 1, Action.hold: 2, Action.block: 3}

CONTACT_KINDS: frozenset[str] = frozenset(
    {"email", "phone", "postcode", "street_address", "link", "social_handle"}
)


@dataclass(frozen=True)
class CheckSpec:
    """One automated check of a house rule, as an administrator configured it."""

    id: int
    rule_id: int
    kind: CheckKind
    action: Action
    phrases: tuple[str, ...] = ()
    pattern: str | None = None
    min_letters: int = 12
    max_capital_share: float = 0.7
    contact_kinds: frozenset[str] = CONTACT_KINDS
    sensitive: bool = False


@dataclass(frozen=True)
class Hit:
    """What one check found in a text."""

    check_id: int
    rule_id: int
    kind: CheckKind
    action: Action
    sensitive: bool
    excerpts: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Screening:
    """Everything the checks found in one text."""

    hits: tuple[Hit, ...]

    @property
    def action(self) -> Action | None:
        """The strongest action among the hits that are not crisis language, or None."""
        actions = [hit.action for hit in self.hits if hit.kind is not CheckKind.crisis]
        return max(actions, key=ACTION_STRENGTH.__getitem__, default=None)

    @property
    def crisis(self) -> bool:
        """Whether any crisis-language check hit."""
        return any(hit.kind is CheckKind.crisis for hit in self.hits)
