"""How well structure detection finds the labels a reader cites, compared in document order."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LabelScore:
    """Expected labels found in order (a longest common subsequence) and those missed."""

    expected: int
    found: int
    missed: tuple[str, ...]

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0


def normal(label: str) -> str:
    return re.sub(r"\s+", " ", label.casefold()).strip()


def cites(found: str, expected: str) -> bool:
    """A found label cites an expected one: the same, qualified before ("Part B 2.1" for "2.1",
    "1.2 afspraak 3" for "afspraak 3"), or a paragraph of an article ("Artikel 4 lid 2", "Article
    4(2)" for "Artikel 4", "Article 4")."""
    f, e = normal(found), normal(expected)
    paragraph = f.startswith(e + "(") and re.match(r"(?:artikel|article) \S+$", e) is not None
    return f == e or f.endswith(" " + e) or f.startswith(e + " lid ") or paragraph


def label_recall(expected: Sequence[str], found: Sequence[str]) -> LabelScore:
    """Order-aware: the longest run of expected labels matched by found labels in the same order."""
    n, m = len(expected), len(found)
    table = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            if cites(found[j], expected[i]):
                table[i][j] = table[i + 1][j + 1] + 1
            else:
                table[i][j] = max(table[i + 1][j], table[i][j + 1])
    missed: list[str] = []
    i = j = 0
    while i < n and j < m:
        if cites(found[j], expected[i]) and table[i][j] == table[i + 1][j + 1] + 1:
            i, j = i + 1, j + 1
        elif table[i + 1][j] >= table[i][j + 1]:
            missed.append(expected[i])
            i += 1
        else:
            j += 1
    missed.extend(expected[i:])
    return LabelScore(n, table[0][0] if n and m else 0, tuple(missed))
