"""The JSON API: ask, documents, deadlines, budgets, example questions and the health check, as
one APIRouter."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from bot.examples import example_questions
from bot.scopes import municipalities_of
from bot.web.bodies import amount_out, answer_out, clause_out, deadline_out, document_out
from bot.web.cache import version_of
from bot.web.clauses import Linker, document_info
from bot.web.deps import AppSettings, Cache, ClientAddress, CurrentEngine, Limiter
from bot.web.errors import RateLimited
from bot.web.schemas import (
    AmountOut,
    AnswerOut,
    AskRequest,
    DeadlineOut,
    DocumentDetailOut,
    DocumentOut,
    ErrorOut,
    ExamplesOut,
    HealthOut,
)
from index import lookup
from index.answer import answer
from index.search import Engine

router = APIRouter()

ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    413: {"model": ErrorOut, "description": "Question too long"},
    422: {"model": ErrorOut, "description": "Empty question or invalid body"},
    429: {"model": ErrorOut, "description": "Too many questions from this client"},
}
DATE = r"^\d{4}-\d{2}-\d{2}$"


@router.post("/api/ask", response_model=AnswerOut, responses=ERROR_RESPONSES, tags=["api"])
async def ask(
    body: AskRequest,
    engine: CurrentEngine,
    settings: AppSettings,
    cache: Cache,
    limiter: Limiter,
    client: ClientAddress,
) -> Response:
    """Answer a question with the clauses it comes from."""
    wait = limiter.retry_after(client)
    if wait:
        raise RateLimited(wait, settings.rate_limit_per_minute)
    filters = body.filters.to_filters()

    def make() -> bytes:
        result = answer(engine, body.question, filters, max_chars=settings.max_question_chars)
        return answer_out(result, Linker(engine, cache)).model_dump_json().encode("utf-8")

    # The same question on the same index version gets the same answer: asked again (the
    # suggested questions, a question shared in a group), it is neither searched nor
    # serialised again.
    # An answer already made is sent from the event loop; a new one is made in a worker thread.
    question = " ".join(body.question.split())
    if not question or len(question) > settings.max_question_chars:
        await run_in_threadpool(make)  # raises the QuestionError
    key = ("answer", version_of(engine), question, filters)
    content = cache.peek(key)
    if content is None:
        content = await run_in_threadpool(cache.get_or_make, key, make)
    return Response(content=content, media_type="application/json")


@router.get("/api/documents", response_model=list[DocumentOut], tags=["api"])
def documents(engine: CurrentEngine) -> list[DocumentOut]:
    """The documents in the index."""
    return [document_out(info) for info in engine.documents]


@router.get(
    "/api/documents/{doc}",
    response_model=DocumentDetailOut,
    responses={404: {"model": ErrorOut}},
    tags=["api"],
)
def document(doc: str, engine: CurrentEngine, cache: Cache) -> DocumentDetailOut:
    """One document with its clauses in document order."""
    info = document_info(engine, doc)
    clauses = [clause_out(info.id, v) for v in Linker(engine, cache).views(info.id)]
    return DocumentDetailOut(**document_out(info).model_dump(), clauses=clauses)


@router.get("/api/deadlines", response_model=list[DeadlineOut], tags=["api"])
def deadlines(
    engine: CurrentEngine,
    cache: Cache,
    party: str | None = None,
    doc: str | None = None,
    municipality: str | None = None,
    start: Annotated[str | None, Query(alias="from", pattern=DATE)] = None,
    end: Annotated[str | None, Query(alias="to", pattern=DATE)] = None,
    format: Literal["json", "csv", "ics"] = "json",
    everything: Annotated[bool, Query(alias="all")] = False,
) -> Any:
    """Commitments in the agreements, upcoming first then overdue per municipality (`?all=true`
    adds history, background and reports); `?format=csv` or `ics` to download."""
    doc_id = document_info(engine, doc).id if doc else None
    rows = lookup.deadlines(
        engine, party=party, doc=doc_id, start=start, end=end, everything=everything, today=date.today()
    )
    rows = _in_municipality(engine, rows, municipality)
    if format == "csv":
        return _download(lookup.deadlines_csv(rows), "text/csv", "afspraken-deadlines.csv")
    if format == "ics":
        ics = lookup.deadlines_ics(rows, lookup.titles_of(engine))
        return _download(ics, "text/calendar", "afspraken.ics")
    linker = Linker(engine, cache)
    return [deadline_out(d, linker) for d in rows]


@router.get("/api/budgets", response_model=list[AmountOut], tags=["api"])
def budgets(
    engine: CurrentEngine,
    cache: Cache,
    party: str | None = None,
    doc: str | None = None,
    municipality: str | None = None,
    format: Literal["json", "csv"] = "json",
    everything: Annotated[bool, Query(alias="all")] = False,
    targets: bool = False,
) -> Any:
    """Money and fte the agreements put in and who pays which share (`?targets=true`: the
    percentage targets; `?all=true`: also prices, limits and reports); `?format=csv`."""
    doc_id = document_info(engine, doc).id if doc else None
    rows = lookup.budgets(engine, party=party, doc=doc_id, everything=everything, targets=targets)
    rows = _in_municipality(engine, rows, municipality)
    if format == "csv":
        return _download(lookup.budgets_csv(rows), "text/csv", "afspraken-budgetten.csv")
    linker = Linker(engine, cache)
    return [amount_out(a, linker) for a in rows]


EXAMPLE_COUNT = 4  # the page's suggestion buttons


@router.get("/api/examples", response_model=ExamplesOut, tags=["api"])
def examples(engine: CurrentEngine, lang: Literal["nl", "en"] = "nl") -> ExamplesOut:
    """Example questions for the page's suggestions, each about a municipality the index holds."""
    towns = municipalities_of(engine.documents)
    return ExamplesOut(language=lang, questions=list(example_questions(towns, (lang,) * EXAMPLE_COUNT)))


@router.get("/healthz", response_model=HealthOut, tags=["ops"])
def healthz(engine: CurrentEngine) -> HealthOut:
    return HealthOut(status="ok", documents=len(engine.documents))


def _in_municipality(engine: Engine, rows: Any, municipality: str | None) -> list[Any]:
    """Keep the rows from documents of one municipality (all rows when none is given)."""
    if not municipality:
        return list(rows)
    wanted = municipality.casefold()
    docs = {d.id for d in engine.documents if d.municipality.casefold() == wanted}
    return [row for row in rows if row.doc_id in docs]


def _download(text: str | bytes, media_type: str, filename: str) -> Response:
    return Response(
        content=text,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
