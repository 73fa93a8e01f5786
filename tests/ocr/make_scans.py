"""Scanned fixtures from the shipped corpus: pages rendered to 200-dpi grey images, turned a little
and speckled as a scanner would, assembled into image-only PDFs (no text layer at all).

    .venv/bin/python tests/ocr/make_scans.py            # the committed fixtures (a few pages each)
    .venv/bin/python tests/ocr/make_scans.py --all OUT  # every page of every corpus PDF (bench)

Writes, per corpus PDF, `<stem>.scan.pdf` (the chosen pages as images) and `<stem>.text.pdf` is
*not* written: tests cut the same pages from the corpus PDF with `text_pages()`. Plus one mixed PDF,
`mixed.pdf`: a typed document with two of its pages replaced by scans. Deterministic: a seed per
page, so re-running gives the same files.
"""

from __future__ import annotations

import argparse
import io
import subprocess
import tempfile
from pathlib import Path

import numpy as np
from PIL import Image
from pypdf import PdfReader, PdfWriter

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
HERE = Path(__file__).resolve().parent

# A few pages per document, chosen for their numbered clauses (OCR is slow on 2 cores).
PAGES = {
    "leidschendam-voorburg-2026-2029": (5, 7),
    "tynaarlo-2023": (9, 15),
    "westervoort-2022": (3, 6),
    "zoetermeer-2019": (2, 8),
    "zoetermeer-rekenkamer-2017": (46, 77),
}
MIXED = ("westervoort-2022", (4, 6))  # the document, and the pages replaced by scans
DPI = 200
JPEG_QUALITY = 55


def render(pdf: Path, page: int, dpi: int = DPI) -> Image.Image:
    """One page as a grey image, by pdftoppm (poppler-utils)."""
    with tempfile.TemporaryDirectory() as tmp:
        stem = Path(tmp) / "page"
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                str(dpi),
                "-gray",
                "-png",
                "-singlefile",
                "-f",
                str(page),
                "-l",
                str(page),
                str(pdf),
                str(stem),
            ],
            check=True,
        )
        with Image.open(stem.with_suffix(".png")) as image:
            return image.convert("L").copy()


def scanned(image: Image.Image, seed: int) -> Image.Image:
    """A scanner's look: turned by up to 0.8°, a grey paper tone, sensor noise and a few specks."""
    rng = np.random.default_rng(seed)
    angle = float(rng.uniform(0.3, 0.8) * rng.choice([-1, 1]))
    turned = image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    pixels = np.asarray(turned, dtype=np.float32) * 0.92 + 12  # paper is not pure white
    pixels += rng.normal(0, 6, pixels.shape)
    specks = rng.random(pixels.shape) < 0.0004
    pixels[specks] = rng.uniform(40, 160, int(specks.sum()))
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "L")


def image_pdf(images: list[Image.Image], dpi: int = DPI) -> bytes:
    """Image-only PDF pages, each a JPEG at `dpi` (so the page keeps its A4 size)."""
    buffer = io.BytesIO()
    first, *rest = images
    first.save(buffer, "PDF", save_all=True, append_images=rest, resolution=dpi, quality=JPEG_QUALITY)
    return buffer.getvalue()


def scan_pages(pdf: Path, pages: tuple[int, ...] | range) -> bytes:
    return image_pdf([scanned(render(pdf, n), seed=1000 * n + len(pdf.stem)) for n in pages])


def text_pages(pdf: Path, pages: tuple[int, ...] | range) -> PdfWriter:
    """The same pages with their text layer, cut from the corpus PDF (for comparison)."""
    reader = PdfReader(pdf)
    writer = PdfWriter()
    for n in pages:
        writer.add_page(reader.pages[n - 1])
    return writer


def mixed_pdf(pdf: Path, scans: tuple[int, ...]) -> bytes:
    """The whole typed document, with the pages in `scans` replaced by their scanned images."""
    reader = PdfReader(pdf)
    scan_reader = PdfReader(io.BytesIO(scan_pages(pdf, scans)))
    writer = PdfWriter()
    for n, page in enumerate(reader.pages, start=1):
        writer.add_page(scan_reader.pages[scans.index(n)] if n in scans else page)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", type=Path, metavar="OUT", help="scan every page into OUT (bench)")
    args = parser.parse_args()
    if args.all:
        args.all.mkdir(parents=True, exist_ok=True)
        for pdf in sorted(CORPUS.glob("*.pdf")):
            count = len(PdfReader(pdf).pages)
            (args.all / pdf.name).write_bytes(scan_pages(pdf, range(1, count + 1)))
            print(f"{pdf.name}: {count} pages scanned")
        return
    out = HERE / "scans"
    out.mkdir(exist_ok=True)
    for stem, pages in PAGES.items():
        path = out / f"{stem}.scan.pdf"
        path.write_bytes(scan_pages(CORPUS / f"{stem}.pdf", pages))
        print(f"{path.relative_to(ROOT)}: pages {pages}, {path.stat().st_size // 1024} KB")
    stem, scans = MIXED
    path = out / "mixed.pdf"
    path.write_bytes(mixed_pdf(CORPUS / f"{stem}.pdf", scans))
    print(f"{path.relative_to(ROOT)}: {stem} with pages {scans} scanned, {path.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
