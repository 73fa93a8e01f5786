"""Paragraphs in lines of text that may have lost their blank lines (PDF, OCR)."""

from __future__ import annotations

import re
from itertools import pairwise

from ingest.shapes import SENTENCE_END, starts_new
from ingest.types import Line


def split_paragraphs(lines: list[Line]) -> list[list[Line]]:
    """Paragraphs: at blank lines where the file has them, else at a sentence end on a short
    line followed by a capital. Lettered sub-items stay in their paragraph."""
    if not lines:
        return []
    width = max(len(line.text) for line in lines)
    parts: list[list[Line]] = [[lines[0]]]
    in_list = False
    for previous, line in pairwise(lines):
        if re.match(r"^[a-z][.)]\s", line.text):
            in_list = True
            parts[-1].append(line)
            continue
        boundary = bool(
            SENTENCE_END.search(previous.text)
            and starts_new(line.text)
            and (line.gap or len(previous.text) < 0.92 * width)
            and not line.text.startswith("- ")
        )
        if boundary and in_list and not previous.text.endswith(";"):
            in_list = False
        elif boundary and in_list:
            boundary = False
        if boundary:
            parts.append([line])
        else:
            parts[-1].append(line)
    return parts
