"""What a line of text looks like: a title, a sentence's end, the start of something new."""

from __future__ import annotations

import re
from collections.abc import Iterable

TERMINAL = re.compile(r"(?:[.;:!?,]|:[-–—])$")  # "… as follows:-" leads in as a colon does
SENTENCE_END = re.compile(r"[.;:!?]$")
HEADING_WORDS = 12  # a heading has at most this many words; more, ending like a sentence, is one
# A line of an address block: a street and number, a Dutch postcode, "Attn:", never a title.
ADDRESS = re.compile(
    r"(?i:\b\w+(?:straat|weg|laan|plein|gracht|kade|singel|dreef|dijk|steeg|markt|street|road|avenue)\s+\d+)"
    r"|\b\d{4}\s?[A-Z]{2}\b|^(?i:attn|t\.a\.v\.|attention)\b"
)
RULE = re.compile(r"[=_*~-]{5,}")  # a horizontal rule drawn in characters
# a copyright notice ("Copyright (c) 2025 …", "Copyright [yyyy] …"), never a title
COPYRIGHT = re.compile(r"(?:copyright\s*(?:\(c\)|©|\[|\d{4}|by\b)|©|\(c\)\s)", re.I)
URLISH = re.compile(r"https?:|www\.|@|\.nl\b|\.com\b")
MONTH = r"(?:jan|feb|mrt|mar|apr|mei|may|jun|jul|aug|sep|sept|okt|oct|nov|dec)[a-z]*\.?"
# a date on a line of its own, with at most four words before it: "Effective Nov 6 2015",
# "Datum: 19 november 2018", "Last updated: March 3, 2021", "Treedt in werking per 01-07-2014"
# — no title
DATE_LINE = re.compile(
    rf"^(?:[^\W\d]+:?\s+){{0,4}}(?:(?:\d{{1,2}}\s+{MONTH}|{MONTH}\s+\d{{1,2}},?)\s+(?:19|20)\d\d"
    r"|\d{1,2}[-./]\d{1,2}[-./](?:19|20)\d\d|(?:19|20)\d\d-\d\d-\d\d)\.?$",
    re.I,
)


CAPITALS_TITLE_WORDS = 20  # "9 MOTIONS FOR A MEETING THAT REQUIRES WRITTEN NOTICE TO BE GIVEN TO …"
CAPITALS_TITLE_CHARS = 140


def is_heading_text(text: str) -> bool:
    """A title: short, capitalised, no sentence punctuation at its end, mostly letters."""
    words = text.split()
    capitals = text.isupper()  # set in capitals, a longer line is still a title
    return (
        2 <= len(text) <= (CAPITALS_TITLE_CHARS if capitals else 80)
        and len(words) <= (CAPITALS_TITLE_WORDS if capitals else 11)
        and text[0].isupper()
        and not TERMINAL.search(text)
        and not URLISH.search(text)
        and not DATE_LINE.match(text)
        and sum(c.isalpha() for c in text) >= 0.6 * len(text.replace(" ", ""))
    )


FUNCTION_WORD_END = re.compile(
    r"\b(?:de|het|een|en|of|van|voor|met|in|op|aan|te|die|dat|om|bij|is|zijn|wordt|niet|"
    r"the|a|an|and|or|of|to|for|with|in|on|by|at|as|from|under|this|that|these|which|is|are|be|not)$",
    re.I,
)


def is_title(text: str) -> bool:
    """A heading's words after its number: "Definitions.", "Langer zelfstandig wonen" — not the
    first line of a wrapped sentence, which runs long or ends on a word like "een" or "the"."""
    bare = text[:-1] if text.endswith((".", "?")) and not text.endswith("..") else text
    return (
        is_heading_text(bare)
        and not bare.endswith(("(", "-", "–", "/"))
        and len(bare) <= (CAPITALS_TITLE_CHARS if bare.isupper() else 70)
        and not FUNCTION_WORD_END.search(bare)
        and not re.search(r"[.;!?]\s", bare)  # two sentences are no title
    )


def starts_new(text: str) -> bool:
    """The line opens something new rather than continuing a sentence."""
    return bool(text) and (text[0].isupper() or text[0].isdigit() or text.startswith(("- ", "§", "(")))


def is_address(text: str) -> bool:
    """A line of an address block ("Dorpsstraat 12", "1234 AB Oostwaard"), not a sentence that
    names a street ("… aan de Kanaalweg 36 sociale huurwoningen op")."""
    return bool(ADDRESS.search(text)) and len(text.split()) <= 6


def capitals(text: str) -> bool:
    """Set in capitals, but for an item's marker ("a. THE LICENSOR …")."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 8 and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


# a note on the part above it, when set under part upon part: "Toelichting", "Commentary"
NOTE_HEADING = re.compile(r"(?:toelichting|explanatory notes?|commentary|guidance notes?)\s*:?", re.I)


def notes_per_part(lines: Iterable[str]) -> bool:
    """A note heading comes twice or more: each is a note on the part above it. Once, it heads
    the document's explanation of itself ("Toelichting" after a by-law's last article)."""
    return sum(bool(NOTE_HEADING.fullmatch(line.strip())) for line in lines) >= 2
