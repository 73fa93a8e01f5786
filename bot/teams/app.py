"""Mounting the Teams endpoint on the web app, with the credentials it needs."""

from __future__ import annotations

import logging

from fastapi import FastAPI
from microsoft_agents.hosting.core import AgentApplication, MemoryStorage, TurnState
from microsoft_agents.hosting.fastapi import CloudAdapter

from bot.feedback import FeedbackStore
from bot.settings import ChatNotConfigured, Settings
from bot.teams.auth import BotConnectorTokens
from bot.teams.channel import (
    LOCAL_EMULATOR,
    MICROSOFT,
    BotChannel,
    ConnectorClients,
    ConnectorHosts,
    channel_connections,
)
from bot.teams.endpoint import TeamsEndpoint
from bot.teams.scopes import TeamScopes
from bot.teams.turns import TeamsBot
from index.search import IndexHandle

log = logging.getLogger(__name__)


class TeamsNotConfigured(ChatNotConfigured):
    """The Teams endpoint was asked for without the credentials it needs."""


def missing_credentials(settings: Settings) -> list[str]:
    wanted = {
        "AFSPRAKEN_TEAMS_APP_ID": settings.teams_app_id,
        "AFSPRAKEN_TEAMS_APP_PASSWORD": settings.teams_app_password,
        "AFSPRAKEN_TEAMS_TENANT_ID": settings.teams_tenant_id,
    }
    return [name for name, value in wanted.items() if not value]


def mount_teams(
    app: FastAPI, settings: Settings, handle: IndexHandle, channel: BotChannel = MICROSOFT
) -> None:
    """Mount POST /api/messages; refuses without credentials unless insecure dev mode is on."""
    missing = missing_credentials(settings)
    if missing and not settings.teams_insecure_dev:
        raise TeamsNotConfigured(
            f"Teams needs {', '.join(missing)}: set them (see docs/teams.md), or set "
            "AFSPRAKEN_TEAMS_INSECURE_DEV=1 to try the bot locally without authentication."
        )
    if settings.teams_insecure_dev and settings.teams_app_password:
        raise TeamsNotConfigured(
            "AFSPRAKEN_TEAMS_INSECURE_DEV=1 is for trying the bot locally without credentials, but "
            "AFSPRAKEN_TEAMS_APP_PASSWORD is set: unset one of them."
        )
    if settings.teams_insecure_dev:
        log.warning(
            "AFSPRAKEN_TEAMS_INSECURE_DEV=1: /api/messages accepts activities WITHOUT "
            "authentication; anyone who can reach it can post. Never use this in production."
        )
        tokens = None
        channel = LOCAL_EMULATOR if channel == MICROSOFT else channel
    else:
        tokens = BotConnectorTokens(settings.teams_app_id, channel.openid_url)
    connections = channel_connections(settings)
    adapter = CloudAdapter(
        channel_service_client_factory=ConnectorClients(
            connections, anonymous_everywhere=not settings.teams_app_password
        ),
        # Replies only to Microsoft's connector hosts (and a local connector where one is trusted).
        host_validator=ConnectorHosts(channel),
    )
    agent = AgentApplication[TurnState](
        storage=MemoryStorage(),
        connection_manager=connections,
        start_typing_timer=False,
        remove_recipient_mention=False,
    )
    scopes = TeamScopes(settings.feedback_path.with_name("teams-scopes.json"), settings.teams_scopes)
    TeamsBot(settings, handle, FeedbackStore(settings.feedback_path), scopes).register(agent)
    endpoint = TeamsEndpoint(adapter, agent, tokens)
    app.add_api_route("/api/messages", endpoint, methods=["POST"], include_in_schema=False)
