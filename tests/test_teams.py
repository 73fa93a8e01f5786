"""The Teams adapter over real HTTP: the FastAPI app under uvicorn on 127.0.0.1, Bot Framework
activities posted to /api/messages with tokens signed by a key the app trusts through a local
OpenID/JWKS endpoint (tests/fakes/bot_openid.py), and a fake Bot Connector
(tests/fakes/bot_connector.py) at the activities' serviceUrl that records every reply.

The turn logic is also driven through Microsoft's own `microsoft-agents-testing` TestAdapter and
TestFlow, a client we did not write.
"""

from __future__ import annotations

import asyncio
import json
import logging
import subprocess
import sys
import uuid
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import httpx
import pytest
from microsoft_agents.activity import Activity
from microsoft_agents.hosting.core import (
    AgentApplication,
    AgentAuthConfiguration,
    AnonymousTokenProvider,
    ConnectionManager,
    MemoryStorage,
    TurnState,
)
from microsoft_agents.testing import TestAdapter, TestFlow

from bot.feedback import FeedbackStore
from bot.settings import Settings
from bot.teams.activities import FEEDBACK_ACTION, is_addressed, question_text, scope_argument
from bot.teams.app import TeamsNotConfigured, mount_teams
from bot.teams.cards import CARD_CONTENT_TYPE, answer_card, answer_id, citation_url
from bot.teams.channel import BotChannel
from bot.teams.scopes import TeamScopes
from bot.teams.turns import TeamsBot
from bot.web import create_app
from index.search import IndexHandle
from index.types import Answer, Citation, Filters
from ingest.types import Deadline
from tests.fakes.bot_connector import FakeBotConnector, PostedActivity
from tests.fakes.bot_openid import FakeBotOpenId, new_rsa_key, sign
from tests.servers import serve_in_thread

APP_ID = "3f2a9c4e-1b7d-4e8a-9c61-5d0e2b7a8f13"
TENANT_ID = "b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e"
BOT_ID = f"28:{APP_ID}"
PUBLIC_URL = "https://afspraken.example.nl"
TEAMS_SERVICE_URL = "https://smba.trafficmanager.net/emea/"
ROOT = Path(__file__).resolve().parent.parent
DOORSTROOM_QUESTION = "Wat is er afgesproken over de doorstroommakelaar in Zoetermeer?"


# ---------------------------------------------------------------- fixtures


@dataclass
class Running:
    url: str
    connector: FakeBotConnector
    openid: FakeBotOpenId
    settings: Settings
    zoetermeer_title: str

    def token(self, **claims: Any) -> str:
        claims.setdefault("audience", APP_ID)
        claims.setdefault("service_url", self.connector.url)
        return self.openid.mint(**claims)

    def post(self, activity: dict[str, Any] | bytes, token: str | None = "") -> httpx.Response:
        """POST to /api/messages; token "" means a valid one, None means no header."""
        headers = {"Content-Type": "application/json"}
        if token is not None:
            headers["Authorization"] = f"Bearer {token or self.token()}"
        body = activity if isinstance(activity, bytes) else json.dumps(activity).encode()
        return httpx.post(f"{self.url}/api/messages", content=body, headers=headers, timeout=120)


@pytest.fixture(scope="module")
def handle(corpus_index: Path) -> IndexHandle:
    return IndexHandle(corpus_index)


@pytest.fixture(scope="module")
def server(
    tmp_path_factory: pytest.TempPathFactory, corpus_index: Path, handle: IndexHandle
) -> Iterator[Running]:
    data = tmp_path_factory.mktemp("teams")
    with FakeBotOpenId() as openid, FakeBotConnector() as connector:
        settings = teams_settings(data, corpus_index)
        title = next(d.short_title for d in handle.get().documents if d.id == "zoetermeer-2019")
        with serve_in_thread(create_app(settings, handle, teams_channel=local_channel(openid))) as url:
            yield Running(url, connector, openid, settings, title)


def local_channel(openid: FakeBotOpenId, *, trust_local_connector: bool = True) -> BotChannel:
    """Microsoft's servers stand in for by local fakes: the same code paths, other hosts."""
    hosts = ("127.0.0.1",) if trust_local_connector else ()
    return BotChannel(openid.metadata_url, hosts, local_connector=trust_local_connector)


def teams_settings(data: Path, index: Path, **more: Any) -> Settings:
    values: dict[str, Any] = {
        "index": index,
        "feedback_db": data / "feedback.sqlite",
        "public_url": PUBLIC_URL,
        "teams_app_id": APP_ID,
        "teams_app_password": "not-a-real-secret",
        "teams_tenant_id": TENANT_ID,
        "teams_rate_limit_per_minute": 0,  # one test user asks many questions; the limit has its own test
    }
    values.update(more)
    return Settings(**values)


# ---------------------------------------------------------------- activities as Teams sends them


def new_conversation(kind: str = "personal") -> str:
    if kind == "channel":
        return f"19:{uuid.uuid4().hex}@thread.tacv2;messageid=1700000000000"
    return f"a:{uuid.uuid4().hex}"


def activity(
    conversation: str,
    service_url: str,
    *,
    kind: str = "personal",
    text: str | None = None,
    **more: Any,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": "message",
        "id": f"1700{uuid.uuid4().int % 10**9}",
        "timestamp": "2026-01-15T10:00:00.000Z",
        "serviceUrl": service_url,
        "channelId": "msteams",
        "from": {"id": "29:user-sanne", "name": "Sanne de Vries", "aadObjectId": "aad-sanne"},
        "recipient": {"id": BOT_ID, "name": "afspraken"},
        "conversation": {
            "id": conversation,
            "conversationType": kind,
            "tenantId": TENANT_ID,
            "isGroup": kind != "personal",
        },
        "locale": "nl-NL",
        "textFormat": "plain",
        "channelData": {"tenant": {"id": TENANT_ID}},
        "entities": [{"type": "clientInfo", "locale": "nl-NL", "country": "NL"}],
    }
    if text is not None:
        body["text"] = text
    if kind == "channel":
        body["channelData"].update(
            {"teamsTeamId": "19:team-1@thread.tacv2", "team": {"id": "19:team-1@thread.tacv2"}}
        )
    body.update(more)
    return body


def mention_of_bot() -> dict[str, Any]:
    return {
        "type": "mention",
        "text": "<at>afspraken</at>",
        "mentioned": {"id": BOT_ID, "name": "afspraken"},
    }


def channel_mention(conversation: str, service_url: str, question: str) -> dict[str, Any]:
    body = activity(conversation, service_url, kind="channel", text=f"<at>afspraken</at> {question}")
    body["entities"].append(mention_of_bot())
    return body


def is_card(posted: PostedActivity) -> bool:
    return posted.type == "message" and bool(posted.cards)


def citation_containers(card: dict[str, Any]) -> list[dict[str, Any]]:
    return [item for item in card["body"] if item["type"] == "Container"]


def cites_zoetermeer_2019(card: dict[str, Any], title: str) -> bool:
    """A citation of zoetermeer-2019: its title and page line, and a link to its clause."""
    for container in citation_containers(card):
        short = container["items"][0]["text"]
        linked = any(u.startswith(f"{PUBLIC_URL}/documents/zoetermeer-2019#") for u in open_urls(container))
        if short.startswith(f"{title} · ") and " · p. " in short and linked:
            return True
    return False


def open_urls(container: dict[str, Any]) -> list[str]:
    return [
        action["url"]
        for item in container["items"]
        if item["type"] == "ActionSet"
        for action in item["actions"]
        if action["type"] == "Action.OpenUrl"
    ]


# ---------------------------------------------------------------- cards (pure)


def sample_answer(**more: Any) -> Answer:
    citation = Citation(
        doc="zoetermeer-2019.pdf",
        title="Zoetermeer 2019",
        section="2 Doorstroming",
        clause="Afspraak 12",
        pages=(4,),
        text="De corporaties zetten samen een doorstroommakelaar in.",
    )
    values: dict[str, Any] = {
        "question": "Wie levert de doorstroommakelaar?",
        "language": "nl",
        "text": "De corporaties zetten samen een doorstroommakelaar in (afspraak 12).",
        "abstained": False,
        "citations": (citation,),
        "passages": (),
        "searched": ("Zoetermeer 2019", "Tynaarlo 2023"),
    }
    values.update(more)
    return Answer(**values)


def test_answer_card_shows_text_citation_quote_source_link_and_feedback() -> None:
    answer = sample_answer()
    card = answer_card(answer, PUBLIC_URL)

    assert card["type"] == "AdaptiveCard" and card["version"] == "1.5"
    assert card["body"][0]["text"] == answer.text
    [container] = citation_containers(card)
    texts = [item.get("text", "") for item in container["items"]]
    assert texts[0] == "Zoetermeer 2019 · Afspraak 12 · p. 4"
    assert "doorstroommakelaar in" in texts[1]
    assert open_urls(container) == [
        f"{PUBLIC_URL}/documents/zoetermeer-2019#afspraak-12"
    ]  # no clause id known

    assert container["items"][-1]["actions"][0]["title"] == "Bron openen"
    votes = [(a["type"], a["data"]["vote"], a["data"]["answerId"]) for a in card["actions"]]
    assert votes == [
        ("Action.Submit", "up", answer_id(answer)),
        ("Action.Submit", "down", answer_id(answer)),
    ]
    json.dumps(card)  # serialisable as it is sent


def test_a_citation_link_opens_its_own_clause_when_labels_repeat() -> None:
    """Two clauses labelled alike ("Overige opmerkingen") get links to two different anchors."""
    first, second = (
        replace(sample_answer().citations[0], clause="Overige opmerkingen", clause_id=cid)
        for cid in ("aaaaaa111111", "bbbbbb222222")
    )
    urls = {citation_url(c, PUBLIC_URL) for c in (first, second)}
    assert urls == {
        f"{PUBLIC_URL}/documents/zoetermeer-2019#overige-opmerkingen-aaaaaa",
        f"{PUBLIC_URL}/documents/zoetermeer-2019#overige-opmerkingen-bbbbbb",
    }


def test_answer_card_without_a_public_url_has_no_source_link() -> None:
    card = answer_card(sample_answer(), "")
    [container] = citation_containers(card)
    assert open_urls(container) == []


def test_answer_card_puts_a_deadline_line_first() -> None:
    deadline = Deadline(
        clause_id="c1",
        doc_id="zoetermeer-2019",
        label="Afspraak 12",
        pages=(4,),
        when="uiterlijk 1 april 2019",
        start="2019-04-01",
        end="2019-04-01",
        recurring="",
        what="de doorstroommakelaar is aangesteld",
        parties=("Vidomes",),
        sentence="Uiterlijk 1 april 2019 is de doorstroommakelaar aangesteld.",
    )
    card = answer_card(sample_answer(deadlines=(deadline,)), PUBLIC_URL)
    first = card["body"][0]["text"]
    assert "2019" in first and first.startswith("🗓")
    assert card["body"][1]["text"].startswith("De corporaties")


def test_not_found_card_says_it_in_index_answer_words() -> None:
    text = "Niet gevonden in de afspraken. Doorzocht: Zoetermeer 2019; Tynaarlo 2023."
    answer = sample_answer(abstained=True, citations=(), text=text, kind="not_found")
    card = answer_card(answer, PUBLIC_URL)
    texts = [block.get("text", "") for block in card["body"]]
    assert texts == [text]
    assert citation_containers(card) == []


def test_no_figure_card_shows_the_closest_passage_once() -> None:
    quote = "De afspraken noemen hiervoor geen getal. Het dichtstbij komt:\n“Tekst.” [Zoetermeer 2019 · afspraak 12]"
    text = f"{quote}\nDoorzocht: Zoetermeer 2019."
    answer = sample_answer(abstained=True, text=text, quote=quote, kind="no_figure")
    texts = [block.get("text", "") for block in answer_card(answer, PUBLIC_URL)["body"]]
    assert text in texts and not any("Niet gevonden" in t for t in texts)
    assert sum("Doorzocht" in t for t in texts) == 1


def test_mentions_are_stripped_and_group_messages_need_one() -> None:
    text = "<at>afspraken</at> wat zegt <at>Jan Jansen</at> over huur&nbsp;?"
    body = activity("19:x@thread.v2", TEAMS_SERVICE_URL, kind="groupChat", text=text)
    plain = Activity.model_validate(body)
    assert not is_addressed(plain)
    body["entities"].append(mention_of_bot())
    mentioned = Activity.model_validate(body)
    assert is_addressed(mentioned)
    assert question_text(mentioned) == "wat zegt Jan Jansen over huur ?"
    personal = Activity.model_validate(activity("a:1", TEAMS_SERVICE_URL, text="hoi"))
    assert is_addressed(personal)


def test_scope_words_are_found_in_the_message() -> None:
    # what the words name is resolved in bot.scopes, for Slack too: tests/test_scopes.py
    assert scope_argument("scope Zoetermeer") == "Zoetermeer"
    assert scope_argument("scope") == ""
    assert scope_argument("scoperen is leuk") is None


# ---------------------------------------------------------------- Microsoft's TestAdapter


def test_agent_turns_through_microsofts_test_adapter(
    tmp_path: Path, corpus_index: Path, handle: IndexHandle
) -> None:
    settings = teams_settings(tmp_path, corpus_index)
    connections = ConnectionManager(
        provider_factory=lambda _config: AnonymousTokenProvider(),
        connections_configurations={"SERVICE_CONNECTION": AgentAuthConfiguration()},
    )
    agent = AgentApplication[TurnState](
        storage=MemoryStorage(), connection_manager=connections,
        start_typing_timer=False, remove_recipient_mention=False,
    )  # fmt: skip
    scopes = TeamScopes(tmp_path / "teams-scopes.json")
    store = FeedbackStore(settings.feedback_path)
    # one typing indicator, however slow the machine: the flow reads replies in order
    TeamsBot(settings, handle, store, scopes, typing_every=600).register(agent)
    adapter = TestAdapter(channel_id="msteams")

    def replied_card(reply: Activity) -> None:
        assert reply.attachments and reply.attachments[0].content_type == CARD_CONTENT_TYPE
        shorts = [c["items"][0]["text"] for c in citation_containers(reply.attachments[0].content)]
        assert shorts and all("Zoetermeer" in s for s in shorts), shorts  # the agreement or its audit

    async def conversation() -> None:
        await (
            TestFlow(adapter, agent.on_turn)
            .send("scope Zoetermeer")
            .assert_reply("Dit team zoekt alleen in: Zoetermeer.")
            .send("Welke afspraken zijn er over nieuwbouw van sociale huurwoningen?")
            .assert_typing_indicator()
            .assert_reply(replied_card)
            .send("scope Atlantis")
            .assert_reply(lambda reply: "Onbekend: Atlantis" in (reply.text or ""))
            .send("scope tynaarlo-2023.pdf, rekenkamer")  # a file name, words of one document only
            .assert_reply("Dit team zoekt alleen in: tynaarlo-2023, zoetermeer-rekenkamer-2017.")
            .send("scope uit")
            .assert_reply("Dit team zoekt in alle afspraken.")
            .start_test()
        )

    asyncio.run(conversation())
    assert scopes.filters(f"conversation:{adapter.conversation.conversation.id}") == Filters()


# ---------------------------------------------------------------- over HTTP: answers


def test_personal_chat_question_gets_typing_then_a_card_citing_zoetermeer(server: Running) -> None:
    conversation = new_conversation()
    question = activity(conversation, server.connector.url, text=DOORSTROOM_QUESTION)

    response = server.post(question)

    assert response.status_code == 202, response.text
    posted = server.connector.in_conversation(conversation)
    assert posted and posted[0].type == "typing"
    reply = server.connector.wait_for(conversation, is_card)
    assert reply.reply_to_id == question["id"]
    assert reply.authorization == ""  # no Entra token is sent to a connector on this machine
    [card] = reply.cards
    assert cites_zoetermeer_2019(card, server.zoetermeer_title)
    assert "doorstroom" in json.dumps(card, ensure_ascii=False).lower()
    assert server.connector.unexpected == []


def test_channel_mention_is_answered_and_unmentioned_chatter_is_not(server: Running) -> None:
    conversation = new_conversation("channel")
    chatter = activity(conversation, server.connector.url, kind="channel", text="koffie iemand?")
    assert server.post(chatter).status_code == 202
    assert server.connector.in_conversation(conversation) == []

    response = server.post(channel_mention(conversation, server.connector.url, DOORSTROOM_QUESTION))

    assert response.status_code == 202
    [card] = server.connector.wait_for(conversation, is_card).cards
    assert cites_zoetermeer_2019(card, server.zoetermeer_title)


def test_install_in_a_team_sends_the_welcome_with_example_questions(server: Running) -> None:
    conversation = new_conversation("channel")
    update = activity(
        conversation,
        server.connector.url,
        kind="channel",
        type="conversationUpdate",
        membersAdded=[{"id": BOT_ID}],
        channelData={"eventType": "teamMemberAdded", "team": {"id": "19:team-2@thread.tacv2"},
                     "tenant": {"id": TENANT_ID}},
    )  # fmt: skip
    del update["id"]

    assert server.post(update).status_code == 202

    [card] = server.connector.wait_for(conversation, is_card).cards
    text = json.dumps(card, ensure_ascii=False)
    # The examples ask common topics of the towns the index holds.
    assert "Bijvoorbeeld" in text and "huurverhoging in" in text and "Zoetermeer" in text


def test_a_new_user_joining_does_not_get_the_welcome(server: Running) -> None:
    conversation = new_conversation("channel")
    joined = [{"id": "29:someone-else"}]
    update = activity(
        conversation, server.connector.url, kind="channel", type="conversationUpdate",
        membersAdded=joined,
    )  # fmt: skip
    assert server.post(update).status_code == 202
    assert server.connector.in_conversation(conversation) == []


def test_card_feedback_is_stored_with_the_slack_feedback(server: Running) -> None:
    conversation = new_conversation()
    server.post(activity(conversation, server.connector.url, text=DOORSTROOM_QUESTION))
    [card] = server.connector.wait_for(conversation, is_card).cards
    down = next(a for a in card["actions"] if a["data"]["vote"] == "down")

    submit = activity(conversation, server.connector.url, value=down["data"])
    assert server.post(submit).status_code == 202

    server.connector.wait_for(conversation, lambda p: "Bedankt" in str(p.body.get("text")))
    stored = [f for f in FeedbackStore(server.settings.feedback_path).all() if f.platform == "teams"]
    assert [(f.user, f.answer_id, f.question, f.vote) for f in stored] == [
        ("aad-sanne", down["data"]["answerId"], DOORSTROOM_QUESTION, "down")
    ]
    assert down["data"]["action"] == FEEDBACK_ACTION


def test_a_question_over_the_limit_gets_a_polite_reply(server: Running) -> None:
    conversation = new_conversation()
    long_question = "Wat is er afgesproken over huur? " * 100  # 3,300 characters
    assert server.post(activity(conversation, server.connector.url, text=long_question)).status_code == 202
    reply = server.connector.wait_for(conversation, lambda p: p.type == "message")
    assert "characters" in reply.body["text"]


# ---------------------------------------------------------------- over HTTP: authentication


def rejected(server: Running, token: str | None) -> tuple[int, list[PostedActivity]]:
    conversation = new_conversation()
    response = server.post(activity(conversation, server.connector.url, text="hoi"), token=token)
    return response.status_code, server.connector.in_conversation(conversation)


def test_no_token_gets_401_and_no_reply(server: Running) -> None:
    assert rejected(server, None) == (401, [])


def test_token_signed_by_another_key_gets_401_and_no_reply(server: Running) -> None:
    forged = sign(new_rsa_key(), audience=APP_ID, service_url=server.connector.url)
    assert rejected(server, forged) == (401, [])


def test_token_for_another_app_gets_401_and_no_reply(server: Running) -> None:
    assert rejected(server, server.token(audience="another-bots-app-id")) == (401, [])


def test_expired_token_gets_401_and_no_reply(server: Running) -> None:
    # beyond the five minutes of clock skew the spec allows
    assert rejected(server, server.token(expires_in=-400)) == (401, [])


def test_token_from_another_issuer_gets_401_and_no_reply(server: Running) -> None:
    assert rejected(server, server.token(issuer="https://sts.example.com/")) == (401, [])


def test_token_for_another_service_url_gets_401_and_no_reply(server: Running) -> None:
    stolen = server.token(service_url=TEAMS_SERVICE_URL)
    assert rejected(server, stolen) == (401, [])


def test_garbage_and_basic_auth_get_401(server: Running) -> None:
    assert rejected(server, "not.a.jwt")[0] == 401
    conversation = new_conversation()
    response = httpx.post(
        f"{server.url}/api/messages",
        json=activity(conversation, server.connector.url, text="hoi"),
        headers={"Authorization": "Basic dXNlcjpwYXNz"},
    )
    assert response.status_code == 401


def test_token_signed_by_the_trusted_local_key_is_accepted(server: Running) -> None:
    conversation = new_conversation()
    response = server.post(activity(conversation, server.connector.url, text="help"), server.token())
    assert response.status_code == 202
    assert server.connector.wait_for(conversation, is_card)
    assert any(path.endswith("/keys") for path in server.openid.requests)


# ---------------------------------------------------------------- over HTTP: malformed activities


@pytest.mark.parametrize(
    ("mangle", "status"),
    [
        (lambda a: b"{not json", 400),
        (lambda a: b"[1, 2, 3]", 400),
        (lambda a: {k: v for k, v in a.items() if k != "conversation"}, 422),
        (lambda a: {k: v for k, v in a.items() if k != "type"}, 422),
        (lambda a: {k: v for k, v in a.items() if k != "from"}, 422),
        (lambda a: {**a, "conversation": {"id": ""}}, 422),
        (lambda a: {**a, "serviceUrl": "file:///etc/passwd"}, 422),
        (lambda a: {**a, "text": 42}, 422),
        (lambda a: {**a, "text": "x" * 30_000}, 422),
        (lambda a: {**a, "text": "x" * 1_000_000}, 413),
    ],
    ids=["not-json", "array", "no-conversation", "no-type", "no-from", "empty-conversation-id",
         "file-service-url", "text-not-a-string", "text-over-teams-limit", "1-MB-text"],
)  # fmt: skip
def test_malformed_activities_get_a_clear_4xx(server: Running, mangle: Any, status: int) -> None:
    conversation = new_conversation()
    body = mangle(activity(conversation, server.connector.url, text="hoi"))
    response = server.post(body)
    assert response.status_code == status, response.text
    assert response.json()["error"] or response.json()["message"]
    assert server.connector.in_conversation(conversation) == []


# ---------------------------------------------------------------- configuration


def test_mounting_without_credentials_is_refused(
    tmp_path: Path, corpus_index: Path, handle: IndexHandle
) -> None:
    settings = Settings(index=corpus_index, feedback_db=tmp_path / "f.sqlite", teams_app_id=APP_ID)
    with pytest.raises(TeamsNotConfigured, match="AFSPRAKEN_TEAMS_APP_PASSWORD, AFSPRAKEN_TEAMS_TENANT_ID"):
        create_app(settings, handle)


def test_a_user_asking_too_quickly_is_told_to_wait(
    tmp_path: Path, corpus_index: Path, handle: IndexHandle
) -> None:
    settings = teams_settings(tmp_path, corpus_index, teams_rate_limit_per_minute=1)
    with FakeBotOpenId() as openid, FakeBotConnector() as connector:
        app = create_app(settings, handle, teams_channel=local_channel(openid))
        with serve_in_thread(app) as url:
            headers = {"Authorization": f"Bearer {openid.mint(audience=APP_ID, service_url=connector.url)}"}
            first, second = new_conversation(), new_conversation()
            for conversation in (first, second):
                body = activity(conversation, connector.url, text="Wie betaalt de buurtbemiddeling?")
                response = httpx.post(f"{url}/api/messages", json=body, headers=headers, timeout=60)
                assert response.status_code in (200, 202)
            assert connector.wait_for(first, is_card)
            told = connector.wait_for(second, lambda posted: "opnieuw" in str(posted.body.get("text", "")))
            assert not any(is_card(p) for p in connector.in_conversation(second)), told.body


def test_insecure_dev_mode_refuses_to_start_with_a_password_set(
    tmp_path: Path, corpus_index: Path, handle: IndexHandle
) -> None:
    settings = Settings(
        index=corpus_index,
        feedback_db=tmp_path / "f.sqlite",
        teams_insecure_dev=True,
        teams_app_password="a-real-looking-secret",
    )
    with pytest.raises(TeamsNotConfigured, match="AFSPRAKEN_TEAMS_APP_PASSWORD is set"):
        create_app(settings, handle)


def test_replies_go_only_to_the_connector_hosts_of_the_channel(
    tmp_path: Path, corpus_index: Path, handle: IndexHandle
) -> None:
    """Deployed, the bot replies only to Microsoft's connector hosts: a signed activity naming a
    connector elsewhere (here: one on this machine, not trusted) gets no reply."""
    settings = teams_settings(tmp_path, corpus_index)
    with FakeBotOpenId() as openid, FakeBotConnector() as connector:
        app = create_app(settings, handle, teams_channel=local_channel(openid, trust_local_connector=False))
        with serve_in_thread(app) as url:
            conversation = new_conversation()
            body = activity(conversation, connector.url, text="help")
            token = openid.mint(audience=APP_ID, service_url=connector.url)
            response = httpx.post(
                f"{url}/api/messages", json=body, headers={"Authorization": f"Bearer {token}"}, timeout=60
            )
            assert response.status_code == 401  # the SDK refuses a connector it may not reply to …
            with pytest.raises(TimeoutError):  # … and nothing reached the untrusted host
                connector.wait_for(conversation, lambda posted: True, timeout=2)


def test_insecure_dev_mode_warns_and_answers_without_a_token(
    tmp_path: Path, corpus_index: Path, handle: IndexHandle, caplog: pytest.LogCaptureFixture
) -> None:
    settings = Settings(index=corpus_index, feedback_db=tmp_path / "f.sqlite", teams_insecure_dev=True)
    with caplog.at_level(logging.WARNING, logger="bot.teams"):
        app = create_app(settings, handle)
    assert "WITHOUT authentication" in caplog.text
    with FakeBotConnector() as connector, serve_in_thread(app) as url:
        conversation = new_conversation()
        body = activity(conversation, connector.url, text="help")
        response = httpx.post(f"{url}/api/messages", json=body, timeout=60)
        assert response.status_code == 202
        assert connector.wait_for(conversation, is_card)


def test_mount_teams_adds_only_the_messages_route(
    tmp_path: Path, corpus_index: Path, handle: IndexHandle
) -> None:
    from fastapi import FastAPI

    app = FastAPI()
    mount_teams(app, teams_settings(tmp_path, corpus_index), handle)
    assert [(r.path, sorted(r.methods)) for r in app.routes if hasattr(r, "methods")][-1] == (
        "/api/messages",
        ["POST"],
    )


def test_teams_package_zips_the_manifest_and_icons(tmp_path: Path) -> None:
    out = tmp_path / "afspraken-teams.zip"
    env = {"AFSPRAKEN_TEAMS_APP_ID": APP_ID, "AFSPRAKEN_PUBLIC_URL": PUBLIC_URL, "PATH": ""}
    done = subprocess.run(
        [sys.executable, str(ROOT / "deploy" / "teams" / "package.py"), "--out", str(out)],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(out) as package:
        assert sorted(package.namelist()) == ["color.png", "manifest.json", "outline.png"]
        manifest = json.loads(package.read("manifest.json"))
    assert manifest["id"] == APP_ID and manifest["bots"][0]["botId"] == APP_ID
    assert manifest["validDomains"] == ["afspraken.example.nl"]
    assert set(manifest["bots"][0]["scopes"]) == {"personal", "team", "groupChat"}

    missing = subprocess.run(
        [sys.executable, str(ROOT / "deploy" / "teams" / "package.py"), "--out", str(out)],
        env={"PATH": ""}, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert missing.returncode == 1 and "AFSPRAKEN_TEAMS_APP_ID" in missing.stderr


def test_budget_card_shows_its_amount_line_once(engine) -> None:
    from index.answer import answer

    result = answer(engine, "Wie betaalt de buurtbemiddeling in Tynaarlo?")
    assert result.amounts
    card = json.dumps(answer_card(result, ""), ensure_ascii=False)
    assert card.count("38.067 per jaar voor buurtbemiddeling") == 1


# ---------------------------------------------------------------- compare <topic>


def table_rows(card: dict[str, Any]) -> list[list[str]]:
    """The card's table as the text of each cell, header row first."""
    [table] = [item for item in card["body"] if item["type"] == "Table"]
    return [[cell["items"][0]["text"] for cell in row["cells"]] for row in table["rows"]]


def test_compare_message_answers_with_a_table_card_and_a_link_to_the_full_table(
    server: Running, handle: IndexHandle
) -> None:
    from index.compare import compare

    conversation = new_conversation("channel")
    response = server.post(channel_mention(conversation, server.connector.url, "vergelijk buurtbemiddeling"))

    assert response.status_code == 202, response.text
    [card] = server.connector.wait_for(conversation, is_card).cards
    expected = compare(handle.get(), "buurtbemiddeling")  # the library's rows, ranking aside
    header, *rows = table_rows(card)
    assert header == ["Document", "Artikel", "Wat er staat"]
    assert len(rows) == len(expected.rows) >= 3
    assert expected.covered >= 1 and expected.covered < len(expected.rows)
    for (document, clause, said), row in zip(rows, expected.rows, strict=True):
        assert document.startswith(row.title)
        if row.covered:
            assert clause.startswith(f"[{row.label}]({PUBLIC_URL}/documents/{row.doc_id}#")
            assert said
        else:
            assert clause == "niet behandeld"
    [full] = card["actions"]
    assert full == {
        "type": "Action.OpenUrl",
        "title": "Volledige tabel",
        "url": f"{PUBLIC_URL}/?compare=buurtbemiddeling",
    }
    assert card["version"] == "1.5"
    assert server.connector.unexpected == []


def test_compare_card_without_a_public_url_has_no_links(engine: Any) -> None:
    from bot.teams.cards import compare_card
    from index.compare import compare

    card = compare_card(compare(engine, "huurverhoging"), "")

    assert "actions" not in card
    assert "](" not in json.dumps(table_rows(card))
