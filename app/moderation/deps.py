"""Typed access to moderation's per-process parts held on the app."""

from typing import Annotated

from fastapi import Depends, Request

from app.moderation.screening_cache import ScreenerCache


async def _screeners(request: Request) -> ScreenerCache:
    return request.app.state.screeners


ScreenersDep = Annotated[ScreenerCache, Depends(_screeners)]
