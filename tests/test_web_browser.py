"""The chat page in Debian's Chromium, driven by Playwright (which never downloads a browser).

Without /usr/bin/chromium these tests skip (install it with `apt-get install chromium`);
with CI=true a missing browser fails them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.settings import Settings
from bot.web import create_app
from index.search import IndexHandle
from tests.servers import serve_in_thread

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
RENT_QUESTION = "Wat is er afgesproken over de huurverhoging?"
REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO / "tests" / "artifacts"
HIGHLIGHT = "rgb(255, 243, 176)"  # --mark in style.css


def missing(reason: str) -> None:
    message = f"{reason}: install it with `apt-get install chromium` to run the browser tests"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def base_url(corpus_index: Path) -> Iterator[str]:
    settings = Settings(_env_file=None, index=corpus_index, rate_limit_per_minute=0)  # type: ignore[call-arg]
    with serve_in_thread(create_app(settings, IndexHandle(corpus_index))) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        missing(f"{CHROMIUM} is missing")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("the Python package playwright is missing (pip install -e '.[dev]')")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page_errors() -> list[str]:
    return []


def open_page(
    browser: Any, base_url: str, errors: list[str], *, locale: str = "nl-NL", width: int = 1000
) -> Any:
    context = browser.new_context(locale=locale, viewport={"width": width, "height": 900})
    context.route(
        lambda url: not url.startswith(base_url), lambda route: route.abort()
    )  # nothing leaves the app
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(f"page error: {exc}"))
    page.on("dialog", lambda dialog: (errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.on(
        "console",
        lambda msg: errors.append(f"console {msg.type}: {msg.text}") if msg.type == "error" else None,
    )
    page.goto(base_url + "/")
    page.wait_for_selector("#suggestion-list button")
    return page


def ask(page: Any, question: str) -> Any:
    before = page.locator(".msg-bot").count()
    page.fill("#question", question)
    page.press("#question", "Enter")
    reply = page.locator(".msg-bot").nth(before)
    reply.and_(page.locator(".msg-bot:not(.pending)")).wait_for(timeout=60_000)
    return reply


def press_tab_until(page: Any, selector: str, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_ask_by_keyboard_and_follow_the_citation_to_the_highlighted_clause(
    browser: Any, base_url: str, page_errors: list[str]
) -> None:
    page = open_page(browser, base_url, page_errors)
    press_tab_until(page, "#question")
    page.keyboard.type(RENT_QUESTION)
    page.keyboard.press("Enter")
    page.wait_for_selector(".msg-bot:not(.pending) a.citation", timeout=60_000)
    citation = page.locator("a.citation").first
    href = citation.get_attribute("href")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "web-answer.png"), full_page=True)
    if os.environ.get("UPDATE_SCREENSHOTS") == "1":
        page.screenshot(path=str(REPO / "docs" / "screenshot-web.png"))

    press_tab_until(page, "a.citation")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{href}")

    anchor = href.split("#", 1)[1]
    target = page.locator(":target")
    assert target.get_attribute("id") == anchor
    assert target.evaluate("(e) => getComputedStyle(e).backgroundColor") == HIGHLIGHT
    assert target.locator(".pages").inner_text().startswith("p")
    assert page.locator("article.clause").count() > 1, "the clauses around it are shown too"
    assert page_errors == []


def test_switch_to_english_and_back(browser: Any, base_url: str, page_errors: list[str]) -> None:
    page = open_page(browser, base_url, page_errors, locale="nl-NL")
    assert page.evaluate("document.documentElement.lang") == "nl"
    assert page.inner_text("#suggestions h2") == "Probeer bijvoorbeeld"

    page.click("#lang-toggle")

    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.inner_text("#suggestions h2") == "Try for example"
    assert page.inner_text("#tab-deadlines") == "Deadlines"
    assert page.get_attribute("#question", "placeholder") == "Ask a question about the agreements…"
    page.reload()
    assert page.evaluate("document.documentElement.lang") == "en", "the choice is remembered"
    page.click("#lang-toggle")
    assert page.inner_text("#suggestions h2") == "Probeer bijvoorbeeld"
    assert page_errors == []


def test_an_english_browser_gets_english(browser: Any, base_url: str, page_errors: list[str]) -> None:
    page = open_page(browser, base_url, page_errors, locale="en-GB")

    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.inner_text("#suggestions h2") == "Try for example"


@pytest.mark.parametrize("width", [360, 375])
def test_a_phone_wide_page_has_no_horizontal_scroll(
    browser: Any, base_url: str, page_errors: list[str], width: int
) -> None:
    page = open_page(browser, base_url, page_errors, width=width)
    ask(page, RENT_QUESTION)
    page.screenshot(path=str(ARTIFACTS / f"web-{width}px.png"), full_page=True)

    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.click("#tab-budgets")
    page.wait_for_selector("#budgets-table tbody tr")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page_errors == []


def test_html_in_a_question_shows_as_text(browser: Any, base_url: str, page_errors: list[str]) -> None:
    question = "<img src=x onerror=alert(1)> huurverhoging"
    page = open_page(browser, base_url, page_errors)

    ask(page, question)

    assert page.locator(".msg-user .msg-text").last.inner_text() == question
    assert page.locator("#messages img").count() == 0
    assert page_errors == []


def test_tables_sort_and_offer_downloads(browser: Any, base_url: str, page_errors: list[str]) -> None:
    page = open_page(browser, base_url, page_errors)
    page.click("#tab-deadlines")
    page.wait_for_selector("#deadlines-table tbody tr td a")
    header = page.locator('#deadlines-table th[data-key="start"]')
    assert header.get_attribute("aria-sort") is None  # the server's order: upcoming first
    served = page.evaluate("fetch('/api/deadlines').then(r => r.json())")
    first_row = page.locator("#deadlines-table tbody tr").first.inner_text()
    assert served[0]["what"][:30] in " ".join(first_row.split())

    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "ascending"
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "descending"
    assert page.get_attribute("#deadlines-csv", "href") == "/api/deadlines?format=csv"
    assert page.get_attribute("#deadlines-ics", "href") == "/api/deadlines?format=ics"
    page.keyboard.press("Escape")
    page.focus("#tab-deadlines")
    page.keyboard.press("ArrowRight")
    page.wait_for_selector("#budgets-table tbody tr td a")
    assert page.get_attribute("#tab-budgets", "aria-selected") == "true"
    assert page_errors == []


def test_undated_deadlines_come_after_the_dated_ones_either_way(
    browser: Any, base_url: str, page_errors: list[str]
) -> None:
    page = open_page(browser, base_url, page_errors)
    # every row, reports too: among them a term counted from an event ("binnen zes weken na …"),
    # which has no date
    page.context.route(
        "**/api/deadlines",
        lambda route: route.fulfill(response=route.fetch(url=base_url + "/api/deadlines?all=true")),
    )
    page.click("#tab-deadlines")
    page.wait_for_selector("#deadlines-table tbody tr td a")
    served = page.evaluate("fetch('/api/deadlines?all=true').then(r => r.json())")
    relative = [r for r in served if r["within"]]
    assert relative and not (relative[0]["start"] or relative[0]["end"])
    row = page.locator("#deadlines-table tbody tr", has_text=relative[0]["when"]).first
    assert relative[0]["when"] in row.inner_text()  # shown as written

    header = page.locator('#deadlines-table th[data-key="start"]')
    for direction in ("ascending", "descending"):
        header.locator("button").click()
        assert header.get_attribute("aria-sort") == direction
        shown = page.evaluate("sortedRows('deadlines').map((r) => [r.when, Boolean(r.start || r.end)])")
        dated = [has_date for _, has_date in shown]
        assert dated == sorted(dated, reverse=True), f"{direction}: an undated row among the dated"
        cells = page.locator("#deadlines-table tbody tr td:first-child").all_inner_texts()
        assert [c.split("\n")[0] for c in cells] == [when for when, _ in shown]  # the page shows that order
    assert page_errors == []


def test_suggestions_ask_about_the_indexed_towns_else_the_fixed_ones(
    browser: Any, base_url: str, page_errors: list[str]
) -> None:
    page = open_page(browser, base_url, page_errors)
    served = page.evaluate("fetch('/api/examples?lang=nl').then(r => r.json())")["questions"]
    buttons = page.locator("#suggestion-list button")
    page.wait_for_function(
        "(q) => document.querySelector('#suggestion-list button').textContent === q", arg=served[0]
    )
    assert buttons.all_inner_texts() == served
    page.click("#lang-toggle")
    english = page.evaluate("fetch('/api/examples?lang=en').then(r => r.json())")["questions"]
    page.wait_for_function(
        "(q) => document.querySelector('#suggestion-list button').textContent === q", arg=english[0]
    )
    assert buttons.all_inner_texts() == english
    buttons.first.click()  # a suggestion asks its question
    assert page.locator(".msg-user .msg-text").last.inner_text() == english[0]
    assert page_errors == []

    offline = open_page(browser, base_url, [], locale="nl-NL")
    offline.context.route("**/api/examples*", lambda route: route.abort())
    offline.evaluate("sessionStorage.clear()")
    offline.reload()
    offline.wait_for_selector("#suggestion-list button")
    offline.wait_for_load_state("networkidle")
    fixed = offline.locator("#suggestion-list button").all_inner_texts()
    assert fixed and "Hoeveel mag de huur dit jaar omhoog?" in fixed


def test_a_passage_marks_its_best_matching_clause(
    browser: Any, base_url: str, page_errors: list[str]
) -> None:
    page = open_page(browser, base_url, page_errors)
    reply = ask(page, RENT_QUESTION)
    reply.locator("details.passages summary").click()

    passage = reply.locator(".passage-text", has=page.locator("mark")).first
    mark = passage.locator("mark")
    assert mark.count() == 1 and mark.is_visible()
    marked, whole = mark.inner_text(), passage.inner_text()
    assert marked.strip() and marked in whole
    assert passage.evaluate(
        "(p) => [...p.children].every((c) => c.tagName === 'MARK')"
    )  # text nodes and the mark
    assert mark.evaluate("(m) => getComputedStyle(m).backgroundColor") == HIGHLIGHT
    assert page_errors == []


# ---------------------------------------------------------------- the Vergelijken / Compare tab


@pytest.fixture(scope="module")
def versions_url(versions_index: Path) -> Iterator[str]:
    """The app on the versioned fixtures: two years of two invented towns and a neighbour."""
    settings = Settings(_env_file=None, index=versions_index, rate_limit_per_minute=0)  # type: ignore[call-arg]
    with serve_in_thread(create_app(settings, IndexHandle(versions_index))) as url:
        yield url


def compare_rows(page: Any) -> list[tuple[str, str]]:
    """(document id, clause label or "") per row of the compare table."""
    rows = page.evaluate(
        """() => [...document.querySelectorAll('#compare-table tbody tr')].map(
            (tr) => [tr.dataset.doc, tr.classList.contains('covered') ? tr.querySelector('a').textContent : ''])"""
    )
    return [(doc, label) for doc, label in rows]


@pytest.mark.parametrize("width", [1280, 375])
def test_compare_tab_shows_each_documents_clause_and_what_changed(
    browser: Any, versions_url: str, page_errors: list[str], width: int
) -> None:
    page = open_page(browser, versions_url, page_errors, width=width)
    page.click("#tab-compare")
    page.fill("#compare-topic", "buurtbemiddeling")
    page.press("#compare-topic", "Enter")
    page.wait_for_selector("#compare-table tbody tr")

    assert compare_rows(page) == [
        ("brakeloo-2025", "afspraak 4"),
        ("brakeloo-2026", "afspraak 5"),
        ("heidehoven-2025-2026", "afspraak 1"),
        ("zilverwaard-2024", "2.1"),
        ("zilverwaard-2025", ""),  # dropped in that version
    ]
    assert page.inner_text("#compare-summary") == "buurtbemiddeling: 4 van 5 documenten"
    first = page.locator("#compare-table tbody tr").first
    assert "€ 40.000 per jaar" in first.inner_text()  # its figures
    assert "Niet behandeld" in page.locator("#compare-table tr.not-covered").inner_text()
    assert "compare=buurtbemiddeling" in page.url  # the table can be shared

    page.select_option("#diff-old", "zilverwaard-2024")
    page.select_option("#diff-new", "zilverwaard-2025")
    page.click("#diff-send")
    page.wait_for_selector("#diff-table tbody tr")
    summary = page.inner_text("#diff-summary")
    assert "3 ongewijzigd · 4 gewijzigd · 2 nieuw · 1 vervallen · 1 hernummerd" in summary
    statuses = page.locator("#diff-table tbody tr .badge").all_inner_texts()
    assert statuses.count("gewijzigd") == 4 and statuses.count("vervallen") == 1
    rent = page.locator("#diff-table tr.diff-changed", has_text="huurverhoging")
    assert rent.locator("del").all_inner_texts() == ["2024", "4"]
    assert rent.locator("ins").all_inner_texts() == ["2025", "3"]
    assert "4 procent → 3 procent" in rent.inner_text()

    page.screenshot(path=str(ARTIFACTS / f"web-compare-{width}px.png"), full_page=True)
    row_display = first.evaluate("(tr) => getComputedStyle(tr).display")
    if width == 375:
        assert row_display == "block", "on a phone each row is a card"
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    else:
        assert row_display == "table-row"

    href = first.locator("a").get_attribute("href")
    assert href.startswith("/documents/brakeloo-2025#")
    first.locator("a").click()
    page.wait_for_url(f"**{href}")
    assert page.locator(":target").evaluate("(e) => getComputedStyle(e).backgroundColor") == HIGHLIGHT
    assert page_errors == []


def test_a_compare_link_opens_the_table_and_html_in_a_topic_stays_text(
    browser: Any, versions_url: str, page_errors: list[str]
) -> None:
    page = open_page(browser, versions_url, page_errors, locale="en-GB")
    page.goto(versions_url + "/?compare=huurverhoging")  # the link Slack and Teams send
    page.wait_for_selector("#compare-table tbody tr")
    assert page.get_attribute("#tab-compare", "aria-selected") == "true"
    assert page.inner_text("#compare-summary") == "huurverhoging: 4 of 5 documents"
    assert ("heidehoven-2025-2026", "") in compare_rows(page)

    page.fill("#compare-topic", "<img src=x onerror=alert(1)> huurverhoging")
    page.click("#compare-send")
    page.locator("#compare-summary", has_text="<img src=x").wait_for()
    assert page.locator("#panel-compare img").count() == 0

    page.fill("#compare-topic", "   ")
    page.click("#compare-send")
    assert page.inner_text("#compare-status") == "Type a topic first."
    page.evaluate("document.querySelector('#compare-topic').removeAttribute('maxlength')")
    page.fill("#compare-topic", "x" * 2001)
    page.click("#compare-send")
    page.locator("#compare-status", has_text="too long").wait_for()
    assert [e for e in page_errors if "status of 413" not in e] == []  # Chromium logs the 413 itself
