"""`afspraken compare` (what every agreement says on a topic) and `afspraken diff` (what changed
between two versions of one), each as a table, CSV or JSON."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer
from rich import box
from rich.table import Table
from rich.text import Text

from bot.cli.app import (
    CsvOption,
    IndexOption,
    JsonOption,
    document,
    fail,
    open_engine,
    open_snapshot,
    settings_with,
    table_console,
)
from bot.text import shorten


def compare(
    topic: Annotated[str, typer.Argument(help='The topic, as a word or a question: "buurtbemiddeling"')],
    municipality: Annotated[str | None, typer.Option(help="Only this municipality's documents")] = None,
    year: Annotated[int | None, typer.Option(help="Only documents whose period covers this year")] = None,
    as_csv: CsvOption = False,
    as_json: JsonOption = False,
    index: IndexOption = None,
) -> None:
    """What every agreement says on a topic: its best clause, the sentences and figures, or
    "not covered" — one row per document, by municipality and period."""
    from index.compare import compare as run_compare
    from index.errors import QuestionError

    settings = settings_with(index)
    engine = open_engine(settings)
    try:
        result = run_compare(engine, topic, municipality, year, max_chars=settings.max_question_chars)
    except QuestionError as exc:
        raise fail(str(exc)) from exc
    if as_json:
        print(json.dumps(comparison_record(result), ensure_ascii=False, indent=2))
    elif as_csv:
        sys.stdout.write(comparison_csv(result))
    else:
        table_console(False).print(comparison_table(result))


def comparison_record(result) -> dict:
    from index.compare import row_record

    return {
        "topic": result.topic,
        "language": result.language,
        "covered": result.covered,
        "documents": len(result.rows),
        "rows": [row_record(row, result.language) for row in result.rows],
    }


COMPARE_COLUMNS = [
    "doc", "title", "municipality", "period", "kind", "status", "label", "section", "pages",
    "clause_id", "quote", "figures", "missing",
]  # fmt: skip


def comparison_csv(result) -> str:
    import csv
    import io

    from index.compare import row_record

    out = io.StringIO()
    writer = csv.DictWriter(out, COMPARE_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for row in result.rows:
        record = row_record(row, result.language)
        for key in ("pages", "figures", "missing"):
            record[key] = "; ".join(str(x) for x in record[key])  # type: ignore[attr-defined]
        writer.writerow(record)
    return out.getvalue()


def comparison_table(result) -> Table:
    from index.compare import COVERED, figure_lines

    title = f"{result.topic}: {result.covered} of {len(result.rows)} documents"
    table = Table(title=title, box=box.SIMPLE_HEAD, expand=True)
    table.add_column("document", ratio=2, min_width=12, overflow="fold")
    table.add_column("clause", ratio=2, min_width=10, overflow="fold")
    table.add_column("what it says", ratio=6)
    for row in result.rows:
        document = row.title + ("" if row.kind == "agreement" else f"\n({row.kind})")
        if not row.covered:
            table.add_row(document, "not covered", "", style="dim")
            continue
        pages = ", ".join(str(p) for p in row.pages[:3])
        clause = f"{row.label}\np. {pages}" if pages else row.label
        if row.status != COVERED:
            clause += f"\n({row.status})"
        said = shorten(row.quote, 240)
        figures = figure_lines(row.figures, result.language)
        if figures:
            said += "\n" + "\n".join(f"• {line}" for line in figures)
        table.add_row(document, clause, said)
    return table


def diff(
    old: Annotated[
        str, typer.Argument(help="The earlier version: id, file name, or a unique start of its id")
    ],
    new: Annotated[str, typer.Argument(help="The later version")],
    as_csv: CsvOption = False,
    as_json: JsonOption = False,
    index: IndexOption = None,
) -> None:
    """What changed between two versions of an agreement: each clause unchanged, changed (with its
    words and figures), new or dropped — matched by content, so renumbered clauses still pair."""
    from index.diff import diff as run_diff

    snapshot = open_snapshot(settings_with(index))
    before = document(snapshot.documents, old)
    after = document(snapshot.documents, new)
    result = run_diff(snapshot, before.id, after.id)
    if as_json:
        print(json.dumps(diff_record(result), ensure_ascii=False, indent=2))
    elif as_csv:
        sys.stdout.write(diff_csv(result))
    else:
        out = table_console(False)
        out.print(diff_table(result))
        out.print(diff_summary(result), highlight=False, markup=False)


def diff_summary(result) -> str:
    counts = result.counts
    return " · ".join(f"{n} {status}" for status, n in counts.items())


def diff_record(result) -> dict:
    from index.diff import pair_record

    return {
        "old": result.old.id,
        "new": result.new.id,
        "counts": result.counts,
        "pairs": [pair_record(p) for p in result.pairs],
    }


DIFF_COLUMNS = [
    "status",
    "renumbered",
    "old_label",
    "new_label",
    "old_pages",
    "new_pages",
    "figures",
    "diff",
    "text",
]


def diff_csv(result) -> str:
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(DIFF_COLUMNS)
    for p in result.pairs:
        old, new = p.old, p.new
        writer.writerow(
            [
                p.status,
                p.renumbered,
                old.label if old else "",
                new.label if new else "",
                "; ".join(str(x) for x in old.pages) if old else "",
                "; ".join(str(x) for x in new.pages) if new else "",
                "; ".join(f"{a or '—'} → {b or '—'}" for a, b in p.figures),
                diff_text(p),
                (new or old).text,
            ]
        )
    return out.getvalue()


def diff_text(pair) -> str:
    from index.diff import marked

    return marked(pair.words) if pair.words else ""


DIFF_STYLE = {"changed": "yellow", "new": "green", "dropped": "red", "unchanged": "dim"}


def diff_table(result) -> Table:
    table = Table(
        title=f"{result.old.short_title} → {result.new.short_title}", box=box.SIMPLE_HEAD, expand=True
    )
    table.add_column("", no_wrap=True)
    table.add_column("old → new", ratio=2, min_width=12, overflow="fold")
    table.add_column("clause", ratio=6)
    for p in result.pairs:
        text = word_diff_text(p) if p.words else Text(shorten((p.new or p.old).text, 160))
        if p.figures:
            text.append("\n" + "; ".join(f"{a or '—'} → {b or '—'}" for a, b in p.figures), style="bold")
        table.add_row(Text(p.status, style=DIFF_STYLE[p.status]), diff_labels(p), text)
    return table


def diff_labels(pair) -> str:
    """ "afspraak 4" where the label stayed, "afspraak 4 → afspraak 5" where it changed."""
    old, new = (shorten(c.label, 24) if c else "" for c in (pair.old, pair.new))
    if old == new:
        return old
    return f"{old or '—'}\n→ {new or '—'}"


def word_diff_text(pair) -> Text:
    """The word diff, marked [-so-]{+so+} (readable without colour) and coloured in a terminal."""
    text = Text()
    for change in pair.words:
        if change.op == "equal":
            words = change.old.split()
            kept = change.old if len(words) <= 12 else " ".join([*words[:5], "…", *words[-5:]])
            text.append(kept + " ")
            continue
        if change.old:
            text.append(f"[-{change.old}-]", style="red")
        if change.new:
            text.append(f"{{+{change.new}+}}", style="green")
        text.append(" ")
    text.rstrip()
    return text
