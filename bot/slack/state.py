"""What the listeners share: the index, the answers and scopes kept in SQLite, the retry and rate guards."""

from __future__ import annotations

import sqlite3
import threading
import time
from contextlib import AbstractContextManager
from pathlib import Path

from bot.feedback import FeedbackStore, connect
from bot.limits import RateLimiter
from bot.scopes import Scopes, SqliteScopes, filters_from_json, filters_to_json, read_scope_file
from bot.settings import Settings
from bot.slack.blocks import answer_id
from index.answer import answer as answer_question
from index.compare import Comparison, compare
from index.search import IndexHandle
from index.types import Answer, Filters

SEEN_SECONDS = 3600  # how long an event id / message is remembered against retries


class SlackMemory:
    """SQLite beside the feedback store: answered questions (for the buttons), thread
    questions (for follow-ups); channel scopes in the same file (bot.scopes.SqliteScopes).
    Survives restarts; safe across threads."""

    _SCHEMA = (
        "CREATE TABLE IF NOT EXISTS answers (id TEXT PRIMARY KEY, question TEXT, filters TEXT)",
        "CREATE TABLE IF NOT EXISTS threads (channel TEXT, ts TEXT, question TEXT,"
        " PRIMARY KEY (channel, ts))",
    )

    def __init__(self, path: Path) -> None:
        self.path = path
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
        memory = settings.feedback_path.with_name("slack.sqlite")
        self.memory = SlackMemory(memory)
        # the channel scopes in the same SQLite file: bound with `/afspraken scope`, else configured
        self.scopes = Scopes(SqliteScopes(memory), read_scope_file(settings.slack_scopes))
        self.once = Once()
        self.rate = RateLimiter(settings.slack_rate_limit_per_minute)

    def ask(self, question: str, filters: Filters) -> Answer:
        found = answer_question(
            self.handle.get(), question, filters, max_chars=self.settings.max_question_chars
        )
        self.memory.remember_answer(found)
        return found

    def compare(self, topic: str) -> Comparison:
        """Every agreement's clause on the topic: a comparison spans all documents, whatever the
        channel's scope."""
        return compare(self.handle.get(), topic, max_chars=self.settings.max_question_chars)

    def again(self, aid: str) -> Answer | None:
        """The answer behind a button, recomputed from its stored question and filters."""
        asked = self.memory.asked(aid)
        return None if asked is None else self.ask(*asked)
