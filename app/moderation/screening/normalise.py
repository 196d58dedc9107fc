"""Text as screening reads it, with a way back to what the author wrote.

Two forms are made from a post:

- the *folded* form: compatibility forms (NFKC), case, accents, invisible characters and look-alike letters
  folded away, but digits and punctuation kept, so contact details and administrators' patterns still see
  "07912 345678" or "name@example.com";
- the *canonical* form, for phrases: words of letters and digits joined by single spaces, with digits and
  symbols used as letters read as letters ("k1ll" -> "kill"), letters spelled out one by one joined
  ("s.u.i.c.i.d.e"), apostrophes dropped ("can't" -> "cant") and repeated letters collapsed ("diiie").
"""

import re
import unicodedata
from dataclasses import dataclass

from app.core.lookalikes import LOOKALIKES, strip_accents

# Invisible characters that are not format characters (category Cf, which are dropped as a class):
# the combining grapheme joiner, Hangul fillers and Khmer inherent vowels render as nothing.
_EXTRA_INVISIBLE = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u3164\uffa0")
_APOSTROPHES = frozenset("'’‘ʼ`´′")
_FOLD_CACHE: dict[str, str] = {}
_FOLD_CACHE_LIMIT = 50_000  # arbitrary Unicode must not grow the cache without bound

# Digits and symbols read as letters inside a word that has letters. "1" is read as "i" here; a second
# canonical form reads it as "l", because "k1ll" and "ki11" are both common.
_LEET_I = str.maketrans("013457@$!|", "oieastasil")
_LEET_L = str.maketrans("013457@$!|", "oleastasil")
_LEET_CHARS = frozenset("013457@$!|")
# "!" and "|" are punctuation at the edge of a word ("die!"), letters only inside one ("sh!t").
_INNER_ONLY = frozenset("!|")
_REPEAT = re.compile(r"(.)\1")
_TOKEN = re.compile(r"(?:[^\W_]|[@$!|'])+")
# Letters spelled out one at a time are joined when at least this many are separated by short gaps.
_MIN_SPELLED = 3
_MAX_GAP = 3


def fold_char(char: str) -> str:
    """Return what one character folds to: lowercase, unaccented, ASCII where it looks like ASCII."""
    cached = _FOLD_CACHE.get(char)
    if cached is not None:
        return cached
    if char in _EXTRA_INVISIBLE or unicodedata.category(char) == "Cf":
        folded = ""
    elif char in _APOSTROPHES:
        folded = "'"
    elif char in LOOKALIKES:
        # Looked up before casefolding: capitals such as Cyrillic "Н" look like "H", their lowercase does not.
        folded = LOOKALIKES[char]
    elif LOOKALIKES.get(char.upper(), "").isalpha():
        # Lowercase Cyrillic and Greek ("к", "т") are missing from the data but stand in for the same letters.
        folded = LOOKALIKES[char.upper()]
    else:
        # Casefolding can add accents ("İ" -> "i̇"), so decompose again before they are dropped.
        bases = strip_accents(unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", char).casefold()))
        folded = "".join(LOOKALIKES.get(c, c) for c in unicodedata.normalize("NFC", bases))
    if len(_FOLD_CACHE) < _FOLD_CACHE_LIMIT:
        _FOLD_CACHE[char] = folded
    return folded


@dataclass(frozen=True)
class Folded:
    """The folded form of a text, and for each of its characters the original character it came from."""

    text: str
    origin: tuple[int, ...] | None  # None when folding kept every offset (plain ASCII)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the folded text back to the span of the original it was made from."""
        if self.origin is None:
            return start, end
        return self.origin[start], self.origin[end - 1] + 1


def fold(text: str) -> Folded:
    """Fold a text for screening, keeping the way back to the original."""
    if text.isascii():
        return Folded(text.lower(), None)
    parts: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        folded = fold_char(char)
        if folded:
            parts.append(folded)
            origin.extend([index] * len(folded))
    return Folded("".join(parts), tuple(origin))


@dataclass(frozen=True)
class Canonical:
    """The canonical form: " word word " with, per character, its folded span and how often it repeated."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    runs: tuple[int, ...]  # 0 for the spaces between words


def _word_chars(folded: str, tokens: list[tuple[int, int]]) -> list[tuple[str, int]]:
    """The characters of one word (one token, or several spelled out), with their folded offsets."""
    chars: list[tuple[str, int]] = []
    for start, end in tokens:
        for index in range(start, end):
            char = folded[index]
            if char == "'":
                continue
            if char in _INNER_ONLY and (index == start or index == end - 1):
                continue
            if char == "@" and index == start and len(tokens) == 1:
                continue  # "@name" is a handle, not a word spelled with "a"
            chars.append((char, index))
    return chars


def _words(folded: str) -> list[list[tuple[int, int]]]:
    """Group the folded text's tokens into words, joining letters spelled out one at a time."""
    tokens = [match.span() for match in _TOKEN.finditer(folded)]
    words: list[list[tuple[int, int]]] = []
    index = 0
    while index < len(tokens):
        run_end = index + 1
        if tokens[index][1] - tokens[index][0] == 1:
            # One separator throughout ("s.u.i.c.i.d.e", "k i l l"), so "I w.a.n.t" keeps its "I".
            gap = folded[tokens[index][1] : tokens[index + 1][0]] if index + 1 < len(tokens) else ""
            while run_end < len(tokens):
                start, end = tokens[run_end]
                if end - start != 1 or folded[tokens[run_end - 1][1] : start] != gap:
                    break
                run_end += 1
            if len(gap) > _MAX_GAP or "\n" in gap:
                run_end = index + 1
            # "I" and "a" are words of their own: "I s u i c i d e" is "I" and a spelled-out word.
            if folded[tokens[index][0]] in "ia" and run_end - index - 1 >= _MIN_SPELLED:
                words.append([tokens[index]])
                index += 1
        if run_end - index >= _MIN_SPELLED:
            words.append(tokens[index:run_end])
            index = run_end
        else:
            words.append([tokens[index]])
            index += 1
    return words


def _slow_word(
    folded: str, tokens: list[tuple[int, int]], leet: dict[int, str]
) -> tuple[list[tuple[str, int]], bool]:
    """The characters of a word that needs reading (symbols, digits, repeats), and whether it had a "1"."""
    chars = _word_chars(folded, tokens)
    if not any(c.isalpha() for c, _ in chars):
        return [(c, i) for c, i in chars if c.isalnum()], False
    if not any(c in _LEET_CHARS for c, _ in chars):
        return chars, False
    return [(c.translate(leet), i) for c, i in chars], any(c == "1" for c, _ in chars)


def canonical(folded: str, *, one_as_l: bool = False) -> tuple[Canonical, bool]:
    """Make the canonical form of folded text, and say whether "1" was read as a letter in it."""
    leet = _LEET_L if one_as_l else _LEET_I
    out: list[str] = [" "]
    starts: list[int] = [0]
    ends: list[int] = [0]
    runs: list[int] = [0]
    saw_one = False
    for tokens in _words(folded):
        if len(tokens) == 1:
            start, end = tokens[0]
            word = folded[start:end]
            if word.isascii() and word.isalpha() and not _REPEAT.search(word):
                # Most words need no reading at all: copy them and their offsets in one go.
                out.append(word)
                starts.extend(range(start, end))
                ends.extend(range(start + 1, end + 1))
                runs.extend([1] * (end - start))
                out.append(" ")
                starts.append(end)
                ends.append(end)
                runs.append(0)
                continue
        chars, had_one = _slow_word(folded, tokens, leet)
        if not chars:
            continue
        saw_one = saw_one or had_one
        previous = ""
        for char, index in chars:
            if char == previous:
                ends[-1] = index + 1
                runs[-1] += 1
            else:
                out.append(char)
                starts.append(index)
                ends.append(index + 1)
                runs.append(1)
                previous = char
        out.append(" ")
        starts.append(ends[-1])
        ends.append(ends[-1])
        runs.append(0)
    if len(out) == 1:
        out.append(" ")
        starts.append(0)
        ends.append(0)
        runs.append(0)
    return Canonical("".join(out), tuple(starts), tuple(ends), tuple(runs)), saw_one


def phrase_form(phrase: str) -> tuple[str, tuple[int, ...]]:
    """The canonical text of a phrase (with its surrounding spaces) and its letters' repeat counts."""
    form, _ = canonical(fold(phrase).text)
    return form.text, form.runs[1:-1]
