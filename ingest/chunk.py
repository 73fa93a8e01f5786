"""Clauses → chunks: one per clause, long clauses split at sentence boundaries."""

from __future__ import annotations

import re

from ingest.types import EMBED_TEXT_VERSION, Chunk, Clause, Document, content_id

MAX_CHARS = 1000  # a longer clause is split …
PART_CHARS = 700  # … into parts of about this size (measured best of 500/700/1000 on dev)
SENTENCE = re.compile(r"(?<=[.;!?])\s+(?=[A-Z0-9(“‘\"-])")


def short_title(document: Document) -> str:
    """Zoetermeer 2016-2019: how a citation names its document."""
    kind = ""
    title = document.title.lower()
    if "rekenkamer" in title or "rekenkamer" in document.id:
        kind = "Rekenkamer "
    elif "kennisgeving" in title:
        kind = "Kennisgeving "
    name = f"{kind}{document.municipality} {document.period}".strip()
    return name or document.id


def split_sentences(text: str) -> list[str]:
    return [part.strip() for part in SENTENCE.split(text) if part.strip()]


def split_long(text: str, limit: int = MAX_CHARS, target: int = PART_CHARS) -> list[str]:
    """A clause over `limit` characters in parts of about `target`, cut between sentences."""
    if len(text) <= limit:
        return [text]
    parts: list[str] = []
    current = ""
    for sentence in split_sentences(text):
        if current and len(current) + len(sentence) + 1 > target:
            parts.append(current)
            current = sentence
        else:
            current = f"{current} {sentence}".strip()
    if current:
        parts.append(current)
    return parts


def chunk_document(document: Document) -> list[Chunk]:
    title = short_title(document)
    chunks: list[Chunk] = []
    for clause in document.clauses:
        chunks.extend(chunk_clause(clause, title))
    return chunks


def chunk_clause(clause: Clause, title: str) -> list[Chunk]:
    parts = split_long(clause.text)
    section = " › ".join(clause.section_path[-2:])
    return [
        Chunk(
            id=content_id(EMBED_TEXT_VERSION, clause.doc_id, title, section, clause.label, part),
            clause_id=clause.id,
            doc_id=clause.doc_id,
            source=clause.source,
            title=title,
            municipality=clause.municipality,
            period=clause.period,
            section=section,
            label=clause.label,
            kind=clause.kind,
            pages=clause.pages,
            text=part,
            parties=clause.parties,
            part=number if len(parts) > 1 else 0,
            parent=clause.parent,
            doc_kind=clause.doc_kind,
            language=clause.language,
        )
        for number, part in enumerate(parts, start=1)
    ]
