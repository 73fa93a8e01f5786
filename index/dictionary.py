"""A general Dutch–English dictionary, for the words of a question the housing vocabulary
(index/data/en_nl.tsv) does not know: a Dutch question about an English licence ("bewerking",
"naam") or an English question about a Dutch law ("remove", "name").

The words come from FreeDict's Dutch–English and English–Dutch dictionaries (Debian's
dict-freedict-nld-eng and dict-freedict-eng-nld, GPL), read where the system installed them;
`make install-system` installs them. Without them the vocabulary alone translates.
A general dictionary gives every sense of a word ("recht": law, right, straight), so its
translations search with less weight than the vocabulary's (Ranking.dictionary_weight).
"""

from __future__ import annotations

import gzip
import logging
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

from index.lexicon import STOP, lookup_forms, words

DICTIONARY_DIR = Path("/usr/share/dictd")  # where Debian installs dictd dictionaries
DUTCH_ENGLISH = "freedict-nld-eng"
ENGLISH_DUTCH = "freedict-eng-nld"
PER_WORD = 3  # translations kept per word, in the dictionary's order (its first senses)
MAX_WORDS = 2  # longer translations are explanations, not words a text would use
ENGLISH_WORDS = Path("/usr/share/dict/american-english")  # Debian's wamerican
VOWELS = "aeiouy"
GLUED = 6  # shorter translations are not checked for phrases run together
Used = Callable[[str], bool] | None  # whether the documents use a translation

BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def offset(digits: str) -> int:
    """dictd's index numbers: base 64, most significant digit first."""
    value = 0
    for digit in digits:
        value = value * 64 + BASE64.index(digit)
    return value


def read_dictd(name: str, folder: Path = DICTIONARY_DIR) -> dict[str, list[str]]:
    """Headword → translations of one dictd dictionary (`name.index` and `name.dict.dz`); empty
    when it is not installed."""
    index, data = folder / f"{name}.index", folder / f"{name}.dict.dz"
    if not (index.is_file() and data.is_file()):
        return {}
    body = gzip.decompress(data.read_bytes())
    table: dict[str, list[str]] = {}
    for line in index.read_text("utf-8").splitlines():
        fields = line.split("\t")
        if len(fields) != 3 or fields[0].startswith("00-database"):
            continue
        start, size = offset(fields[1]), offset(fields[2])
        entry = body[start : start + size].decode("utf-8", "replace")
        senses = entry.replace("ĳ", "ij").splitlines()[1:]  # the first line repeats the headword
        table.setdefault(fields[0].lower().replace("ĳ", "ij"), []).extend(translations(senses))
    return table


def translations(senses: list[str]) -> list[str]:
    """'1. image, picture' / '2. figure' → image, picture, figure: numbering, notes in brackets
    and explanations of more than MAX_WORDS words left out."""
    found = []
    for sense in senses:
        sense = re.sub(r"^\s*\d+\.\s*|\(.*?\)", " ", sense)
        for term in sense.split(","):
            term = " ".join(term.split()).lower()
            if term and len(term.split()) <= MAX_WORDS and term not in STOP:
                found.append(term)
    return found


@cache
def tables(folder: Path = DICTIONARY_DIR) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Dutch → English and English → Dutch, each dictionary also read backwards."""
    dutch_english = read_dictd(DUTCH_ENGLISH, folder)
    english_dutch = read_dictd(ENGLISH_DUTCH, folder)
    to_english: dict[str, list[str]] = {k: list(v) for k, v in dutch_english.items()}
    to_dutch: dict[str, list[str]] = {k: list(v) for k, v in english_dutch.items()}
    for headword, senses in dutch_english.items():
        for term in senses:
            to_dutch.setdefault(term, []).append(headword)
    for headword, senses in english_dutch.items():
        for term in senses:
            to_english.setdefault(term, []).append(headword)
    words = english_words()
    unique = {k: [t for t in dict.fromkeys(v) if not glued(t, words)] for k, v in to_english.items()}
    return unique, {k: list(dict.fromkeys(v)) for k, v in to_dutch.items()}


def english_words(path: Path = ENGLISH_WORDS) -> frozenset[str]:
    """The system's English word list (Debian's wamerican), lower case; empty when not installed."""
    if not path.is_file():
        return frozenset()
    lines = path.read_text("utf-8", "replace").splitlines()
    return frozenset(w.strip().lower() for w in lines if "'" not in w)


def glued(term: str, words: frozenset[str]) -> bool:
    """A phrase FreeDict wrote without its spaces ("beallowedto", "makeuseof", "ofhighstature"):
    no English word, but two or more of them run together."""
    if " " in term or len(term) < GLUED or term in words or not words:
        return False
    parts = {0: 0}  # where a run of words can end, and the most words it took to get there
    for start in range(len(term)):
        if start in parts:
            for stop in range(start + 1, len(term) + 1):
                if term[start:stop] in words and (stop - start > 1 or term[start] in "ai"):
                    parts[stop] = max(parts.get(stop, 0), parts[start] + 1)
    return parts.get(len(term), 0) >= 2


def load() -> bool:
    """Read the dictionaries now (a server does it before its first question); say once in the log
    when they are not installed."""
    found = bool(tables()[0])
    if not found:
        logging.getLogger(__name__).warning(
            "FreeDict's Dutch-English dictionaries are not in %s (make install-system): questions are "
            "translated by the housing vocabulary only",
            DICTIONARY_DIR,
        )
    return found


def dutch_forms(word: str) -> list[str]:
    """A Dutch word and the forms a dictionary lists it by: "genoemd" → noemen, "kopieën" → kopie,
    "bewaart" → bewaren, "gevraagd" → vragen, "maximale" → maximaal; "huizen" → huis is beyond
    this and is left to the vocabulary."""
    forms = [word]
    for ending in ("en", "ën", "s", "e", "t", "d", "de", "te"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            forms.append(word[: -len(ending)])
    if word.endswith("en") and len(word) > 5 and word[-3] == word[-4]:  # "bellen" → bel
        forms.append(word[:-3])
    stems = []
    if word.startswith("ge") and len(word) > 6 and word[-1] in "dt":  # a participle: "genoemd" → noemen
        stems.append(word[2:-1])
    if word[-1] in "dt" and len(word) >= 5:  # "bewaart", "houdt", "verwerkt": the stem, then "-en"
        stems.append(word[:-1])
    for stem in stems:
        forms += [f"{stem}en", f"{open_syllable(stem)}en"]
    if word.endswith("e") and len(word) > 5:  # an adjective's "-e": "maximale" → maximaal
        forms.append(closed_syllable(word[:-1]))
    return list(dict.fromkeys(forms))


def open_syllable(stem: str) -> str:
    """A stem's long vowel written once before "-en": "bewaar" → bewar(en), "vraag" → vrag(en)."""
    if len(stem) >= 4 and stem[-3] == stem[-2] and stem[-2] in "aeou" and stem[-1] not in VOWELS:
        return stem[:-3] + stem[-2:]
    return stem


def closed_syllable(stem: str) -> str:
    """A long vowel written twice at a word's end: "maximal" → maximaal, "algemen" → algemeen."""
    if len(stem) >= 4 and stem[-2] in "aeou" and stem[-3] not in VOWELS and stem[-1] not in VOWELS:
        return stem[:-1] + stem[-2:]
    return stem


def names(text: str) -> frozenset[str]:
    """Words written with a capital inside a sentence: names ("Woonstichting Voorbeeld",
    "Huurcommissie"), which no dictionary translates."""
    found = re.findall(r"(?<![.?!:]\s)(?<!^)\b([A-Z][\w-]*)", text.strip())
    return frozenset(w.lower() for w in found)


def to_english(
    text: str, skip: frozenset[str] = frozenset(), folder: Path = DICTIONARY_DIR, *, used: Used = None
) -> list[str]:
    """English translations of a Dutch text's words, but for those in `skip` (known to the
    vocabulary already) and its names."""
    return flat(by_word(text, "nl", skip, used, folder))


def to_dutch(
    text: str, skip: frozenset[str] = frozenset(), folder: Path = DICTIONARY_DIR, *, used: Used = None
) -> list[str]:
    """Dutch translations of an English text's words, but for those in `skip` and its names."""
    return flat(by_word(text, "en", skip, used, folder))


def by_word(
    text: str, language: str, skip: frozenset[str], used: Used = None, folder: Path = DICTIONARY_DIR
) -> list[tuple[str, ...]]:
    """The translations of a text in `language` ("nl" or "en") into the other, one group per word."""
    to_english, to_dutch = tables(folder)
    if language == "nl":
        return translate(text, to_english, dutch_forms, skip, used)
    return translate(text, to_dutch, lookup_forms, skip, used)


def flat(groups: list[tuple[str, ...]]) -> list[str]:
    return list(dict.fromkeys(t for group in groups for t in group))


def translate(
    text: str,
    table: dict[str, list[str]],
    forms: Callable[[str], list[str]],
    skip: frozenset[str],
    used: Used = None,
) -> list[tuple[str, ...]]:
    """Each word's first PER_WORD translations, looked up by the first of its forms the table
    lists; with `used`, the first PER_WORD of those the documents use: a translation no text
    holds can match nothing, and would push out one that can ("weghalen": abstract, take away,
    … remove). One group per word: two senses of one word are one piece of evidence."""
    found: list[tuple[str, ...]] = []
    skip = skip | names(text)
    for word in dict.fromkeys(words(text)):
        if word in STOP or len(word) < 4 or word in skip:
            continue
        form = next((f for f in forms(word) if f in table), None)
        senses = [t for t in table[form] if used is None or used(t)] if form else []
        if senses:
            found.append(tuple(senses[:PER_WORD]))
    return found
