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
    "the what which who whom whose when where why how does did do is are was were will would can "
    "could should of to in on for with by about agree agreed agreement homes rent much many "
    "and or any their there this that these those be been have has".split()
)
DUTCH_HINTS = frozenset(
    "de het een wat wie welke wanneer waar waarom hoe hoeveel is zijn wordt worden van voor met "
    "op aan bij over er die dat deze moet moeten mag gaan heeft hebben ik we ze niet en of".split()
)
# Words of questions that say nothing about the topic: kept out of lexical matching.
QUESTION_WORDS = frozenset(
    "wat wie welke wanneer waar waarom hoe hoeveel eigenlijk precies allemaal volgens "
    "what which who when where why how much many does did agree agreed about".split()
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


def words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def language(text: str) -> str:
    """"en" or "nl", by which language's common words the question uses."""
    tokens = words(text)
    english = sum(t in ENGLISH_HINTS for t in tokens)
    dutch = sum(t in DUTCH_HINTS for t in tokens)
    return "en" if english > dutch else "nl"


def stems(tokens: Iterable[str]) -> list[str]:
    kept = [t for t in tokens if t not in STOP and (len(t) > 1 or t.isdigit())]
    return stemmer().stemWords(kept)


def expand_english(text: str) -> list[str]:
    """Dutch terms for the English words and phrases of a question (longest phrases first)."""
    table = english_dutch()
    tokens = words(text)
    found: list[str] = []
    index = 0
    while index < len(tokens):
        for size in (3, 2, 1):
            phrase = " ".join(tokens[index : index + size])
            singular = re.sub(r"(?<=[a-z]{3})(ies|es|s)$", lambda m: "y" if m.group(1) == "ies" else "", phrase)
            terms = table.get(phrase) or table.get(singular)
            if terms and len(tokens[index : index + size]) == size:
                found.extend(terms)
                index += size
                break
        else:
            index += 1
    return found


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
