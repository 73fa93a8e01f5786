"""Scanned PDFs: pages without a text layer read by Tesseract, compared with the text layer of the
same pages; --ocr never, a missing Tesseract and the cache; the OCR clean-up on invented text."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ingest import ocr as ocr_module
from ingest.errors import NoTextLayer, OcrUnavailable
from ingest.evaluate import label_recall
from ingest.ocr import OcrOptions, clean_ocr_text, repair_word, usable_text
from ingest.pipeline import read_document, read_documents
from ingest.read import read_file
from ingest.types import Document, FileError
from tests.conftest import CORPUS
from tests.ocr.make_scans import MIXED, PAGES, text_pages

SCANS = Path(__file__).resolve().parent / "ocr" / "scans"
HAVE_TESSERACT = shutil.which("tesseract") is not None and shutil.which("pdftoppm") is not None
needs_tesseract = pytest.mark.skipif(not HAVE_TESSERACT, reason="Tesseract missing: make install-system")


@pytest.fixture(scope="session")
def ocr_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache for the session: each fixture page is OCR'd once however many tests read it."""
    return tmp_path_factory.mktemp("ocr-cache")


def labels(document: Document) -> list[str]:
    return [clause.label for clause in document.clauses]


@needs_tesseract
@pytest.mark.parametrize("stem", sorted(PAGES))
def test_scanned_pages_yield_the_clause_labels_of_the_text_layer(
    stem: str, tmp_path: Path, ocr_cache: Path
) -> None:
    typed = tmp_path / f"{stem}.pdf"
    with typed.open("wb") as handle:
        text_pages(CORPUS / f"{stem}.pdf", PAGES[stem]).write(handle)
    expected = read_document(typed)
    scanned = read_document(SCANS / f"{stem}.scan.pdf", ocr=OcrOptions(cache_dir=ocr_cache))
    score = label_recall(labels(expected), labels(scanned))
    assert score.recall >= 0.90, score.missed
    assert scanned.scanned_pages == (1, 2)
    assert expected.scanned_pages == ()


@needs_tesseract
def test_mixed_pdf_loses_no_page(ocr_cache: Path) -> None:
    stem, scans = MIXED
    typed = read_file(CORPUS / f"{stem}.pdf")
    mixed = read_file(SCANS / "mixed.pdf", ocr=OcrOptions(cache_dir=ocr_cache))
    assert mixed.page_count == typed.page_count
    assert mixed.scanned_pages == scans
    assert {line.page for line in mixed.lines} == {line.page for line in typed.lines}
    for page in scans:  # the scanned pages say what the typed ones did, word for word nearly
        want = Counter(" ".join(ln.text for ln in typed.lines if ln.page == page).lower().split())
        got = Counter(" ".join(ln.text for ln in mixed.lines if ln.page == page).lower().split())
        assert sum((want & got).values()) >= 0.9 * sum(want.values())
    document = read_document(SCANS / "mixed.pdf", ocr=OcrOptions(cache_dir=ocr_cache))
    expected = read_document(CORPUS / f"{stem}.pdf")
    assert label_recall(labels(expected), labels(document)).recall >= 0.90
    assert document.scanned_pages == scans


@needs_tesseract
def test_ocr_always_reads_typed_pages_too(tmp_path: Path) -> None:
    typed = tmp_path / "getypt.pdf"
    with typed.open("wb") as handle:
        text_pages(CORPUS / f"{MIXED[0]}.pdf", (3,)).write(handle)
    assert read_file(typed).scanned_pages == ()
    raw = read_file(typed, ocr=OcrOptions(mode="always", cache_dir=tmp_path / "cache"))
    assert raw.scanned_pages == (1,)
    assert len(raw.lines) >= 10


def test_ocr_never_gives_the_clear_error() -> None:
    with pytest.raises(
        NoTextLayer, match=r"no text layer: run OCR first \(pages 1 and 2 are scanned; --ocr never"
    ):
        read_file(SCANS / "tynaarlo-2023.scan.pdf", ocr=OcrOptions(mode="never"))


def test_missing_tesseract_is_one_line_naming_the_package_and_the_batch_goes_on(tmp_path: Path) -> None:
    options = OcrOptions(tesseract=str(tmp_path / "no-such-tesseract"), cache_dir=tmp_path / "cache")
    files = [SCANS / "westervoort-2022.scan.pdf", CORPUS / "westervoort-2022.pdf"]
    failed, read = list(read_documents(files, ocr=options))
    assert isinstance(failed, FileError) and isinstance(read, Document)
    assert "\n" not in failed.message
    assert failed.message == (
        f"{files[0]}: pages 1 and 2 are scanned and cannot be read: tesseract-ocr not installed "
        "(apt-get install tesseract-ocr tesseract-ocr-nld tesseract-ocr-eng, or make install-system)"
    )
    with pytest.raises(OcrUnavailable, match="tesseract-ocr not installed"):
        read_file(SCANS / "mixed.pdf", ocr=options)


def test_text_pdfs_need_no_tesseract(tmp_path: Path) -> None:
    """Auto OCRs only pages without text that hold an image: the corpus reads as before."""
    options = OcrOptions(tesseract=str(tmp_path / "no-such-tesseract"))
    for path in sorted(CORPUS.glob("*.pdf")):
        assert read_file(path, ocr=options).scanned_pages == ()


@needs_tesseract
def test_reingest_reads_the_cache_not_tesseract(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from index.build import ingest

    scan = tmp_path / "scans" / "westervoort-2022.scan.pdf"
    scan.parent.mkdir()
    shutil.copy(SCANS / scan.name, scan)
    index = tmp_path / "index"
    first = ingest([scan.parent], index)
    assert not first.errors and first.documents[0].scanned_pages == (1, 2)
    assert len(list((index / "ocr").glob("*.json"))) == 1

    def no_ocr(*args: object) -> str:
        raise AssertionError("OCR ran again although its text is cached")

    monkeypatch.setattr(ocr_module, "ocr_page", no_ocr)
    again = ingest([scan.parent], index, rebuild=True)
    assert not again.errors
    assert labels(again.documents[0]) == labels(first.documents[0])


@needs_tesseract
def test_a_citation_of_a_scanned_page_says_so(tmp_path: Path) -> None:
    from index.answer import answer
    from index.build import ingest
    from index.search import Engine

    scan = tmp_path / "scans" / "westervoort-2022.scan.pdf"
    scan.parent.mkdir()
    shutil.copy(SCANS / scan.name, scan)
    index = tmp_path / "index"
    report = ingest([scan.parent], index)
    assert not report.errors
    clause = next(c for c in report.documents[0].clauses if c.kind == "afspraak")
    result = answer(Engine.open(index), " ".join(clause.text.split()[:12]))
    assert result.citations
    assert all("(scan)" in c.short for c in result.citations)  # every page of this file is a scan


def test_cli_ocr_option(tmp_path: Path) -> None:
    from bot.cli import app

    runner = CliRunner()
    result = runner.invoke(
        app, ["ingest", str(SCANS / "zoetermeer-2019.scan.pdf"), "--index", str(tmp_path), "--ocr", "never"]
    )
    assert result.exit_code == 1
    assert "no text layer: run OCR first" in result.output
    result = runner.invoke(app, ["ingest", str(SCANS), "--index", str(tmp_path), "--ocr", "sometimes"])
    assert result.exit_code == 2 and "--ocr takes auto, always, never" in result.output


# --- clean-up, on invented text ----------------------------------------------------------------


def test_l_i_1_confusions_follow_the_documents_own_spelling() -> None:
    words = Counter({"leden": 4, "beleid": 3, "Huurdersbelang": 2, "In": 5, "BouwBelang": 2, "Ieden": 1})
    assert repair_word("Ieden", words) == "leden"
    assert repair_word("1eden", words) == "leden"
    assert repair_word("beIeid", words) == "beleid"
    assert repair_word("Huurdersbe|ang", words) == "Huurdersbelang"
    assert repair_word("BouwlBelang", words) == "BouwBelang"
    assert repair_word("Iets", words) == "Iets"  # no spelling of the document to follow
    assert repair_word("2019", words) == "2019"
    assert repair_word("In", words) == "In"


def test_clean_ocr_text_bullets_blank_lines_and_lone_markers() -> None:
    text = "e De gemeente beIeid\n\n© tweede punt\no Derde punt\ne-mail blijft\n22,\n3.\n„citaat”"
    cleaned = clean_ocr_text(text, Counter({"beleid": 2}))
    assert cleaned.splitlines() == [
        "- De gemeente beleid",
        "- tweede punt",
        "- Derde punt",
        "e-mail blijft",
        "22",
        "3.",
        "„citaat”",
    ]


def test_usable_text() -> None:
    assert not usable_text("Pagina 4 van 22")
    assert not usable_text("~~ |] .. ,, ;; ''" * 10 + "abc")
    assert usable_text("De corporaties bouwen in 2024 honderd sociale huurwoningen in het centrum.")
