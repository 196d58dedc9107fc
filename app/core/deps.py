"""Typed access to the per-process services held on the app: settings, hasher, rate limiter."""

from typing import Annotated

from fastapi import Depends, Request

from app.core.config import Settings
from app.core.ratelimit import RateLimiter
from app.core.security import PasswordHasher


def _settings(request: Request) -> Settings:
    return request.app.state.settings


def _hasher(request: Request) -> PasswordHasher:
    return request.app.state.hasher


def _limiter(request: Request) -> RateLimiter:
    return request.app.state.rate_limiter


SettingsDep = Annotated[Settings, Depends(_settings)]
HasherDep = Annotated[PasswordHasher, Depends(_hasher)]
LimiterDep = Annotated[RateLimiter, Depends(_limiter)]
