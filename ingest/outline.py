"""The outline being read from a document: numbered parts and paragraphs (`Node`), and how the
document numbers and cites them (`Style`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from ingest.numbering import Marker
from ingest.types import Line

# "Section 3(a)", "subsection 6b", "Section 7.c."
CROSS_REFERENCE_WORD = r"(?:section|sectie|artikel|article|clause|rule|regulation|standing orders?)"
CROSS_REFERENCE = re.compile(
    rf"\b{CROSS_REFERENCE_WORD}\s+\d+[A-Za-z]?(?:\.\d+)*\s?\([a-z0-9]\)|\bsubsections?\s+\d+[a-z]\b"
    r"|\b(?:section|sectie|artikel|article)\s+\d+\.[a-z]\b(?!\.\w)",
    re.I,
)
# "a. Document Requests. Requests must …", "A. Board established. The …": a lettered item with a
# title of its own, as a subsection
LETTERED_SENTENCE = re.compile(r"^[a-z]\.\s+[A-Z]")  # "a. The quorum for a General Meeting …"
TITLED_ITEM = re.compile(r"^[a-zA-Z]\.\s+(?:\*\*)?[A-Z][\w'’-]*(?: [\w'’-]+){0,5}[.:](?:\*\*)?\s+\S")
# "subsection 6b", "§ 277-1C": items cited with their letter glued to the number
GLUED_REFERENCE = re.compile(r"\bsubsections?\s+\d+[a-z]\b|§\s*\d+-\d+[A-Z]\b", re.I)
LETTER_FAMILIES = {"lower", "upper", "roman", "ROMAN", "(lower)", "(upper)", "(roman)", "(ROMAN)", "(num)"}


@dataclass(eq=False, slots=True)
class Node:
    """A numbered part, or a run of unnumbered paragraphs, being assembled from lines."""

    marker: Marker | None
    parent: Node | None
    page: int
    title: str = ""
    heading: bool = False  # its own line is a title ("8. Termination.", "1.1 Doelen")
    subheading: str = ""  # the unnumbered heading above a paragraph or item
    part: str = ""  # the unnumbered part heading in force where it starts
    lines: list[Line] = field(default_factory=list)
    children: int = 0
    label: str = ""
    closing: bool = False  # unnumbered text set apart after the numbered parts ended
    printed: str = ""  # its number as printed before its text: "a)", "6.", "(b)", "Artikel 4"
    # where its text resumed below its parts: (index of the line, how many parts came before it)
    resumed: list[tuple[int, int]] = field(default_factory=list)

    @property
    def is_section(self) -> bool:
        """A heading with something under it, rather than a short clause that looks like one."""
        return self.heading and bool(self.lines or self.children)

    @property
    def text(self) -> str:
        return joined(self.title, self.lines)

    def segments(self) -> list[tuple[list[Line], int]]:
        """Its lines in the runs its parts interrupt, each with how many parts come before it:
        "it reinstates:" (0), then after "1. …" and "2. …", "For the avoidance of doubt, …" (2)."""
        cuts = [(index, before) for index, before in self.resumed if 0 < index < len(self.lines)]
        starts = [(0, 0), *cuts]
        ends = [index for index, _ in cuts] + [len(self.lines)]
        return [(self.lines[start:end], before) for (start, before), end in zip(starts, ends, strict=True)]

    def ancestors(self) -> list[Node]:
        chain: list[Node] = []
        node = self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain[::-1]


def joined(title: str, lines: list[Line]) -> str:
    words = [title] if title else []
    for previous, line in zip([None, *lines], lines, strict=False):
        row = " | " in line.text and previous is not None and " | " in previous.text
        words.append(f"; {line.text}" if row else line.text)  # table rows stay rows of cells
    return re.sub(r"\s+", " ", " ".join(words)).replace(" ; ", "; ").strip()


@dataclass(frozen=True, slots=True)
class Style:
    """How a document cites its parts, read from the document as a whole."""

    language: str
    agreement: bool  # Dutch agreements (or notices and reports of them) cite "afspraak N"
    sub_items: bool  # lettered items are cited on their own ("Section 3(a)", "6b")
    glued: bool  # "subsection 6b" rather than "6(b)"
    indented: bool  # indentation carries the levels (a plain-text legal layout)
    blank_lines: bool = False  # paragraphs are separated by blank lines (a heading stands alone)


def read_style(lines: list[Line], language: str, kind: str = "agreement") -> Style:
    """Lettered items are cited apart where the text refers to them ("Section 2(a)", "subsection
    6b"), prints them in parentheses, or, in English, gives them titles of their own ("a. Response
    Time. The City …", as subsections are drafted; a Dutch "a. Kaderbesluit: het …" defines a word
    of its article) or opens each with a sentence of its own ("a. The quorum …", a club's rules:
    "9(f)"); indentation and blank lines count where most lines use them."""
    text = " ".join(line.text for line in lines)
    parenthesised = sum(1 for line in lines if re.match(r"^\([a-z]\)(?:\s|$)", line.text))
    titled = sum(1 for line in lines if TITLED_ITEM.match(line.text))
    titled_items = language == "en" and titled >= 2
    lettered = sum(1 for line in lines if LETTERED_SENTENCE.match(line.text))
    lettered_items = language == "en" and lettered >= 2
    sub_items = bool(CROSS_REFERENCE.search(text)) or parenthesised >= 2 or titled_items or lettered_items
    deep = sum(1 for line in lines if line.indent >= 2)
    blank = sum(1 for a, b in pairwise(lines) if b.gap and a.page == b.page) >= 0.05 * max(1, len(lines))
    indented = deep >= 0.05 * max(1, len(lines))
    agreement = language == "nl" and kind in ("agreement", "notice", "report")
    return Style(language, agreement, sub_items, bool(GLUED_REFERENCE.search(text)), indented, blank)
