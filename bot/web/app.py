"""The app factory: one FastAPI app for the page, the JSON API and the chat adapters.

`create_app(settings)` builds the app; the index is opened once and shared, and every request
takes one `Engine` snapshot from the handle, so an ingest that swaps the index in underneath is
picked up by the next request and never mixed into a running one.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import anyio
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles

from bot.limits import RateLimiter
from bot.settings import Settings
from bot.web.api import router as api_router
from bot.web.cache import SnapshotCache
from bot.web.compare import router as compare_router
from bot.web.errors import install_error_handlers
from bot.web.middleware import SecurityHeaders
from bot.web.pages import STATIC_DIR
from bot.web.pages import router as page_router
from index.search import IndexHandle


def create_app(
    settings: Settings, handle: IndexHandle | None = None, *, teams_channel: Any = None
) -> FastAPI:
    """The whole web app: page, API, and the Slack and Teams endpoints when configured.
    `teams_channel` (a bot.teams.channel.BotChannel) replaces Microsoft's token and reply hosts in tests."""
    index_handle = handle or IndexHandle(settings.index, settings.embedder)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await anyio.to_thread.run_sync(index_handle.get)  # load the index once, before serving
        yield

    app = FastAPI(
        title="afspraken",
        summary="Questions about Dutch social-housing performance agreements, "
        "answered with the clause they come from.",
        version="0.1.0",
        lifespan=lifespan,
        redoc_url=None,
    )
    # what the routes' dependencies (bot.web.deps) read
    app.state.handle = index_handle
    app.state.settings = settings
    app.state.limiter = RateLimiter(settings.rate_limit_per_minute)
    app.state.cache = SnapshotCache()

    install_error_handlers(app)
    app.include_router(api_router)
    app.include_router(compare_router)
    app.include_router(page_router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    _mount_chat_adapters(app, settings, index_handle, teams_channel)

    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type"],
        )
    app.add_middleware(SecurityHeaders)
    return app


def _mount_chat_adapters(app: FastAPI, settings: Settings, handle: IndexHandle, teams_channel: Any) -> None:
    if settings.slack_bot_token or settings.slack_signing_secret:
        from bot.slack.app import mount_slack

        mount_slack(app, settings, handle)
    if settings.teams_app_id or settings.teams_insecure_dev:
        from bot.teams.app import mount_teams
        from bot.teams.channel import MICROSOFT

        mount_teams(app, settings, handle, teams_channel or MICROSOFT)


def app_from_environment() -> FastAPI:
    """For `uvicorn --factory bot.web:app_from_environment`: settings from AFSPRAKEN_* variables."""
    return create_app(Settings())


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run the app under uvicorn until interrupted; raises IndexError_ when there is no index."""
    import uvicorn

    handle = IndexHandle(settings.index, settings.embedder)
    handle.get()  # fail here, with one sentence, rather than in the server's start-up
    app = create_app(settings, handle)
    uvicorn.run(app, host=host, port=port, proxy_headers=True, log_level="info")
