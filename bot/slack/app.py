"""The Slack app and its two ways to connect: HTTP at POST /slack/events, or Socket Mode."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request, Response
from slack_bolt import App
from slack_bolt.adapter.fastapi import SlackRequestHandler
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_sdk import WebClient

from bot.feedback import FeedbackStore
from bot.settings import ChatNotConfigured, Settings
from bot.slack.listeners import register
from bot.slack.state import SlackBot
from index.search import IndexHandle


def build_slack_app(settings: Settings, handle: IndexHandle, feedback: FeedbackStore) -> App:
    """The Bolt app with every listener; HTTP mode and Socket Mode both run this one."""
    client = WebClient(token=settings.slack_bot_token or None, base_url=settings.slack_api_url)
    app = App(
        name="afspraken",
        token=settings.slack_bot_token or None,
        signing_secret=settings.slack_signing_secret,
        client=client,
        process_before_response=True,
        logger=logging.getLogger("bot.slack.bolt"),
    )
    bot = SlackBot(settings, handle, feedback)
    register(app, bot)
    return app


def slack_configured(settings: Settings) -> bool:
    """True when HTTP mode can run; a clear error when only half of it is configured."""
    token, secret = bool(settings.slack_bot_token), bool(settings.slack_signing_secret)
    if token != secret:
        present, missing = (
            ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET")
            if token
            else ("SLACK_SIGNING_SECRET", "SLACK_BOT_TOKEN")
        )
        raise ChatNotConfigured(f"{present} is set but {missing} is not: Slack needs both (or neither).")
    return token


def mount_slack(app: FastAPI, settings: Settings, handle: IndexHandle) -> None:
    """Mount Bolt at POST /slack/events (Bolt's FastAPI adapter; requests are signature-checked)."""
    if not slack_configured(settings):
        raise ChatNotConfigured("Slack is not configured: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET.")
    bolt = build_slack_app(settings, handle, FeedbackStore(settings.feedback_path))
    handler = SlackRequestHandler(bolt)

    @app.post("/slack/events", include_in_schema=False)
    async def slack_events(request: Request) -> Response:
        return await handler.handle(request)


def socket_mode_handler(settings: Settings, handle: IndexHandle) -> SocketModeHandler:
    """Bolt's Socket Mode handler around the same app the HTTP endpoint runs."""
    missing = [
        name
        for name, value in (
            ("SLACK_BOT_TOKEN", settings.slack_bot_token),
            ("SLACK_APP_TOKEN", settings.slack_app_token),
        )
        if not value
    ]
    if missing:
        raise ValueError(f"Socket Mode needs {' and '.join(missing)} (an xoxb- and an xapp- token).")
    bolt = build_slack_app(settings, handle, FeedbackStore(settings.feedback_path))
    return SocketModeHandler(bolt, settings.slack_app_token)


def run_socket_mode(settings: Settings, handle: IndexHandle) -> None:
    """Connect out to Slack over a websocket (no public URL needed) and serve until stopped."""
    socket_mode_handler(settings, handle).start()
