"""The HTTP API over real HTTP on 127.0.0.1, answering from the index built from corpus/."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest

from bot.limits import RateLimiter
from bot.links import slugify
from bot.settings import Settings
from bot.web import create_app
from bot.web.cache import SnapshotCache
from bot.web.clauses import ClauseView
from bot.web.middleware import PAGE_CSP
from bot.web.pages import STATIC_DIR
from bot.web.render import document_html, pages_label
from index.search import IndexHandle
from tests.servers import serve_in_thread

RENT_QUESTION = "Wat is er afgesproken over de huurverhoging?"


def settings_for(index: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {"index": index, "rate_limit_per_minute": 0, **overrides}
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture(scope="module")
def handle(corpus_index: Path) -> IndexHandle:
    return IndexHandle(corpus_index)


@pytest.fixture(scope="module")
def base_url(corpus_index: Path, handle: IndexHandle) -> Iterator[str]:
    with serve_in_thread(create_app(settings_for(corpus_index), handle)) as url:
        yield url


@pytest.fixture()
def client(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=60) as http:
        yield http


def squash(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------- asking


def test_ask_answers_with_citations_that_link_to_the_quoted_clause(client: httpx.Client) -> None:
    response = client.post("/api/ask", json={"question": RENT_QUESTION})

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["question"] == RENT_QUESTION
    assert body["language"] == "nl"
    assert not body["abstained"]
    assert body["text"].strip()
    assert body["citations"], "an answer must cite at least one clause"
    assert body["passages"] and body["searched"]
    for citation in body["citations"]:
        path, _, anchor = citation["url"].partition("#")
        assert path.startswith("/documents/") and anchor
        document = client.get("/api" + path).json()
        clause = next(c for c in document["clauses"] if c["anchor"] == anchor)
        assert clause["label"] == citation["clause"]
        assert squash(citation["text"])[:60] in squash(clause["text"])


def test_a_passage_is_the_whole_passage_with_its_best_matching_clause(client: httpx.Client) -> None:
    passages = client.post("/api/ask", json={"question": RENT_QUESTION}).json()["passages"]

    assert passages
    for passage in passages:
        assert passage["match"] and passage["match"] in passage["text"]
    assert any(len(p["text"]) > len(p["match"]) for p in passages), "some passage holds more than its clause"


def test_ask_in_english_answers_in_english(client: httpx.Client) -> None:
    response = client.post("/api/ask", json={"question": "What was agreed about rent increases?"})

    assert response.status_code == 200
    assert response.json()["language"] == "en"


def test_ask_with_a_document_filter_searches_only_that_document(client: httpx.Client) -> None:
    doc = client.get("/api/documents").json()[0]

    response = client.post("/api/ask", json={"question": RENT_QUESTION, "filters": {"doc": [doc["id"]]}})

    assert response.status_code == 200
    body = response.json()
    assert body["searched"] == [doc["title"]] or body["searched"] == [doc["short_title"]]
    assert all(p["doc"] == doc["id"] for p in body["passages"])


def test_the_same_question_again_gets_the_same_answer(client: httpx.Client) -> None:
    first = client.post("/api/ask", json={"question": "Worden er huurwoningen verkocht?"})
    again = client.post("/api/ask", json={"question": "  Worden er huurwoningen   verkocht? "})

    assert first.status_code == again.status_code == 200
    assert again.json() == {**first.json(), "question": again.json()["question"]}


def test_a_question_over_the_limit_gets_413_with_a_clear_message(client: httpx.Client) -> None:
    response = client.post("/api/ask", json={"question": "huur " * 401})

    assert response.status_code == 413
    body = response.json()
    assert body["error"] == "question_too_long"
    assert re.search(r"at most 2,000 characters", body["message"])


@pytest.mark.parametrize("question", ["", "   \n "])
def test_an_empty_question_gets_422(client: httpx.Client, question: str) -> None:
    response = client.post("/api/ask", json={"question": question})

    assert response.status_code == 422
    assert response.json()["error"] == "empty_question"


def test_a_body_without_a_question_gets_422_without_internals(client: httpx.Client) -> None:
    response = client.post("/api/ask", json={"vraag": "huur"})

    assert response.status_code == 422
    body = response.json()
    assert body["error"] == "invalid_request"
    assert "question" in body["message"]


def test_an_oversized_body_is_refused_before_it_is_read(client: httpx.Client) -> None:
    response = client.post("/api/ask", content=b"{" + b" " * 70_000 + b"}")

    assert response.status_code == 413
    assert response.json()["error"] == "body_too_large"


def test_a_chunked_body_over_the_limit_is_refused_as_it_streams(client: httpx.Client) -> None:
    sent = 0

    def two_megabytes() -> Iterator[bytes]:
        nonlocal sent
        yield b'{"question": "'
        for _ in range(32):  # 32 × 64 KiB: no Content-Length, so only counting can stop it
            sent += 65_536
            yield b"a" * 65_536
        yield b'"}'

    response = client.post("/api/ask", content=two_megabytes(), headers={"content-type": "application/json"})

    assert response.status_code == 413
    assert response.json()["error"] == "body_too_large"


def test_too_many_questions_from_one_client_get_429(corpus_index: Path, handle: IndexHandle) -> None:
    app = create_app(settings_for(corpus_index, rate_limit_per_minute=2), handle)
    with serve_in_thread(app) as url, httpx.Client(base_url=url, timeout=60) as http:
        statuses = [http.post("/api/ask", json={"question": "huur"}).status_code for _ in range(3)]
        refused = http.post("/api/ask", json={"question": "huur"})

    assert statuses == [200, 200, 429]
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    assert re.search(r"at most 2 a minute", refused.json()["message"])


# ---------------------------------------------------------------- documents and tables


def test_documents_lists_every_corpus_file(client: httpx.Client) -> None:
    documents = client.get("/api/documents").json()

    corpus = Path(__file__).resolve().parents[1] / "corpus"
    assert {d["id"] for d in documents} == {p.stem for p in corpus.glob("*.pdf")}
    for doc in documents:
        assert doc["url"] == f"/documents/{doc['id']}"
        assert doc["clause_count"] > 0 and doc["page_count"] > 0


def test_a_document_has_its_clauses_in_order_with_unique_anchors(client: httpx.Client) -> None:
    doc_id = client.get("/api/documents").json()[0]["id"]

    body = client.get(f"/api/documents/{doc_id}").json()

    anchors = [c["anchor"] for c in body["clauses"]]
    assert len(anchors) == body["clause_count"] > 0
    assert len(set(anchors)) == len(anchors)
    first_pages = [min(c["pages"]) for c in body["clauses"] if c["pages"]]
    assert first_pages == sorted(first_pages)


def test_an_unknown_document_is_404_in_json_and_html(client: httpx.Client) -> None:
    api = client.get("/api/documents/nergens-2099")
    page = client.get("/documents/nergens-2099")

    assert api.status_code == 404 and api.json()["error"] == "document_not_found"
    assert page.status_code == 404 and "Niet gevonden" in page.text


def test_the_document_page_anchors_every_clause_and_shows_pages(client: httpx.Client) -> None:
    doc_id = client.get("/api/documents").json()[0]["id"]
    clauses = client.get(f"/api/documents/{doc_id}").json()["clauses"]

    page = client.get(f"/documents/{doc_id}")

    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    ids = re.findall(r'<article class="clause[^"]*" id="([^"]+)"', page.text)
    assert ids == [c["anchor"] for c in clauses]
    assert re.search(r'<span class="pages">pp?\. \d+', page.text)


def test_deadlines_as_json_csv_and_ics(client: httpx.Client) -> None:
    rows = client.get("/api/deadlines").json()
    csv = client.get("/api/deadlines", params={"format": "csv"})
    ics = client.get("/api/deadlines", params={"format": "ics"})

    assert rows, "the corpus has deadlines"
    assert all(r["url"].startswith(f"/documents/{r['doc']}") for r in rows)
    assert csv.headers["content-type"].startswith("text/csv")
    assert "attachment" in csv.headers["content-disposition"]
    assert len(csv.text.strip().splitlines()) >= len(rows)
    assert ics.headers["content-type"].startswith("text/calendar")
    assert "BEGIN:VCALENDAR" in ics.text


def test_a_relative_deadline_has_its_term_and_event_and_no_date(client: httpx.Client) -> None:
    rows = client.get("/api/deadlines", params={"all": "true"}).json()  # reports too

    relative = [r for r in rows if r["within"]]
    assert relative, "the corpus has a term counted from an event"
    for row in relative:
        assert row["after"] or row["before"]
        assert not (row["start"] or row["end"])
        assert row["when"]  # as written: the page shows it
    assert all(r["after"] == r["before"] == "" for r in rows if not r["within"])


def test_example_questions_name_only_the_indexed_municipalities(client: httpx.Client) -> None:
    towns = {d["municipality"] for d in client.get("/api/documents").json() if d["municipality"]}
    dutch = client.get("/api/examples").json()
    english = client.get("/api/examples", params={"lang": "en"}).json()

    assert dutch["language"] == "nl" and english["language"] == "en"
    for body in (dutch, english):
        assert len(body["questions"]) == 4
        named = [{t for t in towns if t in q} for q in body["questions"]]
        assert all(named), body["questions"]  # each names a town the index holds
    assert len(set.union(*named)) >= 2  # and not all the same one
    assert dutch["questions"] != english["questions"]
    assert client.get("/api/examples", params={"lang": "fr"}).status_code == 422
    assert "/api/examples" in client.get("/openapi.json").json()["paths"]


def test_deadlines_filtered_by_document_and_dates(client: httpx.Client) -> None:
    every = client.get("/api/deadlines").json()
    doc = every[0]["doc"]

    one_doc = client.get("/api/deadlines", params={"doc": doc}).json()
    dated = client.get("/api/deadlines", params={"from": "2019-01-01", "to": "2019-12-31"}).json()
    bad = client.get("/api/deadlines", params={"from": "1 april"})

    assert one_doc and all(r["doc"] == doc for r in one_doc)
    assert len(one_doc) <= len(every)
    assert all(
        (r["end"] or r["start"]) >= "2019-01-01" and (r["start"] or r["end"]) <= "2019-12-31"
        for r in dated
        if r["start"] or r["end"]
    )
    assert bad.status_code == 422


def test_budgets_as_json_and_csv(client: httpx.Client) -> None:
    documents = client.get("/api/documents").json()
    rows = client.get("/api/budgets").json()
    municipality = documents[0]["municipality"]
    local = client.get("/api/budgets", params={"municipality": municipality}).json()
    csv = client.get("/api/budgets", params={"format": "csv"})

    assert rows, "the corpus has amounts"
    assert {r["unit"] for r in rows} <= {"EUR", "fte", "%"}
    in_municipality = {d["id"] for d in documents if d["municipality"] == municipality}
    assert all(r["doc"] in in_municipality for r in local)
    assert csv.headers["content-type"].startswith("text/csv")


# ---------------------------------------------------------------- the page and its headers


def test_every_response_carries_the_security_headers(client: httpx.Client) -> None:
    for path in ["/", "/api/documents", "/static/app.js", "/documents/nergens", "/healthz"]:
        response = client.get(path)
        assert response.headers["content-security-policy"] == PAGE_CSP, path
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"


class ScriptFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.inline_scripts = 0
        self.handlers: list[str] = []
        self.external: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        self.handlers += [name for name, _ in attrs if name.startswith("on")]
        for name in ("src", "href"):
            if (named.get(name) or "").startswith(("http:", "https:", "//")):
                self.external.append(named[name] or "")
        if tag == "script" and "src" not in named:
            self.inline_scripts += 1


def test_the_page_has_no_inline_script_and_nothing_from_elsewhere(client: httpx.Client) -> None:
    page = client.get("/")
    finder = ScriptFinder()
    finder.feed(page.text)

    assert page.status_code == 200
    assert 'lang="nl"' in page.text
    assert finder.inline_scripts == 0 and finder.handlers == [] and finder.external == []
    for name in ("app.js", "style.css"):
        assert client.get(f"/static/{name}").status_code == 200
    assert "innerHTML" not in (STATIC_DIR / "app.js").read_text()


def test_cors_is_closed_unless_configured(
    client: httpx.Client, corpus_index: Path, handle: IndexHandle
) -> None:
    origin = "https://huurders.example"
    closed = client.get("/api/documents", headers={"Origin": origin})
    app = create_app(settings_for(corpus_index, cors_origins=[origin]), handle)
    with serve_in_thread(app) as url:
        opened = httpx.get(f"{url}/api/documents", headers={"Origin": origin}, timeout=60)

    assert "access-control-allow-origin" not in closed.headers
    assert opened.headers["access-control-allow-origin"] == origin


class FailingHandle:
    """Serves the real index for start-up, then fails as a broken disk would."""

    def __init__(self, real: IndexHandle) -> None:
        self.real = real
        self.calls = 0

    def get(self) -> object:
        self.calls += 1
        if self.calls > 1:
            raise OSError("disk gone at /secret/path/index.faiss")
        return self.real.get()


def test_an_unexpected_error_answers_500_without_a_stack_trace(
    corpus_index: Path, handle: IndexHandle
) -> None:
    app = create_app(settings_for(corpus_index), FailingHandle(handle))  # type: ignore[arg-type]
    with serve_in_thread(app) as url:
        response = httpx.post(f"{url}/api/ask", json={"question": "huur"}, timeout=60)

    assert response.status_code == 500
    assert response.json() == {
        "error": "internal_error",
        "message": "Something went wrong on our side.",
    }
    assert response.headers["content-security-policy"] == PAGE_CSP


def test_health_and_openapi_docs(client: httpx.Client) -> None:
    health = client.get("/healthz").json()
    schema = client.get("/openapi.json").json()
    docs = client.get("/docs")

    assert health["status"] == "ok" and health["documents"] >= 5
    assert {"/api/ask", "/api/documents", "/api/deadlines", "/api/budgets"} <= set(schema["paths"])
    assert docs.status_code == 200 and "swagger" in docs.text.lower()


def test_afspraken_serve_runs_the_app(corpus_index: Path, tmp_path: Path) -> None:
    command = [sys.executable, "-m", "bot.cli", "serve", "--port", "0", "--index", str(corpus_index)]
    server = subprocess.Popen(command, cwd=tmp_path, stderr=subprocess.PIPE, text=True)
    try:
        url = server_url(server)
        health = httpx.get(f"{url}/healthz", timeout=30)
        page = httpx.get(f"{url}/", timeout=30)
    finally:
        server.terminate()
        server.wait(timeout=30)

    assert health.json()["status"] == "ok"
    assert page.status_code == 200 and "app.js" in page.text


def server_url(server: subprocess.Popen[str]) -> str:
    """The address uvicorn says it is running on (it names the real port when given 0)."""
    assert server.stderr is not None
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        line = server.stderr.readline()
        if not line and server.poll() is not None:
            break
        if match := re.search(r"running on (http://\S+)", line, re.I):
            return match.group(1)
    raise AssertionError("afspraken serve did not start")


def test_afspraken_serve_without_an_index_says_what_to_do(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "bot.cli", "serve", "--index", str(tmp_path / "none")]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=120)

    assert result.returncode == 1
    assert re.search(r"No index at .*afspraken ingest", " ".join(result.stderr.split()))
    assert "Traceback" not in result.stderr


# ---------------------------------------------------------------- small pure functions


def test_slugify_makes_ids_from_clause_labels() -> None:
    assert slugify("afspraak 12") == "afspraak-12"
    assert slugify("§3.1.2") == "3-1-2"
    assert slugify("1.1.2 afspraak 3") == "1-1-2-afspraak-3"
    assert slugify("Bijdrage één") == "bijdrage-een"
    assert slugify("§") == "clause"


def test_pages_label() -> None:
    assert pages_label([4]) == "p. 4"
    assert pages_label([5, 4, 6]) == "pp. 4–6"
    assert pages_label([]) == ""


def test_the_document_page_escapes_clause_text() -> None:
    info = SimpleNamespace(
        id="x",
        title="<b>Titel</b>",
        municipality="Gemeente",
        period="2020",
        page_count=3,
        parties=("A & B",),
    )
    view = ClauseView(
        id="c1",
        label="afspraak <1>",
        anchor="afspraak-1",
        kind="afspraak",
        section="§1 <i>",
        pages=(2,),
        text="Zie <script>alert(1)</script> hier.",
        parent="",
    )

    page = document_html(info, [view])

    assert "<script>" not in page and "<b>" not in page and "<i>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'id="afspraak-1"' in page and "A &amp; B" in page


def test_snapshot_cache_keeps_versions_apart_and_forgets_the_oldest() -> None:
    cache = SnapshotCache(max_items=2)
    made: list[str] = []

    def make(value: str) -> Callable[[], str]:
        return lambda: made.append(value) or value

    assert cache.get_or_make(("answer", "v1", "q"), make("old")) == "old"
    assert cache.get_or_make(("answer", "v1", "q"), make("never")) == "old"
    assert cache.get_or_make(("answer", "v2", "q"), make("new")) == "new"
    assert cache.get_or_make(("answer", "v3", "q"), make("newer")) == "newer"
    assert cache.get_or_make(("answer", "v1", "q"), make("again")) == "again"
    assert made == ["old", "new", "newer", "again"]


def test_rate_limiter_uses_a_sliding_minute() -> None:
    now = [0.0]
    limiter = RateLimiter(2, clock=lambda: now[0])

    assert limiter.retry_after("a") == 0 and limiter.retry_after("a") == 0
    assert limiter.retry_after("a") == pytest.approx(60.0)
    assert limiter.retry_after("b") == 0
    now[0] = 30.0
    assert limiter.retry_after("a") == pytest.approx(30.0)
    now[0] = 60.5
    assert limiter.retry_after("a") == 0
    assert RateLimiter(0).retry_after("a") == 0
