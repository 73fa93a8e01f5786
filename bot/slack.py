"""The Slack adapter: cited answers in channels, threads, DMs and `/afspraken`.

One Bolt `App` holds every listener; it is mounted at POST /slack/events in the FastAPI app
(HTTP mode, public URL) or driven by Socket Mode (`afspraken slack`, behind a firewall). Every
listener acks at once and answers in a lazy listener, so Slack gets its 200 within 3 seconds.
Block Kit is built by small pure functions from an `Answer`.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import re
import sqlite3
import threading
import time
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request, Response
from pydantic import BaseModel, ConfigDict
from slack_bolt import Ack, App, Respond
from slack_bolt.adapter.fastapi import SlackRequestHandler
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.feedback import FeedbackStore, connect
from bot.limits import RateLimiter
from bot.settings import ChatNotConfigured, Settings
from index.answer import answer as answer_question
from index.errors import IndexError_, QuestionError
from index.lookup import format_amount, format_deadline
from index.search import IndexHandle
from index.types import Answer, Filters, Hit
from ingest.types import content_id

log = logging.getLogger(__name__)

TEXT_LIMIT = 3000  # Slack: characters per section text
BLOCK_LIMIT = 50  # Slack: blocks per message
QUOTE_CHARS = 240  # a citation's quote in its context line (the answer text has it whole)
PASSAGES_PER_PAGE = 3  # "More sources" shows this many passages per click
FOLLOW_UP_WORDS = 6  # a thread mention this short borrows the thread's question
SEEN_SECONDS = 3600  # how long an event id / message is remembered against retries

ACTION_MORE = "afspraken_more"
ACTION_UP = "afspraken_up"
ACTION_DOWN = "afspraken_down"
ACTION_SHARE = "afspraken_share"

SOMETHING_WENT_WRONG = "Sorry, something went wrong while answering; it has been logged. Please try again."
HELP_TEXT = (
    "*Ask about the prestatieafspraken* and get the answer with the clauses it comes from.\n"
    "• Mention me in a channel: `@afspraken what did the housing associations agree on sales?` — "
    "I answer in the thread; a short follow-up in that thread (`and in 2025?`) builds on its question.\n"
    "• Send me a direct message with your question.\n"
    "• `/afspraken <question>` answers privately; *Share in channel* posts it for everyone.\n"
    "• `/afspraken scope Voorbeeldstad` makes this channel search only Voorbeeldstad's agreements "
    "(a municipality or document id; several separated by commas). `/afspraken scope` shows "
    "the scope, `/afspraken scope off` removes it.\n"
    "• 👍 / 👎 under an answer tell the maintainers whether it helped."
)


# ---------------------------------------------------------------- Block Kit (pure functions)


def answer_id(answer: Answer) -> str:
    """Stable id of an answer: the question and filters determine it for a given index."""
    return content_id("slack-answer", answer.question, filters_to_json(answer.filters))


def escape(text: str) -> str:
    """Slack mrkdwn needs &, < and > escaped; everything else is shown as written."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def split_text(text: str, limit: int = TEXT_LIMIT) -> list[str]:
    """Cut text into pieces of at most `limit` characters, preferring paragraph, then line,
    then sentence ends, and never cutting inside a bracketed citation like "[… · afspraak 3]"."""
    pieces: list[str] = []
    rest = text.strip()
    while len(rest) > limit:
        cut = _best_cut(rest, limit)
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        pieces.append(rest)
    return pieces


_BREAKS = (
    re.compile(r"\n\s*\n"),
    re.compile(r"\n"),
    re.compile(r"(?<=[.!?;:])\s"),
    re.compile(r"\s"),
)


def _best_cut(text: str, limit: int) -> int:
    window = text[: limit + 1]
    depth = _bracket_depths(window)
    for pattern in _BREAKS:
        cuts = [m.end() for m in pattern.finditer(window) if m.start() > 0 and depth[m.start()] == 0]
        cuts = [c for c in cuts if c <= limit]
        if cuts:
            return max(cuts)
    return limit


def _bracket_depths(text: str) -> list[int]:
    depths, depth = [], 0
    for char in text:
        if char in "[(":
            depth += 1
        depths.append(depth)
        if char in "])":
            depth = max(0, depth - 1)
    return depths


def _mrkdwn(text: str) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": text}


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": _mrkdwn(text)}


def _context(text: str) -> dict[str, Any]:
    return {"type": "context", "elements": [_mrkdwn(text)]}


def _button(label: str, action_id: str, value: str, style: str = "") -> dict[str, Any]:
    button: dict[str, Any] = {
        "type": "button",
        "text": {"type": "plain_text", "text": label, "emoji": True},
        "action_id": action_id,
        "value": value,
    }
    if style:
        button["style"] = style
    return button


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def quote_line(short: str, quote: str) -> str:
    """One citation as a context line: the clause reference in bold, then the quoted words."""
    return f"*{escape(short)}*  “{escape(_shorten(quote, QUOTE_CHARS))}”"


def passage_short(hit: Hit) -> str:
    chunk = hit.chunk
    pages = ", ".join(str(p) for p in chunk.pages[:3])
    where = f" · p. {pages}" if pages else ""
    return f"{chunk.title} · {chunk.label}{where}"


def structured_lines(answer: Answer) -> list[str]:
    """Deadline and budget facts found for the question, each on its own line."""
    lines = [f"🗓 {escape(format_deadline(d, answer.language))}" for d in answer.deadlines]
    lines += [f"💶 {escape(format_amount(a, answer.language))}" for a in answer.amounts]
    return lines


def extra_passages(answer: Answer) -> list[Hit]:
    """Retrieved passages that are not already cited, best first: what "More sources" shows."""
    cited = {(c.doc, c.clause) for c in answer.citations}
    return [h for h in answer.passages if (h.chunk.source, h.chunk.label) not in cited]


def answer_blocks(answer: Answer, *, more: bool, share: bool = False) -> list[dict[str, Any]]:
    """The Block Kit message for an answer: facts, text, citations, then the buttons.

    `more` shows the "More sources" button; `share` adds "Share in channel" (private answers).
    """
    head: list[dict[str, Any]] = []
    if not answer.filters.empty:
        head.append(_context(f"🔎 {escape(filters_label(answer.filters))}"))
    head += [_section(piece) for piece in split_text("\n".join(structured_lines(answer)))]
    # answered: the quote (its dates and amounts are above); otherwise index.answer's own wording
    # for the kind — not found, no figure stated, or asked in another language
    body = answer.quote or answer.text if answer.kind == "answered" else answer.text
    head += [_section(piece) for piece in split_text(escape(body))] if body else []
    actions = _actions(answer, more=more, share=share)
    room = BLOCK_LIMIT - len(head) - 1
    return [*head[: BLOCK_LIMIT - 2], *_citation_blocks(answer, max(room, 1)), actions]


def _citation_blocks(answer: Answer, room: int) -> list[dict[str, Any]]:
    lines = [quote_line(c.short, c.text) for c in answer.citations]
    if len(lines) <= room:
        return [_context(line) for line in lines]
    hidden = len(lines) - (room - 1)
    return [*(_context(line) for line in lines[: room - 1]), _context(f"… and {hidden} more")]


def _actions(answer: Answer, *, more: bool, share: bool) -> dict[str, Any]:
    aid = answer_id(answer)
    elements = []
    if share:
        elements.append(_button("Share in channel", ACTION_SHARE, aid, style="primary"))
    if more:
        elements.append(_button("More sources", ACTION_MORE, f"{aid}:0"))
    elements += [_button("👍", ACTION_UP, aid), _button("👎", ACTION_DOWN, aid)]
    return {"type": "actions", "block_id": f"answer:{aid}", "elements": elements}


def passage_blocks(answer: Answer, offset: int) -> list[dict[str, Any]]:
    """One page of further passages, with a button for the next page when there is one."""
    passages = extra_passages(answer)
    page = passages[offset : offset + PASSAGES_PER_PAGE]
    if not page:
        return [_context("No further passages.")]
    blocks = [_context(quote_line(passage_short(hit), hit.chunk.text)) for hit in page]
    next_offset = offset + PASSAGES_PER_PAGE
    if next_offset < len(passages):
        value = f"{answer_id(answer)}:{next_offset}"
        blocks.append({"type": "actions", "elements": [_button("More sources", ACTION_MORE, value)]})
    return blocks


def fallback_text(answer: Answer) -> str:
    """The plain `text` of a message: notifications and screen readers show it."""
    return _shorten(answer.text, TEXT_LIMIT)


def filters_label(filters: Filters) -> str:
    parts = [*filters.municipality, *filters.doc, *filters.party]
    if filters.year:
        parts.append(str(filters.year))
    return "Searching only: " + ", ".join(parts)


def filters_to_json(filters: Filters) -> str:
    return json.dumps(dataclasses.asdict(filters), sort_keys=True)


def filters_from_json(text: str) -> Filters:
    data = json.loads(text)
    return Filters(
        doc=tuple(data.get("doc", ())),
        municipality=tuple(data.get("municipality", ())),
        party=tuple(data.get("party", ())),
        year=data.get("year"),
    )


# ---------------------------------------------------------------- question text


_USER_MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")
_LABELLED_LINK = re.compile(r"<[^>|]+\|([^>]+)>")
_BARE_LINK = re.compile(r"<([^>|]+)>")


def question_text(text: str) -> str:
    """The question as typed: mentions removed, links and channels shown by their labels."""
    text = _USER_MENTION.sub(" ", text)
    text = _LABELLED_LINK.sub(r"\1", text)
    text = _BARE_LINK.sub(r"\1", text)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return " ".join(text.split())


def with_thread_context(follow_up: str, earlier: str | None) -> str:
    """A short follow-up ("and Woonstichting Voorbeeld?") borrows the subject of the thread's question."""
    if not earlier or len(follow_up.split()) > FOLLOW_UP_WORDS:
        return follow_up
    return f"{earlier} — {follow_up}"


# ---------------------------------------------------------------- payloads (validated at the edge)


class _Payload(BaseModel):
    model_config = ConfigDict(extra="ignore")


class MessageEvent(_Payload):
    type: str
    ts: str
    channel: str
    user: str = ""
    text: str = ""
    thread_ts: str | None = None
    bot_id: str | None = None
    subtype: str | None = None
    channel_type: str = ""
    client_msg_id: str = ""

    @property
    def from_bot(self) -> bool:
        return bool(self.bot_id) or self.subtype == "bot_message" or not self.user


class SlashCommand(_Payload):
    user_id: str
    channel_id: str
    text: str = ""
    response_url: str = ""


class _Id(_Payload):
    id: str


class _Action(_Payload):
    action_id: str
    value: str = ""


class BlockAction(_Payload):
    user: _Id
    channel: _Id | None = None
    actions: list[_Action]
    response_url: str = ""


# ---------------------------------------------------------------- state


class SlackMemory:
    """SQLite beside the feedback store: answered questions (for the buttons), thread
    questions (for follow-ups) and channel scopes. Survives restarts; safe across threads."""

    _SCHEMA = (
        "CREATE TABLE IF NOT EXISTS answers (id TEXT PRIMARY KEY, question TEXT, filters TEXT)",
        "CREATE TABLE IF NOT EXISTS threads (channel TEXT, ts TEXT, question TEXT,"
        " PRIMARY KEY (channel, ts))",
        "CREATE TABLE IF NOT EXISTS scopes (channel TEXT PRIMARY KEY, filters TEXT)",
    )

    def __init__(self, path: Path, configured: dict[str, Filters] | None = None) -> None:
        self.path = path
        self.configured = configured or {}
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._db() as db:
            for statement in self._SCHEMA:
                db.execute(statement)

    def _db(self) -> AbstractContextManager[sqlite3.Connection]:
        return connect(self.path)

    def remember_answer(self, answer: Answer) -> None:
        with self._db() as db:
            db.execute(
                "INSERT OR REPLACE INTO answers VALUES (?, ?, ?)",
                (answer_id(answer), answer.question, filters_to_json(answer.filters)),
            )

    def asked(self, aid: str) -> tuple[str, Filters] | None:
        with self._db() as db:
            row = db.execute("SELECT question, filters FROM answers WHERE id = ?", (aid,)).fetchone()
        return (row[0], filters_from_json(row[1])) if row else None

    def remember_thread(self, channel: str, ts: str, question: str) -> None:
        with self._db() as db:
            db.execute("INSERT OR IGNORE INTO threads VALUES (?, ?, ?)", (channel, ts, question))

    def thread_question(self, channel: str, ts: str) -> str | None:
        with self._db() as db:
            row = db.execute(
                "SELECT question FROM threads WHERE channel = ? AND ts = ?", (channel, ts)
            ).fetchone()
        return row[0] if row else None

    def bind_scope(self, channel: str, filters: Filters) -> None:
        with self._db() as db:
            db.execute("INSERT OR REPLACE INTO scopes VALUES (?, ?)", (channel, filters_to_json(filters)))

    def clear_scope(self, channel: str) -> None:
        with self._db() as db:
            db.execute("INSERT OR REPLACE INTO scopes VALUES (?, ?)", (channel, filters_to_json(Filters())))

    def scope(self, channel: str) -> Filters:
        """The channel's filters: bound with `/afspraken scope`, else from the config file."""
        with self._db() as db:
            row = db.execute("SELECT filters FROM scopes WHERE channel = ?", (channel,)).fetchone()
        return filters_from_json(row[0]) if row else self.configured.get(channel, Filters())


def read_scope_file(path: Path | None) -> dict[str, Filters]:
    """{channel_id: {"municipality": "Voorbeeldstad" | [...], "doc": [...]}} from a JSON file."""
    if path is None:
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))

    def values(entry: dict[str, Any], key: str) -> tuple[str, ...]:
        value = entry.get(key, ())
        return (value,) if isinstance(value, str) else tuple(value)

    return {
        channel: Filters(doc=values(entry, "doc"), municipality=values(entry, "municipality"))
        for channel, entry in data.items()
    }


class Once:
    """Claims keys (event ids, channel+ts) so that Slack's retries are never answered twice."""

    def __init__(self, seconds: float = SEEN_SECONDS) -> None:
        self.seconds = seconds
        self._seen: dict[str, float] = {}
        self._lock = threading.Lock()

    def claim(self, *keys: str) -> bool:
        """True for the first claim of any of these keys; False if one was seen before."""
        now = time.monotonic()
        keys = tuple(k for k in keys if k)
        with self._lock:
            self._seen = {k: t for k, t in self._seen.items() if now - t < self.seconds}
            if any(k in self._seen for k in keys):
                return False
            self._seen.update(dict.fromkeys(keys, now))
            return True


# ---------------------------------------------------------------- the bot


class SlackBot:
    """What the listeners share: the index, the stores, the retry and rate-limit guards."""

    def __init__(self, settings: Settings, handle: IndexHandle, feedback: FeedbackStore) -> None:
        self.settings = settings
        self.handle = handle
        self.feedback = feedback
        scopes = read_scope_file(settings.slack_scopes)
        self.memory = SlackMemory(settings.feedback_path.with_name("slack.sqlite"), scopes)
        self.once = Once()
        self.rate = RateLimiter(settings.slack_rate_limit_per_minute)

    def ask(self, question: str, filters: Filters) -> Answer:
        found = answer_question(
            self.handle.get(), question, filters, max_chars=self.settings.max_question_chars
        )
        self.memory.remember_answer(found)
        return found

    def again(self, aid: str) -> Answer | None:
        """The answer behind a button, recomputed from its stored question and filters."""
        asked = self.memory.asked(aid)
        return None if asked is None else self.ask(*asked)

    def resolve_scope(self, words: str) -> Filters | str:
        """Filters for "Voorbeeldstad" / "voorbeeldstad-2024, anderdorp-2023", or why they are unknown."""
        documents = self.handle.get().documents
        municipalities = {d.municipality.lower(): d.municipality for d in documents if d.municipality}
        doc_ids = {key.lower(): d.id for d in documents for key in (d.id, d.short_title, d.title)}
        towns, docs, unknown = [], [], []
        for term in (t.strip() for t in words.split(",")):
            if term.lower() in municipalities:
                towns.append(municipalities[term.lower()])
            elif term.lower() in doc_ids:
                docs.append(doc_ids[term.lower()])
            elif term:
                unknown.append(term)
        if unknown or not (towns or docs):
            known = ", ".join(sorted(set(municipalities.values())))
            unknown_text = ", ".join(unknown) or "that"
            return f"I don't know {unknown_text}: choose from {known} or a document id."
        return Filters(municipality=tuple(towns), doc=tuple(docs))


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
    _register_messages(app, bot)
    _register_command(app, bot)
    _register_actions(app, bot)
    return app


def _ack(ack: Ack) -> None:
    ack()


def _register_messages(app: App, bot: SlackBot) -> None:
    def on_mention(body: dict[str, Any], client: WebClient, context: dict[str, Any]) -> None:
        event = MessageEvent.model_validate(body["event"])
        if event.from_bot or event.user == context.get("bot_user_id"):
            return
        _answer_message(bot, client, event, body.get("event_id", ""), threaded=True)

    def on_direct_message(body: dict[str, Any], client: WebClient, context: dict[str, Any]) -> None:
        event = MessageEvent.model_validate(body["event"])
        if event.from_bot or event.subtype or event.user == context.get("bot_user_id"):
            return
        _answer_message(bot, client, event, body.get("event_id", ""), threaded=False)

    def is_direct_message(event: dict[str, Any]) -> bool:
        return event.get("channel_type") == "im"

    app.event("app_mention")(ack=_ack, lazy=[on_mention])
    app.event("message", matchers=[is_direct_message])(ack=_ack, lazy=[on_direct_message])
    app.event("message")(_ack)  # other message events (channels, edits): acknowledged, ignored


def _answer_message(
    bot: SlackBot, client: WebClient, event: MessageEvent, event_id: str, *, threaded: bool
) -> None:
    if not bot.once.claim(event_id, f"{event.channel}:{event.ts}"):
        log.info("slack: ignored a repeated event for %s", event.channel)
        return
    reply_ts = (event.thread_ts or event.ts) if threaded else event.thread_ts
    if bot.rate.retry_after(f"slack:{event.user}"):
        _tell(client, event, reply_ts, "You're asking quickly — please wait a minute and ask again.")
        return
    question = question_text(event.text)
    if event.thread_ts and event.thread_ts != event.ts:
        earlier = bot.memory.thread_question(event.channel, event.thread_ts)
        earlier = earlier or _thread_parent(client, event)
        question = with_thread_context(question, earlier)
    _react(client, event, "reactions_add")
    try:
        _post_answer(bot, client, event, reply_ts, question)
    finally:
        _react(client, event, "reactions_remove")


def _post_answer(
    bot: SlackBot, client: WebClient, event: MessageEvent, reply_ts: str | None, question: str
) -> None:
    started = time.perf_counter()
    try:
        found = bot.ask(question, bot.memory.scope(event.channel))
    except (QuestionError, IndexError_) as error:
        _tell(client, event, reply_ts, sorry(error))
        return
    except Exception:
        log.exception("slack: answering failed in %s", event.channel)
        _tell(client, event, reply_ts, SOMETHING_WENT_WRONG)
        return
    bot.memory.remember_thread(event.channel, reply_ts or event.ts, found.question)
    more = bool(extra_passages(found))
    client.chat_postMessage(
        channel=event.channel,
        thread_ts=reply_ts,
        text=fallback_text(found),
        blocks=answer_blocks(found, more=more),
        unfurl_links=False,
    )
    log.info(
        "slack: answered in %s (%d chars, %d citations, abstained=%s, %.2fs)",
        event.channel,
        len(question),
        len(found.citations),
        found.abstained,
        time.perf_counter() - started,
    )
    log.debug("slack: question %r", question)


def sorry(error: Exception) -> str:
    """A polite refusal around a library error's one-sentence message."""
    message = str(error)
    return f"Sorry, I can't answer that: {message[:1].lower()}{message[1:]}"


def _tell(client: WebClient, event: MessageEvent, thread_ts: str | None, text: str) -> None:
    """A short note only the asker sees (in a DM everything is private already)."""
    if event.channel_type == "im":
        client.chat_postMessage(channel=event.channel, thread_ts=thread_ts, text=text)
    else:
        client.chat_postEphemeral(channel=event.channel, user=event.user, thread_ts=thread_ts, text=text)


def _thread_parent(client: WebClient, event: MessageEvent) -> str | None:
    """The text of the message that started the thread, when it was not a question to us."""
    try:
        replies = client.conversations_replies(channel=event.channel, ts=event.thread_ts or event.ts, limit=1)
    except SlackApiError as error:
        log.info("slack: could not read the thread in %s: %s", event.channel, error.response["error"])
        return None
    messages = replies.get("messages") or []
    text = question_text(messages[0].get("text", "")) if messages else ""
    return text or None


def _react(client: WebClient, event: MessageEvent, method: str) -> None:
    """👀 on the question while working; failures (no scope, already there) do not matter."""
    try:
        getattr(client, method)(channel=event.channel, timestamp=event.ts, name="eyes")
    except SlackApiError as error:
        log.debug("slack: %s failed: %s", method, error.response.get("error"))


def _register_command(app: App, bot: SlackBot) -> None:
    def ack_command(ack: Ack, body: dict[str, Any]) -> None:
        command = SlashCommand.model_validate(body)
        word, _, rest = command.text.strip().partition(" ")
        if word.lower() in ("", "help"):
            ack(text=HELP_TEXT, response_type="ephemeral")
        elif word.lower() == "scope":
            ack(
                text=_scope_command(bot, command.channel_id, rest.strip()),
                response_type="ephemeral",
            )
        else:
            ack(text="🔎 Searching the agreements…", response_type="ephemeral")

    def answer_command(body: dict[str, Any], respond: Respond) -> None:
        command = SlashCommand.model_validate(body)
        word = command.text.strip().partition(" ")[0].lower()
        if word in ("", "help", "scope"):
            return
        if bot.rate.retry_after(f"slack:{command.user_id}"):
            respond(text="You're asking quickly — please wait a minute and ask again.")
            return
        try:
            found = bot.ask(question_text(command.text), bot.memory.scope(command.channel_id))
        except (QuestionError, IndexError_) as error:
            respond(text=sorry(error), response_type="ephemeral")
            return
        except Exception:
            log.exception("slack: answering /afspraken failed in %s", command.channel_id)
            respond(text=SOMETHING_WENT_WRONG, response_type="ephemeral")
            return
        blocks = answer_blocks(found, more=bool(extra_passages(found)), share=True)
        respond(text=fallback_text(found), blocks=blocks, response_type="ephemeral")
        log.info("slack: answered /afspraken in %s", command.channel_id)

    app.command("/afspraken")(ack=ack_command, lazy=[answer_command])


def _scope_command(bot: SlackBot, channel: str, words: str) -> str:
    if not words:
        current = bot.memory.scope(channel)
        return "This channel searches all agreements." if current.empty else filters_label(current)
    if words.lower() in ("off", "all", "none", "clear"):
        bot.memory.clear_scope(channel)
        return "This channel now searches all agreements."
    try:
        resolved = bot.resolve_scope(words)
    except IndexError_ as error:
        return sorry(error)
    if isinstance(resolved, str):
        return resolved
    bot.memory.bind_scope(channel, resolved)
    return f"Done. {filters_label(resolved)} in this channel."


def _register_actions(app: App, bot: SlackBot) -> None:
    def vote(body: dict[str, Any], respond: Respond) -> None:
        action = BlockAction.model_validate(body)
        clicked = action.actions[0]
        asked = bot.memory.asked(clicked.value)
        choice = "up" if clicked.action_id == ACTION_UP else "down"
        bot.feedback.record("slack", action.user.id, clicked.value, asked[0] if asked else "", choice)
        thanks = "Thanks — glad it helped." if choice == "up" else "Thanks — noted, we'll look at it."
        respond(text=thanks, response_type="ephemeral", replace_original=False)

    def more_sources(body: dict[str, Any], respond: Respond) -> None:
        clicked = BlockAction.model_validate(body).actions[0]
        aid, _, offset = clicked.value.partition(":")
        found = bot.again(aid)
        if found is None:
            respond(text="That answer is too old to expand; ask again.", replace_original=False)
            return
        blocks = passage_blocks(found, int(offset or 0))
        respond(text="More sources", blocks=blocks, response_type="ephemeral", replace_original=False)

    def share(body: dict[str, Any], respond: Respond) -> None:
        action = BlockAction.model_validate(body)
        found = bot.again(action.actions[0].value)
        if found is None:
            respond(text="That answer is too old to share; ask again.", replace_original=False)
            return
        asked = _context(f"<@{action.user.id}> asked: {escape(_shorten(found.question, 500))}")
        blocks = [asked, *answer_blocks(found, more=bool(extra_passages(found)))][:BLOCK_LIMIT]
        respond(
            text=fallback_text(found),
            blocks=blocks,
            response_type="in_channel",
            replace_original=False,
        )
        respond(delete_original=True)

    app.action(ACTION_UP)(ack=_ack, lazy=[vote])
    app.action(ACTION_DOWN)(ack=_ack, lazy=[vote])
    app.action(ACTION_MORE)(ack=_ack, lazy=[more_sources])
    app.action(ACTION_SHARE)(ack=_ack, lazy=[share])


# ---------------------------------------------------------------- the two ways to connect


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
