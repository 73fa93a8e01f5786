"""What a document is and whom it binds, read from the document itself: title, kind, language,
and — for an agreement only — municipality, period and parties."""

from __future__ import annotations

from dataclasses import dataclass

from ingest.parties import PartyBook, find_municipality, find_parties, find_period


@dataclass(frozen=True, slots=True)
class Metadata:
    title: str
    kind: str  # "agreement" | "report" | "notice" | "regulation" | "other"
    language: str  # "nl" | "en"
    municipality: str
    period: str
    book: PartyBook


def describe(texts: list[str]) -> Metadata:
    """Metadata of a document from its clean lines, in reading order."""
    from ingest.structure import find_title  # transitional: the title moves here

    municipality = find_municipality(texts)
    period = find_period(texts)
    book = find_parties(texts, municipality)
    title = find_title(texts, municipality, period)
    return Metadata(title, "agreement", "nl", municipality, period, book)
