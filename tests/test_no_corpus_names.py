"""No name from the corpus in the code: rules are general, examples invented (STYLE.md, "General
rules, stated generally"). The names are read from the corpus at test time, as ingest reads them."""

from __future__ import annotations

import re
from functools import cache

from ingest.metadata import describe
from ingest.read import read_file
from tests.conftest import CORPUS, ROOT

# Tenant organisations the corpus names in ways metadata may not list as parties.
FIXED = ("respectus", "ah woon", "hvts", "tweestromenland")
PACKAGES = ("ingest", "index", "bot")
# Files other engineers are rewriting now; what they still hold is listed here, so that any name
# added elsewhere, or another name added there, fails. Remove an entry once its file is clean.


@cache
def corpus_names() -> frozenset[str]:
    """Municipalities and parties (names and aliases) of the corpus documents, lower case."""
    names: set[str] = set(FIXED)
    for path in sorted(CORPUS.glob("*.pdf")):
        meta = describe([line.text for line in read_file(path).lines])
        names.add(meta.municipality)
        for party in meta.book.parties:
            for name in (party.name, *party.aliases):
                name = re.sub(r"^gemeente\s+", "", name, flags=re.I)
                if len(name) >= 3 and not re.match(r"(?:de|het)\s", name):
                    names.add(name)
    return frozenset(n.lower() for n in names if n)


def names_in(text: str) -> set[str]:
    lowered = text.lower()
    return {
        name
        for name in corpus_names()
        if name in lowered and re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", lowered)
    }


def test_the_corpus_names_are_read() -> None:
    names = corpus_names()
    assert len(names) >= 15  # five agreements: their towns, corporations and tenant organisations
    assert len([n for n in names if n not in FIXED]) >= 10


def test_no_corpus_name_in_the_code() -> None:
    found: dict[str, set[str]] = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            names = names_in(path.read_text("utf-8"))
            if names:
                found[relative] = names
    assert not found, f"corpus names in the code: {found}"


def test_the_check_finds_a_name() -> None:
    name = sorted(n for n in corpus_names() if n not in FIXED)[0]
    assert names_in(f"# an example: {name.title()} agreed") == {name}
    assert not names_in(f"# {name}x is another word")
