"""Compare: one row per agreement with its best clause on a topic, or "not covered" by the rule
`ask` uses. The fixtures (tests/data/versions/) are two years of two invented towns and one
neighbour, written for this test; the expected clause of each document is read off them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from index.answer import answer
from index.compare import COVERED, NOT_COVERED, compare, figure_lines
from index.errors import NothingToCompare
from index.search import Engine
from index.types import Filters

runner = CliRunner()

# topic → (document, clause label or None for "not covered"), in the order compare sorts them
EXPECTED = {
    "buurtbemiddeling": [
        ("brakeloo-2025", "afspraak 4"),
        ("brakeloo-2026", "afspraak 5"),
        ("heidehoven-2025-2026", "afspraak 1"),
        ("zilverwaard-2024", "2.1"),
        ("zilverwaard-2025", None),  # dropped in this version
    ],
    "huurverhoging": [
        ("brakeloo-2025", "afspraak 1"),
        ("brakeloo-2026", "afspraak 1"),
        ("heidehoven-2025-2026", None),  # the neighbour says nothing of rents
        ("zilverwaard-2024", "1.2"),
        ("zilverwaard-2025", "1.2"),
    ],
    "energiecoach": [
        ("brakeloo-2025", None),
        ("brakeloo-2026", "afspraak 2"),  # new in this version
        ("heidehoven-2025-2026", "afspraak 3"),
        ("zilverwaard-2024", None),
        ("zilverwaard-2025", None),
    ],
    "flatcoach": [
        ("brakeloo-2025", "afspraak 5"),
        ("brakeloo-2026", None),
        ("heidehoven-2025-2026", "afspraak 2"),
        ("zilverwaard-2024", None),
        ("zilverwaard-2025", None),
    ],
}


@pytest.fixture(scope="module")
def versions(versions_index: Path) -> Engine:
    return Engine.open(versions_index).warm()


@pytest.mark.parametrize("topic", sorted(EXPECTED))
def test_each_document_has_its_clause_or_is_not_covered(versions: Engine, topic: str) -> None:
    result = compare(versions, topic)
    found = [(row.doc_id, row.label if row.covered else None) for row in result.rows]
    assert found == EXPECTED[topic]
    assert result.covered == sum(label is not None for _, label in EXPECTED[topic])
    for row in result.rows:
        assert (row.status == NOT_COVERED) == (not row.quote)


@pytest.mark.parametrize("topic", [*sorted(EXPECTED), "Wie betaalt de buurtbemiddeling?"])
def test_the_same_rule_as_ask_per_document(versions: Engine, topic: str) -> None:
    """Each row is what `ask TOPIC --doc DOC` cites first, and "not covered" where it finds nothing."""
    for row in compare(versions, topic).rows:
        asked = answer(versions, topic, Filters(doc=(row.doc_id,)))
        assert (asked.kind == "not_found") == (not row.covered), (topic, row.doc_id)
        if row.covered:
            assert asked.citations[0].clause_id == row.clause_id, (topic, row.doc_id)


def test_figures_of_the_quoted_sentences(versions: Engine) -> None:
    rows = {row.doc_id: row for row in compare(versions, "buurtbemiddeling").rows}
    first = rows["brakeloo-2025"]
    assert first.status == COVERED and first.pages == (1,)
    assert "€ 40.000 per jaar" in first.quote
    (total,) = first.figures.amounts  # the two shares are listed with their total, not again
    assert total.value == 40000 and total.period == "per jaar"
    assert {(s.party, s.euros) for s in total.payers} == {("Gemeente Brakeloo", 30000), ("Brakewonen", 10000)}
    assert [d.start for d in first.figures.dates] == ["2025-03-01"]
    assert figure_lines(rows["zilverwaard-2024"].figures) == [
        "€ 18.000 per jaar — Zilverhuis € 9.000 (de helft, 1/2); Gemeente Zilverwaard € 9.000 (de helft, 1/2)"
    ]
    rent = {row.doc_id: row for row in compare(versions, "huurverhoging").rows}
    assert [a.text for a in rent["zilverwaard-2025"].figures.percentages] == ["3 procent"]
    built = {row.doc_id: row for row in compare(versions, "isolatie energielabel").rows}
    assert built["zilverwaard-2025"].figures.counts == ("150 woningen",)


def test_filters_choose_the_documents(versions: Engine) -> None:
    town = compare(versions, "buurtbemiddeling", municipality="Zilverwaard")
    assert [row.doc_id for row in town.rows] == ["zilverwaard-2024", "zilverwaard-2025"]
    year = compare(versions, "buurtbemiddeling", year=2025)
    assert [row.doc_id for row in year.rows] == ["brakeloo-2025", "heidehoven-2025-2026", "zilverwaard-2025"]
    with pytest.raises(NothingToCompare, match="--municipality Nergenshuizen matches no document"):
        compare(versions, "buurtbemiddeling", municipality="Nergenshuizen")


def test_cli_table_json_and_csv(versions_index: Path) -> None:
    table = runner.invoke(app, ["compare", "buurtbemiddeling", "--index", str(versions_index)])
    assert table.exit_code == 0, table.output
    assert "buurtbemiddeling: 4 of 5 documents" in table.output
    assert "not covered" in table.output and "afspraak 4" in table.output
    assert max(len(line) for line in table.output.splitlines()) <= 80
    data = json.loads(
        runner.invoke(app, ["compare", "energiecoach", "--json", "--index", str(versions_index)]).stdout
    )
    assert data["covered"] == 2 and [r["status"] for r in data["rows"]].count("not covered") == 3
    csv = runner.invoke(app, ["compare", "huurverhoging", "--csv", "--index", str(versions_index)]).stdout
    assert csv.splitlines()[0].startswith("doc,title,municipality,period,kind,status,label")
    assert len(csv.splitlines()) == 6
    wrong = runner.invoke(app, ["compare", "x", "--year", "1990", "--index", str(versions_index)])
    assert wrong.exit_code == 1 and "--year 1990 matches no document" in wrong.output


def test_corpus_clause_naming_the_topic_is_preferred(engine: Engine) -> None:
    """Of a corpus agreement's close clauses, the one that names "buurtbemiddeling" is shown; a
    report about agreements gets no row, and a document without the word is not covered."""
    rows = {row.doc_id: row for row in compare(engine, "buurtbemiddeling").rows}
    assert all(engine.doc_by_id[d].kind in ("agreement", "notice") for d in rows)
    for row in rows.values():
        assert not row.covered or row.status == COVERED
        if (
            row.covered
            and "buurtbemiddeling" in " ".join(c.text for c in engine.chunks_of(row.doc_id)).lower()
        ):
            assert "buurtbemiddeling" in row.quote.lower(), row


@pytest.mark.slow
def test_compare_over_a_hundred_documents(engine: Engine) -> None:
    """Every agreement of a 100-document index gets its row (its speed is measured in bench/speed.py)."""
    from bench.speed import copied_documents  # the same 100 documents bench/speed.py times

    big = copied_documents(engine, copies=20)
    result = compare(big, "Wie betaalt de buurtbemiddeling?")
    assert len(big.documents) == 100 and len(result.rows) == 80  # the reports get no row
    covered: dict[str, set[bool]] = {}
    for row in result.rows:  # a copy of a document is covered, or not, as the document is
        covered.setdefault(row.doc_id.rsplit("-", 1)[0], set()).add(row.covered)
    assert len(covered) == 4 and all(len(found) == 1 for found in covered.values())
