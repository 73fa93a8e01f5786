"""Diff: the clauses of two versions matched by content, each classified. The expected
classification is the design of the fixtures (tests/data/versions/): per new-version clause, what
was done to it; per dropped one, that it was dropped."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from index.diff import CHANGED, DROPPED, NEW, UNCHANGED, ClauseText, diff, marked
from index.errors import UnknownDocument
from index.store import Snapshot, load_snapshot

runner = CliRunner()
OPENING = "opening"  # the unnumbered paragraph naming the parties (its year changes)

# (status, old label, new label, changed figures) in the order diff lists them
BRAKELOO = [
    (CHANGED, OPENING, OPENING, [("2025", "2026")]),
    (CHANGED, "afspraak 1", "afspraak 1", [("2025", "2026"), ("3,5 procent", "2,8 procent")]),
    (NEW, None, "afspraak 2", []),  # energiecoach, added before the others
    (UNCHANGED, "afspraak 2", "afspraak 3", []),  # renumbered
    (CHANGED, "afspraak 3", "afspraak 4", [("€ 20.000", "€ 25.000")]),
    (
        CHANGED,
        "afspraak 4",
        "afspraak 5",
        [("1 maart 2025", ""), ("€ 40.000", "€ 42.000"), ("€ 30.000", "€ 31.000"), ("€ 10.000", "€ 11.000")],
    ),
    (DROPPED, "afspraak 5", None, []),  # flatcoaches
    (UNCHANGED, "afspraak 6", "afspraak 6", []),
    (CHANGED, "afspraak 7", "afspraak 7", [("2025", "2026"), ("60", "75")]),
    (DROPPED, "afspraak 8", None, []),  # the woonvisie, done
    (NEW, None, "afspraak 8", []),  # doorstroming of seniors
]
ZILVERWAARD = [
    (CHANGED, OPENING, OPENING, [("2024", "2025")]),
    (CHANGED, "1.1", "1.1", [("2024", "2025"), ("40", "55")]),
    (CHANGED, "1.2", "1.2", [("2024", "2025"), ("4 procent", "3 procent")]),
    (UNCHANGED, "1.3", "1.3", []),
    (DROPPED, "2.1", None, []),  # buurtbemiddeling
    (UNCHANGED, "2.2", "2.1", []),  # renumbered
    (NEW, None, "2.2", []),  # wijkbudget
    (CHANGED, "3.1", "3.1", [("2024", "2025"), ("120", "150")]),
    (UNCHANGED, "3.2", "3.2", []),
    (NEW, None, "3.3", []),  # zonnepanelen
]


@pytest.fixture(scope="module")
def snapshot(versions_index: Path) -> Snapshot:
    return load_snapshot(versions_index)


def label(clause: ClauseText | None) -> str | None:
    if clause is None:
        return None
    return OPENING if clause.kind == "paragraph" else clause.label


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [("brakeloo-2025", "brakeloo-2026", BRAKELOO), ("zilverwaard-2024", "zilverwaard-2025", ZILVERWAARD)],
)
def test_every_clause_classified(snapshot: Snapshot, old: str, new: str, expected: list) -> None:
    result = diff(snapshot, old, new)
    found = [(p.status, label(p.old), label(p.new), list(p.figures)) for p in result.pairs]
    assert found == expected
    statuses = [status for status, *_ in expected]
    assert result.counts == {
        status: statuses.count(status) for status in (UNCHANGED, CHANGED, NEW, DROPPED)
    } | {"renumbered": sum(o not in (None, OPENING) and n not in (None, o) for _, o, n, _ in expected)}


def test_a_changed_clause_has_its_word_diff(snapshot: Snapshot) -> None:
    pairs = diff(snapshot, "brakeloo-2025", "brakeloo-2026").pairs
    rent = next(p for p in pairs if p.new is not None and p.new.label == "afspraak 1")
    assert marked(rent.words) == (
        "De huurverhoging van Brakewonen is in [-2025-] {+2026+} ten hoogste [-3,5-] {+2,8+} procent."
    )
    assert all(p.similarity >= 0.5 for p in pairs if p.status in (CHANGED, UNCHANGED))


def test_a_version_against_itself_and_an_unknown_document(snapshot: Snapshot) -> None:
    same = diff(snapshot, "heidehoven-2025-2026", "heidehoven-2025-2026")
    assert {p.status for p in same.pairs} == {UNCHANGED} and same.counts["renumbered"] == 0
    with pytest.raises(UnknownDocument, match="No document 'nergens' in the index"):
        diff(snapshot, "nergens", "brakeloo-2026")


def test_cli_diff_table_json_csv_and_document_names(versions_index: Path) -> None:
    index = ["--index", str(versions_index)]
    table = runner.invoke(app, ["diff", "zilverwaard-2024.txt", "zilverwaard-2025", *index])
    assert table.exit_code == 0, table.output
    assert "3 unchanged · 4 changed · 2 new · 1 dropped · 1 renumbered" in table.output
    assert "[-4-]{+3+}" in table.output.replace("\n", "")
    assert max(len(line) for line in table.output.splitlines()) <= 80
    data = json.loads(runner.invoke(app, ["diff", "brakeloo-2025", "brakeloo-2026", "--json", *index]).stdout)
    assert data["counts"]["dropped"] == 2 and len(data["pairs"]) == len(BRAKELOO)
    assert data["pairs"][4]["figures"] == [{"old": "€ 20.000", "new": "€ 25.000"}]
    csv = runner.invoke(app, ["diff", "zilverwaard-2024", "zilverwaard-2025", "--csv", *index]).stdout
    assert (
        csv.splitlines()[0] == "status,renumbered,old_label,new_label,old_pages,new_pages,figures,diff,text"
    )
    assert len(csv.splitlines()) == 1 + len(ZILVERWAARD)
    ambiguous = runner.invoke(app, ["diff", "brakeloo", "brakeloo-2026", *index])
    assert ambiguous.exit_code == 1 and "names several documents" in ambiguous.output
