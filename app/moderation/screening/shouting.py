"""Shouty capitals: the share of capital letters in a text, with acronyms let off."""

import re

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# "I", "OK", "NHS", "ADHD", "PTSD": short all-capital words in ordinary text are not shouting.
_ACRONYM_LETTERS = 4


def find_shouting(text: str, *, min_letters: int, max_capital_share: float) -> list[tuple[int, int]]:
    """Return the spans of shouted words if the text shouts, else an empty list."""
    # Capitals must outnumber small letters by share / (1 - share) even before acronyms are let off: most
    # posts are ruled out by this count alone.
    capitals, small = sum(map(str.isupper, text)), sum(map(str.islower, text))
    if capitals * (1 - max_capital_share) <= max_capital_share * small or capitals + small < min_letters:
        return []
    words: list[tuple[int, int, int, int]] = []  # start, end, capitals, small letters
    for match in _WORD.finditer(text):
        word = match.group()
        capitals = sum(c.isupper() for c in word)
        words.append((match.start(), match.end(), capitals, sum(c.islower() for c in word)))
    # A text with no small letters at all is judged on all its letters ("I AM SO SAD AND ALONE").
    # Otherwise a short capital word standing among small letters is an acronym; beside another capital
    # word it is part of the shouting ("WHY WON'T ANYONE HELP me").
    if any(small for *_, small in words):
        caps = [w[2] > 0 and w[3] == 0 for w in words]
        words = [
            w
            for n, w in enumerate(words)
            if not (
                caps[n]
                and w[2] <= _ACRONYM_LETTERS
                and not (n > 0 and caps[n - 1])
                and not (n + 1 < len(words) and caps[n + 1])
            )
        ]
    capitals = sum(w[2] for w in words)
    letters = capitals + sum(w[3] for w in words)
    if letters < min_letters or capitals <= max_capital_share * letters:
        return []
    spans: list[tuple[int, int]] = []
    for start, end, upper, small in words:
        if not upper or small:
            continue
        # Neighbouring capital words make one span, so "WHY WON'T ANYONE LISTEN" reads as one excerpt.
        if spans and not text[spans[-1][1] : start].strip(" \t,.!?;:-"):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans or [(words[0][0], words[-1][1])]
