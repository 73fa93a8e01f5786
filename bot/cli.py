"""The `afspraken` command: ingest, ask, eval, docs, clauses (and serve, deadlines, budgets, slack, …)."""

from __future__ import annotations

import json
import math
import sys
import time
from pathlib import Path
from typing import Annotated

import typer
from rich import box
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

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


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="PDF or .txt files, or directories")],
    index: IndexOption = None,
    rebuild: Annotated[bool, typer.Option(help="Rebuild from these files only")] = False,
    ocr: Annotated[
        str,
        typer.Option(help="OCR scanned pages: auto (pages without text), always (every page), never"),
    ] = "auto",
) -> None:
    """Read agreement documents into the index (unchanged files are skipped)."""
    from index.build import ingest as run_ingest
    from index.errors import IndexError_
    from ingest.ocr import OCR_MODES, OcrOptions

    if ocr not in OCR_MODES:
        raise fail(f"--ocr takes {', '.join(OCR_MODES)}, not {ocr!r}", 2)

    settings = settings_with(index)
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=errors, transient=True) as progress:
        reading = progress.add_task("reading", total=None)
        embedding = progress.add_task("embedding chunks", total=None)
        scanning = progress.add_task("OCR", total=None, visible=False)

        def on_page(name: str, done: int, total: int) -> None:
            progress.update(scanning, visible=True, description=f"OCR {name}", completed=done, total=total)

        try:
            report = run_ingest(
                paths,
                settings.index,
                embedder=settings.embedder,
                max_pages=settings.max_pages,
                rebuild=rebuild,
                on_file=lambda name: progress.update(reading, advance=1, description=f"read {name}"),
                on_embedded=lambda n: progress.update(embedding, advance=n),
                on_wait=lambda: errors.print("another ingest is writing this index: waiting for it …"),
                ocr=OcrOptions(mode=ocr, on_page=on_page),
            )
        except IndexError_ as exc:
            raise fail(str(exc)) from exc
    for error in report.errors:
        errors.print(f"[red]error:[/red] {error.message}", highlight=False)
    for note in report.notes:
        errors.print(f"note: {note}", highlight=False, markup=False)
    pages = sum(d.page_count for d in report.documents)
    clauses = sum(len(d.clauses) for d in report.documents)
    scanned = sum(len(d.scanned_pages) for d in report.documents)
    console.print(
        f"{len(report.documents)} documents, {clauses} clauses, {pages} pages in {report.seconds:.1f} s"
        + (f" ({scanned} read by OCR)" if scanned else "")
        + (f"; {len(report.skipped)} unchanged skipped" if report.skipped else "")
        + (f"; {len(report.errors)} failed" if report.errors else "")
    )
    if report.errors:
        raise typer.Exit(1)


@app.command()
def ask(
    question: Annotated[str | None, typer.Argument(help="The question")] = None,
    jsonl: Annotated[Path | None, typer.Option(help="Batch: a JSONL file of {id, question}")] = None,
    doc: Annotated[list[str] | None, typer.Option(help="Only these documents")] = None,
    municipality: Annotated[list[str] | None, typer.Option(help="Only this municipality")] = None,
    party: Annotated[list[str] | None, typer.Option(help="Only clauses naming this party")] = None,
    year: Annotated[int | None, typer.Option(help="Only documents whose period covers this year")] = None,
    index: IndexOption = None,
) -> None:
    """Answer a question with the clauses it comes from."""
    from index.answer import answer
    from index.errors import QuestionError
    from index.types import Filters

    if (question is None) == (jsonl is None):
        raise fail("give a question or --jsonl FILE", 2)
    settings = settings_with(index)
    engine = open_engine(settings)
    filters = Filters(tuple(doc or ()), tuple(municipality or ()), tuple(party or ()), year)
    if jsonl is not None:
        for number, line in enumerate(read_lines(jsonl), start=1):
            if line.strip():
                item = question_item(jsonl, number, line)
                try:
                    result = answer(engine, item["question"], filters, max_chars=settings.max_question_chars)
                    print(json.dumps(answer_record(item.get("id"), result), ensure_ascii=False))
                except QuestionError as exc:
                    print(
                        json.dumps(
                            {"id": item.get("id"), "question": item["question"], "error": str(exc)},
                            ensure_ascii=False,
                        )
                    )
        return
    try:
        result = answer(engine, question or "", filters, max_chars=settings.max_question_chars)
    except QuestionError as exc:
        raise fail(str(exc)) from exc
    console.print(result.text, highlight=False, markup=False)
    for c in result.citations:
        where = f" · {c.section}" if c.section and c.section not in c.short else ""
        console.print(f"— {c.short}{where}", style="dim", highlight=False, markup=False)


def read_lines(path: Path) -> list[str]:
    try:
        return path.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise fail(f"{path}: cannot be read ({exc.__class__.__name__})") from exc


def question_item(path: Path, number: int, line: str) -> dict:
    """One line of a --jsonl file, or one line saying which line is wrong."""
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        raise fail(f"{path}:{number}: not JSON ({exc.msg})") from exc
    if not isinstance(item, dict) or not isinstance(item.get("question"), str):
        raise fail(f'{path}:{number}: each line must be an object with a "question" string')
    return item


def answer_record(item_id: object, result) -> dict:
    return {
        "id": item_id,
        "question": result.question,
        "answer": result.text,
        "abstained": result.abstained,
        "kind": result.kind,
        "citations": [
            {
                "doc": c.doc,
                "title": c.title,
                "section": c.section,
                "clause": c.clause,
                "pages": list(c.pages),
                "text": c.text,
            }
            for c in result.citations
        ],
        "passages": [
            {
                "rank": h.rank,
                "doc": h.chunk.source,
                "clause": h.chunk.label,
                "score": round(h.score, 6),
                "text": h.passage,
            }
            for h in result.passages[:10]
        ],
    }


@app.command("eval")
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


JsonOption = Annotated[bool, typer.Option("--json", help="Write JSON to stdout")]


def open_snapshot(settings: Settings):
    """The index's documents and clauses without loading the embedder: listing needs no model."""
    from index.errors import IndexError_
    from index.store import load_snapshot

    try:
        return load_snapshot(settings.index)
    except IndexError_ as exc:
        raise fail(str(exc)) from exc


def dash(value: str) -> str:
    return value or "—"


@app.command()
def docs(index: IndexOption = None, as_json: JsonOption = False) -> None:
    """The ingested documents: kind, language, municipality, period, parties, clauses, pages."""
    snapshot = open_snapshot(settings_with(index))
    if as_json:
        print(json.dumps([doc_record(d) for d in snapshot.documents], ensure_ascii=False, indent=2))
        return
    table = Table()
    table.add_column("document", overflow="fold")
    for column in ("kind", "lang"):
        table.add_column(column, no_wrap=True)
    for column in ("municipality", "period", "parties"):
        table.add_column(column, overflow="fold")
    for column in ("clauses", "pages"):
        table.add_column(column, justify="right")
    for d in snapshot.documents:
        table.add_row(
            d.id,
            d.kind,
            d.language,
            dash(d.municipality),
            dash(d.period),
            ", ".join(d.parties),
            str(d.clause_count),
            str(d.page_count),
        )
    console.print(table)


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


@app.command()
def remove(
    docs: Annotated[list[str], typer.Argument(help="Document ids, file names, or unique starts of ids")],
    index: IndexOption = None,
) -> None:
    """Drop documents from the index (swapped in atomically, like an ingest)."""
    from index.build import remove as run_remove

    settings = settings_with(index)
    snapshot = open_snapshot(settings)
    ids = [find_document(snapshot.documents, doc).id for doc in docs]
    dropped = run_remove(
        ids,
        settings.index,
        embedder=settings.embedder,
        on_wait=lambda: errors.print("another ingest is writing this index: waiting for it …"),
    )
    console.print(f"removed {len(dropped)} documents: {', '.join(dropped)}", highlight=False, markup=False)


@app.command()
def clauses(
    doc: Annotated[str, typer.Argument(help="Document id, file name, or a unique start of its id")],
    index: IndexOption = None,
    as_json: JsonOption = False,
) -> None:
    """A document's clauses in order — label, section, pages, first words: the structure found."""
    snapshot = open_snapshot(settings_with(index))
    info = find_document(snapshot.documents, doc)
    rows = clause_rows([c for c in snapshot.chunks if c.doc_id == info.id])
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    console.print(f"{info.source}: {len(rows)} clauses", highlight=False, markup=False)
    for row in rows:
        pages = ", ".join(str(p) for p in row["pages"])
        head = f"{row['label']} · p. {pages}" + (f" · {row['section']}" if row["section"] else "")
        console.print(clip(head, 80), highlight=False, markup=False)
        console.print("    " + clip(row["text"], 76), highlight=False, markup=False)


def clause_rows(chunks) -> list[dict]:
    """One row per clause, in document order; a long clause's parts joined again."""
    rows: dict[str, dict] = {}
    for c in chunks:
        row = rows.setdefault(
            c.clause_id, {"label": c.label, "section": c.section, "pages": list(c.pages), "text": ""}
        )
        row["text"] = f"{row['text']} {c.text}".strip()
    return list(rows.values())


def clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rsplit(" ", 1)[0] + "…"


def find_document(documents, wanted: str):
    """The document named by its id, its file name, the id without extension, or a unique start of
    its id; else the command ends with one line listing what the index holds."""
    key = wanted.casefold()
    stem = key.removesuffix(".pdf").removesuffix(".txt")
    exact = [
        d for d in documents if key in {d.source.casefold(), d.path.casefold()} or stem == d.id.casefold()
    ]
    matches = exact or [d for d in documents if d.id.casefold().startswith(stem)]
    if len(matches) == 1:
        return matches[0]
    known = ", ".join(d.id for d in documents) or "nothing"
    what = "several documents" if matches else "no document"
    raise fail(f"{wanted!r} names {what}; the index holds: {known}")


def resolve_doc(engine, doc: str | None) -> str | None:
    """A document id from an id, a file name or a title fragment; exits when none matches."""
    if not doc:
        return None
    wanted = doc.casefold().removesuffix(".pdf").removesuffix(".txt")
    for info in engine.documents:
        if wanted in (info.id.casefold(), info.source.casefold()):
            return info.id
    matches = [i.id for i in engine.documents if wanted in f"{i.id} {i.title} {i.short_title}".casefold()]
    if len(matches) == 1:
        return matches[0]
    known = ", ".join(i.id for i in engine.documents)
    raise fail(f"no single document matches {doc!r}; choose one of: {known}")


def parse_day(value: str | None, option: str):
    from datetime import date

    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise fail(f"{option} takes a date as YYYY-MM-DD, not {value!r}") from exc


AllOption = Annotated[
    bool, typer.Option("--all", help="Also history, background and rows from reports and other documents")
]
WideOption = Annotated[bool, typer.Option("--wide", help="More columns, as wide as the terminal allows")]


def table_console(wide: bool) -> Console:
    """80 columns unless --wide: the tables wrap at words inside short columns."""
    return Console(width=max(console.width, 160) if wide else min(console.width, 80))


@app.command()
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
        doc=resolve_doc(engine, doc),
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
    table = Table(title=f"{len(rows)} deadlines{shown}", box=box.SIMPLE_HEAD, expand=True)
    table.add_column("date · status", ratio=2, min_width=14, overflow="fold")
    table.add_column("who", ratio=2, min_width=11, overflow="fold")
    table.add_column("what", ratio=5)
    if wide:
        table.add_column("as written", ratio=2)
        table.add_column("kind", no_wrap=True)
    table.add_column("source", ratio=2, min_width=14, overflow="fold")
    for d in rows:
        state = lookup.status(d, today)
        style = {"overdue": "red", "due": "yellow"}.get(state, "")
        when = lookup.date_text(d, "nl") + (f" · {state}" if state else "")
        what = d.what if wide or len(d.what) <= 90 else d.what[:90].rsplit(" ", 1)[0] + " …"
        cells = [when, short_names(d.parties), what]
        if wide:
            cells += [d.when, f"{d.row} · {d.doc_kind}"]
        table.add_row(*cells, lookup.citation(d, titles), style=style)
    table_console(wide).print(table)


def short_names(names) -> str:
    """ "Gemeente Voorbeeldstad" → "gemeente": the place is in the source column already."""
    return ", ".join("gemeente" if n.lower().startswith("gemeente") else n for n in names)


@app.command()
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
        engine, party=party, doc=resolve_doc(engine, doc), everything=everything, targets=targets
    )
    if as_csv:
        sys.stdout.write(lookup.budgets_csv(rows))
        return
    titles = lookup.titles_of(engine)
    out = table_console(wide)
    what = "targets" if targets else "amounts"
    shown = "" if everything or targets else " (budgets in agreements; --all for the rest)"
    table = Table(title=f"{len(rows)} {what}{shown}", box=box.SIMPLE_HEAD, expand=True)
    table.add_column("amount", ratio=2)
    table.add_column("for", ratio=3)
    if not targets:
        table.add_column("who pays", ratio=3)
    if wide:
        table.add_column("split check", ratio=2)
        table.add_column("kind", no_wrap=True)
    table.add_column("source", ratio=2, min_width=14, overflow="fold")
    for a in rows:
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
        table.add_row(
            *cells, lookup.citation(a, titles), style="red" if check and a.split_check != "ok" else ""
        )
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


CsvOption = Annotated[bool, typer.Option("--csv", help="Write CSV to stdout")]


@app.command()
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
        said = clip(row.quote, 240)
        figures = figure_lines(row.figures, result.language)
        if figures:
            said += "\n" + "\n".join(f"• {line}" for line in figures)
        table.add_row(document, clause, said)
    return table


@app.command()
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
    before = find_document(snapshot.documents, old)
    after = find_document(snapshot.documents, new)
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
        text = word_diff_text(p) if p.words else Text(clip((p.new or p.old).text, 160))
        if p.figures:
            text.append("\n" + "; ".join(f"{a or '—'} → {b or '—'}" for a, b in p.figures), style="bold")
        table.add_row(Text(p.status, style=DIFF_STYLE[p.status]), diff_labels(p), text)
    return table


def diff_labels(pair) -> str:
    """ "afspraak 4" where the label stayed, "afspraak 4 → afspraak 5" where it changed."""
    old, new = (clip(c.label, 24) if c else "" for c in (pair.old, pair.new))
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


@app.command()
def slack(index: IndexOption = None) -> None:
    """Run the Slack bot over Socket Mode: no public URL needed (SLACK_BOT_TOKEN, SLACK_APP_TOKEN)."""
    from slack_bolt.error import BoltError

    from bot.slack.app import socket_mode_handler
    from index.errors import IndexError_
    from index.search import IndexHandle

    settings = settings_with(index)
    handle = IndexHandle(settings.index, settings.embedder)
    try:
        handle.get()  # load the index before connecting
        handler = socket_mode_handler(settings, handle)
    except (ValueError, IndexError_, BoltError) as exc:
        raise fail(str(exc)) from exc
    console.print("Connected to Slack over Socket Mode; Ctrl+C stops.")
    try:
        handler.start()
    except KeyboardInterrupt:
        handler.close()


@app.command()
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


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on (0.0.0.0 in a container)")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on")] = 8000,
    index: IndexOption = None,
) -> None:
    """Serve the web chat, its JSON API (/docs) and the Slack and Teams endpoints when configured."""
    from bot.settings import ChatNotConfigured
    from bot.web import serve as serve_web
    from index.errors import IndexError_

    try:
        serve_web(settings_with(index), host=host, port=port)
    except (IndexError_, ChatNotConfigured) as exc:
        raise fail(str(exc)) from exc


def main() -> None:  # pragma: no cover - console script entry for `python -m bot.cli`
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
