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
from index.lexicon import language
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


COMMITMENTS = ("commitment", "recurring")
# Where commitments are made: agreements, and the notices that publish them (a council notice of
# the agreements a municipality signed); a report that evaluates agreements is history.
AGREED_IN = ("agreement", "notice")


def is_commitment(d: Deadline) -> bool:
    """What the default table shows: a commitment (one-off or recurring) in an agreement."""
    return d.doc_kind in AGREED_IN and d.row in COMMITMENTS


def is_budget(a: Amount) -> bool:
    """What the default budget table shows: money or fte someone puts in, in an agreement."""
    return a.doc_kind in AGREED_IN and a.row == "budget"


def deadlines(
    engine: Lookups,
    party: str | None = None,
    doc: str | None = None,
    start: date | str | None = None,
    end: date | str | None = None,
    everything: bool = True,
    today: date | None = None,
) -> list[Deadline]:
    """Deadlines filtered by party, document and overlap with the window [start, end]; only
    commitments from agreements unless `everything`. Sorted per municipality, upcoming ones
    first (soonest first), then overdue ones (most recent first); undated ones last."""
    low, high = _iso(start), _iso(end)
    roles = _roles_of(engine, party) if party else {}
    rows = [
        d
        for d in engine.deadlines
        if (everything or is_commitment(d))
        and (doc is None or d.doc_id == doc)
        and (
            party is None
            or _names_party(d.parties, party)
            or _mentions(d.sentence, party)
            or bool(set(d.parties) & roles.get(d.doc_id, set()))
        )
        and _overlaps(d, low, high)
    ]
    if everything and today is None:
        return sorted(rows, key=deadline_sort_key)
    places = {info.id: getattr(info, "municipality", "") or "" for info in engine.documents}
    return sorted(rows, key=lambda d: upcoming_sort_key(d, today or date.today(), places))


def upcoming_sort_key(d: Deadline, today: date, places: dict[str, str]) -> tuple:
    """Municipality; upcoming (soonest first) before overdue (latest first) before undated."""
    state = status(d, today)
    day = _parse_iso(d.end or d.start)
    if day is None:
        group, order = 2, 0
    elif state == "overdue" or (d.recurring and day < today):
        group, order = 1, -day.toordinal()
    else:
        first = _next_occurrence(d, today) or day
        group, order = 0, first.toordinal()
    return (places.get(d.doc_id, ""), group, order, d.doc_id, d.label)


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


def budgets(
    engine: Lookups,
    party: str | None = None,
    doc: str | None = None,
    everything: bool = True,
    targets: bool = False,
) -> list[Amount]:
    """Amounts in document order, filtered by document and by a party that pays or is named;
    only budgets from agreements unless `everything`; only percentage targets with `targets`."""
    return [
        a
        for a in engine.amounts
        if (a.row == "target" if targets else everything or is_budget(a))
        and (doc is None or a.doc_id == doc)
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
    """ "recurring" (until its last occurrence), "ended" (a recurring one whose period is over),
    "overdue" (its end has passed), "due" (within 30 days) or ""."""
    if d.recurring:
        last = _parse_iso(d.end)
        return "ended" if last is not None and last < today else "recurring"
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
    shown = d.when and (d.within or d.when.lower() in when.lower())
    written = "" if shown else f" ({d.when})"
    who = ", ".join(d.parties)
    lead = f"{who}: " if who else ""
    flags = f" [{', '.join(d.flags)}]" if d.flags else ""
    return f"{when}{written} — {lead}{d.what}{flags} ({d.label})"


def date_text(d: Deadline, lang: str = "nl") -> str:
    """The normalised date as a person reads it: a day, a month, a quarter, a period, or a term
    counted from an event ("binnen 6 weken na ontvangst van de aanvraag")."""
    start, end = _parse_iso(d.start), _parse_iso(d.end)
    months = MONTHS_EN if lang == "en" else MONTHS_NL
    if d.within:
        text = relative_text(d, lang)
    elif start is None and end is None:
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


# Units of a relative term in both languages: (Dutch one, Dutch more, English one, English more).
TERM_UNITS = [
    ("dag", "dagen", "day", "days"),
    ("werkdag", "werkdagen", "working day", "working days"),
    ("kalenderdag", "kalenderdagen", "calendar day", "calendar days"),
    ("week", "weken", "week", "weeks"),
    ("maand", "maanden", "month", "months"),
    ("jaar", "jaar", "year", "years"),
    ("kwartaal", "kwartalen", "quarter", "quarters"),
    ("uur", "uur", "hour", "hours"),
]
EVENT_LENGTH = 32  # characters of the event a table's date column shows


def relative_text(d: Deadline, lang: str = "nl") -> str:
    """ "binnen 6 weken na ontvangst van de aanvraag", "uiterlijk 2 weken vóór de vergadering";
    in English "within 6 weeks after …", "no later than 2 weeks before …". A long event is cut at
    a word with " …" so the date column of an 80-column table stays short."""
    number, _, unit = d.within.partition(" ")
    term = f"{number} {_unit(unit, number, lang)}"
    event = d.before or d.after
    if len(event) > EVENT_LENGTH:
        event = event[:EVENT_LENGTH].rsplit(" ", 1)[0] + " …"
    if language(d.sentence or d.when) != lang:  # the document's words, quoted: "after “ontvangst”"
        event = f"“{event}”"
    if lang == "en":
        return f"no later than {term} before {event}" if d.before else f"within {term} after {event}"
    if d.before:
        return f"uiterlijk {term} vóór {event}"
    link = "nadat" if re.search(r"\bnadat\b", d.when, re.I) else "na"
    return f"binnen {term} {link} {event}"


def _unit(unit: str, number: str, lang: str) -> str:
    """A term's unit in the reader's language, singular for one ("1 maand", "30 days")."""
    key = re.sub(r"\s+", " ", unit.lower()).replace("business ", "working ")
    for forms in TERM_UNITS:
        if key in forms:
            one, more = (forms[2], forms[3]) if lang == "en" else (forms[0], forms[1])
            return one if number == "1" else more
    return unit


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
    """ "€ 40.000 per jaar voor buurtbemiddeling — Gemeente Oostwaard € 25.000 (62%), …"."""
    value = amount_text(a, lang)
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


BOUNDS_NL = {"up to": "max.", "at least": "min.", "about": "ca."}


def amount_text(a: Amount, lang: str = "nl") -> str:
    """ "€ 38.067"; "max. € 45.000"; "ieder max. € 60.000" — a bound and "each" kept."""
    if a.value is None:
        return a.text
    bound = (BOUNDS_NL.get(a.bound, a.bound) if lang == "nl" else a.bound) if a.bound else ""
    each = ("ieder" if lang == "nl" else "each") if a.each else ""
    lead = " ".join(w for w in (each, bound) if w)
    if a.unit == "EUR":
        return f"{lead} {euro(a.value)}".strip()
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
    "doc", "doc_kind", "clause", "pages", "row", "status", "when", "date", "start", "end",
    "recurring", "within", "after", "before", "who", "receivers", "what", "flags", "sentence",
]  # fmt: skip
BUDGET_COLUMNS = [
    "doc", "doc_kind", "clause", "pages", "row", "amount", "value", "unit", "bound", "each",
    "period", "purpose", "payers", "split_check", "flags", "sentence",
]  # fmt: skip


def deadlines_csv(items: Sequence[Deadline], today: date | None = None) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(DEADLINE_COLUMNS)
    day = today or date.today()
    for d in items:
        writer.writerow([
            d.doc_id, d.doc_kind, d.label, _pages(d.pages), d.row, status(d, day), d.when,
            date_text(d), d.start, d.end, d.recurring, d.within, d.after, d.before, "; ".join(d.parties),
            "; ".join(d.receivers), d.what, "; ".join(d.flags), d.sentence,
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
            a.doc_id, a.doc_kind, a.label, _pages(a.pages), a.row, a.text, value, a.unit, a.bound,
            "yes" if a.each else "", a.period, a.purpose, payers, a.split_check,
            "; ".join(a.flags), a.sentence,
        ])  # fmt: skip
    return out.getvalue()


RRULES = {
    "jaarlijks": ("YEARLY", 1),
    "tweejaarlijks": ("YEARLY", 2),
    "halfjaarlijks": ("MONTHLY", 6),
    "elk kwartaal": ("MONTHLY", 3),
    "drie keer per jaar": ("MONTHLY", 4),
    "maandelijks": ("MONTHLY", 1),
}


def occurrences(d: Deadline) -> tuple[date, str, int, date] | None:
    """A recurring deadline as (first day, FREQ, INTERVAL, last day) inside its period.

    A frequency over the whole period ("jaarlijks", 2026–2029) falls at the end of each interval
    (31 December 2026 …); one with a day or part of the year ("jaarlijks in Q2", "1 juli van elk
    jaar") on that day's end in each year. None when there is no period to put it in."""
    rule = RRULES.get(d.recurring)
    first, last = _parse_iso(d.start), _parse_iso(d.end)
    bounds = _period_bounds(d.period)
    if rule is None or first is None:
        return None
    if last is None:
        last = bounds[1] if bounds else None
    if last is None:
        return None
    freq, interval = rule
    whole_years = (first.month, first.day) == (1, 1) and (last.month, last.day) == (12, 31)
    if whole_years or freq == "MONTHLY":
        months = 12 * interval if freq == "YEARLY" else interval
        day = _month_end(first, months - 1)
    else:
        day = _safe_day(first.year, last.month, last.day)
    if bounds:
        last = min(last, bounds[1])
        while day < bounds[0]:
            day = _safe_day(day.year + 1, day.month, day.day)
    if day > last:
        return None
    return day, freq, interval, last


def _next_occurrence(d: Deadline, today: date) -> date | None:
    found = occurrences(d) if d.recurring else None
    if found is None:
        return None
    from dateutil.rrule import rrulestr

    first, freq, interval, last = found
    rule = rrulestr(_rrule_text(freq, interval, last), dtstart=datetime.combine(first, datetime.min.time()))
    upcoming = rule.after(datetime.combine(today, datetime.min.time()), inc=True)
    return upcoming.date() if upcoming else None


def _rrule_text(freq: str, interval: int, last: date) -> str:
    text = f"FREQ={freq};INTERVAL={interval};UNTIL={last:%Y%m%d}"
    return text + (";BYMONTHDAY=-1" if freq == "MONTHLY" else "")


def deadlines_ics(items: Sequence[Deadline], titles: dict[str, str] | None = None) -> bytes:
    """One all-day VEVENT per deadline: a one-off on its date (the end of a period: "in Q2 2026"
    is due by 30 June 2026), a recurring one from its first occurrence inside the agreement's
    period with an RRULE that ends with it (UNTIL). The description quotes the sentence and cites
    "Title · label · p. N". Items without a date (a term counted from an event, "binnen zes weken
    na ontvangst"), or recurring ones without a period, are left out: a calendar cannot place them."""
    from icalendar import Calendar, Event, vRecur

    calendar = Calendar()
    calendar.add("prodid", "-//afspraken//deadlines//NL")
    calendar.add("version", "2.0")
    stamp = datetime(2000, 1, 1)
    for index, d in enumerate(items):
        event = Event()
        if d.within:
            continue
        if d.recurring:
            found = occurrences(d)
            if found is None:
                continue
            day, freq, interval, last = found
            recur = {"freq": freq, "interval": interval, "until": last}
            if freq == "MONTHLY":
                recur["bymonthday"] = -1
            event.add("rrule", vRecur(recur))
        else:
            one_day = _parse_iso(d.end) or _parse_iso(d.start)
            if one_day is None:
                continue
            day = one_day
        event.add("uid", f"{d.clause_id}-{index}-{_slug(d.when)}@afspraken")
        event.add("dtstamp", stamp)
        event.add("summary", _summary(d))
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("description", f"“{d.sentence}”\n{citation(d, titles or {})}")
        calendar.add_component(event)
    return calendar.to_ical()


def _period_bounds(period: str) -> tuple[date, date] | None:
    years = [int(y) for y in re.findall(r"(?:19|20)\d\d", period or "")]
    return (date(min(years), 1, 1), date(max(years), 12, 31)) if years else None


def _month_end(day: date, months_on: int) -> date:
    month = day.month - 1 + months_on
    year, month = day.year + month // 12, month % 12 + 1
    return _safe_day(year, month, 31)


def _safe_day(year: int, month: int, day: int) -> date:
    import calendar as _calendar

    return date(year, month, min(day, _calendar.monthrange(year, month)[1]))


def citation(item: Deadline | Amount, titles: dict[str, str]) -> str:
    """ "Oostwaard 2025 · afspraak 41 · p. 12"."""
    return f"{titles.get(item.doc_id, item.doc_id)} · {clause_ref(item)}"


def clause_ref(item: Deadline | Amount) -> str:
    """ "afspraak 41 · p. 12": the citation within its document."""
    pages = _pages(item.pages)
    return f"{item.label} · p. {pages}" if pages else item.label


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
