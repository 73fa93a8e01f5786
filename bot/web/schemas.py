"""The API's request and response bodies: pydantic at the edge, one model per JSON shape."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from index.types import Filters


def _as_list(value: Any) -> Any:
    """Accept one value or a list of them; drop empty strings."""
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if isinstance(value, list):
        return [v.strip() if isinstance(v, str) else v for v in value if v != ""]
    return value


class FiltersIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    doc: list[str] = Field(default_factory=list, description="Document ids (file stems)")
    municipality: list[str] = Field(default_factory=list)
    party: list[str] = Field(default_factory=list)
    year: int | None = Field(default=None, ge=1900, le=2200)

    _lists = field_validator("doc", "municipality", "party", mode="before")(_as_list)

    def to_filters(self) -> Filters:
        return Filters(
            doc=tuple(self.doc),
            municipality=tuple(self.municipality),
            party=tuple(self.party),
            year=self.year,
        )


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    question: str = Field(description="The question, in Dutch or English")
    filters: FiltersIn = Field(default_factory=FiltersIn)


class CitationOut(BaseModel):
    doc: str
    title: str
    section: str
    clause: str
    pages: list[int]
    text: str
    short: str = Field(description='How the answer text cites it: "Voorbeeldstad 2024 · afspraak 10 · p. 11"')
    url: str


class PassageOut(BaseModel):
    rank: int
    doc: str
    clause: str = Field(description="The label of the best-matching clause")
    score: float
    text: str = Field(
        description="The whole passage: the best-matching clause with what it belongs to or is "
        "numbered under it (an article with its paragraphs)"
    )
    match: str = Field(description="The best-matching clause's own text, a part of `text`")
    url: str


class DeadlineOut(BaseModel):
    doc: str
    clause: str
    pages: list[int]
    when: str
    start: str
    end: str
    recurring: str
    within: str = Field(
        description='A term relative to an event, without a calendar date ("6 weken"); '
        "empty for a dated deadline"
    )
    after: str = Field(description='The event the term runs from ("ontvangst van de aanvraag")')
    before: str = Field(description="The event the term runs up to")
    what: str
    parties: list[str]
    sentence: str
    flags: list[str]
    url: str


class ShareOut(BaseModel):
    party: str
    euros: float | None
    fraction: float | None


class AmountOut(BaseModel):
    doc: str
    clause: str
    pages: list[int]
    text: str
    value: float | None
    unit: str
    purpose: str
    period: str
    payers: list[ShareOut]
    split_check: str
    sentence: str
    flags: list[str]
    url: str


class AnswerOut(BaseModel):
    question: str
    language: str
    text: str
    abstained: bool
    kind: Literal["answered", "not_found", "no_figure", "other_language"] = Field(
        description="What the answer is: answered, not found, no figure stated, or asked in another language"
    )
    citations: list[CitationOut]
    passages: list[PassageOut]
    searched: list[str]
    deadlines: list[DeadlineOut]
    amounts: list[AmountOut]


class DocumentOut(BaseModel):
    id: str
    source: str
    title: str
    short_title: str
    municipality: str
    period: str
    parties: list[str]
    page_count: int
    clause_count: int
    url: str


class ClauseOut(BaseModel):
    id: str
    label: str
    anchor: str
    kind: str
    section: str
    pages: list[int]
    text: str
    parent: str
    url: str


class DocumentDetailOut(DocumentOut):
    clauses: list[ClauseOut]


class ExamplesOut(BaseModel):
    language: Literal["nl", "en"]
    questions: list[str] = Field(
        description="Example questions about municipalities the index holds (generic ones when it "
        "holds none): what the page's suggestion buttons ask"
    )


class ErrorOut(BaseModel):
    error: str
    message: str


class HealthOut(BaseModel):
    status: Literal["ok"]
    documents: int


# ---------------------------------------------------------------- compare and diff


class PayerOut(BaseModel):
    party: str
    euros: float | None
    fraction: float | None


class FigureAmountOut(BaseModel):
    text: str
    value: float | None
    unit: str
    period: str
    purpose: str
    payers: list[PayerOut]


class FigureDateOut(BaseModel):
    when: str
    start: str
    end: str
    recurring: str


class CompareRowOut(BaseModel):
    doc: str
    title: str
    municipality: str
    period: str
    kind: str = Field(description="The document's kind: agreement or notice")
    status: Literal["covered", "not covered", "no figure"] = Field(
        description="covered; not covered (the document has nothing on the topic, by ask's own rule); "
        "no figure (a 'how many?' whose number the document does not state)"
    )
    label: str = Field(description="The clause's label; empty when not covered")
    section: str
    pages: list[int]
    clause_id: str
    quote: str = Field(description="The one or two sentences that say it")
    figures: list[str] = Field(description="One short line per figure the quoted sentences state")
    amounts: list[FigureAmountOut]
    percentages: list[FigureAmountOut]
    dates: list[FigureDateOut]
    counts: list[str]
    missing: list[str] = Field(description="Topic words the document never uses, nor a synonym")
    url: str = Field(description="The clause on the document page; the document when not covered")


class ComparisonOut(BaseModel):
    topic: str
    language: str
    municipality: list[str]
    year: int | None
    covered: int = Field(description="How many documents have a clause on the topic")
    documents: int
    rows: list[CompareRowOut] = Field(description="One per agreement, by municipality and period")


class DiffClauseOut(BaseModel):
    clause_id: str
    label: str
    section: str
    pages: list[int]
    text: str
    url: str


class WordChangeOut(BaseModel):
    op: Literal["equal", "delete", "insert", "replace"]
    old: str
    new: str


class FigureChangeOut(BaseModel):
    old: str
    new: str


class DiffPairOut(BaseModel):
    status: Literal["unchanged", "changed", "new", "dropped"]
    renumbered: bool
    similarity: float
    old: DiffClauseOut | None = Field(description="The clause in the old version (none when new)")
    new: DiffClauseOut | None = Field(description="The clause in the new version (none when dropped)")
    diff: str = Field(description="A changed clause's word diff as text: 'bouwen [-140-]{+160+} woningen'")
    words: list[WordChangeOut] = Field(
        description="The same word diff as runs kept, deleted, inserted, replaced"
    )
    figures: list[FigureChangeOut]


class DiffCountsOut(BaseModel):
    unchanged: int
    changed: int
    new: int
    dropped: int
    renumbered: int


class DiffOut(BaseModel):
    old: DocumentOut
    new: DocumentOut
    counts: DiffCountsOut
    pairs: list[DiffPairOut] = Field(
        description="In the new version's order; a dropped clause where it stood"
    )
