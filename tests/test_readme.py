"""The README's example answers are what the corpus index really answers: each `$ afspraken ask`
in its first code block is asked again, and its first cited clause must be the README's."""

from __future__ import annotations

import re

import pytest

from index.answer import answer
from tests.conftest import ROOT

EXAMPLE = re.compile(r"^\$ afspraken ask \"(?P<question>[^\"]+)\"\n(?P<output>.*?)(?=^\$ |\Z)", re.M | re.S)
CITED = re.compile(r"^— (?P<citation>.+?)(?: · [^·]*›.*)?$", re.M)


def readme_examples() -> list[tuple[str, str]]:
    text = (ROOT / "README.md").read_text("utf-8")
    block = text.split("```\n", 2)[1]
    return [(m["question"], m["output"]) for m in EXAMPLE.finditer(block)]


def test_the_readme_has_examples() -> None:
    assert len(readme_examples()) >= 2


@pytest.mark.parametrize(("question", "output"), readme_examples())
def test_readme_example_cites_what_the_index_cites(engine, question: str, output: str) -> None:
    shown = CITED.search(output)
    assert shown is not None, f"the README shows no citation line for {question!r}"
    result = answer(engine, question)
    assert result.citations, result.text
    assert result.citations[0].short == shown["citation"]
