"""Adaptive Cards from an `Answer` and for the welcome (pure functions)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from microsoft_agents.activity import Activity, ActivityTypes, Attachment

from bot.examples import example_questions
from bot.links import clause_anchor, clause_url, compare_url, document_url
from bot.teams.activities import FEEDBACK_ACTION
from bot.text import shorten
from index.compare import COVERED, Comparison, Row, figure_lines
from index.lookup import format_amount, format_deadline
from index.types import Answer, Citation
from ingest.types import content_id

CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"
CARD_VERSION = "1.5"  # the newest version Teams renders on every client
MAX_CITATIONS = 5
QUOTE_CHARS = 500
MAX_FACT_LINES = 6
# The welcome card's examples: two questions in Dutch, one in English (bot.examples).
WELCOME_LANGUAGES = ("nl", "nl", "en")


_LABELS = {
    "nl": {
        "open": "Bron openen",
        "up": "👍 Nuttig",
        "down": "👎 Niet nuttig",
        "sources": "Bronnen",
    },
    "en": {
        "open": "Open source",
        "up": "👍 Helpful",
        "down": "👎 Not helpful",
        "sources": "Sources",
    },
}


def answer_id(answer: Answer) -> str:
    """Stable id of an answer, so a second click by the same person replaces the first."""
    return content_id("teams-answer", answer.question, answer.text, repr(answer.filters))


def citation_url(citation: Citation, public_url: str) -> str:
    """The clause in the web app: /documents/{doc}#{anchor}, as the web chat links it."""
    doc = citation.doc_id or Path(citation.doc).stem
    return public_url.rstrip("/") + document_url(doc, clause_anchor(citation.clause, citation.clause_id))


def _text_block(text: str, **style: Any) -> dict[str, Any]:
    return {"type": "TextBlock", "text": text, "wrap": True, **style}


def fact_lines(answer: Answer) -> list[str]:
    """The deadlines and amounts found for the question, one line each."""
    lang = answer.language
    lines = [f"🗓 {format_deadline(d, lang)}" for d in answer.deadlines[:MAX_FACT_LINES]]
    lines += [f"💶 {format_amount(a, lang)}" for a in answer.amounts[:MAX_FACT_LINES]]
    return lines


def citation_block(citation: Citation, labels: dict[str, str], public_url: str) -> dict[str, Any]:
    items: list[dict[str, Any]] = [
        _text_block(citation.short, weight="Bolder", size="Small"),
        _text_block(f"“{shorten(citation.text, QUOTE_CHARS, at_word=False)}”", isSubtle=True, spacing="None"),
    ]
    if public_url:
        open_source = {
            "type": "Action.OpenUrl",
            "title": labels["open"],
            "url": citation_url(citation, public_url),
        }
        items.append({"type": "ActionSet", "actions": [open_source]})
    return {"type": "Container", "separator": True, "items": items}


def feedback_actions(answer: Answer, labels: dict[str, str]) -> list[dict[str, Any]]:
    def vote(value: str) -> dict[str, Any]:
        data = {
            "action": FEEDBACK_ACTION,
            "vote": value,
            "answerId": answer_id(answer),
            "question": answer.question,
        }
        return {"type": "Action.Submit", "title": labels[value], "data": data}

    return [vote("up"), vote("down")]


def answer_card(answer: Answer, public_url: str) -> dict[str, Any]:
    """The answer as an Adaptive Card: facts first, the text, each citation with its quote."""
    labels = _LABELS.get(answer.language, _LABELS["nl"])
    body = [_text_block(line, weight="Bolder") for line in fact_lines(answer)]
    if answer.kind != "answered":  # index.answer's own wording for the kind, searched line included
        body.append(_text_block(answer.text))
        if answer.kind == "no_figure":
            body += [citation_block(c, labels, public_url) for c in answer.citations[:MAX_CITATIONS]]
    else:  # the date and amount lines are above, in bold; the text below is the quote itself
        body.append(_text_block(answer.quote or answer.text))
        body += [citation_block(c, labels, public_url) for c in answer.citations[:MAX_CITATIONS]]
    return {
        "type": "AdaptiveCard",
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "version": CARD_VERSION,
        "body": body,
        "actions": feedback_actions(answer, labels),
        "msteams": {"width": "Full"},
    }


def welcome_card(municipalities: Sequence[str]) -> dict[str, Any]:
    """Shown on install and on "help": what the bot does, example questions, how to scope."""
    known = ", ".join(municipalities) or "—"
    examples = "\n".join(f"- {q}" for q in example_questions(municipalities, WELCOME_LANGUAGES))
    scope = (
        f"`scope {municipalities[0]}` laat dit team alleen in de afspraken van {municipalities[0]} zoeken"
        if municipalities
        else "`scope <gemeente>` laat dit team alleen in de afspraken van die gemeente zoeken"
    )
    body = [
        _text_block("Hallo! Ik ben afspraken.", weight="Bolder", size="Medium"),
        _text_block(
            "Stel een vraag over de prestatieafspraken; ik antwoord met het artikel en de "
            "pagina waar het staat. Ask in English and I answer in English."
        ),
        _text_block(f"Bijvoorbeeld:\n{examples}"),
        _text_block(
            "In een kanaal of groepschat: noem mij (@afspraken) in je vraag. "
            f"{scope}; `scope uit` zet dat terug."
        ),
        _text_block(
            "`vergelijk buurtbemiddeling` (of `compare …`) zet naast elkaar wat elke afspraak "
            "over een onderwerp zegt."
        ),
        _text_block(f"Ik ken de afspraken van: {known}.", isSubtle=True),
    ]
    return {
        "type": "AdaptiveCard",
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "version": CARD_VERSION,
        "body": body,
    }


def card_activity(card: dict[str, Any], summary: str = "") -> Activity:
    return Activity(
        type=ActivityTypes.message,
        attachments=[Attachment(content_type=CARD_CONTENT_TYPE, content=card)],
        summary=summary or None,  # type: ignore[arg-type]  # the SDK's model accepts None
    )


# ---------------------------------------------------------------- compare <topic>

COMPARE_ROWS = 20  # documents on the card; the web page shows them all
COMPARE_QUOTE_CHARS = 240
_COMPARE_LABELS = {
    "nl": {"title": "Vergelijking", "of": "van", "documents": "documenten", "document": "Document",
           "clause": "Artikel", "says": "Wat er staat", "not covered": "niet behandeld",
           "no figure": "geen getal genoemd", "more": "En nog {n} documenten.",
           "full": "Volledige tabel", "notice": "kennisgeving"},
    "en": {"title": "Comparison", "of": "of", "documents": "documents", "document": "Document",
           "clause": "Clause", "says": "What it says", "not covered": "not covered",
           "no figure": "no figure stated", "more": "And {n} more documents.",
           "full": "Full table", "notice": "notice"},
}  # fmt: skip


def compare_summary(result: Comparison) -> str:
    """ "buurtbemiddeling: 3 van 4 documenten" — the card's subtitle and the activity's summary."""
    labels = _COMPARE_LABELS.get(result.language, _COMPARE_LABELS["nl"])
    return f"{result.topic}: {result.covered} {labels['of']} {len(result.rows)} {labels['documents']}"


def compare_card(result: Comparison, public_url: str) -> dict[str, Any]:
    """`compare <topic>` as an Adaptive Card table: per document its best clause (linked when the
    web page has a public URL), the sentences and figures, or "not covered"; and a button to the
    full table on the web page."""
    labels = _COMPARE_LABELS.get(result.language, _COMPARE_LABELS["nl"])
    header = [labels["document"], labels["clause"], labels["says"]]
    rows = [_table_row([_text_block(h, weight="Bolder") for h in header])]
    for row in result.rows[:COMPARE_ROWS]:
        rows.append(_table_row(_compare_cells(row, result.language, public_url, labels)))
    body: list[dict[str, Any]] = [
        _text_block(f"{labels['title']}: {result.topic}", weight="Bolder", size="Medium"),
        _text_block(compare_summary(result), isSubtle=True, spacing="None"),
        {
            "type": "Table",
            "columns": [{"width": 2}, {"width": 2}, {"width": 5}],
            "firstRowAsHeader": True,
            "showGridLines": False,
            "rows": rows,
        },
    ]
    hidden = len(result.rows) - COMPARE_ROWS
    if hidden > 0:
        body.append(_text_block(labels["more"].format(n=hidden), isSubtle=True))
    card: dict[str, Any] = {
        "type": "AdaptiveCard",
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "version": CARD_VERSION,
        "body": body,
        "msteams": {"width": "Full"},
    }
    if public_url:
        url = public_url.rstrip("/") + compare_url(result.topic)
        card["actions"] = [{"type": "Action.OpenUrl", "title": labels["full"], "url": url}]
    return card


def _table_row(cells: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "TableRow", "cells": [{"type": "TableCell", "items": [cell]} for cell in cells]}


def _compare_cells(row: Row, lang: str, public_url: str, labels: dict[str, str]) -> list[dict[str, Any]]:
    document = row.title if row.kind == "agreement" else f"{row.title} ({labels.get(row.kind, row.kind)})"
    if not row.covered:
        return [
            _text_block(document),
            _text_block(labels["not covered"], isSubtle=True),
            _text_block(""),
        ]
    pages = ", ".join(str(p) for p in row.pages[:3])
    url = clause_url(public_url, row.doc_id, row.label, row.clause_id)
    clause = f"[{row.label}]({url})" if url else row.label
    clause += f" · p. {pages}" if pages else ""
    if row.status != COVERED:
        clause += f" ({labels.get(row.status, row.status)})"
    said = [
        shorten(row.quote, COMPARE_QUOTE_CHARS, at_word=False),
        *(f"• {line}" for line in figure_lines(row.figures, lang)[:3]),
    ]
    return [_text_block(document), _text_block(clause), _text_block("\n".join(said))]
