"""The clause-label rule of the evaluation (shared/eval/README.md), on labels written for the test."""

from __future__ import annotations

import pytest

from index.evaluate import label_matches, label_numbers


def test_numbers_keep_their_letters() -> None:
    assert label_numbers("Artikel 16a") == ("16a",)
    assert label_numbers("Section 6(b)") == ("6", "b")
    assert label_numbers("1.1.2 afspraak 3") == ("1", "1", "2", "3")


@pytest.mark.parametrize(
    ("expected", "cited", "ok"),
    [
        ("afspraak 12", "afspraak 12", True),
        ("afspraak 12", "afspraak 2", False),
        ("§3.1.2", "§3.1.2", True),
        ("1.1.2 afspraak 3", "1.1.2 afspraak 3", True),
        ("Artikel 44", "Artikel 44 lid 2", True),
        ("Artikel 44", "Artikel 4", False),
        ("5b", "5", False),
        ("5", "5b", False),
        ("Section 6(b)", "Section 6(b)", True),
        ("Section 6(b)", "Section 6", False),
        ("Terms for Sponsors 2.1", "2.1", True),
    ],
)
def test_label_matches(expected: str, cited: str, ok: bool) -> None:
    assert label_matches(expected, cited) is ok
