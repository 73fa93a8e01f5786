"""Block Kit from an `Answer` (pure functions): the answer, its citations, its buttons, more sources."""

from __future__ import annotations

import re
from typing import Any

from bot.links import clause_url, compare_url
from bot.scopes import filters_to_json
from bot.text import shorten, shorten_lines
from index.compare import COVERED, Comparison, Row, figure_lines
from index.lookup import format_amount, format_deadline
from index.types import Answer, Filters, Hit
from ingest.types import content_id

TEXT_LIMIT = 3000  # Slack: characters per section text
BLOCK_LIMIT = 50  # Slack: blocks per message
QUOTE_CHARS = 240  # a citation's quote in its context line (the answer text has it whole)
PASSAGES_PER_PAGE = 3  # "More sources" shows this many passages per click

ACTION_MORE = "afspraken_more"
ACTION_UP = "afspraken_up"
ACTION_DOWN = "afspraken_down"
ACTION_SHARE = "afspraken_share"


def answer_id(answer: Answer) -> str:
    """Stable id of an answer: the question and filters determine it for a given index."""
    return content_id("slack-answer", answer.question, filters_to_json(answer.filters))


def escape(text: str) -> str:
    """Slack mrkdwn needs &, < and > escaped; everything else is shown as written."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def split_text(text: str, limit: int = TEXT_LIMIT) -> list[str]:
    """Cut text into pieces of at most `limit` characters, preferring paragraph, then line,
    then sentence ends, and never cutting inside a bracketed citation like "[… · afspraak 3]"."""
    pieces: list[str] = []
    rest = text.strip()
    while len(rest) > limit:
        cut = _best_cut(rest, limit)
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        pieces.append(rest)
    return pieces


_BREAKS = (
    re.compile(r"\n\s*\n"),
    re.compile(r"\n"),
    re.compile(r"(?<=[.!?;:])\s"),
    re.compile(r"\s"),
)


def _best_cut(text: str, limit: int) -> int:
    window = text[: limit + 1]
    depth = _bracket_depths(window)
    for pattern in _BREAKS:
        cuts = [m.end() for m in pattern.finditer(window) if m.start() > 0 and depth[m.start()] == 0]
        cuts = [c for c in cuts if c <= limit]
        if cuts:
            return max(cuts)
    return limit


def _bracket_depths(text: str) -> list[int]:
    depths, depth = [], 0
    for char in text:
        if char in "[(":
            depth += 1
        depths.append(depth)
        if char in "])":
            depth = max(0, depth - 1)
    return depths


def _mrkdwn(text: str) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": text}


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": _mrkdwn(text)}


def context_block(text: str) -> dict[str, Any]:
    return {"type": "context", "elements": [_mrkdwn(text)]}


def _button(label: str, action_id: str, value: str, style: str = "") -> dict[str, Any]:
    button: dict[str, Any] = {
        "type": "button",
        "text": {"type": "plain_text", "text": label, "emoji": True},
        "action_id": action_id,
        "value": value,
    }
    if style:
        button["style"] = style
    return button


def quote_line(short: str, quote: str) -> str:
    """One citation as a context line: the clause reference in bold, then the quoted words."""
    return f"*{escape(short)}*  “{escape(shorten(quote, QUOTE_CHARS))}”"


def passage_short(hit: Hit) -> str:
    chunk = hit.chunk
    pages = ", ".join(str(p) for p in chunk.pages[:3])
    where = f" · p. {pages}" if pages else ""
    return f"{chunk.title} · {chunk.label}{where}"


def structured_lines(answer: Answer) -> list[str]:
    """Deadline and budget facts found for the question, each on its own line."""
    lines = [f"🗓 {escape(format_deadline(d, answer.language))}" for d in answer.deadlines]
    lines += [f"💶 {escape(format_amount(a, answer.language))}" for a in answer.amounts]
    return lines


def extra_passages(answer: Answer) -> list[Hit]:
    """Retrieved passages that are not already cited, best first: what "More sources" shows."""
    cited = {(c.doc, c.clause) for c in answer.citations}
    return [h for h in answer.passages if (h.chunk.source, h.chunk.label) not in cited]


def answer_blocks(answer: Answer, *, more: bool, share: bool = False) -> list[dict[str, Any]]:
    """The Block Kit message for an answer: facts, text, citations, then the buttons.

    `more` shows the "More sources" button; `share` adds "Share in channel" (private answers).
    """
    head: list[dict[str, Any]] = []
    if not answer.filters.empty:
        head.append(context_block(f"🔎 {escape(filters_label(answer.filters))}"))
    head += [_section(piece) for piece in split_text("\n".join(structured_lines(answer)))]
    # answered: the quote (its dates and amounts are above); otherwise index.answer's own wording
    # for the kind — not found, no figure stated, or asked in another language
    body = answer.quote or answer.text if answer.kind == "answered" else answer.text
    head += [_section(piece) for piece in split_text(escape(body))] if body else []
    actions = _actions(answer, more=more, share=share)
    room = BLOCK_LIMIT - len(head) - 1
    return [*head[: BLOCK_LIMIT - 2], *_citation_blocks(answer, max(room, 1)), actions]


def _citation_blocks(answer: Answer, room: int) -> list[dict[str, Any]]:
    lines = [quote_line(c.short, c.text) for c in answer.citations]
    if len(lines) <= room:
        return [context_block(line) for line in lines]
    hidden = len(lines) - (room - 1)
    return [*(context_block(line) for line in lines[: room - 1]), context_block(f"… and {hidden} more")]


def _actions(answer: Answer, *, more: bool, share: bool) -> dict[str, Any]:
    aid = answer_id(answer)
    elements = []
    if share:
        elements.append(_button("Share in channel", ACTION_SHARE, aid, style="primary"))
    if more:
        elements.append(_button("More sources", ACTION_MORE, f"{aid}:0"))
    elements += [_button("👍", ACTION_UP, aid), _button("👎", ACTION_DOWN, aid)]
    return {"type": "actions", "block_id": f"answer:{aid}", "elements": elements}


def passage_blocks(answer: Answer, offset: int) -> list[dict[str, Any]]:
    """One page of further passages, with a button for the next page when there is one."""
    passages = extra_passages(answer)
    page = passages[offset : offset + PASSAGES_PER_PAGE]
    if not page:
        return [context_block("No further passages.")]
    blocks = [context_block(quote_line(passage_short(hit), hit.chunk.text)) for hit in page]
    next_offset = offset + PASSAGES_PER_PAGE
    if next_offset < len(passages):
        value = f"{answer_id(answer)}:{next_offset}"
        blocks.append({"type": "actions", "elements": [_button("More sources", ACTION_MORE, value)]})
    return blocks


def fallback_text(answer: Answer) -> str:
    """The plain `text` of a message: notifications and screen readers show it."""
    return shorten(answer.text, TEXT_LIMIT)


def filters_label(filters: Filters) -> str:
    parts = [*filters.municipality, *filters.doc, *filters.party]
    if filters.year:
        parts.append(str(filters.year))
    return "Searching only: " + ", ".join(parts)


# ---------------------------------------------------------------- compare <topic>

COMPARE_ROWS = 20  # documents shown in Slack; the web page shows them all
COMPARE_QUOTE_CHARS = 200
FIELD_LIMIT = 2000  # Slack: characters per section field

_COMPARE_WORDS = {
    "nl": {"of": "van", "documents": "documenten", "not covered": "niet behandeld",
           "no figure": "geen getal genoemd", "more": "en nog {n} documenten",
           "full": "Volledige tabel op de website", "notice": "kennisgeving"},
    "en": {"of": "of", "documents": "documents", "not covered": "not covered",
           "no figure": "no figure stated", "more": "and {n} more documents",
           "full": "Full table on the web page", "notice": "notice"},
}  # fmt: skip


def compare_headline(result: Comparison) -> str:
    """ "buurtbemiddeling: 3 van 4 documenten" — also the message's plain text."""
    words = _COMPARE_WORDS.get(result.language, _COMPARE_WORDS["nl"])
    return f"{result.topic}: {result.covered} {words['of']} {len(result.rows)} {words['documents']}"


def compare_blocks(result: Comparison, public_url: str = "") -> list[dict[str, Any]]:
    """`compare <topic>` as a compact table: one section per document, its two fields the
    document and what its best clause says (label linked to the clause, the sentences, the
    figures) or "not covered"; a link to the full table when the web page has a public URL."""
    words = _COMPARE_WORDS.get(result.language, _COMPARE_WORDS["nl"])
    blocks: list[dict[str, Any]] = [_section(f"*{escape(compare_headline(result))}*")]
    for row in result.rows[:COMPARE_ROWS]:
        document = f"*{escape(row.title)}*"
        if row.kind != "agreement":
            document += f"\n_{words.get(row.kind, row.kind)}_"
        fields = [_mrkdwn(document), _mrkdwn(_compare_cell(row, result.language, public_url, words))]
        blocks.append({"type": "section", "fields": fields})
    hidden = len(result.rows) - COMPARE_ROWS
    if hidden > 0:
        blocks.append(context_block(f"… {words['more'].format(n=hidden)}"))
    if public_url:
        url = public_url.rstrip("/") + compare_url(result.topic)
        blocks.append(context_block(f"<{url}|{words['full']}>"))
    return blocks


def _compare_cell(row: Row, lang: str, public_url: str, words: dict[str, str]) -> str:
    if not row.covered:
        return f"_{words['not covered']}_"
    pages = ", ".join(str(p) for p in row.pages[:3])
    label = escape(row.label or "—")
    url = clause_url(public_url, row.doc_id, row.label, row.clause_id)
    head = f"<{url}|{label}>" if url else f"*{label}*"
    head += f" · p. {pages}" if pages else ""
    if row.status != COVERED:
        head += f" _({words.get(row.status, row.status)})_"
    lines = [head, escape(shorten(row.quote, COMPARE_QUOTE_CHARS))]
    lines += [f"• {escape(line)}" for line in figure_lines(row.figures, lang)[:3]]
    return shorten_lines("\n".join(lines), FIELD_LIMIT)
