"""Thumbs up / down on answers, kept in SQLite and shared by the Slack and Teams adapters.

One row per (platform, user, answer): a later click by the same person on the same answer
replaces the earlier one, so the last click wins.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

VOTES = ("up", "down")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    platform  TEXT NOT NULL,
    user      TEXT NOT NULL,
    answer_id TEXT NOT NULL,
    question  TEXT NOT NULL,
    vote      TEXT NOT NULL CHECK (vote IN ('up', 'down')),
    at        TEXT NOT NULL,
    PRIMARY KEY (platform, user, answer_id)
)
"""


@dataclass(frozen=True, slots=True)
class Feedback:
    platform: str  # "slack" | "teams" | …
    user: str  # the platform's user id
    answer_id: str
    question: str
    vote: str  # "up" | "down"
    at: str  # ISO 8601 UTC time of the last click


@contextmanager
def connect(path: Path) -> Iterator[sqlite3.Connection]:
    """One short transaction on a small SQLite file shared by threads: commit, then close."""
    db = sqlite3.connect(path, timeout=10)
    try:
        with db:
            yield db
    finally:
        db.close()


class FeedbackStore:
    """Thread-safe; opens a short-lived connection per call, so it can be shared freely."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.execute(_SCHEMA)

    def _connect(self) -> AbstractContextManager[sqlite3.Connection]:
        return connect(self.path)

    def record(self, platform: str, user: str, answer_id: str, question: str, vote: str) -> None:
        """Store a vote, "up" or "down"; it replaces the same person's earlier vote on it."""
        if vote not in VOTES:
            raise ValueError(f"A vote is 'up' or 'down', not {vote!r}.")
        at = datetime.now(UTC).isoformat(timespec="seconds")
        with self._lock, self._connect() as db:
            db.execute(
                "INSERT INTO feedback (platform, user, answer_id, question, vote, at)"
                " VALUES (?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (platform, user, answer_id)"
                " DO UPDATE SET vote = excluded.vote, question = excluded.question,"
                " at = excluded.at",
                (platform, user, answer_id, question, vote, at),
            )

    def all(self) -> list[Feedback]:
        """Every stored vote, oldest click first."""
        with self._lock, self._connect() as db:
            rows = db.execute(
                "SELECT platform, user, answer_id, question, vote, at FROM feedback ORDER BY at, rowid"
            ).fetchall()
        return [Feedback(*row) for row in rows]
