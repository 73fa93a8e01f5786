"""Deadlines and amounts found in a clause's running text: what is due by when, and who pays what.

Pure functions, no network: Dutch dates as written ("uiterlijk 1 april 2019", "in Q2 2026",
"voor de zomer", "half 2019", "jaarlijks vóór 1 juli") become ISO start/end dates; euros, fte and
percentages become numbers with their purpose, period and payers. A date that cannot exist or an
amount without a number is kept as written and flagged, never raised.

Conventions for periods (the table sorts on `start`, filters on both ends):
a day → that day; a month → first to last day; Qn → the quarter; "eerste/tweede helft" → the half;
"half/medio/halverwege YEAR" → June; "begin YEAR" → Q1; "eind YEAR" → Q4; seasons are
meteorological (voorjaar Mar–May, zomer Jun–Aug, najaar Sep–Nov, winter Dec–Feb); "voor de zomer"
→ 1 January to 1 July; "in YEAR" → the year; "2020 tot 2026" ends 2025, "2026-2029" and
"t/m" include the last year. A year-less date takes the latest year written before it in the
clause, else the first year of the clause's period. Recurring items without a date span the period.
A term counted from an event ("binnen zes weken na ontvangst van de aanvraag", "uiterlijk twee
weken vóór het overleg", "within 30 days of receipt") has no calendar date: its row keeps the term
(`within`) and the event (`after` or `before`), and start and end stay empty.
"""

from __future__ import annotations

import calendar
import itertools
import re
from dataclasses import dataclass, replace
from datetime import date

from ingest.types import Amount, Clause, Deadline, Share

MONTHS = {
    "januari": 1,
    "februari": 2,
    "maart": 3,
    "april": 4,
    "mei": 5,
    "juni": 6,
    "juli": 7,
    "augustus": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "december": 12,
}
MONTH_RE = "|".join(MONTHS)
YEAR = r"(?:19|20)\d\d"
SEASONS = {"voorjaar": (3, 5), "lente": (3, 5), "zomer": (6, 8), "najaar": (9, 11), "herfst": (9, 11)}

RECURRING = [
    (r"om\s+de\s+twee\s+ja(?:ar|ren)|tweejaarlijks", "tweejaarlijks"),
    (r"(?:twee|2)\s+(?:keer|maal)\s+per\s+jaar|(?:elk|ieder)\s+half\s*jaar|halfjaarlijks", "halfjaarlijks"),
    (r"(?:drie|3)\s+(?:keer|maal)\s+per\s+jaar", "drie keer per jaar"),
    (
        r"(?:vier|4)\s+(?:keer|maal)\s+per\s+jaar|(?:elk|ieder|per)\s+kwartaal|kwartaals?gewijs",
        "elk kwartaal",
    ),
    (r"maandelijks|(?:elke|iedere)\s+maand", "maandelijks"),
    (r"jaarlijks|(?:elk|ieder)\s+jaar", "jaarlijks"),
]
# Kinds of date that name a moment within a year: written without a year, they can recur yearly.
IN_YEAR = ("day", "month-in-year", "quarter", "quarter-word", "half", "mid", "before-summer")
QUARTER_WORDS = {"eerste": 1, "tweede": 2, "derde": 3, "vierde": 4}
RECURRING_RE = re.compile(
    r"(?<![\w-])(?:" + "|".join(f"(?:{p})" for p, _ in RECURRING) + r")(?!e\b)(?![\w-])",
    re.IGNORECASE,
)
# "Jaarlijkse monitoring …" at the head of a list item is a recurring task; elsewhere the
# adjective describes ("de jaarlijkse huurverhoging") and is left alone.
RECURRING_HEAD_RE = re.compile(
    r"(?:^|\n|[•»*;]\s*|(?<![\w+])-\s|(?<![\w])e\s)\s*((?:jaarlijkse|kwartaals?gewijze|halfjaarlijkse|maandelijkse))\b",
    re.IGNORECASE,
)

_BY_WORDS = r"(?:moet|moeten|gereed|klaar|gerealiseerd|aardgasvrij|energieneutraal|verdwenen)"
PREP = (
    r"(?:(?:uiterlijk|vóór|voor|in|per|vanaf|tot\s+en\s+met|tot|t/m|rond|omstreeks)\s+"
    r"|op\s+(?=\d))*"
)
DATE_PATTERNS: list[tuple[str, str]] = [
    (
        "day-range",  # "van 1 januari 2026 tot en met 31 december 2030": a term, both ends given
        rf"van\s+(?P<d>\d{{1,2}})\s+(?P<m>{MONTH_RE})\s+(?P<y>{YEAR})\s+(?:tot\s+en\s+met|t/m|tot)\s+"
        rf"(?P<dd>\d{{1,2}})\s+(?P<mm>{MONTH_RE})\s+(?P<yy>{YEAR})",
    ),
    ("day", rf"(?P<d>\d{{1,2}})\s+(?P<m>{MONTH_RE})(?:\s+(?P<y>{YEAR}))?"),
    ("numeric", rf"(?P<d>\d{{1,2}})-(?P<m>\d{{1,2}})-(?P<y>{YEAR})"),
    ("month", rf"(?P<m>{MONTH_RE})\s+(?P<y>{YEAR})"),
    ("month-in-year", rf"(?:in|vóór|voor)\s+(?:de\s+maand\s+)?(?P<m>{MONTH_RE})\b(?!\s*\d)"),
    ("quarter", rf"(?:het\s+)?Q(?P<q>[1-4])(?:\s*[-–]?\s*(?P<y>{YEAR}))?"),
    (
        "quarter-word",
        rf"(?:in\s+)?het\s+(?P<q>eerste|tweede|derde|vierde)\s+kwartaal(?:\s+van)?(?:\s+(?P<y>{YEAR}))?",
    ),
    (
        "half",
        rf"(?:de|het)\s+(?P<h>eerste|tweede)\s+helft(?:\s+van)?(?:\s+(?:het\s+jaar\s+)?(?P<y>{YEAR}))?",
    ),
    ("mid", rf"(?:half|medio|halverwege)\s+(?P<y>{YEAR})|halverwege\s+het\s+jaar"),
    ("begin", rf"begin\s+(?P<y>{YEAR})"),
    ("end", rf"(?:eind|einde|ultimo)\s+(?P<y>{YEAR})"),
    ("before-summer", rf"(?:vóór|voor)\s+de\s+zomer(?:\s+van)?(?:\s+(?P<y>{YEAR}))?"),
    (
        "season",
        rf"(?:in\s+)?(?:het|de)\s+(?P<s>voorjaar|najaar|zomer|herfst|lente|winter)"
        rf"(?:\s+van)?\s+(?P<y>{YEAR})",
    ),
    (
        "range",
        rf"(?:(?:in\s+)?de\s+(?:periode|jaren)\s+|van\s+|in\s+|tussen\s+)(?P<y>{YEAR})\s*"
        rf"(?P<sep>-|–|/|tot\s+en\s+met|t/m|tot|en)\s*(?P<yy>{YEAR})(?![\d/-])",
    ),
    ("dash-range", rf"—\s*(?P<y>{YEAR})\s*[-–]\s*(?P<yy>{YEAR})(?=\s*(?:[;.]|$))"),
    ("dash-year", rf"—\s*(?P<y>{YEAR})(?=\s*(?:[;.]|$))"),
    ("year", rf"(?:in|vanaf|per|tot\s+en\s+met|t/m)\s+(?:het\s+jaar\s+)?(?P<y>{YEAR})(?![\d/-])"),
    ("until-year", rf"tot\s+(?P<y>{YEAR})(?![\d/-])"),  # "Tot 2030 zijn … nodig": until the end of 2029
    (
        "before-year",
        rf"(?:vóór|voor)\s+(?P<y>{YEAR})(?=\s+(?:\w+\s+){{0,3}}?{_BY_WORDS})",
    ),
    (  # "sinds 2021", "sinds maart 2021": since when a situation has lasted — history, open-ended
        "since",
        rf"sinds\s+(?:(?P<d>\d{{1,2}})\s+)?(?:(?P<m>{MONTH_RE})\s+)?(?P<y>{YEAR})(?![\d/-])",
    ),
]
"""Each kind's pattern; `PREP` is put in front of every one (a preposition belongs to `when`)."""


def _numbered(pattern: str, index: int) -> str:
    """Group names must be unique across the alternatives: "y" becomes "y3" in pattern 3."""
    return re.sub(r"\(\?P<(\w+)>", lambda m: f"(?P<{m.group(1)}{index}>", pattern)


DATE_RE = re.compile(
    "|".join(f"(?P<k{i}>(?<![\\w-]){PREP}(?:{_numbered(p, i)}))" for i, (_, p) in enumerate(DATE_PATTERNS)),
    re.IGNORECASE,
)

PAST_VERBS = re.compile(
    r"\b(?:presenteerden|presenteerde|was|waren|werd|werden|kwam|kwamen|startte|startten|"
    r"besloot|ontving|ontvingen|stelde|stelden)\b",
    re.IGNORECASE,
)
PARTICIPLE = re.compile(
    r"\b(?!gereed\b|geen\b|gemeente|gesprek|geld|gebied|gemiddeld|geschikt|gevolg|geleden)"
    r"(?:[a-z]*ge[a-zë]{2,}(?:d|t|en|an)|(?:ver|be|ont|her)[a-zë]{2,}(?:d|t)"
    r"|ontvangen|begonnen|besloten|verschenen|gebleven)\b",
)
PARTICIPLE_ADJECTIVE = re.compile(r"^\s*(?:[a-z]*ge[a-z]+(?:de|te)|vastgestelde)\b")


@dataclass(frozen=True, slots=True)
class Span:
    """A time expression found in the text: where, as written, and what it means."""

    begin: int
    end: int
    when: str
    start: str
    stop: str
    recurring: str
    flags: tuple[str, ...]
    kind: str = ""
    past: bool = False  # told as having happened: a history row, never a commitment
    within: str = ""  # a relative deadline's term, "6 weken" (kind "relative"; no calendar date)
    after: str = ""  # the event it runs from: "ontvangst van de aanvraag"
    before: str = ""  # or the event it runs up to: "de vergadering"

    @property
    def dated(self) -> bool:
        """Whether the year is written in the expression itself."""
        return re.search(YEAR, self.when) is not None


def extract_deadlines(
    clause: Clause, today: date | None = None, parties: tuple[str, ...] = ()
) -> tuple[Deadline, ...]:
    """Every date, period or frequency in the clause by which something is due, with who must
    act (the subject, not "aan de gemeente", which receives) and the kind of row it is.

    `today` is accepted for callers that mark overdue items; extraction does not depend on it.
    `parties` adds the document's names (see `document_names`) to the clause's own.
    """
    del today
    text = clause.text
    known = tuple(dict.fromkeys((*clause.parties, *parties)))
    found: list[Deadline] = []
    clause_subject: tuple[str, ...] = ()
    sentences = _sentences(text)
    for index, (sentence, offset) in enumerate(sentences):
        actors, receivers = _actors(sentence, known)
        source = _with_sequel(sentence, [s for s, _ in sentences[index + 1 :]])
        clause_subject = actors or clause_subject
        for span in _time_spans(sentence, text[:offset], clause.period):
            found.append(
                Deadline(
                    clause_id=clause.id,
                    doc_id=clause.doc_id,
                    label=clause.label,
                    pages=clause.pages,
                    when=span.when,
                    start=span.start,
                    end=span.stop,
                    recurring=span.recurring,
                    what=_what(sentence, span),
                    parties=_part_actors(sentence, span.begin, known) or clause_subject,
                    sentence=source,
                    flags=span.flags,
                    row=_deadline_row(sentence, span, clause),
                    doc_kind=clause.doc_kind,
                    receivers=receivers,
                    period=clause.period,
                    within=span.within,
                    after=span.after,
                    before=span.before,
                )
            )
    return tuple(found)


# --------------------------------------------------------------------------- sentences


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# A sentence that opens by pointing back ("Dit gebeurt met de monitor van X.", "Daarbij …") says
# how or with what the sentence before it is done.
SEQUEL = re.compile(
    r"(?:dit|dat|hierbij|daarbij|hiervoor|daarvoor|hiermee|daarmee|hierin|daarin|hiertoe|daartoe)\b", re.I
)


def _with_sequel(sentence: str, following: list[str]) -> str:
    """The sentence as a row's source: with the sentences right after it that point back to it
    and hold no date of their own, so "how" and "with what" stay with "by when"."""
    parts = [_squash(sentence)]
    for sequel in following[:2]:
        flat = re.split(r"\s[-•»*]\s", _squash(sequel))[0]  # not the list item after it
        if not SEQUEL.match(flat) or DATE_RE.search(flat) or RECURRING_RE.search(flat):
            break
        parts.append(flat)
    return " ".join(parts)


# Bare numbers between a full stop and a capital are what is left of a table's count columns
# ("verantwoord. 1 1 Jaarlijks …"): they belong to neither sentence.
_SENTENCE_END = re.compile(
    r"(?<=[.;:!?])\s+(?:\d{1,3}\s+)*(?=[A-Z(‘“\"•»\-e]\S)|\n\s*(?=[•»*\-]|e\s|\d+\.\s)"
)


def _sentences(text: str) -> list[tuple[str, int]]:
    """Sentences with their offsets; abbreviations like "o.a." and "m.n." do not end one."""
    parts: list[tuple[str, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        before = text[max(0, match.start() - 5) : match.start()]
        if re.search(r"\b(?:o\.a|m\.n|n\.a\.v|i\.v\.m|bijv|vm|d\.d|nr|t\.a\.v)\.$", before):
            continue
        parts.append((text[start : match.start()], start))
        start = match.end()
    parts.append((text[start:], start))
    return [(s, o) for s, o in parts if s.strip()]


# --------------------------------------------------------------------------- dates


def _time_spans(sentence: str, before: str, period: str) -> list[Span]:
    """The sentence's time expressions. Events told in the past ("In 2018 is dit verbreed",
    "sinds 2021") are kept, marked `past`, as history rows: a frequency word beside one is not
    attached to it, and the default table leaves them out."""
    spans: list[Span] = []
    past: list[Span] = []
    for match in DATE_RE.finditer(sentence):
        kind_index = next(i for i in range(len(DATE_PATTERNS)) if match.group(f"k{i}"))
        if _is_reference(sentence, match.start(), match.end()):
            continue
        context_year = _context_year(before + sentence[: match.start()], period)
        span = _normalise(DATE_PATTERNS[kind_index][0], match, context_year)
        if span.kind == "since" or _is_past(_clause_part(sentence, match.start()), span, period):
            past.append(replace(span, past=True))
        else:
            spans.append(span)
    for span in _relative_spans(sentence):
        if any(s.begin < span.end and span.begin < s.end for s in (*spans, *past)):
            continue  # "binnen zes weken na 1 juli 2026": the date is there already
        if _is_past(_clause_part(sentence, span.begin), span, period):
            past.append(replace(span, past=True))
        else:
            spans.append(span)
    spans = _with_recurring(sentence, sorted(spans, key=lambda s: s.begin), period)
    return sorted([*spans, *past], key=lambda s: s.begin)


def _group(match: re.Match[str], name: str) -> str | None:
    """A named part of whichever alternative matched (names carry the alternative's number)."""
    index = next(i for i in range(len(DATE_PATTERNS)) if match.group(f"k{i}"))
    return match.groupdict().get(f"{name}{index}")


def _normalise(kind: str, match: re.Match[str], context_year: int) -> Span:
    when = _squash(match.group(0)).strip(" —–")
    year_text = _group(match, "y")
    year = int(year_text) if year_text else context_year
    flags: tuple[str, ...] = ()
    start, stop = "", ""
    if kind in ("day", "numeric"):
        day = int(_group(match, "d") or 0)
        month_text = _group(match, "m") or ""
        month = MONTHS.get(month_text.lower()) or int(month_text) if month_text else 0
        parsed = _parse_day(day, month, year)
        if parsed is None:
            flags = ("impossible date",)
        else:
            start = stop = parsed.isoformat()
    elif kind in ("month", "month-in-year"):
        month = MONTHS[(_group(match, "m") or "").lower()]
        start, stop = _month_span(year, month, month)
        if re.match(r"(?:uiterlijk\s+)?v[oó]{2}r\b", when, re.IGNORECASE):  # "vóór juli": by 1 July
            start = stop = f"{year:04d}-{month:02d}-01"
    elif kind in ("quarter", "quarter-word"):
        written = (_group(match, "q") or "1").lower()
        quarter = QUARTER_WORDS.get(written) or int(written)
        start, stop = _month_span(year, 3 * quarter - 2, 3 * quarter)
    elif kind == "day-range":
        first = _parse_day(int(_group(match, "d") or 0), MONTHS[(_group(match, "m") or "").lower()], year)
        last_year = int(_group(match, "yy") or year)
        last = _parse_day(
            int(_group(match, "dd") or 0), MONTHS[(_group(match, "mm") or "").lower()], last_year
        )
        if first is None or last is None:
            flags = ("impossible date",)
        else:
            start, stop = first.isoformat(), last.isoformat()
    elif kind == "until-year":
        stop = f"{year - 1:04d}-12-31"
    elif kind == "half":
        first_half = (_group(match, "h") or "").lower() == "eerste"
        start, stop = _month_span(year, 1, 6) if first_half else _month_span(year, 7, 12)
    elif kind == "mid":
        start, stop = _month_span(year, 6, 6)
    elif kind == "begin":
        start, stop = _month_span(year, 1, 3)
    elif kind == "end":
        start, stop = _month_span(year, 10, 12)
    elif kind == "before-summer":
        start, stop = f"{year:04d}-01-01", f"{year:04d}-07-01"
    elif kind == "season":
        season = (_group(match, "s") or "").lower()
        if season == "winter":
            start = f"{year:04d}-12-01"
            stop = _month_span(year + 1, 2, 2)[1]
        else:
            start, stop = _month_span(year, *SEASONS[season])
    elif kind in ("range", "dash-range"):
        first_year, last_year = int(year_text or year), int(_group(match, "yy") or year)
        separator = (_group(match, "sep") or "-").lower()
        if separator.startswith("tot") and "met" not in separator:
            last_year -= 1
        start, stop = f"{first_year:04d}-01-01", f"{max(first_year, last_year):04d}-12-31"
    elif kind == "before-year":  # "voor 2040 aardgasvrij": by the last day of 2039
        start = stop = f"{year - 1:04d}-12-31"
    elif kind == "since":
        month = MONTHS.get((_group(match, "m") or "").lower(), 1)
        first = _parse_day(int(_group(match, "d") or 1), month, year)
        start = first.isoformat() if first else ""
    elif kind in ("year", "dash-year"):
        start, stop = f"{year:04d}-01-01", f"{year:04d}-12-31"
        if when.lower().startswith("vanaf"):
            stop = ""
    return Span(match.start(), match.end(), when, start, stop, "", flags, kind)


def _parse_day(day: int, month: int, year: int) -> date | None:
    """The date, or None when it cannot exist ("31 februari 2024")."""
    if not (1 <= month <= 12 and 1 <= day <= 31) or day > calendar.monthrange(year, month)[1]:
        return None
    return date(year, month, day)


def _month_span(year: int, first: int, last: int) -> tuple[str, str]:
    end_day = calendar.monthrange(year, last)[1]
    return f"{year:04d}-{first:02d}-01", f"{year:04d}-{last:02d}-{end_day:02d}"


def period_years(period: str) -> tuple[int, int] | None:
    """ "2016-2019" → (2016, 2019); "2023" → (2023, 2023); "" → None."""
    years = [int(y) for y in re.findall(YEAR, period or "")]
    return (min(years), max(years)) if years else None


def _context_year(before: str, period: str) -> int:
    """The year of the latest dated expression before a year-less date, else the period's
    first year ("Woningwet 2015" earlier in the clause does not count)."""
    dated = [m.group(0) for m in DATE_RE.finditer(before) if re.search(YEAR, m.group(0))]
    if dated:
        return int(re.findall(YEAR, dated[-1])[-1])
    span = period_years(period)
    return span[0] if span else date.today().year


SIGNED = re.compile(r"\s*(?:aldus\s+)?(?:overeengekomen|ondertekend|getekend|vastgesteld)\b", re.I)


def _is_reference(sentence: str, begin: int, end: int) -> bool:
    """Years that name or date something else: "(2015)", "prijspeil 2019", "2022: €", quotes."""
    head = sentence[max(0, begin - 16) : begin].lower()
    tail = sentence[end : end + 3]
    if re.search(r"prijspeil\s*$|peiljaar\s*$|sinds\s*$|de dato\s*$|d\.d\.\s*$", head):
        return True
    deadline_word = re.match(r"(?:uiterlijk|v[oó]{2}r|op|per)\b", sentence[begin:end], re.IGNORECASE)
    if re.search(r"(?:19|20)\d\d\s*$", head) and not deadline_word:
        return (
            True  # "Woonvisie 2031 t/m 2039": the range names a plan; "jaarschijf 2027 uiterlijk …" does not
        )
    if re.fullmatch(r"\s*[A-Z][\w\- ]*,\s*", sentence[:begin]) and not sentence[end:].strip(" .\n"):
        return True  # "Voorbeeldstad, 12 maart 2031." — where and when it was signed
    if SIGNED.match(sentence):
        return True  # "Aldus overeengekomen te Voorbeeldstad op 2 maart 2031": the signing, not an event
    if tail.startswith(":"):
        return True
    if re.search(r"\b(?:biedingen|bieding|bod|brief|besluit|notitie|rapport)\s*$", head, re.I):
        return True  # "de biedingen per 1 juli 2018": the date names a document
    opened = sentence[:begin]
    if opened.count("(") > opened.count(")") and ")" in sentence[end:]:
        inner = sentence[opened.rfind("(") + 1 : end + sentence[end:].find(")")]
        if not re.search(r"\b(?:uiterlijk|gereed|oplevering|verwacht)\b", inner):
            return True
    quotes = len(re.findall(r"[‘’'“”\"]", opened))
    if quotes % 2 == 1:
        return True
    return bool(PARTICIPLE_ADJECTIVE.match(sentence[end:]))


PERFECT = re.compile(
    r"\b(?:is|zijn|heeft|hebben)\b(?:\s+(?!wordt\b|worden\b|zal\b|zullen\b)\S+){0,8}?\s+"
    + PARTICIPLE.pattern,
    re.IGNORECASE,
)


def _clause_part(sentence: str, at: int) -> str:
    """The part of the sentence around position `at`, between commas and subordinators."""
    cuts = [0]
    cuts += [
        m.start()
        for m in re.finditer(r"[,;]|\b(?:dat|die|waarbij|zodat|omdat|nadat|mits|hoeveel|welke)\b", sentence)
    ]
    cuts.append(len(sentence))
    for left, right in itertools.pairwise(cuts):
        if left <= at < right:
            return sentence[left:right]
    return sentence


def _is_past(sentence: str, span: Span, period: str) -> bool:
    """A dated event told in the past tense ("In 2018 is dit verbreed"), or one over before the
    agreement's period ended ("hebben per 1 juli 2018 een bod gedaan"), is not a deadline."""
    years = period_years(period)
    last = span.stop or span.start
    lowered = _squash(sentence).lower()
    if PAST_VERBS.search(lowered) or re.search(r"\b(?:ondertekend|overeengekomen|getekend)\b", lowered):
        return True
    if PERFECT.search(lowered):
        if not span.dated:
            return True
        return years is not None and bool(last) and int(last[:4]) < years[1]
    return False


def _with_recurring(sentence: str, spans: list[Span], period: str) -> list[Span]:
    """Attach "jaarlijks"/"elk kwartaal" to a date right next to it, or make a span of its own.

    "Jaarlijkse monitoring … — 2026-2029" marks the list item's dash date as recurring.
    """
    result = list(spans)
    for m in RECURRING_HEAD_RE.finditer(sentence):
        kind = _recurring_kind(m.group(1))
        dashed = [s for s in result if s.kind.startswith("dash")]
        if dashed:
            result[result.index(dashed[0])] = replace(dashed[0], recurring=kind)
        else:
            result.append(_recurring_span(sentence, m.start(1), m.end(1), kind, period))
    for m in RECURRING_RE.finditer(sentence):
        begin, end, kind = m.start(), m.end(), _recurring_kind(m.group(0))
        inside = [s for s in result if s.begin <= begin < s.end]
        if inside:
            if inside[0].kind == "relative" and not inside[0].recurring:  # "… na afloop van elk jaar"
                result[result.index(inside[0])] = replace(inside[0], recurring=kind)
            continue
        near = [
            s
            for s in result
            if 0 <= s.begin - end <= 4
            or (s.end <= begin and re.fullmatch(r"\s*(?:van\s+)?", sentence[s.end : begin]))
        ]
        if near and near[0].kind in ("year", "range", "until-year") and not near[0].recurring:
            # "tot en met 2029 jaarlijks 40 woningen": the range bounds the frequency
            bound = near[0]
            years = period_years(period)
            start = bound.start or (f"{years[0]:04d}-01-01" if years else "")
            word = _squash(m.group(0))
            span = Span(begin, end, word, start, bound.stop, kind, (), "recurring")
            result[result.index(bound)] = span
            continue
        if near:
            joined = near[0]
            first, last = min(begin, joined.begin), max(end, joined.end)
            when = _squash(sentence[first:last]).strip(" —–")
            merged = replace(joined, begin=first, end=last, when=when)
            result[result.index(joined)] = _recurs(merged, kind, period)
            continue
        # "Jaarlijks actualiseren partijen de afspraken voor 15 december": a date without a year
        # in the same sentence as "jaarlijks" is the day it recurs on, however far apart.
        in_year = [s for s in result if s.kind in IN_YEAR and not s.dated and not s.recurring]
        # "Elk kwartaal stuurt X binnen twee weken na afloop …": the relative term recurs.
        relative = [s for s in result if s.kind == "relative" and not s.recurring]
        targets = in_year if kind == "jaarlijks" and in_year else relative
        if len(targets) == 1:
            joined = targets[0]
            word = _squash(m.group(0))
            when = f"{word} … {joined.when}" if begin < joined.begin else f"{joined.when} … {word}"
            result[result.index(joined)] = _recurs(replace(joined, when=when), kind, period)
            continue
        if not any(s.recurring == kind for s in result):  # "jaarlijks … in maart van elk jaar"
            result.append(_recurring_span(sentence, begin, end, kind, period))
    return _coordinated(sentence, result, period)


def _coordinated(sentence: str, spans: list[Span], period: str) -> list[Span]:
    """ "jaarlijks in Q2 en in Q4": a year-less date joined by "en" to a recurring one recurs too;
    "geïndexeerd per 1 januari": an indexation date recurs every year."""
    result = sorted(spans, key=lambda s: s.begin)
    indexed = re.search(r"ge[iï]ndexeerd|indexatie|indexeren", sentence, re.IGNORECASE)
    for i, span in enumerate(result):
        if span.recurring or span.dated or span.kind not in IN_YEAR:
            continue
        before = result[i - 1] if i else None
        if (
            before is not None
            and before.recurring
            and re.fullmatch(r"\s*(?:,|en|of)\s*", sentence[before.end : span.begin])
        ):
            result[i] = _recurs(span, before.recurring, period)
        elif indexed and span.kind == "day":
            result[i] = _recurs(span, "jaarlijks", period)
    return result


def _recurs(span: Span, kind: str, period: str) -> Span:
    """A date that recurs: a year-less one falls in every year of the agreement's period."""
    start, stop = span.start, span.stop
    years = period_years(period)
    if not span.dated and years and start and stop:
        start = f"{years[0]:04d}{start[4:]}"
        stop = f"{years[1]:04d}{stop[4:]}"
    return replace(span, start=start, stop=stop, recurring=kind)


def _recurring_span(sentence: str, begin: int, end: int, kind: str, period: str) -> Span:
    """A frequency without a date: it recurs over the agreement's period."""
    years = period_years(period)
    start = f"{years[0]:04d}-01-01" if years else ""
    stop = f"{years[1]:04d}-12-31" if years else ""
    return Span(begin, end, _squash(sentence[begin:end]), start, stop, kind, (), "recurring")


def _recurring_kind(word: str) -> str:
    lowered = _squash(word).lower()
    for pattern, kind in RECURRING:
        if re.match(pattern, lowered):
            return kind
    if lowered.startswith("kwartaal"):
        return "elk kwartaal"
    if lowered.startswith("halfjaar"):
        return "halfjaarlijks"
    if lowered.startswith("maand"):
        return "maandelijks"
    return "jaarlijks"


# --------------------------------------------------------------------------- relative deadlines

NUMBER_WORDS = {
    "een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8,
    "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "veertien": 14, "twintig": 20, "dertig": 30,
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fourteen": 14, "twenty": 20,
    "thirty": 30,
}  # fmt: skip
TERM_UNITS = (
    r"(?:werk|kalender)?dag(?:en)?|weken|week|maanden|maand|jaren|jaar|kwartalen|kwartaal|uur|uren"
    r"|(?:working\s+|business\s+|calendar\s+)?days?|weeks?|months?|years?|quarters?|hours?"
)
# "30 dagen", "dertig dagen", and as contracts spell a term out with its figure after it:
# "thirty (30) days", "forty eight (48) hours" (the figure is read)
_TERM = (
    r"(?:(?:[a-z]+[\s-]){0,2}[a-z]+\s*\((?P<figure>\d{1,3})\)|(?P<n>\d{1,3}|"
    + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
    + rf"))\s+(?P<unit>{TERM_UNITS})(?![\w-])"
)
# A term is a deadline only with a word that bounds it ("binnen", "uiterlijk", "within") and an
# event it counts from or to: "een looptijd van vier jaar" and "gedurende twee jaar" are spans of
# time, "binnen zes weken na ontvangst" is due by a moment.
RELATIVE_RE = re.compile(
    r"(?<![\w-])(?P<by>binnen|uiterlijk|ten\s+laatste|niet\s+later\s+dan|within|no\s+later\s+than"
    rf"|not\s+later\s+than)\s+{_TERM}\s+(?P<rel>nadat|na|vanaf|volgend\s+op|voorafgaand\s+aan|vóór"
    r"|voor|of|after|following|from|before|prior\s+to)\s+",
    re.IGNORECASE,
)
# "na aanmelding binnen drie maanden": the event written before the term.
RELATIVE_LEAD_RE = re.compile(
    r"(?<![\w-])(?P<rel>na|after)\s+(?P<event>(?:[\wÀ-ÿ'’-]+\s+){1,5}?)(?P<by>binnen|within)\s+" + _TERM,
    re.IGNORECASE,
)
BEFORE_WORDS = re.compile(r"v[oó]{2}r|voorafgaand|before|prior", re.I)
CONDITION = re.compile(r"(?:als|indien|wanneer|zodra|mocht|die|if|when|where|should|which|who)\b", re.I)
_CONDITION_CUT = re.compile(
    r"[,;:]|\b(?:als|indien|wanneer|zodra|mocht|die|dat|if|when|where|should|which|who|that)\b", re.I
)
DETERMINERS = {
    "de", "het", "een", "elk", "elke", "ieder", "iedere", "zijn", "haar", "hun", "deze", "dit", "uw",
    "onze", "ons", "the", "a", "an", "each", "every", "its", "their", "this", "his", "her", "your", "our",
}  # fmt: skip
LINKED_DETERMINERS = {"dat", "die", "that", "these", "those"}  # after "van"/"of": "of that month"
# "de in het vierde lid bedoelde termijn": a phrase between the article and its participle.
PREMODIFIER = re.compile(r"(?:in|op|bij|aan|onder|uit|met|door|voor|van)$", re.I)
PARTICIPLE_BEFORE_NOUN = re.compile(r"(?:\w*ge|be|ver|ont|her)\w+(?:de|te|en)", re.I)
# What ties a noun phrase to the event's: "ontvangst van de aanvraag", "vaststelling door de raad".
# Other prepositions belong to the verb ("stuurt … aan de raad", "beslist … over de urgentie").
EVENT_LINKS = {"van", "door", "of", "by"}
NOT_EVENT = {
    "is", "zijn", "wordt", "worden", "werd", "heeft", "hebben", "zal", "zullen", "kan", "kunnen",
    "moet", "moeten", "mag", "mogen", "en", "dat", "die", "waarbij", "zodat", "om", "te", "er", "ook",
    "niet", "binnen", "uiterlijk", "and", "or", "that", "which", "will", "shall", "must", "are",
    "has", "have", "be", "within",
}  # fmt: skip
# Adjectives before a noun, by their endings: "schriftelijke", "jaarlijkse", "definitieve", "annual".
ADJECTIVE = re.compile(
    r"(?:lijke?|lijkse|ige?|ische?|ieve|ief|ele|ale|nde|end|ste|ere|nieuwe|oude|hele|tweede|derde|vierde"
    r"|al|ive|ous|ful|ic|ed|ent|ant|ary|ory|ble|new|final|first|last|next)$",
    re.I,
)


def _relative_spans(sentence: str) -> list[Span]:
    """Deadlines counted from an event, with no calendar date: "binnen zes weken na ontvangst van
    de aanvraag", "uiterlijk twee weken vóór de vergadering", "within 30 days of receipt of the
    request", "na aanmelding binnen drie maanden". Not a term in a condition ("Als een woning
    binnen vijf jaar na aankoop wordt verkocht, …") and not one whose event is a date."""
    spans: list[Span] = []
    for match in RELATIVE_RE.finditer(sentence):
        rest = sentence[match.end() :]
        if DATE_RE.match(rest):
            continue
        clause = match.group("rel").lower() == "nadat" or match.group("rel").lower() == "after"
        event, length = _event(rest, clause)
        if not event:
            continue
        before = BEFORE_WORDS.match(match.group("rel")) is not None
        spans.append(_relative(sentence, match.start(), match.end() + length, match, event, before))
    for match in RELATIVE_LEAD_RE.finditer(sentence):
        event, length = _event(match.group("event"), False)
        if not event or length < len(match.group("event").rstrip()) or DATE_RE.match(match.group("event")):
            continue
        if any(s.begin < match.end() and match.start() < s.end for s in spans):
            continue
        spans.append(_relative(sentence, match.start(), match.end(), match, event, False))
    return [s for s in spans if not CONDITION.match(_condition_part(sentence, s.begin))]


def _relative(sentence: str, begin: int, end: int, match: re.Match[str], event: str, before: bool) -> Span:
    written = (match.group("figure") or match.group("n")).lower()
    number = int(written) if written.isdigit() else NUMBER_WORDS[written]
    within = f"{number} {_squash(match.group('unit')).lower()}"
    when = _squash(sentence[begin:end])
    return Span(
        begin, end, when, "", "", "", (), "relative",
        within=within, after="" if before else event, before=event if before else "",
    )  # fmt: skip


def _condition_part(sentence: str, at: int) -> str:
    """The text before `at` from the last comma, semicolon or subordinator (which it keeps)."""
    head = sentence[:at]
    cuts = list(_CONDITION_CUT.finditer(head))
    if not cuts:
        return head
    last = cuts[-1]
    return head[last.end() :] if last.group(0) in ",;:" else head[last.start() :]


def _event(text: str, clause: bool) -> tuple[str, int]:
    """The event a relative term counts from, at the start of `text`, and the length it takes:
    a noun phrase with its "van"/"door" tail ("ontvangst van de aanvraag door de gemeente"), or
    after "nadat" / "after" a clause up to the next punctuation ("de raad het plan heeft
    vastgesteld"). At most twelve words."""
    tokens = list(re.finditer(r"[\wÀ-ÿ'’/-]+|[^\w\s]", text))
    words = [t.group(0) for t in tokens]
    taken = _noun_phrase_words(words, 0)
    while taken and taken < len(words) - 1 and words[taken].lower() in EVENT_LINKS:
        more = _noun_phrase_words(words, taken + 1)
        if not more:
            break
        taken = more
    if clause and taken < len(words) and _is_word(words[taken]):
        taken = next((i for i, w in enumerate(words) if not _is_word(w)), len(words))
    word_ends = [i + 1 for i, w in enumerate(words[:taken]) if _is_word(w)]
    taken = min(taken, word_ends[11]) if len(word_ends) > 12 else taken
    if not taken:
        return "", 0
    return " ".join(words[:taken]), tokens[taken - 1].end()


def _is_word(token: str) -> bool:
    return re.match(r"[\wÀ-ÿ]", token) is not None


def _noun_phrase_words(words: list[str], at: int) -> int:
    """Where a noun phrase starting at `at` ends: [determiner] adjective* noun; 0 when none."""
    i = at
    linked = LINKED_DETERMINERS if at else set()
    if i < len(words) and words[i].lower() in DETERMINERS | linked:
        i += 1
        if i < len(words) and PREMODIFIER.match(words[i]):
            ends = [
                j
                for j in range(i + 1, min(i + 10, len(words) - 1))
                if PARTICIPLE_BEFORE_NOUN.fullmatch(words[j]) and _is_word(words[j + 1])
            ]
            if not ends:
                return 0
            i = ends[0] + 1
    while i < len(words) and _is_word(words[i]) and words[i].lower() not in NOT_EVENT | EVENT_LINKS:
        following = words[i + 1] if i + 1 < len(words) else ""
        plain = _is_word(following) and following.lower() not in NOT_EVENT | EVENT_LINKS | DETERMINERS
        if ADJECTIVE.search(words[i]) and plain:
            i += 1
            continue
        numbered = i + 1 < len(words) and re.fullmatch(r"\d+[a-z]?", words[i + 1]) is not None
        return i + 2 if numbered else i + 1  # "artikel 4a", "fase 2"
    return 0


# --------------------------------------------------------------------------- who and what

ROLE_WORDS = (
    "de woningcorporaties",
    "woningcorporaties",
    "de corporaties",
    "corporaties",
    "de huurdersorganisaties",
    "huurdersorganisaties",
    "de huurdersverenigingen",
    "huurdersverenigingen",
    "de gemeente",
    "gemeente",
    "gemeenten",
    "het college",
    "partijen",
    "wij",
    "we",
)
TENANT_WORDS = re.compile(r"huurder|bewoner", re.I)


def _party_mentions(sentence: str, parties: tuple[str, ...]) -> list[tuple[int, int, str]]:
    """Named parties and role words in the sentence, as (begin, end, name), in order."""
    names = sorted({p for p in parties if p}, key=len, reverse=True)
    found: list[tuple[int, int, str]] = []
    taken: list[range] = []
    for name in names:
        for alias in _aliases(name):
            for m in re.finditer(rf"(?<!\w){re.escape(alias)}(?!\w)", sentence, re.IGNORECASE):
                if any(m.start() in r for r in taken):
                    continue
                found.append((m.start(), m.end(), name))
                taken.append(range(m.start(), m.end()))
    for role in ROLE_WORDS:
        for m in re.finditer(rf"(?<!\w){role}(?!\w)", sentence, re.IGNORECASE):
            if any(m.start() in r or (m.end() - 1) in r for r in taken):
                continue
            found.append((m.start(), m.end(), _role_name(role, parties)))
            taken.append(range(m.start(), m.end()))
    return sorted(found)


def _aliases(name: str) -> list[str]:
    aliases = [name]
    short = re.sub(r"^(?:gemeente|stichting|woningstichting|woonstichting)\s+", "", name, flags=re.I)
    if short != name and len(short) > 3 and not name.lower().startswith("gemeente"):
        aliases.append(short)
    ocr = name.replace("In", "lIn").replace("nI", "nlI")
    if ocr != name:
        aliases.append(ocr)
    return aliases


def _role_name(role: str, parties: tuple[str, ...]) -> str:
    """ "de gemeente" → the municipality's name when the clause names it; else the role word."""
    bare = role.lower().removeprefix("de ").removeprefix("het ")
    if bare == "gemeente":
        councils = [p for p in parties if p.lower().startswith("gemeente")]
        return councils[0] if len(councils) == 1 else "gemeente"
    if bare == "wij" or bare == "we":
        return "partijen"
    return bare


def _subject(sentence: str, parties: tuple[str, ...]) -> tuple[str, ...]:
    """The first run of parties in the sentence ("De gemeente en de corporaties …")."""
    mentions = _party_mentions(sentence, parties)
    if not mentions:
        return ()
    run = [mentions[0]]
    for mention in mentions[1:]:
        gap = sentence[run[-1][1] : mention[0]]
        if re.fullmatch(r"[\s,]*(?:en|,|samen\s+met|of)?[\s,]*(?:de|het)?\s*", gap, re.I):
            run.append(mention)
        else:
            break
    names: list[str] = []
    for _, _, name in run:
        if name not in names:
            names.append(name)
    return tuple(names)


def _what(sentence: str, span: Span) -> str:
    """The sentence without its date, cut to a readable length."""
    text = sentence[: span.begin] + " " + sentence[span.end :]
    text = _squash(re.sub(r"^\s*(?:[-•»*]|e\s|\d+\.)\s*", "", text))
    text = re.sub(r"\s+([,.;:])", r"\1", text).strip(" ,;:—–-")
    if len(text) > 140:
        text = text[:140].rsplit(" ", 1)[0] + " …"
    return text[:1].upper() + text[1:]


# Capitalised words that open a sentence without naming a party.
NOT_NAMES = {
    "de", "het", "een", "deze", "dit", "die", "dat", "alle", "elke", "ieder", "iedere", "in", "op",
    "voor", "vóór", "na", "bij", "als", "wie", "er", "ook", "daarnaast", "daarom", "uiterlijk",
    "jaarlijks", "huurders", "huurder", "woningen", "we", "wij", "zij", "hij", "tot", "sinds", "van",
    "met", "om", "indien", "wanneer", "naast", "binnen", "tussen", "per", "samen", "niet", "verkoop",
    "geschillen", "partijen", "onderwerp", "post", "totaal", "nr", "wijk", "locatie", "onderdeel",
    "afspraak", "artikel", "bijlage", "hoofdstuk", "aldus", "ondertekend", "gemeente", "hiervoor",
    "daarvoor", "zo", "nu", "dan", "ten", "zonder", "onder", "aan", "door", "vanaf", "eind", "begin",
    "corporaties", "woningcorporaties", "huurdersorganisaties", "gemeenten", "college", "bewoners",
    "sociaal", "wonen", "zorg", "leefbaarheid", "duurzaamheid", "betaalbaarheid", "nieuwbouw",
    # an English text's sentences open with these as often ("The Tenant …", "If …", "Payments …")
    "the", "a", "an", "this", "that", "these", "those", "each", "every", "any", "if", "after", "before",
    "during", "within", "until", "upon", "for", "by", "at", "to", "of", "with", "from", "it", "they",
    "you", "your", "our", "their", "is", "term", "payments", "where", "unless", "subject",
}  # fmt: skip
_NAME_RUN = re.compile(r"(?:(?:De|Het)\s+)?[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,3}")


def document_names(texts: list[str], parties: tuple[str, ...] = (), place: str = "") -> tuple[str, ...]:
    """The document's parties plus the names that open a sentence as its subject ("Het Anker
    bouwt …", "Woonwaarde en de gemeente maken …"), so a party the title page lists under another
    name is still found as the one who acts or pays. `place` (the municipality) is no party."""
    found: dict[str, int] = {}
    for text in texts:
        for sentence, _ in _sentences(text):
            flat = _squash(re.sub(r"^\s*(?:[-•»*]|\d+\.)\s*", "", sentence))
            for m in re.finditer(rf"(?:^|\ben\s+|,\s*)({_NAME_RUN.pattern})(?=\s+(?:en\s+|[a-z]))", flat):
                name = m.group(1)
                words = name.split()
                if m.start() > 60 or words[0].lower() in NOT_NAMES - {"de", "het"}:
                    break
                if words[0] in ("De", "Het") and len(words) == 1:
                    continue
                if any(w.lower() in NOT_NAMES - {"de", "het"} for w in words[1:]):
                    continue
                if name.lower() == place.lower():
                    continue
                found[name] = found.get(name, 0) + 1
    opening = _squash(" ".join(texts))[:800].casefold()  # where an agreement names its parties
    learned = tuple(
        n
        for n, count in found.items()
        if count >= 2 and not n.lower().startswith("gemeente") and n.casefold() in opening
    )
    return tuple(dict.fromkeys((*parties, *learned)))


RECEIVING = re.compile(r"\b(?:aan|naar|met|voor|bij|van|over|tot|onder|tussen)\s+(?:de\s+|het\s+)?$", re.I)


def _actors(sentence: str, parties: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Who acts (the first run of parties not introduced by "aan", "met", …) and who receives
    ("… levert de planning aan de gemeente": the gemeente receives)."""
    mentions = _party_mentions(sentence, parties)
    acting: list[tuple[int, int, str]] = []
    receiving: list[str] = []
    for begin, end, name in mentions:
        head = sentence[max(0, begin - 20) : begin]
        if RECEIVING.search(head) and not re.search(r"samen\s+met\s+(?:de\s+|het\s+)?$", head, re.I):
            if re.search(r"\b(?:aan|naar)\s+(?:de\s+|het\s+)?$", head, re.I) and name not in receiving:
                receiving.append(name)
            continue
        if acting:
            gap = sentence[acting[-1][1] : begin]
            if not re.fullmatch(r"[\s,]*(?:en|,|samen\s+met|of)?[\s,]*(?:de|het)?\s*", gap, re.I):
                continue
        elif any(name == a for _, _, a in acting):
            continue
        acting.append((begin, end, name))
    names = tuple(dict.fromkeys(name for _, _, name in acting))
    return names, tuple(r for r in receiving if r not in names)


def _part_actors(sentence: str, at: int, parties: tuple[str, ...]) -> tuple[str, ...]:
    """Who acts in the part of the sentence (between semicolons) that holds position `at`."""
    start = sentence.rfind(";", 0, at) + 1
    stop = sentence.find(";", at)
    actors, _ = _actors(sentence[start : stop if stop >= 0 else len(sentence)], parties)
    return actors


HISTORY_WORDS = re.compile(r"\b(?:sinds|destijds|toen|vorig|eerder)\b", re.I)
BACKGROUND_WORDS = re.compile(
    r"naar\s+verwachting|\bverwacht\w*|\bbehoefte\b|\bnodig\b|\bprognose|\bgeldt\b|\bgelden\b", re.I
)
# The term a text runs is background when it is the agreement's own ("Deze afspraken hebben een
# looptijd van …"); a project's or pilot's term set in it ("Het project loopt tot en met …") is
# an end date the parties commit to.
TERM_WORDS = re.compile(r"\blooptijd\b|\bloopt\b|\blopen\b", re.I)
OWN_TERM = re.compile(
    r"\b(?:deze|onze|de|het|dit)\s+(?:\w+\s+)?(?:prestatie)?(?:afspraken|overeenkomst|convenant)\b", re.I
)


def _deadline_row(sentence: str, span: Span, clause: Clause) -> str:
    """commitment, recurring, history (before the document's period, not a commitment) or
    background (a forecast, a need, the term the document runs)."""
    if span.past:
        return "history"
    if span.recurring:
        return "recurring"
    if span.kind == "relative":
        return "commitment"
    years = period_years(clause.period)
    last = span.stop or span.start
    deadline_word = re.match(r"(?:uiterlijk|v[oó]{2}r|per|op)\b", span.when, re.I)
    if years and last and int(last[:4]) < years[0] and not deadline_word:
        return "history"
    if HISTORY_WORDS.search(sentence) and not deadline_word:
        return "history"
    own_term = TERM_WORDS.search(sentence) is not None and OWN_TERM.search(sentence) is not None
    if span.kind in ("day-range", "until-year") or (
        (BACKGROUND_WORDS.search(sentence) or own_term) and not deadline_word and span.kind != "day"
    ):
        return "background"
    return "commitment"


# --------------------------------------------------------------------------- amounts

NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
SCALE = r"(?P<scale>k|duizend|mln\.?|miljoen|mld\.?|miljard)"
AMOUNT_RE = re.compile(
    rf"€\s*(?P<eur>{NUMBER})(?:\s*{SCALE}\b|(?<=\d)k\b)?(?:,-)?(?:\s*euro\b)?"
    rf"|(?P<eur2>{NUMBER})\s*(?:(?P<scale2>duizend|miljoen|mln\.?|miljard)\s+)?euro\b"
    rf"|(?P<fte>{NUMBER})\s*fte\b"
    rf"|(?P<pct>{NUMBER})\s*(?:%|procent(?:\s*punt(?:en)?|punt(?:en)?)?\b)"
    rf"|€\s*(?P<blank>p\.?m\.?|\.{{2,}}|…|x+|nnb|nader te bepalen)",
    re.IGNORECASE,
)
SCALES = {"k": 1e3, "duizend": 1e3, "mln": 1e6, "miljoen": 1e6, "mld": 1e9, "miljard": 1e9}


def parse_number(text: str) -> float:
    """Dutch numerals: "30.000" → 30000, "633,25" → 633.25, "1,2" → 1.2."""
    cleaned = text.replace(".", "").replace(",", ".") if "," in text else text.replace(".", "")
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", text) is None and "," not in text and "." in text:
        cleaned = text
    return float(cleaned)


def extract_amounts(
    clause: Clause, parties: tuple[str, ...] = (), tenants: frozenset[str] = frozenset()
) -> tuple[Amount, ...]:
    """Every euro sum, fte and percentage in the clause, with purpose, period and payers.

    A total ("De kosten … bedragen €38.067 per jaar") takes its payers from the amounts the
    same or next sentence assigns ("De gemeente betaalt €25.000 en de beide corporaties dragen
    elk €6.533 bij"), and its split is checked. `tenants` names the parties that are tenant
    organisations, so "de corporaties" never counts them among the payers.
    """
    known = tuple(dict.fromkeys((*clause.parties, *parties)))
    sentences = [_squash(s) for s, _ in _sentences(clause.text)]
    assigned = [_payer_amounts(s, known, tenants) for s in sentences]
    found: list[Amount] = []
    header: list[str] = []
    clause_actors: tuple[str, ...] = ()
    for index, flat in enumerate(sentences):
        actors, _ = _actors(flat, known)
        clause_actors = actors or clause_actors
        cells = _cells(flat)
        if cells and not re.search(r"\d", flat):
            header = cells  # "Onderwerp | Gemeente | Corporatie | Totaal": whose money each column is
            continue
        if cells and header:
            found += _table_amounts(clause, flat, cells, header, known)
            continue
        for match in AMOUNT_RE.finditer(flat):
            value, unit, flags = _value_of(match)
            payers, each = _prose_shares(flat, match, value, unit, known, clause_actors, tenants)
            if payers is None:
                payers = _shares_of(flat, match, value, unit, known, assigned, index, tenants)
                each = len(payers) > 1 and EACH_BEFORE.search(flat[: match.start()]) is not None
            found.append(
                Amount(
                    clause_id=clause.id,
                    doc_id=clause.doc_id,
                    label=clause.label,
                    pages=clause.pages,
                    text=_squash(match.group(0)),
                    value=value,
                    unit=unit,
                    purpose=_purpose(flat, match, clause.text),
                    period=_period(flat, match),
                    payers=payers,
                    split_check=split_check(value, unit, payers),
                    sentence=flat,
                    flags=flags,
                    row=_amount_row(flat, match, unit, payers),
                    doc_kind=clause.doc_kind,
                    bound=_bound(flat, match),
                    each=each,
                )
            )
    return tuple(found)


# --------------------------------------------------------------------------- tables of amounts

TOTAL_COLUMN = re.compile(r"^(?:totaal|total|samen)\b", re.I)
BARE_EUROS = re.compile(r"^(?P<eur>\d{1,3}(?:\.\d{3})+(?:,\d+)?)(?!\S)")


def _cells(sentence: str) -> list[str]:
    """A table row as the reader joins it ("Post | Gemeente | Totaal"), else []."""
    return [c.strip() for c in sentence.split("|")] if sentence.count("|") >= 2 else []


def _table_amounts(
    clause: Clause, row: str, cells: list[str], header: list[str], parties: tuple[str, ...]
) -> list[Amount]:
    """Amounts in one table row: a payer's column gives its payer, a "Totaal" column the split of
    the row's payer columns. Bare figures ("25.000") count as euros when the clause says the
    table is in euros."""
    in_euros = re.search(r"in\s+euro|€", " ".join(header) + clause.text[:400], re.I) is not None
    label = cells[1] if re.fullmatch(r"\d+", cells[0]) and len(cells) > 1 else cells[0]
    if TOTAL_COLUMN.match(label):
        named = re.search(r"budget\s+voor\s+(\w+)", clause.text)
        label = named.group(1) if named else label
    values: list[tuple[int, str, float]] = []  # column, as written, value
    for column, cell in enumerate(cells[1:], start=1):
        match = AMOUNT_RE.match(cell)
        if match and (match.group("eur") or match.group("eur2")):
            value, _, _ = _value_of(match)
            if value is not None:
                values.append((column, _squash(match.group(0)), value))
        elif in_euros and (bare := BARE_EUROS.match(cell)):
            values.append((column, bare.group("eur"), parse_number(bare.group("eur"))))
    payer_of = {
        column: _column_payer(header[column], parties) for column, _, _ in values if column < len(header)
    }
    period = "per jaar" if re.search(r"\bper\s+jaar\b", clause.text) else ""
    found: list[Amount] = []
    for column, text, value in values:
        name = header[column] if column < len(header) else ""
        if TOTAL_COLUMN.match(name):
            shares = tuple(
                Share(payer_of[c], v, v / value if value else None)
                for c, _, v in values
                if payer_of.get(c) and c != column
            )
        else:
            shares = (Share(payer_of[column], value, None),) if payer_of.get(column) else ()
        found.append(
            Amount(
                clause_id=clause.id,
                doc_id=clause.doc_id,
                label=clause.label,
                pages=clause.pages,
                text=text,
                value=value,
                unit="EUR",
                purpose=label,
                period=period,
                payers=shares,
                split_check=split_check(value, "EUR", shares),
                sentence=row,
                row="budget",
                doc_kind=clause.doc_kind,
            )
        )
    return found


def _column_payer(column: str, parties: tuple[str, ...]) -> str:
    """ "Gemeente", "Bijdrage gemeente" → the municipality; a party's name → that party."""
    if TOTAL_COLUMN.match(column):
        return ""
    mentions = _party_mentions(column, parties)
    if mentions:
        return mentions[0][2]
    return ""


# --------------------------------------------------------------------------- splits in prose

GIVING = re.compile(
    r"\b(?:betaalt|betalen|draagt|dragen|investeert|investeren|financiert|financieren|subsidieert|"
    r"subsidiëren|stelt|stellen|reserveert|reserveren|ondersteunt|ondersteunen|biedt|bieden|vergoedt|"
    r"vergoeden|verhoogt|verhogen|vullen|vult|bijdrage|bij)\b",
    re.I,
)
PRICE_LIKE = re.compile(
    r"\bhuur\b|huurprijs|huurtoeslag|\bprijs|grondprijs|per\s+woning|grens|garant|aftopping|huurverhoging",
    re.I,
)
_WHO = r"(?P<who>(?:de\s+|het\s+)?[\w'-]+(?:\s+(?!en\b|de\b)[\w'-]+){0,3}?)"


def _prose_shares(
    sentence: str,
    match: re.Match[str],
    value: float | None,
    unit: str,
    parties: tuple[str, ...],
    clause_actors: tuple[str, ...],
    tenants: frozenset[str],
) -> tuple[tuple[Share, ...] | None, bool]:
    """Splits written out in a sentence; (None, False) when none is, so the older rules decide.

    "€ 80.000, waarvan € 50.000 door X en € 30.000 door Y"; "waarvan X € 100.000 betaalt en Y de
    rest"; "X en Y betalen dit in de verhouding 75/25"; "X en Y betalen ieder de helft";
    "de kosten … worden gelijk verdeeld"; "X en Y dragen ieder tot € 60.000 bij"; "… komen voor
    rekening van X"; "X betaalt/draagt bij/stelt beschikbaar € N"."""
    if unit == "%" or value is None:
        return None, False
    if re.search(HALF, sentence[match.start() :]):
        return None, False  # "waarbij de kosten voor de helft door X en voor de helft door Y": older rule
    before, after = sentence[: match.start()], sentence[match.end() :]
    part = _segment(sentence, match.start())
    part_actors, _ = _actors(part, parties)
    # a part of a total: "waarvan € 25.000 door de gemeente", "waarvan Y € 100.000 betaalt"
    if re.search(r"\bwaarvan\b", before):
        tail = before[before.rfind("waarvan") :]
        who = _part_payer(tail + sentence[match.start() :], len(tail), match.end() - match.start(), parties)
        if who:
            return (Share(who, value, None),), False
    # a total split after it
    waarvan = re.match(r"[^€]{0,60}?\bwaarvan\b(?P<tail>.*)", after)
    if waarvan and unit == "EUR":
        shares = _waarvan_split(waarvan.group("tail"), value, parties, part_actors or clause_actors)
        if shares:
            return shares, False
    ratio = re.search(
        r"(?:verhouding|verdeling|verdeeld)\s+(?:van\s+)?(\d{1,2})\s*/\s*(\d{1,2})\b|\b(\d{1,2})\s*/\s*(\d{1,2})\b",
        after,
    )
    if ratio:
        a, b = (int(x) for x in (ratio.group(1) or ratio.group(3), ratio.group(2) or ratio.group(4)))
        segment = _segment(sentence, match.end() + ratio.start())
        actors, _ = _actors(segment, parties)
        if a + b == 100 and len(actors) == 2:
            return tuple(
                Share(name, value * f if unit == "EUR" else None, f)
                for name, f in zip(actors, (a / 100, b / 100), strict=True)
            ), False
    actors = _actors(sentence, parties)[0] or clause_actors
    if re.search(
        r"\b(?:ieder|elk|beiden?|allebei)\s+de\s+helft|gelijk\s+(?:verdeeld|gedeeld)|"
        r"kosten\s+(?:worden\s+)?(?:gelijk\s+)?(?:gedeeld|verdeeld)\b(?!\s+(?:over|volgens|als))|gedeelde\s+kosten",
        sentence,
    ):
        names = _expand_roles(actors, parties, tenants=tenants)
        if len(names) >= 2:
            part_ = 1 / len(names)
            return tuple(Share(n, value * part_ if unit == "EUR" else None, part_) for n in names), False
    if unit != "EUR" or TOTAL_HEAD.search(before):
        return None, False  # "De kosten … bedragen € N": its payers come from the amounts after it
    earlier = list(AMOUNT_RE.finditer(before))
    head = before[earlier[-1].end() :] if earlier else before
    own = PAYER_HEAD.search(head.strip())
    if own and not re.search(r"\bsamen\b", own.group(0)):
        return None, False  # "De gemeente betaalt € N en de corporaties dragen elk € M": older rule
    each = re.search(
        r"\b(?:ieder|elk|iedere|elke)\b(?:\s+\w+)?\s*(?:tot|maximaal|ten\s+hoogste)?\s*$", before
    )
    if each and part_actors:
        names = _expand_roles(part_actors, parties, _count(part), tenants)
        return tuple(Share(n, value, None) for n in names), True
    charged = re.match(
        r"[^€;]{0,40}?voor\s+rekening\s+van\s+" + _WHO + r"(?=[,;.]|$|\s+(?:en|de|het)\s)", after
    )
    if charged:
        return (Share(_payer_name(charged.group("who"), parties), value, None),), False
    window = sentence[max(0, match.start() - 50) : match.end() + 20]
    if part_actors and GIVING.search(part) and not PRICE_LIKE.search(window):
        if len(part_actors) == 1:
            return (Share(part_actors[0], value, None),), False
        if re.search(r"\bsamen\b", part):
            return tuple(Share(n, None, None) for n in part_actors), False
    return None, False


EACH_BEFORE = re.compile(r"\b(?:ieder|elk|iedere|elke)\b(?:\s+\w+)?\s*(?:tot|maximaal|ten\s+hoogste)?\s*$")


def _segment(sentence: str, at: int) -> str:
    start = sentence.rfind(";", 0, at) + 1
    stop = sentence.find(";", at)
    return sentence[start : stop if stop >= 0 else len(sentence)]


def _part_payer(text: str, at: int, length: int, parties: tuple[str, ...]) -> str:
    """Who pays the amount at `at` in a "waarvan …" list: "€ a door X", "€ a uit X", "X € a betaalt"."""
    after = text[at + length :]
    by = re.match(
        r"\s*(?:per\s+jaar\s+)?(?:door|uit|van|voor\s+rekening\s+van)\s+"
        + _WHO
        + r"(?=[,;.]|$|\s+(?:en|wordt|worden|samen|betaald|gedragen)\b)",
        after,
    )
    if by:
        return _payer_name(by.group("who"), parties)
    left = text[:at].rstrip()
    named = re.search(r"(?:waarvan|en|,)\s+" + _WHO + r"$", left)
    if named and re.match(
        r"\s*(?:per\s+jaar\s+)?(?:betaalt|betalen|bijdraagt|bijdragen|draagt|dragen|voor\s+zijn|voor\s+haar)",
        after,
    ):
        return _payer_name(named.group("who"), parties)
    return ""


def _waarvan_split(
    tail: str, total: float, parties: tuple[str, ...], actors: tuple[str, ...]
) -> tuple[Share, ...]:
    """ "€ 40.000, waarvan € 25.000 door de gemeente [en € 15.000 door X | en X de rest]": the
    named parts, and the rest to the one remaining party that pays with them."""
    parts: list[tuple[str, float]] = []
    for m in AMOUNT_RE.finditer(tail):
        if not (m.group("eur") or m.group("eur2")):
            continue
        value, _, _ = _value_of(m)
        who = _part_payer(tail, m.start(), m.end() - m.start(), parties)
        if not who or value is None:
            return ()
        parts.append((who, value))
    if not parts:
        return ()
    named = sum(v for _, v in parts)
    rest = total - named
    if rest > 0.005:
        remainder = re.search(
            r"(?:\ben\s+|,\s*)" + _WHO + r"\s+(?:de\s+rest|het\s+restant|het\s+overige)", tail
        )
        if remainder:
            parts.append((_payer_name(remainder.group("who"), parties), rest))
        else:
            keys = {_fold_party(w) for w, _ in parts}
            others = [a for a in actors if _fold_party(a) not in keys]
            if len(others) == 1:
                parts.append((others[0], rest))
    return tuple(Share(who, v, v / total if total else None) for who, v in parts)


def _fold_party(name: str) -> str:
    folded = re.sub(r"[^a-z0-9]", "", name.casefold())
    return "gemeente" if folded.startswith("gemeente") else folded


def _bound(sentence: str, match: re.Match[str]) -> str:
    """ "maximaal € 45.000", "ieder tot € 60.000" → "up to"; "minimaal" → "at least"; "circa" → "about".
    Only for money and fte: "ten hoogste 3 procent" is the target itself."""
    if match.group("pct") is not None:
        return ""
    before = sentence[max(0, match.start() - 40) : match.start()].lower()
    if re.search(r"\baan\s+tot\s*$", before):
        return ""  # "vullen het fonds aan tot € 40.000": topped up to, not capped at
    if re.search(
        r"(?:\btot(?:\s+een\s+(?:bedrag|maximum)\s+van)?|maximaal|ten\s+hoogste|hooguit|maximum\s+van|max\.)\s*$",
        before,
    ):
        return "up to"
    if re.search(r"(?:minimaal|ten\s+minste|minstens|tenminste)\s*$", before):
        return "at least"
    if re.search(r"(?:circa|ca\.|ongeveer|ruim|bijna|rond|zo['’]n)\s*$", before):
        return "about"
    return ""


TARGET_WORDS = re.compile(
    r"ten\s+hoogste|ten\s+minste|tenminste|minimaal|maximaal|streven|streeft|\bdoel|\bplus\b|\bminus\b|"
    r"verhoog|beperk|niet\s+meer|minder\s+dan|meer\s+dan|\bnaar\b|\bop\s+circa|zetten\s+in",
    re.I,
)


def _amount_row(sentence: str, match: re.Match[str], unit: str, payers: tuple[Share, ...] = ()) -> str:
    """budget (money or fte someone puts in), target (a percentage to reach or stay under) or
    other (a price, a rent limit, a figure describing the situation)."""
    window = sentence[max(0, match.start() - 50) : match.end() + 20]
    if unit == "%":
        return (
            "target" if TARGET_WORDS.search(sentence[max(0, match.start() - 60) : match.start()]) else "other"
        )
    if unit == "EUR" and PRICE_LIKE.search(window) and not payers:
        return "other"  # "de lage aftoppingsgrens (€ 633,25)", "€ 22.500 per woning": a price or limit
    if unit == "EUR" and re.search(r"\b(?:tot\s+een\s+bedrag|garant|huur)\b", window, re.I):
        return "other"
    return "budget"


def _value_of(match: re.Match[str]) -> tuple[float | None, str, tuple[str, ...]]:
    if match.group("blank") is not None:
        return None, "EUR", ("no number",)
    for group, unit in (("eur", "EUR"), ("eur2", "EUR"), ("fte", "fte"), ("pct", "%")):
        raw = match.group(group)
        if raw is None:
            continue
        value = parse_number(raw)
        scale = (match.group("scale") or match.group("scale2") or "").lower().rstrip(".")
        if not scale and unit == "EUR" and re.search(r"\dk\b", match.group(0), re.I):
            scale = "k"
        return value * SCALES.get(scale, 1.0), unit, ()
    return None, "EUR", ("no number",)


def _period(sentence: str, match: re.Match[str]) -> str:
    after = sentence[match.end() : match.end() + 30].lower()
    before = sentence[max(0, match.start() - 40) : match.start()].lower()
    if re.match(r"\s*(?:euro\s*)?(?:,-\s*)?(?:per\s+jaar|jaarlijks|p\.?j\.?(?!\w))", after):
        return "per jaar"
    if re.match(r"\s*(?:euro\s*)?per\s+maand", after):
        return "per maand"
    if match.group("pct") is None and re.search(r"\bjaarlijks\s+(?:\w+\s+){0,3}$", before):
        return "per jaar"
    if re.search(r"eenmalig", before + after):
        return "eenmalig"
    return ""


_STOP = r"(?:[,.;:()—]|\s(?:en|waarbij|om|zodat|die|dat|is|zijn|wordt|worden|bedragen|bedraagt|kan)\s)"
_FILLER = {
    "tot",
    "van",
    "onder",
    "de",
    "het",
    "een",
    "met",
    "tegen",
    "op",
    "circa",
    "ruim",
    "minimaal",
    "maximaal",
    "gemiddeld",
    "ieder",
    "elk",
    "betaalt",
    "bedragen",
    "bedraagt",
    "tussen",
    "ongeveer",
    "en",
    "is",
    "aan",
    "voor",
}


def _purpose(sentence: str, match: re.Match[str], clause_text: str) -> str:
    """What the money or share is for: the noun phrase beside it."""
    after = sentence[match.end() :]
    before = sentence[: match.start()]
    is_pct = match.group("pct") is not None
    if not is_pct:
        m = re.search(
            r"(?:kosten|budget|bijdrage|subsidie)\s+(?:voor|van)\s+([^,.;]+?)\s+"
            r"(?:bedragen|bedraagt|is|van)\s*$",
            before,
        )
        if m:
            return _noun_phrase(m.group(1))
        m = re.match(r"\s*(?:euro\s*)?(?:per\s+jaar\s+)?(?:bij\s+)?(?:aan|voor)\s+(.+)", after)
        if m and not re.match(r"(?:de\s+)?kosten\b", m.group(1)):
            return _noun_phrase(m.group(1))
        if re.search(r"budget\s+van\s*$", before):
            named = re.search(r"budget\s+voor\s+([^,.;]+)", clause_text)
            return _noun_phrase(named.group(1)) if named else "budget"
        named = re.search(r"(\w*budget)\b", clause_text)
        if re.search(r"\bkosten\b", after[:30]) and named:
            return named.group(1)
        if PAYER_HEAD.search(re.split(r"€\s*[\d.,]+", before)[-1].strip()):
            stated = re.search(
                r"(?:kosten|budget)\s+voor\s+([^,.;]+?)\s+(?:bedragen|bedraagt|is)\b", clause_text
            )
            if stated:
                return _noun_phrase(stated.group(1))
    else:
        m = re.match(r"\s*(?:van\s+)?(?:de|het|alle)?\s*(.+)", after)
        phrase = _noun_phrase(m.group(1)) if m else ""
        if phrase and not re.match(r"(?:is|van|en|in|ligt|kan|bedraagt)\b", phrase):
            return phrase
    words = [w for w in re.findall(r"[A-Za-zÀ-ÿ][\wÀ-ÿ'+-]*", before)[-6:]]
    while words and words[-1].lower() in _FILLER:
        words.pop()
    return " ".join(words[-4:])


def _noun_phrase(text: str) -> str:
    cut = re.split(_STOP, " " + text, maxsplit=1)[0].strip()
    return " ".join(cut.split()[:8])


# --------------------------------------------------------------------------- who pays

HALF = r"(?:voor\s+)?de\s+helft\s+(?:door|voor(?:\s+rekening\s+van)?)\s+"
PAYER_VERBS = (
    r"(?:betaalt|betalen|draagt|dragen|investeert|investeren|financiert|financieren|"
    r"subsidieert|subsidiëren|stelt|stellen|reserveert|reserveren)"
)
COUNT_WORDS = {"beide": 2, "twee": 2, "drie": 3, "vier": 4, "vijf": 5}
PAYER_HEAD = re.compile(
    rf"^(?:en\s+|,\s*)?(?P<who>(?:de\s+|het\s+)?[\w\s'-]+?)\s+{PAYER_VERBS}"
    rf"(?:\s+(?P<each>elk|ieder|iedere|samen|jaarlijks))?(?:\s+(?:tot|maximaal|circa))?\s*$",
    re.IGNORECASE,
)
TOTAL_HEAD = re.compile(
    r"(?:kosten|budget|totaal|bedrag)\b[^€]{0,60}?(?:bedragen|bedraagt|is|van|wordt)\s*$", re.I
)


def _payer_amounts(
    sentence: str, parties: tuple[str, ...], tenants: frozenset[str] = frozenset()
) -> list[tuple[int, list[Share]]]:
    """Euro amounts the sentence assigns to a payer: (position, shares) per amount."""
    result: list[tuple[int, list[Share]]] = []
    previous_end = 0
    for match in AMOUNT_RE.finditer(sentence):
        head = sentence[previous_end : match.start()].strip()
        previous_end = match.end()
        if not (match.group("eur") or match.group("eur2")):
            continue
        found = PAYER_HEAD.search(head)
        if found is None:
            continue
        value, _, _ = _value_of(match)
        who = found.group("who")
        group = _subject(who, parties) or (_payer_name(who, parties),)
        names = _expand_roles(group, parties, _count(who), tenants)
        result.append((match.start(), [Share(name, value, None) for name in names]))
    return result


def _shares_of(
    sentence: str,
    match: re.Match[str],
    value: float | None,
    unit: str,
    parties: tuple[str, ...],
    assigned: list[list[tuple[int, list[Share]]]],
    index: int,
    tenants: frozenset[str] = frozenset(),
) -> tuple[Share, ...]:
    """Who pays which part of this amount, when the text says so."""
    if unit == "%" or (value is None and unit == "EUR" and match.group("blank") is not None):
        return ()
    euros_known = value is not None and unit == "EUR"
    halves = re.search(
        HALF + r"(.+?)\s+en\s+" + HALF + r"(.+?)(?:\s+(?:gedragen|betaald)|[.,;]|$)",
        sentence[match.start() :],
    )
    if halves:
        euros = value / 2 if euros_known and value is not None else None
        return tuple(Share(_payer_name(halves.group(i), parties), euros, 0.5) for i in (1, 2))
    if re.search(r"kosten\s+(?:worden\s+)?(?:gelijk\s+)?gedeeld|gedeelde\s+kosten", sentence):
        subject = _expand_roles(_subject(sentence, parties), parties, tenants=tenants)
        if len(subject) >= 2:
            part = 1 / len(subject)
            euros = value * part if euros_known and value is not None else None
            return tuple(Share(name, euros, part) for name in subject)
    if not euros_known or value is None:
        return ()
    if TOTAL_HEAD.search(sentence[: match.start()]):
        later = [shares for at, shares in assigned[index] if at > match.start()]
        if not later and index + 1 < len(assigned):
            later = [shares for _, shares in assigned[index + 1]]
        flat = [share for shares in later for share in shares]
        if flat:
            return tuple(Share(s.party, s.euros, (s.euros or 0) / value) for s in flat)
        return ()
    own = [shares for at, shares in assigned[index] if at == match.start()]
    if own:
        return tuple(own[0])
    each = re.search(r"\b(?:ieder|elk|iedere|elke)\b(?:\s+\w+)?\s*$", sentence[: match.start()])
    if each:
        subject = _expand_roles(_subject(sentence, parties), parties, tenants=tenants)
        return tuple(Share(name, value, None) for name in subject)
    return ()


def _count(who: str) -> int:
    for word, number in COUNT_WORDS.items():
        if re.search(rf"\b{word}\b", who, re.I):
            return number
    return 0


def _payer_name(text: str, parties: tuple[str, ...]) -> str:
    mentions = _party_mentions(text, parties)
    if mentions:
        return mentions[0][2]
    return _squash(re.sub(r"^(?:de|het)\s+", "", text.strip(), flags=re.I))


def _expand_roles(
    names: tuple[str, ...], parties: tuple[str, ...], count: int = 0, tenants: frozenset[str] = frozenset()
) -> list[str]:
    """ "corporaties" → the corporations among the parties, when there are as many as expected."""
    corporations = [
        p
        for p in parties
        if p
        and not p.lower().startswith("gemeente")
        and not TENANT_WORDS.search(p)
        and p not in tenants
        and p.lower() not in {"corporaties", "woningcorporaties", "partijen"}
        and p[:1].isupper()
        and not re.search(r"\d", p)
    ]
    result: list[str] = []
    for name in names:
        bare = re.sub(r"^(?:de\s+)?(?:beide|twee|drie|alle)\s+", "", name)
        if bare in {"corporaties", "woningcorporaties"}:
            if corporations and (count == 0 or len(corporations) == count):
                result += corporations
            else:
                result += [bare] * max(count, 1)
        else:
            result.append(name)
    return result


def split_check(value: float | None, unit: str, payers: tuple[Share, ...]) -> str:
    """ "ok" when stated shares add up to the total; else a sentence naming the difference."""
    if not payers or value is None:
        return ""
    if unit == "EUR" and all(s.euros is not None for s in payers):
        stated = sum(s.euros or 0 for s in payers)
        if all(s.fraction is None for s in payers):
            return ""  # each payer's own amount: no total stated to check against
        return _euro_check(value, stated, len(payers))
    fractions = [s.fraction for s in payers]
    if all(f is not None for f in fractions):
        total = sum(f or 0 for f in fractions)
        if abs(total - 1) < 1e-6:
            return "ok"
        return f"Shares add up to {total:.0%} of the total, not 100%."
    return ""


def _euro_check(total: float, stated: float, count: int) -> str:
    difference = round(total - stated, 2)
    if abs(difference) < 0.005:
        return "ok"
    direction = "less" if difference > 0 else "more"
    gap = euro(abs(difference))
    if abs(difference) <= count:
        return (
            f"Rounding difference: the shares add up to {euro(stated)}, {gap} {direction} "
            f"than the total {euro(total)}."
        )
    return f"The shares add up to {euro(stated)}, {gap} {direction} than the total {euro(total)}."


def euro(value: float) -> str:
    """€ 38.067 or € 633,25 — Dutch grouping, cents only when there are any."""
    if abs(value - round(value)) < 0.005:
        text = f"{round(value):,}".replace(",", ".")
    else:
        text = f"{value:,.2f}".replace(",", "x").replace(".", ",").replace("x", ".")
    return f"€ {text}"
