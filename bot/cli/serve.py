"""`afspraken serve` (web chat, API, Slack and Teams endpoints) and `afspraken slack` (Socket Mode)."""

from __future__ import annotations

from typing import Annotated

import typer

from bot.cli.app import IndexOption, console, fail, settings_with


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on (0.0.0.0 in a container)")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on")] = 8000,
    index: IndexOption = None,
) -> None:
    """Serve the web chat, its JSON API (/docs) and the Slack and Teams endpoints when configured."""
    from bot.settings import ChatNotConfigured
    from bot.web import serve as serve_web
    from index.errors import IndexError_

    try:
        serve_web(settings_with(index), host=host, port=port)
    except (IndexError_, ChatNotConfigured) as exc:
        raise fail(str(exc)) from exc


def slack(index: IndexOption = None) -> None:
    """Run the Slack bot over Socket Mode: no public URL needed (SLACK_BOT_TOKEN, SLACK_APP_TOKEN)."""
    from slack_bolt.error import BoltError

    from bot.slack.app import socket_mode_handler
    from index.errors import IndexError_
    from index.search import IndexHandle

    settings = settings_with(index)
    handle = IndexHandle(settings.index, settings.embedder)
    try:
        handle.get()  # load the index before connecting
        handler = socket_mode_handler(settings, handle)
    except (ValueError, IndexError_, BoltError) as exc:
        raise fail(str(exc)) from exc
    console.print("Connected to Slack over Socket Mode; Ctrl+C stops.")
    try:
        handler.start()
    except KeyboardInterrupt:
        handler.close()
