"""POST /api/messages: authenticate, validate, then hand the activity to the SDK."""

from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass
from typing import Any

from fastapi import Request, Response
from fastapi.responses import JSONResponse
from microsoft_agents.activity import Activity
from microsoft_agents.hosting.core import AgentApplication, ClaimsIdentity, TurnState
from microsoft_agents.hosting.fastapi import CloudAdapter
from pydantic import ValidationError

from bot.teams.activities import IncomingActivity
from bot.teams.auth import BotConnectorTokens, InvalidToken

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 256 * 1024  # far above any real activity


@dataclass(frozen=True, slots=True)
class _CheckedRequest:
    """The SDK's HttpRequestProtocol for a request whose body and token were checked here."""

    headers: Any
    payload: dict[str, Any]
    identity: ClaimsIdentity
    method: str = "POST"

    async def json(self) -> dict[str, Any]:
        return self.payload

    def get_claims_identity(self) -> ClaimsIdentity:
        return self.identity

    def get_path_param(self, name: str) -> str:
        return ""


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


async def _read_body(request: Request, limit: int) -> bytes | None:
    """The body, or None when it is over `limit` bytes (checked while reading)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            return None
    return bytes(body)


def _parse_activity(body: bytes) -> tuple[dict[str, Any], IncomingActivity] | JSONResponse:
    try:
        payload = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError):
        return _error(400, "The body is not JSON.")
    if not isinstance(payload, dict):
        return _error(400, "The body is not a JSON object (an activity).")
    try:
        incoming = IncomingActivity.model_validate(payload)
        Activity.model_validate(payload)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'activity'}: {e['msg']}"
            for e in error.errors(include_input=False, include_url=False)[:5]
        )
        return _error(422, f"Not a valid activity: {problems}.")
    return payload, incoming


class TeamsEndpoint:
    """POST /api/messages: authenticate, validate, then hand the activity to the SDK."""

    def __init__(
        self,
        adapter: CloudAdapter,
        agent: AgentApplication[TurnState],
        tokens: BotConnectorTokens | None,
    ) -> None:
        self.adapter = adapter
        self.agent = agent
        self.tokens = tokens  # None: insecure dev mode, no authentication

    async def __call__(self, request: Request) -> Response:
        claims: dict[str, Any] = {}
        token = ""
        if self.tokens is not None:
            scheme, _, token = request.headers.get("authorization", "").partition(" ")
            if scheme.lower() != "bearer" or not token.strip():
                return _error(401, "A Bot Framework bearer token is required.")
            try:
                claims = await asyncio.to_thread(self.tokens.verify, token.strip())
            except InvalidToken as error:
                return _error(401, str(error))
        body = await _read_body(request, MAX_BODY_BYTES)
        if body is None:
            return _error(413, f"The activity is over {MAX_BODY_BYTES:,} bytes.")
        parsed = _parse_activity(body)
        if isinstance(parsed, JSONResponse):
            return parsed
        payload, incoming = parsed
        if self.tokens is not None:
            try:
                self.tokens.check_activity(claims, incoming.channel_id, incoming.service_url)
            except InvalidToken as error:
                return _error(401, str(error))
            claims.pop("_endorsements", None)
        identity = (
            ClaimsIdentity(claims, authentication_type="Bearer", security_token=token.strip())
            if claims
            else ClaimsIdentity()
        )
        checked = _CheckedRequest(request.headers, payload, identity)
        try:
            result = await self.adapter.process_request(checked, self.agent)
        except Exception:  # the connector failed to take our reply
            log.exception("Teams activity could not be processed")
            return _error(502, "The reply could not be delivered to the Bot Connector.")
        if result.body is not None:
            return JSONResponse(result.body, status_code=result.status_code, headers=result.headers)
        return Response(status_code=result.status_code, headers=result.headers)
