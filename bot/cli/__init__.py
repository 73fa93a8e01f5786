"""The `afspraken` command: ingest, ask, eval, docs, clauses (and serve, deadlines, budgets, slack, …).

Each command lives in a small module; this one registers them on the one Typer `app` (the
console script `afspraken = "bot.cli:app"`), in the order `--help` lists them."""

from __future__ import annotations

from bot.cli.app import app
from bot.cli.ask import ask
from bot.cli.compare import compare, diff
from bot.cli.evaluate import evaluate
from bot.cli.feedback import feedback
from bot.cli.ingest import ingest, remove
from bot.cli.serve import serve, slack
from bot.cli.tables import budgets, clauses, deadlines, docs

app.command()(ingest)
app.command()(ask)
app.command("eval")(evaluate)
app.command()(docs)
app.command()(remove)
app.command()(clauses)
app.command()(deadlines)
app.command()(budgets)
app.command()(compare)
app.command()(diff)
app.command()(slack)
app.command()(feedback)
app.command()(serve)

__all__ = ["app"]


def main() -> None:  # pragma: no cover - console script entry for `python -m bot.cli`
    app()
