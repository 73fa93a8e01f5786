"""Words for lexical search: Dutch stems, compounds, stopwords and English→Dutch expansion."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from importlib import resources

import Stemmer
from bm25s.stopwords import STOPWORDS_DUTCH, STOPWORDS_EN

WORD = re.compile(r"[a-zà-ÿ0-9]+(?:[.,][0-9]+)*%?", re.I)
ENGLISH_HINTS = frozenset(
    (
        "the what which who whom whose when where why how does did do is are was were will "
        "would can could should of to in on for with by about agree agreed agreement homes "
        "rent much many and or any their there this that these those be been have has "
    ).split()
)
DUTCH_HINTS = frozenset(
    (
        "de het een wat wie welke wanneer waar waarom hoe hoeveel is zijn wordt worden van "
        "voor met op aan bij over er die dat deze moet moeten mag gaan heeft hebben ik we ze "
        "niet en of "
    ).split()
)
# Words of questions that say nothing about the topic: kept out of lexical matching.
QUESTION_WORDS = frozenset(
    (
        "wat wie welke wanneer waar waarom hoe hoeveel eigenlijk precies allemaal volgens "
        "what which who when where why how much many does did agree agreed about "
    ).split()
)
STOP = frozenset(STOPWORDS_DUTCH) | frozenset(STOPWORDS_EN) | QUESTION_WORDS


@cache
def stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("dutch")


@cache
def english_dutch() -> dict[str, tuple[str, ...]]:
    """The housing-domain vocabulary: English term → Dutch terms (index/data/en_nl.tsv)."""
    try:
        text = resources.files("index").joinpath("data/en_nl.tsv").read_text("utf-8")
    except (FileNotFoundError, OSError):
        return {}
    table: dict[str, tuple[str, ...]] = {}
    for line in text.splitlines():
        if "\t" not in line or line.startswith("#"):
            continue
        english, dutch = line.split("\t", 1)
        terms = tuple(t.strip() for t in dutch.split("|") if t.strip())
        key = english.strip().lower()
        table[key] = tuple(dict.fromkeys(table.get(key, ()) + terms))
    return table


@cache
def dutch_terms() -> dict[str, frozenset[str]]:
    """Each Dutch term of the vocabulary → the Dutch terms that translate the same English word."""
    groups: dict[str, set[str]] = {}
    for terms in english_dutch().values():
        for term in terms:
            groups.setdefault(term, set()).update(t for t in terms if t != term)
    return {term: frozenset(others) for term, others in groups.items()}


def dutch_synonyms(word: str) -> tuple[str, ...]:
    """Synonyms of a Dutch domain term (empty when the vocabulary does not know it)."""
    table = dutch_terms()
    for form in (word, re.sub(r"(en|s)$", "", word)):
        if form in table:
            return tuple(sorted(table[form])) or (form,)
    return ()


def words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def language(text: str) -> str:
    """en or "nl", by which language's common words the question uses."""
    tokens = words(text)
    english = sum(t in ENGLISH_HINTS for t in tokens)
    dutch = sum(t in DUTCH_HINTS for t in tokens)
    return "en" if english > dutch else "nl"


def stems(tokens: Iterable[str]) -> list[str]:
    """Dutch stems; stemmed twice so that singular and plural meet (slaagkans/slaagkansen)."""
    kept = [t for t in tokens if t not in STOP and (len(t) > 1 or t.isdigit())]
    return stemmer().stemWords(stemmer().stemWords(kept))


def english_phrases(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """The English words and phrases of a question that the vocabulary knows, longest first."""
    table = english_dutch()
    tokens = words(text)
    found: list[tuple[str, tuple[str, ...]]] = []
    index = 0
    while index < len(tokens):
        for size in (3, 2, 1):
            if index + size > len(tokens):
                continue
            phrase = " ".join(tokens[index : index + size])
            terms = table.get(phrase) or table.get(singular(phrase))
            if terms:
                found.append((phrase, terms))
                index += size
                break
        else:
            index += 1
    return found


def singular(phrase: str) -> str:
    if phrase.endswith("ies") and len(phrase) > 5:
        return phrase[:-3] + "y"
    return phrase[:-1] if phrase.endswith("s") and len(phrase) > 4 else phrase


def expand_english(text: str) -> list[str]:
    """Dutch terms for the English words and phrases of a question."""
    return [term for _, terms in english_phrases(text) for term in terms]


class CompoundSplitter:
    """Splits Dutch compounds into known parts: woningvoorraad → woning + voorraad."""

    def __init__(self, vocabulary: Iterable[str]) -> None:
        self.vocabulary = {w for w in vocabulary if len(w) >= 4 and w.isalpha()}

    def parts(self, word: str) -> list[str]:
        if len(word) < 9 or not word.isalpha():
            return []
        for cut in range(4, len(word) - 3):
            head, tail = word[:cut], word[cut:]
            for glue in ("", "s", "en", "e"):
                if glue and not head.endswith(glue):
                    continue
                stem_head = head[: len(head) - len(glue)] if glue else head
                if stem_head in self.vocabulary and tail in self.vocabulary:
                    return [stem_head, tail]
        return []


def analyse(text: str, splitter: CompoundSplitter | None = None) -> list[str]:
    """The BM25 tokens of a text: stems of its words plus stems of their compound parts."""
    tokens = words(text)
    extra: list[str] = []
    if splitter is not None:
        for token in tokens:
            extra.extend(splitter.parts(token))
    return stems(tokens + extra)
