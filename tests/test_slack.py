"""The Slack adapter over real HTTP: the FastAPI app under uvicorn on 127.0.0.1, requests signed
with Slack's algorithm, and a fake Slack Web API (tests/fakes/slack_api.py) that records what
the app posts. Socket Mode runs the same Bolt app against a local fake websocket endpoint.

Every test prints the number of requests the fake Slack server saw; the tally of the whole
module is written to tests/artifacts/slack-requests.json.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
import yaml
from fastapi import FastAPI
from slack_sdk.signature import SignatureVerifier

from bot.feedback import FeedbackStore
from bot.scopes import municipalities_of
from bot.settings import ChatNotConfigured, Settings
from bot.slack.app import mount_slack, socket_mode_handler
from bot.slack.blocks import (
    ACTION_DOWN,
    ACTION_MORE,
    ACTION_SHARE,
    ACTION_UP,
    BLOCK_LIMIT,
    TEXT_LIMIT,
    answer_blocks,
    answer_id,
    split_text,
)
from bot.slack.payloads import question_text, with_thread_context
from bot.web import create_app
from index.search import IndexHandle
from index.types import Answer, Chunk, Citation, Filters, Hit
from ingest.types import Deadline
from tests.fakes.slack_api import BOT_USER_ID, FakeSlackApi, Recorded
from tests.fakes.slack_socket import FakeSocketMode
from tests.servers import serve_in_thread

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
TOKEN = "xoxb-0000-fake-token"
APP_TOKEN = "xapp-1-fake-app-token"
RATE_LIMIT = 2  # questions per user per minute; each test uses its own users
ARTIFACTS = Path(__file__).parent / "artifacts"
REQUEST_COUNTS: dict[str, dict[str, int]] = {}

ZOETERMEER_QUESTION = "Wie betaalt de doorstroommakelaar in Zoetermeer?"


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def handle(corpus_index: Path) -> IndexHandle:
    loaded = IndexHandle(corpus_index)
    loaded.get()
    return loaded


@pytest.fixture(scope="module", autouse=True)
def request_counts_file() -> Iterator[None]:
    yield
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "slack-requests.json").write_text(json.dumps(REQUEST_COUNTS, indent=2))
    print("\nrequests seen by the fake Slack server, per test:")
    for test, counts in REQUEST_COUNTS.items():
        print(f"  {test}: {sum(counts.values())} {counts}")


@pytest.fixture
def fake_slack(request: pytest.FixtureRequest) -> Iterator[FakeSlackApi]:
    with FakeSlackApi() as fake:
        yield fake
        counts = fake.counts()
        REQUEST_COUNTS[request.node.name] = counts
        print(f"\n{request.node.name}: fake Slack saw {sum(counts.values())} requests {counts}")


def slack_settings(tmp_path: Path, index: Path, fake: FakeSlackApi, **more: Any) -> Settings:
    return Settings(
        _env_file=None,
        index=index,
        slack_bot_token=TOKEN,
        slack_signing_secret=SECRET,
        slack_app_token=APP_TOKEN,
        slack_api_url=fake.api_url,
        slack_rate_limit_per_minute=RATE_LIMIT,
        feedback_db=tmp_path / "feedback.sqlite",
        **more,
    )


@dataclass
class Running:
    url: str
    settings: Settings
    fake: FakeSlackApi


@pytest.fixture
def server(
    tmp_path: Path, corpus_index: Path, handle: IndexHandle, fake_slack: FakeSlackApi
) -> Iterator[Running]:
    settings = slack_settings(tmp_path, corpus_index, fake_slack)
    with serve_in_thread(create_app(settings, handle)) as url:
        yield Running(url, settings, fake_slack)


# ---------------------------------------------------------------- Slack's side of the wire


def signed_post(
    url: str,
    body: str,
    content_type: str,
    *,
    secret: str = SECRET,
    timestamp: int | None = None,
    headers: dict[str, str] | None = None,
) -> httpx.Response:
    """POST to /slack/events signed the way Slack signs (v0 HMAC-SHA256 over ts and body)."""
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    signature = SignatureVerifier(secret).generate_signature(timestamp=stamp, body=body)
    sent = {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": signature,
        **(headers or {}),
    }
    return httpx.post(f"{url}/slack/events", content=body.encode(), headers=sent, timeout=10)


def event_body(event: dict[str, Any], event_id: str | None = None) -> str:
    return json.dumps(
        {
            "token": "legacy",
            "team_id": "TFAKE",
            "api_app_id": "AFAKE",
            "type": "event_callback",
            "event_id": event_id or f"Ev{uuid.uuid4().hex[:10]}",
            "event_time": int(time.time()),
            "event": event,
            "authorizations": [{"team_id": "TFAKE", "user_id": BOT_USER_ID, "is_bot": True}],
        }
    )


def new_ts() -> str:
    return f"{time.time():.6f}"


def mention(text: str, *, user: str, channel: str = "CGENERAL", **more: Any) -> dict[str, Any]:
    ts = more.pop("ts", new_ts())
    return {
        "type": "app_mention",
        "user": user,
        "text": f"<@{BOT_USER_ID}> {text}",
        "ts": ts,
        "event_ts": ts,
        "channel": channel,
        "client_msg_id": str(uuid.uuid4()),
        **more,
    }


def direct_message(text: str, *, user: str, **more: Any) -> dict[str, Any]:
    ts = new_ts()
    return {
        "type": "message",
        "channel_type": "im",
        "user": user,
        "text": text,
        "ts": ts,
        "event_ts": ts,
        "channel": f"D{user}",
        "client_msg_id": str(uuid.uuid4()),
        **more,
    }


def post_event(url: str, event: dict[str, Any], **kwargs: Any) -> httpx.Response:
    response = signed_post(url, event_body(event), "application/json", **kwargs)
    assert response.status_code == 200, response.text
    return response


def slash(url: str, text: str, *, user: str, channel: str, response_url: str) -> httpx.Response:
    form = {
        "token": "legacy",
        "team_id": "TFAKE",
        "channel_id": channel,
        "user_id": user,
        "command": "/afspraken",
        "text": text,
        "response_url": response_url,
        "trigger_id": uuid.uuid4().hex,
        "api_app_id": "AFAKE",
    }
    response = signed_post(url, urlencode(form), "application/x-www-form-urlencoded")
    assert response.status_code == 200, response.text
    return response


def click(
    url: str, action_id: str, value: str, *, user: str, channel: str, response_url: str
) -> httpx.Response:
    payload = {
        "type": "block_actions",
        "team": {"id": "TFAKE"},
        "api_app_id": "AFAKE",
        "user": {"id": user, "team_id": "TFAKE"},
        "channel": {"id": channel},
        "container": {"type": "message", "is_ephemeral": True, "channel_id": channel},
        "trigger_id": uuid.uuid4().hex,
        "response_url": response_url,
        "actions": [{"type": "button", "action_id": action_id, "value": value, "block_id": "answer"}],
    }
    form = urlencode({"payload": json.dumps(payload)})
    response = signed_post(url, form, "application/x-www-form-urlencoded")
    assert response.status_code == 200, response.text
    return response


def button_value(blocks: list[dict[str, Any]], action_id: str) -> str:
    for block in blocks:
        for element in block.get("elements", []):
            if element.get("action_id") == action_id:
                return element["value"]
    raise AssertionError(f"no {action_id} button in the blocks")


def citation_lines(blocks: list[dict[str, Any]]) -> list[str]:
    return [
        element["text"] for block in blocks if block["type"] == "context" for element in block["elements"]
    ]


def finished(fake: FakeSlackApi, ts: str) -> None:
    """Wait until the work on the message `ts` is over (the 👀 reaction comes off last)."""
    fake.wait_for("reactions.remove", where=lambda r: r.body.get("timestamp") == ts)


def zoetermeer_cited(reply: Recorded) -> bool:
    """The answer cites Zoetermeer 2016-2019, afspraak 12 (the doorstroommakelaar clause)."""
    lines = citation_lines(reply.blocks)
    return any("Zoetermeer 2016-2019 · afspraak 12" in line for line in lines)


# ---------------------------------------------------------------- mentions, threads, DMs


def test_mention_gets_one_threaded_reply_citing_the_clause(server: Running) -> None:
    event = mention(ZOETERMEER_QUESTION, user="UMENTION")
    started = time.monotonic()
    post_event(server.url, event)
    assert time.monotonic() - started < 3, "Slack must get its 200 within 3 seconds"

    finished(server.fake, event["ts"])
    replies = server.fake.named("chat.postMessage")
    assert len(replies) == 1
    reply = replies[0]
    assert reply.body["channel"] == "CGENERAL"
    assert reply.body["thread_ts"] == event["ts"]
    assert reply.headers["Authorization"] == f"Bearer {TOKEN}"
    assert zoetermeer_cited(reply), citation_lines(reply.blocks)
    assert "1 fte" in reply.block_text
    eyes = server.fake.named("reactions.add")
    assert [(r.body["name"], r.body["timestamp"]) for r in eyes] == [("eyes", event["ts"])]
    (ARTIFACTS).mkdir(exist_ok=True)
    (ARTIFACTS / "slack-answer-blocks.json").write_text(
        json.dumps(reply.blocks, indent=2, ensure_ascii=False)
    )


def test_a_short_follow_up_in_a_thread_builds_on_the_threads_question(server: Running) -> None:
    root = mention(ZOETERMEER_QUESTION, user="UTHREAD")
    post_event(server.url, root)
    finished(server.fake, root["ts"])

    follow_up = mention("en hoeveel fte?", user="UTHREAD2", thread_ts=root["ts"])
    post_event(server.url, follow_up)
    finished(server.fake, follow_up["ts"])

    _root_reply, second = server.fake.named("chat.postMessage")
    assert second.body["thread_ts"] == root["ts"]
    assert zoetermeer_cited(second), citation_lines(second.blocks)
    assert not server.fake.named("conversations.replies")  # the thread's question was remembered


def test_a_follow_up_under_someone_elses_message_reads_the_thread(server: Running) -> None:
    parent_ts = new_ts()
    server.fake.thread_messages[parent_ts] = [
        {"type": "message", "user": "UOTHER", "text": ZOETERMEER_QUESTION, "ts": parent_ts}
    ]
    event = mention("wie betaalt dat?", user="UREADER", thread_ts=parent_ts)
    post_event(server.url, event)
    finished(server.fake, event["ts"])

    (read,) = server.fake.named("conversations.replies")
    assert read.body["ts"] == parent_ts
    (reply,) = server.fake.named("chat.postMessage")
    assert reply.body["thread_ts"] == parent_ts
    assert zoetermeer_cited(reply), citation_lines(reply.blocks)


def test_a_direct_message_is_answered_in_the_dm(server: Running) -> None:
    event = direct_message(ZOETERMEER_QUESTION, user="UDM")
    post_event(server.url, event)
    finished(server.fake, event["ts"])

    (reply,) = server.fake.named("chat.postMessage")
    assert reply.body["channel"] == "DUDM"
    assert "thread_ts" not in reply.body
    assert zoetermeer_cited(reply)


def test_bot_messages_and_its_own_are_ignored(server: Running) -> None:
    other_bot = direct_message(ZOETERMEER_QUESTION, user="UBOTUSER", bot_id="BOTHER")
    bot_message = direct_message(ZOETERMEER_QUESTION, user="", subtype="bot_message")
    own = direct_message(ZOETERMEER_QUESTION, user=BOT_USER_ID, bot_id="BAFSPRAKEN")
    for event in (other_bot, bot_message, own):
        post_event(server.url, event)
    person = direct_message(ZOETERMEER_QUESTION, user="UPERSON")
    post_event(server.url, person)
    finished(server.fake, person["ts"])

    replies = server.fake.named("chat.postMessage")
    assert [r.body["channel"] for r in replies] == ["DUPERSON"]
    assert len(server.fake.named("reactions.add")) == 1


# ---------------------------------------------------------------- the slash command


def test_slash_command_answers_privately_and_shares_in_channel(server: Running) -> None:
    ack = slash(
        server.url,
        ZOETERMEER_QUESTION,
        user="USLASH",
        channel="CSLASH",
        response_url=server.fake.response_url("command"),
    )
    assert "Searching" in ack.text

    (private,) = server.fake.wait_for("respond")
    assert private.path == "/respond/command"
    assert private.body["response_type"] == "ephemeral"
    assert zoetermeer_cited(private)
    value = button_value(private.blocks, ACTION_SHARE)

    click(
        server.url,
        ACTION_SHARE,
        value,
        user="USLASH",
        channel="CSLASH",
        response_url=server.fake.response_url("share"),
    )
    shared, deleted = server.fake.wait_for("respond", count=3)[1:]
    assert shared.path == deleted.path == "/respond/share"
    assert shared.body["response_type"] == "in_channel"
    assert "<@USLASH> asked" in shared.block_text
    assert zoetermeer_cited(shared)
    assert deleted.body["delete_original"] is True


def test_slash_command_help_and_scope(server: Running, handle: IndexHandle) -> None:
    to = server.fake.response_url("unused")
    help_ = slash(server.url, "help", user="UHELP", channel="CHELP", response_url=to).text
    towns = municipalities_of(handle.get().documents)
    # the examples ask of the towns the index holds
    assert f"/afspraken scope {towns[0]}" in help_ and towns[1] in help_
    assert "Voorbeeldstad" not in help_
    by_file = slash(server.url, "scope zoetermeer-2019.pdf", user="UHELP", channel="CTYN", response_url=to)
    assert "Searching only: zoetermeer-2019" in by_file.text  # a document as everywhere: bot.scopes
    bound = slash(server.url, "scope Tynaarlo", user="UHELP", channel="CTYN", response_url=to)
    assert "Searching only: Tynaarlo" in bound.text
    unknown = slash(server.url, "scope Atlantis", user="UHELP", channel="CTYN", response_url=to)
    assert "Atlantis" in unknown.text and "Zoetermeer" in unknown.text

    event = mention(ZOETERMEER_QUESTION, user="USCOPED", channel="CTYN")
    post_event(server.url, event)
    finished(server.fake, event["ts"])
    (reply,) = server.fake.named("chat.postMessage")
    assert "Searching only: Tynaarlo" in reply.block_text
    assert not zoetermeer_cited(reply)
    quoted = [line for line in citation_lines(reply.blocks) if " · " in line]
    assert all("Tynaarlo" in line for line in quoted), quoted

    assert (
        "all agreements" in slash(server.url, "scope off", user="UHELP", channel="CTYN", response_url=to).text
    )
    assert not server.fake.named("respond")


def test_scope_from_a_config_file(
    tmp_path: Path, corpus_index: Path, handle: IndexHandle, fake_slack: FakeSlackApi
) -> None:
    scopes = tmp_path / "scopes.json"
    scopes.write_text(json.dumps({"CWEST": {"municipality": "Westervoort"}}))
    settings = slack_settings(tmp_path, corpus_index, fake_slack, slack_scopes=scopes)
    with serve_in_thread(create_app(settings, handle)) as url:
        event = mention(ZOETERMEER_QUESTION, user="UCONF", channel="CWEST")
        post_event(url, event)
        finished(fake_slack, event["ts"])
    (reply,) = fake_slack.named("chat.postMessage")
    assert "Searching only: Westervoort" in reply.block_text
    assert not zoetermeer_cited(reply)


# ---------------------------------------------------------------- buttons


def test_feedback_is_stored_and_the_last_click_wins(server: Running) -> None:
    event = mention(ZOETERMEER_QUESTION, user="UVOTE")
    post_event(server.url, event)
    finished(server.fake, event["ts"])
    (reply,) = server.fake.named("chat.postMessage")
    aid = button_value(reply.blocks, ACTION_UP)
    assert button_value(reply.blocks, ACTION_DOWN) == aid

    to = server.fake.response_url("vote")
    click(server.url, ACTION_UP, aid, user="UVOTE", channel="CGENERAL", response_url=to)
    server.fake.wait_for("respond", count=1)
    click(server.url, ACTION_DOWN, aid, user="UVOTE", channel="CGENERAL", response_url=to)
    click(server.url, ACTION_UP, aid, user="UOTHERVOTER", channel="CGENERAL", response_url=to)
    thanks = server.fake.wait_for("respond", count=3)
    assert all(t.body["response_type"] == "ephemeral" for t in thanks)
    assert all(t.body["replace_original"] is False for t in thanks)

    votes = FeedbackStore(server.settings.feedback_path).all()
    assert sorted((v.user, v.vote) for v in votes) == [("UOTHERVOTER", "up"), ("UVOTE", "down")]
    assert {(v.platform, v.answer_id, v.question) for v in votes} == {("slack", aid, ZOETERMEER_QUESTION)}


def test_more_sources_shows_the_next_passages(server: Running) -> None:
    event = direct_message(ZOETERMEER_QUESTION, user="UMORE")
    post_event(server.url, event)
    finished(server.fake, event["ts"])
    (reply,) = server.fake.named("chat.postMessage")
    value = button_value(reply.blocks, ACTION_MORE)

    click(
        server.url,
        ACTION_MORE,
        value,
        user="UMORE",
        channel="DUMORE",
        response_url=server.fake.response_url("more"),
    )
    (more,) = server.fake.wait_for("respond")
    lines = citation_lines(more.blocks)
    assert 1 <= len(lines) <= 3
    assert all(" · " in line for line in lines)
    assert not set(lines) & set(citation_lines(reply.blocks))


# ---------------------------------------------------------------- safety


def test_bad_signature_or_stale_timestamp_gets_401_and_nothing_posted(server: Running) -> None:
    body = event_body(mention(ZOETERMEER_QUESTION, user="UFORGER"))
    forged = signed_post(server.url, body, "application/json", secret="not-the-secret")
    stale = signed_post(server.url, body, "application/json", timestamp=int(time.time()) - 600)
    unsigned = httpx.post(f"{server.url}/slack/events", content=body, timeout=10)
    assert [forged.status_code, stale.status_code, unsigned.status_code] == [401, 401, 401]
    # a 401 is decided before any listener runs, so nothing can be on its way
    assert server.fake.counts() == {"auth.test": 1}


def test_a_retried_event_is_answered_once(server: Running) -> None:
    event = mention(ZOETERMEER_QUESTION, user="URETRY")
    body = event_body(event, event_id="EvRETRY123")
    retry_headers = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    first = signed_post(server.url, body, "application/json")
    again = signed_post(server.url, body, "application/json", headers=retry_headers)
    assert first.status_code == again.status_code == 200
    finished(server.fake, event["ts"])

    assert len(server.fake.named("chat.postMessage")) == 1
    assert len(server.fake.named("reactions.add")) == 1


def test_a_40_kb_message_gets_a_polite_refusal(server: Running) -> None:
    event = mention("waarom " * 5800, user="UHUGE")  # ≈ 40 KB, as large as Slack allows
    assert len(event["text"]) >= 40_000
    post_event(server.url, event)
    finished(server.fake, event["ts"])

    (refusal,) = server.fake.named("chat.postEphemeral")
    assert refusal.body["user"] == "UHUGE"
    assert refusal.body["thread_ts"] == event["ts"]
    assert refusal.body["text"].startswith("Sorry, I can't answer that")
    assert "2,000 characters" in refusal.body["text"]
    assert not server.fake.named("chat.postMessage")


def test_rate_limit_per_user(server: Running) -> None:
    events = [direct_message(ZOETERMEER_QUESTION, user="URATE") for _ in range(RATE_LIMIT + 1)]
    for event in events:
        post_event(server.url, event)
    replies = server.fake.wait_for("chat.postMessage", count=RATE_LIMIT + 1)
    slowed = [r for r in replies if r.body["text"].startswith("You're asking quickly")]
    assert len(slowed) == 1
    assert sum(1 for r in replies if r.body.get("blocks")) == RATE_LIMIT
    for reply in server.fake.named("reactions.add"):
        finished(server.fake, reply.body["timestamp"])


def test_no_message_text_or_token_in_logs_above_debug(
    server: Running, caplog: pytest.LogCaptureFixture
) -> None:
    secret_word = "Xylofoonafspraak"
    caplog.set_level("DEBUG")
    event = direct_message(f"{ZOETERMEER_QUESTION} {secret_word}", user="ULOG")
    post_event(server.url, event)
    finished(server.fake, event["ts"])
    loud = [r.getMessage() for r in caplog.records if r.levelno > 10]
    assert not [m for m in loud if secret_word in m or TOKEN in m or SECRET in m]
    assert any(secret_word in r.getMessage() for r in caplog.records)  # debug may show it


def test_half_configured_slack_is_a_clear_start_up_error(tmp_path: Path, corpus_index: Path) -> None:
    handle = IndexHandle(corpus_index)
    only_token = Settings(_env_file=None, index=corpus_index, slack_bot_token=TOKEN)
    with pytest.raises(ChatNotConfigured, match="SLACK_BOT_TOKEN is set but SLACK_SIGNING_SECRET"):
        create_app(only_token, handle)
    only_secret = Settings(_env_file=None, index=corpus_index, slack_signing_secret=SECRET)
    with pytest.raises(ChatNotConfigured, match="SLACK_SIGNING_SECRET is set but SLACK_BOT_TOKEN"):
        mount_slack(FastAPI(), only_secret, handle)


# ---------------------------------------------------------------- Socket Mode


def test_socket_mode_runs_the_same_listeners(
    tmp_path: Path, corpus_index: Path, handle: IndexHandle, fake_slack: FakeSlackApi
) -> None:
    with FakeSocketMode() as socket_server:
        fake_slack.websocket_url = socket_server.url
        socket_mode = socket_mode_handler(slack_settings(tmp_path, corpus_index, fake_slack), handle)
        socket_mode.connect()
        try:
            event = mention(ZOETERMEER_QUESTION, user="USOCKET")
            envelope = {
                "envelope_id": "env-1",
                "type": "events_api",
                "accepts_response_payload": False,
                "retry_attempt": 0,
                "retry_reason": "",
                "payload": json.loads(event_body(event)),
            }
            socket_server.send(envelope)
            assert socket_server.wait_for_ack("env-1") == {"envelope_id": "env-1"}
            finished(fake_slack, event["ts"])

            command = {
                "envelope_id": "env-2",
                "type": "slash_commands",
                "accepts_response_payload": True,
                "payload": {
                    "command": "/afspraken",
                    "text": "help",
                    "user_id": "USOCKET",
                    "channel_id": "CSOCKET",
                    "response_url": fake_slack.response_url("socket"),
                },
            }
            socket_server.send(command)
            help_ack = socket_server.wait_for_ack("env-2")
        finally:
            socket_mode.close()

    (apps_open,) = fake_slack.named("apps.connections.open")
    assert apps_open.headers["Authorization"] == f"Bearer {APP_TOKEN}"
    (reply,) = fake_slack.named("chat.postMessage")
    assert reply.body["thread_ts"] == event["ts"]
    assert zoetermeer_cited(reply)
    assert "scope" in help_ack["payload"]["text"]


# ---------------------------------------------------------------- Block Kit (pure)


def _citation(n: int, text: str = "De corporaties stimuleren de doorstroming.") -> Citation:
    return Citation(
        doc="zoetermeer-2019.pdf",
        title="Zoetermeer 2019",
        section="Doorstroming",
        clause=f"afspraak {n}",
        pages=(4,),
        text=text,
    )


def _hit(n: int) -> Hit:
    chunk = Chunk(
        id=f"c{n}",
        clause_id=f"k{n}",
        doc_id="zoetermeer-2019",
        source="zoetermeer-2019.pdf",
        title="Zoetermeer 2019",
        municipality="Zoetermeer",
        period="2019",
        section="Doorstroming",
        label=f"afspraak {n}",
        kind="afspraak",
        pages=(n,),
        text=f"Tekst van afspraak {n}.",
        parties=(),
    )
    return Hit(chunk=chunk, score=1.0 / n, rank=n)


def _answer(**fields: Any) -> Answer:
    base: dict[str, Any] = {
        "question": "Wat is afgesproken over doorstroming?",
        "language": "nl",
        "text": "De corporaties stimuleren de doorstroming [Zoetermeer 2019 · afspraak 12].",
        "abstained": False,
        "citations": (_citation(12),),
        "passages": tuple(_hit(n) for n in range(10, 16)),
        "searched": ("Zoetermeer 2019",),
    }
    return Answer(**{**base, **fields})


def test_blocks_carry_text_citation_and_buttons() -> None:
    blocks = answer_blocks(_answer(), more=True)
    assert blocks[0]["type"] == "section"
    assert "doorstroming" in blocks[0]["text"]["text"]
    assert citation_lines(blocks) == [
        "*Zoetermeer 2019 · afspraak 12 · p. 4*  “De corporaties stimuleren de doorstroming.”"
    ]
    actions = blocks[-1]["elements"]
    assert [a["action_id"] for a in actions] == [ACTION_MORE, ACTION_UP, ACTION_DOWN]
    assert actions[0]["value"] == f"{answer_id(_answer())}:0"
    assert [a["action_id"] for a in answer_blocks(_answer(), more=False)[-1]["elements"]] == [
        ACTION_UP,
        ACTION_DOWN,
    ]


def test_long_answers_split_within_slacks_limits_without_breaking_citations() -> None:
    sentence = "Partijen bouwen samen {n} woningen [Zoetermeer 2019 · afspraak {n} · p. {n}]. "
    text = "".join(sentence.format(n=n) for n in range(400))
    many = tuple(_citation(n) for n in range(80))
    blocks = answer_blocks(_answer(text=text, citations=many), more=True)
    assert len(blocks) <= BLOCK_LIMIT
    sections = [b["text"]["text"] for b in blocks if b["type"] == "section"]
    assert len(sections) > 1
    assert all(len(s) <= TEXT_LIMIT for s in sections)
    for piece in sections:
        assert piece.count("[") == piece.count("]"), piece[-80:]
    assert "".join(sections).replace(" ", "") == text.replace(" ", "")
    assert citation_lines(blocks)[-1].startswith("… and ")


def test_split_text_never_cuts_inside_brackets() -> None:
    text = "a " * 20 + "[Zoetermeer 2019 · afspraak 12 · p. 4] " + "b " * 20
    for limit in range(40, 80):  # any limit longer than the citation itself
        for piece in split_text(text, limit):
            assert piece.count("[") == piece.count("]")


def test_not_found_answer_says_it_in_index_answer_words() -> None:
    text = "Not found in the agreements. Searched: Zoetermeer 2019; Tynaarlo 2023."
    blocks = answer_blocks(
        _answer(abstained=True, language="en", text=text, citations=(), kind="not_found"), more=False
    )
    sections = [b["text"]["text"] for b in blocks if b["type"] == "section"]
    assert sections == [text]
    assert citation_lines(blocks) == []


def test_no_figure_answer_shows_the_closest_passage() -> None:
    quote = (
        "The agreements state no figure for this. Closest passage:\n“Tekst.” [Zoetermeer 2019 · afspraak 12]"
    )
    text = f"{quote}\nSearched: Zoetermeer 2019."
    blocks = answer_blocks(
        _answer(abstained=True, language="en", text=text, quote=quote, kind="no_figure"), more=False
    )
    sections = [b["text"]["text"] for b in blocks if b["type"] == "section"]
    assert sections == [text]  # no "Not found" heading: the passage is there, only the figure is not
    assert citation_lines(blocks) == [
        "*Zoetermeer 2019 · afspraak 12 · p. 4*  “De corporaties stimuleren de doorstroming.”"
    ]


def test_deadlines_come_first_and_scope_is_shown() -> None:
    deadline = Deadline(
        clause_id="k",
        doc_id="zoetermeer-2019",
        label="afspraak 3",
        pages=(2,),
        when="uiterlijk 1 april 2019",
        start="",
        end="2019-04-01",
        recurring="",
        what="de corporaties leveren hun bod aan",
        parties=(),
        sentence="…",
    )
    scoped = _answer(deadlines=(deadline,), filters=Filters(municipality=("Zoetermeer",)))
    blocks = answer_blocks(scoped, more=False)
    assert blocks[0]["type"] == "context"
    assert "Zoetermeer" in blocks[0]["elements"][0]["text"]
    assert "1 april 2019" in blocks[1]["text"]["text"]
    assert "doorstroming" in blocks[2]["text"]["text"]


def test_question_text_and_thread_context() -> None:
    assert question_text("<@UAFSPRAKEN>  wat over <https://x.nl|sloop> &amp; bouw?") == (
        "wat over sloop & bouw?"
    )
    assert with_thread_context("en Vidomes?", "Wat sprak Vestia af over verkoop?") == (
        "Wat sprak Vestia af over verkoop? — en Vidomes?"
    )
    long_question = "Wat hebben de corporaties in Tynaarlo afgesproken over nieuwbouw in 2024?"
    assert with_thread_context(long_question, "Wat sprak Vestia af?") == long_question


def test_manifest_declares_what_the_app_uses() -> None:
    manifest = yaml.safe_load((Path(__file__).parents[1] / "deploy" / "slack" / "manifest.yaml").read_text())
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    assert {
        "app_mentions:read",
        "chat:write",
        "commands",
        "im:history",
        "reactions:write",
    } <= scopes
    settings = manifest["settings"]
    assert set(settings["event_subscriptions"]["bot_events"]) == {"app_mention", "message.im"}
    assert settings["interactivity"]["request_url"].endswith("/slack/events")
    assert manifest["features"]["slash_commands"][0]["command"] == "/afspraken"
    assert settings["socket_mode_enabled"] is True


# ---------------------------------------------------------------- the CLI


def test_feedback_command_lists_the_votes(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from bot.cli import app

    store = FeedbackStore(tmp_path / "feedback.sqlite")
    store.record("slack", "U1", "a1", "Wie betaalt de makelaar?", "up")
    store.record("slack", "U1", "a1", "Wie betaalt de makelaar?", "down")
    store.record("teams", "U2", "a1", "Wie betaalt de makelaar?", "up")
    result = CliRunner().invoke(app, ["feedback", "--csv", "--index", str(tmp_path)])
    assert result.exit_code == 0, result.output
    rows = [line.split(",") for line in result.output.strip().splitlines()]
    assert rows[0] == ["at", "platform", "user", "vote", "answer_id", "question"]
    assert sorted((r[1], r[2], r[3]) for r in rows[1:]) == [("slack", "U1", "down"), ("teams", "U2", "up")]
    table = CliRunner().invoke(app, ["feedback", "--index", str(tmp_path)])
    assert "2 votes" in table.output and "👍 1  👎 1" in table.output


def test_slack_command_without_tokens_says_what_is_missing(corpus_index: Path) -> None:
    from typer.testing import CliRunner

    from bot.cli import app

    result = CliRunner().invoke(app, ["slack", "--index", str(corpus_index)])
    assert result.exit_code == 1
    assert "SLACK_BOT_TOKEN and SLACK_APP_TOKEN" in result.output


def test_budget_answer_shows_its_amount_line_once(engine) -> None:
    from index.answer import answer

    result = answer(engine, "Wie betaalt de buurtbemiddeling in Tynaarlo?")
    assert result.amounts
    text = json.dumps(answer_blocks(result, more=True), ensure_ascii=False)
    assert text.count("38.067 per jaar voor buurtbemiddeling") == 1


# ---------------------------------------------------------------- compare <topic>

PUBLIC_URL = "https://afspraken.example.nl"


def compare_sections(blocks: list[dict[str, Any]]) -> list[list[str]]:
    """The table's rows: each section with fields, as its field texts."""
    return [[f["text"] for f in b["fields"]] for b in blocks if b["type"] == "section" and "fields" in b]


def test_compare_mention_answers_with_a_table_of_every_agreement_and_a_link_to_it(
    tmp_path: Path, corpus_index: Path, handle: IndexHandle, fake_slack: FakeSlackApi
) -> None:
    from index.compare import compare

    settings = slack_settings(tmp_path, corpus_index, fake_slack, public_url=PUBLIC_URL + "/")
    with serve_in_thread(create_app(settings, handle)) as url:
        event = mention("compare buurtbemiddeling", user="UCOMPARE")
        post_event(url, event)
        finished(fake_slack, event["ts"])

    (reply,) = fake_slack.named("chat.postMessage")
    assert reply.body["thread_ts"] == event["ts"]
    expected = compare(handle.get(), "buurtbemiddeling")  # the rows the library gives, ranking aside
    assert reply.body["text"] == f"buurtbemiddeling: {expected.covered} van {len(expected.rows)} documenten"
    rows = compare_sections(reply.blocks)
    assert len(rows) == len(expected.rows) >= 3
    assert expected.covered >= 1 and expected.covered < len(expected.rows)
    for (document, said), row in zip(rows, expected.rows, strict=True):
        assert row.title in document
        if row.covered:
            link = f"<{PUBLIC_URL}/documents/{row.doc_id}#"
            assert said.startswith(link) and f"|{row.label}>" in said.split("\n")[0]
        else:
            assert said == "_niet behandeld_"
    assert reply.blocks[-1]["elements"][0]["text"] == (
        f"<{PUBLIC_URL}/?compare=buurtbemiddeling|Volledige tabel op de website>"
    )
    assert len(reply.blocks) <= BLOCK_LIMIT
    (ARTIFACTS / "slack-compare-blocks.json").write_text(
        json.dumps(reply.blocks, indent=2, ensure_ascii=False)
    )


def test_vergelijk_in_a_dm_and_by_slash_command_without_a_public_url_has_no_links(server: Running) -> None:
    event = direct_message("vergelijk huurverhoging", user="UVERGELIJK")
    post_event(server.url, event)
    finished(server.fake, event["ts"])

    (reply,) = server.fake.named("chat.postMessage")
    assert reply.body["text"].startswith("huurverhoging: ")
    rows = compare_sections(reply.blocks)
    assert rows and all("<http" not in " ".join(fields) for fields in rows)
    assert not any("Volledige tabel" in json.dumps(b) for b in reply.blocks)

    slash(
        server.url,
        "compare huurverhoging",
        user="USLASHCMP",
        channel="CGENERAL",
        response_url=server.fake.response_url("compare"),
    )
    (private,) = server.fake.wait_for("respond")
    assert private.body["response_type"] == "ephemeral"
    assert compare_sections(private.blocks) == rows
