"""Are the facts of deadline and budget questions in the default look-up tables?

    python bench/table_facts.py [--corpus ../shared/corpus] [--questions FILE ...] [--misses] [--all]

For every question of kind `deadline` or `budget` (default: ../shared/eval/dev.jsonl and
bench/own_questions.jsonl), each of its `answer_facts` counts as present when it occurs in some
row of the default table of that kind (`afspraken deadlines` or `afspraken budgets`, i.e.
`lookup.deadlines(everything=False)` / `lookup.budgets(everything=False)`) for the question's
document: in the row's date as written or as shown, its who, what, amount, purpose, payers or
source sentence. Text is compared casefolded, letters and digits only (the evaluation's rule).
Documents are read with the real pipeline from the corpus folder, matched by file stem.

`--all` scores the `--all` tables instead, to see which facts only the default view hides;
`--misses` lists every missing fact with the rows of its document's clause that were nearest.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index import lookup  # noqa: E402
from ingest.types import Amount, Deadline, Document  # noqa: E402

QUESTIONS = (ROOT / ".." / "shared" / "eval" / "dev.jsonl", ROOT / "bench" / "own_questions.jsonl")
CORPUS_CANDIDATES = (ROOT / ".." / "shared" / "corpus", ROOT / "corpus")
KINDS = ("deadline", "budget")
TODAY = date(2026, 1, 1)  # the order of the rows does not matter here, only which rows there are


def norm(text: str) -> str:
    return re.sub(r"[^0-9a-zà-ÿ]", "", text.casefold())


@dataclass(frozen=True, slots=True)
class Info:
    """What the look-ups read of a document."""

    id: str
    municipality: str
    period: str
    parties: tuple[str, ...]
    short_title: str


@dataclass(frozen=True, slots=True)
class Tables:
    deadlines: tuple[Deadline, ...]
    amounts: tuple[Amount, ...]
    documents: tuple[Info, ...]


@dataclass
class Tally:
    present: int = 0
    facts: int = 0
    misses: list[str] = field(default_factory=list)


def deadline_text(d: Deadline) -> str:
    return " | ".join(
        (
            d.when,
            lookup.date_text(d, "nl"),
            lookup.date_text(d, "en"),
            ", ".join(d.parties),
            d.what,
            d.sentence,
        )
    )


def amount_text(a: Amount) -> str:
    payers = "; ".join(lookup.share_text(s, "nl") for s in a.payers)
    return " | ".join((a.text, lookup.amount_text(a, "nl"), a.period, a.purpose, payers, a.sentence))


def read_corpus(corpus: Path, stems: set[str]) -> dict[str, Document]:
    from ingest.pipeline import read_document

    found: dict[str, Document] = {}
    for stem in sorted(stems):
        path = next((p for p in (corpus / f"{stem}.txt", corpus / f"{stem}.pdf") if p.exists()), None)
        if path is None:
            raise FileNotFoundError(f"{stem} is not in {corpus}")
        found[stem] = read_document(path)
    return found


def table_rows(document: Document, kind: str, everything: bool) -> list[tuple[str, str]]:
    """(text, "row kind · document kind") of each row of the table of that kind."""
    info = Info(document.id, document.municipality, document.period, document.parties, document.title)
    tables = Tables(document.deadlines, document.amounts, (info,))
    if kind == "deadline":
        rows = lookup.deadlines(tables, everything=everything, today=TODAY)
        return [(deadline_text(d), f"{d.row} · {d.doc_kind}") for d in rows]
    return [
        (amount_text(a), f"{a.row} · {a.doc_kind}") for a in lookup.budgets(tables, everything=everything)
    ]


def holds(rows: list[tuple[str, str]], fact: str) -> str:
    """The kind of the first row that holds the fact, or ""."""
    return next((kind for text, kind in rows if norm(fact) in norm(text)), "")


def why_missing(document: Document, kind: str, fact: str) -> str:
    """Where the fact is instead: a row the default view leaves out, the other table, or no row."""
    hidden = holds(table_rows(document, kind, True), fact)
    if hidden:
        return f"only in --all, as {hidden}"
    other = "budget" if kind == "deadline" else "deadline"
    elsewhere = holds(table_rows(document, other, True), fact)
    if elsewhere:
        return f"in the {other}s table, as {elsewhere}"
    return "in no row: no date or amount of its clause states it"


def score(path: Path, documents: dict[str, Document], everything: bool) -> Tally:
    tally = Tally()
    for question in load(path):
        stem = Path(question["doc"]).stem
        document = documents[stem]
        rows = table_rows(document, question["kind"], everything)
        for fact in question["answer_facts"]:
            tally.facts += 1
            if holds(rows, fact):
                tally.present += 1
                continue
            where = f"{question['id']} ({question['kind']}, {stem} {question['clause']})".replace(" )", ")")
            tally.misses.append(f"{where}: {fact!r} {why_missing(document, question['kind'], fact)}")
    return tally


def load(path: Path) -> list[dict]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if r.get("kind") in KINDS]


def corpus_dir() -> Path:
    for candidate in CORPUS_CANDIDATES:
        if any(candidate.glob("*.txt")):
            return candidate.resolve()
    return (ROOT / "corpus").resolve()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--questions", type=Path, nargs="*", default=None)
    parser.add_argument("--all", dest="everything", action="store_true", help="Score the --all tables")
    parser.add_argument("--misses", action="store_true", help="List the facts not found")
    args = parser.parse_args(argv)
    paths = [p for p in (args.questions or QUESTIONS) if p.exists()]
    stems = {Path(q["doc"]).stem for p in paths for q in load(p)}
    documents = read_corpus(args.corpus or corpus_dir(), stems)
    view = "--all" if args.everything else "default"
    for path in paths:
        tally = score(path, documents, args.everything)
        share = tally.present / tally.facts if tally.facts else 1.0
        print(f"{path.name:28} {view} tables: facts present {tally.present}/{tally.facts} ({share:.2f})")
        if args.misses:
            for line in tally.misses:
                print("    " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
