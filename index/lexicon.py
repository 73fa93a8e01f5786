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
        "would can could should of to on for with by about agree agreed agreement homes "
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


# A footnote marker set against its word ("Versnellingsagenda6", "woningen4") is not part of it.
FOOTNOTE_MARKED = re.compile(r"([a-zà-ÿ]{4,})\d{1,2}")


def words(text: str) -> list[str]:
    found = [w.lower() for w in WORD.findall(text)]
    return [FOOTNOTE_MARKED.sub(r"\1", w) if w[-1].isdigit() else w for w in found]


def language(text: str) -> str:
    """en or "nl", by which language's common words the question uses, and then by which side
    of the housing vocabulary its other words are on."""
    tokens = words(text)
    english = sum(t in ENGLISH_HINTS for t in tokens)
    dutch = sum(t in DUTCH_HINTS for t in tokens)
    if english == dutch:
        english_terms, dutch_words = english_dutch(), dutch_terms()
        english += sum(t in english_terms and t not in dutch_words for t in tokens)
        dutch += sum(t in dutch_words and t not in english_terms for t in tokens)
    return "en" if english > dutch else "nl"


def stems(tokens: Iterable[str]) -> list[str]:
    """Dutch stems; stemmed twice so that singular and plural meet (slaagkans/slaagkansen)."""
    kept = [t for t in tokens if t not in STOP and (len(t) > 1 or t.isdigit())]
    return stemmer().stemWords(stemmer().stemWords(kept))


def inflections(stem: str) -> list[str]:
    """A Dutch verb's stem and its forms with -t or -d, which Snowball leaves apart: bewaar ↔
    bewaard ("wordt bewaard"), betaal ↔ betaalt, verhuur ↔ verhuurd. Short stems are left alone
    ("kan" is no form of "ka")."""
    if not stem.isalpha():
        return []
    forms = [stem + "t", stem + "d"] if len(stem) >= 4 else []
    if len(stem) >= 5 and stem[-1] in "td":
        forms.append(stem[:-1])
    return forms


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
            terms = next((table[f] for f in lookup_forms(phrase) if f in table), None)
            if terms:
                found.append((phrase, terms))
                index += size
                break
        else:
            index += 1
    return found


# British and American spellings of one word ending: licence / license, organise / organize,
# behaviour / behavior, centre / center.
SPELLINGS = (("ence", "ense"), ("ise", "ize"), ("yse", "yze"), ("our", "or"), ("tre", "ter"))


def spelling_variants(word: str) -> list[str]:
    """The word in the other English spelling(s): "licence" → "license", "center" → "centre"."""
    variants = []
    for british, american in SPELLINGS:
        for have, other in ((british, american), (american, british)):
            if word.endswith(have) and len(word) - len(have) >= 3:
                variants.append(word[: -len(have)] + other)
    return variants


def respelled(phrase: str) -> list[str]:
    """The phrase with its last word in the other English spelling(s)."""
    head, _, last = phrase.rpartition(" ")
    return [f"{head} {variant}".strip() for variant in spelling_variants(last)]


def lookup_forms(phrase: str) -> list[str]:
    """The phrase, its other English spelling and its plain forms: "licence" → "license",
    "updated" → "update", "selling" → "sell", "homes" → "home"."""
    forms = [phrase, *respelled(phrase)]
    head, _, last = phrase.rpartition(" ")
    stem_forms = []
    if last.endswith("ies") and len(last) > 5:
        stem_forms.append(last[:-3] + "y")
    for suffix, replacement in (
        ("s", ""),
        ("es", ""),
        ("ed", ""),
        ("ed", "e"),
        ("d", ""),
        ("ing", ""),
        ("ing", "e"),
    ):
        if last.endswith(suffix) and len(last) - len(suffix) >= 3:
            stem_forms.append(last[: len(last) - len(suffix)] + replacement)
    forms += [f"{head} {form}".strip() for form in stem_forms]
    forms += [variant for form in stem_forms for variant in respelled(f"{head} {form}".strip())]
    return list(dict.fromkeys(forms))


@cache
def dutch_english() -> dict[str, tuple[str, ...]]:
    """The vocabulary read the other way: a Dutch word → the English terms it translates, for
    Dutch questions about English text."""
    table: dict[str, list[str]] = {}
    for english, terms in english_dutch().items():
        for term in terms:
            if " " not in term:
                table.setdefault(term, []).append(english)
    return {term: tuple(dict.fromkeys(found)) for term, found in table.items()}


def expand_to_english(text: str, splitter: CompoundSplitter | None = None, per_word: int = 4) -> list[str]:
    """English terms for the words (and compound parts) of a Dutch question."""
    table = dutch_english()
    found: list[str] = []
    for word in dict.fromkeys(words(text)):
        if word in STOP or len(word) < 4:
            continue
        parts = splitter.parts(word) if splitter is not None else []
        for form in (word, re.sub(r"(en|s)$", "", word), *parts):
            found.extend(table.get(form, ())[:per_word])
    return list(dict.fromkeys(found))


def expand_english(text: str) -> list[str]:
    """Dutch terms for the English words and phrases of a question."""
    return [term for _, terms in english_phrases(text) for term in terms]


class CompoundSplitter:
    """Splits Dutch compounds into known parts: woningvoorraad → woning + voorraad."""

    def __init__(self, vocabulary: Iterable[str]) -> None:
        self.vocabulary = {w for w in vocabulary if len(w) >= 4 and w.isalpha()}

    def parts(self, word: str) -> list[str]:
        """Both parts known is best; else a known part of 6+ letters and a rest of 5+ letters."""
        if len(word) < 9 or not word.isalpha():
            return []
        fallback: list[str] = []
        for cut in range(4, len(word) - 3):
            head, tail = word[:cut], word[cut:]
            for glue in ("", "s", "en", "e"):
                if glue and not head.endswith(glue):
                    continue
                stem_head = head[: len(head) - len(glue)] if glue else head
                head_known, tail_known = stem_head in self.vocabulary, tail in self.vocabulary
                if head_known and tail_known and max(len(stem_head), len(tail)) >= 5:
                    return [stem_head, tail]
                known_long = (head_known and len(stem_head) >= 6) or (tail_known and len(tail) >= 6)
                # voorrangs|regeling replaces voorrang|sregeling: the linking s is the head's
                better = not fallback or (glue and stem_head == fallback[0])
                if known_long and min(len(stem_head), len(tail)) >= 5 and better:
                    fallback = [stem_head, tail]
        return fallback


def expand_dutch(text: str, splitter: CompoundSplitter | None = None, per_word: int = 3) -> list[str]:
    """Synonyms from the vocabulary for the words (and compound parts) of a Dutch question."""
    found: list[str] = []
    for word in dict.fromkeys(words(text)):
        if word in STOP or len(word) < 4:
            continue
        parts = splitter.parts(word) if splitter is not None else []
        for form in (word, *parts):
            found.extend(dutch_synonyms(form)[:per_word])
    return [term for term in dict.fromkeys(found) if term not in text.lower()]


def analyse(text: str, splitter: CompoundSplitter | None = None) -> list[str]:
    """The BM25 tokens of a text: stems of its words plus stems of their compound parts."""
    tokens = words(text)
    extra: list[str] = []
    if splitter is not None:
        for token in tokens:
            extra.extend(splitter.parts(token))
    return stems(tokens + extra)


def shares_term(terms: set[str], others: set[str]) -> bool:
    """A stem in common, or one inside another (gehuisvest / huisvesting, duurzaam / verduurzaming,
    flatcoach / flatcoaches)."""
    if terms & others:
        return True
    return any(inside(t, s) or inside(s, t) for t in terms for s in others)


def inside(short: str, long: str) -> bool:
    """bouw in bouwt (the stemmer leaves a verb's -t), duurzaam in verduurzaming."""
    return (len(short) >= 4 and long.startswith(short)) or (len(short) >= 5 and short in long)
