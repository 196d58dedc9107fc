"""Contact details in a post: emails, phone numbers, postcodes, street addresses, links and social handles.

Everything here reads the folded form (digits kept, look-alikes folded), never the canonical one, where
"07912" would have become letters. Help lines are not contact details: members may always share them.
"""

import re
from collections.abc import Iterator

import phonenumbers

# Crisis and support lines members may share, as national digits: Samaritans, Shout, NHS 111, 999,
# Papyrus HOPELINE247, CALM and Childline.
HELP_LINE_NUMBERS: frozenset[str] = frozenset(
    {"116123", "85258", "111", "999", "112", "08000684141", "0800585858", "08001111"}
)

# Help and information sites members may link to, like the help lines; their subdomains too.
HELP_SITES: frozenset[str] = frozenset(
    {
        "nhs.uk", "samaritans.org", "mind.org.uk", "papyrus-uk.org", "thecalmzone.net", "giveusashout.org",
        "childline.org.uk", "rethink.org", "youngminds.org.uk",
    }
)  # fmt: skip
_TLDS = (
    "com|net|org|co|uk|io|info|biz|ly|gg|tv|app|dev|xyz|ie|eu|de|fr|es|nl|us|ca|au|nz|online|site|"
    "link|live|page|blog|club|shop|store|social|chat|ai"
)  # fmt: skip
# Common English words that are also top-level domains ("me", "it", "in", "to") are left out, or "tired.me"
# or "gave.it" in a post typed without spaces would read as links.
_DOMAIN = rf"(?:[a-z0-9](?:[a-z0-9-]{{0,61}}[a-z0-9])?\.)+(?:{_TLDS})\b"
# "name at gmail dot com", "name (at) gmail (dot) com": spelled-out dots only, or "at work.co-workers"
# would be an address; "name at gmail.com" is still caught, as a link.
_AT = r"(?:\s*[\[(]\s*at\s*[\])]\s*|\s+at\s+)"
_DOT = r"(?:\s*[\[(]\s*dot\s*[\])]\s*|\s+dot\s+)"
_EMAIL = re.compile(
    rf"[a-z0-9][a-z0-9._%+-]{{0,63}}@{_DOMAIN}"
    rf"|\b[a-z0-9][a-z0-9._-]{{0,63}}{_AT}[a-z0-9-]{{2,63}}(?:{_DOT}[a-z]{{2,10}}){{0,2}}{_DOT}(?:{_TLDS})\b"
)
_LINK = re.compile(
    rf"\bhttps?://[^\s<>\"']+|\bwww\.[^\s<>\"']+|(?<![@\w.-]){_DOMAIN}(?:/[^\s<>\"']*)?",
)
_HANDLE = re.compile(
    r"(?<![\w@.])@[a-z0-9_](?:[a-z0-9_.]{0,28}[a-z0-9_])?\b"
    r"|\b(?:my|add me on|find me on|follow me on|message me on|dm me on)\s+"
    r"(?:insta(?:gram)?|ig|snap(?:chat)?|twitter|tiktok|facebook|fb|discord|telegram|kik|reddit|tumblr"
    r"|threads|x)\s*(?:(?:is|name|handle|username|id|=|:|-)\s*)*@?[a-z0-9_][a-z0-9_.]{2,29}"
)
# The outward code, then the inward code; "mp3 3rd" is not a postcode.
_POSTCODE = re.compile(
    r"\b(?:[a-z]{1,2}[0-9][a-z0-9]?|gir)\s?[0-9](?!st\b|nd\b|rd\b|th\b)[abd-hjlnp-uw-z]{2}\b"
)
_STREET_WORDS = (
    "road|rd|street|st|avenue|ave|lane|ln|close|drive|dr|way|crescent|court|ct|place|pl|gardens|grove|"
    "terrace|hill|park|square|sq|mews|row|walk|parade|view|rise|green"
)  # fmt: skip
# Words that make "5 miles down the road" or "2 close friends" read as prose, not as a house name.
_NOT_STREET_NAMES = (
    "the|a|an|my|your|our|their|his|her|down|up|along|across|to|of|on|in|at|by|for|and|or|more|other|few|"
    "many|miles|mins|minutes|hours|days|weeks|months|years|times|people|friends|steps|very|really|so|too|"
    "long|short|quick|slow|bus|train|car|hour|day|week|month|year|mile|minute|extra|whole"
)  # fmt: skip
_NAME_WORD = rf"(?!(?:{_NOT_STREET_NAMES})\b)[a-z][a-z'-]+"
_STREET = re.compile(
    rf"\b(?:(?:flat|apartment|apt|unit)\s*\d{{1,4}}[a-z]?\s*,?\s*)?\d{{1,4}}[a-z]?,?\s+"
    rf"(?:{_NAME_WORD}\s+){{1,3}}(?:{_STREET_WORDS})\b\.?"
    rf"|\b(?:flat|apartment|apt)\s*\d{{1,4}}[a-z]?\b"
)
# A UK number spaced out digit by digit ("0 7 9 1 2 ...") slips past the matcher, so such runs are parsed too.
_SPACED_PHONE = re.compile(r"(?:\+\s*4\s*4|\b0)(?:[\s.()-]{0,3}\d){9,10}\b")
_MIN_PHONE_DIGITS = 3


def _national_digits(number: phonenumbers.PhoneNumber) -> str:
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL).replace(" ", "")


def _is_help_line(raw: str, number: phonenumbers.PhoneNumber | None) -> bool:
    digits = "".join(c for c in raw if c.isdigit())
    if digits in HELP_LINE_NUMBERS:
        return True
    return number is not None and "".join(c for c in _national_digits(number) if c.isdigit()) in (
        HELP_LINE_NUMBERS
    )


def _phones(text: str) -> Iterator[tuple[int, int]]:
    if sum(map(str.isdigit, text)) < _MIN_PHONE_DIGITS:
        return
    found: list[tuple[int, int]] = []
    for match in phonenumbers.PhoneNumberMatcher(text, "GB", leniency=phonenumbers.Leniency.VALID):
        if not _is_help_line(match.raw_string, match.number):
            found.append((match.start, match.end))
    for match in _SPACED_PHONE.finditer(text):
        if any(start < match.end() and match.start() < end for start, end in found):
            continue
        try:
            number = phonenumbers.parse(re.sub(r"[^\d+]", "", match.group()), "GB")
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number) and not _is_help_line(match.group(), number):
            found.append(match.span())
    yield from found


def _is_help_site(link: str) -> bool:
    host = re.sub(r"^(?:https?://)?(?:www\.)?", "", link).split("/", 1)[0].rstrip(".")
    return any(host == site or host.endswith("." + site) for site in HELP_SITES)


def _matches(pattern: re.Pattern[str], text: str) -> Iterator[tuple[int, int]]:
    for match in pattern.finditer(text):
        yield match.span()


def find_contact_details(text: str, kinds: frozenset[str]) -> list[tuple[str, int, int]]:
    """Find contact details of the given kinds in folded text, as (kind, start, end), in text order."""
    found: list[tuple[str, int, int]] = []
    if "email" in kinds:
        found += [("email", start, end) for start, end in _matches(_EMAIL, text)]
    emails = [(start, end) for kind, start, end in found if kind == "email"]

    def inside_email(start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in emails)

    if "link" in kinds:
        found += [
            ("link", s, e)
            for s, e in _matches(_LINK, text)
            if not inside_email(s, e) and not _is_help_site(text[s:e])
        ]
    if "social_handle" in kinds:
        found += [("social_handle", s, e) for s, e in _matches(_HANDLE, text) if not inside_email(s, e)]
    if "phone" in kinds:
        found += [("phone", start, end) for start, end in _phones(text)]
    if "postcode" in kinds:
        found += [("postcode", start, end) for start, end in _matches(_POSTCODE, text)]
    if "street_address" in kinds:
        found += [("street_address", start, end) for start, end in _matches(_STREET, text)]
    return sorted(found, key=lambda item: (item[1], item[2]))
