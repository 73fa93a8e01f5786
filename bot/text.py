"""Text cut to fit a chat message, a card or a terminal column: one place for every adapter."""

from __future__ import annotations


def shorten(text: str, limit: int, *, at_word: bool = True) -> str:
    """The text on one line (runs of white space made one space), cut to `limit` characters with
    "…" when longer: after the last whole word that fits (Slack, the CLI), or after as many
    characters as fit (`at_word=False`: Teams)."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    return (cut.rsplit(" ", 1)[0] if at_word else cut.rstrip()) + "…"


def shorten_lines(text: str, limit: int) -> str:
    """Text cut to `limit` characters at a line end where it can be (keeps line breaks)."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    return (cut.rsplit("\n", 1)[0] if "\n" in cut else cut) + "…"
