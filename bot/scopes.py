"""Which municipalities or documents a chat place searches — a Slack channel, a Teams team or
conversation: the scope bound there by a `scope …` message (kept, so it survives restarts), else
the one the configuration file sets, else everything.

One `Scopes` for both platforms over one of two stores, because each keeps what it had kept
before this module existed: Slack a `scopes` table in its SQLite file (`SqliteScopes`, every
filter as JSON), Teams a JSON file in the configuration file's own format (`JsonScopes`).
"""

from __future__ import annotations

import dataclasses
import json
import os
import threading
from pathlib import Path
from typing import Any, Protocol

from bot.feedback import connect
from index.types import Filters


class ScopeStore(Protocol):
    """Where bound scopes are kept; None for a place nobody bound."""

    def get(self, key: str) -> Filters | None: ...

    def put(self, key: str, filters: Filters) -> None: ...


class Scopes:
    """The scope of each place: bound (an empty scope too: "search everything") over configured."""

    def __init__(self, store: ScopeStore, configured: dict[str, Filters] | None = None) -> None:
        self.store = store
        self.configured = configured or {}

    def filters(self, key: str) -> Filters:
        bound = self.store.get(key)
        return bound if bound is not None else self.configured.get(key, Filters())

    def bind(self, key: str, filters: Filters) -> None:
        """Bind a scope; an empty one makes the place search everything, whatever is configured."""
        self.store.put(key, filters)

    def clear(self, key: str) -> None:
        self.bind(key, Filters())


class SqliteScopes:
    """Bound scopes as rows (channel, filters as JSON) of a `scopes` table in a SQLite file; a
    short connection per call, so it is safe across threads."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        with connect(path) as db:
            db.execute("CREATE TABLE IF NOT EXISTS scopes (channel TEXT PRIMARY KEY, filters TEXT)")

    def get(self, key: str) -> Filters | None:
        with connect(self.path) as db:
            row = db.execute("SELECT filters FROM scopes WHERE channel = ?", (key,)).fetchone()
        return filters_from_json(row[0]) if row else None

    def put(self, key: str, filters: Filters) -> None:
        with connect(self.path) as db:
            db.execute("INSERT OR REPLACE INTO scopes VALUES (?, ?)", (key, filters_to_json(filters)))


class JsonScopes:
    """Bound scopes in one JSON file of the configuration file's format, read at start and written
    whole on each change (aside, then swapped in with `os.replace`); safe across threads."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._bound = read_scope_file(path) if path.exists() else {}

    def get(self, key: str) -> Filters | None:
        with self._lock:
            return self._bound.get(key)

    def put(self, key: str, filters: Filters) -> None:
        with self._lock:
            self._bound[key] = filters
            data = {
                k: {"municipality": list(f.municipality), "doc": list(f.doc)} for k, f in self._bound.items()
            }
            self.path.parent.mkdir(parents=True, exist_ok=True)
            part = self.path.with_suffix(".part")
            part.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
            os.replace(part, self.path)


def read_scope_file(path: Path | None) -> dict[str, Filters]:
    """{place: {"municipality": "Voorbeeldstad" | [...], "doc": [...]}} from a JSON file; the
    place is a Slack channel id, or "team:<id>" / "conversation:<id>" in Teams."""
    if path is None:
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))

    def values(entry: dict[str, Any], key: str) -> tuple[str, ...]:
        value = entry.get(key, ())
        return (value,) if isinstance(value, str) else tuple(value)

    return {
        place: Filters(doc=values(entry, "doc"), municipality=values(entry, "municipality"))
        for place, entry in data.items()
    }


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
