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
# list styles by the names a page's style or classes give them ("lower-alpha", class "alpha")
LIST_STYLES = (
    (r"upper-(?:alpha|latin)", "A"),
    (r"upper-roman", "I"),
    (r"\b(?:lower-)?roman\b", "i"),
    (r"\b(?:lower-)?(?:alpha|latin)\b", "a"),
)
# a source line starting with a decimal clause number and its first word: "5.1.1. Het …"
NUMBERED_SOURCE_LINE = re.compile(r"\n[ \t]*(?=\d{1,3}(?:\.\d{1,3})+\.?[ \t]+[A-ZÀ-Ý])")
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


def numbered_as_shown(ordered: Tag) -> None:
    """An `<ol type="a">` (or "A", "i", "I"; or styled so: `class="alpha"`, `list-style-type:
    lower-roman`) shows its items as "a.", "b." …, "i.", "ii." …; an item's `value` ("<li
    value="39">") shows its own number and counts on from it. Such items are written as the page
    shows them, as a bulleted list's own markers, to be cited so ("9(b)", "Rule 39"), not
    numbered 1, 2, 3 as Markdown would."""
    kind = list_style(ordered)
    items = ordered.find_all("li", recursive=False)
    if kind == "1" and not any(str(item.get("value") or "").isdigit() for item in items):
        return  # Markdown numbers it as shown, from its start
    start = str(ordered.get("start") or "1")
    number = int(start) if start.isdigit() else 1
    for item in items:
        value = str(item.get("value") or "")
        number = int(value) if value.isdigit() else number
        shown = str(number) if kind == "1" else roman(number) if kind in "iI" else letters(number)
        mark = f"{shown.upper() if kind.isupper() else shown}. "
        # before the item's first words, inside the paragraph that may hold them: a mark before a
        # <p> would stand on a line of its own
        words = item.find(string=lambda text: bool(text.strip()))
        if words is not None and words.parent is not item:
            words.insert_before(mark)
        else:
            item.insert(0, mark)
        number += 1
    ordered.name = "ul"


def list_style(ordered: Tag) -> str:
    """How an `<ol>` numbers its items, as its `type` writes it: "1", "a", "A", "i" or "I"; from
    its style or a class named for one ("alpha", "lower-roman") when it has no type."""
    kind = str(ordered.get("type") or "")
    if kind in ("1", "a", "A", "i", "I"):
        return kind
    named = " ".join([str(ordered.get("style") or ""), *ordered.get_attribute_list("class")]).lower()
    for pattern, style in LIST_STYLES:
        if re.search(pattern, named):
            return style
    return "1"


def as_shown(text: str) -> str:
    """Each run of white space as one space, as a browser shows it; but a paragraph whose source
    lines start clause after clause ("5.1.1. Het ontwerpen …" / "5.1.2. De …") keeps those breaks:
    they are the text's, typed so by its author, and number its clauses."""
    parts = NUMBERED_SOURCE_LINE.split(text)
    if len(parts) < 3:
        return re.sub(r"\s+", " ", text)
    return "\n".join(re.sub(r"\s+", " ", part) for part in parts)


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
    from bs4 import (  # imported here: only HTML needs them
        BeautifulSoup,
        Comment,
        Declaration,
        Doctype,
        MarkupResemblesLocatorWarning,
        ProcessingInstruction,
        XMLParsedAsHTMLWarning,
    )
    from markdownify import MarkdownConverter

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)  # an XHTML page: read as a browser does
        # lxml, as a browser, ends an item or a paragraph where the next begins ("<li>a<li>b"):
        # Python's own parser nests each in the one before
        soup = BeautifulSoup(text, "lxml")
    # a template's "<?php … ?>", a doctype, a comment: no text of the page
    markup = (Comment, Declaration, Doctype, ProcessingInstruction)
    for node in soup.find_all(string=lambda string: isinstance(string, markup)):
        node.extract()
    for heading in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6"]):
        if not heading.get_text(strip=True):
            heading.decompose()  # a heading a template fills in ("<h1><?php echo … ?></h1>")
    # a collapsible section's title is a button in its heading ("<h2><button>Section 1 – …")
    for button in soup.select(", ".join(f"h{level} button" for level in range(1, 7))):
        button.unwrap()
    for element in soup(DROPPED):
        element.decompose()
    for form in soup("form"):
        if len(form.get_text(" ", strip=True)) < FORM_TEXT:
            form.decompose()
    for ordered in soup.find_all("ol"):
        numbered_as_shown(ordered)
    for string in soup.find_all(string=True):  # a page's line breaks are not the text's: as a browser,
        if string.find_parent("pre") is None:  # read each run of white space as one space
            string.replace_with(as_shown(str(string)))
    converter = MarkdownConverter(
        heading_style="ATX",
        bullets="-",
        strip=["a", "img"],
        escape_asterisks=False,
        escape_underscores=False,
        escape_misc=False,
    )
    return str(converter.convert_soup(soup))
