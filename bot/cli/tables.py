"""The index as tables: `docs` (its documents), `clauses` (one document's structure), `deadlines`
(what is due by when, from whom) and `budgets` (amounts and who pays them)."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, TypeVar

import typer
from rich import box
from rich.table import Table

from bot.cli.app import (
    AllOption,
    IndexOption,
    JsonOption,
    WideOption,
    console,
    document,
    errors,
    fail,
    open_engine,
    open_snapshot,
    settings_with,
    table_console,
)
from bot.text import shorten
from ingest.types import Amount, Deadline


def dash(value: str) -> str:
    return value or "—"


def docs(index: IndexOption = None, as_json: JsonOption = False) -> None:
    """The ingested documents: kind, language, municipality, period, parties, clauses, pages."""
    snapshot = open_snapshot(settings_with(index))
    if as_json:
        print(json.dumps([doc_record(d) for d in snapshot.documents], ensure_ascii=False, indent=2))
        return
    console.print(docs_table(snapshot.documents, wide=console.width >= WIDE_DOCS))


WIDE_DOCS = 120  # columns from which `docs` shows parties, and every field in a column of its own


def docs_table(documents, wide: bool) -> Table:
    """One row per document. Narrow (an 80-column terminal): the id whole (it is what people type
    for --doc), the rest as one column of words that wrap; wide: a column per field."""
    table = Table(box=box.SIMPLE_HEAD)
    table.add_column("document", no_wrap=not wide, overflow="fold")
    if wide:
        for column in ("kind", "lang", "municipality", "period", "parties"):
            table.add_column(column, overflow="fold")
    else:
        table.add_column("what", ratio=1)
    for column in ("clauses", "pages"):
        table.add_column(column, justify="right")
    for d in documents:
        if wide:
            cells = [d.kind, d.language, dash(d.municipality), dash(d.period), ", ".join(d.parties)]
        else:
            where = " ".join(x for x in (d.municipality, d.period) if x)
            cells = [" · ".join(x for x in (d.kind, d.language, where) if x)]
        table.add_row(d.id, *cells, str(d.clause_count), str(d.page_count))
    return table


def doc_record(d) -> dict:
    return {
        "id": d.id,
        "file": d.source,
        "path": d.path,
        "title": d.title,
        "kind": d.kind,
        "language": d.language,
        "municipality": d.municipality,
        "period": d.period,
        "parties": list(d.parties),
        "clauses": d.clause_count,
        "pages": d.page_count,
    }


def clauses(
    doc: Annotated[str, typer.Argument(help="Document id, file name, or a unique start of its id")],
    index: IndexOption = None,
    as_json: JsonOption = False,
) -> None:
    """A document's clauses in order — label, section, pages, first words: the structure found."""
    snapshot = open_snapshot(settings_with(index))
    info = document(snapshot.documents, doc)
    rows = clause_rows([c for c in snapshot.chunks if c.doc_id == info.id])
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    console.print(f"{info.source}: {len(rows)} clauses", highlight=False, markup=False)
    for row in rows:
        pages = ", ".join(str(p) for p in row["pages"])
        head = f"{row['label']} · p. {pages}" + (f" · {row['section']}" if row["section"] else "")
        console.print(shorten(head, 80), highlight=False, markup=False)
        console.print("    " + shorten(row["text"], 76), highlight=False, markup=False)


def clause_rows(chunks) -> list[dict]:
    """One row per clause, in document order; a long clause's parts joined again."""
    rows: dict[str, dict] = {}
    for c in chunks:
        row = rows.setdefault(
            c.clause_id, {"label": c.label, "section": c.section, "pages": list(c.pages), "text": ""}
        )
        row["text"] = f"{row['text']} {c.text}".strip()
    return list(rows.values())


def named_doc(engine, doc: str | None) -> str | None:
    """The id of the document --doc names (index.documents); exits when it names none or several."""
    return document(engine.documents, doc).id if doc else None


def parse_day(value: str | None, option: str):
    from datetime import date

    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise fail(f"{option} takes a date as YYYY-MM-DD, not {value!r}") from exc


def deadlines(
    party: Annotated[str | None, typer.Option(help="Only deadlines of this party")] = None,
    doc: Annotated[str | None, typer.Option(help="Only this document (id, file or title)")] = None,
    start: Annotated[str | None, typer.Option("--from", help="From this date (YYYY-MM-DD)")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Until this date (YYYY-MM-DD)")] = None,
    everything: AllOption = False,
    wide: WideOption = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Write CSV to stdout (every column)")] = False,
    ics: Annotated[Path | None, typer.Option("--ics", help="Also write an iCalendar file")] = None,
    index: IndexOption = None,
) -> None:
    """What agreements commit to by when, and who must do it: per municipality, upcoming first,
    then overdue. --all adds history, background and reports."""
    from datetime import date

    from index import lookup

    today = date.today()
    engine = open_engine(settings_with(index))
    rows = lookup.deadlines(
        engine,
        party=party,
        doc=named_doc(engine, doc),
        start=parse_day(start, "--from"),
        end=parse_day(end, "--to"),
        everything=everything,
        today=today,
    )
    titles = lookup.titles_of(engine)
    if ics is not None:
        ics.write_bytes(lookup.deadlines_ics(rows, titles))
        errors.print(f"{len(rows)} deadlines written to {ics}")
    if as_csv:
        sys.stdout.write(lookup.deadlines_csv(rows, today))
        return
    shown = "" if everything else " (commitments in agreements; --all for the rest)"
    out = table_console(wide)
    out.print(f"[bold]{len(rows)} deadlines{shown}[/bold]")
    for title, group in by_document(rows, titles, wide):
        table = Table(title=title, box=box.SIMPLE_HEAD, expand=True)
        table.add_column("date · status", ratio=3, min_width=15, overflow="fold")
        table.add_column("who", ratio=2, min_width=11, overflow="fold")
        table.add_column("what", ratio=5)
        if wide:
            table.add_column("as written", ratio=2)
            table.add_column("kind", no_wrap=True)
        table.add_column("source" if wide else "clause", ratio=2, min_width=12, overflow="fold")
        for d in group:
            state = lookup.status(d, today)
            style = {"overdue": "red", "due": "yellow"}.get(state, "")
            when = lookup.date_text(d, "nl") + (f" · {state}" if state else "")
            what = d.what if wide or len(d.what) <= 90 else d.what[:90].rsplit(" ", 1)[0] + " …"
            cells = [when, short_names(d.parties), what]
            if wide:
                cells += [d.when, f"{d.row} · {d.doc_kind}"]
            source = lookup.citation(d, titles) if wide else lookup.clause_ref(d)
            table.add_row(*cells, source, style=style)
        out.print(table)


T = TypeVar("T", Deadline, Amount)


def by_document(rows: Sequence[T], titles: dict[str, str], wide: bool) -> list[tuple[str, list[T]]]:
    """The rows in one table (wide: the source column names the document), or one table per
    document in their order, titled by it, so that an 80-column source column holds just the clause."""
    if wide:
        return [("", list(rows))]
    groups: dict[str, list[T]] = {}
    for row in rows:
        groups.setdefault(row.doc_id, []).append(row)
    return [(titles.get(doc_id, doc_id), group) for doc_id, group in groups.items()]


def short_names(names) -> str:
    """ "Gemeente Voorbeeldstad" → "gemeente", "woningcorporaties" → "corporaties": the place is in
    the table's title, and an 80-column "who" holds a word of 12 letters."""
    short = {"woningcorporaties": "corporaties", "huurdersorganisaties": "huurders"}
    return ", ".join(
        "gemeente" if n.lower().startswith("gemeente") else short.get(n.lower(), n) for n in names
    )


def budgets(
    party: Annotated[str | None, typer.Option(help="Only amounts this party pays or is named in")] = None,
    doc: Annotated[str | None, typer.Option(help="Only this document (id, file or title)")] = None,
    everything: AllOption = False,
    targets: Annotated[bool, typer.Option("--targets", help="Percentage targets instead of budgets")] = False,
    wide: WideOption = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Write CSV to stdout (every column)")] = False,
    index: IndexOption = None,
) -> None:
    """How much money (or fte) agreements put in, for what, and who pays which share.
    --targets lists percentage targets; --all adds prices, limits and reports."""
    from dataclasses import replace

    from index import lookup

    engine = open_engine(settings_with(index))
    rows = lookup.budgets(
        engine, party=party, doc=named_doc(engine, doc), everything=everything, targets=targets
    )
    if as_csv:
        sys.stdout.write(lookup.budgets_csv(rows))
        return
    titles = lookup.titles_of(engine)
    out = table_console(wide)
    what = "targets" if targets else "amounts"
    shown = "" if everything or targets else " (budgets in agreements; --all for the rest)"
    out.print(f"[bold]{len(rows)} {what}{shown}[/bold]")
    for title, group in by_document(rows, titles, wide):
        table = Table(title=title, box=box.SIMPLE_HEAD, expand=True)
        table.add_column("amount", ratio=2)
        table.add_column("for", ratio=3)
        if not targets:
            table.add_column("who pays", ratio=3)
        if wide:
            table.add_column("split check", ratio=2)
            table.add_column("kind", no_wrap=True)
        table.add_column("source" if wide else "clause", ratio=2, min_width=12, overflow="fold")
        for a in group:
            payers = "\n".join(
                lookup.share_text(replace(s, party=short_names([s.party])), "nl") for s in a.payers
            )
            check = lookup.split_text(a, "nl")
            amount = lookup.amount_text(a) + (f" {a.period}" if a.period else "")
            if check == "verdeling klopt" and not wide:
                amount += " ✓"
            cells = [amount, a.purpose] + ([] if targets else [payers])
            if wide:
                cells += [check, f"{a.row} · {a.doc_kind}"]
            source = lookup.citation(a, titles) if wide else lookup.clause_ref(a)
            table.add_row(*cells, source, style="red" if check and a.split_check != "ok" else "")
        out.print(table)
    if targets:
        return
    totals = lookup.totals_per_party(rows)
    if totals:
        summary = Table(title="Totals per party per document (euros, from stated shares)")
        for column in ("document", "party", "total"):
            summary.add_column(column)
        for (doc_id, who), value in sorted(totals.items()):
            summary.add_row(titles.get(doc_id, doc_id), who, lookup.euro(value))
        out.print(summary)
    for a in rows:
        if a.split_check and a.split_check != "ok":
            out.print(f"split check {lookup.citation(a, titles)}: {lookup.split_text(a, 'nl')}")
