"""Which municipalities or documents a team searches, and the `scope …` words that change it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from bot.scopes import JsonScopes, Scopes, read_scope_file
from index.types import Filters

SCOPE_OFF_WORDS = frozenset({"off", "uit", "alles", "all", "geen", "none"})


class TeamScopes(Scopes):
    """Which municipalities or documents a team searches: from the config file, changed by
    `scope …` messages (kept in `path`, which survives restarts). Same file format as the config:
    {"team:<id>" | "conversation:<id>": {"municipality": "Voorbeeldstad" | [...], "doc": [...]}}."""

    def __init__(self, path: Path, configured: Path | None = None) -> None:
        super().__init__(JsonScopes(path), read_scope_file(configured))
        self.path = path


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
