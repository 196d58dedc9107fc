"""With Redis configured, rate limits live in Redis, so every worker shares them; losing Redis fails open."""

import os
import secrets

import pytest
from redis.asyncio import Redis

from app.core.errors import RateLimited
from app.core.ratelimit import RateLimiter
from tests.conftest import make_settings

REDIS_URL = os.environ.get("ALONGSIDE_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


async def _redis_available() -> bool:
    try:
        async with Redis.from_url(REDIS_URL, socket_connect_timeout=1) as redis:
            return bool(await redis.ping())
    except OSError:
        return False


@pytest.fixture
async def redis_url():
    if not await _redis_available():
        if os.environ.get("CI"):
            pytest.fail(f"Redis is not reachable at {REDIS_URL}, and CI must run these tests")
        pytest.skip(f"no Redis at {REDIS_URL} (set ALONGSIDE_TEST_REDIS_URL to run these)")
    return REDIS_URL


async def test_two_limiters_on_one_redis_share_the_count(redis_url):
    settings = make_settings("sqlite+aiosqlite://", redis_url=redis_url)
    first, second = RateLimiter(settings), RateLimiter(settings)
    key = secrets.token_hex(8)  # a fresh key: nothing from earlier runs
    await first.hit("test", "2/minute", key, what="tries")
    await second.hit("test", "2/minute", key, what="tries")
    with pytest.raises(RateLimited, match="Too many tries") as refused:
        await first.hit("test", "2/minute", key, what="tries")
    assert refused.value.status_code == 429
    assert 0 < int(refused.value.headers["Retry-After"]) <= 60


async def test_unreachable_redis_lets_requests_through(caplog):
    settings = make_settings("sqlite+aiosqlite://", redis_url="redis://127.0.0.1:1/0")
    limiter = RateLimiter(settings)
    for _ in range(3):
        await limiter.hit("test", "1/minute", "someone", what="tries")
    assert "rate limit storage unavailable" in caplog.text
