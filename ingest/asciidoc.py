"""AsciiDoc read as the text it renders: "== 59.28.010 - Definitions." headings and ". item" /
".. item" lists, as law collections and documentation sites write them. It becomes Markdown
(headings by their "=" count, list items numbered as AsciiDoc numbers them: 1., a., i., A., I.),
then plain text as any Markdown does."""

from __future__ import annotations

import re
from pathlib import PurePath

SUFFIXES = {".adoc", ".asciidoc"}
HEADING = re.compile(r"^(?P<level>={1,6})\s+(?P<text>\S.*)$")
SECTION = re.compile(r"^={2,6}\s+\S")
ATTRIBUTE = re.compile(r"^:[\w-]+:.*$")  # ":toc:", ":author: …": settings, not text
ITEM = re.compile(r"^(?P<dots>\.{1,5})\s+(?P<text>\S.*)$")
BLOCK_TITLE = re.compile(r"^\.[A-Za-z]")  # ".Table 1" titles a block; ". text" is an item
LINK = re.compile(r"(?:https?://|link:)\S+?\[(?P<text>[^\]]*)\]")
HEADINGS = 3  # "==" headings a text needs to be read as AsciiDoc when its name does not say so
ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv"]


def is_asciidoc(name: str, text: str) -> bool:
    """An AsciiDoc file by its name, or a text file with "== Section" headings throughout, or
    titled "= Title" with one at least (and no Markdown "#" headings). One "=" alone opens many a
    line of a sum ("= € 1.000"): it counts only as the title, on the first line."""
    suffix = PurePath(name).suffix.lower()
    if suffix in SUFFIXES:
        return True
    if suffix not in ("", ".txt", ".text"):
        return False
    lines = text.splitlines()
    if any(line.startswith(("# ", "## ")) for line in lines):
        return False
    sections = sum(1 for line in lines if SECTION.match(line))
    first = next((line for line in lines if line.strip()), "")
    return sections >= HEADINGS or (sections >= 1 and HEADING.match(first) is not None)


def item_number(level: int, count: int) -> str:
    """AsciiDoc's default numbering of a list's levels: 1. / a. / i. / A. / I."""
    if level == 1:
        return f"{count}."
    if level in (2, 4):
        letter = chr(ord("a") + (count - 1) % 26)
        return f"{letter if level == 2 else letter.upper()}."
    roman = ROMAN[(count - 1) % len(ROMAN)]
    return f"{roman if level == 3 else roman.upper()}."


def asciidoc_markdown(text: str) -> str:
    """Markdown of an AsciiDoc text: headings by level, list items numbered per level (a new
    heading or a paragraph ends the list; a deeper level restarts under each item)."""
    out: list[str] = []
    counts = [0] * 6
    for line in text.splitlines():
        heading = HEADING.match(line)
        item = ITEM.match(line) if not BLOCK_TITLE.match(line) else None
        if heading:
            counts = [0] * 6
            out.append(f"{'#' * len(heading.group('level'))} {heading.group('text')}")
        elif ATTRIBUTE.match(line):
            continue
        elif item:
            level = len(item.group("dots"))
            counts[level - 1] += 1
            counts[level:] = [0] * (6 - level)
            indent = "   " * (level - 1)
            out.append(f"{indent}{item_number(level, counts[level - 1])} {link_text(item.group('text'))}")
        else:
            if line.strip():
                counts = [0] * 6
            out.append(link_text(line))
    return "\n".join(out)


def link_text(line: str) -> str:
    """"http://…[1989 c 188 § 1]" as its text."""
    return LINK.sub(lambda m: m.group("text"), line)
