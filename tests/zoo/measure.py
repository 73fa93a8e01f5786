"""Label recall of structure detection on the layout zoo: every document as .txt and in every layout.

    .venv/bin/python tests/zoo/measure.py [--missed]

Zoo documents are scored against `labels.jsonl`; the five corpus documents' renderings against the
labels found in the shipped `corpus/<name>.pdf`, so a layout that changes the labels shows up.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ZOO = Path(__file__).resolve().parent
ROOT = ZOO.parents[1]
sys.path.insert(0, str(ROOT))

from ingest.evaluate import LabelScore, label_recall  # noqa: E402
from ingest.pipeline import read_document  # noqa: E402

LAYOUTS = ("word", "columns", "toc", "landscape")


def labels_of(path: Path) -> list[str]:
    try:
        return [clause.label for clause in read_document(path).clauses]
    except Exception as error:  # a file structure detection cannot read at all scores zero
        print(f"  {path.name}: {error}", file=sys.stderr)
        return []


def row(name: str, scores: list[LabelScore | None], missed: bool) -> None:
    cells = [f"{s.recall:4.2f} ({s.found}/{s.expected})" if s else "-" for s in scores]
    print(f"| {name} | " + " | ".join(cells) + " |")
    if missed:
        for layout, score in zip(("txt", *LAYOUTS), scores, strict=True):
            if score and score.missed:
                print(f"|   missed in {layout}: {', '.join(score.missed[:12])} | | | | | |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--missed", action="store_true", help="list the first labels missed")
    args = parser.parse_args()
    print("| document | txt | word | columns | toc | landscape |")
    print("|---|---|---|---|---|---|")
    for line in (ZOO / "labels.jsonl").read_text("utf-8").splitlines():
        entry = json.loads(line)
        stem = Path(entry["doc"]).stem
        paths = [ZOO / entry["doc"], *(ZOO / "pdf" / layout / f"{stem}.pdf" for layout in LAYOUTS)]
        row(stem, [label_recall(entry["labels"], labels_of(p)) for p in paths], args.missed)
    for shipped in sorted((ROOT / "corpus").glob("*.pdf")):
        expected = labels_of(shipped)
        paths = [ZOO / "pdf" / "corpus" / layout / shipped.name for layout in LAYOUTS]
        scores = [label_recall(expected, labels_of(p)) if p.exists() else None for p in paths]
        row(f"corpus/{shipped.stem} (vs shipped PDF)", [None, *scores], args.missed)


if __name__ == "__main__":
    main()
