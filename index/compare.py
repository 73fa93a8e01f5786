"""Compare: what every agreement says on one topic, one row per document.

"Wie betaalt de buurtbemiddeling?" asked of each agreement in turn: its best clause on the topic,
the one or two sentences that say it, and the figures those sentences state — or "not covered",
by the same rule as `answer()`. Each document's clauses are ranked by `Engine.search`, as for a
question asked with `--doc` (the embedder remembers the topic, so it is embedded once).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from index.answer import best_sentences, clean_question, lacks_figure, should_abstain
from index.figures import FIGURE
from index.lexicon import STOP, analyse, words
from index.lookup import AGREED_IN, amount_text, date_text, share_text
from index.search import Engine, Query, topic_words
from index.store import DocInfo
from index.types import Filters, Hit
from ingest.chunk import split_sentences
from ingest.types import Amount, Chunk, Deadline

QUOTE_SENTENCES = 2
NAMING_DEPTH = 10  # the best passages among which a clause naming the topic is preferred
COUNTED_WORDS = 2  # "140 sociale huurwoningen": the number and the words it counts

COVERED, NOT_COVERED, NO_FIGURE = "covered", "not covered", "no figure"


@dataclass(frozen=True, slots=True)
class Figures:
    """What the quoted sentences state: money and fte (with payers), percentages, dates, counts."""

    amounts: tuple[Amount, ...] = ()
    percentages: tuple[Amount, ...] = ()
    dates: tuple[Deadline, ...] = ()
    counts: tuple[str, ...] = ()  # "140 sociale huurwoningen"

    @property
    def empty(self) -> bool:
        return not (self.amounts or self.percentages or self.dates or self.counts)


@dataclass(frozen=True, slots=True)
class Row:
    """One document: its best clause on the topic, or why it has none."""

    doc_id: str
    title: str
    municipality: str
    period: str
    kind: str  # the document's kind: "agreement" | "notice"
    status: str  # COVERED | NOT_COVERED | NO_FIGURE (a "how many?" whose number it does not state)
    label: str = ""
    section: str = ""
    pages: tuple[int, ...] = ()
    clause_id: str = ""
    quote: str = ""  # the one or two sentences that say it
    figures: Figures = field(default_factory=Figures)
    score: float = 0.0
    missing: tuple[str, ...] = ()  # topic words the document never uses, nor a synonym

    @property
    def covered(self) -> bool:
        return self.status != NOT_COVERED


@dataclass(frozen=True, slots=True)
class Comparison:
    topic: str
    language: str
    filters: Filters
    rows: tuple[Row, ...]

    @property
    def covered(self) -> int:
        return sum(row.covered for row in self.rows)


def compare(
    engine: Engine,
    topic: str,
    municipality: str | None = None,
    year: int | None = None,
    *,
    max_chars: int = 2000,
) -> Comparison:
    """Every agreement's best clause on the topic, sorted by municipality and period. A filter
    that matches nothing raises NothingToCompare with the sentence `answer()` would give."""
    from index.errors import NothingToCompare

    topic = clean_question(topic, max_chars)
    wanted = Filters(municipality=(municipality,) if municipality else (), year=year)
    filters, unmatched = engine.resolve(wanted)
    if unmatched:
        raise NothingToCompare(unmatched)
    query = engine.understand(topic, filters)
    documents = compared_documents(engine, query)
    reachable = not (query.unknown_places or query.unknown_parties)  # as answer(): nothing searched
    rows = [document_row(engine, query, doc, reachable) for doc in documents]
    rows.sort(key=lambda r: (not r.municipality, r.municipality.casefold(), r.period, r.doc_id))
    return Comparison(topic, query.language, query.filters, tuple(rows))


def compared_documents(engine: Engine, query: Query) -> list[DocInfo]:
    """Documents where agreements are made (index.lookup.AGREED_IN) that the filters, or a town the
    topic names, allow."""
    allowed = engine.allowed_rows(query)
    listed = [d for d in engine.documents if d.kind in AGREED_IN]
    if allowed is None:
        return listed
    docs = set(engine.chunk_docs[allowed])
    return [d for d in listed if d.id in docs]


def document_row(engine: Engine, query: Query, doc: DocInfo, reachable: bool = True) -> Row:
    """The document's best clause as `ask --doc` ranks it (the topic is embedded once: the
    embedder remembers it), or "not covered" where `answer()` would say "not found"."""
    row = Row(doc.id, doc.short_title, doc.municipality, doc.period, doc.kind, NOT_COVERED)
    if not reachable:
        return row
    asked = replace(query, filters=replace(query.filters, doc=(doc.id,)))
    if should_abstain(engine, asked, engine.doc_languages.get(doc.id)):
        return replace(row, missing=tuple(engine.missing_topics(asked)))
    hits = engine.search(asked, k=NAMING_DEPTH)
    if not hits or not engine.shares_words(asked, hits[0]):
        return row
    chunk = naming_topic(engine, hits, asked) or hits[0].chunk
    score = next(h.score for h in hits if chunk is h.chunk or chunk in h.members)
    quote = best_sentences(chunk.text, asked, QUOTE_SENTENCES)
    status = COVERED
    if lacks_figure(engine, asked, hits):
        status = NO_FIGURE
    return replace(
        row, status=status, label=chunk.label, section=chunk.section, pages=chunk.pages,
        clause_id=chunk.clause_id, quote=quote, figures=figures_in(engine, chunk, quote), score=score,
    )  # fmt: skip


def naming_topic(engine: Engine, hits: list[Hit], query: Query) -> Chunk | None:
    """Among the few best passages, the first clause that names the topic's specific terms (those
    `missing_topics` checks: "buurtbemiddeling", not "woningen"): the fused scores of a one-term
    topic lie close together, and a clause saying "geld voor buurtbemiddeling" is more on
    "buurtbemiddeling" than one on "leefbaarheid in buurten"."""
    terms = [word for word, _ in topic_words(query, engine.lexical.splitter)]
    topic = set(analyse(" ".join(terms)))
    if not topic:
        return None
    for hit in hits[:NAMING_DEPTH]:
        for chunk in (hit.chunk, *hit.members):
            if topic <= set(analyse(f"{chunk.section} {chunk.text}")):
                return chunk
    return None


def figures_in(engine: Engine, chunk: Chunk, quote: str) -> Figures:
    """The amounts, dates and counts ingest found in the quoted sentences of the clause."""
    sentences = [" ".join(s.split()) for s in split_sentences(quote.replace("… ", ""))]

    def quoted(sentence: str) -> bool:
        sentence = " ".join(sentence.split())
        return any(sentence[:40] in s or s[:40] in sentence for s in sentences)

    amounts = [a for a in engine.amounts if a.clause_id == chunk.clause_id and quoted(a.sentence)]
    amounts = [a for a in amounts if not a_share_of(a, amounts)]
    dates = [d for d in engine.deadlines if d.clause_id == chunk.clause_id and quoted(d.sentence)]
    money = tuple(a for a in amounts if a.unit != "%")
    shares = tuple(a for a in amounts if a.unit == "%")
    return Figures(money, shares, tuple(dates), counts_in(quote, amounts))


def a_share_of(amount: Amount, amounts: list[Amount]) -> bool:
    """ "€ 30.000 door de gemeente" beside "€ 40.000, waarvan € 30.000 door de gemeente": the
    total lists it among its payers already."""
    mine = {(s.party, amount.value) for s in amount.payers}
    return any(
        other is not amount and mine and mine <= {(s.party, s.euros) for s in other.payers}
        for other in amounts
    )


def counts_in(quote: str, amounts: list[Amount]) -> tuple[str, ...]:
    """Counts: the numbers figures.FIGURE finds (not years, dates or references), with the words
    after them, leaving out those an amount holds (euros, fte, percentages)."""
    taken = {w for a in amounts for w in words(a.text)}
    found = []
    for match in FIGURE.finditer(quote):
        number = match.group().strip()
        if not number[:1].isdigit() or number.endswith("%") or number.lower() in taken:
            continue
        if quote[max(0, match.start() - 2) : match.start()].strip() == "€":
            continue
        counted = counted_words(quote[match.end() :])
        if counted and counted[0].lower() not in taken | {"procent", "fte", "euro"}:
            found.append(" ".join([number, *counted]))
    return tuple(dict.fromkeys(found))


def counted_words(after: str) -> list[str]:
    """The words a number counts: up to COUNTED_WORDS words, ending at a stop word or punctuation."""
    kept: list[str] = []
    for token in after.split()[:COUNTED_WORDS]:
        word = token.rstrip(".,;:)")
        if not re.fullmatch(r"[A-Za-zÀ-ÿ-]+", word) or word.lower() in STOP:
            break
        kept.append(word)
        if word != token:
            break
    return kept


# --------------------------------------------------------------------------- rendering


def figure_lines(figures: Figures, lang: str = "nl") -> list[str]:
    """One short line per figure: "€ 38.067 per jaar — gemeente € 25.000; …", "Q2 2027", "30%"."""
    lines = []
    for a in figures.amounts:
        text = amount_text(a, lang) + (f" {a.period}" if a.period else "")
        payers = "; ".join(share_text(s, lang) for s in a.payers)
        lines.append(f"{text} — {payers}" if payers else text)
    lines += [amount_text(a, lang) for a in figures.percentages]  # the quote says of what
    lines += [date_text(d, lang) for d in figures.dates]
    lines += list(figures.counts)
    return list(dict.fromkeys(lines))


def row_record(row: Row, lang: str = "nl") -> dict[str, object]:
    """A row as JSON-ready data: the adapters' and the CLI's one serialisation."""
    f = row.figures
    return {
        "doc": row.doc_id,
        "title": row.title,
        "municipality": row.municipality,
        "period": row.period,
        "kind": row.kind,
        "status": row.status,
        "label": row.label,
        "section": row.section,
        "pages": list(row.pages),
        "clause_id": row.clause_id,
        "quote": row.quote,
        "figures": figure_lines(f, lang),
        "amounts": [amount_record(a) for a in f.amounts],
        "percentages": [amount_record(a) for a in f.percentages],
        "dates": [
            {"when": d.when, "start": d.start, "end": d.end, "recurring": d.recurring} for d in f.dates
        ],
        "counts": list(f.counts),
        "missing": list(row.missing),
    }


def amount_record(a: Amount) -> dict[str, object]:
    return {
        "text": a.text,
        "value": a.value,
        "unit": a.unit,
        "period": a.period,
        "purpose": a.purpose,
        "payers": [{"party": s.party, "euros": s.euros, "fraction": s.fraction} for s in a.payers],
    }
