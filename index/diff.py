"""Diff: what changed from one version of an agreement to the next.

Clauses are matched by their content, not their numbers: numbers change between years and clauses
are renumbered, so each clause is compared as its words with every figure masked ("De corporaties
bouwen # woningen"). Pairs are taken greedily, most alike first, down to a threshold; a matched
pair is unchanged or changed (with a word-level diff and the figures that changed), and what is
left is new or dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from index.errors import UnknownDocument
from index.lexicon import words
from index.store import DocInfo, Snapshot
from index.types import Chunk

SAME_CLAUSE = 0.5  # similarity of the masked words from which two clauses count as one clause
UNITS = frozenset(("procent", "%", "fte", "euro", "jaar", "maanden", "weken", "dagen"))

UNCHANGED, CHANGED, NEW, DROPPED = "unchanged", "changed", "new", "dropped"
STATUSES = (UNCHANGED, CHANGED, NEW, DROPPED)


@dataclass(frozen=True, slots=True)
class ClauseText:
    """One clause of a version, its parts joined again."""

    clause_id: str
    label: str
    section: str
    pages: tuple[int, ...]
    text: str
    kind: str  # as Clause.kind: "afspraak" | "paragraph" | "section" | "footnote"

    @property
    def masked(self) -> tuple[str, ...]:
        """Its words, lower case, every word holding a digit made "#"."""
        return tuple("#" if any(ch.isdigit() for ch in w) else w for w in words(self.text))


@dataclass(frozen=True, slots=True)
class WordChange:
    op: str  # "equal" | "delete" | "insert" | "replace"
    old: str
    new: str


@dataclass(frozen=True, slots=True)
class Pair:
    """A clause of the old version beside its counterpart in the new one (None where there is none)."""

    status: str  # UNCHANGED | CHANGED | NEW | DROPPED
    old: ClauseText | None
    new: ClauseText | None
    similarity: float = 0.0
    words: tuple[WordChange, ...] = ()  # a changed clause's word-level diff
    figures: tuple[tuple[str, str], ...] = ()  # (old, new) for each figure that changed
    renumbered: bool = False  # its number changed: "afspraak 4" → "afspraak 5"


@dataclass(frozen=True, slots=True)
class Diff:
    old: DocInfo
    new: DocInfo
    pairs: tuple[Pair, ...]

    @property
    def counts(self) -> dict[str, int]:
        found = {status: sum(p.status == status for p in self.pairs) for status in STATUSES}
        return found | {"renumbered": sum(p.renumbered for p in self.pairs)}


def diff(snapshot: Snapshot, old: str, new: str) -> Diff:
    """The clauses of document `new` matched to those of document `old` (ids), in the new
    version's order; a dropped clause stands after the clause it followed in the old version."""
    by_id = {d.id: d for d in snapshot.documents}
    for doc in (old, new):
        if doc not in by_id:
            raise UnknownDocument(doc, sorted(by_id))
    before, after = clauses_of(snapshot, old), clauses_of(snapshot, new)
    matches = match(before, after)
    return Diff(by_id[old], by_id[new], tuple(ordered(before, after, matches)))


def clauses_of(snapshot: Snapshot, doc_id: str) -> list[ClauseText]:
    """A document's clauses in order, each long clause's parts joined again."""
    parts: dict[str, list[Chunk]] = {}
    for chunk in snapshot.chunks:
        if chunk.doc_id == doc_id:
            parts.setdefault(chunk.clause_id, []).append(chunk)
    return [joined(chunks) for chunks in parts.values()]


def joined(chunks: list[Chunk]) -> ClauseText:
    first = chunks[0]
    pages = tuple(sorted({p for c in chunks for p in c.pages}))
    text = " ".join(c.text for c in chunks)
    return ClauseText(first.clause_id, first.label, first.section, pages, text, first.kind)


def match(before: list[ClauseText], after: list[ClauseText]) -> dict[int, tuple[int, float]]:
    """New clause position → (old clause position, similarity): most alike pairs first, each clause
    in one pair at most; ties go to the same label, then to the nearer place."""
    masked_old = [c.masked for c in before]
    masked_new = [c.masked for c in after]
    candidates = []
    for j, new in enumerate(masked_new):
        for i, old in enumerate(masked_old):
            score = similarity(old, new)
            if score >= SAME_CLAUSE:
                same_label = before[i].label == after[j].label
                candidates.append((-score, not same_label, abs(i - j), i, j, score))
    candidates.sort()
    taken_old: set[int] = set()
    found: dict[int, tuple[int, float]] = {}
    for *_, i, j, score in candidates:
        if i not in taken_old and j not in found:
            taken_old.add(i)
            found[j] = (i, score)
    return found


def similarity(old: tuple[str, ...], new: tuple[str, ...]) -> float:
    """SequenceMatcher's ratio of the masked words; its cheap upper bounds first."""
    if old == new:
        return 1.0
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    if matcher.real_quick_ratio() < SAME_CLAUSE or matcher.quick_ratio() < SAME_CLAUSE:
        return 0.0
    return matcher.ratio()


def ordered(
    before: list[ClauseText],
    after: list[ClauseText],
    matches: dict[int, tuple[int, float]],
) -> list[Pair]:
    matched_old = {i: j for j, (i, _) in matches.items()}
    dropped_after: dict[int, list[Pair]] = {}  # new position (-1: before the first) → dropped there
    anchor = -1
    for i, clause in enumerate(before):
        if i in matched_old:
            anchor = matched_old[i]
        else:
            dropped_after.setdefault(anchor, []).append(Pair(DROPPED, clause, None))
    pairs = list(dropped_after.get(-1, []))
    for j, clause in enumerate(after):
        if j in matches:
            i, score = matches[j]
            pairs.append(compared(before[i], clause, score))
        else:
            pairs.append(Pair(NEW, None, clause))
        pairs += dropped_after.get(j, [])
    return pairs


def compared(old: ClauseText, new: ClauseText, score: float) -> Pair:
    """A matched pair, unchanged or changed; renumbered when its label changed, unless both are
    unnumbered paragraphs (named by their heading, which may name the year)."""
    renumbered = old.label != new.label and not old.kind == new.kind == "paragraph"
    if " ".join(old.text.split()) == " ".join(new.text.split()):
        return Pair(UNCHANGED, old, new, score, renumbered=renumbered)
    changes = word_diff(old.text, new.text)
    return Pair(CHANGED, old, new, score, changes, changed_figures(changes), renumbered)


def word_diff(old: str, new: str) -> tuple[WordChange, ...]:
    """The words of both texts as runs kept, deleted, inserted or replaced."""
    a, b = old.split(), new.split()
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return tuple(
        WordChange(op, " ".join(a[i1:i2]), " ".join(b[j1:j2])) for op, i1, i2, j1, j2 in matcher.get_opcodes()
    )


def changed_figures(changes: tuple[WordChange, ...]) -> tuple[tuple[str, str], ...]:
    """Each change that holds a number, with a "€" before it and a unit after it where the text
    has them: ("€ 60.000", "€ 70.000"), ("2,5 procent", "3 procent"); a run of as many words on
    both sides pairs word by word ("2025 60" → "2026 75" is 2025 → 2026 and 60 → 75), and of
    other runs only the words from the first number to the last count ("1 maart 2025" → "")."""
    found: list[tuple[str, str]] = []
    for index, change in enumerate(changes):
        if change.op == "equal" or not re.search(r"\d", f"{change.old} {change.new}"):
            continue
        before = changes[index - 1].new.split() if index > 0 else []
        after = changes[index + 1].new.split() if index + 1 < len(changes) else []
        lead = "€ " if before and before[-1] == "€" else ""
        unit = after[0].rstrip(".,;:") if after and after[0].lower().rstrip(".,;:") in UNITS else ""
        old, new = change.old.split(), change.new.split()
        pairs = list(zip(old, new, strict=True)) if len(old) == len(new) else [(numbered(old), numbered(new))]
        for a, b in pairs:
            if a != b and re.search(r"\d", f"{a} {b}"):
                found.append((figure(lead, a, unit), figure(lead, b, unit)))
    return tuple(found)


def numbered(tokens: list[str]) -> str:
    """The words from the first to the last that holds a digit: "1 maart 2025" of "starten per 1
    maart 2025 met"."""
    at = [i for i, token in enumerate(tokens) if re.search(r"\d", token)]
    return " ".join(tokens[at[0] : at[-1] + 1]) if at else ""


def figure(lead: str, value: str, unit: str) -> str:
    value = value.rstrip(".,;:")
    return f"{lead}{value} {unit}".strip() if value else ""


# --------------------------------------------------------------------------- rendering


def marked(changes: tuple[WordChange, ...]) -> str:
    """A word diff as plain text: "bouwen [-140-]{+160+} woningen"."""
    parts = []
    for change in changes:
        if change.op == "equal":
            parts.append(change.old)
            continue
        if change.old:
            parts.append(f"[-{change.old}-]")
        if change.new:
            parts.append(f"{{+{change.new}+}}")
    return " ".join(parts)


def pair_record(pair: Pair) -> dict[str, object]:
    """A pair as JSON-ready data: the adapters' and the CLI's one serialisation."""

    def side(clause: ClauseText | None) -> dict[str, object] | None:
        if clause is None:
            return None
        return {
            "clause_id": clause.clause_id,
            "label": clause.label,
            "section": clause.section,
            "pages": list(clause.pages),
            "text": clause.text,
        }

    return {
        "status": pair.status,
        "renumbered": pair.renumbered,
        "similarity": round(pair.similarity, 3),
        "old": side(pair.old),
        "new": side(pair.new),
        "diff": marked(pair.words) if pair.words else "",
        "figures": [{"old": old, "new": new} for old, new in pair.figures],
    }
