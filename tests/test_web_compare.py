"""GET /api/compare and GET /api/diff over real HTTP on 127.0.0.1, on the versioned fixtures
(tests/data/versions/: two years of two invented towns and a neighbour)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from bot.settings import Settings
from bot.web import create_app
from index.search import IndexHandle
from tests.servers import serve_in_thread


def settings_for(index: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {"index": index, "rate_limit_per_minute": 0, **overrides}
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture(scope="module")
def handle(versions_index: Path) -> IndexHandle:
    return IndexHandle(versions_index)


@pytest.fixture(scope="module")
def client(versions_index: Path, handle: IndexHandle) -> Iterator[httpx.Client]:
    app = create_app(settings_for(versions_index), handle)
    with serve_in_thread(app) as url, httpx.Client(base_url=url, timeout=60) as http:
        yield http


def test_compare_gives_each_documents_clause_with_a_link_or_not_covered(client: httpx.Client) -> None:
    response = client.get("/api/compare", params={"topic": "buurtbemiddeling"})

    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["topic"], body["documents"], body["covered"]) == ("buurtbemiddeling", 5, 4)
    found = [(row["doc"], row["label"] if row["status"] == "covered" else None) for row in body["rows"]]
    assert found == [
        ("brakeloo-2025", "afspraak 4"),
        ("brakeloo-2026", "afspraak 5"),
        ("heidehoven-2025-2026", "afspraak 1"),
        ("zilverwaard-2024", "2.1"),
        ("zilverwaard-2025", None),  # dropped in that version
    ]
    first = body["rows"][0]
    assert "buurtbemiddeling" in first["quote"]
    assert first["figures"][0].startswith("€ 40.000 per jaar")
    assert [p["party"] for p in first["amounts"][0]["payers"]] == ["Gemeente Brakeloo", "Brakewonen"]
    assert first["dates"][0]["start"] == "2025-03-01"
    assert body["rows"][-1]["url"] == "/documents/zilverwaard-2025"
    for row in body["rows"][:4]:  # each link opens the very clause quoted
        path, _, anchor = row["url"].partition("#")
        clauses = client.get("/api" + path).json()["clauses"]
        clause = next(c for c in clauses if c["anchor"] == anchor)
        assert clause["id"] == row["clause_id"] and clause["label"] == row["label"]


def test_compare_by_municipality_and_year(client: httpx.Client) -> None:
    body = client.get("/api/compare", params={"topic": "huurverhoging", "municipality": "Zilverwaard"}).json()
    assert [row["doc"] for row in body["rows"]] == ["zilverwaard-2024", "zilverwaard-2025"]
    assert body["municipality"] == ["Zilverwaard"]
    year = client.get("/api/compare", params={"topic": "huurverhoging", "year": 2026}).json()
    assert {row["doc"] for row in year["rows"]} == {"brakeloo-2026", "heidehoven-2025-2026"}


@pytest.mark.parametrize(
    ("params", "status", "code", "words"),
    [
        ({"topic": "   "}, 422, "empty_question", "empty"),
        ({"topic": "x" * 2001}, 413, "question_too_long", "2,001 characters"),
        ({}, 422, "invalid_request", "topic"),
        ({"topic": "huur", "municipality": "Nergenshuizen"}, 404, "nothing_to_compare", "Zilverwaard"),
        ({"topic": "huur", "year": 1950}, 404, "nothing_to_compare", "period"),
    ],
)
def test_compare_errors_are_one_sentence_in_json(
    client: httpx.Client, params: dict[str, str], status: int, code: str, words: str
) -> None:
    response = client.get("/api/compare", params=params)

    assert response.status_code == status, response.text
    body = response.json()
    assert body["error"] == code
    assert words in body["message"] and "Traceback" not in body["message"]
    assert not body["message"].startswith("--")


def test_diff_classifies_every_clause_with_links_to_both_versions(client: httpx.Client) -> None:
    response = client.get("/api/diff", params={"old": "zilverwaard-2024", "new": "zilverwaard-2025.txt"})

    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["old"]["id"], body["new"]["id"]) == ("zilverwaard-2024", "zilverwaard-2025")
    assert body["counts"] == {"unchanged": 3, "changed": 4, "new": 2, "dropped": 1, "renumbered": 1}
    statuses = [(p["status"], (p["old"] or {}).get("label"), (p["new"] or {}).get("label")) for p in body["pairs"]]
    assert statuses[1:] == [
        ("changed", "1.1", "1.1"),
        ("changed", "1.2", "1.2"),
        ("unchanged", "1.3", "1.3"),
        ("dropped", "2.1", None),
        ("unchanged", "2.2", "2.1"),
        ("new", None, "2.2"),
        ("changed", "3.1", "3.1"),
        ("unchanged", "3.2", "3.2"),
        ("new", None, "3.3"),
    ]
    rent = body["pairs"][2]
    assert rent["figures"] == [{"old": "2024", "new": "2025"}, {"old": "4 procent", "new": "3 procent"}]
    assert {"op": "replace", "old": "4", "new": "3"} in rent["words"]
    assert "[-4-]" in rent["diff"] and "{+3+}" in rent["diff"]
    assert rent["old"]["url"].startswith("/documents/zilverwaard-2024#1-2-")
    assert rent["new"]["url"].startswith("/documents/zilverwaard-2025#1-2-")
    renumbered = body["pairs"][5]
    assert renumbered["renumbered"] and renumbered["new"]["url"].startswith("/documents/zilverwaard-2025#2-1-")


def test_diff_of_an_unknown_document_is_404_listing_those_held(client: httpx.Client) -> None:
    response = client.get("/api/diff", params={"old": "nergens-2024", "new": "zilverwaard-2025"})

    assert response.status_code == 404
    body = response.json()
    assert body["error"] == "unknown_document"
    assert "'nergens-2024'" in body["message"] and "zilverwaard-2024" in body["message"]
    missing = client.get("/api/diff", params={"old": "zilverwaard-2024"})
    assert missing.status_code == 422 and missing.json()["error"] == "invalid_request"


def test_compare_and_diff_share_the_rate_limit_of_ask(versions_index: Path, handle: IndexHandle) -> None:
    app = create_app(settings_for(versions_index, rate_limit_per_minute=2), handle)
    with serve_in_thread(app) as url, httpx.Client(base_url=url, timeout=60) as http:
        first = http.get("/api/compare", params={"topic": "huurverhoging"})
        second = http.get("/api/diff", params={"old": "brakeloo-2025", "new": "brakeloo-2026"})
        refused = http.get("/api/compare", params={"topic": "huurverhoging"})
    assert [first.status_code, second.status_code, refused.status_code] == [200, 200, 429]
    assert refused.json()["error"] == "rate_limited" and int(refused.headers["Retry-After"]) >= 1


def test_compare_and_diff_are_documented_in_openapi(client: httpx.Client) -> None:
    spec = client.get("/openapi.json").json()

    compare = spec["paths"]["/api/compare"]["get"]
    assert [p["name"] for p in compare["parameters"]] == ["topic", "municipality", "year"]
    assert {"200", "404", "413", "422", "429"} <= set(compare["responses"])
    assert "not covered" in compare["description"]
    diff = spec["paths"]["/api/diff"]["get"]
    assert [p["name"] for p in diff["parameters"]] == ["old", "new"]
    assert {"200", "404", "429"} <= set(diff["responses"])
    schemas = spec["components"]["schemas"]
    assert {"ComparisonOut", "CompareRowOut", "DiffOut", "DiffPairOut"} <= set(schemas)
    assert client.get("/docs").status_code == 200
