"""Clauses → chunks: one per clause, long clauses split at sentence boundaries."""

from __future__ import annotations

import re

from ingest.types import EMBED_TEXT_VERSION, Chunk, Clause, Document, content_id

MAX_CHARS = 1000  # a longer clause is split …
PART_CHARS = 700  # … into parts of about this size (measured best of 500/700/1000 on dev)
# A passage is a clause with everything numbered under it, as long as that stays this short: an
# article with its paragraphs, a section with its lettered items. A question about one paragraph
# is often answered by the next, and a reader wants the article around it (tuned on corpus/ and
# corpus-more/ together: 1,500 / 3,000 / 5,000 characters, bench/lodo.py).
UNIT_CHARS = 3000
SENTENCE = re.compile(r"(?<=[.;!?])\s+(?=[A-Z0-9(“‘\"-])")
# abbreviations that end no sentence ("GPL v. 3", "art. 5", "bijv. De"); "no." and "p." only before
# a number ("no. 7", but "The answer is no. Then …")
ABBREVIATED = r"v|vs|nr|art|jo|pp|blz|bijv|resp|ca|fl|sec|par|cf|e\.g|i\.e"
# titles before a name, and a name's initials after a title or an initial ("mr. L. H. Kokhuis")
TITLES = r"mr|mrs|ms|dr|drs|ir|ing|prof|mevr|mw|dhr|jhr"
ABBREVIATION = re.compile(
    rf"(?<![\w.])(?i:{ABBREVIATED}|{TITLES})\.$|(?<![\w.])(?:(?i:{TITLES})|[A-Z])\.\s[A-Z]\.$"
)
BEFORE_NUMBER = re.compile(r"(?<![\w.])(?:no|p)\.$", re.I)


KIND_WORD = {"report": "Rapport", "notice": "Kennisgeving"}  # an agreement goes by its town alone


def short_title(document: Document) -> str:
    """How a citation names its document: "Voorbeeldstad 2024-2027" for an agreement, "Rapport
    Voorbeeldstad 2024" for a report about one, else its printed title shortened. The index makes
    it unique (index.store)."""
    if document.municipality:
        kind = KIND_WORD.get(document.kind, "")
        return f"{kind} {document.municipality} {document.period}".strip()
    return shorten(document.title, 48) or document.id


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:– ") + "…"


def split_sentences(text: str) -> list[str]:
    """The text's sentences: cut after ".", ";", "!" or "?" before a capital, a digit or an opening
    mark, but not after an abbreviation."""
    sentences: list[str] = []
    for part in (part.strip() for part in SENTENCE.split(text)):
        if not part:
            continue
        if sentences and (
            ABBREVIATION.search(sentences[-1]) or (BEFORE_NUMBER.search(sentences[-1]) and part[:1].isdigit())
        ):
            sentences[-1] = f"{sentences[-1]} {part}"
        else:
            sentences.append(part)
    return sentences


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


def chunk_document(document: Document, title: str = "") -> list[Chunk]:
    """The document's chunks, cited by `title` (its short title unless the index chose another)."""
    title = title or short_title(document)
    chunks: list[Chunk] = []
    for clause in document.clauses:
        if clause.kind != "heading":  # a title over clauses of its own holds nothing to find
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
            unit=clause.unit,
            part_of=clause.part_of,
            printed=clause.printed,
        )
        for number, part in enumerate(parts, start=1)
    ]
