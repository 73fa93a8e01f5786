"""The web chat and its HTTP API: one FastAPI app for the page, the JSON API and the chat adapters.

`create_app(settings)` builds the app; the index is opened once and shared, and every request
takes one `Engine` snapshot from the handle, so an ingest that swaps the index in underneath is
picked up by the next request and never mixed into a running one.
"""

from __future__ import annotations

import html
import logging
import socket
import threading
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

import anyio
from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field, field_validator
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.limits import RateLimiter
from bot.links import clause_anchor, document_url
from bot.settings import Settings
from index import lookup
from index.answer import answer
from index.errors import EmptyQuestion, IndexError_, QuestionTooLong
from index.search import Engine, IndexHandle
from index.store import DocInfo
from index.types import Answer, Chunk, Citation, Filters
from ingest.types import Amount, Deadline

STATIC_DIR = Path(__file__).parent / "static"
log = logging.getLogger("afspraken.web")
T = TypeVar("T")
MAX_BODY_BYTES = 64 * 1024

PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'"
)
# FastAPI's Swagger UI loads its bundle from a CDN and starts it with an inline script.
DOCS_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'self' https://cdn.jsdelivr.net; img-src 'self' data: https://fastapi.tiangolo.com; "
    "frame-ancestors 'none'"
)


# ---------------------------------------------------------------- request and response bodies


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
    clause: str
    score: float
    text: str
    url: str


class DeadlineOut(BaseModel):
    doc: str
    clause: str
    pages: list[int]
    when: str
    start: str
    end: str
    recurring: str
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


class ErrorOut(BaseModel):
    error: str
    message: str


class HealthOut(BaseModel):
    status: Literal["ok"]
    documents: int


class ApiError(Exception):
    """An error the API answers with its own status and one sentence."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


# ---------------------------------------------------------------- documents, clauses and links


@dataclass(frozen=True, slots=True)
class ClauseView:
    """One clause of a document as shown: its chunks joined back together, with its anchor."""

    id: str
    label: str
    anchor: str
    kind: str
    section: str
    pages: tuple[int, ...]
    text: str
    parent: str


def document_info(engine: Engine, key: str) -> DocInfo:
    """The DocInfo whose id (file stem) or source (file name) is `key`."""
    for info in engine.documents:
        if key in (info.id, info.source):
            return info
    raise ApiError(404, "document_not_found", f"There is no document {key!r} in the index.")


def clause_views(engine: Engine, doc_id: str) -> list[ClauseView]:
    """The document's clauses in order, each with its anchor (label and content id)."""
    views: list[ClauseView] = []
    parts: dict[str, list[Chunk]] = {}
    order: list[str] = []
    for chunk in engine.chunks_of(doc_id):
        if chunk.clause_id not in parts:
            parts[chunk.clause_id] = []
            order.append(chunk.clause_id)
        parts[chunk.clause_id].append(chunk)
    taken: set[str] = set()
    for clause_id in order:
        chunks = sorted(parts[clause_id], key=lambda c: c.part)
        first = chunks[0]
        anchor = _unique(clause_anchor(first.label, clause_id), taken)
        pages = tuple(sorted({p for c in chunks for p in c.pages}))
        views.append(
            ClauseView(
                id=clause_id,
                label=first.label,
                anchor=anchor,
                kind=first.kind,
                section=first.section,
                pages=pages,
                text=" ".join(c.text for c in chunks),  # parts are cut between sentences
                parent=first.parent,
            )
        )
    return views


def _unique(anchor: str, taken: set[str]) -> str:
    candidate, n = anchor, 1
    while candidate in taken:
        n += 1
        candidate = f"{anchor}-{n}"
    taken.add(candidate)
    return candidate


class SnapshotCache:
    """A small thread-safe LRU cache for things computed from one index version.

    Keys start with the version's path, so after an ingest swaps in a new version nothing of
    the old one is served again; its entries simply age out.
    """

    def __init__(self, max_items: int = 1024) -> None:
        self.max_items = max_items
        self._items: OrderedDict[tuple[object, ...], object] = OrderedDict()
        self._lock = threading.Lock()

    def peek(self, key: tuple[object, ...]) -> Any:
        """The cached value, or None."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        return None

    def get_or_make(self, key: tuple[object, ...], make: Callable[[], T]) -> T:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]  # type: ignore[return-value]
        value = make()
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.max_items:
                self._items.popitem(last=False)
        return value


def version_of(engine: Engine) -> object:
    """What tells index versions apart: the path of the snapshot the engine was opened on."""
    return engine.snapshot.path


class Linker:
    """Links from answers and tables to clauses for one engine snapshot; anchors cached per doc."""

    def __init__(self, engine: Engine, cache: SnapshotCache | None = None) -> None:
        self.engine = engine
        self.cache = cache
        self._views: dict[str, list[ClauseView]] = {}
        self._ids: dict[str, str] = {}

    def doc_id(self, key: str) -> str:
        if key not in self._ids:
            try:
                self._ids[key] = document_info(self.engine, key).id
            except ApiError:
                self._ids[key] = Path(key).stem
        return self._ids[key]

    def views(self, doc: str) -> list[ClauseView]:
        doc_id = self.doc_id(doc)
        if doc_id not in self._views:
            if self.cache is None:
                self._views[doc_id] = clause_views(self.engine, doc_id)
            else:
                key = ("views", version_of(self.engine), doc_id)
                make = partial(clause_views, self.engine, doc_id)
                self._views[doc_id] = self.cache.get_or_make(key, make)
        return self._views[doc_id]

    def to_clause(self, doc: str, clause_id: str) -> str:
        doc_id = self.doc_id(doc)
        anchor = next((v.anchor for v in self.views(doc) if v.id == clause_id), "")
        return document_url(doc_id, anchor)

    def to_citation(self, citation: Citation) -> str:
        """The clause a citation quotes: by its id; (for a citation made before ids were carried)
        by label, and by its quoted words when labels repeat."""
        if citation.clause_id and citation.doc_id:
            return self.to_clause(citation.doc_id, citation.clause_id)
        doc_id = self.doc_id(citation.doc)
        same_label = [v for v in self.views(doc_id) if v.label == citation.clause]
        quote = " ".join(citation.text.split())[:80]
        quoted = [v for v in same_label if quote and quote in " ".join(v.text.split())]
        chosen = next(iter(quoted or same_label), None)
        return document_url(doc_id, chosen.anchor if chosen else "")


# ---------------------------------------------------------------- Answer → JSON (pure)


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
                text=hit.chunk.text,
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


# ---------------------------------------------------------------- the document page (pure)


def pages_label(pages: Iterable[int]) -> str:
    numbers = sorted(set(pages))
    if not numbers:
        return ""
    if len(numbers) == 1:
        return f"p. {numbers[0]}"
    return f"pp. {numbers[0]}–{numbers[-1]}"


def document_html(info: DocInfo, views: list[ClauseView]) -> str:
    """The document as HTML, one <article id=anchor> per clause; every text is escaped."""
    e = html.escape
    body: list[str] = []
    section = None
    for view in views:
        if view.section != section:
            section = view.section
            if section:
                body.append(f'<h2 class="section">{e(section)}</h2>')
        pages = pages_label(view.pages)
        paragraphs = "".join(f"<p>{e(p)}</p>" for p in view.text.split("\n") if p.strip())
        body.append(
            f'<article class="clause clause-{e(view.kind)}" id="{e(view.anchor)}" '
            f'aria-labelledby="{e(view.anchor)}-label">'
            f'<header><a class="clause-label" id="{e(view.anchor)}-label" '
            f'href="#{e(view.anchor)}">{e(view.label)}</a>'
            + (f' <span class="pages">{e(pages)}</span>' if pages else "")
            + f"</header>{paragraphs}</article>"
        )
    meta = " · ".join(x for x in (info.municipality, info.period, f"{info.page_count} p.") if x)
    parties = ", ".join(info.parties)
    return f"""<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(info.title)} — afspraken</title>
<link rel="stylesheet" href="/static/style.css">
<link rel="icon" href="data:,">
</head>
<body class="document-page">
<a class="skip" href="#clauses">Naar de tekst</a>
<header class="top">
<a class="back" href="/">← Terug naar de chat</a>
<h1>{e(info.title)}</h1>
<p class="meta">{e(meta)}</p>
<p class="meta">{e(parties)}</p>
<p class="meta"><a href="/api/documents/{e(info.id)}">JSON</a></p>
</header>
<main id="clauses">
{"".join(body)}
</main>
</body>
</html>
"""


def not_found_html(key: str) -> str:
    return f"""<!doctype html>
<html lang="nl"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Niet gevonden — afspraken</title><link rel="stylesheet" href="/static/style.css"></head>
<body class="document-page"><main><h1>Niet gevonden</h1>
<p>Er is geen document {html.escape(repr(key))} in de index.</p>
<p><a href="/">← Terug naar de chat</a></p></main></body></html>
"""


# ---------------------------------------------------------------- limits and headers


class SecurityHeaders:
    """Adds CSP, nosniff and no-referrer to every response; refuses oversized bodies; turns an
    unexpected error into a generic 500 (logged here, never shown to the client)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        csp = DOCS_CSP if path.startswith("/docs") else PAGE_CSP
        headers_to_add = [
            (b"content-security-policy", csp.encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"no-referrer"),
            (b"x-frame-options", b"DENY"),
        ]

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + headers_to_add
            await send(message)

        body: bytes | None = None
        too_large = _body_too_large(scope)
        if not too_large and scope.get("method") in ("POST", "PUT", "PATCH"):
            body = await read_body(receive)
            too_large = body is None
        if too_large:
            response = _error_response(
                413, "body_too_large", f"The request body is over {MAX_BODY_BYTES:,} bytes."
            )
            await response(scope, receive, send_with_headers)
            return
        replay = receive if body is None else replaying(body, receive)
        started = False

        async def send_tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send_with_headers(message)

        try:
            await self.app(scope, replay, send_tracked)
        except Exception:
            log.exception("unexpected error answering %s %s", scope.get("method"), path)
            if started:
                raise
            response = _error_response(500, "internal_error", "Something went wrong on our side.")
            await response(scope, receive, send_with_headers)


async def read_body(receive: Receive) -> bytes | None:
    """The request body, read as it streams in and given up past MAX_BODY_BYTES (None): a chunked
    body has no Content-Length to refuse it by."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return b"".join(chunks)
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


def replaying(body: bytes, receive: Receive) -> Receive:
    """A receive that hands the app the body already read, then waits on the client as before."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


def _body_too_large(scope: Scope) -> bool:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value) > MAX_BODY_BYTES
            except ValueError:
                return True
    return False


def _error_response(status: int, code: str, message: str, **headers: str) -> JSONResponse:
    return JSONResponse(
        ErrorOut(error=code, message=message).model_dump(), status_code=status, headers=headers
    )


def _install_error_handlers(app: FastAPI) -> None:
    async def api_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        headers = {"Retry-After": str(max(1, round(exc.wait)))} if isinstance(exc, _RateLimited) else {}
        return _error_response(exc.status, exc.code, exc.message, **headers)

    async def too_long(request: Request, exc: Exception) -> Response:
        return _error_response(413, "question_too_long", str(exc))

    async def empty(request: Request, exc: Exception) -> Response:
        return _error_response(422, "empty_question", str(exc))

    async def index_unusable(request: Request, exc: Exception) -> Response:
        return _error_response(503, "index_unavailable", str(exc))

    async def invalid(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err.get('loc', ())[1:]) or 'body'}: {err.get('msg', '')}"
            for err in exc.errors()
        )
        return _error_response(422, "invalid_request", f"The request is not valid: {problems}.")

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        message = exc.detail if isinstance(exc.detail, str) else "The request failed."
        return _error_response(exc.status_code, "http_error", message)

    app.add_exception_handler(ApiError, api_error)
    app.add_exception_handler(QuestionTooLong, too_long)
    app.add_exception_handler(EmptyQuestion, empty)
    app.add_exception_handler(IndexError_, index_unusable)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(StarletteHTTPException, http_error)


# ---------------------------------------------------------------- routes


def _engine(request: Request) -> Engine:
    """This request's snapshot of the index; the handle reloads when an ingest swapped it."""
    handle: IndexHandle = request.app.state.handle
    return handle.get()


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _add_api_routes(app: FastAPI, settings: Settings, limiter: RateLimiter, cache: SnapshotCache) -> None:
    error_responses: dict[int | str, dict[str, Any]] = {
        413: {"model": ErrorOut, "description": "Question too long"},
        422: {"model": ErrorOut, "description": "Empty question or invalid body"},
        429: {"model": ErrorOut, "description": "Too many questions from this client"},
    }

    @app.post("/api/ask", response_model=AnswerOut, responses=error_responses, tags=["api"])
    async def ask(body: AskRequest, request: Request) -> Response:
        """Answer a question with the clauses it comes from."""
        wait = limiter.retry_after(_client(request))
        if wait:
            raise _RateLimited(wait, settings.rate_limit_per_minute)
        engine = _engine(request)
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

    @app.get("/api/documents", response_model=list[DocumentOut], tags=["api"])
    def documents(request: Request) -> list[DocumentOut]:
        """The documents in the index."""
        return [document_out(info) for info in _engine(request).documents]

    @app.get(
        "/api/documents/{doc}",
        response_model=DocumentDetailOut,
        responses={404: {"model": ErrorOut}},
        tags=["api"],
    )
    def document(doc: str, request: Request) -> DocumentDetailOut:
        """One document with its clauses in document order."""
        engine = _engine(request)
        info = document_info(engine, doc)
        clauses = [clause_out(info.id, v) for v in Linker(engine, cache).views(info.id)]
        return DocumentDetailOut(**document_out(info).model_dump(), clauses=clauses)

    @app.get("/api/deadlines", response_model=list[DeadlineOut], tags=["api"])
    def deadlines(
        request: Request,
        party: str | None = None,
        doc: str | None = None,
        municipality: str | None = None,
        start: Annotated[str | None, Query(alias="from", pattern=r"^\d{4}-\d{2}-\d{2}$")] = None,
        end: Annotated[str | None, Query(alias="to", pattern=r"^\d{4}-\d{2}-\d{2}$")] = None,
        format: Literal["json", "csv", "ics"] = "json",
        everything: Annotated[bool, Query(alias="all")] = False,
    ) -> Any:
        """Commitments in the agreements, upcoming first then overdue per municipality (`?all=true`
        adds history, background and reports); `?format=csv` or `ics` to download."""
        from datetime import date

        engine = _engine(request)
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

    @app.get("/api/budgets", response_model=list[AmountOut], tags=["api"])
    def budgets(
        request: Request,
        party: str | None = None,
        doc: str | None = None,
        municipality: str | None = None,
        format: Literal["json", "csv"] = "json",
        everything: Annotated[bool, Query(alias="all")] = False,
        targets: bool = False,
    ) -> Any:
        """Money and fte the agreements put in and who pays which share (`?targets=true`: the
        percentage targets; `?all=true`: also prices, limits and reports); `?format=csv`."""
        engine = _engine(request)
        doc_id = document_info(engine, doc).id if doc else None
        rows = lookup.budgets(engine, party=party, doc=doc_id, everything=everything, targets=targets)
        rows = _in_municipality(engine, rows, municipality)
        if format == "csv":
            return _download(lookup.budgets_csv(rows), "text/csv", "afspraken-budgetten.csv")
        linker = Linker(engine, cache)
        return [amount_out(a, linker) for a in rows]

    @app.get("/healthz", response_model=HealthOut, tags=["ops"])
    def healthz(request: Request) -> HealthOut:
        return HealthOut(status="ok", documents=len(_engine(request).documents))


def _in_municipality(engine: Engine, rows: Any, municipality: str | None) -> list[Any]:
    """Keep the rows from documents of one municipality (all rows when none is given)."""
    if not municipality:
        return list(rows)
    wanted = municipality.casefold()
    docs = {d.id for d in engine.documents if d.municipality.casefold() == wanted}
    return [row for row in rows if row.doc_id in docs]


class _RateLimited(ApiError):
    def __init__(self, wait: float, per_minute: int) -> None:
        super().__init__(
            429,
            "rate_limited",
            f"Too many questions: at most {per_minute} a minute; try again in {max(1, round(wait))} seconds.",
        )
        self.wait = wait


def _download(text: str | bytes, media_type: str, filename: str) -> Response:
    return Response(
        content=text,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _add_page_routes(app: FastAPI, cache: SnapshotCache) -> None:
    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(STATIC_DIR / "index.html", media_type="text/html")

    @app.get("/documents/{doc}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(doc: str, request: Request) -> HTMLResponse:
        engine = _engine(request)
        try:
            info = document_info(engine, doc)
        except ApiError:
            return HTMLResponse(not_found_html(doc), status_code=404)
        return HTMLResponse(document_html(info, Linker(engine, cache).views(info.id)))

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")


# ---------------------------------------------------------------- the app


def create_app(
    settings: Settings, handle: IndexHandle | None = None, *, teams_channel: Any = None
) -> FastAPI:
    """The whole web app: page, API, and the Slack and Teams endpoints when configured.
    `teams_channel` (a bot.teams.BotChannel) replaces Microsoft's token and reply hosts in tests."""
    index_handle = handle or IndexHandle(settings.index, settings.embedder)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await anyio.to_thread.run_sync(index_handle.get)  # load the index once, before serving
        yield

    app = FastAPI(
        title="afspraken",
        summary="Questions about Dutch social-housing performance agreements, "
        "answered with the clause they come from.",
        version="0.1.0",
        lifespan=lifespan,
        redoc_url=None,
    )
    app.state.handle = index_handle
    app.state.settings = settings
    limiter = RateLimiter(settings.rate_limit_per_minute)
    app.state.limiter = limiter

    _install_error_handlers(app)
    cache = SnapshotCache()
    app.state.cache = cache
    _add_api_routes(app, settings, limiter, cache)
    _add_page_routes(app, cache)
    _mount_chat_adapters(app, settings, index_handle, teams_channel)

    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type"],
        )
    app.add_middleware(SecurityHeaders)
    return app


def _mount_chat_adapters(app: FastAPI, settings: Settings, handle: IndexHandle, teams_channel: Any) -> None:
    if settings.slack_bot_token or settings.slack_signing_secret:
        from bot.slack import mount_slack

        mount_slack(app, settings, handle)
    if settings.teams_app_id or settings.teams_insecure_dev:
        from bot.teams import MICROSOFT, mount_teams

        mount_teams(app, settings, handle, teams_channel or MICROSOFT)


def app_from_environment() -> FastAPI:
    """For `uvicorn --factory bot.web:app_from_environment`: settings from AFSPRAKEN_* variables."""
    return create_app(Settings())


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run the app under uvicorn until interrupted; raises IndexError_ when there is no index."""
    import uvicorn

    handle = IndexHandle(settings.index, settings.embedder)
    handle.get()  # fail here, with one sentence, rather than in the server's start-up
    app = create_app(settings, handle)
    uvicorn.run(app, host=host, port=port, proxy_headers=True, log_level="info")


@contextmanager
def serve_in_thread(app: FastAPI, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Run `app` under uvicorn in a thread (port 0: any free one); yields its base URL."""
    import uvicorn

    # IPPROTO_TCP explicitly: asyncio sets TCP_NODELAY only on sockets that say they are TCP, and
    # without it every keep-alive response waits ~40 ms for a delayed ACK.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 120
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            sock.close()
            raise RuntimeError("The web server did not start.")
        time.sleep(0.02)
    try:
        yield f"http://{host}:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()
