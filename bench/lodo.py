"""Leave-one-document-out over every document with questions: are the ranking constants general?

    python bench/lodo.py [--set INDEX=EVAL ...] [--grid NAME=V1,V2 ...] [--out FILE]

Each set is an index and the questions about its documents: by default the corpus index with
../shared/eval/dev.jsonl and bench/own_questions.jsonl, and the corpus-more index with
../shared/corpus-more/questions.jsonl (eleven documents; `make bench-quality` builds both), or one
index of all of them (`--set bench/out/idx-all=dev.jsonl,questions.jsonl`).
Each ranking of the grid is scored once by retrieval only (recall@5, MRR@10 of the passages
`Engine.search` returns);
then per document the ranking with the best mean(recall@5, MRR@10) on the questions of all the
*other* documents is chosen and measured on that document's questions. The worst held-out
document is what the constants are judged by.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from collections.abc import Sequence
from dataclasses import fields, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.quality import RememberingEmbedder  # noqa: E402
from index.evaluate import EvalItem, has_evidence, load_items  # noqa: E402
from index.search import Engine, Ranking  # noqa: E402

SHARED = ROOT.parent / "shared"
OUT = ROOT / "bench" / "out"
DEFAULT_SETS = (  # the indexes `make bench-quality` builds
    f"{OUT / 'index'}={SHARED / 'eval' / 'dev.jsonl'},{ROOT / 'bench' / 'own_questions.jsonl'}",
    f"{OUT / 'idx-more'}={SHARED / 'corpus-more' / 'questions.jsonl'}",
)
# Each weight beside the shipped value and one alternative it was chosen over (2 ** 9 = 512
# rankings); the wider sweeps behind each choice are in the comments of index.search.Ranking.
DEFAULT_GRID = {
    "passage_weight": (0.2, 0.3),
    "lexical_weight": (0.5, 1.0),
    "english_lexical_weight": (1.0, 2.0),
    "dutch_on_english_weight": (0.5, 1.0),
    "dictionary_weight": (0.5, 1.0),
    "english_forms_weight": (0.0, 1.0),
    "named_document_boost": (1.0, 2.0),
    "language_centering": (0.0, 1.0),
    "score_share": (0.0, 0.15),
}


def ranks(engines: Sequence[Engine], items: Sequence[EvalItem], ranking: Ranking) -> list[int | None]:
    """Each question's rank on its own set's index (`engines[i]` for `items[i]`: two sets may use
    the same question ids)."""
    found = []
    for item, engine in zip(items, engines, strict=True):
        engine.ranking = ranking
        hits = engine.search(engine.understand(item.question), k=10)
        found.append(next((h.rank for h in hits if has_evidence(h.passage, item.evidence)), None))
    return found


def figures(found: Sequence[int | None]) -> tuple[float, float]:
    if not found:
        return float("nan"), float("nan")
    recall = sum(r is not None and r <= 5 for r in found) / len(found)
    mrr = sum(1 / r for r in found if r) / len(found)
    return recall, mrr


def parse_grid(specs: Sequence[str]) -> dict[str, tuple[object, ...]]:
    if not specs:
        return DEFAULT_GRID
    types = {f.name: f.type for f in fields(Ranking)}
    grid: dict[str, tuple[object, ...]] = {}
    for spec in specs:
        name, _, values = spec.partition("=")
        kind = {"int": int, "float": float, "bool": lambda v: v.lower() in ("1", "true", "yes")}[
            str(types[name])
        ]
        grid[name] = tuple(kind(v) for v in values.split(","))
    return grid


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", nargs="*", default=list(DEFAULT_SETS), help="INDEX=EVAL[,EVAL…]")
    parser.add_argument("--grid", nargs="*", default=[], help="NAME=V1,V2 (default: the fusion grid)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "lodo.md")
    args = parser.parse_args()

    items: list[EvalItem] = []
    engines: list[Engine] = []
    for spec in args.set:
        index, _, evals = spec.partition("=")
        engine = Engine.open(Path(index)).warm()
        engine.embedder = RememberingEmbedder(engine.embedder)
        indexed = {d.id for d in engine.documents}
        for path in evals.split(","):
            for item in load_items(Path(path)):
                if item.kind == "unanswerable" or not item.evidence:
                    continue
                if Path(item.doc).stem not in indexed:
                    raise SystemExit(f"the index at {index} lacks {item.doc}: ingest it first")
                items.append(item)
                engines.append(engine)
    docs = sorted({Path(i.doc).stem for i in items})
    grid = parse_grid(args.grid)
    default = Ranking()
    rankings = [
        replace(default, **dict(zip(grid, values, strict=True)))
        for values in itertools.product(*grid.values())
    ]
    if default not in rankings:
        rankings.insert(0, default)
    start = time.perf_counter()
    scored = {r: ranks(engines, items, r) for r in rankings}
    print(f"{len(rankings)} rankings × {len(items)} questions in {time.perf_counter() - start:.0f} s")

    def of(ranking: Ranking, keep) -> list[int | None]:
        return [r for r, item in zip(scored[ranking], items, strict=True) if keep(item)]

    def changed(ranking: Ranking) -> str:
        return ", ".join(
            f"{n}={getattr(ranking, n)}" for n in grid if getattr(ranking, n) != getattr(default, n)
        )

    lines = ["| held-out document | questions | recall@5 | MRR@10 | defaults: recall@5 | defaults: MRR@10 | chosen on the others |",
             "|---|---|---|---|---|---|---|"]  # fmt: skip
    worst: tuple[float, float, str] | None = None
    for doc in docs:

        def train(item: EvalItem, held: str = doc) -> bool:
            return Path(item.doc).stem != held

        def test(item: EvalItem, held: str = doc) -> bool:
            return Path(item.doc).stem == held

        best = max(rankings, key=lambda r: (sum(figures(of(r, train))), -len(changed(r))))
        recall, mrr = figures(of(best, test))
        d_recall, d_mrr = figures(of(default, test))
        lines.append(
            f"| {doc} | {len(of(best, test))} | {recall:.2f} | {mrr:.2f} | {d_recall:.2f} | {d_mrr:.2f} | "
            f"{changed(best) or 'defaults'} |"
        )
        if worst is None or (recall, mrr) < worst[:2]:
            worst = (recall, mrr, doc)
    assert worst is not None
    lines.append(f"\nworst held-out document: {worst[2]} — recall@5 {worst[0]:.2f}, MRR@10 {worst[1]:.2f}")
    lines.append(
        "\n| ranking | recall@5 all | MRR all | recall@5 en | MRR en | recall@5 nl | MRR nl |\n|---|---|---|---|---|---|---|"
    )
    for ranking in sorted(rankings, key=lambda r: -sum(figures(scored[r]))):
        cells = [figures(of(ranking, lambda i: True))]
        cells += [figures(of(ranking, lambda i, lang=lang: i.lang == lang)) for lang in ("en", "nl")]
        lines.append(
            f"| {changed(ranking) or 'defaults'} | "
            + " | ".join(f"{a:.2f} | {b:.2f}" for a, b in cells)
            + " |"
        )
    text = "\n".join(lines)
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text + "\n", "utf-8")


if __name__ == "__main__":
    main()
