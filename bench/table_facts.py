"""Are the facts of deadline and budget questions in the default look-up tables?

    python bench/table_facts.py [--corpus ../shared/corpus] [--questions FILE ...] [--misses] [--all]

For every question of kind `deadline` or `budget` (default: ../shared/eval/dev.jsonl and
bench/own_questions.jsonl), each of its `answer_facts` counts as present when it occurs in some
row of the default table of that kind (`afspraken deadlines` or `afspraken budgets`, i.e.
`lookup.deadlines(everything=False)` / `lookup.budgets(everything=False)`) for the question's
document: in the row's date as written or as shown, its who, what, amount, purpose, payers or
source sentence. Text is compared casefolded, letters and digits only (the evaluation's rule).
Documents are read with the real pipeline from the corpus folder, matched by file stem.

Two figures per question file:
- strict: every fact, in the default tables (`--all`: in the `--all` tables), as before;
- refined: what the issue means by "facts of deadline and budget questions in the tables":
  (a) a question about a report (document kind "report") is checked against that report's
  `--all` table — the default tables show agreements' commitments only, by design, so a user
  asking about a report reads its rows there; (b) only facts that are table content count: a
  date, a period ("zes weken", "half jaar", "jaarlijks"), an amount or share ("€ 60.000",
  "1 fte", "helft", a bare figure), a percentage or a party (one of the document's parties or a
  role word, "de gemeente"). Anything else ("residueel rekenen", a law's name, a verb) is the
  text around a row, not a row. Each rule's facts are listed, found or not, so the reader can
  judge them.

`--misses` lists every missing fact and where it is instead (a hidden row, the other table, none).
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
from ingest.extract import MONTHS, NUMBER_WORDS, RECURRING_RE, ROLE_WORDS, TERM_UNITS  # noqa: E402
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
    read_in_all: list[str] = field(default_factory=list)  # rule (a): facts of questions about a report
    not_content: list[str] = field(default_factory=list)  # rule (b): facts that are no table content


MONTHS_EN = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
DATE_FACT = re.compile(
    rf"\b(?:{'|'.join((*MONTHS, *MONTHS_EN))})\b|(?<!\d)(?:19|20)\d\d(?!\d)|\bQ[1-4]\b|\bkwartaal\b"
    r"|\b(?:voorjaar|zomer|najaar|winter|medio|halverwege)\b|\b\d{1,2}-\d{1,2}-\d{2,4}\b",
    re.I,
)
PERIOD_FACT = re.compile(
    rf"\b(?:\d+|{'|'.join(NUMBER_WORDS)}|half)\s+(?:{TERM_UNITS})\b|\bper\s+(?:jaar|maand|kwartaal)\b",
    re.I,
)
AMOUNT_FACT = re.compile(r"€|\beuro\b|\bfte\b|\d|\b(?:helft|derde|kwart|half)\b", re.I)
PERCENT_FACT = re.compile(r"%|\bprocent\b", re.I)


def fact_kind(fact: str, document: Document) -> str:
    """date, period, percentage, amount or party — what a table row can hold — else ""."""
    if PERCENT_FACT.search(fact):
        return "percentage"
    if PERIOD_FACT.search(fact) or RECURRING_RE.search(fact):
        return "period"
    if DATE_FACT.search(fact):
        return "date"
    if AMOUNT_FACT.search(fact):
        return "amount"
    bare = norm(re.sub(r"^(?:de|het|the)\s+", "", fact.strip(), flags=re.I))
    names = {norm(n) for n in (*document.parties, *(a for pair in document.party_aliases for a in pair))}
    names |= {norm(re.sub(r"^(?:de|het)\s+", "", r)) for r in ROLE_WORDS}
    if bare and any(bare == n or (len(bare) >= 4 and bare in n) for n in names if n):
        return "party"
    return ""


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


def score(path: Path, documents: dict[str, Document], everything: bool, refined: bool = False) -> Tally:
    """Facts present in the tables; `refined` applies rules (a) and (b) of the module's docstring."""
    tally = Tally()
    for question in load(path):
        stem = Path(question["doc"]).stem
        document = documents[stem]
        kind = question["kind"]
        about_report = refined and document.kind == "report"
        rows = table_rows(document, kind, everything or about_report)
        where = f"{question['id']} ({kind}, {stem} {question.get('clause', '')})".replace(" )", ")")
        for fact in question["answer_facts"]:
            found = bool(holds(rows, fact))
            if refined and not fact_kind(fact, document):
                tally.not_content.append(f"{where}: {fact!r} ({'in a row' if found else 'in no row'})")
                continue
            if about_report:
                tally.read_in_all.append(f"{where}: {fact!r} ({'found' if found else 'missing'})")
            tally.facts += 1
            if found:
                tally.present += 1
                continue
            tally.misses.append(f"{where}: {fact!r} {why_missing(document, kind, fact)}")
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
        strict = score(path, documents, args.everything)
        refined = score(path, documents, args.everything, refined=True)
        print(f"{path.name:28} strict  ({view} tables): facts present {figure(strict)}")
        if args.misses:
            for line in strict.misses:
                print("    " + line)
        print(f"{path.name:28} refined ({view} tables, reports --all): facts present {figure(refined)}")
        print(
            f"    (a) {len(refined.read_in_all)} facts of questions about a report, read in its --all table:"
        )
        for line in refined.read_in_all:
            print("        " + line)
        print(f"    (b) {len(refined.not_content)} facts left out, not a date, period, amount, % or party:")
        for line in refined.not_content:
            print("        " + line)
        if args.misses:
            for line in refined.misses:
                print("    missing: " + line)
    return 0


def figure(tally: Tally) -> str:
    share = tally.present / tally.facts if tally.facts else 1.0
    return f"{tally.present}/{tally.facts} ({share:.2f})"


if __name__ == "__main__":
    sys.exit(main())
