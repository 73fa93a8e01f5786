"""Which municipalities or documents a chat place searches — a Slack channel, a Teams team or
conversation: the scope bound there by a `scope …` message (kept, so it survives restarts), else
the one the configuration file sets, else everything; and what the words of a `scope …` message
name (`resolve_scope`), the same in both.

One `Scopes` for both platforms over one of two stores, because each keeps what it had kept
before this module existed: Slack a `scopes` table in its SQLite file (`SqliteScopes`, every
filter as JSON), Teams a JSON file in the configuration file's own format (`JsonScopes`).
"""

from __future__ import annotations

import dataclasses
import json
import os
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from bot.feedback import connect
from index.documents import find_document
from index.errors import UnclearDocument
from index.store import DocInfo
from index.types import Filters


class UnknownScope(ValueError):
    """Words of a `scope …` message that name no municipality and no one document: `unknown`
    name nothing, each of `unclear` several documents (its candidates). It carries what the index
    holds, so each adapter can say it in its own words and language."""

    def __init__(
        self,
        unknown: Sequence[str],
        municipalities: Sequence[str],
        docs: Sequence[str],
        unclear: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        self.unknown = tuple(unknown)
        self.unclear = {term: tuple(ids) for term, ids in (unclear or {}).items()}
        self.municipalities = tuple(municipalities)
        self.docs = tuple(docs)
        named = [*self.unknown, *self.unclear]
        super().__init__(f"scope names no municipality or document: {', '.join(named) or 'nothing'}")


def municipalities_of(documents: Sequence[DocInfo]) -> list[str]:
    """The municipalities the index's documents are of, sorted, each once."""
    return sorted({d.municipality for d in documents if d.municipality})


def resolve_scope(words: str, documents: Sequence[DocInfo]) -> Filters:
    """ "Voorbeeldstad, anderdorp-2024" → Filters. Each comma-separated term is a municipality some
    document is of (its name, case ignored), else the one document it names by the index's one
    rule (`index.documents.find_document`: id, file name, the start of an id, words of a title).
    Raises UnknownScope when a term names neither, or several documents, or no term is given."""
    by_name = {m.casefold(): m for m in municipalities_of(documents)}
    towns: list[str] = []
    docs: list[str] = []
    unknown: list[str] = []
    unclear: dict[str, tuple[str, ...]] = {}
    for term in (t.strip() for t in words.split(",")):
        if not term:
            continue
        if term.casefold() in by_name:
            towns.append(by_name[term.casefold()])
            continue
        try:
            docs.append(find_document(documents, term).id)
        except UnclearDocument as error:
            if error.matches:
                unclear[term] = error.matches
            else:
                unknown.append(term)
    if unknown or unclear or not (towns or docs):
        raise UnknownScope(unknown, list(by_name.values()), [d.id for d in documents], unclear)
    return Filters(municipality=tuple(dict.fromkeys(towns)), doc=tuple(dict.fromkeys(docs)))


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
