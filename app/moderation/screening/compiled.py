"""Compiling a rule set's checks into one screener, and screening a text with it."""

from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

from app.moderation.screening.checks import CONTACT_KINDS, CheckKind, CheckSpec, Hit, Screening
from app.moderation.screening.contact import find_contact_details
from app.moderation.screening.normalise import Canonical, Folded, canonical, fold, phrase_form
from app.moderation.screening.patterns import compile_pattern, validate_pattern
from app.moderation.screening.shouting import find_shouting

MAX_PHRASE_LENGTH = 100
MIN_PHRASE_LETTERS = 2
MAX_SPANS = 50  # enough to blur every hit in a 2,000-character post
MAX_EXCERPTS = 3
MAX_EXCERPT_LENGTH = 60
_PHRASE_KINDS = frozenset({CheckKind.phrases, CheckKind.crisis})


def validate_phrase(phrase: str) -> str | None:
    """Return why an administrator's phrase is refused, or None if it can be used."""
    if len(phrase) > MAX_PHRASE_LENGTH:
        return f"A phrase can be at most {MAX_PHRASE_LENGTH} characters long."
    key, _ = phrase_form(phrase)
    if len(key.strip()) < MIN_PHRASE_LETTERS:
        return f"A phrase needs at least {MIN_PHRASE_LETTERS} letters or digits."
    return None


@dataclass(frozen=True)
class _Entry:
    """One check's phrase as stored in the automaton."""

    check: int  # position in Screener.checks
    length: int  # of the key, surrounding spaces included
    runs: tuple[int, ...]  # how often each letter repeats: "kill" needs two l's, "kiil" will not do


class Screener:
    """A compiled rule set: screens any number of texts, each in time that does not grow with the phrases."""

    def __init__(self, checks: tuple[CheckSpec, ...], automaton: ahocorasick.Automaton | None) -> None:
        self.checks = checks
        self._automaton = automaton
        self._patterns = [
            (position, compile_pattern(check.pattern or ""))
            for position, check in enumerate(checks)
            if check.kind is CheckKind.pattern
        ]
        self._shouting = [p for p, check in enumerate(checks) if check.kind is CheckKind.shouting]
        self._contacts = [p for p, check in enumerate(checks) if check.kind is CheckKind.contact_details]
        self._contact_kinds = frozenset().union(*(checks[p].contact_kinds for p in self._contacts))

    def _phrase_spans(self, folded: Folded, form: Canonical, found: dict[int, list[tuple[int, int]]]) -> None:
        assert self._automaton is not None
        runs = form.runs
        for end, entries in self._automaton.iter(form.text):
            for entry in entries:
                first = end - entry.length + 2  # the key's first letter, after its leading space
                if all(runs[first + k] >= wanted for k, wanted in enumerate(entry.runs)):
                    span = folded.original_span(form.starts[first], form.ends[end - 1])
                    found.setdefault(entry.check, []).append(span)

    def screen(self, text: str) -> Screening:
        """Screen one text against every check."""
        folded = fold(text)
        found: dict[int, list[tuple[int, int]]] = {}
        if self._automaton is not None:
            form, one_read_as_letter = canonical(folded.text)
            self._phrase_spans(folded, form, found)
            if one_read_as_letter:
                # "1" stands for "l" as often as for "i": "ki11" is read both ways.
                self._phrase_spans(folded, canonical(folded.text, one_as_l=True)[0], found)
        for position, regex in self._patterns:
            for match in regex.finditer(folded.text):
                if match.end() > match.start():
                    found.setdefault(position, []).append(folded.original_span(*match.span()))
                    if len(found[position]) >= MAX_SPANS:
                        break
        if self._contacts:
            details = find_contact_details(folded.text, self._contact_kinds)
            for position in self._contacts:
                kinds = self.checks[position].contact_kinds
                for kind, start, end in details:
                    if kind in kinds:
                        found.setdefault(position, []).append(folded.original_span(start, end))
        for position in self._shouting:
            check = self.checks[position]
            spans = find_shouting(
                text, min_letters=check.min_letters, max_capital_share=check.max_capital_share
            )
            if spans:
                found[position] = spans
        return Screening(tuple(self._hit(text, p, found[p]) for p in sorted(found)))

    def _hit(self, text: str, position: int, spans: list[tuple[int, int]]) -> Hit:
        check = self.checks[position]
        # Overlapping spans ("die" inside "want to die") become one, so each part of the text is marked once.
        unique: list[tuple[int, int]] = []
        for start, end in sorted(spans):
            if unique and start < unique[-1][1]:
                unique[-1] = (unique[-1][0], max(end, unique[-1][1]))
            elif len(unique) < MAX_SPANS:
                unique.append((start, end))
        excerpts: list[str] = []
        for start, end in unique:
            excerpt = text[start:end]
            if len(excerpt) > MAX_EXCERPT_LENGTH:
                excerpt = excerpt[: MAX_EXCERPT_LENGTH - 1] + "…"
            if excerpt not in excerpts:
                excerpts.append(excerpt)
            if len(excerpts) == MAX_EXCERPTS:
                break
        return Hit(
            check_id=check.id,
            rule_id=check.rule_id,
            kind=check.kind,
            action=check.action,
            sensitive=check.sensitive,
            excerpts=tuple(excerpts),
            spans=tuple(unique),
        )


def _problem(check: CheckSpec) -> str | None:
    """Why a check cannot be compiled, or None."""
    if check.kind in _PHRASE_KINDS:
        if not check.phrases:
            return "it has no phrases"
        return next((p for p in map(validate_phrase, check.phrases) if p), None)
    if check.kind is CheckKind.pattern:
        return validate_pattern(check.pattern or "")
    if check.kind is CheckKind.shouting and not (check.min_letters >= 1 and 0 <= check.max_capital_share < 1):
        return "it needs at least one letter and a capital share from 0 up to (not including) 1"
    if check.kind is CheckKind.contact_details and (
        not check.contact_kinds or not check.contact_kinds <= CONTACT_KINDS
    ):
        return f"its contact kinds must be some of {', '.join(sorted(CONTACT_KINDS))}"
    return None


def compile_checks(checks: Iterable[CheckSpec]) -> Screener:
    """Compile a rule set's checks once; raise ValueError naming the first check that cannot be used."""
    compiled = tuple(checks)
    keys: dict[str, list[_Entry]] = {}
    for position, check in enumerate(compiled):
        problem = _problem(check)
        if problem:
            raise ValueError(f"Check {check.id} cannot be used: {problem}")
        if check.kind in _PHRASE_KINDS:
            for phrase in check.phrases:
                key, runs = phrase_form(phrase)
                entries = keys.setdefault(key, [])
                entry = _Entry(position, len(key), runs)
                if entry not in entries:
                    entries.append(entry)
    automaton: ahocorasick.Automaton | None = None
    if keys:
        automaton = ahocorasick.Automaton()
        for key, entries in keys.items():
            automaton.add_word(key, tuple(entries))
        automaton.make_automaton()
    return Screener(compiled, automaton)
