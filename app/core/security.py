"""Password hashing (argon2id), the password policy, session tokens and CSRF tokens."""

import hashlib
import hmac
import secrets

import anyio
from passlib.context import CryptContext
from zxcvbn.frequency_lists import FREQUENCY_LISTS

from app.core.config import Settings

PASSWORD_MIN = 10
PASSWORD_MAX = 1024
_COMMON_PASSWORDS = frozenset(FREQUENCY_LISTS["passwords"])
# Crockford-style alphabet: no I, L, O, U, so a code copied by hand is not misread.
_RECOVERY_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


class PasswordHasher:
    """argon2id off the event loop, with a bound on how many hashes run at once."""

    def __init__(self, settings: Settings):
        self._context = CryptContext(
            schemes=["argon2"],
            argon2__type="ID",
            argon2__time_cost=settings.argon2_time_cost,
            argon2__memory_cost=settings.argon2_memory_kib,
            argon2__parallelism=1,
        )
        self._limiter = anyio.CapacityLimiter(settings.password_hash_concurrency)

    async def hash(self, secret: str) -> str:
        return await anyio.to_thread.run_sync(self._context.hash, secret, limiter=self._limiter)

    async def verify(self, secret: str, hashed: str | None) -> tuple[bool, str | None]:
        """Check a secret; returns (matches, a new hash when the stored one uses old parameters)."""
        if hashed is None:
            # Unknown accounts cost the same time as known ones, so timing does not reveal names.
            await anyio.to_thread.run_sync(self._context.dummy_verify, limiter=self._limiter)
            return False, None
        return await anyio.to_thread.run_sync(
            self._context.verify_and_update, secret, hashed, limiter=self._limiter
        )


def password_problem(password: str, *, pseudonym: str = "") -> str | None:
    """Why a new password is refused, or None. Length only: no composition rules."""
    if len(password) < PASSWORD_MIN:
        return f"Use at least {PASSWORD_MIN} characters."
    if len(password) > PASSWORD_MAX:
        return f"Use at most {PASSWORD_MAX} characters."
    lowered = password.lower()
    if lowered in _COMMON_PASSWORDS:
        return "That password is one of the most common ones; choose something less guessable."
    if pseudonym and pseudonym.lower() in lowered:
        return "Your password must not contain your pseudonym."
    return None


def new_token() -> str:
    """An opaque session token of 256 random bits."""
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    """Tokens are random, so a fast hash is enough to keep the stored form useless if leaked."""
    return hashlib.sha256(token.encode()).hexdigest()


def csrf_token(secret_key: str, session_token: str) -> str:
    """The CSRF token a browser echoes back: bound to its session, derivable without storage."""
    return hmac.new(secret_key.encode(), b"csrf:" + session_token.encode(), hashlib.sha256).hexdigest()


def csrf_matches(secret_key: str, session_token: str, presented: str | None) -> bool:
    return presented is not None and hmac.compare_digest(csrf_token(secret_key, session_token), presented)


def keyed_digest(secret_key: str, value: str) -> str:
    """A stable pseudonymous key for a value we must not store in the clear (an IP address)."""
    return hmac.new(secret_key.encode(), value.encode(), hashlib.sha256).hexdigest()[:32]


def new_recovery_code() -> str:
    """Twenty characters (100 bits) in four groups, easy to write down."""
    raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(20))
    return "-".join(raw[i : i + 5] for i in range(0, 20, 5))


def normalise_recovery_code(code: str) -> str:
    return (
        "".join(c for c in code.upper() if c.isalnum()).replace("O", "0").replace("I", "1").replace("L", "1")
    )
