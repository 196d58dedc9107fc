"""Administrators' regular expressions, run by RE2 so that none can take exponential time."""

import re2

MAX_PATTERN_LENGTH = 500
# RE2 compiles to an automaton whose size is capped; a pattern that needs more is refused, not run slowly.
_MAX_MEMORY = 8 << 20


def _options() -> re2.Options:
    options = re2.Options()
    options.max_mem = _MAX_MEMORY
    options.log_errors = False  # a refused pattern is reported to the administrator, not to the log
    return options


def compile_pattern(pattern: str) -> re2._Regexp:
    """Compile a pattern that validate_pattern accepted."""
    return re2.compile(pattern, _options())


def validate_pattern(pattern: str) -> str | None:
    """Return why an administrator's pattern is refused, or None if it can be used."""
    if not pattern.strip():
        return "A pattern cannot be empty."
    if len(pattern) > MAX_PATTERN_LENGTH:
        return f"A pattern can be at most {MAX_PATTERN_LENGTH} characters long."
    try:
        compiled = compile_pattern(pattern)
    except re2.error as error:
        reason = error.args[0].decode() if error.args and isinstance(error.args[0], bytes) else str(error)
        return (
            f"This pattern cannot be used ({reason}). Patterns use RE2 syntax: no backreferences "
            "or lookarounds."
        )
    if compiled.search("") is not None:
        return "This pattern matches empty text, so it would match every post."
    return None
