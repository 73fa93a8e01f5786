"""The one answering function every adapter calls: question → extractive answer with citations."""

from __future__ import annotations

import re
from dataclasses import replace

from index.errors import EmptyQuestion, QuestionTooLong
from index.lexicon import analyse, stems, words
from index.search import Engine, Query
from index.types import Answer, Citation, Filters, Hit
from ingest.chunk import split_sentences

MAX_SENTENCES = 3
ABSTAIN_BELOW = 0.0  # calibrated on the dev set by `afspraken eval --calibrate`; see README
FRAME = {"en": "According to the agreements:", "nl": "Volgens de afspraken:"}
NOT_FOUND = {
    "en": "Not found in the agreements. Searched: {docs}.",
    "nl": "Niet gevonden in de afspraken. Doorzocht: {docs}.",
}


def answer(engine: Engine, question: str, filters: Filters | None = None, *, max_chars: int = 2000) -> Answer:
    question = clean_question(question, max_chars)
    query = engine.understand(question, filters)
    searched = searched_titles(engine, query)
    hits = [] if query.unknown_places else engine.search(query)
    if not hits or should_abstain(engine, query, hits):
        return Answer(
            question,
            query.language,
            NOT_FOUND[query.language].format(docs="; ".join(searched)),
            True,
            (),
            tuple(hits),
            searched,
            query.filters,
        )
    citations = cite(hits)
    text = compose(citations, query)
    return Answer(
        question,
        query.language,
        text,
        False,
        tuple(citations),
        tuple(hits),
        searched,
        query.filters,
    )


def clean_question(question: str, max_chars: int) -> str:
    question = re.sub(r"\s+", " ", question or "").strip()
    if not question:
        raise EmptyQuestion()
    if len(question) > max_chars:
        raise QuestionTooLong(len(question), max_chars)
    return question


def searched_titles(engine: Engine, query: Query) -> tuple[str, ...]:
    rows = engine.allowed_rows(query)
    if rows is None:
        return tuple(d.short_title for d in engine.documents)
    ids = {engine.snapshot.chunks[int(r)].doc_id for r in rows}
    return tuple(d.short_title for d in engine.documents if d.id in ids) or tuple(
        d.short_title for d in engine.documents
    )


def should_abstain(engine: Engine, query: Query, hits: list[Hit]) -> bool:
    """Nothing close enough: the question's topic words do not occur in the best passages."""
    if query.years and not any(year_covered(engine, y) for y in query.years):
        return True
    return bool(engine.missing_topics(query))


def year_covered(engine: Engine, year: int) -> bool:
    from index.search import covers

    return any(covers(d.period, year) for d in engine.documents) or any(
        str(year) in c.text for c in engine.snapshot.chunks
    )


def coverage(query: Query, hits: list[Hit]) -> float:
    """Share of the question's topic stems found in the best passages (Dutch terms for English)."""
    topic = set(stems(words(query.text))) if query.language == "nl" else set(stems(query.dutch_terms))
    if not topic:
        return 1.0
    found = set()
    for hit in hits:
        found |= set(analyse(f"{hit.chunk.section} {hit.chunk.text}"))
    return len(topic & found) / len(topic)


def cite(hits: list[Hit]) -> list[Citation]:
    """The best clause, and a second one when it scores close: each with its best sentences."""
    best = hits[0]
    chosen = [best]
    for hit in hits[1:3]:
        if hit.score >= 0.8 * best.score and hit.chunk.clause_id != best.chunk.clause_id:
            chosen.append(hit)
            break
    return [citation(hit) for hit in chosen]


def citation(hit: Hit) -> Citation:
    chunk = hit.chunk
    return Citation(chunk.source, chunk.title, chunk.section, chunk.label, chunk.pages, chunk.text)


def best_sentences(text: str, query: Query, limit: int) -> str:
    """The sentences of a clause that share most words with the question, in document order."""
    sentences = split_sentences(text)
    if len(sentences) <= limit:
        return text
    wanted = set(analyse(query.text)) | set(analyse(" ".join(query.dutch_terms)))
    scored = []
    for index, sentence in enumerate(sentences):
        overlap = len(wanted & set(analyse(sentence)))
        numbers = 0.5 if re.search(r"\d", sentence) else 0.0
        scored.append((overlap + numbers - 0.01 * index, index))
    keep = sorted(index for _, index in sorted(scored, reverse=True)[:limit])
    return " ".join(sentences[i] for i in keep)


def compose(citations: list[Citation], query: Query) -> str:
    """The frame line, then the best sentences of each cited clause with its citation."""
    lines = [FRAME[query.language]]
    for index, c in enumerate(citations):
        quote = best_sentences(c.text, query, MAX_SENTENCES if index == 0 else 2)
        lines.append(f"“{quote}” [{c.short}]")
    return "\n".join(lines)


def with_filters(filters: Filters | None, **changes: object) -> Filters:
    return replace(filters or Filters(), **changes)
