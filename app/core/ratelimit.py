"""Rate limits through the `limits` library: memory storage by default, Redis when configured."""

import logging
import math
import time

from fastapi import Request
from limits import RateLimitItem, parse
from limits.aio.strategies import MovingWindowRateLimiter
from limits.errors import StorageError
from limits.storage import storage_from_string

from app.core.config import Settings
from app.core.errors import RateLimited
from app.core.security import keyed_digest

log = logging.getLogger("alongside.ratelimit")


class RateLimiter:
    def __init__(self, settings: Settings):
        self._settings = settings
        options = (
            {"implementation": "redispy", "key_prefix": settings.redis_namespace}
            if settings.redis_url
            else {}
        )
        self._storage = storage_from_string(
            settings.rate_limit_storage_url, wrap_exceptions=bool(settings.redis_url), **options
        )
        self._strategy = MovingWindowRateLimiter(self._storage)
        self._items: dict[str, RateLimitItem] = {}

    async def hit(self, name: str, limit: str, key: str, *, what: str) -> None:
        """Count one attempt at `name` by `key`; over the limit raises 429 with Retry-After."""
        if not self._settings.rate_limit_enabled:
            return
        item = self._items.get(limit) or self._items.setdefault(limit, parse(limit))
        try:
            if await self._strategy.hit(item, name, key):
                return
        except StorageError:
            # Losing Redis must not take the service down with it: allow, and say so in the logs.
            log.warning("rate limit storage unavailable; allowing %s", name)
            return
        stats = await self._strategy.get_window_stats(item, name, key)
        retry_after = max(1, math.ceil(stats.reset_time - time.time()))
        raise RateLimited(
            f"Too many {what} for now ({item.amount} per {_describe(item)}). Try again in {retry_after} s.",
            headers={"Retry-After": str(retry_after)},
        )

    def address_key(self, request: Request) -> str:
        """Limits per address use a keyed digest, so no IP address is stored in the clear."""
        host = request.client.host if request.client else "unknown"
        return keyed_digest(self._settings.secret_key, host)


def _describe(item: RateLimitItem) -> str:
    unit = item.GRANULARITY.name
    return unit if item.multiples == 1 else f"{item.multiples} {unit}s"
