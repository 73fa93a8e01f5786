"""An `Answer`, a document, a clause, a deadline or an amount → its response body (pure)."""

from __future__ import annotations

from bot.links import document_url
from bot.web.clauses import ClauseView, Linker
from bot.web.schemas import (
    AmountOut,
    AnswerOut,
    CitationOut,
    ClauseOut,
    DeadlineOut,
    DocumentOut,
    PassageOut,
    ShareOut,
)
from index.store import DocInfo
from index.types import Answer
from ingest.types import Amount, Deadline


def answer_out(result: Answer, linker: Linker) -> AnswerOut:
    return AnswerOut(
        question=result.question,
        language=result.language,
        text=result.text,
        abstained=result.abstained,
        kind=result.kind,  # type: ignore[arg-type]  # one of the four, set by index.answer
        citations=[
            CitationOut(
                doc=c.doc,
                title=c.title,
                section=c.section,
                clause=c.clause,
                pages=list(c.pages),
                text=c.text,
                short=c.short,
                url=linker.to_citation(c),
            )
            for c in result.citations
        ],
        passages=[
            PassageOut(
                rank=hit.rank,
                doc=hit.chunk.doc_id,
                clause=hit.chunk.label,
                score=round(float(hit.score), 4),
                text=hit.passage,
                match=hit.chunk.text,
                url=linker.to_clause(hit.chunk.doc_id, hit.chunk.clause_id),
            )
            for hit in result.passages
        ],
        searched=list(result.searched),
        deadlines=[deadline_out(d, linker) for d in result.deadlines],
        amounts=[amount_out(a, linker) for a in result.amounts],
    )


def deadline_out(deadline: Deadline, linker: Linker) -> DeadlineOut:
    return DeadlineOut(
        doc=deadline.doc_id,
        clause=deadline.label,
        pages=list(deadline.pages),
        when=deadline.when,
        start=deadline.start,
        end=deadline.end,
        recurring=deadline.recurring,
        within=deadline.within,
        after=deadline.after,
        before=deadline.before,
        what=deadline.what,
        parties=list(deadline.parties),
        sentence=deadline.sentence,
        flags=list(deadline.flags),
        url=linker.to_clause(deadline.doc_id, deadline.clause_id),
    )


def amount_out(amount: Amount, linker: Linker) -> AmountOut:
    return AmountOut(
        doc=amount.doc_id,
        clause=amount.label,
        pages=list(amount.pages),
        text=amount.text,
        value=amount.value,
        unit=amount.unit,
        purpose=amount.purpose,
        period=amount.period,
        payers=[ShareOut(party=s.party, euros=s.euros, fraction=s.fraction) for s in amount.payers],
        split_check=amount.split_check,
        sentence=amount.sentence,
        flags=list(amount.flags),
        url=linker.to_clause(amount.doc_id, amount.clause_id),
    )


def document_out(info: DocInfo) -> DocumentOut:
    return DocumentOut(
        id=info.id,
        source=info.source,
        title=info.title,
        short_title=info.short_title,
        municipality=info.municipality,
        period=info.period,
        parties=list(info.parties),
        page_count=info.page_count,
        clause_count=info.clause_count,
        url=document_url(info.id),
    )


def clause_out(doc_id: str, view: ClauseView) -> ClauseOut:
    return ClauseOut(
        id=view.id,
        label=view.label,
        anchor=view.anchor,
        kind=view.kind,
        section=view.section,
        pages=list(view.pages),
        text=view.text,
        parent=view.parent,
        url=document_url(doc_id, view.anchor),
    )
