"""HTML read as the text a browser shows: a web page of an agreement or a law ("regeling.html"),
or markup saved as .txt. It becomes Markdown (markdownify), then plain text as any Markdown does,
so an ordered list's items are numbered as the browser shows them and headings stand apart."""

from __future__ import annotations

import re
import warnings
from pathlib import PurePath

SUFFIXES = {".html", ".htm", ".xhtml"}
# Block elements: the marks of a page whose text is laid out by its tags
BLOCK_TAG = re.compile(r"<(?:p|li|ol|ul|h[1-6]|div|table|tr|td|br|section|article)\b[^>]*>", re.I)
BLOCK_TAGS = 10  # a text with fewer is text that mentions a tag or two, not a page
PAGE_START = re.compile(r"<!doctype html|<html\b|<body\b", re.I)  # a whole page, however short
# Code and chrome, not text: a page's scripts, styles, navigation and forms
DROPPED = ["script", "style", "noscript", "template", "nav", "form", "button", "svg", "head"]


def is_html(name: str, text: str) -> bool:
    """An HTML file by its name, or a text file whose lines are laid out by block tags."""
    suffix = PurePath(name).suffix.lower()
    if suffix in SUFFIXES:
        return True
    if suffix not in ("", ".txt", ".text"):
        return False
    return bool(PAGE_START.search(text[:2000])) or len(BLOCK_TAG.findall(text[:200_000])) >= BLOCK_TAGS


def html_markdown(text: str) -> str:
    """The page as Markdown: headings, numbered and bulleted lists, tables; links as their text."""
    from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning  # imported here: only HTML needs them
    from markdownify import MarkdownConverter

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(text, "html.parser")
    for element in soup(DROPPED):
        element.decompose()
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
