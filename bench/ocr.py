"""OCR bench: every page of the corpus PDFs scanned (tests/ocr/make_scans.py), then read by OCR.

    python bench/ocr.py [--eval ../shared/eval/dev.jsonl] [--no-eval] [--wrappers]

Reports OCR speed (pages/s on this machine's cores) and its share of an ingest, the clause labels
of each scanned document found in order against its text layer (ingest.evaluate.label_recall),
and recall@5 of the eval questions on the scanned index against the text index. --wrappers adds
the measurement behind the choice of wrapper: pytesseract on pdftoppm renders against ocrmypdf
(if installed) on the fixture pages, speed and word similarity to the text layer.
Writes bench/out/ocr.md as well as printing it.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from difflib import SequenceMatcher
from pathlib import Path

from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from index.answer import answer  # noqa: E402
from index.build import ingest  # noqa: E402
from index.evaluate import Report, load_items, score_item  # noqa: E402
from index.search import Engine  # noqa: E402
from ingest.evaluate import label_recall  # noqa: E402
from ingest.ocr import OcrOptions  # noqa: E402
from ingest.pipeline import read_document  # noqa: E402
from tests.ocr.make_scans import PAGES, scan_pages  # noqa: E402

CORPUS = ROOT / "corpus"
OUT = ROOT / "bench" / "out"


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def scan_corpus(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for pdf in sorted(CORPUS.glob("*.pdf")):
        target = out / pdf.name
        if not target.exists():  # rendering with noise is slow too: kept between runs
            target.write_bytes(scan_pages(pdf, range(1, len(PdfReader(pdf).pages) + 1)))


def eval_recall(index: Path, questions: Path) -> float:
    engine = Engine.open(index)
    report = Report()
    for item in load_items(questions):
        report.scores.append(score_item(item, answer(engine, item.question)))
    return report.rows()["all"]["recall@5"]


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, words(a), words(b), autojunk=False).ratio()


def compare_wrappers(lines: list[str]) -> None:
    """pytesseract on pdftoppm's renders vs ocrmypdf, on the fixture pages."""
    from ingest.ocr import ocr_page

    scans = ROOT / "tests" / "ocr" / "scans"
    truth = {}
    for stem, pages in PAGES.items():
        reader = PdfReader(CORPUS / f"{stem}.pdf")
        for i, n in enumerate(pages, start=1):
            truth[(stem, i)] = reader.pages[n - 1].extract_text()
    workers = os.cpu_count() or 1
    options = OcrOptions(workers=workers)
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    from concurrent.futures import ThreadPoolExecutor

    results = {}
    cpu, started = children_cpu(), time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        futures = {k: pool.submit(ocr_page, scans / f"{k[0]}.scan.pdf", k[1], 200, options) for k in truth}
        results["pytesseract + pdftoppm"] = (
            {k: f.result() for k, f in futures.items()},
            time.perf_counter() - started,
            children_cpu() - cpu,
        )
    if shutil.which("ocrmypdf"):
        texts = {}
        cpu, started = children_cpu(), time.perf_counter()
        with tempfile.TemporaryDirectory() as tmp:
            for stem in PAGES:
                out = Path(tmp) / f"{stem}.pdf"
                subprocess.run(
                    [
                        "ocrmypdf",
                        "-q",
                        "-l",
                        "nld+eng",
                        "--jobs",
                        str(workers),
                        "--output-type",
                        "pdf",
                        "-O0",
                        str(scans / f"{stem}.scan.pdf"),
                        str(out),
                    ],
                    check=True,
                )
                for i, page in enumerate(PdfReader(out).pages, start=1):
                    texts[(stem, i)] = page.extract_text()
        results["ocrmypdf"] = (texts, time.perf_counter() - started, children_cpu() - cpu)
    else:
        lines.append("(ocrmypdf not installed: apt-get install ocrmypdf to compare)")
    lines += [
        "",
        "| wrapper | pages/s | CPU s/page | word similarity to text layer (mean, min) |",
        "|---|---|---|---|",
    ]
    for name, (texts, wall, cpu_s) in results.items():
        sims = [similarity(truth[k], texts[k]) for k in truth]
        lines.append(
            f"| {name} | {len(truth) / wall:.2f} | {cpu_s / len(truth):.2f} | "
            f"{sum(sims) / len(sims):.3f}, {min(sims):.3f} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval" / "dev.jsonl")
    parser.add_argument("--no-eval", action="store_true")
    parser.add_argument("--wrappers", action="store_true")
    parser.add_argument("--work", type=Path, default=OUT / "ocr")
    args = parser.parse_args()
    scanned_dir = args.work / "scans" / "corpus"  # same file names: same document ids as the corpus
    started = time.perf_counter()
    scan_corpus(scanned_dir)
    print(f"scanned the corpus in {time.perf_counter() - started:.0f} s", flush=True)

    lines = [f"# OCR bench ({os.cpu_count()} cores)", ""]
    lines += ["| document | pages | OCR s | pages/s | clause labels (scan / text) | recall in order |"]
    lines += ["|---|---|---|---|---|---|"]
    total_pages = total_ocr = total_text = 0.0
    found = expected = 0
    cache = args.work / "cache"
    shutil.rmtree(cache, ignore_errors=True)  # every page read by Tesseract, then kept for the index
    for pdf in sorted(CORPUS.glob("*.pdf")):
        t = time.perf_counter()
        typed = read_document(pdf)
        total_text += time.perf_counter() - t
        t = time.perf_counter()
        scanned = read_document(scanned_dir / pdf.name, ocr=OcrOptions(cache_dir=cache))
        seconds = time.perf_counter() - t
        score = label_recall([c.label for c in typed.clauses], [c.label for c in scanned.clauses])
        found, expected = found + score.found, expected + score.expected
        total_pages += scanned.page_count
        total_ocr += seconds
        lines.append(
            f"| {pdf.stem} | {scanned.page_count} | {seconds:.0f} | {scanned.page_count / seconds:.2f} | "
            f"{len(scanned.clauses)} / {len(typed.clauses)} | {score.recall:.3f} |"
        )
        print(lines[-1], flush=True)
    lines += [
        "",
        f"OCR: {total_pages:.0f} pages in {total_ocr:.0f} s = **{total_pages / total_ocr:.2f} pages/s**; "
        f"clause labels found in order: **{found / expected:.3f}** ({found}/{expected}).",
    ]
    if not args.no_eval and args.eval.exists():
        text_index, scan_index = args.work / "idx-text", args.work / "idx-scan"
        for index in (text_index, scan_index):  # fresh: an old index's vectors would be reused
            shutil.rmtree(index, ignore_errors=True)
        t = time.perf_counter()
        ingest([CORPUS], text_index, rebuild=True)
        text_ingest = time.perf_counter() - t
        t = time.perf_counter()
        ingest([scanned_dir], scan_index, rebuild=True, ocr=OcrOptions(cache_dir=cache))  # OCR cached
        rest = time.perf_counter() - t
        ocr_only = total_ocr - total_text  # reading the scans less reading the same text layers
        text_recall, scan_recall = eval_recall(text_index, args.eval), eval_recall(scan_index, args.eval)
        lines += [
            f"Ingest of the corpus: text layer {text_ingest:.0f} s; scanned {ocr_only + rest:.0f} s, "
            f"of which OCR {ocr_only:.0f} s (**{100 * ocr_only / (ocr_only + rest):.0f}%**).",
            f"`{args.eval.name}` recall@5: text index {text_recall:.3f}, scanned index {scan_recall:.3f} "
            f"({100 * (scan_recall - text_recall):+.1f} points).",
        ]
    if args.wrappers:
        compare_wrappers(lines)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "ocr.md").write_text("\n".join(lines) + "\n", "utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
