"""`afspraken feedback`: the 👍 / 👎 given in Slack and Teams."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.table import Table

from bot.cli.app import IndexOption, console, settings_with


def feedback(
    as_csv: Annotated[bool, typer.Option("--csv", help="Write CSV to stdout")] = False,
    index: IndexOption = None,
) -> None:
    """The 👍 / 👎 people gave answers in Slack and Teams (last click per person and answer)."""
    import csv

    from bot.feedback import FeedbackStore

    path = settings_with(index).feedback_path
    votes = FeedbackStore(path).all() if path.exists() else []
    if as_csv:
        writer = csv.writer(sys.stdout)
        writer.writerow(["at", "platform", "user", "vote", "answer_id", "question"])
        for v in votes:
            writer.writerow([v.at, v.platform, v.user, v.vote, v.answer_id, v.question])
        return
    if not votes:
        console.print(f"No feedback yet ({path}).")
        return
    table = Table(title=f"{len(votes)} votes")
    for column in ("when", "platform", "user", "vote", "question", "answer"):
        table.add_column(column, overflow="fold")
    for v in votes:
        table.add_row(v.at, v.platform, v.user, "👍" if v.vote == "up" else "👎", v.question, v.answer_id)
    console.print(table)
    ups = sum(v.vote == "up" for v in votes)
    console.print(f"👍 {ups}  👎 {len(votes) - ups}")
