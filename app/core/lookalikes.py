"""Unicode look-alikes from TR39 confusables, shared by pseudonym checks and post screening."""

import unicodedata

from confusable_homoglyphs import confusables

_KEPT_MARK_CLASSES = frozenset({0, 7, 9})  # 0: not a combining mark at all, e.g. Indic vowel signs


def strip_accents(text: str) -> str:
    """Drop combining marks other than nukta and virama."""
    # Nukta and virama (combining classes 7 and 9) change which Indic consonant is written; accents do not.
    return "".join(c for c in text if unicodedata.combining(c) in _KEPT_MARK_CLASSES)


def _build_lookalikes() -> dict[str, str]:
    """Map each non-ASCII character to the lowercase ASCII letters or digits it is confusable with."""
    table: dict[str, str] = {}
    for key, glyphs in confusables.confusables_data.items():
        # The data is keyed in both directions (prototype -> look-alikes and look-alike -> prototype), and
        # wraps right-to-left characters in U+200E marks, so read both ends of every pair and unwrap them.
        for glyph in glyphs:
            pair = (key.replace("\u200e", ""), glyph["c"].replace("\u200e", ""))
            for source, target in (pair, pair[::-1]):
                # Accents go, as in skeleton ("η" is listed as "n̩"), then all but letters and digits ("Ɓ" is
                # "'B"); at most two may remain, so a 30-character name's key fits its 60-character column.
                target = "".join(c for c in strip_accents(target) if c.isalnum()).lower()
                if len(source) == 1 and not source.isascii() and target.isascii() and 0 < len(target) <= 2:
                    table.setdefault(source, target)
    return table


LOOKALIKES: dict[str, str] = _build_lookalikes()
