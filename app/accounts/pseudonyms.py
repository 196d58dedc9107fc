"""The rules for pseudonyms: what may be chosen, and when two names look too alike to share."""

import unicodedata

from confusable_homoglyphs import categories

from app.core.lookalikes import LOOKALIKES as _LOOKALIKES
from app.core.lookalikes import strip_accents as _strip_accents

MIN_LENGTH = 3
MAX_LENGTH = 30
RESERVED_NAMES: tuple[str, ...] = (
    "admin", "administrator", "moderator", "moderators", "mod", "mods", "staff", "support", "system",
    "alongside", "team", "sam", "official", "help", "root", "crisis", "samaritans", "nhs",
)  # fmt: skip
# These refuse anywhere inside a name ("The-M0derator"); short words like "mod" or "sam" only refuse whole,
# or "modest" and "samuel" could never join.
IMPERSONATION_STEMS: tuple[str, ...] = ("moderator", "alongside")
# These refuse at the start or end of a name ("Adm1n_Jo", "jo-admin") but not inside one ("badminton").
IMPERSONATION_AFFIXES: tuple[str, ...] = ("admin",)
RESERVED_REASON = "That name is kept for the moderation team. Please choose another."

_ASCII_DIGITS = frozenset("0123456789")
_SEPARATORS = frozenset("_-")
# Scripts that carry no identity of their own: digits, "_", "-", accents.
_NEUTRAL_SCRIPTS = frozenset({"COMMON", "INHERITED"})
# Japanese, Korean and Chinese names mix scripts as a matter of course, as TR39's "highly restrictive" allows.
_SCRIPT_FAMILIES = (
    frozenset({"HAN", "HIRAGANA", "KATAKANA"}),
    frozenset({"HAN", "HANGUL"}),
    frozenset({"HAN", "BOPOMOFO"}),
)
# Digits standing in for letters, and i/l/1/| which many fonts draw alike; "_", "-" and spaces carry nothing.
_ASCII_FOLD = str.maketrans("0123456789i|", "olzeastbbgll", "_- \t")


def normalise_pseudonym(raw: str) -> str:
    """Return the pseudonym as stored: NFKC-normalised, surrounding whitespace removed."""
    return unicodedata.normalize("NFKC", raw).strip()


def _only_allowed_chars(name: str) -> bool:
    """Whether every character is a letter, an ASCII digit, '_', '-', or a mark on a letter."""
    after_letter = False
    for char in name:
        if unicodedata.category(char)[0] == "M":
            # Devanagari, Tamil and other scripts spell names with vowel signs that str.isalpha calls marks.
            if not after_letter:
                return False
        elif char.isalpha():
            after_letter = True
        elif char in _ASCII_DIGITS or char in _SEPARATORS:
            after_letter = False
        else:
            return False
    return True


def pseudonym_problem(name: str) -> str | None:
    """Return why the pseudonym is not allowed, or None if it is."""
    name = normalise_pseudonym(name)
    if len(name) < MIN_LENGTH:
        return f"A pseudonym needs at least {MIN_LENGTH} characters."
    if len(name) > MAX_LENGTH:
        return f"A pseudonym can be at most {MAX_LENGTH} characters long."
    if not _only_allowed_chars(name):
        return "A pseudonym can only use letters, the digits 0-9, '_' and '-' (no spaces or symbols)."
    if not (name[0].isalpha() or name[0] in _ASCII_DIGITS):
        return "A pseudonym must start with a letter or a digit."
    scripts = categories.unique_aliases(name) - _NEUTRAL_SCRIPTS
    if len(scripts) > 1 and not any(scripts <= family for family in _SCRIPT_FAMILIES):
        return "A pseudonym must use letters from one alphabet only, not a mix such as Latin and Cyrillic."
    return None


def _fold_char(char: str) -> str:
    """Return the lowercase ASCII look-alike of one character, or the character casefolded if it has none."""
    # Look up before casefolding: capitals such as Cyrillic "Н" look like "H", but their lowercase does not.
    if char in _LOOKALIKES:
        return _LOOKALIKES[char]
    return "".join(_LOOKALIKES.get(c, c) for c in char.casefold())


def skeleton(name: str) -> str:
    """Return the look-alike key of a name: two names with the same skeleton are one name."""
    # NFKD separates accents from letters; NFC then rejoins what stays (Hangul jamo), keeping the key short.
    bases = unicodedata.normalize("NFC", _strip_accents(unicodedata.normalize("NFKD", name.strip())))
    folded = _strip_accents("".join(_fold_char(c) for c in bases))  # casefolding "İ" adds an accent
    return folded.translate(_ASCII_FOLD).replace("rn", "m").replace("vv", "w")


_RESERVED_SKELETONS = frozenset(skeleton(word) for word in RESERVED_NAMES)
_STEM_SKELETONS = tuple(skeleton(stem) for stem in IMPERSONATION_STEMS)
_AFFIX_SKELETONS = tuple(skeleton(affix) for affix in IMPERSONATION_AFFIXES)


def reserved_problem(name: str, extra_reserved: tuple[str, ...] = ()) -> str | None:
    """Return why the name is kept for the team (or looks like one that is), or None if it is free."""
    key = skeleton(name)
    if (
        key in _RESERVED_SKELETONS
        or any(stem in key for stem in _STEM_SKELETONS)
        or key.startswith(_AFFIX_SKELETONS)
        or key.endswith(_AFFIX_SKELETONS)
    ):
        return RESERVED_REASON
    if any(key == skeleton(extra) for extra in extra_reserved if extra.strip()):
        return RESERVED_REASON
    return None
