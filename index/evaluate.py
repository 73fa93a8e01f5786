"""Scores answers against an evaluation file (the rules of shared/eval/README.md)."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from index.types import Answer


def norm(text: str) -> str:
    return re.sub(r"[^0-9a-z\u00c0-\u024f]", "", text.casefold())


@dataclass(frozen=True, slots=True)
class EvalItem:
    id: str
    lang: str
    question: str
    doc: str
    clause: str
    evidence: tuple[str, ...]
    answer_facts: tuple[str, ...]
    kind: str


def load_items(path: Path) -> list[EvalItem]:
    items = []
    for line in path.read_text("utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            items.append(
                EvalItem(
                    d["id"],
                    d.get("lang", ""),
                    d["question"],
                    d.get("doc", ""),
                    d.get("clause", ""),
                    tuple(d.get("evidence", ())),
                    tuple(d.get("answer_facts", ())),
                    d.get("kind", ""),
                )
            )
    return items


@dataclass
class ItemScore:
    item: EvalItem
    rank: int | None  # first passage with evidence, 1-based, within 10
    cited: bool
    citation_precision: float
    label_ok: bool | None
    facts: float | None
    abstained: bool


def has_evidence(text: str, evidence: Iterable[str]) -> bool:
    t = norm(text)
    return any(norm(e) and norm(e) in t for e in evidence)


# A clause number with its letters ("5b", "16a", "1A") or a bracketed letter or number ("(b)").
NUMBER_PART = re.compile(r"\d+[a-z]*|\(([a-z]+|\d+)\)", re.I)


def label_numbers(label: str) -> tuple[str, ...]:
    """The numbers of a clause label, letters kept: "Section 6(b)" → ("6", "b"), "Artikel 16a" →
    ("16a",), "1.1.2 afspraak 3" → ("1", "1", "2", "3")."""
    return tuple((m.group(1) or m.group(0)).casefold() for m in NUMBER_PART.finditer(label))


def label_matches(expected: str, cited: str) -> bool:
    """The expected clause's numbers end the cited label ("§3.1.2", "1.1.2 afspraak 3") or start
    it ("Artikel 44" cited as "Artikel 44 lid 2"); "5b" is not "5"."""
    want, have = label_numbers(expected), label_numbers(cited)
    return bool(want) and (have[-len(want) :] == want or have[: len(want)] == want)


def score_item(item: EvalItem, answer: Answer) -> ItemScore:
    if item.kind == "unanswerable":
        return ItemScore(item, None, False, 0.0, None, None, answer.abstained)
    rank = next((h.rank for h in answer.passages[:10] if has_evidence(h.passage, item.evidence)), None)
    hits = [has_evidence(c.text, item.evidence) for c in answer.citations]
    stem = Path(item.doc).stem
    label_ok = None
    if label_numbers(item.clause) and not item.clause.startswith("voetnoot"):
        label_ok = any(
            Path(c.doc).stem == stem and label_matches(item.clause, c.clause) for c in answer.citations
        )
    facts = (
        sum(norm(f) in norm(answer.text) for f in item.answer_facts) / len(item.answer_facts)
        if item.answer_facts
        else None
    )
    precision = sum(hits) / len(hits) if hits else 0.0
    return ItemScore(item, rank, any(hits), precision, label_ok, facts, answer.abstained)


@dataclass
class Report:
    scores: list[ItemScore] = field(default_factory=list)

    def rows(self) -> dict[str, dict[str, float]]:
        groups: dict[str, list[ItemScore]] = defaultdict(list)
        for s in self.scores:
            groups["all"].append(s)
            groups[f"lang={s.item.lang}"].append(s)
            groups[f"kind={s.item.kind}"].append(s)
            groups[f"doc={Path(s.item.doc).stem or '-'}"].append(s)
        return {name: summarise(group) for name, group in groups.items()}


def mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else float("nan")


def summarise(scores: list[ItemScore]) -> dict[str, float]:
    answerable = [s for s in scores if s.item.kind != "unanswerable"]
    unanswerable = [s for s in scores if s.item.kind == "unanswerable"]
    labels = [s.label_ok for s in answerable if s.label_ok is not None]
    facts = [s.facts for s in answerable if s.facts is not None]
    return {
        "n": float(len(scores)),
        "recall@1": mean([float(s.rank == 1) for s in answerable]),
        "recall@5": mean([float(s.rank is not None and s.rank <= 5) for s in answerable]),
        "mrr@10": mean([1.0 / s.rank if s.rank else 0.0 for s in answerable]),
        "cited": mean([float(s.cited) for s in answerable]),
        "citation_precision": mean([s.citation_precision for s in answerable]),
        "clause_label": mean([float(x) for x in labels]),
        "facts": mean(facts),
        "abstain": mean([float(s.abstained) for s in unanswerable]),
        "wrongly_abstained": mean([float(s.abstained) for s in answerable]),
    }
