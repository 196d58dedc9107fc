"""Typed access to the per-process services held on the app: settings, hasher, rate limiter.

Dependencies are `async def` even when they await nothing: FastAPI runs a plain `def` dependency in a
thread, a hop that costs more than the request's own work in it.
"""

from typing import Annotated

from fastapi import Depends, Request

from app.core.config import Settings
from app.core.ratelimit import RateLimiter
from app.core.security import PasswordHasher


async def _settings(request: Request) -> Settings:
    return request.app.state.settings


async def _hasher(request: Request) -> PasswordHasher:
    return request.app.state.hasher


async def _limiter(request: Request) -> RateLimiter:
    return request.app.state.rate_limiter


SettingsDep = Annotated[Settings, Depends(_settings)]
HasherDep = Annotated[PasswordHasher, Depends(_hasher)]
LimiterDep = Annotated[RateLimiter, Depends(_limiter)]
