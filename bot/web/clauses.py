"""Documents and their clauses as the web shows them, and the links from answers to clauses."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path

from bot.links import clause_anchor, document_url
from bot.web.cache import SnapshotCache, version_of
from bot.web.errors import ApiError
from index.documents import find_document
from index.errors import UnclearDocument
from index.search import Engine
from index.store import DocInfo
from index.types import Chunk, Citation


@dataclass(frozen=True, slots=True)
class ClauseView:
    """One clause of a document as shown: its chunks joined back together, with its anchor."""

    id: str
    label: str
    anchor: str
    kind: str
    section: str
    pages: tuple[int, ...]
    text: str
    parent: str


def document_info(engine: Engine, key: str) -> DocInfo:
    """The DocInfo `key` names (`index.documents`: its id, file name, …); else a 404 whose
    message lists the documents the index holds."""
    try:
        return find_document(engine.documents, key)
    except UnclearDocument as exc:
        raise ApiError(404, "document_not_found", str(exc)) from exc


def clause_views(engine: Engine, doc_id: str) -> list[ClauseView]:
    """The document's clauses in order, each with its anchor (label and content id)."""
    views: list[ClauseView] = []
    parts: dict[str, list[Chunk]] = {}
    order: list[str] = []
    for chunk in engine.chunks_of(doc_id):
        if chunk.clause_id not in parts:
            parts[chunk.clause_id] = []
            order.append(chunk.clause_id)
        parts[chunk.clause_id].append(chunk)
    taken: set[str] = set()
    for clause_id in order:
        chunks = sorted(parts[clause_id], key=lambda c: c.part)
        first = chunks[0]
        anchor = _unique(clause_anchor(first.label, clause_id), taken)
        pages = tuple(sorted({p for c in chunks for p in c.pages}))
        views.append(
            ClauseView(
                id=clause_id,
                label=first.label,
                anchor=anchor,
                kind=first.kind,
                section=first.section,
                pages=pages,
                text=" ".join(c.text for c in chunks),  # parts are cut between sentences
                parent=first.parent,
            )
        )
    return views


def _unique(anchor: str, taken: set[str]) -> str:
    candidate, n = anchor, 1
    while candidate in taken:
        n += 1
        candidate = f"{anchor}-{n}"
    taken.add(candidate)
    return candidate


class Linker:
    """Links from answers and tables to clauses for one engine snapshot; anchors cached per doc."""

    def __init__(self, engine: Engine, cache: SnapshotCache | None = None) -> None:
        self.engine = engine
        self.cache = cache
        self._views: dict[str, list[ClauseView]] = {}
        self._ids: dict[str, str] = {}

    def doc_id(self, key: str) -> str:
        if key not in self._ids:
            try:
                self._ids[key] = document_info(self.engine, key).id
            except ApiError:
                self._ids[key] = Path(key).stem
        return self._ids[key]

    def views(self, doc: str) -> list[ClauseView]:
        doc_id = self.doc_id(doc)
        if doc_id not in self._views:
            if self.cache is None:
                self._views[doc_id] = clause_views(self.engine, doc_id)
            else:
                key = ("views", version_of(self.engine), doc_id)
                make = partial(clause_views, self.engine, doc_id)
                self._views[doc_id] = self.cache.get_or_make(key, make)
        return self._views[doc_id]

    def to_clause(self, doc: str, clause_id: str) -> str:
        doc_id = self.doc_id(doc)
        anchor = next((v.anchor for v in self.views(doc) if v.id == clause_id), "")
        return document_url(doc_id, anchor)

    def to_citation(self, citation: Citation) -> str:
        """The clause a citation quotes: by its id; (for a citation made before ids were carried)
        by label, and by its quoted words when labels repeat."""
        if citation.clause_id and citation.doc_id:
            return self.to_clause(citation.doc_id, citation.clause_id)
        doc_id = self.doc_id(citation.doc)
        same_label = [v for v in self.views(doc_id) if v.label == citation.clause]
        quote = " ".join(citation.text.split())[:80]
        quoted = [v for v in same_label if quote and quote in " ".join(v.text.split())]
        chosen = next(iter(quoted or same_label), None)
        return document_url(doc_id, chosen.anchor if chosen else "")
