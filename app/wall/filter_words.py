"""A member's filter words compiled into one matcher, read the way screening reads a post.

Texts are normalised as screening normalises them (app/moderation/screening/normalise.py), so "s u i c i d e",
"SUICIDE" and look-alike letters match the word "suicide". The forms of a text are made once (`TextForms`)
and matched against any number of members' matchers; a matcher's cost does not grow with its words.
"""

from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from app.moderation.screening.normalise import Canonical, canonical, fold, phrase_form

MAX_WORDS = 200
MAX_WORD_LENGTH = 100


def word_key(word: str) -> str:
    """The canonical form of a filter word: words that share it are one word. Empty: nothing to match."""
    return phrase_form(word)[0].strip()


@dataclass(frozen=True)
class TextForms:
    """The canonical forms of one or more texts (a post's body and its content warning)."""

    forms: tuple[Canonical, ...]


def text_forms(*texts: str | None) -> TextForms:
    forms: list[Canonical] = []
    for text in texts:
        if not text:
            continue
        folded = fold(text).text
        form, one_read_as_letter = canonical(folded)
        forms.append(form)
        if one_read_as_letter:
            # "1" stands for "l" as often as for "i", as screening reads it.
            forms.append(canonical(folded, one_as_l=True)[0])
    return TextForms(tuple(forms))


class FilterMatcher:
    """Which of a member's words a text contains (the first found), or None."""

    def __init__(self, words: tuple[str, ...]):
        self.words = words
        self._automaton = ahocorasick.Automaton()
        keys: dict[str, list[tuple[str, int, tuple[int, ...]]]] = {}
        for word in words:
            key, runs = phrase_form(word)
            if key.strip():
                keys.setdefault(key, []).append((word, len(key), runs))
        for key, entries in keys.items():
            self._automaton.add_word(key, tuple(entries))
        self._automaton.make_automaton()

    def match(self, forms: TextForms) -> str | None:
        for form in forms.forms:
            runs = form.runs
            for end, entries in self._automaton.iter(form.text):
                for word, length, wanted_runs in entries:
                    first = end - length + 2  # the key's first letter, after its leading space
                    if all(runs[first + k] >= wanted for k, wanted in enumerate(wanted_runs)):
                        return word
        return None


@lru_cache(maxsize=4096)
def compiled(words: tuple[str, ...]) -> FilterMatcher | None:
    """One matcher per distinct list of words, shared by the members and requests that have it."""
    return FilterMatcher(words) if words else None
