"""The Microsoft Teams adapter: cited answers as Adaptive Cards, over the Microsoft 365 Agents SDK.

`mount_teams` adds POST /api/messages to the web app. Every request must carry the Bot
Connector's JWT for our app id, checked here as the Bot Framework's authentication spec says:
RS256 signature by a key from the OpenID metadata, issuer, audience (= app id), expiry with five
minutes' clock skew, the key's endorsement for the channel, and the `serviceurl` claim matching
the activity's serviceUrl. (The SDK's own validator only looks keys up at Microsoft's fixed
addresses, so tests could not trust a local key with it.) Only `AFSPRAKEN_TEAMS_INSECURE_DEV=1`
turns the check off, and says so in the log.

Replies go to the activity's serviceUrl through the SDK's connector client: with an Entra token
from MSAL for Microsoft's connector, and with no token for a connector on this machine (a test
fake or a local emulator), so nothing reaches Microsoft when nothing should.
"""

from __future__ import annotations

import asyncio
import html
import ipaddress
import json
import logging
import os
import re
import threading
import time
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

import jwt
from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse
from microsoft_agents.activity import Activity, ActivityTypes, Attachment
from microsoft_agents.activity.teams import TeamsChannelData
from microsoft_agents.authentication.msal import MsalConnectionManager
from microsoft_agents.hosting.core import (
    AgentApplication,
    AgentAuthConfiguration,
    AnonymousTokenProvider,
    AuthTypes,
    ClaimsIdentity,
    ConnectionManager,
    Connections,
    MemoryStorage,
    OutboundHostValidator,
    RestChannelServiceClientFactory,
    TurnContext,
    TurnState,
)
from microsoft_agents.hosting.core.app.typing_indicator import TypingIndicator, TypingOptions
from microsoft_agents.hosting.fastapi import CloudAdapter
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from bot.feedback import FeedbackStore
from bot.limits import RateLimiter
from bot.links import clause_anchor, document_url
from bot.settings import ChatNotConfigured, Settings
from index.answer import answer as answer_question
from index.errors import IndexError_, QuestionError
from index.lookup import format_amount, format_deadline
from index.search import IndexHandle
from index.types import Answer, Citation, Filters
from ingest.types import content_id

log = logging.getLogger(__name__)

BOT_FRAMEWORK_OPENID_URL = "https://login.botframework.com/v1/.well-known/openidconfiguration"


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
CLOCK_SKEW_SECONDS = 300  # the Bot Framework spec allows five minutes
METADATA_MAX_AGE = 24 * 3600  # refetch OpenID metadata and keys once a day
KEY_REFRESH_MIN_SECONDS = 60  # an unknown key id refetches the keys at most once a minute
MAX_BODY_BYTES = 256 * 1024  # far above any real activity
MAX_TEXT_CHARS = 28_000  # Teams' own limit on a message
CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"
CARD_VERSION = "1.5"  # the newest version Teams renders on every client
MAX_CITATIONS = 5
QUOTE_CHARS = 500
MAX_FACT_LINES = 6
FEEDBACK_ACTION = "afspraken-feedback"
HELP_WORDS = frozenset({"help", "hulp", "hallo", "hoi", "hi", "hello", "start"})
SCOPE_OFF_WORDS = frozenset({"off", "uit", "alles", "all", "geen", "none"})
# Common topics of prestatieafspraken; the welcome card asks them about the towns in the index.
EXAMPLE_TOPICS = (
    "Wat is er afgesproken over de huurverhoging in {town}?",
    "Wie betaalt de buurtbemiddeling in {town}?",
    "How many social rental homes will be built in {town}?",
)
EXAMPLE_TOWN = "Voorbeeldstad"  # an invented name, for an index that knows no town yet


def example_questions(municipalities: Sequence[str]) -> tuple[str, ...]:
    """Example questions about what the index holds: each topic asked of the next town."""
    towns = list(municipalities) or [EXAMPLE_TOWN]
    return tuple(topic.format(town=towns[i % len(towns)]) for i, topic in enumerate(EXAMPLE_TOPICS))


class TeamsNotConfigured(ChatNotConfigured):
    """The Teams endpoint was asked for without the credentials it needs."""


# ---------------------------------------------------------------- Adaptive Cards (pure functions)

_LABELS = {
    "nl": {
        "open": "Bron openen",
        "up": "👍 Nuttig",
        "down": "👎 Niet nuttig",
        "sources": "Bronnen",
    },
    "en": {
        "open": "Open source",
        "up": "👍 Helpful",
        "down": "👎 Not helpful",
        "sources": "Sources",
    },
}


def answer_id(answer: Answer) -> str:
    """Stable id of an answer, so a second click by the same person replaces the first."""
    return content_id("teams-answer", answer.question, answer.text, repr(answer.filters))


def citation_url(citation: Citation, public_url: str) -> str:
    """The clause in the web app: /documents/{doc}#{anchor}, as the web chat links it."""
    doc = citation.doc_id or Path(citation.doc).stem
    return public_url.rstrip("/") + document_url(doc, clause_anchor(citation.clause, citation.clause_id))


def _text_block(text: str, **style: Any) -> dict[str, Any]:
    return {"type": "TextBlock", "text": text, "wrap": True, **style}


def _shorten(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def fact_lines(answer: Answer) -> list[str]:
    """The deadlines and amounts found for the question, one line each."""
    lang = answer.language
    lines = [f"🗓 {format_deadline(d, lang)}" for d in answer.deadlines[:MAX_FACT_LINES]]
    lines += [f"💶 {format_amount(a, lang)}" for a in answer.amounts[:MAX_FACT_LINES]]
    return lines


def citation_block(citation: Citation, labels: dict[str, str], public_url: str) -> dict[str, Any]:
    items: list[dict[str, Any]] = [
        _text_block(citation.short, weight="Bolder", size="Small"),
        _text_block(f"“{_shorten(citation.text, QUOTE_CHARS)}”", isSubtle=True, spacing="None"),
    ]
    if public_url:
        open_source = {
            "type": "Action.OpenUrl",
            "title": labels["open"],
            "url": citation_url(citation, public_url),
        }
        items.append({"type": "ActionSet", "actions": [open_source]})
    return {"type": "Container", "separator": True, "items": items}


def feedback_actions(answer: Answer, labels: dict[str, str]) -> list[dict[str, Any]]:
    def vote(value: str) -> dict[str, Any]:
        data = {
            "action": FEEDBACK_ACTION,
            "vote": value,
            "answerId": answer_id(answer),
            "question": answer.question,
        }
        return {"type": "Action.Submit", "title": labels[value], "data": data}

    return [vote("up"), vote("down")]


def answer_card(answer: Answer, public_url: str) -> dict[str, Any]:
    """The answer as an Adaptive Card: facts first, the text, each citation with its quote."""
    labels = _LABELS.get(answer.language, _LABELS["nl"])
    body = [_text_block(line, weight="Bolder") for line in fact_lines(answer)]
    if answer.kind != "answered":  # index.answer's own wording for the kind, searched line included
        body.append(_text_block(answer.text))
        if answer.kind == "no_figure":
            body += [citation_block(c, labels, public_url) for c in answer.citations[:MAX_CITATIONS]]
    else:  # the date and amount lines are above, in bold; the text below is the quote itself
        body.append(_text_block(answer.quote or answer.text))
        body += [citation_block(c, labels, public_url) for c in answer.citations[:MAX_CITATIONS]]
    return {
        "type": "AdaptiveCard",
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "version": CARD_VERSION,
        "body": body,
        "actions": feedback_actions(answer, labels),
        "msteams": {"width": "Full"},
    }


def welcome_card(municipalities: Sequence[str]) -> dict[str, Any]:
    """Shown on install and on "help": what the bot does, example questions, how to scope."""
    known = ", ".join(municipalities) or "—"
    examples = "\n".join(f"- {q}" for q in example_questions(municipalities))
    town = municipalities[0] if municipalities else EXAMPLE_TOWN
    body = [
        _text_block("Hallo! Ik ben afspraken.", weight="Bolder", size="Medium"),
        _text_block(
            "Stel een vraag over de prestatieafspraken; ik antwoord met het artikel en de "
            "pagina waar het staat. Ask in English and I answer in English."
        ),
        _text_block(f"Bijvoorbeeld:\n{examples}"),
        _text_block(
            "In een kanaal of groepschat: noem mij (@afspraken) in je vraag. "
            f"`scope {town}` laat dit team alleen in de afspraken van {town} zoeken; "
            "`scope uit` zet dat terug."
        ),
        _text_block(f"Ik ken de afspraken van: {known}.", isSubtle=True),
    ]
    return {
        "type": "AdaptiveCard",
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "version": CARD_VERSION,
        "body": body,
    }


def card_activity(card: dict[str, Any], summary: str = "") -> Activity:
    return Activity(
        type=ActivityTypes.message,
        attachments=[Attachment(content_type=CARD_CONTENT_TYPE, content=card)],
        summary=summary or None,  # type: ignore[arg-type]  # the SDK's model accepts None
    )


# ---------------------------------------------------------------- reading incoming messages

_AT_TAG = re.compile(r"</?at>", re.IGNORECASE)


def is_addressed(activity: Activity) -> bool:
    """Personal chats always; group chats and channels only when the bot is mentioned."""
    conversation_type = activity.conversation.conversation_type or "personal"
    if conversation_type == "personal":
        return True
    bot_id = activity.recipient.id if activity.recipient else None
    return any(m.mentioned and m.mentioned.id == bot_id for m in activity.get_mentions())


def question_text(activity: Activity) -> str:
    """The text without the bot's mention; other mentions keep their names, tags removed."""
    text = activity.remove_recipient_mention() if activity.recipient else (activity.text or "")
    text = html.unescape(_AT_TAG.sub("", text))
    return " ".join(text.split())


def scope_argument(text: str) -> str | None:
    """ "scope Voorbeeldstad" → "Voorbeeldstad"; "scope" → ""; anything else → None."""
    head, _, rest = text.partition(" ")
    return rest.strip() if head.lower() == "scope" else None


def team_key(activity: Activity) -> str:
    """Channels of one team share a scope; a chat has its own."""
    try:
        data = TeamsChannelData.model_validate(activity.channel_data or {})
    except ValidationError:
        data = None
    if data and data.team and data.team.id:
        return f"team:{data.team.id}"
    return f"conversation:{activity.conversation.id}"


class FeedbackSubmit(BaseModel):
    """What a 👍/👎 Action.Submit on an answer card sends back as the activity's value."""

    model_config = ConfigDict(extra="ignore")

    action: Literal["afspraken-feedback"]
    vote: Literal["up", "down"]
    answer_id: str = Field(alias="answerId", min_length=1, max_length=64)
    question: str = Field(max_length=MAX_TEXT_CHARS)


# ---------------------------------------------------------------- per-team scope


class TeamScopes:
    """Which municipalities or documents a team searches: from the config file, changed by
    `scope …` messages (kept in `path`, which survives restarts). Same file format as Slack's:
    {"team:<id>" | "conversation:<id>": {"municipality": "Voorbeeldstad" | [...], "doc": [...]}}."""

    def __init__(self, path: Path, configured: Path | None = None) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._configured = _read_scopes(configured) if configured else {}
        self._bound = _read_scopes(path) if path.exists() else {}

    def filters(self, key: str) -> Filters:
        with self._lock:
            return self._bound.get(key, self._configured.get(key, Filters()))

    def bind(self, key: str, filters: Filters) -> None:
        """Bind a scope; an empty one makes the team search everything."""
        with self._lock:
            self._bound[key] = filters
            data = {
                k: {"municipality": list(f.municipality), "doc": list(f.doc)} for k, f in self._bound.items()
            }
            self.path.parent.mkdir(parents=True, exist_ok=True)
            part = self.path.with_suffix(".part")
            part.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
            os.replace(part, self.path)


def _read_scopes(path: Path) -> dict[str, Filters]:
    data = json.loads(path.read_text(encoding="utf-8"))

    def values(entry: dict[str, Any], key: str) -> tuple[str, ...]:
        value = entry.get(key, ())
        return (value,) if isinstance(value, str) else tuple(value)

    return {
        key: Filters(doc=values(entry, "doc"), municipality=values(entry, "municipality"))
        for key, entry in data.items()
    }


def resolve_scope(argument: str, municipalities: Sequence[str], docs: Sequence[str]) -> Filters:
    """ "Voorbeeldstad, anderdorp-2024" → Filters; raises ValueError naming what is unknown."""
    by_name = {m.lower(): m for m in municipalities}
    by_doc = {d.lower(): d for d in docs}
    found_municipalities: list[str] = []
    found_docs: list[str] = []
    unknown: list[str] = []
    for word in (w.strip() for w in argument.split(",")):
        if word.lower() in by_name:
            found_municipalities.append(by_name[word.lower()])
        elif word.lower() in by_doc:
            found_docs.append(by_doc[word.lower()])
        elif word:
            unknown.append(word)
    if unknown:
        raise ValueError(
            f"Onbekend: {', '.join(unknown)}. Kies uit: {', '.join(municipalities)} "
            f"(of een document: {', '.join(docs)})."
        )
    return Filters(municipality=tuple(found_municipalities), doc=tuple(found_docs))


def scope_label(filters: Filters) -> str:
    parts = [*filters.municipality, *filters.doc]
    if not parts:
        return "Dit team zoekt in alle afspraken."
    return f"Dit team zoekt alleen in: {', '.join(parts)}."


# ---------------------------------------------------------------- the bot's turns


class TeamsBot:
    """The turn handlers: answer, welcome, scope and feedback. Thin: `answer()` and format."""

    def __init__(
        self,
        settings: Settings,
        handle: IndexHandle,
        feedback: FeedbackStore,
        scopes: TeamScopes,
        *,
        typing_every: float = 3.0,
    ) -> None:
        self.settings = settings
        self.handle = handle
        self.feedback = feedback
        self.scopes = scopes
        ms = int(typing_every * 1000)  # while answering, the typing indicator is renewed this often
        self.keep_typing = TypingOptions(initial_delay_ms=ms, interval_ms=ms)
        self.rate = RateLimiter(settings.teams_rate_limit_per_minute)

    def register(self, agent: AgentApplication[TurnState]) -> None:
        agent.activity(ActivityTypes.message)(self.on_message)
        agent.conversation_update("membersAdded")(self.on_members_added)
        agent.error(self.on_error)

    async def on_message(self, context: TurnContext, state: TurnState) -> None:
        activity = context.activity
        if activity.value is not None:
            await self.on_card_submit(context)
            return
        if not is_addressed(activity):
            return
        text = question_text(activity)
        argument = scope_argument(text)
        if argument is not None:
            await self.on_scope(context, argument)
        elif text.lower().strip("!?. ") in HELP_WORDS:
            await self.send_welcome(context)
        else:
            await self.on_question(context, text)

    async def on_question(self, context: TurnContext, text: str) -> None:
        sender = context.activity.from_property
        user = (sender.aad_object_id or sender.id) if sender is not None else "anonymous"
        wait = self.rate.retry_after(f"teams:{user}")
        if wait:
            english = context.activity.locale and context.activity.locale.lower().startswith("en")
            await context.send_activity(
                f"You're asking quickly — please ask again in {wait:.0f} s."
                if english
                else f"Je vraagt snel achter elkaar — stel je vraag over {wait:.0f} s opnieuw."
            )
            return
        await context.send_activity(Activity(type=ActivityTypes.typing))
        filters = self.scopes.filters(team_key(context.activity))
        try:
            async with TypingIndicator(context, typing_options=self.keep_typing):
                result = await asyncio.to_thread(self._answer, text, filters)
        except (QuestionError, IndexError_) as error:
            await context.send_activity(str(error))
            return
        card = answer_card(result, self.settings.public_url)
        await context.send_activity(card_activity(card, _shorten(result.text, 120)))

    def _answer(self, text: str, filters: Filters) -> Answer:
        scope = None if filters.empty else filters
        return answer_question(self.handle.get(), text, scope, max_chars=self.settings.max_question_chars)

    async def on_scope(self, context: TurnContext, argument: str) -> None:
        key = team_key(context.activity)
        if argument.lower() in SCOPE_OFF_WORDS:
            self.scopes.bind(key, Filters())
        elif argument:
            engine = await asyncio.to_thread(self.handle.get)
            municipalities = sorted({d.municipality for d in engine.documents if d.municipality})
            try:
                filters = resolve_scope(argument, municipalities, [d.id for d in engine.documents])
            except ValueError as error:
                await context.send_activity(str(error))
                return
            self.scopes.bind(key, filters)
        await context.send_activity(scope_label(self.scopes.filters(key)))

    async def on_card_submit(self, context: TurnContext) -> None:
        try:
            submit = FeedbackSubmit.model_validate(context.activity.value)
        except ValidationError:
            log.debug("ignored a card submit that is not afspraken feedback")
            return
        sender = context.activity.from_property
        user = (sender.aad_object_id or sender.id) if sender else "unknown"
        await asyncio.to_thread(
            self.feedback.record, "teams", user, submit.answer_id, submit.question, submit.vote
        )
        thanks = "Bedankt voor je feedback!" if submit.vote == "up" else "Bedankt, we kijken ernaar."
        await context.send_activity(thanks)

    async def on_members_added(self, context: TurnContext, state: TurnState) -> None:
        bot_id = context.activity.recipient.id if context.activity.recipient else None
        if any(member.id == bot_id for member in context.activity.members_added or []):
            await self.send_welcome(context)

    async def send_welcome(self, context: TurnContext) -> None:
        try:
            engine = await asyncio.to_thread(self.handle.get)
            municipalities = sorted({d.municipality for d in engine.documents if d.municipality})
        except IndexError_:
            municipalities = []
        await context.send_activity(card_activity(welcome_card(municipalities), "Welkom"))

    async def on_error(self, context: TurnContext, error: Exception) -> None:
        log.error("Teams turn failed: %s", type(error).__name__, exc_info=error)
        await context.send_activity("Er ging iets mis bij het beantwoorden. Probeer het zo opnieuw.")


# ---------------------------------------------------------------- incoming requests


class InvalidToken(Exception):
    """The request's token is missing or not one the Bot Connector issued for this bot."""


@dataclass(frozen=True, slots=True)
class _SigningKey:
    key: jwt.PyJWK
    endorsements: tuple[str, ...]


class BotConnectorTokens:
    """Validates Bot Connector JWTs against the OpenID metadata at `openid_url`."""

    def __init__(self, app_id: str, openid_url: str = BOT_FRAMEWORK_OPENID_URL) -> None:
        self.app_id = app_id
        self.openid_url = openid_url
        self._lock = threading.Lock()
        self._metadata: dict[str, Any] = {}
        self._keys: dict[str, _SigningKey] = {}
        self._fetched_at = 0.0

    def verify(self, token: str) -> dict[str, Any]:
        """The token's claims, when signature, issuer, audience and lifetime are right."""
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as error:
            raise InvalidToken("The token is not a JWT.") from error
        metadata, signing_key = self._signing_key(str(header.get("kid", "")))
        algorithms = metadata.get("id_token_signing_alg_values_supported") or ["RS256"]
        try:
            claims = jwt.decode(
                token,
                signing_key.key,
                algorithms=algorithms,
                audience=self.app_id,
                issuer=metadata.get("issuer"),
                leeway=CLOCK_SKEW_SECONDS,
                options={"require": ["exp", "iss", "aud"]},
            )
        except jwt.ExpiredSignatureError as error:
            raise InvalidToken("The token has expired.") from error
        except jwt.InvalidAudienceError as error:
            raise InvalidToken("The token is for another app.") from error
        except jwt.InvalidIssuerError as error:
            raise InvalidToken("The token is from an untrusted issuer.") from error
        except jwt.PyJWTError as error:
            raise InvalidToken("The token's signature or claims are invalid.") from error
        claims["_endorsements"] = signing_key.endorsements
        return claims

    @staticmethod
    def check_activity(claims: dict[str, Any], channel_id: str, service_url: str) -> None:
        """The token must be endorsed for the activity's channel and name its serviceUrl."""
        endorsements = claims.get("_endorsements") or ()
        if endorsements and channel_id not in endorsements:
            raise InvalidToken(f"The signing key is not endorsed for channel {channel_id!r}.")
        claimed = str(claims.get("serviceurl") or claims.get("serviceUrl") or "")
        if claimed.rstrip("/").lower() != service_url.rstrip("/").lower():
            raise InvalidToken("The token was issued for another serviceUrl.")

    def _signing_key(self, kid: str) -> tuple[dict[str, Any], _SigningKey]:
        with self._lock:
            now = time.monotonic()
            stale = now - self._fetched_at > METADATA_MAX_AGE
            unknown = kid not in self._keys and now - self._fetched_at > KEY_REFRESH_MIN_SECONDS
            if not self._metadata or stale or unknown:
                self._refresh()
            if kid not in self._keys:
                raise InvalidToken("The token is signed by an unknown key.")
            return self._metadata, self._keys[kid]

    def _refresh(self) -> None:
        try:
            metadata = _get_json(self.openid_url)
            jwks = _get_json(str(metadata["jwks_uri"]))
        except (OSError, ValueError, KeyError) as error:
            log.warning("could not fetch the Bot Framework signing keys: %s", error)
            raise InvalidToken("The signing keys could not be fetched.") from error
        keys: dict[str, _SigningKey] = {}
        for entry in jwks.get("keys", []):
            try:
                keys[str(entry["kid"])] = _SigningKey(
                    jwt.PyJWK(entry), tuple(entry.get("endorsements") or ())
                )
            except (KeyError, jwt.PyJWTError):
                continue
        self._metadata, self._keys, self._fetched_at = metadata, keys, time.monotonic()


def _get_json(url: str) -> dict[str, Any]:
    with urllib.request.urlopen(url, timeout=10) as response:
        data = json.loads(response.read(1_000_000))
    if not isinstance(data, dict):
        raise ValueError(f"{url} did not return a JSON object")
    return data


class _Account(BaseModel):
    id: str = Field(min_length=1, max_length=1024)


class _Conversation(BaseModel):
    id: str = Field(min_length=1, max_length=1024)


class IncomingActivity(BaseModel):
    """The fields of a Bot Framework activity this bot relies on, with limits."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)

    type: str = Field(min_length=1, max_length=64)
    service_url: str = Field(alias="serviceUrl", min_length=1, max_length=2048)
    channel_id: str = Field(alias="channelId", min_length=1, max_length=64)
    conversation: _Conversation
    sender: _Account | None = Field(default=None, alias="from")
    recipient: _Account | None = None
    text: str | None = Field(default=None, max_length=MAX_TEXT_CHARS)

    @model_validator(mode="after")
    def _message_has_parties(self) -> IncomingActivity:
        if self.type == ActivityTypes.message and (self.sender is None or self.recipient is None):
            raise ValueError("a message activity needs 'from' and 'recipient'")
        scheme = urlsplit(self.service_url).scheme
        if scheme not in ("http", "https"):
            raise ValueError("serviceUrl must be an http(s) URL")
        return self


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


# ---------------------------------------------------------------- outgoing replies


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


def _connections(settings: Settings) -> Connections:
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
    connections = _connections(settings)
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
