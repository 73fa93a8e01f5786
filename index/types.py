"""The data that leaves `index/`: chunks, hits and cited answers."""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.types import Amount, Chunk, Deadline

__all__ = ["Answer", "Chunk", "Citation", "Filters", "Hit"]


@dataclass(frozen=True, slots=True)
class Hit:
    chunk: Chunk  # the best-matching chunk
    score: float
    rank: int
    members: tuple[Chunk, ...] = ()  # the chunks of its passage in reading order (the chunk among them)
    member_scores: tuple[float, ...] = ()  # each member's own score (0: not among those scored)

    @property
    def passage(self) -> str:
        """The text a reader is shown: the clause with what is numbered under it."""
        return " ".join(c.text for c in self.members) if self.members else self.chunk.text


@dataclass(frozen=True, slots=True)
class Citation:
    doc: str  # source file name
    title: str
    section: str
    clause: str
    pages: tuple[int, ...]
    text: str  # the quoted words, as they stand in the clause
    doc_id: str = ""  # the document's id in the index
    clause_id: str = ""  # the clause's content id: links open this clause, not one of the same label
    scanned: tuple[int, ...] = ()  # its pages that were read by OCR
    found: str = ""  # when a whole article is cited: the words of the part found, quoted first
    # when a list is cited whole: the sentence that introduces it, then each item's opening
    # sentence after its number as printed ("a) Convey the object code …")
    items: tuple[str, ...] = ()

    @property
    def short(self) -> str:
        """Voorbeeldstad 2024 · afspraak 12 · p. 4 — how a citation reads in a chat line; a page
        read by OCR says so: "p. 4 (scan)"."""
        pages = ", ".join(f"{p} (scan)" if p in self.scanned else str(p) for p in self.pages[:3])
        where = f" · p. {pages}" if pages else ""
        return f"{self.title} · {self.clause}{where}"


@dataclass(frozen=True, slots=True)
class Filters:
    doc: tuple[str, ...] = ()
    municipality: tuple[str, ...] = ()
    party: tuple[str, ...] = ()
    year: int | None = None

    @property
    def empty(self) -> bool:
        return not (self.doc or self.municipality or self.party or self.year)


@dataclass(frozen=True, slots=True)
class Answer:
    question: str
    language: str  # "nl" | "en"
    text: str
    abstained: bool
    citations: tuple[Citation, ...]
    passages: tuple[Hit, ...]
    searched: tuple[str, ...]  # titles of the documents searched
    filters: Filters = field(default_factory=Filters)
    deadlines: tuple[Deadline, ...] = ()
    amounts: tuple[Amount, ...] = ()
    quote: str = ""  # `text` without its leading date and amount lines, for adapters that show those apart
    kind: str = "answered"  # "answered" | "not_found" | "no_figure" | "other_language": adapters render by it
