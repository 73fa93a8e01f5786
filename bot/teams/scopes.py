"""Which municipalities or documents a team searches, and the `scope …` words that change it."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from index.types import Filters

SCOPE_OFF_WORDS = frozenset({"off", "uit", "alles", "all", "geen", "none"})


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
