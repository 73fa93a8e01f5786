"""Which municipalities or documents a team searches, and the replies to the `scope …` words that
change it (what the words name is resolved once for every chat, in bot.scopes)."""

from __future__ import annotations

from pathlib import Path

from bot.scopes import JsonScopes, Scopes, UnknownScope, read_scope_file
from index.types import Filters

SCOPE_OFF_WORDS = frozenset({"off", "uit", "alles", "all", "geen", "none"})


class TeamScopes(Scopes):
    """Which municipalities or documents a team searches: from the config file, changed by
    `scope …` messages (kept in `path`, which survives restarts). Same file format as the config:
    {"team:<id>" | "conversation:<id>": {"municipality": "Voorbeeldstad" | [...], "doc": [...]}}."""

    def __init__(self, path: Path, configured: Path | None = None) -> None:
        super().__init__(JsonScopes(path), read_scope_file(configured))
        self.path = path


def unknown_scope_text(error: UnknownScope) -> str:
    """Why `scope …` bound nothing, in the team's words: what is unknown or unclear, what to choose."""
    lines = [f"{term} kan meerdere documenten zijn: {', '.join(ids)}." for term, ids in error.unclear.items()]
    if error.unknown or not error.unclear:
        lines.insert(
            0,
            f"Onbekend: {', '.join(error.unknown) or '—'}. Kies uit: {', '.join(error.municipalities)} "
            f"(of een document: {', '.join(error.docs)}).",
        )
    return " ".join(lines)


def scope_label(filters: Filters) -> str:
    parts = [*filters.municipality, *filters.doc]
    if not parts:
        return "Dit team zoekt in alle afspraken."
    return f"Dit team zoekt alleen in: {', '.join(parts)}."
