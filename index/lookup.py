"""The two quick look-ups: what is due by when and by whom, and how much money for what, paid by whom.

Functions over an engine's `.deadlines`, `.amounts` and `.documents`; rendering to one chat
line, CSV and iCalendar. The web, chat and CLI adapters call these; nothing here reads the
environment.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import Any, Protocol

from index import question
from ingest.extract import TENANT_WORDS, euro
from ingest.types import Amount, Deadline, Share


class Lookups(Protocol):
    """What the look-ups need from an engine."""

    @property
    def deadlines(self) -> tuple[Deadline, ...]: ...

    @property
    def amounts(self) -> tuple[Amount, ...]: ...

    @property
    def documents(self) -> tuple[Any, ...]: ...


# --------------------------------------------------------------------------- look-ups


def deadlines(
    engine: Lookups,
    party: str | None = None,
    doc: str | None = None,
    start: date | str | None = None,
    end: date | str | None = None,
) -> list[Deadline]:
    """Deadlines sorted by date (undated ones last), filtered by party, document and overlap
    with the window [start, end]."""
    low, high = _iso(start), _iso(end)
    roles = _roles_of(engine, party) if party else {}
    rows = [
        d
        for d in engine.deadlines
        if (doc is None or d.doc_id == doc)
        and (
            party is None
            or _names_party(d.parties, party)
            or _mentions(d.sentence, party)
            or bool(set(d.parties) & roles.get(d.doc_id, set()))
        )
        and _overlaps(d, low, high)
    ]
    return sorted(rows, key=deadline_sort_key)


def _roles_of(engine: Lookups, party: str) -> dict[str, set[str]]:
    """Per document, the role words that include the party: a corporation is one of
    "corporaties", a tenant organisation one of "huurdersorganisaties"; all are "partijen"."""
    roles: dict[str, set[str]] = {}
    for info in engine.documents:
        names = tuple(getattr(info, "parties", ()) or ())
        if not _names_party(names, party):
            continue
        words = {"partijen"}
        if _fold(party).startswith("gemeente") or _fold(party) == "gemeente":
            words.add("gemeente")
        elif TENANT_WORDS.search(party):
            words |= {"huurdersorganisaties", "huurdersverenigingen"}
        else:
            words |= {"corporaties", "woningcorporaties"}
        roles[info.id] = words
    return roles


def budgets(engine: Lookups, party: str | None = None, doc: str | None = None) -> list[Amount]:
    """Amounts in document order, filtered by document and by a party that pays or is named."""
    return [
        a
        for a in engine.amounts
        if (doc is None or a.doc_id == doc)
        and (
            party is None
            or _names_party(tuple(s.party for s in a.payers), party)
            or _mentions(a.sentence, party)
        )
    ]


def deadline_sort_key(d: Deadline) -> tuple[str, str, str, str]:
    return (d.start or d.end or "9999", d.end or "9999", d.doc_id, d.when)


def totals_per_party(amounts: Iterable[Amount]) -> dict[tuple[str, str], float]:
    """Euros each payer carries per document, from the stated shares (a total's shares only,
    so an amount and the total it is part of are not counted twice)."""
    totals: dict[tuple[str, str], float] = defaultdict(float)
    rows = list(amounts)
    in_a_total = {
        (a.doc_id, a.clause_id, s.party, s.euros) for a in rows for s in a.payers if s.fraction is not None
    }
    for amount in rows:
        if amount.unit != "EUR":
            continue
        for share in amount.payers:
            if share.euros is None:
                continue
            key = (amount.doc_id, amount.clause_id, share.party, share.euros)
            if share.fraction is None and key in in_a_total:
                continue
            totals[(amount.doc_id, share.party)] += share.euros
    return dict(totals)


def status(d: Deadline, today: date) -> str:
    """ "recurring", "overdue" (its end has passed), "due" (within 30 days) or ""."""
    if d.recurring:
        return "recurring"
    end = _parse_iso(d.end or d.start)
    if end is None:
        return ""
    if end < today:
        return "overdue"
    start = _parse_iso(d.start) or end
    if start <= today + timedelta(days=30):
        return "due"
    return ""


# --------------------------------------------------------------------------- questions

# The cues themselves live in index.question (one reading of a question for every module).


def without_cues(text: str) -> str:
    """The text without the words that ask for a date, an amount or a count: what it is about."""
    return question.without_cues(text)


def is_deadline_question(text: str) -> bool:
    return question.understand(text).deadline


def is_budget_question(text: str) -> bool:
    return question.understand(text).budget


def asks_for_share(text: str) -> bool:
    """A percentage is the answer ("what share of lettings …?"), not only a sum of money."""
    return question.understand(text).share


# --------------------------------------------------------------------------- one line each

MONTHS_NL = [
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
    "oktober", "november", "december",
]  # fmt: skip
MONTHS_EN = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip
RECURRING_EN = {
    "jaarlijks": "yearly",
    "elk kwartaal": "every quarter",
    "halfjaarlijks": "every six months",
    "maandelijks": "monthly",
    "tweejaarlijks": "every two years",
}


def format_deadline(d: Deadline, lang: str = "nl") -> str:
    """ "1 april 2019 (uiterlijk 1 april 2019) — Gemeente en corporaties: … [afspraak 17]"."""
    when = date_text(d, lang)
    written = f" ({d.when})" if d.when and d.when.lower() not in when.lower() else ""
    who = ", ".join(d.parties)
    lead = f"{who}: " if who else ""
    flags = f" [{', '.join(d.flags)}]" if d.flags else ""
    return f"{when}{written} — {lead}{d.what}{flags} ({d.label})"


def date_text(d: Deadline, lang: str = "nl") -> str:
    """The normalised date as a person reads it: a day, a month, a quarter, a period."""
    start, end = _parse_iso(d.start), _parse_iso(d.end)
    months = MONTHS_EN if lang == "en" else MONTHS_NL
    if start is None and end is None:
        text = d.when or ("date unknown" if lang == "en" else "datum onbekend")
    elif start is None or end is None:
        day = start or end
        assert day is not None
        prefix = ("from " if start else "until ") if lang == "en" else ("vanaf " if start else "tot ")
        text = prefix + _day(day, months, lang)
    else:
        text = _range(start, end, months, lang)
    if d.recurring:
        every = RECURRING_EN.get(d.recurring, d.recurring) if lang == "en" else d.recurring
        text = f"{every}, {text}"
    return text


def _day(day: date, months: list[str], lang: str) -> str:
    if lang == "en":
        return f"{day.day} {months[day.month - 1]} {day.year}"
    return f"{day.day} {months[day.month - 1]} {day.year}"


def _range(start: date, end: date, months: list[str], lang: str) -> str:
    if start == end:
        return _day(start, months, lang)
    whole_months = start.day == 1 and (end + timedelta(days=1)).day == 1
    if whole_months and start.year == end.year:
        if start.month == 1 and end.month == 12:
            return str(start.year)
        if start.month == end.month:
            return f"{months[start.month - 1]} {start.year}"
        if (start.month - 1) % 3 == 0 and end.month == start.month + 2:
            return f"Q{(start.month + 2) // 3} {start.year}"
        return f"{months[start.month - 1]}–{months[end.month - 1]} {start.year}"
    if whole_months and start.month == 1 and end.month == 12:
        return f"{start.year}–{end.year}"
    word = "until" if lang == "en" else "t/m"
    return f"{_day(start, months, lang)} {word} {_day(end, months, lang)}"


def format_amount(a: Amount, lang: str = "nl") -> str:
    """ "€ 38.067 per jaar voor buurtbemiddeling — Gemeente Tynaarlo € 25.000 (66%), …"."""
    value = amount_text(a)
    period = a.period if lang == "nl" else {"per jaar": "per year", "per maand": "per month",
                                             "eenmalig": "one-off"}.get(a.period, a.period)  # fmt: skip
    parts = [value + (f" {period}" if period else "")]
    if a.purpose:
        parts.append(("for " if lang == "en" else "voor ") + a.purpose)
    line = " ".join(parts)
    if a.payers:
        line += " — " + "; ".join(share_text(s, lang) for s in a.payers)
    check = split_text(a, lang)
    if check:
        line += f" ({check})"
    if a.flags:
        line += f" [{', '.join(a.flags)}]"
    return f"{line} ({a.label})"


def amount_text(a: Amount) -> str:
    if a.value is None:
        return a.text
    if a.unit == "EUR":
        return euro(a.value)
    number = f"{a.value:g}".replace(".", ",")
    return f"{number}%" if a.unit == "%" else f"{number} {a.unit}"


def share_text(share: Share, lang: str = "nl") -> str:
    bits: list[str] = []
    if share.euros is not None:
        bits.append(euro(share.euros))
    if share.fraction is not None:
        bits.append(_fraction_text(share.fraction, lang))
    return f"{share.party} {' '.join(bits) if bits else ''}".strip()


def _fraction_text(fraction: float, lang: str) -> str:
    for numerator, denominator, nl, en in ((1, 2, "de helft", "half"), (1, 3, "een derde", "a third"),
                                          (1, 4, "een kwart", "a quarter")):  # fmt: skip
        if abs(fraction - numerator / denominator) < 1e-6:
            return f"({nl if lang == 'nl' else en}, {numerator}/{denominator})"
    return f"({fraction:.0%})"


def split_text(a: Amount, lang: str = "nl") -> str:
    """The split check in the reader's language ("" when nothing was checked)."""
    if not a.split_check:
        return ""
    if a.split_check == "ok":
        return "split adds up" if lang == "en" else "verdeling klopt"
    if lang == "en" or a.value is None:
        return a.split_check.rstrip(".")
    stated = sum(s.euros or 0 for s in a.payers)
    difference = a.value - stated
    direction = "minder" if difference > 0 else "meer"
    kind = "afrondingsverschil" if abs(difference) <= len(a.payers) else "verschil"
    return (
        f"{kind}: de delen tellen op tot {euro(stated)}, {euro(abs(difference))} {direction} "
        f"dan het totaal {euro(a.value)}"
    )


# --------------------------------------------------------------------------- files

DEADLINE_COLUMNS = [
    "doc", "clause", "pages", "when", "start", "end", "recurring", "parties", "what", "flags",
    "sentence",
]  # fmt: skip
BUDGET_COLUMNS = [
    "doc", "clause", "pages", "amount", "value", "unit", "period", "purpose", "payers",
    "split_check", "flags", "sentence",
]  # fmt: skip


def deadlines_csv(items: Sequence[Deadline]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(DEADLINE_COLUMNS)
    for d in items:
        writer.writerow([
            d.doc_id, d.label, _pages(d.pages), d.when, d.start, d.end, d.recurring,
            "; ".join(d.parties), d.what, "; ".join(d.flags), d.sentence,
        ])  # fmt: skip
    return out.getvalue()


def budgets_csv(items: Sequence[Amount]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(BUDGET_COLUMNS)
    for a in items:
        payers = "; ".join(share_text(s, "nl") for s in a.payers)
        value = "" if a.value is None else f"{a.value:g}"
        writer.writerow([
            a.doc_id, a.label, _pages(a.pages), a.text, value, a.unit, a.period, a.purpose,
            payers, a.split_check, "; ".join(a.flags), a.sentence,
        ])  # fmt: skip
    return out.getvalue()


def deadlines_ics(items: Sequence[Deadline], titles: dict[str, str] | None = None) -> bytes:
    """One VEVENT per deadline (all-day, on its end date, or its start when open-ended);
    the description quotes the sentence and cites "Title · label · p. N"."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//afspraken//deadlines//NL")
    calendar.add("version", "2.0")
    stamp = datetime(2000, 1, 1)
    for index, d in enumerate(items):
        event = Event()
        day = _parse_iso(d.end) or _parse_iso(d.start)
        event.add("uid", f"{d.clause_id}-{index}-{_slug(d.when)}@afspraken")
        event.add("dtstamp", stamp)
        event.add("summary", _summary(d))
        if day is not None:
            event.add("dtstart", day)
            event.add("dtend", day + timedelta(days=1))
        if d.recurring:
            rule = {"jaarlijks": "YEARLY", "maandelijks": "MONTHLY"}.get(d.recurring)
            months = {"elk kwartaal": 3, "halfjaarlijks": 6}.get(d.recurring)
            if rule:
                event.add("rrule", {"freq": rule})
            elif months:
                event.add("rrule", {"freq": "MONTHLY", "interval": months})
        event.add("description", f"“{d.sentence}”\n{citation(d, titles or {})}")
        calendar.add_component(event)
    return calendar.to_ical()


def citation(item: Deadline | Amount, titles: dict[str, str]) -> str:
    """ "Tynaarlo 2023 · afspraak 41 · p. 12"."""
    pages = _pages(item.pages)
    where = f" · p. {pages}" if pages else ""
    return f"{titles.get(item.doc_id, item.doc_id)} · {item.label}{where}"


def titles_of(engine: Lookups) -> dict[str, str]:
    """Document id → short title, for citations."""
    return {
        info.id: getattr(info, "short_title", "") or getattr(info, "title", info.id)
        for info in engine.documents
    }


def _summary(d: Deadline) -> str:
    who = ", ".join(d.parties)
    text = f"{who}: {d.what}" if who else d.what
    return text if len(text) <= 120 else text[:117].rsplit(" ", 1)[0] + " …"


# --------------------------------------------------------------------------- small parts


def _pages(pages: tuple[int, ...]) -> str:
    return ", ".join(str(p) for p in pages[:3])


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "datum"


def _iso(value: date | str | None) -> str:
    if value is None or value == "":
        return ""
    return value.isoformat() if isinstance(value, date) else str(value)


def _parse_iso(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _overlaps(d: Deadline, low: str, high: str) -> bool:
    if not low and not high:
        return True
    start, end = d.start or d.end, d.end or d.start
    if not start:
        return False
    if high and start > high:
        return False
    return not (low and end and end < low)


def _fold(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.casefold().replace("lin", "in"))


def _names_party(names: tuple[str, ...], party: str) -> bool:
    wanted = _fold(party)
    return bool(wanted) and any(wanted in _fold(n) or _fold(n) in wanted for n in names if n)


def _mentions(sentence: str, party: str) -> bool:
    wanted = _fold(party)
    return len(wanted) >= 3 and wanted in _fold(sentence)
