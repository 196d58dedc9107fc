"""Screening posts against house rules' automated checks: pure, no database or HTTP."""

from app.moderation.screening.checks import Action, CheckKind, CheckSpec, Hit, Screening
from app.moderation.screening.compiled import Screener, compile_checks, validate_phrase
from app.moderation.screening.patterns import validate_pattern
from app.moderation.screening.starter import spec_from_dict, starter_checks, starter_specs

__all__ = [
    "Action",
    "CheckKind",
    "CheckSpec",
    "Hit",
    "Screener",
    "Screening",
    "compile_checks",
    "spec_from_dict",
    "starter_checks",
    "starter_specs",
    "validate_pattern",
    "validate_phrase",
]
