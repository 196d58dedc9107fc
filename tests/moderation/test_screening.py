"""Compiled screening: hits, actions, spans and excerpts, patterns, shouting and crisis language."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.moderation.screening import (
    Action,
    CheckKind,
    CheckSpec,
    Screening,
    compile_checks,
    starter_specs,
    validate_pattern,
    validate_phrase,
)
from tests.moderation.conftest import screener


def test_span_and_excerpt_point_at_what_the_author_wrote(words):
    text = "honestly I w\u200bant to d1iie now"
    hit = next(h for h in words.screen(text).hits if h.check_id == 1)
    assert hit.excerpts == ("w\u200bant to d1iie",)
    assert [text[start:end] for start, end in hit.spans] == ["w\u200bant to d1iie"]


def test_spans_cover_every_occurrence(words):
    text = "die, die, die"
    hit = words.screen(text).hits[0]
    assert hit.spans == ((0, 3), (5, 8), (10, 13))


def test_crisis_hits_set_crisis_and_not_action(words):
    result = words.screen("I am thinking about suicide")
    assert result.crisis is True
    assert result.action is None
    assert result.hits[0].sensitive is True


def test_no_hits_means_no_action_and_no_crisis(words):
    result = words.screen("Had a good walk today")
    assert (result.action, result.crisis) == (None, False)


@pytest.mark.parametrize(
    ("actions", "strongest"),
    [
        ((Action.nudge, Action.flag), Action.flag),
        ((Action.flag, Action.hold), Action.hold),
        ((Action.hold, Action.block, Action.nudge), Action.block),
    ],
)
def test_strongest_action_wins(actions, strongest):
    checks = [
        CheckSpec(n, 1, CheckKind.phrases, action, phrases=("word",)) for n, action in enumerate(actions)
    ]
    assert compile_checks(checks).screen("a word").action is strongest


def test_one_phrase_in_two_checks_hits_both():
    result = screener(
        CheckSpec(1, 1, CheckKind.phrases, Action.nudge, phrases=("idiot",)),
        CheckSpec(2, 3, CheckKind.phrases, Action.hold, phrases=("idiot", "moron")),
    ).screen("what an idiot")
    assert [(h.check_id, h.rule_id) for h in result.hits] == [(1, 1), (2, 3)]


def test_pattern_runs_on_folded_text():
    checks = screener(CheckSpec(1, 3, CheckKind.pattern, Action.hold, pattern=r"\bfree\s+money\b"))
    result = checks.screen("FREE ｍｏｎｅｙ here")
    assert result.hits[0].excerpts == ("FREE ｍｏｎｅｙ",)


@pytest.mark.parametrize("pattern", ["(a", r"(a)\1", "(?=x)a", "x" * 501, "", "a*|b"])
def test_unsafe_or_broken_patterns_are_refused(pattern):
    assert validate_pattern(pattern)


def test_nested_quantifier_pattern_is_safe_and_accepted():
    assert validate_pattern("(a+)+$") is None
    checks = screener(CheckSpec(1, 1, CheckKind.pattern, Action.flag, pattern="(a+)+$"))
    assert checks.screen("a" * 5000 + "!").hits == ()


def test_refused_pattern_says_why():
    assert "backreference" in (validate_pattern(r"(a)\1") or "")


@pytest.mark.parametrize("phrase", ["", "  ", "!!", "a", "x" * 101])
def test_unusable_phrases_are_refused(phrase):
    assert validate_phrase(phrase)


def test_compile_refuses_a_bad_check_by_id():
    with pytest.raises(ValueError, match="Check 7"):
        compile_checks([CheckSpec(7, 1, CheckKind.pattern, Action.hold, pattern="(")])


SHOUTING = CheckSpec(1, 4, CheckKind.shouting, Action.nudge)


@pytest.mark.parametrize(
    "text",
    ["WHY DOES NOBODY EVER LISTEN", "I AM SO SAD AND SO ALONE", "WHY WON'T ANYONE HELP me"],
)
def test_mostly_capitals_is_shouting(text):
    assert screener(SHOUTING).screen(text).action is Action.nudge


@pytest.mark.parametrize(
    "text",
    [
        "HELP ME",  # fewer than 12 letters
        "My GP said the NHS and CBT could help with my ADHD and OCD",  # acronyms
        "I went to the shops and OK it was fine",
        "Why Does Nobody Ever Listen",
    ],
)
def test_short_or_acronym_capitals_are_not_shouting(text):
    assert screener(SHOUTING).screen(text).hits == ()


def test_capital_share_threshold_is_configurable():
    strict = CheckSpec(1, 4, CheckKind.shouting, Action.nudge, min_letters=5, max_capital_share=0.4)
    assert screener(strict).screen("SHOUTING is NOT nice").hits != ()
    assert screener(SHOUTING).screen("SHOUTING is NOT nice").hits == ()


def test_shouting_span_is_the_capital_words():
    text = "honestly WHY WON'T ANYONE EVER LISTEN"
    hit = screener(SHOUTING).screen(text).hits[0]
    assert hit.excerpts == ("WHY WON'T ANYONE EVER LISTEN",)


STARTER = compile_checks(starter_specs())


@pytest.mark.parametrize(
    ("text", "rule", "action"),
    [
        ("how many pills is a lethal dose", 2, Action.hold),
        ("you are pathetic, nobody likes you", 3, Action.hold),
        ("this is sh1t", 4, Action.nudge),
        ("WHY DOES EVERYONE IGNORE ME", 4, Action.nudge),
        ("my number is 07912 345678", 5, Action.nudge),
    ],
)
def test_starter_set_catches_each_category(text, rule, action):
    result = STARTER.screen(text)
    assert {hit.rule_id for hit in result.hits} == {rule}
    assert result.action is action


def test_starter_crisis_language_is_sensitive_crisis():
    result = STARTER.screen("I can't go on, I want to end it all")
    assert result.crisis is True
    assert all(hit.sensitive and hit.rule_id == 6 for hit in result.hits)


def test_starter_set_leaves_an_ordinary_post_alone():
    text = (
        "Had a rough day but my sister called and we laughed. Samaritans are on 116 123 if anyone needs them."
    )
    assert STARTER.screen(text) == Screening(hits=())


def test_starter_rule_ids_come_from_positions():
    specs = starter_specs({position: 100 + position for position in range(1, 7)})
    assert {spec.rule_id for spec in specs} == {102, 103, 104, 105, 106}


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_screening_never_raises_and_spans_stay_inside_the_text(text):
    result = STARTER.screen(text)
    for hit in result.hits:
        assert all(0 <= start < end <= len(text) for start, end in hit.spans)
