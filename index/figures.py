"""Does a passage state the figure a "how many?" question asks for?

A "how many homes does Hoeksteen own?" answered with "75-135 homes to be built" cites a number,
but not the one asked for. A figure counts as stated when one sentence (with its neighbours)
holds a number together with what the question says about it: the thing it does (own, sell,
build), the year it asks about, and the corporation it names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from index.lexicon import STOP, CompoundSplitter, analyse, expand_dutch, expand_english, words
from index.question import COUNT as COUNT_CUE
from index.question import PARTY as PARTY_CUE
from index.question import REPORT as REPORT_WORDS
from index.search import Query
from index.types import Hit
from ingest.chunk import split_sentences

NUMBER_WORDS = (
    "twee drie vier vijf zes zeven acht negen tien elf twaalf twintig dertig veertig vijftig "
    "honderd honderden duizend duizenden helft kwart procent"
).split()
MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
# A count or an amount; not a year or a date, nor the number of an appendix, chapter or page.
REFERENCE_WORDS = ("bijlage", "hoofdstuk", "paragraaf", "artikel", "afspraak", "tabel", r"p\.", "lid")
NOT_A_REFERENCE = "".join(rf"(?<!{word} )" for word in REFERENCE_WORDS)
NUMBER = rf"(?<![\w.,])(?!(?:19|20)\d\d(?![\d.,]))\d+(?:[.,]\d+)*(?!\s*(?:{MONTHS})\b)\s*%?"
FIGURE = re.compile(rf"{NOT_A_REFERENCE}{NUMBER}|€|\b(?:{'|'.join(NUMBER_WORDS)})\b", re.I)
YEAR_SPAN = re.compile(r"\b((?:19|20)\d\d)(?:\s*(?:-|–|t/m|tot en met|tot)\s*((?:19|20)\d\d))?\b")
# Words every question about agreements may use: they say nothing about which figure is meant.
GENERIC = frozenset(
    analyse(
        "gemeente gemeenten corporatie corporaties woningcorporatie woningcorporaties afspraak afspraken "
        "prestatieafspraken partijen jaar jaren totaal"
    )
)


# An amount of money: a currency, or a unit paid in.
MONEY_FIGURE = re.compile(r"[€$£]|\b(?:eur|euros?|usd|dollars?|pounds?|fte)\b", re.I)


def asks_for_figure(query: Query) -> bool:
    """A "how many?", or a "how much does it cost?" (not "who pays?", whose answer is a party)."""
    question = query.question
    return question.counts or (question.asks == "amount" and not PARTY_CUE.search(query.text))


def counted_span(text: str, lang: str) -> tuple[int, int]:
    """Where the counted thing stands: "rental homes" in "how many rental homes does …",
    "sociale huurwoningen" in "hoeveel sociale huurwoningen worden …" (not the verb after it)."""
    cue = COUNT_CUE.search(text)
    if cue is None:
        return 0, 0
    end = cue.end()
    dutch = lang == "nl"
    for count, word in enumerate(re.finditer(r"[\w-]+", text[cue.end() :])):
        token = word.group().lower()
        if count == (3 if dutch else 2) or token in STOP:
            break
        end = cue.end() + word.end()
        if dutch and not token.endswith("e"):  # Dutch adjectives end in -e; the noun ends the phrase
            break
    return cue.start(), end


def states_figure(query: Query, hits: Iterable[Hit], splitter: CompoundSplitter) -> bool:
    """Some passage has a sentence window with a number (an amount of money, when that is
    asked), the question's own terms and (one of) its years."""
    terms = predicate_terms(query, splitter)
    figure = MONEY_FIGURE if query.question.asks == "amount" else FIGURE
    corporations = {p for p in query.parties if not p.lower().startswith("gemeente")}
    for hit in hits:
        chunk = hit.chunk
        if corporations and not corporations & set(chunk.parties):
            continue
        sentences = split_sentences(hit.passage)
        stems = [set(analyse(sentence, splitter)) for sentence in sentences]
        heading = set(analyse(chunk.section, splitter))
        for index, sentence in enumerate(sentences):
            if not figure.search(sentence):
                continue
            near = range(max(0, index - 1), index + 2)
            if terms and not shares_term(terms, heading.union(*(stems[i] for i in near if i < len(stems)))):
                continue
            window = " ".join(sentences[max(0, index - 1) : index + 2])
            covered = (year_covered(y, window, hit.passage, chunk.period) for y in query.years)
            if not query.years or any(covered):
                return True
    return False


def predicate_terms(query: Query, splitter: CompoundSplitter) -> set[str]:
    """Stems of what the question says about the counted thing, in Dutch: "verkocht" in
    "hoeveel woningen heeft Hoeksteen verkocht"; not the counted thing, names, years or generic words."""
    start, end = counted_span(query.text, query.language)
    counted = query.text[start:end]
    if query.language == "en":
        rest = query.text[:start] + query.text[end:]
        dutch = [w for w in words(rest) if w in splitter.vocabulary]  # "doorstroommakelaar" in English
        terms = set(analyse(" ".join(expand_english(rest) + dutch), splitter))
    else:
        terms = set(analyse(query.text, splitter)) | set(analyse(" ".join(query.dutch_terms), splitter))
    named = " ".join([*query.parties, *query.municipalities, *(str(y) for y in query.years)])
    excluded = set(analyse(f"{counted} {named}", splitter)) | GENERIC
    excluded |= set(analyse(" ".join(expand_english(counted) + expand_dutch(counted, splitter)), splitter))
    report = " ".join(w for w in words(query.text) if REPORT_WORDS.search(w))
    excluded |= set(analyse(f"{report} {' '.join(expand_dutch(report))}", splitter))
    return {t for t in terms - excluded if not t.isdigit()}


def shares_term(terms: set[str], stems: set[str]) -> bool:
    """A stem in common, or one inside another (gehuisvest / huisvesting, duurzaam / verduurzaming)."""
    if terms & stems:
        return True
    return any(inside(t, s) or inside(s, t) for t in terms for s in stems)


def inside(short: str, long: str) -> bool:
    """bouw in bouwt (the stemmer leaves a verb's -t), duurzaam in verduurzaming."""
    return (len(short) >= 4 and long.startswith(short)) or (len(short) >= 5 and short in long)


def year_covered(year: int, window: str, clause: str, period: str) -> bool:
    """The nearest years named (the sentence's, else the clause's, else the document's period)
    include the asked year."""
    for text in (window, clause, period):
        spans = [(int(a), int(b or a)) for a, b in YEAR_SPAN.findall(text)]
        if spans:
            return any(lo <= year <= hi for lo, hi in spans)
    return True
