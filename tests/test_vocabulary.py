"""The shipped word lists parse: the English→Dutch vocabulary, the municipalities and the
housing corporations."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import index
import ingest

INDEX_DATA = Path(index.__file__).parent / "data"
INGEST_DATA = Path(ingest.__file__).parent / "data"


def read_lines(path: Path) -> list[str]:
    return [line.rstrip("\n") for line in path.read_text(encoding="utf-8").splitlines()]


def duplicates(items: list[str]) -> list[str]:
    return [item for item, count in Counter(items).items() if count > 1]


def test_every_english_term_has_dutch_terms() -> None:
    lines = read_lines(INDEX_DATA / "en_nl.tsv")
    assert len(lines) >= 450
    for line in lines:
        english, tab, dutch = line.partition("\t")
        assert tab, f"no tab in {line!r}"
        assert english == english.strip().lower() and english, line
        terms = dutch.split("|")
        assert terms and all(term == term.strip().lower() and term for term in terms), line
        assert all(len(term.split()) <= 2 for term in terms), line


def test_english_terms_are_unique() -> None:
    keys = [line.split("\t", 1)[0] for line in read_lines(INDEX_DATA / "en_nl.tsv")]
    assert duplicates(keys) == []


def test_vocabulary_covers_the_core_of_the_field() -> None:
    pairs = dict(line.split("\t", 1) for line in read_lines(INDEX_DATA / "en_nl.tsv"))
    assert "huurverhoging" in pairs["rent increase"].split("|")
    assert pairs["neighbourhood"] == pairs["neighborhood"]
    assert "gemeente" in pairs["municipality"].split("|")
    assert "kwartaal" in pairs["quarter"].split("|")


def test_a_tenancys_own_words_translate_both_ways() -> None:
    """The words of any tenancy (its deposit, notice period, subletting, inspection) are in the
    vocabulary, so that a Dutch question about an English lease reaches it, and back."""
    from index.lexicon import expand_english, expand_to_english

    assert "deposit" in expand_to_english("Hoeveel borg betaal ik?")
    assert "notice period" in expand_to_english("Wat is de opzegtermijn?")
    assert {"onderhuur", "onderverhuur"} <= set(expand_english("May I sublet my flat?"))
    assert "keuring" in expand_english("Who pays for the inspection?")


def test_the_words_of_contracts_and_statutes_translate_both_ways() -> None:
    """Agreements, statutes and licences share a vocabulary of their own (confidentiality,
    indemnity, force majeure, quorum, source code): a question in either language reaches it."""
    from index.lexicon import expand_english, expand_to_english

    assert "geheimhouding" in expand_english("Is there a confidentiality clause?")
    assert "force majeure" in expand_to_english("Wat geldt bij overmacht?")
    assert "source code" in expand_to_english("Moet ik de broncode meeleveren?")
    assert "statuten" in expand_english("Can the articles of association be changed?")


def test_municipalities_are_listed_before_the_places() -> None:
    lines = [line for line in read_lines(INDEX_DATA / "gemeenten.txt") if line.strip()]
    marker = lines.index("# places")
    municipalities = lines[:marker]
    places = lines[marker + 1 :]
    assert len(set(municipalities)) >= 300
    assert duplicates(municipalities) == []
    for name in ("'s-Hertogenbosch", "Leidschendam-Voorburg", "Súdwest-Fryslân", "Tynaarlo"):
        assert name in municipalities
    assert {"Den Haag", "Den Bosch"} <= set(municipalities)  # as people write them
    assert "Eelde" in places
    assert not set(places) & set(municipalities)


def test_corporations_and_aliases_are_unique() -> None:
    lines = [line for line in read_lines(INGEST_DATA / "corporaties.txt") if line.strip()]
    assert len(lines) >= 150
    names = [name.strip().lower() for line in lines for name in line.split("|")]
    assert all(names)
    assert duplicates(names) == []
    assert "De Goede Woning|DGW" in lines
