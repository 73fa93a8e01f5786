"""Deadline and budget look-ups on agreements written for the test: the default table shows
commitments, the calendar imports cleanly and no occurrence falls outside its agreement's period."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass
from datetime import date, datetime
from pathlib import Path

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar

from index import lookup
from index.store import deadline_from_json
from ingest.extract import extract_amounts, extract_deadlines
from ingest.pipeline import read_document
from ingest.types import Clause

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


# --------------------------------------------------------------------------- rows of one clause


def _clause(text: str, period: str = "2026-2029", doc_kind: str = "agreement") -> Clause:
    return Clause(
        id="k1", doc_id="proef-2026", source="proef-2026.txt", title="Proef 2026", municipality="Proefstad",
        period=period, section_path=("2 Wonen",), label="afspraak 3", kind="afspraak", pages=(4,),
        text=text, parties=("Gemeente Proefstad", "Woonkring"), doc_kind=doc_kind,
    )  # fmt: skip


def _engine_of(c: Clause) -> Engine:
    info = Info(c.doc_id, c.municipality, c.period, c.parties, c.title)
    return Engine(extract_deadlines(c), extract_amounts(c, c.parties), (info,))


def test_history_rows_are_kept_for_all_and_hidden_by_default() -> None:
    text = (
        "In 2023 werden 30 woningen van Woonkring verduurzaamd. Sinds 2022 is de wachtlijst langer. "
        "Woonkring heeft per 1 maart 2024 een bod uitgebracht. "
        "Woonkring levert uiterlijk 1 oktober 2026 een sloopplan aan de gemeente."
    )
    engine = _engine_of(_clause(text))
    rows = {d.when: d.row for d in engine.deadlines}
    assert rows == {
        "In 2023": "history",
        "Sinds 2022": "history",
        "per 1 maart 2024": "history",
        "uiterlijk 1 oktober 2026": "commitment",
    }
    shown = lookup.deadlines(engine, everything=False, today=date(2026, 1, 1))
    assert [d.when for d in shown] == ["uiterlijk 1 oktober 2026"]
    everything = lookup.deadlines(engine, everything=True, today=date(2026, 1, 1))
    assert len(everything) == 4
    table = list(csv.DictReader(io.StringIO(lookup.deadlines_csv(everything, date(2026, 1, 1)))))
    assert sorted(r["row"] for r in table) == ["commitment", "history", "history", "history"]
    since = next(d for d in engine.deadlines if d.when == "Sinds 2022")
    assert (since.start, since.end) == ("2022-01-01", "")  # open-ended: since then


def test_a_signing_line_is_no_row() -> None:
    text = "Aldus overeengekomen en ondertekend te Proefstad op 3 december 2025."
    assert extract_deadlines(_clause(text)) == ()


def test_a_project_term_is_a_commitment_the_agreement_term_background() -> None:
    project = "De proef met een wijkconciërge heeft een looptijd tot en met juni 2028."
    (row,) = extract_deadlines(_clause(project))
    assert (row.row, row.start, row.end) == ("commitment", "2028-06-01", "2028-06-30")
    own = "Deze prestatieafspraken hebben een looptijd tot en met 2029."
    (row,) = extract_deadlines(_clause(own))
    assert row.row == "background"


def test_a_sentence_pointing_back_stays_with_the_dated_one() -> None:
    text = (
        "In Q3 2027 evalueren partijen de wachttijden. Dit gebeurt met de cijfers van het woonregister. "
        "Daarna volgt een nieuwe ronde in 2028."
    )
    first, second = extract_deadlines(_clause(text))
    assert first.sentence.endswith("Dit gebeurt met de cijfers van het woonregister.")
    assert first.what == "Evalueren partijen de wachttijden."
    assert "Dit gebeurt" not in second.sentence
    with_own_date = "In Q3 2027 evalueren partijen de wachttijden. Dit herhalen zij in 2029."
    first, second = extract_deadlines(_clause(with_own_date))
    assert first.sentence == "In Q3 2027 evalueren partijen de wachttijden."


# --------------------------------------------------------------------------- relative deadlines


@pytest.mark.parametrize(
    ("text", "within", "after", "before", "who"),
    [
        ("Woonkring beslist binnen zes weken na ontvangst van de aanvraag over de urgentie.",
         "6 weken", "ontvangst van de aanvraag", "", ("Woonkring",)),
        ("Binnen 10 werkdagen na de melding van een lekkage stuurt Woonkring een monteur.",
         "10 werkdagen", "de melding van een lekkage", "", ("Woonkring",)),
        ("De gemeente zendt het verslag uiterlijk drie maanden na vaststelling door de raad aan Woonkring.",
         "3 maanden", "vaststelling door de raad", "", ("Gemeente Proefstad",)),
        ("Woonkring stuurt de stukken uiterlijk twee weken vóór het bestuurlijk overleg.",
         "2 weken", "", "het bestuurlijk overleg", ("Woonkring",)),
        ("Na aanmelding biedt Woonkring de woningzoekende na een intake binnen een maand een woning aan.",
         "1 maand", "een intake", "", ("Woonkring",)),
        ("The municipality answers within 30 days of receipt of the request.",
         "30 days", "receipt of the request", "", ()),
        ("Woonkring reports no later than two months after the end of each quarter.",
         "2 months", "the end of each quarter", "", ("Woonkring",)),
        # a term spelled out with its figure, as contracts write it; a term in hours
        ("Woonkring repays the deposit within thirty (30) days after the end of the tenancy.",
         "30 days", "the end of the tenancy", "", ("Woonkring",)),
        ("Woonkring may cancel within forty eight (48) hours after the first payment.",
         "48 hours", "the first payment", "", ("Woonkring",)),
        ("Woonkring stuurt binnen 48 uur na de melding een monteur.",
         "48 uur", "de melding", "", ("Woonkring",)),
    ],
)  # fmt: skip
def test_a_term_counted_from_an_event_is_a_deadline_without_a_date(
    text: str, within: str, after: str, before: str, who: tuple[str, ...]
) -> None:
    (row,) = extract_deadlines(_clause(text))
    assert (row.within, row.after, row.before) == (within, after, before)
    assert (row.start, row.end) == ("", "")
    assert row.row in ("commitment", "recurring") and row.parties == who
    assert row.when.lower() in text.lower()
    assert "weken na" not in row.what and "binnen" not in row.what.lower()


def test_a_yearly_term_recurs_without_a_calendar_date() -> None:
    text = "Woonkring levert jaarlijks binnen twee maanden na afloop van het jaar de cijfers aan de gemeente."
    (row,) = extract_deadlines(_clause(text))
    assert (row.within, row.after, row.recurring, row.row) == ("2 maanden", "afloop van het jaar", "jaarlijks",
                                                               "recurring")  # fmt: skip
    assert (row.start, row.end) == ("", "")
    assert row.parties == ("Woonkring",) and row.receivers == ("Gemeente Proefstad",)
    assert lookup.date_text(row) == "jaarlijks, binnen 2 maanden na afloop van het jaar"
    # in English the term is translated; the event, in the document's words, is quoted
    assert lookup.date_text(row, "en") == "yearly, within 2 months after “afloop van het jaar”"


@pytest.mark.parametrize(
    "text",
    [
        "Deze afspraken hebben een looptijd van vier jaar.",
        "Woonkring verhuurt de woningen gedurende twee jaar na oplevering aan starters.",
        "Als een koper de woning binnen vijf jaar na aankoop verkoopt, betaalt hij een deel van de korting terug.",
        "Huurders die binnen drie maanden na de aanzegging bezwaar maken, krijgen een gesprek.",
        "Woonkring herstelt meldingen binnen 24 werkdagen.",
        "The lease runs for a period of two years after signing.",
    ],
)
def test_a_duration_or_a_condition_is_no_relative_deadline(text: str) -> None:
    assert [d for d in extract_deadlines(_clause(text)) if d.within] == []


def test_a_term_from_a_date_keeps_the_date() -> None:
    rows = extract_deadlines(_clause("Woonkring start de bouw binnen zes maanden na 1 juli 2026."))
    assert [(d.within, d.start) for d in rows] == [("", "2026-07-01")]


def test_relative_rows_in_the_table_csv_and_store_but_not_the_calendar() -> None:
    text = (
        "Woonkring beslist binnen zes weken na ontvangst van de schriftelijke aanvraag van een huurder "
        "over de urgentie. De gemeente levert uiterlijk 1 oktober 2026 de woonvisie op."
    )
    engine = _engine_of(_clause(text))
    rows = lookup.deadlines(engine, everything=False, today=date(2026, 1, 1))
    assert [d.when for d in rows] == [
        "uiterlijk 1 oktober 2026",  # dated rows first, a row without a date last
        "binnen zes weken na ontvangst van de schriftelijke aanvraag van een huurder",
    ]
    relative = rows[1]
    assert lookup.status(relative, date(2026, 1, 1)) == ""
    shown = lookup.date_text(relative)
    assert shown == "binnen 6 weken na ontvangst van de schriftelijke …"  # the event cut at a word
    assert len(shown) <= 52
    line = lookup.format_deadline(relative)
    assert line.startswith("binnen 6 weken na ") and "(binnen zes weken" not in line
    table = list(csv.DictReader(io.StringIO(lookup.deadlines_csv(rows, date(2026, 1, 1)))))
    assert (table[1]["within"], table[1]["after"], table[1]["start"]) == (
        "6 weken", "ontvangst van de schriftelijke aanvraag van een huurder", "")  # fmt: skip
    assert table[0]["within"] == ""
    calendar = Calendar.from_ical(lookup.deadlines_ics(rows, lookup.titles_of(engine)))
    assert [str(e.get("summary")) for e in calendar.walk("VEVENT")] == [lookup._summary(rows[0])]
    assert lookup.deadlines(engine, start="2026-01-01", end="2026-12-31", everything=False) == [rows[0]]
    assert deadline_from_json(json.dumps(asdict(relative))) == relative
