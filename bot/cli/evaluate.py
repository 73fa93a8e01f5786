"""`afspraken eval`: the answers scored on an evaluation file, per group of questions."""

from __future__ import annotations

import json
import math
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from bot.cli.app import IndexOption, console, fail, open_engine, settings_with


def evaluate(
    file: Annotated[Path, typer.Argument(help="Evaluation JSONL (see shared/eval/README.md)")],
    index: IndexOption = None,
    show_misses: Annotated[bool, typer.Option(help="List the questions missed")] = False,
) -> None:
    """Score the answers on an evaluation file: recall@k, MRR, cited, facts, abstain."""
    from index.answer import answer
    from index.evaluate import Report, load_items, score_item

    settings = settings_with(index)
    engine = open_engine(settings)
    report = Report()
    latencies = []
    try:
        items = load_items(file)
    except (OSError, UnicodeDecodeError) as exc:
        raise fail(f"{file}: cannot be read ({exc.__class__.__name__})") from exc
    except (json.JSONDecodeError, KeyError, TypeError) as exc:
        raise fail(f"{file}: not an evaluation file (JSON lines with id and question): {exc}") from exc
    for item in items:
        started = time.perf_counter()
        result = answer(engine, item.question, max_chars=settings.max_question_chars)
        latencies.append(time.perf_counter() - started)
        report.scores.append(score_item(item, result))
    table = Table(title=f"eval on {file.name}")
    rows = report.rows()
    metrics = list(next(iter(rows.values())).keys())
    table.add_column("group")
    for m in metrics:
        table.add_column(m, justify="right")
    for name in sorted(rows, key=lambda n: (n != "all", n)):
        table.add_row(name, *(fmt(rows[name][m], m) for m in metrics))
    console.print(table)
    latencies.sort()
    console.print(
        f"answer latency p50 {1000 * latencies[len(latencies) // 2]:.1f} ms, "
        f"p95 {1000 * latencies[int(0.95 * (len(latencies) - 1))]:.1f} ms"
    )
    if show_misses:
        for s in report.scores:
            missed = s.item.kind != "unanswerable" and (not s.rank or s.rank > 5 or not s.cited)
            if (
                missed
                or (s.item.kind == "unanswerable") != s.abstained
                or (s.facts is not None and s.facts < 1)
            ):
                console.print(
                    f"{s.item.id} rank={s.rank} cited={s.cited} facts={s.facts} "
                    f"abstained={s.abstained} {s.item.question[:70]}",
                    highlight=False,
                )


def fmt(value: float, metric: str) -> str:
    if math.isnan(value):
        return "–"
    return f"{int(value)}" if metric == "n" else f"{value:.2f}"
