"""What a route depends on, from the app's state: the index snapshot, settings, cache and limiter."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from bot.limits import RateLimiter
from bot.settings import Settings
from bot.web.cache import SnapshotCache
from index.search import Engine, IndexHandle


async def current_engine(request: Request) -> Engine:
    """This request's snapshot of the index; the handle reloads when an ingest swapped it."""
    handle: IndexHandle = request.app.state.handle
    return handle.get()


async def app_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def snapshot_cache(request: Request) -> SnapshotCache:
    cache: SnapshotCache = request.app.state.cache
    return cache


async def rate_limiter(request: Request) -> RateLimiter:
    limiter: RateLimiter = request.app.state.limiter
    return limiter


async def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


CurrentEngine = Annotated[Engine, Depends(current_engine)]
AppSettings = Annotated[Settings, Depends(app_settings)]
Cache = Annotated[SnapshotCache, Depends(snapshot_cache)]
Limiter = Annotated[RateLimiter, Depends(rate_limiter)]
ClientAddress = Annotated[str, Depends(client_address)]
