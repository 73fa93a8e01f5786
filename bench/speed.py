"""Speed: ingest pages/s and chunks/s, warm and cold query latency, and a 100,000-clause scale run.

    python bench/speed.py [--eval ../shared/eval/dev.jsonl] [--scale 100000]

Writes a markdown summary to bench/out/speed.md as well as printing it.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from index.answer import answer  # noqa: E402
from index.build import ingest  # noqa: E402
from index.compare import compare  # noqa: E402
from index.retrievers import HNSW_EF_SEARCH, HNSW_M, build_bm25, build_faiss  # noqa: E402
from index.search import Engine  # noqa: E402
from index.store import Snapshot, load_snapshot  # noqa: E402

DEFAULT_QUESTIONS = [
    "What did Vestia agree on sales?",
    "Wanneer moet de doorstroommakelaar starten?",
    "Wie betaalt de buurtbemiddeling in Tynaarlo?",
    "Hoeveel sociale huurwoningen bouwen de corporaties?",
    "What is agreed about rent increases in Leidschendam-Voorburg?",
    "Welke afspraken zijn er over verduurzaming?",
]


def questions_from(path: Path | None) -> list[str]:
    if path and path.exists():
        import json

        return [json.loads(line)["question"] for line in path.read_text("utf-8").splitlines() if line.strip()]
    return DEFAULT_QUESTIONS


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * (len(ordered) - 1) + 0.5))]


def bench_ingest(index: Path) -> dict[str, float]:
    embedded: list[int] = []
    started = time.perf_counter()
    report = ingest([ROOT / "corpus"], index, rebuild=True, on_embedded=embedded.append)
    seconds = time.perf_counter() - started
    pages = sum(d.page_count for d in report.documents)
    chunks = sum(embedded)
    read_started = time.perf_counter()
    from ingest.pipeline import collect_files, read_documents

    files, _ = collect_files([ROOT / "corpus"])
    list(read_documents(files))
    read_seconds = time.perf_counter() - read_started
    return {
        "pages": pages,
        "chunks": chunks,
        "seconds": seconds,
        "pages_per_s": pages / seconds,
        "chunks_per_s": chunks / max(seconds - read_seconds, 1e-9),
        "read_pages_per_s": pages / read_seconds,
    }


def forget_queries(engine: Engine) -> None:
    """Clear the query-vector cache, so every timing includes embedding the question."""
    clear = getattr(getattr(engine.embedder, "_query", None), "cache_clear", None)
    if clear:
        clear()


def bench_queries(engine: Engine, questions: list[str], rounds: int = 3) -> dict[str, float]:
    answer(engine, questions[0])  # warm: the first call loads the model's and the index's caches
    timings = []
    for _ in range(rounds):
        forget_queries(engine)
        for question in questions:
            started = time.perf_counter()
            answer(engine, question)
            timings.append(1000 * (time.perf_counter() - started))
    return {"p50_ms": statistics.median(timings), "p95_ms": percentile(timings, 0.95), "n": len(timings)}


def bench_cold(index: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "bot.cli", "ask", "What did Vestia agree on sales?", "--index", str(index)],
        check=True, capture_output=True, cwd=ROOT,
    )  # fmt: skip
    return time.perf_counter() - started


def synthetic(snapshot: Snapshot, size: int, seed: int = 7) -> Snapshot:
    """Recombined clauses: sentences of real clauses mixed, with their real vectors slightly moved."""
    rng = random.Random(seed)
    noise = np.random.default_rng(seed)
    sources = list(snapshot.chunks)
    sentences = [s for c in sources for s in c.text.split(". ") if len(s) > 30]
    chunks, vectors = [], np.empty((size, snapshot.vectors.shape[1]), dtype=np.float32)
    for row in range(size):
        base, other = rng.randrange(len(sources)), rng.randrange(len(sources))
        text = " ".join([sources[base].text[:400], *rng.sample(sentences, 2)])
        chunks.append(replace(sources[base], id=f"syn{row}", clause_id=f"syn{row}", unit="", text=text))
        # A recombined clause sits between the two it was made from, not on top of one of them.
        mix = rng.uniform(0.5, 0.9)
        vector = mix * snapshot.vectors[base] + (1 - mix) * snapshot.vectors[other]
        vector = vector + noise.normal(0, 0.02, snapshot.vectors.shape[1])
        vectors[row] = vector / np.linalg.norm(vector)
    return replace(snapshot, chunks=tuple(chunks), vectors=vectors)


def copied_documents(engine: Engine, copies: int) -> Engine:
    """The corpus copied under new ids (vectors moved a little): about 100 documents, as a
    regional comparison would search."""
    snapshot = engine.snapshot
    noise = np.random.default_rng(7)
    documents, chunks, vectors = [], [], []
    for copy in range(copies):
        documents += [
            replace(d, id=f"{d.id}-{copy}", municipality=f"{d.municipality} {copy}")
            for d in snapshot.documents
        ]
        for row, chunk in enumerate(snapshot.chunks):
            chunks.append(replace(chunk, id=f"{chunk.id}-{copy}", doc_id=f"{chunk.doc_id}-{copy}"))
            vector = snapshot.vectors[row] + noise.normal(0, 0.01, snapshot.vectors.shape[1])
            vectors.append(vector / np.linalg.norm(vector))
    matrix = np.vstack(vectors).astype(np.float32)
    big = replace(snapshot, documents=tuple(documents), chunks=tuple(chunks), vectors=matrix)
    return Engine(big, engine.embedder, build_faiss(matrix), build_bm25(chunks), engine.party_aliases).warm()


def bench_compare(
    engine: Engine, topics: tuple[str, ...] = ("huurverhoging", "buurtbemiddeling")
) -> dict[str, float]:
    """`afspraken compare` over ~100 documents, warm (each topic embedded once before)."""
    big = copied_documents(engine, copies=20)
    for topic in topics:
        compare(big, topic)
    times = []
    for topic in topics:
        started = time.perf_counter()
        compare(big, topic)
        times.append(time.perf_counter() - started)
    return {"documents": len(big.documents), "max_s": max(times)}


def dense_comparison(vectors: np.ndarray, queries: np.ndarray) -> dict[str, float]:
    """Exact search and the shipped HNSW on the same vectors: time per query, HNSW's recall@10."""
    exact = build_faiss(vectors, approximate=False).index
    started = time.perf_counter()
    hnsw = build_faiss(vectors, approximate=True).index
    figures: dict[str, float] = {"hnsw_build_s": time.perf_counter() - started}
    found = {}
    for name, index in (("exact", exact), ("hnsw", hnsw)):
        started = time.perf_counter()
        _, found[name] = index.search(queries, 10)
        figures[f"{name}_ms"] = 1000 * (time.perf_counter() - started) / len(queries)
    pairs = zip(found["exact"], found["hnsw"], strict=True)
    figures["hnsw_recall@10"] = float(np.mean([len(set(t) & set(a)) / 10 for t, a in pairs]))
    return figures


def bench_scale(
    snapshot: Snapshot, engine: Engine, questions: list[str], size: int, out: Path
) -> dict[str, float]:
    big = synthetic(snapshot, size)
    started = time.perf_counter()
    dense = build_faiss(big.vectors)
    dense_seconds = time.perf_counter() - started
    started = time.perf_counter()
    lexical = build_bm25(big.chunks)
    lexical_seconds = time.perf_counter() - started
    out.mkdir(parents=True, exist_ok=True)
    dense.save(out / "dense.faiss")
    lexical.save(out / "bm25")
    np.save(out / "vectors.npy", big.vectors)
    size_mb = sum(f.stat().st_size for f in out.rglob("*") if f.is_file()) / 1e6
    scaled = Engine(big, engine.embedder, dense, lexical, engine.party_aliases)
    queries = np.vstack([engine.embedder.query(q) for q in questions]).astype(np.float32)
    comparison = dense_comparison(big.vectors, queries)
    forget_queries(engine)
    timings = []
    for question in questions:
        started = time.perf_counter()
        scaled.search(scaled.understand(question))
        timings.append(1000 * (time.perf_counter() - started))
    return {
        "clauses": size,
        "faiss": type(dense.index).__name__,
        "build_dense_s": dense_seconds,
        "build_bm25_s": lexical_seconds,
        "index_mb": size_mb,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "search_p50_ms": statistics.median(timings),
        "search_p95_ms": percentile(timings, 0.95),
        **comparison,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval" / "dev.jsonl")
    parser.add_argument("--scale", type=int, default=100_000)
    args = parser.parse_args()
    questions = questions_from(args.eval)
    with tempfile.TemporaryDirectory() as tmp:
        index = Path(tmp) / "index"
        ingest_figures = bench_ingest(index)
        engine = Engine.open(index)
        warm = bench_queries(engine, questions)
        cold = bench_cold(index)
        compared = bench_compare(engine)
        scale = bench_scale(load_snapshot(index), engine, questions, args.scale, Path(tmp) / "scale")
    lines = [
        "| measure | value |",
        "|---|---|",
        f"| ingest corpus/ ({ingest_figures['pages']:.0f} pages, {ingest_figures['chunks']:.0f} chunks) "
        f"| {ingest_figures['seconds']:.1f} s: {ingest_figures['pages_per_s']:.1f} pages/s overall, "
        f"{ingest_figures['read_pages_per_s']:.1f} pages/s reading, {ingest_figures['chunks_per_s']:.1f} chunks/s embedding |",
        f"| warm answer latency ({warm['n']:.0f} questions) | p50 {warm['p50_ms']:.1f} ms, p95 {warm['p95_ms']:.1f} ms |",
        f"| cold `afspraken ask` (new process, load index and model) | {cold:.2f} s |",
        f"| `compare` over {compared['documents']} documents, warm | {compared['max_s']:.2f} s |",
        f"| scale: {scale['clauses']:,} synthetic clauses, FAISS {scale['faiss']} | dense build {scale['build_dense_s']:.1f} s, "
        f"BM25 build {scale['build_bm25_s']:.1f} s, index {scale['index_mb']:.0f} MB on disk, "
        f"peak RSS {scale['peak_rss_mb']:.0f} MB |",
        f"| scale: search latency | p50 {scale['search_p50_ms']:.1f} ms, p95 {scale['search_p95_ms']:.1f} ms |",
        f"| scale: dense search alone | exact {scale['exact_ms']:.1f} ms/query; HNSW (M={HNSW_M}, efSearch={HNSW_EF_SEARCH}) "
        f"{scale['hnsw_ms']:.2f} ms/query, built in {scale['hnsw_build_s']:.0f} s, recall@10 {scale['hnsw_recall@10']:.3f} of exact |",
    ]
    table = "\n".join(lines)
    print(table)
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "speed.md").write_text(table + "\n", "utf-8")


if __name__ == "__main__":
    main()
