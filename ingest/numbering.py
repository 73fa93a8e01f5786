"""The numbering grammar: what marker a line opens with, and which markers follow each other.

A line may open with a keyword and number ("Artikel 3a", "Afspraak 2:", "Section 1 --",
"Hoofdstuk IV", "§ 2", "Bijlage I"), a number ("4.", "4)", "1A.", "2.3.1", "12", "II.3"), a letter or
roman numeral ("a.", "(b)", "C.", "iv."), or a degree ("1°"). Whether a marker starts something
is decided by `ingest.structure` from the sequence it would continue; this module only reads
the shapes and orders their values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Keywords that number a document's parts, as a reader cites them.
KEYWORDS = {
    "artikel": "Artikel",
    "article": "Article",
    "afspraak": "afspraak",
    "section": "Section",
    "clause": "Clause",
    "sectie": "Sectie",
    "hoofdstuk": "Hoofdstuk",
    "chapter": "Chapter",
    "bijlage": "Bijlage",
    "annex": "Annex",
    "appendix": "Appendix",
    "exhibit": "Exhibit",
    "attachment": "Attachment",
    "schedule": "Schedule",
    "paragraaf": "Paragraaf",
    "deel": "Deel",
    "part": "Part",
    "titel": "Titel",
    "§": "§",
    "aanwijzing": "Aanwijzing",  # "Aanwijzing 3" of the Aanwijzingen voor de regelgeving, convenanten
    "rule": "Rule",
    "regulation": "Regulation",
}
# The families of articles: the clauses of laws, regulations and bylaws, cited with their paragraphs.
ARTICLES = ("kw:artikel", "kw:article", "kw:aanwijzing", "kw:rule", "kw:regulation")
# Keywords of parts that hold clauses rather than being clauses themselves.
CONTAINERS = {"hoofdstuk", "chapter", "paragraaf", "deel", "part", "titel", "§"}
# How keyword parts nest: a part sits only below parts of a lower rank; an annex below none.
ANNEXES = ("bijlage", "annex", "appendix", "exhibit", "attachment", "schedule")
RANKS = dict.fromkeys(ANNEXES, 0)
RANKS |= {"deel": 1, "part": 1, "hoofdstuk": 2, "chapter": 2}
RANKS |= {"titel": 3, "§": 4, "paragraaf": 4}  # articles, sections and afspraken: 5
ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}

NUMBER = r"\d{1,3}[A-Za-z]?"
# a regulation's "Section 10330", "§ 1437"; an article inserted after another, "Artikel 9bis"
KEYWORD_NUMBER = r"\d{1,5}(?:bis|ter|quater|quinquies|[A-Za-z])?"
# "Artikel E4", "Artikel A 1": a part's letter before its number (a regulation's annexes, the
# Kieswet's chapters), read as 5.4 and 1.1
LETTERED_NUMBER = r"[A-Z] ?\d{1,3}[a-z]?(?!\w)"
LATIN_NEXT = {"": "bis", "bis": "ter", "ter": "quater", "quater": "quinquies"}  # 9, 9bis, 9ter, …
DASH = r"(?:[-–—‐](?=\s)\s*)?"  # "1.1 – Text": a dash between number and text is neither
KEYWORD_LINE = re.compile(
    r"^(?P<kw>artikel|art\.?|article|afspraak|section|sec\.?|clause|sectie|hoofdstuk|chapter|bijlage|annex|appendix|exhibit|"
    r"attachment|schedule|paragraaf|deel|part|titel|aanwijzing|rule|regulation|§)"
    r"(?:\s+|(?=\d))"  # "Bijlagen", "Sections": no "n", "s"
    rf"(?P<num>(?:{KEYWORD_NUMBER}|{LETTERED_NUMBER}|[IVXLC]{{1,6}}[a-z]?|[A-Z](?![A-Za-z]))(?:\.\d{{1,3}}[A-Za-z]?)*"
    # "§ 277-1", as a town's code numbers chapter and section; "§ 42-3502.08", a district's
    r"(?:(?<=\d)-\d{1,4}[A-Za-z]?(?:\.\d{1,3}[A-Za-z]?)?(?![\d-]))?)"
    r"(?P<sep>\s*(?:[.:)]|--|–|—|-(?=\s))(?!\d))?(?:\s+(?P<rest>\S.*))?$",
    re.I,
)
# a town's code numbers its sections after a chapter of four digits ("1340.01", "1361.99"); not
# after a year ("2024.01")
CODE_CHAPTER = r"(?!(?:19|20)\d\d)\d{4}(?=\.\d\d(?!\d))"
# after a first part of one or two digits a part may have three ("59.28.010", as state codes number
# their sections in tens): "1.000" and "2.500" are thousands, never clause numbers; a part may
# carry a letter ("14.1a Fire safety", "4.2A")
DECIMAL_LINE = re.compile(
    rf"^(?P<sect>§\s*)?(?P<num>(?:{NUMBER}|{CODE_CHAPTER})(?:\.\d{{1,2}}[A-Za-z]?)+(?:\.\d{{3}}[A-Z]?)?)(?P<sep>\.)?"
    rf"(?:\s+{DASH}(?P<rest>\S.*))?$"
)
# "A1. Occupation by Tenant", "B10. No assigning": a part's letter, then the clause's number
LETTER_NUMBER_LINE = re.compile(r"^(?P<letter>[A-Z])(?P<num>\d{1,2})\.(?:\s+(?P<rest>\S.*))?$")
# "Bijlage behorende bij artikel 1", "Appendix to the Agreement", "Bijlage" alone: an annex without a number
UNNUMBERED_ANNEX = re.compile(
    r"^(?P<kw>bijlage|annex|appendix)(?:\s*:?\s+(?P<rest>(?:behorende|bij|to|of|van)\b.*))?$", re.I
)
# "I.5 Notice of Meetings.", "II.13": the sections of a Roman-numbered article, numbered as decimals
ROMAN_DECIMAL_LINE = re.compile(
    r"^(?P<num>[IVXL]{1,6}(?:\.\d{1,3}[A-Za-z]?)+)(?P<sep>\.)?(?:\s+(?P<rest>\S.*))?$"
)
# "2. Als je …"; also "2.Als je …", the space after the full stop lost in a PDF's text
NUMBER_LINE = re.compile(
    r"^(?P<open>\()?(?P<num>\d{1,3}[A-Z]?)(?P<sep>(?(open)\)|(?:[.)](?!\d)|\s+--|°)))?(?:(?:\s+|(?<=\.)(?=[A-Z][a-z]))"
    + DASH
    + r"(?P<rest>\S.*))?$"
)
# "a. Het college …"; also "b.De herziening …", "(a)The Rent …", a lower-case letter's space lost in
# a PDF's text
LETTER_LINE = re.compile(
    r"^(?P<open>\()?(?P<num>[a-z](?:-\d{1,2}(?=\)))?|[a-z]{2}|[A-Z]|[ivx]{1,6}|[IVX]{1,6})(?P<sep>(?(open)\)|[.)]))"
    r"(?:(?:\s+|(?<=[a-z][.)])(?=[A-Z][a-z]))(?P<rest>\S.*))?$"
)
TRAILING_NUMBER = re.compile(r"^(?P<rest>[A-Z][^.;:!?]{2,80}?)\s+(?P<num>\d{1,2}(?:\.\d{1,2})+)$")
# "…, version 2.0" names a version, it numbers nothing
VERSION_WORD = re.compile(r"\b(?:version|versie|release|revision|editie|edition|v)\W*$", re.I)


@dataclass(frozen=True, slots=True)
class Ordinal:
    """One component of a number: 16 and a suffix letter ("16a" → 16, "a")."""

    value: int
    suffix: str = ""

    def follows(self, previous: Ordinal, *, gaps: bool = False) -> bool:
        """The next value in a sequence: 3 after 2, 3a after 3, 4 after 3j, "(c-1)" after "(c)"
        and "(c-2)" after it; any higher with gaps."""
        if self.value == previous.value:
            inserted = self.suffix.startswith("-") and self.suffix[1:].isdigit()
            return bool(self.suffix) and (
                (not previous.suffix and (self.suffix in "aA" or self.suffix == "-1"))
                or (inserted and previous.suffix == f"-{int(self.suffix[1:]) - 1}")
                or (len(previous.suffix) == 1 and ord(self.suffix[-1:]) == ord(previous.suffix) + 1)
                or LATIN_NEXT.get(previous.suffix.lower()) == self.suffix.lower()
            )
        if self.suffix and not gaps:
            return False
        return self.value == previous.value + 1 or (gaps and self.value > previous.value)

    @property
    def first(self) -> bool:
        return self.value in (0, 1) and not self.suffix


@dataclass(frozen=True, slots=True)
class Marker:
    """What a line opens with: the family of its numbering, its value and the text after it."""

    family: str  # "kw:artikel", "num", "(num)", "lower", "(lower)", "upper", "roman", "ROMAN", …
    path: tuple[Ordinal, ...]
    printed: str  # as printed, without punctuation: "3a", "1.2.1", "b", "iv"
    rest: str
    keyword: str = ""  # "Artikel", "§", … as a reader cites it
    paren: bool = False  # printed in parentheses: "(a)"
    bare: bool = False  # no punctuation after the number: "12 Title", "12"
    section_sign: bool = False  # "§ 3.1"

    @property
    def rank(self) -> int:
        """Nesting rank of a keyword part (see RANKS); 9 for numbers and letters."""
        if not self.family.startswith("kw:"):
            return 9
        return RANKS.get(self.family[3:], 5)

    @property
    def key(self) -> tuple[str, int]:
        """The sequence it belongs to; "4 Title" and "4. Text" are numbered apart."""
        bare = "#" if self.bare and len(self.path) == 1 else ""
        return (self.family + bare, len(self.path))

    @property
    def value(self) -> Ordinal:
        return self.path[-1]

    @property
    def first(self) -> bool:
        return self.value.first


def ordinal(text: str) -> Ordinal:
    match = re.fullmatch(r"(\d+)([A-Za-z]*)", text)
    if match:
        return Ordinal(int(match.group(1)), match.group(2).lower())
    roman = re.fullmatch(r"([IVXLCivxlc]+)([a-z]?)", text)
    if roman:
        return Ordinal(roman_value(roman.group(1)), roman.group(2))
    return Ordinal(0)


def roman_value(text: str) -> int:
    total, previous = 0, 0
    for char in reversed(text.lower()):
        value = ROMAN_VALUES.get(char, 0)
        total = total - value if value < previous else total + value
        previous = max(previous, value)
    return total


def parse(text: str) -> list[Marker]:
    """Every reading of the marker a line opens with, most likely first ("i." is a letter or a
    roman one; "I." a capital or roman one)."""
    keyword = KEYWORD_LINE.match(text)
    if keyword:
        word = keyword.group("kw").lower()
        word = "artikel" if word in ("art.", "art") else word  # "Art. 2.", "Art 2bis" as decrees write it
        word = "section" if word in ("sec.", "sec") else word  # "Sec. 856-1." of a municipal code
        number = keyword.group("num")
        path = tuple(ordinal(part) for part in re.split(r"[.-]", number))
        lettered = re.fullmatch(r"([A-Z]) ?(\d+[a-z]?)", number)
        if lettered:
            path = (Ordinal(ord(lettered.group(1)) - ord("A") + 1), ordinal(lettered.group(2)))
        if re.fullmatch(r"[A-HJ-UWYZ]", number):  # "Exhibit A", "Bijlage B": lettered, not Roman
            path = (Ordinal(ord(number) - ord("A") + 1),)
        rest = (keyword.group("rest") or "").strip()
        # "Bijlage 1 bij de afspraken", "Appendix 1 to the Clauses": an annex says what it is to
        first = rest.split()[0].lower() if rest else ""
        annexed = word in ANNEXES and first in ("bij", "behorende", "to", "van", "of")
        titled = not rest or keyword.group("sep") or rest[:1].isupper() or not rest[:1].isalpha()
        if word == "§" or titled or annexed:
            return [Marker(f"kw:{word}", path, number, rest, KEYWORDS[word])]
        return []
    annex = UNNUMBERED_ANNEX.match(text)
    if annex and len(text.split()) <= 12 and not text.endswith("."):  # a heading, not "Bijlage bij … is …."
        word = annex.group("kw").lower()
        return [Marker(f"kw:{word}", (Ordinal(1),), "", (annex.group("rest") or "").strip(), KEYWORDS[word])]
    decimal = DECIMAL_LINE.match(text)
    if decimal:
        number = decimal.group("num")
        path = tuple(ordinal(part) for part in number.split("."))
        rest = (decimal.group("rest") or "").strip()
        return [Marker("num", path, number, rest, section_sign=bool(decimal.group("sect")))]
    lettered = LETTER_NUMBER_LINE.match(text)
    if lettered:  # "B10. No assigning": clause 10 of part B, read as the decimal "2.10" is
        letter, number = lettered.group("letter"), lettered.group("num")
        path = (Ordinal(ord(letter) - 64), ordinal(number))
        return [Marker("num", path, f"{letter}{number}", (lettered.group("rest") or "").strip())]
    roman_decimal = ROMAN_DECIMAL_LINE.match(text)
    if roman_decimal and (roman_decimal.group("sep") or roman_decimal.group("rest")):
        number = roman_decimal.group("num")
        path = tuple(ordinal(part) for part in number.split("."))
        return [Marker("num", path, number, (roman_decimal.group("rest") or "").strip())]
    number_line = NUMBER_LINE.match(text)
    if number_line:
        sep = number_line.group("sep") or ""
        rest = (number_line.group("rest") or "").strip()
        printed = number_line.group("num")
        if number_line.group("open") and not sep:
            return []
        if number_line.group("open"):  # "(1)" numbers a level of its own beside "1."
            return [Marker("(num)", (ordinal(printed),), printed, rest, paren=True)]
        return [Marker("num", (ordinal(printed),), printed, rest, bare=not sep.strip())]
    letter = LETTER_LINE.match(text)
    if letter:
        return letter_readings(letter)
    trailing = TRAILING_NUMBER.match(text)
    # "Creative Commons Naamsvermelding 3.0", "Policy 2.0": a version after a name, no section
    version = trailing is not None and trailing.group("num").endswith(".0")
    if trailing and not version and not VERSION_WORD.search(trailing.group("rest")):
        number = trailing.group("num")
        path = tuple(ordinal(part) for part in number.split("."))
        return [Marker("num", path, number, trailing.group("rest").strip(), bare=True)]
    return []


def letter_readings(match: re.Match[str]) -> list[Marker]:
    printed = match.group("num")
    rest = (match.group("rest") or "").strip()
    paren = bool(match.group("open"))
    readings: list[Marker] = []
    wrap = "({})" if paren else "{}"  # "(a)" numbers a level of its own beside "a."
    if "-" in printed:  # "(c-1)": an item inserted after "(c)", as codes amend a section
        letter, inserted = printed.split("-")
        ordinal = Ordinal(ord(letter) - 96, f"-{int(inserted)}")
        return [Marker("(lower)", (ordinal,), printed, rest, paren=True)]
    if len(printed) == 1 and printed.islower():
        readings.append(
            Marker(wrap.format("lower"), (Ordinal(ord(printed) - 96),), printed, rest, paren=paren)
        )
    if len(printed) == 1 and printed.isupper():
        readings.append(
            Marker(wrap.format("upper"), (Ordinal(ord(printed) - 64),), printed, rest, paren=paren)
        )
    if re.fullmatch(r"[ivx]+", printed):
        readings.append(
            Marker(wrap.format("roman"), (Ordinal(roman_value(printed)),), printed, rest, paren=paren)
        )
    if re.fullmatch(r"[IVX]+", printed):
        readings.append(
            Marker(wrap.format("ROMAN"), (Ordinal(roman_value(printed)),), printed, rest, paren=paren)
        )
    return readings


# "Section 1." then "§ 2.", "§ 3.", as bills number their sections: one sequence
SAME_SEQUENCE = frozenset({"kw:section", "kw:§"})


def follows(marker: Marker, previous: Marker, *, gaps: bool = False) -> bool:
    """The marker continues `previous`'s sequence: same family and depth, same prefix, next value."""
    same = marker.key == previous.key or (
        {marker.family, previous.family} == SAME_SEQUENCE and len(marker.path) == len(previous.path)
    )
    if not same or marker.path[:-1] != previous.path[:-1]:
        return False
    return marker.value.follows(previous.value, gaps=gaps)


def child_of(marker: Marker, parent: Marker) -> bool:
    """A decimal number below its parent's: 3.9.1 under 3.9 (and 1A.1 under 1A)."""
    return (
        marker.family == "num"
        and parent.family == "num"
        and not (marker.bare and len(marker.path) == 1)
        and len(marker.path) == len(parent.path) + 1
        and marker.path[:-1] == parent.path
    )
