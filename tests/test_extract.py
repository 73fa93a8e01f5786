"""Deadlines and amounts: extraction against the hand-made labels, normalised dates, payers and
shares, the split check, bad input, and the CSV / iCalendar renderings of the look-ups."""

from __future__ import annotations

import csv
import importlib.util
import io
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest

from index import lookup
from ingest.extract import extract_amounts, extract_deadlines
from ingest.types import Amount, Clause, Deadline

ROOT = Path(__file__).resolve().parents[1]


def load_bench():
    spec = importlib.util.spec_from_file_location("extract_quality", ROOT / "bench" / "extract_quality.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["extract_quality"] = module
    spec.loader.exec_module(module)
    return module


def clause(text: str, period: str = "2023", parties: tuple[str, ...] = ()) -> Clause:
    return Clause(
        id="c1", doc_id="test-2023", source="test-2023.txt", title="Test 2023", municipality="Test",
        period=period, section_path=("4.6 Leefbaarheid",), label="afspraak 41", kind="afspraak",
        pages=(12,), text=text, parties=parties,
    )  # fmt: skip


# --------------------------------------------------------------------------- the labelled file


@pytest.fixture(scope="module")
def quality():
    bench = load_bench()
    labels = bench.load_labels()
    docs = [lab["doc"] for lab in labels if lab["kind"] == "document"]
    return bench.score(labels, bench.read_extractions(docs, bench.corpus_dir()))


def test_labelled_file_covers_what_the_issue_asks() -> None:
    labels = load_bench().load_labels()
    complete = {lab["doc"] for lab in labels if lab["kind"] == "document" and lab["complete"]}
    assert {"zoetermeer-2019", "tynaarlo-2023"} <= complete
    others = [lab for lab in labels if lab["doc"] not in {"zoetermeer-2019", "tynaarlo-2023"}]
    assert sum(lab["kind"] == "deadline" for lab in others) >= 20
    assert sum(lab["kind"] == "amount" for lab in others) >= 20


def test_deadline_precision_and_recall(quality) -> None:
    s = quality.deadlines
    assert s.precision >= 0.95, s.extras
    assert s.recall >= 0.90, s.misses


def test_amount_precision_and_recall(quality) -> None:
    s = quality.amounts
    assert s.precision >= 0.95, s.extras
    assert s.recall >= 0.90, s.misses


def test_normalised_dates_match_the_labels(quality) -> None:
    assert quality.date_accuracy >= 0.95, quality.deadlines.misses


def test_payer_shares_match_the_labels(quality) -> None:
    assert quality.splits_checked >= 5
    assert quality.share_accuracy >= 0.90, quality.split_misses


# --------------------------------------------------------------------------- dates as written

DATES = [
    ("De gemeente stelt uiterlijk 1 april 2019 de werkwijze vast.", "2019", "2019-04-01", "2019-04-01", ""),
    ("Het college stelt de agenda in Q2 2026 vast.", "2026-2029", "2026-04-01", "2026-06-30", ""),
    ("Voortgang uitvoeringsagenda — Q3-2026;", "2026-2029", "2026-07-01", "2026-09-30", ""),
    ("Partijen maken de afspraken voor de zomer.", "2022", "2022-01-01", "2022-07-01", ""),
    ("De eerste versie is half 2019 gereed.", "2016-2019", "2019-06-01", "2019-06-30", ""),
    ("De gemeente rondt het plan eind 2026 af.", "2026-2029", "2026-10-01", "2026-12-31", ""),
    ("De woonvisie wordt begin 2023 vastgesteld.", "2023", "2023-01-01", "2023-03-31", ""),
    ("Dit gebeurt in het najaar van 2022.", "2021", "2022-09-01", "2022-11-30", ""),
    ("Partijen realiseren dit voor 31 december 2030.", "2026-2029", "2030-12-31", "2030-12-31", ""),
    (
        "De corporaties leveren jaarlijks vóór 1 juli een bod.",
        "2023",
        "2023-07-01",
        "2023-07-01",
        "jaarlijks",
    ),
    (
        "Jaarlijks stellen partijen de afspraken voor 15 december bij.",
        "2016-2019",
        "2016-12-15",
        "2019-12-15",
        "jaarlijks",
    ),
    ("De corporaties leveren vóór juli een overzicht.", "2023", "2023-07-01", "2023-07-01", ""),
    ("Het project start per 1 januari met de uitvoering.", "2024", "2024-01-01", "2024-01-01", ""),
    ("Partijen onderzoeken in 2026 de mogelijkheden.", "2026-2029", "2026-01-01", "2026-12-31", ""),
    ("Partijen monitoren dit kwartaalgewijs.", "2026-2029", "2026-01-01", "2029-12-31", "elk kwartaal"),
    ("De gemeente verzorgt maandelijks een overleg.", "2026-2029", "2026-01-01", "2029-12-31", "maandelijks"),
    ("Corporaties rapporteren halfjaarlijks.", "2023", "2023-01-01", "2023-12-31", "halfjaarlijks"),
    ("De gemeente informeert partijen elk kwartaal.", "2023", "2023-01-01", "2023-12-31", "elk kwartaal"),
]


@pytest.mark.parametrize(("text", "period", "start", "end", "recurring"), DATES)
def test_dates_are_normalised(text: str, period: str, start: str, end: str, recurring: str) -> None:
    found = extract_deadlines(clause(text, period))
    assert [(d.start, d.end, d.recurring) for d in found] == [(start, end, recurring)]


def test_frequency_far_from_its_date_is_one_recurring_deadline() -> None:
    found = extract_deadlines(
        clause("Elk jaar evalueren de partijen samen met de huurders de afspraken in maart.", "2024")
    )
    assert [(d.when, d.start, d.end, d.recurring) for d in found] == [
        ("Elk jaar … in maart", "2024-03-01", "2024-03-31", "jaarlijks")
    ]
    assert found[0].what.startswith("Elk jaar evalueren de partijen")


def test_table_counts_between_sentences_belong_to_neither() -> None:
    text = "Dit voorstel wordt bij de uitvoering betrokken. 1 1 Jaarlijks evalueren de partijen de afspraken."
    (found,) = extract_deadlines(clause(text, "2024"))
    assert found.sentence == "Jaarlijks evalueren de partijen de afspraken."


def test_year_less_date_takes_the_year_written_before_it() -> None:
    text = (
        "We spreken een deadline af op 1 maart 2019. De allonge maakt per 1 maart deel uit van de afspraken."
    )
    found = extract_deadlines(clause(text, "2016-2019"))
    assert [d.start for d in found] == ["2019-03-01", "2019-03-01"]


def test_past_events_and_references_are_not_deadlines() -> None:
    text = (
        "In december 2017 presenteerden corporaties en gemeente hun inzet. In 2018 is dit verbreed naar "
        "Buytenwegh. De huurprijsgrens (720 euro, prijspeil 2019) blijft. "
        "Voor 2023 geldt de Woonvisie 2021-2030."
    )
    found = extract_deadlines(clause(text, "2019"))  # past events are history rows, for --all only
    assert [(d.when, d.row) for d in found] == [("In december 2017", "history"), ("In 2018", "history")]


def test_who_must_deliver_and_what() -> None:
    text = "In 2019 leggen de gemeente en corporaties een stappenplan vast voor een huisuitzetting."
    (found,) = extract_deadlines(clause(text, "2019", ("Gemeente Zoetermeer", "Vestia")))
    assert found.parties == ("Gemeente Zoetermeer", "corporaties")
    assert found.what.startswith("Leggen de gemeente en corporaties een stappenplan vast")
    assert found.sentence == text


def test_impossible_date_is_kept_and_flagged() -> None:
    (found,) = extract_deadlines(clause("Partijen leveren het plan uiterlijk 31 februari 2024 op."))
    assert found.when == "uiterlijk 31 februari 2024"
    assert (found.start, found.end) == ("", "")
    assert found.flags == ("impossible date",)


# --------------------------------------------------------------------------- amounts

BUURTBEMIDDELING = (
    "De gemeente en corporaties starten per 1 januari 2023 met het project buurtbemiddeling. "
    "De kosten voor buurtbemiddeling bedragen €38.067 per jaar. De gemeente betaalt €25.000 en de "
    "beide corporaties dragen elk €6.533 per jaar bij. Partijen evalueren jaarlijks."
)
TYNAARLO = ("Gemeente Tynaarlo", "Woonborg", "SEW", "AH WOON", "HBV")
TENANTS = frozenset({"AH WOON", "HBV"})  # what the party book knows: these two are tenants


def test_tynaarlo_buurtbemiddeling_split_check() -> None:
    total, gemeente, each = extract_amounts(clause(BUURTBEMIDDELING, "2023"), TYNAARLO, TENANTS)
    assert (total.value, total.unit, total.period, total.purpose) == (
        38067,
        "EUR",
        "per jaar",
        "buurtbemiddeling",
    )
    assert [(s.party, s.euros) for s in total.payers] == [
        ("Gemeente Tynaarlo", 25000), ("Woonborg", 6533), ("SEW", 6533),
    ]  # fmt: skip
    assert total.payers[0].fraction == pytest.approx(25000 / 38067)
    assert total.split_check == (
        "Rounding difference: the shares add up to € 38.066, € 1 less than the total € 38.067."
    )
    assert [(s.party, s.euros) for s in gemeente.payers] == [("Gemeente Tynaarlo", 25000)]
    assert [(s.party, s.euros) for s in each.payers] == [("Woonborg", 6533), ("SEW", 6533)]
    assert "afrondingsverschil" in lookup.format_amount(total, "nl")


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Er is € 30.000 beschikbaar.", 30000, "EUR"),
        ("Er is 30.000 euro beschikbaar.", 30000, "EUR"),
        ("De gemeente draagt € 60.000 euro bij.", 60000, "EUR"),
        ("Het budget is €30k.", 30000, "EUR"),
        ("Het budget is € 1,2 miljoen.", 1_200_000, "EUR"),
        ("De huurgrens is € 633,25.", 633.25, "EUR"),
        ("De gemeente draagt € 60.000,- bij.", 60000, "EUR"),
        ("Er komt 1,5 fte bij.", 1.5, "fte"),
        ("Minimaal 27% is goedkoop.", 27, "%"),
    ],
)
def test_amounts_in_any_spelling(text: str, value: float, unit: str) -> None:
    (found,) = extract_amounts(clause(text))
    assert (found.value, found.unit) == (pytest.approx(value), unit)


def test_halves_split_between_gemeente_and_corporaties() -> None:
    text = (
        "Om te beginnen starten we met een budget van 30.000 euro, waarbij de kosten voor de helft door "
        "de gemeente en voor de helft door de corporaties gedragen worden."
    )
    (found,) = extract_amounts(clause(text, "2019", ("Gemeente Zoetermeer",)))
    assert [(s.party, s.euros, s.fraction) for s in found.payers] == [
        ("Gemeente Zoetermeer", 15000, 0.5), ("corporaties", 15000, 0.5),
    ]  # fmt: skip
    assert found.split_check == "ok"


def test_each_pays_up_to_an_amount() -> None:
    text = "De gemeente en de woningcorporaties investeren ieder tot € 60.000 euro per jaar aan de flatcoach."
    parties = ("Gemeente Leidschendam-Voorburg", "Vidomes", "WoonInvest", "Huurdersraad Vidomes")
    (found,) = extract_amounts(clause(text, "2026-2029"), parties)
    assert found.period == "per jaar"
    assert found.purpose == "de flatcoach"
    assert [(s.party, s.euros) for s in found.payers] == [
        ("Gemeente Leidschendam-Voorburg", 60000), ("Vidomes", 60000), ("WoonInvest", 60000),
    ]  # fmt: skip


def test_shared_costs_of_an_fte() -> None:
    (found,) = extract_amounts(
        clause("De gemeente en de corporaties zetten 1 fte in, kosten gedeeld.", "2019")
    )
    assert [(s.party, s.fraction) for s in found.payers] == [("gemeente", 0.5), ("corporaties", 0.5)]
    assert found.split_check == "ok"


def test_amount_without_a_number_is_flagged() -> None:
    (found,) = extract_amounts(clause("De bijdrage van de gemeente is € PM per jaar."))
    assert found.value is None
    assert found.flags == ("no number",)
    assert lookup.format_amount(found, "nl").startswith("€ PM")


# --------------------------------------------------------------------------- look-ups and files


@dataclass
class FakeDoc:
    id: str
    short_title: str
    title: str = ""


@dataclass
class FakeEngine:
    deadlines: tuple[Deadline, ...]
    amounts: tuple[Amount, ...]
    documents: tuple[FakeDoc, ...] = field(default_factory=tuple)


@pytest.fixture
def engine() -> FakeEngine:
    text = BUURTBEMIDDELING + " Het project heeft een looptijd tot en met december 2026."
    c = clause(text, "2023", TYNAARLO)
    return FakeEngine(
        extract_deadlines(c), extract_amounts(c, TYNAARLO, TENANTS), (FakeDoc("test-2023", "Test 2023"),)
    )


def test_deadlines_sorted_and_filtered(engine: FakeEngine) -> None:
    rows = lookup.deadlines(engine)
    assert [d.start for d in rows] == sorted(d.start for d in rows)
    assert [d.when for d in lookup.deadlines(engine, start=date(2026, 1, 1))] == ["tot en met december 2026"]
    assert lookup.deadlines(engine, doc="other") == []


def test_status_relative_to_today(engine: FakeEngine) -> None:
    by_when = {d.when: d for d in engine.deadlines}
    assert lookup.status(by_when["per 1 januari 2023"], date(2024, 1, 1)) == "overdue"
    assert lookup.status(by_when["tot en met december 2026"], date(2026, 11, 15)) == "due"
    yearly = by_when["jaarlijks"]
    assert lookup.status(yearly, date.fromisoformat(yearly.start)) == "recurring"
    assert (
        lookup.status(yearly, date.fromisoformat(yearly.end).replace(year=int(yearly.end[:4]) + 1)) == "ended"
    )


def test_ics_has_one_event_per_deadline(engine: FakeEngine) -> None:
    from icalendar import Calendar

    rows = lookup.deadlines(engine)
    parsed = Calendar.from_ical(lookup.deadlines_ics(rows, lookup.titles_of(engine)))
    events = list(parsed.walk("VEVENT"))
    assert len(events) == len(rows) == 3
    description = str(events[0]["DESCRIPTION"])
    assert "Test 2023 · afspraak 41 · p. 12" in description
    assert "“De gemeente en corporaties starten per 1 januari 2023" in description


def test_csv_opens_with_the_csv_module(engine: FakeEngine) -> None:
    deadline_rows = list(csv.DictReader(io.StringIO(lookup.deadlines_csv(lookup.deadlines(engine)))))
    assert [r["when"] for r in deadline_rows][:1] == ["per 1 januari 2023"]
    budget_rows = list(csv.DictReader(io.StringIO(lookup.budgets_csv(lookup.budgets(engine)))))
    assert budget_rows[0]["value"] == "38067"
    assert "Woonborg € 6.533" in budget_rows[0]["payers"]


def test_totals_per_party_do_not_count_a_total_twice(engine: FakeEngine) -> None:
    totals = lookup.totals_per_party(lookup.budgets(engine))
    assert totals == {("test-2023", "Gemeente Tynaarlo"): 25000, ("test-2023", "Woonborg"): 6533,
                      ("test-2023", "SEW"): 6533}  # fmt: skip


def test_budget_filter_by_payer(engine: FakeEngine) -> None:
    assert [a.text for a in lookup.budgets(engine, party="Woonborg")] == ["€38.067", "€6.533"]


def test_one_line_formats_put_the_date_and_amount_first(engine: FakeEngine) -> None:
    line = lookup.format_deadline(lookup.deadlines(engine)[0], "en")
    assert line.startswith("1 January 2023")
    assert line.endswith("(afspraak 41)")
    nl = lookup.format_amount(engine.amounts[0], "nl")
    assert nl.startswith("€ 38.067 per jaar voor buurtbemiddeling — Gemeente Tynaarlo € 25.000")
    en = lookup.format_amount(engine.amounts[0], "en")
    assert "Rounding difference" in en


@pytest.mark.parametrize(
    ("question", "deadline", "budget"),
    [
        ("Wanneer moet de transitievisie klaar zijn?", True, False),
        ("By when must the corporations deliver the overview?", True, False),
        ("Wie betaalt de doorstroommakelaar?", False, True),
        ("How much does the municipality contribute to the flatcoach?", False, True),
        ("What did Vestia agree on sales?", False, False),
        ("How much help does a tenant get when a home is too expensive?", False, True),
        ("Wat gebeurt er wanneer een huurder zijn huur niet betaalt?", False, True),
        ("When is the overview due?", True, False),
    ],
)
def test_question_cues(question: str, deadline: bool, budget: bool) -> None:
    assert lookup.is_deadline_question(question) is deadline
    assert lookup.is_budget_question(question) is budget


def test_an_english_sentence_opening_names_no_party() -> None:
    """ "The Tenant …", "Payments …": an English text's sentences open with words that name no
    party, however often; a name that opens sentences ("Stripe will …") still does."""
    from ingest.extract import document_names

    text = (
        "Stripe pays the developer. The Tenant pays the rent monthly. The Landlord repairs the roof. "
        "Payments are made in euros. Payments are final. Stripe sends a statement every month."
    )
    names = document_names([text])
    assert "Stripe" in names and not {"The", "Payments"} & set(names), names
