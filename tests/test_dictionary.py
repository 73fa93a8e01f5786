"""The general Dutch–English dictionary: reading dictd files, and what it adds to a question that
the housing vocabulary cannot translate."""

from __future__ import annotations

import gzip
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from index import dictionary
from index.lexicon import analyse
from index.search import Engine

HAVE_DICTIONARY = (dictionary.DICTIONARY_DIR / f"{dictionary.DUTCH_ENGLISH}.index").is_file()
needs_dictionary = pytest.mark.skipif(not HAVE_DICTIONARY, reason="FreeDict missing: make install-system")


def write_dictd(folder: Path, name: str, entries: dict[str, str]) -> None:
    """A dictd pair: the entries' bodies one after another, gzipped, and an index of headword,
    offset and length in dictd's base 64."""

    def base64(number: int) -> str:
        digits = ""
        while True:
            digits = dictionary.BASE64[number % 64] + digits
            number //= 64
            if number == 0:
                return digits

    body, lines = b"", ["00-database-short\tA\tB"]
    for headword, senses in entries.items():
        entry = f"{headword}\n{senses}\n".encode()
        lines.append(f"{headword}\t{base64(len(body))}\t{base64(len(entry))}")
        body += entry
    (folder / f"{name}.index").write_text("\n".join(lines) + "\n", "utf-8")
    (folder / f"{name}.dict.dz").write_bytes(gzip.compress(body))


def test_dictd_files_are_read_both_ways(tmp_path: Path) -> None:
    write_dictd(
        tmp_path,
        dictionary.DUTCH_ENGLISH,
        {
            "bewerking": "1. adaptation\n2. adjustment, process",
            "noemen": "call, name (a person)",
            "voorbeeld": "example",
        },
    )
    write_dictd(tmp_path, dictionary.ENGLISH_DUTCH, {"remove": "verwĳderen, weghalen"})
    to_english, to_dutch = dictionary.tables(tmp_path)
    assert to_english["bewerking"] == ["adaptation", "adjustment", "process"]
    assert to_english["noemen"] == ["call", "name"]  # a note in brackets is no translation
    assert to_english["verwijderen"] == ["remove"]  # read backwards, the ĳ ligature spelled out
    assert to_dutch["remove"] == ["verwijderen", "weghalen"]
    assert to_dutch["adaptation"] == ["bewerking"]
    # a Dutch participle and plural are looked up by the forms a dictionary lists
    found = dictionary.to_english("Wie wordt genoemd bij de bewerkingen?", folder=tmp_path)
    assert found[:3] == ["call", "name", "adaptation"]
    # one group per word; with what the documents use, the first senses they use
    by_word = dictionary.by_word("Wie wordt genoemd bij de bewerkingen?", "nl", frozenset(), folder=tmp_path)
    assert by_word == [("call", "name"), ("adaptation", "adjustment", "process")]
    used = {"name", "process"}.__contains__
    assert dictionary.to_english("Wie wordt genoemd bij de bewerkingen?", used=used, folder=tmp_path) == [
        "name",
        "process",
    ]
    assert dictionary.to_dutch("Must I remove it?", folder=tmp_path) == ["verwijderen", "weghalen"]
    assert dictionary.to_dutch("Must I remove it?", frozenset({"remove"}), tmp_path) == []
    # a name is not translated: a word capitalised inside a sentence
    assert dictionary.to_english("Wat doet Woonstichting Voorbeeld?", folder=tmp_path) == []
    assert dictionary.to_english("Voorbeeld: wat is een bewerking?", folder=tmp_path)[:2] == ["example", "adaptation"]


def test_a_dutch_verb_or_adjective_is_looked_up_as_the_dictionary_lists_it(tmp_path: Path) -> None:
    """A dictionary lists "bewaren", "vragen" and "maximaal"; a question says "bewaart",
    "gevraagd" and "maximale"."""
    assert {"bewaren", "houden"} <= {*dictionary.dutch_forms("bewaart"), *dictionary.dutch_forms("houdt")}
    assert "vragen" in dictionary.dutch_forms("gevraagd") and "maximaal" in dictionary.dutch_forms("maximale")
    assert "groeen" not in dictionary.dutch_forms("groene")  # "oe" is one vowel, not a long "e"
    write_dictd(tmp_path, dictionary.DUTCH_ENGLISH, {"bewaren": "keep, store", "maximaal": "maximum"})
    write_dictd(tmp_path, dictionary.ENGLISH_DUTCH, {})
    found = dictionary.to_english("Wat is de maximale termijn die hij bewaart?", folder=tmp_path)
    assert found == ["maximum", "keep", "store"]


def test_phrases_run_together_are_no_translation(tmp_path: Path) -> None:
    """FreeDict writes some phrases without spaces ("beallowedto"): no text holds such a word.
    A word of the word list ("adaptation") is kept, whatever words it contains."""
    words = frozenset({"be", "allowed", "to", "adaptation", "adapt", "make", "use", "of", "may"})
    assert dictionary.glued("beallowedto", words) and dictionary.glued("makeuseof", words)
    assert not dictionary.glued("adaptation", words) and not dictionary.glued("may", words)
    assert not dictionary.glued("beallowedto", frozenset())  # no word list: nothing is left out
    word_list = tmp_path / "words"
    word_list.write_text("be\nallowed\nto\nmay\nmay's\n", "utf-8")
    assert dictionary.english_words(word_list) == {"be", "allowed", "to", "may"}


def test_no_dictionary_installed_translates_nothing(tmp_path: Path) -> None:
    assert dictionary.tables(tmp_path) == ({}, {})
    assert dictionary.to_english("bewerking", folder=tmp_path) == []


@needs_dictionary
def test_the_installed_dictionaries_translate_ordinary_words() -> None:
    assert "adaptation" in dictionary.to_english("bewerking")
    assert "copy" in dictionary.to_english("exemplaar")
    assert "huurder" in dictionary.to_dutch("tenant")


LICENCE = """Voorbeeld Software Licence

1. Permission.
You may give copies of the Software to anyone.

2. Changes.
You must state the changes you made when you share a translation of the Software.

3. Attribution.
Keep the name of the author with every copy.
"""


@needs_dictionary
def test_a_dutch_question_reaches_english_text_through_the_dictionary(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """"vertaling" is no word of housing or contracts: the vocabulary cannot translate it, the
    dictionary can ("translation"); BM25 then finds the clause that uses it, and nothing without."""
    from index.build import ingest

    folder = tmp_path_factory.mktemp("dictionary")
    (folder / "voorbeeld-licence.txt").write_text(LICENCE, "utf-8")
    assert not ingest([folder / "voorbeeld-licence.txt"], folder / "index").errors
    engine = Engine.open(folder / "index")
    query = engine.understand("Wat moet ik vermelden bij een vertaling?")
    assert "translation" in query.dictionary_terms and not query.english_terms

    def lexical_best(terms: tuple[str, ...]) -> str:
        scores = engine.lexical.scores(analyse(" ".join(terms), engine.lexical.splitter))
        return engine.snapshot.chunks[int(np.argmax(scores))].label if scores.max() > 0 else ""

    assert lexical_best(query.dictionary_terms) == "2"
    assert lexical_best((query.text,)) == ""  # the Dutch words alone match nothing
    engine.ranking = replace(engine.ranking, dense_weight=0.0)  # the lexical lists alone
    assert engine.search(query)[0].chunk.label == "2"


@needs_dictionary
def test_two_dictionary_translations_in_a_passage_are_evidence_one_is_not(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """A Dutch question about English text that the vocabulary cannot translate: "technisch
    comité" shares two translations with the committee's clause, enough to answer from it; "recht"
    shares only its own senses ("law", "right") with the governing-law clause: two senses of one
    word are one word, no evidence."""
    from index.build import ingest

    folder = tmp_path_factory.mktemp("evidence")
    (folder / "charter.txt").write_text(
        "Project Charter\n\n1. Committee. The Technical Committee meets twice a year to review the "
        "roadmap of the project.\n\n2. Governing law. This charter is governed by the law of Ireland, "
        "and each member has the right to take disputes to its courts.\n",
        "utf-8",
    )
    assert not ingest([folder / "charter.txt"], folder / "index").errors
    engine = Engine.open(folder / "index")
    committee = engine.understand("Hoe vaak vergadert het technisch comité?")
    hit = engine.search(committee)[0]
    assert hit.chunk.label == "1" and engine.shares_words(committee, hit)
    law = engine.understand("Onder welk recht valt dit?")
    hit = next(h for h in engine.search(law) if h.chunk.label == "2")
    assert {"law", "right"} <= set(law.dictionary_terms) and not engine.shares_words(law, hit)
