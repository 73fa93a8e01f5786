"""`afspraken ingest` and `afspraken remove`: documents into and out of the index, each written
aside and swapped in."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from bot.cli.app import IndexOption, console, document, errors, fail, open_snapshot, settings_with


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


def remove(
    docs: Annotated[list[str], typer.Argument(help="Document ids, file names, or unique starts of ids")],
    index: IndexOption = None,
) -> None:
    """Drop documents from the index (swapped in atomically, like an ingest)."""
    from index.build import remove as run_remove

    settings = settings_with(index)
    snapshot = open_snapshot(settings)
    ids = [document(snapshot.documents, doc).id for doc in docs]
    dropped = run_remove(
        ids,
        settings.index,
        embedder=settings.embedder,
        on_wait=lambda: errors.print("another ingest is writing this index: waiting for it …"),
    )
    console.print(f"removed {len(dropped)} documents: {', '.join(dropped)}", highlight=False, markup=False)
