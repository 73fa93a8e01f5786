"""HTML read as the text a browser shows: a web page of an agreement or a law ("regeling.html"),
or markup saved as .txt. It becomes Markdown (markdownify), then plain text as any Markdown does,
so an ordered list's items are numbered as the browser shows them and headings stand apart."""

from __future__ import annotations

import re
import warnings
from pathlib import PurePath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bs4 import Tag

SUFFIXES = {".html", ".htm", ".xhtml"}
# Block elements: the marks of a page whose text is laid out by its tags
BLOCK_TAG = re.compile(r"<(?:p|li|ol|ul|h[1-6]|div|table|tr|td|br|section|article)\b[^>]*>", re.I)
BLOCK_TAGS = 10  # a text with fewer is text that mentions a tag or two, not a page
PAGE_START = re.compile(r"<!doctype html|<html\b|<body\b", re.I)  # a whole page, however short
# Code and chrome, not text: a page's scripts, styles, navigation and form fields
DROPPED = [
    *("script", "style", "noscript", "template", "nav", "svg", "head"),
    *("button", "input", "select", "textarea"),
]
# A form is chrome (a search box, a login) unless it holds the text: an agreement set in the form
# that signs it up
FORM_TEXT = 500


def is_html(name: str, text: str) -> bool:
    """An HTML file by its name, or a text file whose lines are laid out by block tags."""
    suffix = PurePath(name).suffix.lower()
    if suffix in SUFFIXES:
        return True
    if suffix not in ("", ".txt", ".text"):
        return False
    return bool(PAGE_START.search(text[:2000])) or len(BLOCK_TAG.findall(text[:200_000])) >= BLOCK_TAGS


ROMAN_DIGITS: tuple[tuple[int, str], ...] = (
    *((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l")),
    *((40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")),
)


def lettered_as_shown(ordered: Tag) -> None:
    """An `<ol type="a">` (or "A", "i", "I") shows its items as "a.", "b." …, "i.", "ii." …: they
    are written so, as a bulleted list's own markers, for the items to be cited as the page shows
    them ("9(b)"), not numbered 1, 2, 3 as Markdown would."""
    kind = str(ordered.get("type") or "")
    if kind not in ("a", "A", "i", "I"):
        return
    start = str(ordered.get("start") or "1")
    first = int(start) if start.isdigit() else 1
    for number, item in enumerate(ordered.find_all("li", recursive=False), start=first):
        shown = roman(number) if kind in "iI" else letters(number)
        mark = f"{shown.upper() if kind.isupper() else shown}. "
        # before the item's first words, inside the paragraph that may hold them: a mark before a
        # <p> would stand on a line of its own
        words = item.find(string=lambda text: bool(text.strip()))
        if words is not None and words.parent is not item:
            words.insert_before(mark)
        else:
            item.insert(0, mark)
    ordered.name = "ul"


def letters(number: int) -> str:
    """1 → a, 26 → z, 27 → aa, as a browser letters a list."""
    shown = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        shown = chr(ord("a") + rest) + shown
    return shown


def roman(number: int) -> str:
    """1 → i, 4 → iv, 14 → xiv."""
    shown = ""
    for value, digits in ROMAN_DIGITS:
        count, number = divmod(number, value)
        shown += digits * count
    return shown


def html_markdown(text: str) -> str:
    """The page as Markdown: headings, numbered and bulleted lists, tables; links as their text."""
    from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning  # imported here: only HTML needs them
    from markdownify import MarkdownConverter

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(text, "html.parser")
    for element in soup(DROPPED):
        element.decompose()
    for form in soup("form"):
        if len(form.get_text(" ", strip=True)) < FORM_TEXT:
            form.decompose()
    for ordered in soup.find_all("ol"):
        lettered_as_shown(ordered)
    for string in soup.find_all(string=True):  # a page's line breaks are not the text's: as a browser,
        if string.find_parent("pre") is None:  # read each run of white space as one space
            string.replace_with(re.sub(r"\s+", " ", str(string)))
    converter = MarkdownConverter(
        heading_style="ATX",
        bullets="-",
        strip=["a", "img"],
        escape_asterisks=False,
        escape_underscores=False,
        escape_misc=False,
    )
    return str(converter.convert_soup(soup))
