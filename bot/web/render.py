"""The document page as HTML, from the Jinja2 templates in templates/ (every value autoescaped)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from bot.web.clauses import ClauseView
from index.store import DocInfo

TEMPLATES_DIR = Path(__file__).parent / "templates"


def pages_label(pages: Iterable[int]) -> str:
    numbers = sorted(set(pages))
    if not numbers:
        return ""
    if len(numbers) == 1:
        return f"p. {numbers[0]}"
    return f"pp. {numbers[0]}–{numbers[-1]}"


_templates = Environment(
    loader=FileSystemLoader(TEMPLATES_DIR),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)
_templates.filters["pages_label"] = pages_label


def document_html(info: DocInfo, views: list[ClauseView]) -> str:
    """The document as HTML, one <article id=anchor> per clause."""
    return _templates.get_template("document.html").render(info=info, views=views)


def not_found_html(key: str) -> str:
    return _templates.get_template("not_found.html").render(key=repr(key))
