"""Deadline and budget look-ups on agreements written for the test: the default table shows
commitments, the calendar imports cleanly and no occurrence falls outside its agreement's period."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar

from index import lookup
from ingest.pipeline import read_document

ROOT = Path(__file__).resolve().parent
WRITTEN = [
    ROOT / "data" / "agreements" / "vlietdorp-2026-2029.txt",
    *sorted((ROOT / "zoo").glob("0[1-7]-*.txt")),
]


@dataclass
class Info:
    id: str
    municipality: str
    period: str
    parties: tuple[str, ...]
    short_title: str


@dataclass
class Engine:
    deadlines: tuple
    amounts: tuple
    documents: tuple


@pytest.fixture(scope="module")
def engine() -> Engine:
    docs = [read_document(p) for p in WRITTEN]
    return Engine(
        tuple(d for doc in docs for d in doc.deadlines),
        tuple(a for doc in docs for a in doc.amounts),
        tuple(Info(d.id, d.municipality, d.period, d.parties, d.title) for d in docs),
    )


def _bounds(period: str) -> tuple[date, date]:
    years = [int(y) for y in period.replace("–", "-").split("-") if y.strip().isdigit()]
    return date(min(years), 1, 1), date(max(years), 12, 31)


def test_default_table_holds_commitments_only(engine: Engine) -> None:
    rows = lookup.deadlines(engine, everything=False, today=date(2026, 2, 1))
    everything = lookup.deadlines(engine)
    assert rows and len(rows) < len(everything)
    assert all(d.row in ("commitment", "recurring") and d.doc_kind == "agreement" for d in rows)
    assert any(d.row == "history" for d in everything)  # "In 2019 sloten partijen …" stays in --all
    periods = {i.id: i.period for i in engine.documents}
    for d in rows:  # nothing before its document's period unless it is a commitment
        if d.end and d.end < f"{_bounds(periods[d.doc_id])[0]:%Y-%m-%d}":
            assert d.row == "commitment"


def test_default_order_is_upcoming_then_overdue_per_municipality(engine: Engine) -> None:
    today = date(2026, 8, 1)
    rows = lookup.deadlines(engine, everything=False, today=today)
    places = {i.id: i.municipality for i in engine.documents}
    seen: list[str] = []
    for d in rows:
        place = places[d.doc_id]
        if not seen or seen[-1] != place:
            assert place not in seen, "one block per municipality"
            seen.append(place)
    block = [d for d in rows if places[d.doc_id] == places[rows[0].doc_id]]
    states = [lookup.status(d, today) == "overdue" for d in block]
    assert states == sorted(states), "upcoming rows come before overdue ones"


def test_calendar_parses_and_every_occurrence_lies_in_its_period(engine: Engine) -> None:
    rows = lookup.deadlines(engine, everything=False)
    calendar = Calendar.from_ical(lookup.deadlines_ics(rows, lookup.titles_of(engine)))
    events = list(calendar.walk("VEVENT"))
    assert events
    periods = {i.id: i.period for i in engine.documents}
    by_uid = {f"{d.clause_id}": d for d in rows}
    recurring = 0
    for event in events:
        start = event.decoded("dtstart")
        assert isinstance(start, date) and not isinstance(start, datetime), "all-day events"
        assert "·" in str(event.get("description")), "the description cites the clause"
        deadline = by_uid[str(event.get("uid")).split("-")[0]]
        low, high = _bounds(periods[deadline.doc_id])
        if "RRULE" in event:
            recurring += 1
            rule = event["RRULE"]
            assert rule.get("UNTIL"), "every recurring event ends"
            text = event["RRULE"].to_ical().decode()
            days = list(rrulestr(text, dtstart=datetime.combine(start, datetime.min.time())))
            assert days and all(low <= d.date() <= high for d in days), (deadline.when, text, days[:3])
        elif deadline.row == "recurring":
            pytest.fail(f"recurring {deadline.when!r} has no RRULE")
    assert recurring >= 10


def test_budget_defaults_and_targets_apart(engine: Engine) -> None:
    budgets = lookup.budgets(engine, everything=False)
    targets = lookup.budgets(engine, targets=True)
    assert budgets and all(a.row == "budget" and a.unit != "%" for a in budgets)
    assert targets and all(a.unit == "%" for a in targets)
    capped = next(a for a in budgets if a.each and a.bound == "up to")  # "ieder tot € 60.000"
    assert lookup.amount_text(capped).startswith("ieder max. € 60.000")


def test_csv_has_every_column(engine: Engine) -> None:
    text = lookup.deadlines_csv(lookup.deadlines(engine), date(2026, 1, 1))
    header = text.splitlines()[0].split(",")
    assert {"status", "row", "doc_kind", "who", "receivers"} <= set(header)
    header = lookup.budgets_csv(lookup.budgets(engine)).splitlines()[0].split(",")
    assert {"row", "doc_kind", "bound", "each", "payers", "split_check"} <= set(header)
