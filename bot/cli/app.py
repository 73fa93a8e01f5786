"""What every `afspraken` command shares: the Typer app, its options, the two consoles, and the
ways a command opens the index or ends with one line."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from bot.settings import Settings

app = typer.Typer(
    help="Answers about Dutch prestatieafspraken, with the clause they come from.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console()
errors = Console(stderr=True, soft_wrap=True)

IndexOption = Annotated[
    Path | None,
    typer.Option("--index", help="Index directory (AFSPRAKEN_INDEX, else ./.afspraken)"),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Write JSON to stdout")]
CsvOption = Annotated[bool, typer.Option("--csv", help="Write CSV to stdout")]
AllOption = Annotated[
    bool, typer.Option("--all", help="Also history, background and rows from reports and other documents")
]
WideOption = Annotated[bool, typer.Option("--wide", help="More columns, as wide as the terminal allows")]


def settings_with(index: Path | None) -> Settings:
    settings = Settings()
    return settings.model_copy(update={"index": index}) if index else settings


def fail(message: str, code: int = 1) -> typer.Exit:
    errors.print(f"[red]error:[/red] {message}", highlight=False)
    return typer.Exit(code)


def open_engine(settings: Settings):
    from index.errors import IndexError_
    from index.search import Engine

    try:
        return Engine.open(settings.index, settings.embedder)
    except IndexError_ as exc:
        raise fail(str(exc)) from exc


def open_snapshot(settings: Settings):
    """The index's documents and clauses without loading the embedder: listing needs no model."""
    from index.errors import IndexError_
    from index.store import load_snapshot

    try:
        return load_snapshot(settings.index)
    except IndexError_ as exc:
        raise fail(str(exc)) from exc


def document(documents, wanted: str):
    """The document `wanted` names (index.documents); else the command ends with the one line
    saying what the index holds."""
    from index.documents import find_document
    from index.errors import UnclearDocument

    try:
        return find_document(documents, wanted)
    except UnclearDocument as exc:
        raise fail(str(exc)) from exc


def table_console(wide: bool) -> Console:
    """80 columns unless --wide: the tables wrap at words inside short columns."""
    return Console(width=max(console.width, 160) if wide else min(console.width, 80))
