"""The index on disk: versions built aside and swapped in atomically, and loaded once.

<index>/CURRENT            symlink → versions/<stamp>
<index>/versions/<stamp>/  manifest.json, store.sqlite, vectors.npy, dense.faiss, bm25/
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from index.errors import IndexMismatch, IndexMissing
from ingest.chunk import chunk_document, short_title
from ingest.pipeline import READER_VERSION
from ingest.types import Amount, Chunk, Deadline, Document, Share

FORMAT_VERSION = 7  # 7: chunks know their passage; 6: documents' scanned pages; 5: their path
KEEP_VERSIONS = 3


@dataclass(frozen=True, slots=True)
class DocInfo:
    id: str
    source: str
    sha256: str
    title: str
    short_title: str
    municipality: str
    period: str
    parties: tuple[str, ...]
    page_count: int
    clause_count: int
    party_aliases: tuple[tuple[str, str], ...] = ()
    kind: str = "other"
    language: str = "nl"
    path: str = ""  # the file's key: its path under the folder it was ingested from
    scanned_pages: tuple[int, ...] = ()  # pages read by OCR: citations say "p. 4 (scan)"


@dataclass(frozen=True, slots=True)
class Manifest:
    format: int
    embedder: str
    dim: int
    files: dict[str, str]  # file key (path under the ingested folder, see ingest.pipeline) → sha256
    built: float
    reader: str = ""  # READER_VERSION of the code that read the files


@dataclass(frozen=True)
class Snapshot:
    """Everything one index version holds, in memory."""

    path: Path
    manifest: Manifest
    documents: tuple[DocInfo, ...]
    chunks: tuple[Chunk, ...]
    vectors: np.ndarray
    deadlines: tuple[Deadline, ...]
    amounts: tuple[Amount, ...]

    @cached_property
    def passage_rows(self) -> np.ndarray:
        """Each chunk's passage, numbered in order of first chunk."""
        order: dict[tuple[str, str], int] = {}
        return np.array([order.setdefault(passage_key(c), len(order)) for c in self.chunks], dtype=np.int64)

    @cached_property
    def passage_vectors(self) -> np.ndarray:
        return passage_vectors(self.vectors, self.passage_rows)

    @cached_property
    def members(self) -> dict[tuple[str, str], tuple[int, ...]]:
        """The chunk rows of each passage, in reading order."""
        found: dict[tuple[str, str], list[int]] = {}
        for row, chunk in enumerate(self.chunks):
            found.setdefault(passage_key(chunk), []).append(row)
        return {key: tuple(rows) for key, rows in found.items()}


def passage_key(chunk: Chunk) -> tuple[str, str]:
    return chunk.doc_id, chunk.unit_id


def current_path(index_dir: Path) -> Path | None:
    link = index_dir / "CURRENT"
    if not link.exists():
        return None
    return (index_dir / os.readlink(link)).resolve() if link.is_symlink() else link.resolve()


def read_manifest(version: Path) -> Manifest:
    data = json.loads((version / "manifest.json").read_text("utf-8"))
    known = Manifest.__dataclass_fields__
    return Manifest(**{key: value for key, value in data.items() if key in known})


def load_snapshot(index_dir: Path, embedder: str | None = None) -> Snapshot:
    version = current_path(index_dir)
    if version is None or not (version / "manifest.json").exists():
        raise IndexMissing(str(index_dir))
    manifest = read_manifest(version)
    if manifest.format != FORMAT_VERSION:
        raise IndexMismatch(str(index_dir), str(manifest.format), str(FORMAT_VERSION), what="format")
    if embedder is not None and manifest.embedder != embedder:
        raise IndexMismatch(str(index_dir), manifest.embedder, embedder)
    with sqlite3.connect(f"file:{version / 'store.sqlite'}?mode=ro", uri=True) as db:
        documents = tuple(doc_from_row(row) for row in db.execute("SELECT * FROM documents ORDER BY id"))
        db.row_factory = sqlite3.Row
        chunks = tuple(chunk_from_row(row) for row in db.execute("SELECT * FROM chunks ORDER BY row"))
        deadlines = tuple(
            deadline_from_json(r[0]) for r in db.execute("SELECT data FROM deadlines ORDER BY rowid")
        )
        amounts = tuple(amount_from_json(r[0]) for r in db.execute("SELECT data FROM amounts ORDER BY rowid"))
    vectors = np.load(version / "vectors.npy")
    return Snapshot(version, manifest, documents, chunks, vectors, deadlines, amounts)


def write_version(
    index_dir: Path,
    documents: list[Document],
    kept: Snapshot | None,
    kept_ids: set[str],
    embedder: Any,
    progress: Callable[[int], None] | None = None,
) -> Path:
    """Build a new version beside the current one, then swap it in with one atomic rename."""
    from index.embed import embed_in_batches
    from index.retrievers import build_bm25, build_faiss

    versions = index_dir / "versions"
    versions.mkdir(parents=True, exist_ok=True)
    stamp = f"{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 10**6}"
    building = versions / f".building-{stamp}"
    building.mkdir()
    try:
        infos, chunks, deadlines, amounts = gather(documents, kept, kept_ids)
        cached = cached_vectors(kept)
        missing = [c for c in chunks if c.id not in cached]
        fresh = embed_in_batches(embedder, [c.embed_text for c in missing], progress=progress)
        cached.update({c.id: fresh[i] for i, c in enumerate(missing)})
        vectors = (
            np.vstack([cached[c.id] for c in chunks]).astype(np.float32)
            if chunks
            else np.zeros((0, embedder.dim), dtype=np.float32)
        )
        np.save(building / "vectors.npy", vectors)
        build_faiss(vectors).save(building / "dense.faiss")
        build_bm25(chunks).save(building / "bm25")
        write_sqlite(building / "store.sqlite", infos, chunks, deadlines, amounts)
        manifest = Manifest(
            FORMAT_VERSION,
            embedder.name,
            embedder.dim,
            {d.path or d.source: d.sha256 for d in infos},
            time.time(),
            READER_VERSION,
        )
        (building / "manifest.json").write_text(json.dumps(asdict(manifest), indent=2), "utf-8")
        final = versions / stamp
        os.replace(building, final)
        swap_current(index_dir, final)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    prune_versions(index_dir)
    return final


def gather(
    documents: list[Document], kept: Snapshot | None, kept_ids: set[str]
) -> tuple[list[DocInfo], list[Chunk], list[Deadline], list[Amount]]:
    infos: list[DocInfo] = []
    chunks: list[Chunk] = []
    deadlines: list[Deadline] = []
    amounts: list[Amount] = []
    if kept is not None:
        infos += [d for d in kept.documents if d.id in kept_ids]
        chunks += [c for c in kept.chunks if c.doc_id in kept_ids]
        deadlines += [d for d in kept.deadlines if d.doc_id in kept_ids]
        amounts += [a for a in kept.amounts if a.doc_id in kept_ids]
    titles = {d.short_title for d in infos}
    for document in documents:
        title = unique_title(short_title(document), document.id, titles)
        titles.add(title)
        doc_chunks = chunk_document(document, title)
        infos.append(doc_info(document, title))
        chunks += doc_chunks
        deadlines += document.deadlines
        amounts += document.amounts
    return infos, chunks, deadlines, amounts


def unique_title(title: str, doc_id: str, taken: set[str]) -> str:
    """Two documents never cite alike: a second "Voorbeeldstad 2024" is named with its id."""
    return title if title not in taken else f"{title} ({doc_id})"


def doc_info(document: Document, title: str) -> DocInfo:
    return DocInfo(
        document.id,
        document.source,
        document.sha256,
        document.title,
        title,
        document.municipality,
        document.period,
        document.parties,
        document.page_count,
        sum(1 for c in document.clauses if c.kind != "heading"),  # as indexed (see chunk_document)
        document.party_aliases,
        document.kind,
        document.language,
        document.path,
        document.scanned_pages,
    )


def passage_vectors(vectors: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """One vector per passage: the normalised mean of its chunks' vectors (on corpus/ and
    corpus-more/ within one question of embedding the passage's text, at no cost)."""
    sums = np.zeros((int(rows.max()) + 1 if len(rows) else 0, vectors.shape[1]), dtype=np.float64)
    np.add.at(sums, rows, vectors)
    norms = np.linalg.norm(sums, axis=1, keepdims=True)
    return (sums / np.where(norms > 0, norms, 1.0)).astype(np.float32)


def cached_vectors(kept: Snapshot | None) -> dict[str, np.ndarray]:
    """Vectors of the previous version by chunk id: an unchanged clause is never embedded again."""
    if kept is None or len(kept.vectors) != len(kept.chunks):
        return {}
    return {c.id: kept.vectors[i] for i, c in enumerate(kept.chunks)}


def swap_current(index_dir: Path, version: Path) -> None:
    temp = index_dir / f".CURRENT-{os.getpid()}-{time.monotonic_ns()}"
    os.symlink(os.path.relpath(version, index_dir), temp)
    os.replace(temp, index_dir / "CURRENT")


def prune_versions(index_dir: Path) -> None:
    """Keep a few old versions: a reader that opened one a moment ago can still finish."""
    versions = sorted(p for p in (index_dir / "versions").iterdir() if not p.name.startswith("."))
    current = current_path(index_dir)
    for old in versions[:-KEEP_VERSIONS]:
        if old != current:
            shutil.rmtree(old, ignore_errors=True)
    for stale in (index_dir / "versions").glob(".building-*"):
        if time.time() - stale.stat().st_mtime > 3600:
            shutil.rmtree(stale, ignore_errors=True)


SCHEMA = """
CREATE TABLE documents (id TEXT PRIMARY KEY, source TEXT, sha256 TEXT, title TEXT, short_title TEXT,
    municipality TEXT, period TEXT, parties TEXT, page_count INTEGER, clause_count INTEGER,
    aliases TEXT, kind TEXT, language TEXT, path TEXT, scanned TEXT);
CREATE TABLE chunks (row INTEGER PRIMARY KEY, id TEXT, clause_id TEXT, doc_id TEXT, source TEXT,
    title TEXT, municipality TEXT, period TEXT, section TEXT, label TEXT, kind TEXT, pages TEXT,
    text TEXT, parties TEXT, part INTEGER, parent TEXT, doc_kind TEXT, language TEXT, unit TEXT,
    part_of TEXT, printed TEXT);
CREATE INDEX chunks_doc ON chunks(doc_id);
CREATE TABLE deadlines (doc_id TEXT, data TEXT);
CREATE TABLE amounts (doc_id TEXT, data TEXT);
"""


def write_sqlite(
    path: Path,
    infos: list[DocInfo],
    chunks: list[Chunk],
    deadlines: list[Deadline],
    amounts: list[Amount],
) -> None:
    with sqlite3.connect(path) as db:
        db.executescript(SCHEMA)
        db.executemany(
            "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    d.id,
                    d.source,
                    d.sha256,
                    d.title,
                    d.short_title,
                    d.municipality,
                    d.period,
                    json.dumps(d.parties),
                    d.page_count,
                    d.clause_count,
                    json.dumps(d.party_aliases),
                    d.kind,
                    d.language,
                    d.path,
                    json.dumps(d.scanned_pages),
                )
                for d in infos
            ],
        )
        db.executemany(
            "INSERT INTO chunks VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    row,
                    c.id,
                    c.clause_id,
                    c.doc_id,
                    c.source,
                    c.title,
                    c.municipality,
                    c.period,
                    c.section,
                    c.label,
                    c.kind,
                    json.dumps(c.pages),
                    c.text,
                    json.dumps(c.parties),
                    c.part,
                    c.parent,
                    c.doc_kind,
                    c.language,
                    c.unit,
                    c.part_of,
                    c.printed,
                )
                for row, c in enumerate(chunks)
            ],
        )
        db.executemany(
            "INSERT INTO deadlines VALUES (?,?)",
            [(d.doc_id, json.dumps(asdict(d))) for d in deadlines],
        )
        db.executemany(
            "INSERT INTO amounts VALUES (?,?)", [(a.doc_id, json.dumps(asdict(a))) for a in amounts]
        )


def doc_from_row(row: tuple[Any, ...]) -> DocInfo:
    aliases = tuple((a, n) for a, n in json.loads(row[10]))
    return DocInfo(
        row[0],
        row[1],
        row[2],
        row[3],
        row[4],
        row[5],
        row[6],
        tuple(json.loads(row[7])),
        row[8],
        row[9],
        aliases,
        row[11],
        row[12],
        row[13],
        tuple(json.loads(row[14] or "[]")),
    )


def chunk_from_row(row: sqlite3.Row) -> Chunk:
    data = dict(row)  # sqlite3.Row maps column names, which are the Chunk's field names
    data.pop("row")
    data["pages"] = tuple(json.loads(data["pages"]))
    data["parties"] = tuple(json.loads(data["parties"]))
    return Chunk(**data)


def tuples(data: dict[str, Any], *names: str) -> dict[str, Any]:
    for name in names:
        if name in data and isinstance(data[name], list):
            data[name] = tuple(data[name])
    return data


def deadline_from_json(text: str) -> Deadline:
    return Deadline(**tuples(json.loads(text), "pages", "parties", "flags", "receivers"))


def amount_from_json(text: str) -> Amount:
    data = tuples(json.loads(text), "pages", "flags")
    data["payers"] = tuple(Share(**p) for p in data.get("payers", ()))
    return Amount(**data)
