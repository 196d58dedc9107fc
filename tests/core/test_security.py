"""Password hashing runs off the event loop, a few at a time; tokens and codes are random and long."""

import asyncio
import threading
import time

from app.core.security import (
    PasswordHasher,
    csrf_matches,
    csrf_token,
    new_recovery_code,
    new_token,
    normalise_recovery_code,
    password_problem,
)
from tests.conftest import make_settings


def _hasher(concurrency: int) -> PasswordHasher:
    return PasswordHasher(make_settings("sqlite+aiosqlite://", password_hash_concurrency=concurrency))


async def test_hashing_is_bounded_and_leaves_the_event_loop_free(monkeypatch):
    hasher = _hasher(2)
    running, peak, lock = 0, 0, threading.Lock()

    def slow_hash(secret: str) -> str:
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
        time.sleep(0.05)
        with lock:
            running -= 1
        return "$argon2id$fake"

    monkeypatch.setattr(hasher._context, "hash", slow_hash)
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            ticks += 1
            await asyncio.sleep(0.005)

    task = asyncio.create_task(ticker())
    await asyncio.gather(*(hasher.hash(f"password {n}") for n in range(6)))
    task.cancel()
    assert peak == 2
    assert ticks >= 10  # the loop kept running while three rounds of hashing took ~150 ms


async def test_hash_is_argon2id_and_verifies():
    hasher = _hasher(1)
    hashed = await hasher.hash("correct horse battery")
    assert hashed.startswith("$argon2id$")
    assert (await hasher.verify("correct horse battery", hashed))[0] is True
    assert (await hasher.verify("wrong horse battery", hashed))[0] is False


async def test_verify_without_a_hash_does_real_work_and_fails():
    hasher = _hasher(1)
    started = time.perf_counter()
    matches, _ = await hasher.verify("anything at all", None)
    assert matches is False
    assert time.perf_counter() - started > 0.0005


def test_tokens_are_at_least_128_bits_and_unique():
    tokens = {new_token() for _ in range(100)}
    assert len(tokens) == 100
    assert all(len(t) >= 43 for t in tokens)  # 32 bytes in base64url


def test_recovery_codes_are_grouped_and_normalise_forgivingly():
    code = new_recovery_code()
    assert len(code) == 23 and code.count("-") == 3
    assert normalise_recovery_code(code.lower().replace("-", " ")) == code.replace("-", "")


def test_csrf_token_is_bound_to_the_session():
    token = csrf_token("secret", "session-a")
    assert csrf_matches("secret", "session-a", token)
    assert not csrf_matches("secret", "session-b", token)
    assert not csrf_matches("other-secret", "session-a", token)
    assert not csrf_matches("secret", "session-a", None)


def test_password_policy_is_length_and_commonness_only():
    assert password_problem("abcdefghij") is None  # no composition rules
    assert password_problem("short") is not None
    assert password_problem("x" * 1025) is not None
    for common in ("password123", "Password123", "1q2w3e4r5t"):
        assert "common" in password_problem(common)
