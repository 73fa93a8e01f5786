"""What a chat message asks beyond a question, read once for Slack and Teams: `compare <topic>`
(or `vergelijk <topic>`) asks for every agreement's clause on the topic, as a table."""

from __future__ import annotations

import re

COMPARE_WORDS = ("compare", "vergelijk")
_COMPARE = re.compile(rf"^\s*(?:{'|'.join(COMPARE_WORDS)})\b[\s:]*(?P<topic>.*)$", re.IGNORECASE | re.DOTALL)


def compare_topic(text: str) -> str | None:
    """ "compare buurtbemiddeling" → "buurtbemiddeling"; "vergelijk" alone → ""; a question → None."""
    found = _COMPARE.match(text)
    return " ".join(found.group("topic").split()) if found else None
