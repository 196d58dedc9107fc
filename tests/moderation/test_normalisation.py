"""Spelling tricks do not get phrases past screening, and ordinary words are not caught by them."""

import pytest


def hit_ids(screener, text: str) -> set[int]:
    return {hit.check_id for hit in screener.screen(text).hits}


@pytest.mark.parametrize(
    "text",
    [
        "s u i c i d e",
        "s.u.i.c.i.d.e",
        "s-u-i-c-i-d-e",
        "I s u i c i d e",
        "suuuiiicide",
        "sui\u200bcide",
        "sui\u00adci\u2060de",
        "ѕuісіdе",  # Cyrillic
        "ｓｕｉｃｉｄｅ",  # fullwidth
        "𝐬𝐮𝐢𝐜𝐢𝐝𝐞",  # mathematical bold
        "SUÏCÏDE",
        "$u1c1d3",
        "5uic!de",
    ],
)
def test_spelling_tricks_still_match_the_phrase(words, text):
    assert 2 in hit_ids(words, text)


def test_leetspeak_reads_one_as_l_too(words):
    assert hit_ids(words, "ki11 myself") == {1, 2}


def test_repeated_letters_collapse(words):
    assert 1 in hit_ids(words, "i just want to diiiieeee")


def test_spaced_letters_with_dashes_match(words):
    assert 1 in hit_ids(words, "k-i-l-l")


@pytest.mark.parametrize(
    "text", ["on a diet", "I studied", "so cute", "Scunthorpe United", "a cutlery drawer"]
)
def test_phrases_match_whole_words_only(words, text):
    assert words.screen(text).hits == ()


def test_doubled_letter_in_a_phrase_is_required(words):
    assert words.screen("as I said").hits == ()


def test_multi_word_phrase_matches_across_punctuation_and_spaces(words):
    assert 1 in hit_ids(words, "I want...   to\n die")


def test_multi_word_phrase_needs_its_words_in_order(words):
    assert hit_ids(words, "to die I want") == {1}  # "die" alone, not "want to die"
    excerpts = [hit.excerpts for hit in words.screen("to die I want").hits]
    assert excerpts == [("die",)]
