"""Compare and diff in the API: `GET /api/compare` and `GET /api/diff`, as one APIRouter.

Thin: `index.compare.compare` and `index.diff.diff` do the work; the rows and pairs are serialised
by their own `row_record` and `pair_record`, with each clause's link added here.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from bot.limits import RateLimiter
from bot.links import document_url
from bot.settings import Settings
from bot.web.bodies import document_out
from bot.web.cache import version_of
from bot.web.clauses import Linker
from bot.web.deps import AppSettings, Cache, ClientAddress, CurrentEngine, Limiter
from bot.web.errors import RateLimited
from bot.web.schemas import (
    CompareRowOut,
    ComparisonOut,
    DiffCountsOut,
    DiffOut,
    DiffPairOut,
    ErrorOut,
)
from index.compare import Comparison, row_record
from index.compare import compare as run_compare
from index.diff import Diff, Pair, pair_record
from index.diff import diff as run_diff
from index.documents import find_document
from index.search import Engine

router = APIRouter(tags=["compare"])

COMPARE_ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorOut, "description": "The municipality or year matches no document"},
    413: {"model": ErrorOut, "description": "Topic too long"},
    422: {"model": ErrorOut, "description": "Empty or missing topic"},
    429: {"model": ErrorOut, "description": "Too many requests from this client"},
}
DIFF_ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorOut, "description": "No such document in the index"},
    422: {"model": ErrorOut, "description": "A document is missing"},
    429: {"model": ErrorOut, "description": "Too many requests from this client"},
}


@router.get("/api/compare", response_model=ComparisonOut, responses=COMPARE_ERRORS)
async def compare(
    engine: CurrentEngine,
    settings: AppSettings,
    cache: Cache,
    limiter: Limiter,
    client: ClientAddress,
    topic: Annotated[str, Query(description='The topic, as a word or a question: "buurtbemiddeling"')],
    municipality: Annotated[str | None, Query(description="Only this municipality's documents")] = None,
    year: Annotated[
        int | None, Query(ge=1900, le=2200, description="Only documents whose period covers it")
    ] = None,
) -> Response:
    """What every agreement says on a topic: one row per document, by municipality and period,
    with its best clause (label, pages, the sentences that say it, the figures they state) or
    "not covered" — by the rule `/api/ask` uses to say "not found"."""
    limit(limiter, client, settings)
    municipality = municipality.strip() if municipality else None

    def make() -> bytes:
        result = run_compare(engine, topic, municipality, year, max_chars=settings.max_question_chars)
        return comparison_out(result, Linker(engine, cache)).model_dump_json().encode("utf-8")

    key = ("compare", version_of(engine), " ".join(topic.split()), municipality, year)
    return await cached_json(cache, key, make)


@router.get("/api/diff", response_model=DiffOut, responses=DIFF_ERRORS)
async def diff(
    engine: CurrentEngine,
    settings: AppSettings,
    cache: Cache,
    limiter: Limiter,
    client: ClientAddress,
    old: Annotated[str, Query(description="The earlier version: a document id or file name")],
    new: Annotated[str, Query(description="The later version: a document id or file name")],
) -> Response:
    """What changed between two versions of an agreement: each clause unchanged, changed (a word
    diff and the figures that changed), new or dropped, matched by content so that a renumbered
    clause still finds its counterpart; with the counts."""
    limit(limiter, client, settings)
    before, after = document_id(engine, old), document_id(engine, new)

    def make() -> bytes:
        result = run_diff(engine.snapshot, before, after)
        return diff_out(result, Linker(engine, cache)).model_dump_json().encode("utf-8")

    return await cached_json(cache, ("diff", version_of(engine), before, after), make)


def limit(limiter: RateLimiter, client: str, settings: Settings) -> None:
    """The rate limit `/api/ask` applies, shared with it: one budget per client."""
    wait = limiter.retry_after(client)
    if wait:
        raise RateLimited(wait, settings.rate_limit_per_minute)


async def cached_json(cache: Any, key: tuple[object, ...], make: Any) -> Response:
    """Made once per index version in a worker thread; a library error is raised, never cached."""
    content = cache.peek(key)
    if content is None:
        content = await run_in_threadpool(cache.get_or_make, key, make)
    return Response(content=content, media_type="application/json")


def document_id(engine: Engine, key: str) -> str:
    """The id of the document `key` names (`index.documents`); else UnclearDocument, a 404 that
    lists the ids the index holds."""
    return find_document(engine.documents, key).id


# ---------------------------------------------------------------- bodies (pure)


def comparison_out(result: Comparison, linker: Linker) -> ComparisonOut:
    rows = [
        CompareRowOut.model_validate(
            row_record(row, result.language)
            | {
                "url": linker.to_clause(row.doc_id, row.clause_id)
                if row.clause_id
                else document_url(row.doc_id)
            }
        )
        for row in result.rows
    ]
    return ComparisonOut(
        topic=result.topic,
        language=result.language,
        municipality=list(result.filters.municipality),
        year=result.filters.year,
        covered=result.covered,
        documents=len(result.rows),
        rows=rows,
    )


def diff_out(result: Diff, linker: Linker) -> DiffOut:
    return DiffOut(
        old=document_out(result.old),
        new=document_out(result.new),
        counts=DiffCountsOut.model_validate(result.counts),
        pairs=[pair_out(pair, result, linker) for pair in result.pairs],
    )


def pair_out(pair: Pair, result: Diff, linker: Linker) -> DiffPairOut:
    """`pair_record`, each side with its clause's link, and the word diff as runs for the page."""
    record = pair_record(pair)
    for key, clause, doc_id in (("old", pair.old, result.old.id), ("new", pair.new, result.new.id)):
        side = record[key]
        if isinstance(side, dict) and clause is not None:
            record[key] = side | {"url": linker.to_clause(doc_id, clause.clause_id)}
    words = [{"op": w.op, "old": w.old, "new": w.new} for w in pair.words]
    return DiffPairOut.model_validate(record | {"words": words})
