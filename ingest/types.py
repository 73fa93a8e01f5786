"""The data that leaves `ingest/`: documents made of clauses, each citable on its own."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

EMBED_TEXT_VERSION = "2"  # part of every chunk id: a change to embed_text re-embeds everything
TABLE_FIGURES = re.compile(r"(?<![\w.,€])(?:\d{1,3}(?:\s+|$)){2,}")


def content_id(*parts: str) -> str:
    """A stable id from content, so an unchanged clause keeps its id on every ingest."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:16]


@dataclass(frozen=True, slots=True)
class Line:
    """One line of extracted text with the page it was printed on (1-based)."""

    text: str
    page: int
    indent: int = 0  # leading spaces in a text file (0 where the reader cannot tell)
    gap: bool = False  # a blank line (or a page break) stands before it


@dataclass(frozen=True, slots=True)
class Section:
    """A heading in the document: its number as printed ("1.1.2", "§4.4", "") and title."""

    number: str
    heading: str
    level: int

    @property
    def title(self) -> str:
        return f"{self.number} {self.heading}".strip()


@dataclass(frozen=True, slots=True)
class Clause:
    """What people cite: a numbered afspraak, a paragraph of agreements, a § or a footnote."""

    id: str
    doc_id: str
    source: str
    title: str
    municipality: str
    period: str
    section_path: tuple[str, ...]
    label: str
    kind: str  # "afspraak" | "paragraph" | "section" | "footnote"
    pages: tuple[int, ...]
    text: str
    parties: tuple[str, ...]
    footnotes: tuple[str, ...] = ()  # labels of the footnotes this clause refers to
    parent: str = ""  # for a footnote: the label of the clause that refers to it
    doc_kind: str = "other"  # the document's kind: see Document.kind
    language: str = "nl"  # the document's language: "nl" | "en"
    unit: str = ""  # id of the clause heading its passage (an article with its paragraphs); "" = itself
    part_of: str = ""  # id of the clause this one is a part of (an item's lead-in, a lid's article)
    printed: str = ""  # its number as printed before its text: "a)", "6.", "(b)"

    @property
    def section(self) -> str:
        return self.section_path[-1] if self.section_path else ""

    @property
    def first_page(self) -> int:
        return self.pages[0] if self.pages else 0


@dataclass(frozen=True, slots=True)
class Chunk:
    """The unit of retrieval: a clause, or a sentence-bounded part of a long one."""

    id: str
    clause_id: str
    doc_id: str
    source: str
    title: str
    municipality: str
    period: str
    section: str
    label: str
    kind: str
    pages: tuple[int, ...]
    text: str
    parties: tuple[str, ...]
    part: int = 0  # 0 for a whole clause, 1.. for the parts of a long one
    parent: str = ""  # a footnote's referring clause label
    doc_kind: str = "other"  # the document's kind: see Document.kind
    language: str = "nl"  # the document's language: "nl" | "en"
    unit: str = ""  # the clause id of its passage (see Clause.unit); "" = its own clause
    part_of: str = ""  # the clause id of the clause it is a part of (see Clause.part_of)
    printed: str = ""  # its clause's number as printed (see Clause.printed)

    @property
    def unit_id(self) -> str:
        return self.unit or self.clause_id

    @property
    def embed_text(self) -> str:
        """What the embedder sees: title and heading give a bare clause its context; the stray
        figures of a flattened table ("1 1 8 1 6 1") are left out."""
        return f"{self.title} — {self.section}\n{TABLE_FIGURES.sub(' ', self.text)}"


@dataclass(frozen=True, slots=True)
class Document:
    """One agreement as read from one file."""

    id: str  # the file's stem, "voorbeeldstad-2024", unless another file has that stem
    source: str  # the file's name, "voorbeeldstad-2024.pdf" (its key when the id is qualified)
    sha256: str
    title: str
    municipality: str
    period: str
    parties: tuple[str, ...]
    page_count: int
    clauses: tuple[Clause, ...]
    deadlines: tuple[Deadline, ...] = ()
    amounts: tuple[Amount, ...] = ()
    party_aliases: tuple[tuple[str, str], ...] = ()  # (alias as written, canonical name)
    kind: str = "other"  # "agreement" | "report" | "notice" | "regulation" | "other"
    language: str = "nl"  # "nl" | "en": the language most of its text is in
    path: str = ""  # where it was ingested from: "voorbeelden/voorbeeldstad-2024.pdf"
    scanned_pages: tuple[int, ...] = ()  # pages read by OCR: a citation of one can say "p. 4 (scan)"


@dataclass(frozen=True, slots=True)
class FileError:
    """A file that could not be read, with one sentence a person can act on."""

    path: str
    message: str


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What one ingest did: the documents read, skipped unchanged, and the files that failed."""

    documents: tuple[Document, ...]
    skipped: tuple[str, ...]
    errors: tuple[FileError, ...]
    seconds: float
    notes: tuple[str, ...] = ()  # one line per thing a person should know, e.g. an id qualified

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True, slots=True)
class Deadline:
    """A date or period by which something is due, as written and normalised."""

    clause_id: str
    doc_id: str
    label: str
    pages: tuple[int, ...]
    when: str  # as written: "uiterlijk 1 april 2019", "in Q2 2026", "voor de zomer"
    start: str  # ISO date, "" when unknown
    end: str  # ISO date, "" when unknown
    recurring: str  # "" or "jaarlijks", "elk kwartaal", "halfjaarlijks", "maandelijks"
    what: str
    parties: tuple[str, ...]  # who must act ("De gemeente levert … aan Vlietwonen": the gemeente)
    sentence: str
    flags: tuple[str, ...] = ()  # e.g. "impossible date"
    row: str = "commitment"  # "commitment" | "recurring" | "history" | "background"
    doc_kind: str = "other"  # the document's kind: see Document.kind
    receivers: tuple[str, ...] = ()  # who receives or is informed ("… aan de gemeente")
    period: str = ""  # the document's period, "2026-2029": where a recurring item starts and ends
    # A deadline relative to an event, without a calendar date ("binnen zes weken na ontvangst van
    # de aanvraag"): the term ("6 weken") and the event it runs from (`after`) or up to (`before`).
    within: str = ""
    after: str = ""
    before: str = ""


@dataclass(frozen=True, slots=True)
class Share:
    """One payer's part of an amount, in euros and/or as a fraction of the total."""

    party: str
    euros: float | None
    fraction: float | None


@dataclass(frozen=True, slots=True)
class Amount:
    """Money, fte or a percentage, with what it is for and who pays which share."""

    clause_id: str
    doc_id: str
    label: str
    pages: tuple[int, ...]
    text: str  # as written: "€ 30.000", "1 fte", "27%"
    value: float | None
    unit: str  # "EUR" | "fte" | "%"
    purpose: str
    period: str  # "" | "eenmalig" | "per jaar" | "per maand"
    payers: tuple[Share, ...]
    split_check: str  # "" | "ok" | a sentence naming the difference
    sentence: str
    flags: tuple[str, ...] = ()
    row: str = "budget"  # "budget" (money or fte someone puts in) | "target" (a %) | "other"
    doc_kind: str = "other"  # the document's kind: see Document.kind
    bound: str = ""  # "" | "up to" | "at least" | "about": "maximaal € 45.000" is "up to"
    each: bool = False  # "ieder € 60.000": the value is each payer's, not a total
