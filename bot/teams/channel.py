"""Where tokens are checked and replies may go, and the SDK's connector clients that send them.

Replies go to the activity's serviceUrl: with an Entra token from MSAL for Microsoft's connector,
and with no token for a connector on this machine (a test fake or a local emulator), so nothing
reaches Microsoft when nothing should.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from microsoft_agents.authentication.msal import MsalConnectionManager
from microsoft_agents.hosting.core import (
    AgentAuthConfiguration,
    AnonymousTokenProvider,
    AuthTypes,
    ClaimsIdentity,
    ConnectionManager,
    Connections,
    OutboundHostValidator,
    RestChannelServiceClientFactory,
    TurnContext,
)

from bot.settings import Settings
from bot.teams.auth import BOT_FRAMEWORK_OPENID_URL


@dataclass(frozen=True, slots=True)
class BotChannel:
    """Where tokens are checked and replies may go. A deployment uses Microsoft's (the default);
    tests inject a local one — it is no setting, so no environment variable can loosen it."""

    openid_url: str = BOT_FRAMEWORK_OPENID_URL
    connector_hosts: tuple[str, ...] = ()  # hosts besides Microsoft's that replies may go to
    local_connector: bool = False  # a connector on this machine (emulator, test) may be replied to


class ConnectorHosts(OutboundHostValidator):
    """The SDK's host check, always on: Microsoft's connector hosts over https, plus a connector on
    this machine (an emulator, a test's fake) where the channel trusts one."""

    def __init__(self, channel: BotChannel) -> None:
        super().__init__(
            list(channel.connector_hosts),
            enabled=True,
            allow_private_network_addresses=channel.local_connector,
        )
        self.local_connector = channel.local_connector

    def is_allowed(self, url: Any) -> bool:
        if self.local_connector and is_loopback(str(url)):
            return True
        return super().is_allowed(url)


MICROSOFT = BotChannel()
LOCAL_EMULATOR = BotChannel(connector_hosts=("localhost", "127.0.0.1"), local_connector=True)


def is_loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class ConnectorClients(RestChannelServiceClientFactory):
    """The SDK's connector clients, without a token for a connector on this machine."""

    def __init__(self, connections: Connections, *, anonymous_everywhere: bool) -> None:
        super().__init__(connections)
        self.anonymous_everywhere = anonymous_everywhere

    def _anonymous(self, service_url: str | None) -> bool:
        return self.anonymous_everywhere or is_loopback(service_url or "")

    async def create_connector_client(  # type: ignore[override]
        self,
        context: TurnContext | None,
        claims_identity: ClaimsIdentity,
        service_url: str,
        audience: str,
        scopes: list[str] | None = None,
        use_anonymous: bool = False,
    ) -> Any:
        anonymous = use_anonymous or self._anonymous(service_url)
        return await super().create_connector_client(
            context, claims_identity, service_url, audience, scopes, anonymous
        )

    async def create_user_token_client(  # type: ignore[override]
        self, context: TurnContext, claims_identity: ClaimsIdentity, use_anonymous: bool = False
    ) -> Any:
        anonymous = use_anonymous or self._anonymous(context.activity.service_url)
        return await super().create_user_token_client(context, claims_identity, anonymous)


def channel_connections(settings: Settings) -> Connections:
    if settings.teams_app_id and settings.teams_app_password:
        config = AgentAuthConfiguration(
            auth_type=AuthTypes.client_secret,
            client_id=settings.teams_app_id,
            tenant_id=settings.teams_tenant_id or None,
            client_secret=settings.teams_app_password,
        )
        return MsalConnectionManager(connections_configurations={"SERVICE_CONNECTION": config})
    return ConnectionManager(
        provider_factory=lambda _config: AnonymousTokenProvider(),
        connections_configurations={"SERVICE_CONNECTION": AgentAuthConfiguration()},
    )
