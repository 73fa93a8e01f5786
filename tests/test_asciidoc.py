"""AsciiDoc: "==" headings and ". item" lists, as law collections write them."""

from __future__ import annotations

from pathlib import Path

from ingest.asciidoc import asciidoc_markdown, is_asciidoc
from tests.conftest import document_from_text

CODE = """= 12.40 - Assisted housing.
:toc:

== 12.40.010 - Findings.
The legislature finds that:

. Assisted housing is scarce.

. Units may be lost when contracts expire.

It is the purpose of this chapter to keep them.

== 12.40.020 - Notice to tenants.
An owner shall give notice:

. At least twelve months before the contract expires; and

. To each tenant and to the county, stating:

.. whether the owner will renew; and

.. where tenants may get help, http://example.org/help[the help desk].

== 12.40.030 - Damages.
A tenant may recover five hundred dollars.
"""


def test_asciidoc_is_known_by_its_headings_or_its_name() -> None:
    assert is_asciidoc("chapter.txt", CODE) and is_asciidoc("chapter.adoc", "text")
    assert not is_asciidoc("notes.txt", "= Title\n\nSome text.\n")  # one heading is no layout
    assert is_asciidoc("notes.txt", "= Title\n\n== 1 - Scope\n\nSome text.\n")
    sums = "Huur\n= € 500\n= € 510\n= € 520\n== € 530\n"  # a column of sums
    assert not is_asciidoc("berekening.txt", sums)
    assert not is_asciidoc("readme.md", CODE)


def test_list_levels_are_numbered_as_asciidoc_renders_them() -> None:
    markdown = asciidoc_markdown(CODE)
    assert "## 12.40.020 - Notice to tenants." in markdown and ":toc:" not in markdown
    assert "1. At least twelve months" in markdown and "   b. where tenants may get help, the help desk." in markdown


def test_a_state_codes_sections_and_their_subsections(tmp_path: Path) -> None:
    """"12.40.020" numbers a section (a part of three digits after "12.40"), its ". items" are
    (1) and (2), the ".. items" under (2) are in it."""
    doc = document_from_text(tmp_path, CODE, "chapter-12-40.txt")
    labels = [c.label for c in doc.clauses]
    assert {"12.40.010", "12.40.020", "12.40.020(1)", "12.40.020(2)", "12.40.030"} <= set(labels), labels
    text = {c.label: c.text for c in doc.clauses}
    assert "twelve months" in text["12.40.020(1)"] and "the help desk" in text["12.40.020(2)"]
