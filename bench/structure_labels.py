"""Structure detection against the labels a reader cites: `labels.jsonl` lines of
{"doc": file, "labels": [...]}, files read from the folder beside it (or --root)."""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from ingest.evaluate import label_recall
from ingest.pipeline import read_document


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("labels", type=Path, nargs="?", default=Path("../shared/corpus-more/labels.jsonl"))
    parser.add_argument("--root", type=Path, default=None)
    parser.add_argument("--missed", action="store_true", help="list the labels missed")
    args = parser.parse_args()
    root = args.root or args.labels.parent
    worst = 1.0
    for line in args.labels.read_text("utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        started = time.perf_counter()
        document = read_document(root / row["doc"])
        seconds = time.perf_counter() - started
        score = label_recall(row["labels"], [c.label for c in document.clauses])
        worst = min(worst, score.recall)
        print(
            f"{row['doc']:<45} {score.found:>4}/{score.expected:<4} {score.recall:5.2f}"
            f"  clauses {len(document.clauses):>4}  {document.page_count / seconds:6.0f} pages/s"
        )
        if args.missed and score.missed:
            print("   missed:", ", ".join(score.missed[:40]))
    print(f"worst {worst:.2f}")


if __name__ == "__main__":
    main()
