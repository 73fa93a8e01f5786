"""Precision and recall of deadline and amount extraction against the hand-made labels.

    python bench/extract_quality.py [--corpus ../shared/corpus] [--misses] [--labels FILE ...]

Two label sets are scored apart: tests/data/deadlines_budgets.jsonl (the corpus, labelled by the
rules' author) and tests/data/written_deadlines_budgets.jsonl (agreements written for the purpose
in other phrasings — the layout zoo and tests/data/agreements/ — labelled before the rules were
changed for them). A document label with a "path" is read from that path under the repository.

Each document is read with the real pipeline (ingest.read + ingest.structure) and every clause
goes through ingest.extract. Documents marked complete in tests/data/deadlines_budgets.jsonl are
scored whole (every extracted item counts); for the others only the labelled sentences are (an
extracted item is in scope when a labelled snippet lies in its sentence and holds its amount).
A label matches an extracted item of the same document with the same `when` (or amount text and
value) whose sentence contains the label's snippet; letters and digits compared casefolded.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.types import Amount, Deadline  # noqa: E402

LABELS = ROOT / "tests" / "data" / "deadlines_budgets.jsonl"
WRITTEN = ROOT / "tests" / "data" / "written_deadlines_budgets.jsonl"
SHOWN_DEADLINES = {"commitment", "recurring"}  # what the default table shows
CORPUS_CANDIDATES = (ROOT / ".." / "shared" / "corpus", ROOT / "corpus")


def norm(text: str) -> str:
    return re.sub(r"[^0-9a-zà-ÿ]", "", text.casefold())


@dataclass
class Score:
    labelled: int = 0
    extracted: int = 0
    matched: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.labelled if self.labelled else 1.0


@dataclass
class Report:
    deadlines: Score
    amounts: Score
    dates_right: int
    dates_checked: int
    splits_right: int
    splits_checked: int
    split_misses: list[str]
    # name → [right, checked, misses]: who must act, row kind, bound, purpose, default view
    checks: dict[str, list] = field(default_factory=dict)

    def check(self, name: str, ok: bool, miss: str) -> None:
        entry = self.checks.setdefault(name, [0, 0, []])
        entry[0] += ok
        entry[1] += 1
        if not ok:
            entry[2].append(miss)

    @property
    def date_accuracy(self) -> float:
        return self.dates_right / self.dates_checked if self.dates_checked else 1.0

    @property
    def share_accuracy(self) -> float:
        return self.splits_right / self.splits_checked if self.splits_checked else 1.0


def load_labels(path: Path = LABELS) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def corpus_dir() -> Path:
    for candidate in CORPUS_CANDIDATES:
        if any(candidate.glob("*.txt")):
            return candidate.resolve()
    return (ROOT / "corpus").resolve()


def read_extractions(
    doc_ids: Iterable[str], corpus: Path, paths: dict[str, str] | None = None
) -> dict[str, tuple[list, list]]:
    """doc id → (deadlines, amounts), via the real reader, structure and extraction."""
    from ingest.pipeline import read_document

    found: dict[str, tuple[list, list]] = {}
    for doc_id in doc_ids:
        candidates = [ROOT / paths[doc_id]] if paths and doc_id in paths else []
        candidates += [corpus / f"{doc_id}.txt", corpus / f"{doc_id}.pdf"]
        path = next((p for p in candidates if p.exists()), None)
        if path is None:
            raise FileNotFoundError(f"{doc_id} is not in {corpus}")
        document = read_document(path)
        found[doc_id] = (list(document.deadlines), list(document.amounts))
    return found


def _when_key(text: str) -> str:
    return norm(
        re.sub(r"^(?:uiterlijk|vóór|voor|in|per|vanaf|op|tot en met|t/m)\s+", "", text.strip(), flags=re.I)
    )


def _match(labels: list[dict], items: list, key_of_label, key_of_item) -> dict[int, int]:
    """Greedy one-to-one matching: label index → item index."""
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for li, label in enumerate(labels):
        snippet = norm(label["sentence"])
        for ii, item in enumerate(items):
            if ii in used or key_of_item(item) != key_of_label(label):
                continue
            if snippet in norm(item.sentence) or norm(item.sentence) in snippet:
                pairs[li] = ii
                used.add(ii)
                break
    return pairs


def _in_scope(item: Deadline | Amount, labels: list[dict], text: str) -> bool:
    sentence = norm(item.sentence)
    return any(norm(lab["sentence"]) in sentence and norm(text) in norm(lab["sentence"]) for lab in labels)


def score(labels: list[dict], extracted: dict[str, tuple[list, list]]) -> Report:
    complete = {lab["doc"] for lab in labels if lab["kind"] == "document" and lab["complete"]}
    deadline_score, amount_score = Score(), Score()
    dates_right = dates_checked = splits_right = splits_checked = 0
    split_misses: list[str] = []
    report = Report(deadline_score, amount_score, 0, 0, 0, 0, split_misses)
    for doc_id, (deadlines, amounts) in extracted.items():
        d_labels = [lab for lab in labels if lab["kind"] == "deadline" and lab["doc"] == doc_id]
        a_labels = [lab for lab in labels if lab["kind"] == "amount" and lab["doc"] == doc_id]
        if doc_id not in complete:
            deadlines = [d for d in deadlines if _in_scope(d, d_labels, d.when)]
            amounts = [a for a in amounts if _in_scope(a, a_labels, a.text)]
        pairs = _match(d_labels, deadlines, lambda lab: _when_key(lab["when"]), lambda d: _when_key(d.when))
        _tally(deadline_score, d_labels, deadlines, pairs, lambda lab: lab["when"], lambda d: d.when, doc_id)
        for li, ii in pairs.items():
            label, item = d_labels[li], deadlines[ii]
            if label["start"] is None:
                ok = item.recurring == label["recurring"]
            else:
                ok = (item.start, item.end, item.recurring) == (
                    label["start"],
                    label["end"],
                    label["recurring"],
                )
            dates_checked += 1
            dates_right += ok
            _check_deadline(report, doc_id, label, item)
            if not ok:
                deadline_score.misses.append(
                    f"{doc_id}: {label['when']!r} dates {item.start}..{item.end} {item.recurring} "
                    f"expected {label['start']}..{label['end']} {label['recurring']}"
                )
        _check_view(report, "default deadlines", d_labels, deadlines, pairs, doc_id,
                    lambda lab: lab["row"] in SHOWN_DEADLINES,
                    lambda d: getattr(d, "row", "commitment") in SHOWN_DEADLINES,
                    lambda d: d.when)  # fmt: skip
        pairs = _match(
            a_labels, amounts,
            lambda lab: (norm(lab["text"]), lab["value"]),
            lambda a: (norm(a.text), None if a.value is None else round(a.value, 2)),
        )  # fmt: skip
        _tally(amount_score, a_labels, amounts, pairs, lambda lab: lab["text"], lambda a: a.text, doc_id)
        for li, ii in pairs.items():
            label, item = a_labels[li], amounts[ii]
            _check_amount(report, doc_id, label, item)
            if not label["payers"]:
                continue
            splits_checked += 1
            ok = shares_match(label, item)
            splits_right += ok
            if not ok:
                split_misses.append(
                    f"{doc_id}: {label['text']} payers {item.payers} check {item.split_check!r}"
                )
        _check_view(report, "default budgets", a_labels, amounts, pairs, doc_id,
                    lambda lab: lab["row"] == "budget",
                    lambda a: getattr(a, "row", "budget") == "budget",
                    lambda a: a.text)  # fmt: skip
    report.dates_right, report.dates_checked = dates_right, dates_checked
    report.splits_right, report.splits_checked = splits_right, splits_checked
    return report


def _check_deadline(report: Report, doc_id: str, label: dict, item: Deadline) -> None:
    """Who must act and the row kind, where the label states them."""
    where = f"{doc_id}: {label['when']!r} in “{label['sentence'][:60]}”"
    if "row" in label:
        row = getattr(item, "row", "commitment")
        report.check("deadline row kind", row == label["row"], f"{where} row {row} expected {label['row']}")
    if label.get("who"):
        got = {party_key(p) for p in item.parties}
        want = {_pick(name, got) for name in label["who"]}
        report.check("who must act", got == want, f"{where} who {sorted(got)} expected {sorted(want)}")


def _check_amount(report: Report, doc_id: str, label: dict, item: Amount) -> None:
    """Row kind, bound ("up to") and purpose, where the label states them."""
    where = f"{doc_id}: {label['text']!r} in “{label['sentence'][:60]}”"
    if "row" in label:
        row = getattr(item, "row", "budget")
        report.check("amount row kind", row == label["row"], f"{where} row {row} expected {label['row']}")
    if "bound" in label:
        bound = getattr(item, "bound", "")
        report.check(
            "amount bound", bound == label["bound"], f"{where} bound {bound!r} expected {label['bound']!r}"
        )
    if label.get("purpose"):
        words = norm_words(label["purpose"])
        ok = bool(words) and words <= norm_words(item.purpose)
        report.check("purpose", ok, f"{where} purpose {item.purpose!r} expected {label['purpose']!r}")


def norm_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[0-9a-zà-ÿ]+", text.casefold()) if w not in {"de", "het", "van", "voor"}}


def _check_view(
    report: Report, name: str, labels, items, pairs, doc_id: str, shown_label, shown_item, text
) -> None:
    """Precision and recall of what the default table shows: labelled rows of the shown kinds."""
    if not any("row" in label for label in labels):
        return  # labels without row kinds say nothing about the default view
    matched_items = {ii: li for li, ii in pairs.items()}
    for li, label in enumerate(labels):
        if shown_label(label):
            ok = li in pairs and shown_item(items[pairs[li]])
            report.check(f"{name} recall", ok, f"{doc_id}: not shown {label.get('when', label.get('text'))!r} "
                                               f"in “{label['sentence'][:60]}”")  # fmt: skip
    for ii, item in enumerate(items):
        if shown_item(item):
            li = matched_items.get(ii)
            ok = li is not None and shown_label(labels[li])
            report.check(f"{name} precision", ok, f"{doc_id}: shown {text(item)!r} in “{item.sentence[:80]}”")


def _tally(score_: Score, labels, items, pairs, label_text, item_text, doc_id: str) -> None:
    score_.labelled += len(labels)
    score_.extracted += len(items)
    score_.matched += len(pairs)
    score_.misses += [f"{doc_id}: missed {label_text(lab)!r} in “{lab['sentence']}”"
                      for i, lab in enumerate(labels) if i not in pairs]  # fmt: skip
    matched_items = set(pairs.values())
    score_.extras += [f"{doc_id}: extra {item_text(it)!r} in “{it.sentence[:120]}”"
                      for i, it in enumerate(items) if i not in matched_items]  # fmt: skip


def party_key(name: str) -> str:
    """Compare payers by what they are: "Gemeente Tynaarlo" ~ "gemeente"; OCR "WoonlInvest"."""
    folded = norm(name).replace("lin", "in")
    return "gemeente" if folded.startswith("gemeente") else folded


def _pick(name: str, names: set[str]) -> str:
    """A label's party (aliases "A|B") as the key the extraction used, when it used one."""
    keys = [party_key(n) for n in name.split("|")]
    return next((k for k in keys if k in names), keys[0])


def shares_match(label: dict, item: Amount) -> bool:
    """Same payers (a label may list aliases: "SEW|Eelder Woningbouw"), euros and fractions."""
    names = {party_key(s.party) for s in item.payers}
    want = sorted((_pick(s["party"], names), s["euros"], s["fraction"]) for s in label["payers"])
    got = sorted(
        (party_key(s.party), s.euros, None if s.fraction is None else round(s.fraction, 4))
        for s in item.payers
    )
    if [w[0] for w in want] != [g[0] for g in got]:
        return False
    for (_, w_eur, w_frac), (_, g_eur, g_frac) in zip(want, got, strict=True):
        if w_eur is not None and (g_eur is None or abs(g_eur - w_eur) > 0.005):
            return False
        if w_frac is not None and (g_frac is None or abs(g_frac - w_frac) > 1e-3):
            return False
    check = label.get("split_check", "")
    if check == "ok":
        return item.split_check == "ok"
    if check == "rounding":
        return item.split_check.lower().startswith("rounding difference")
    return True


def measure(path: Path, corpus: Path) -> Report:
    labels = load_labels(path)
    docs = [lab["doc"] for lab in labels if lab["kind"] == "document"]
    paths = {lab["doc"]: lab["path"] for lab in labels if lab["kind"] == "document" and lab.get("path")}
    return score(labels, read_extractions(docs, corpus, paths))


def print_report(title: str, report: Report, misses: bool) -> None:
    print(title)
    for name, s in (("deadlines", report.deadlines), ("amounts", report.amounts)):
        print(f"  {name:10} labelled {s.labelled:3}  extracted {s.extracted:3}  matched {s.matched:3}  "
              f"precision {s.precision:.3f}  recall {s.recall:.3f}")  # fmt: skip
    print(f"  dates right {report.dates_right}/{report.dates_checked} ({report.date_accuracy:.3f})")
    print(f"  payer shares right {report.splits_right}/{report.splits_checked} ({report.share_accuracy:.3f})")
    for name, (right, checked, _) in sorted(report.checks.items()):
        print(f"  {name} {right}/{checked} ({right / checked if checked else 1:.3f})")
    if misses:
        for line in (*report.deadlines.misses, *report.deadlines.extras, *report.amounts.misses,
                     *report.amounts.extras, *report.split_misses):  # fmt: skip
            print("    " + line)
        for name, (_, _, lines) in sorted(report.checks.items()):
            for line in lines:
                print(f"    [{name}] {line}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--labels", type=Path, nargs="*", default=None, help="Label files (default: both)")
    parser.add_argument("--misses", action="store_true", help="List misses and extras")
    args = parser.parse_args(argv)
    for path in args.labels or (LABELS, WRITTEN):
        report = measure(path, args.corpus or corpus_dir())
        print_report(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}", report, args.misses)
    return 0


if __name__ == "__main__":
    sys.exit(main())
