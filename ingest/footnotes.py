"""Footnotes read apart from the body: a note starts with the next expected number at a page's
foot, where the body carries that number as a marker ("woningen3", or a superscript on a line of
its own), and runs to the end of its page."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from ingest.numbering import parse
from ingest.shapes import is_heading_text
from ingest.types import Line

GLUED_MARKER = re.compile(
    r"(?:[a-zà-ÿ)%’]|[A-Z]{4,}|(?<=[a-zà-ÿ])[.,;:])(\d{1,2})(?![\d.,:/-]\d)"
)  # "woningen3", "AEDES12", "samengevat.1" — not "2.5" or "3,4"
MARKER_AFTER_PAREN = re.compile(r"\)(\d{1,2}) (\d{1,2})\b")


@dataclass(slots=True)
class Note:
    number: int
    reference: int  # index of the body line that carries its marker (-1: not seen)
    lines: list[Line] = field(default_factory=list)
    start: int = -1  # index of the line it starts on, among all lines read

    @property
    def label(self) -> str:
        return f"voetnoot {self.number}"


@dataclass(slots=True)
class FootnoteReader:
    body: list[Line] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    markers: dict[int, int] = field(default_factory=dict)  # number → body line where first seen
    seen: set[int] = field(default_factory=set)
    expected: int = 1
    note_page: int = 0  # the page whose foot is being read, 0 in the body
    blank_lines: bool = False  # the file separates paragraphs by blank lines: a note ends at one
    banned: frozenset[int] = frozenset()  # lines that start no note (see misplaced)
    last_body: dict[int, int] = field(default_factory=dict)  # page → index of its last body line

    def read(self, lines: list[Line]) -> tuple[list[Line], list[Note]]:
        self.blank_lines = any(b.gap and a.page == b.page for a, b in pairwise(lines))
        for index, line in enumerate(lines):
            following = lines[index + 1] if index + 1 < len(lines) else None
            self.step(line, following, index)
        return self.body, self.notes

    def misplaced(self, lines: list[Line]) -> frozenset[int]:
        """Notes the body goes on after, on their own page: a page's notes stand at its foot, so
        these were numbered headings or list items ("1" / "Oppervlakte …") read as notes."""
        return frozenset(
            n.start for n in self.notes if self.last_body.get(lines[n.start].page, -1) > n.start
        )

    def step(self, line: Line, following: Line | None, index: int) -> None:
        text = line.text
        ends_note = self.blank_lines and line.gap and bool(self.notes and self.notes[-1].lines)
        if self.note_page and (line.page != self.note_page or ends_note or opens_clause(text)):
            self.note_page = 0
        number = None if index in self.banned else self.note_start(text, following)
        if number is not None:
            self.note_page = line.page
            self.seen.add(number)
            while self.expected in self.seen:
                self.expected += 1
            rest = text[len(str(number)) :].strip()
            note = Note(number, self.markers.get(number, -1), start=index)
            if rest:
                note.lines.append(Line(rest, line.page))
            self.notes.append(note)
            return
        if re.fullmatch(r"\d{1,2}", text):  # a superscript set on a line of its own
            self.markers.setdefault(int(text), len(self.body))
            if not self.note_page and not (following is not None and is_heading_text(following.text)):
                return  # a marker, not words: the line before goes on after it
        if self.note_page and self.notes:
            self.notes[-1].lines.append(line)
            return
        for match in GLUED_MARKER.finditer(text):
            self.markers.setdefault(int(match.group(1)), len(self.body))
        for match in MARKER_AFTER_PAREN.finditer(text):
            self.markers.setdefault(int(match.group(2)), len(self.body))
        self.body.append(line)
        self.last_body[line.page] = index

    def note_start(self, text: str, following: Line | None) -> int | None:
        """The number of the note this line starts. A page may list its notes a little out of
        order (27, 28, 26, 29), so the next few numbers are accepted."""
        number = self.expected
        if text == str(number):  # a number alone on its line, the note's text below it
            has_text = following is not None and bool(re.search(r"[A-Za-z]", following.text))
            return number if number in self.markers and has_text else None
        match = re.match(r"^(\d{1,3})\s+(\S.*)$", text)
        if not match:
            return None
        found = int(match.group(1))
        highest = max(self.seen, default=0)
        if found in self.seen or not number <= found <= max(number, highest) + 3:
            return None
        if found not in self.markers:
            return None
        if self.note_page:  # among a page's notes, even when it reads like a heading
            return found
        rest = match.group(2)
        if not (is_heading_text(rest) and len(rest) < 40):
            return found
        # short like a heading ("3 Huurbeleid"): a note only when the next note follows it
        next_note = following is not None and following.text.startswith(f"{found + 1} ")
        return found if next_note and found + 1 in self.markers else None


def opens_clause(text: str) -> bool:
    """A numbered clause ("4. De corporatie …", "Artikel 3") is body text, wherever the page puts notes."""
    return any(
        not m.bare and not m.family.startswith("(") for m in parse(text) if m.rest[:1].isupper() or not m.rest
    )


def split_footnotes(lines: list[Line]) -> tuple[list[Line], list[Note]]:
    """The body's lines and the notes at the pages' feet."""
    banned: frozenset[int] = frozenset()
    while True:  # each reading without the misplaced notes may find others: read until none
        reader = FootnoteReader(banned=banned)
        body, notes = reader.read(lines)
        misplaced = reader.misplaced(lines)
        if not misplaced:
            return body, notes
        banned |= misplaced
