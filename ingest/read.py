"""Files → clean lines with page numbers (PDF via pypdf, scanned pages by OCR, plain text in any
common encoding)."""

from __future__ import annotations

import hashlib
import logging
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ingest.asciidoc import SUFFIXES as ASCIIDOC_SUFFIXES
from ingest.asciidoc import asciidoc_markdown, is_asciidoc
from ingest.errors import (
    EmptyFile,
    EncryptedPdf,
    NoTextLayer,
    TooLarge,
    UnreadableFile,
    UnsupportedType,
)
from ingest.html import SUFFIXES as HTML_SUFFIXES
from ingest.html import html_markdown, is_html
from ingest.markdown import SUFFIXES as MARKDOWN_SUFFIXES
from ingest.markdown import is_markdown, plain_markdown
from ingest.ocr import OcrOptions, clean_ocr_text, letters, ocr_pages, page_list, pages_to_ocr, vocabulary
from ingest.types import Line
from ingest.xmldoc import SUFFIXES as XML_SUFFIXES
from ingest.xmldoc import is_xml, xml_text

PDF_SUFFIXES = {".pdf"}
# reStructuredText reads as plain text, HTML as the text a browser shows, XML as its text
MARKUP_SUFFIXES = MARKDOWN_SUFFIXES | HTML_SUFFIXES | ASCIIDOC_SUFFIXES | XML_SUFFIXES
TEXT_SUFFIXES = {".txt", ".text", ".rst"} | MARKUP_SUFFIXES
SUPPORTED_SUFFIXES = PDF_SUFFIXES | TEXT_SUFFIXES

# "Pagina 3 van 8", "Page 3", and OCR's "Pagma 3 van 8", "Pag1na 2 van 8"
PAGE_FOOTER = re.compile(
    r"^\s*(?:(?:pagina|page|blz\.?)\s*\d+(?:\s*(?:van|of|/)\s*\d+)?"
    r"|pag\w{1,4}\s*\d+\s*(?:van|of)\s*\d+)\s*$",
    re.I,
)
# "--- Page 12 ---", "=== Pagina 3 ===": where a converter marked the pages of a text it wrote
PAGE_MARKER = re.compile(
    r"^[ \t]*(?:-{2,}|={2,})[ \t]*(?:page|pagina)[ \t]+\d+[ \t]*(?:-{2,}|={2,})[ \t]*$", re.I | re.M
)
# "¤ 277-1.": the section sign as some OCR and PDF fonts give it (the currency sign "¤" stands
# before a number in no text of ours)
SECTION_SIGN = re.compile(r"¤(?=\s*\d)")
BARE_PAGE_NUMBER = re.compile(r"^\s*[-–]?\s*\d{1,4}\s*[-–]?\s*$")
# OCR and Word bullets at line start: "e ", "» ", "• ", "* ", "o ", "▪ ", "- ".
BULLET = re.compile(r"^\s*(?:[•»▪◦·*●■□➢►–-]|e(?=\s+[a-zA-Z(])|o(?=\s+[A-Z]))\s+")
SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b]+")
LIST_TAB = re.compile(r"^(\(?\d{1,3}[.)°]|\(?[a-zA-Z][.)]|[-•*–])\t+")
CELL_BREAK = re.compile(r"[ \u00a0]*\t[\t \u00a0]*")
# A word printed letter-spaced ("A a n l e i d i n g"), as PDF extraction gives a spaced-out
# heading or caption: five or more letters or letter pairs in a row, most of them single.
LETTER_SPACED = re.compile(r"(?<!\S)(?:[A-Za-zÀ-ÿ]{1,2} ){4,}[A-Za-zÀ-ÿ]{1,2}(?!\S)")
CAMEL = re.compile(r"(?<=[a-zß-ÿ])(?=[A-ZÀ-Þ][a-zß-ÿ])")  # "StructuurvisieInfrastructuur"

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RawText:
    """A file's clean lines, its page count and content hash, and the pages read by OCR."""

    lines: tuple[Line, ...]
    page_count: int
    sha256: str
    scanned_pages: tuple[int, ...] = ()  # 1-based: pages whose text came from OCR, not a text layer


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_file(path: Path, *, max_pages: int = 1500, ocr: OcrOptions | None = None) -> RawText:
    """Read one file into clean lines; raises an IngestError subclass with a usable message.

    A PDF's pages without a usable text layer are read by OCR as `ocr` says (default: "auto",
    no cache)."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        wanted = "use PDF, .txt, .md, .rst, .adoc, .html or .xml"
        raise UnsupportedType(str(path), f"unsupported file type {suffix or '(none)'}: {wanted}")
    if path.stat().st_size == 0:
        raise EmptyFile(str(path), "the file is empty")
    sha256 = file_hash(path)
    scanned: tuple[int, ...] = ()
    if suffix in PDF_SUFFIXES:
        pages, scanned = read_pdf_pages(path, max_pages, ocr or OcrOptions(), sha256)
    else:
        pages = read_text_pages(path)
    if not any(page.strip() for page in pages):
        raise EmptyFile(str(path), "the file holds no text")
    lines = clean_pages(pages)
    return RawText(lines=tuple(lines), page_count=len(pages), sha256=sha256, scanned_pages=scanned)


def read_pdf_pages(
    path: Path, max_pages: int, ocr: OcrOptions | None = None, sha256: str = ""
) -> tuple[list[str], tuple[int, ...]]:
    """The text of each page, and the pages read by OCR (see ingest.ocr for which those are)."""
    ocr = ocr or OcrOptions()
    # Imported here: pypdf is only needed for PDFs and costs start-up time.
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(str(path), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise EncryptedPdf(str(path), "the PDF is encrypted: save an unprotected copy first")
        count = len(reader.pages)
    except (EncryptedPdf, TooLarge):
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, AttributeError) as exc:
        raise UnreadableFile(str(path), f"not a readable PDF ({type(exc).__name__})") from exc
    except Exception as exc:  # pypdf raises many types on corrupt input; name the file, not a trace
        if "crypt" in str(exc).lower() or "password" in str(exc).lower():
            raise EncryptedPdf(str(path), "the PDF is encrypted: save an unprotected copy first") from exc
        raise UnreadableFile(str(path), f"not a readable PDF ({type(exc).__name__})") from exc
    if count > max_pages:
        raise TooLarge(
            str(path),
            f"{count:,} pages is over the limit of {max_pages:,} pages "
            "(raise AFSPRAKEN_MAX_PAGES or split the file)",
        )
    pages: list[str] = []
    for number, page in enumerate(reader.pages, start=1):
        try:
            pages.append(page.extract_text() or "")
        except Exception as exc:  # one broken page should not lose the rest of the document
            log.warning("%s: page %d could not be read (%s)", path.name, number, type(exc).__name__)
            pages.append("")
    wanted = pages_to_ocr(list(reader.pages), pages, ocr.mode)
    if ocr.mode == "never" and sum(letters(p) for p in pages) < 20 * max(1, count // 10):
        scans = pages_to_ocr(list(reader.pages), pages, "auto")
        if scans:
            raise NoTextLayer(
                str(path), f"no text layer: run OCR first ({page_list(scans)} scanned; --ocr never was given)"
            )
    read = ocr_pages(path, wanted, sha256, ocr)
    if read:
        words = vocabulary([text for n, text in enumerate(pages, 1) if n not in read] + list(read.values()))
        for number, text in read.items():
            pages[number - 1] = clean_ocr_text(text, words)
    if count and sum(len(p.strip()) for p in pages) < 20 * max(1, count // 10):
        raise NoTextLayer(str(path), "no text layer, and no page image to read by OCR")
    return pages, tuple(sorted(read))


def read_text_pages(path: Path) -> list[str]:
    text = SECTION_SIGN.sub("§", decode_text(path.read_bytes(), str(path)))
    if is_xml(path.name, text):
        text = xml_text(text)
    elif is_html(path.name, text):
        text = plain_markdown(html_markdown(text))
    elif is_asciidoc(path.name, text):
        text = plain_markdown(asciidoc_markdown(text))
    elif is_markdown(path.name, text):
        text = plain_markdown(text)
    return split_text_pages(text)


def decode_text(data: bytes, name: str) -> str:
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(codec)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or b"\x00" in data[:4096]:
        raise UnreadableFile(name, "not a text file in a known encoding")
    return str(best)


def split_text_pages(text: str) -> list[str]:
    """Pages of a .txt: a form feed (as pdftotext writes) ends a page, and so does a converter's
    page marker ("--- Page 12 ---") in a text without form feeds; nothing else does: an indented
    line is just an indented line. A break closing the file opens no empty page."""
    if "\f" not in text and len(PAGE_MARKER.findall(text)) >= 2:
        text = PAGE_MARKER.sub("\f", text)
        if not text.split("\f", 1)[0].strip():  # the first marker opens the first page
            text = text.split("\f", 1)[1]
    pages = text.split("\f")
    if len(pages) > 1 and not pages[-1].strip():
        pages.pop()
    return pages


def clean_pages(pages: list[str]) -> list[Line]:
    """Drop running headers/footers, join hyphenated words, normalise bullets and spaces."""
    raw_pages = [page.splitlines() for page in pages]
    page_lines = [[normalise_line(raw) for raw in page] for page in raw_pages]
    repeated = running_lines(page_lines)
    lines: list[Line] = []
    for number, (raw_page, page) in enumerate(zip(raw_pages, page_lines, strict=True), start=1):
        content = [text for text in page if text]
        position = -1
        gap = True  # a page starts after a break
        for raw, text in zip(raw_page, page, strict=True):
            if not text:
                gap = True
                continue
            position += 1
            if PAGE_FOOTER.match(text) or text in repeated or shape(text) in repeated:
                continue
            at_edge = position in (0, len(content) - 1)
            if at_edge and BARE_PAGE_NUMBER.match(text) and text.strip("-– ") == str(number):
                continue
            indent = len(raw.expandtabs(4)) - len(raw.expandtabs(4).lstrip())
            lines.append(Line(text, number, indent, gap))
            gap = False
    return join_hyphenated(lines)


def normalise_line(raw: str) -> str:
    """One line, its spaces collapsed; TAB-separated cells of a table row kept apart as "a | b",
    but for the TAB after a list's number or bullet ("1.<TAB>De vereniging …")."""
    stripped = LIST_TAB.sub(r"\1 ", raw.strip())
    text = CELL_BREAK.sub(" | ", stripped) if "\t" in stripped else raw
    text = SPACES.sub(" ", text).strip()
    text = SECTION_SIGN.sub("§", BULLET.sub("- ", text, count=1))
    return LETTER_SPACED.sub(joined_letters, text.replace("\u00ad", ""))


def joined_letters(match: re.Match[str]) -> str:
    """A letter-spaced run as words: its letters joined, a capital after a small letter starting
    the next word (the spacing between words is lost). Short words in a row ("u en ik er zo") are
    ordinary text: most letters of a spaced run stand alone."""
    letters = match.group().split()
    if sum(len(letter) == 1 for letter in letters) < 0.7 * len(letters):
        return match.group()
    return CAMEL.sub(" ", "".join(letters))


def shape(text: str) -> str:
    return re.sub(r"\d+", "#", text.lower())


def running_lines(page_lines: list[list[str]]) -> set[str]:
    """Lines at the top or bottom of most pages (titles, page numbers) are furniture, not text."""
    if len(page_lines) < 3:
        return set()
    counts: Counter[str] = Counter()
    for page in page_lines:
        content = [line for line in page if line]
        # Exact repeats at a page's edges, or short ones that differ only in their numbers.
        edge = {line for line in content[:2] + content[-2:] if len(line) < 120}
        edge |= {shape(line) for line in content[:2] + content[-2:] if len(line.split()) <= 5}
        counts.update(edge)
    threshold = max(3, int(0.6 * len(page_lines)))
    return {text for text, count in counts.items() if count >= threshold}


def join_hyphenated(lines: list[Line]) -> list[Line]:
    """Join words hyphenated across lines: "voorlichtings-" + "bijeenkomst" → one word.

    A capital after the hyphen ("Noord-" + "Brabant") keeps the hyphen.
    """
    out: list[Line] = []
    for line in lines:
        previous = out[-1] if out else None
        if previous and re.search(r"[a-zà-ÿ]-$", previous.text) and re.match(r"^[a-zà-ÿA-Z]", line.text):
            head = previous.text[:-1] if line.text[0].islower() else previous.text
            first, _, rest = line.text.partition(" ")
            out[-1] = Line(head + first, previous.page, previous.indent, previous.gap)
            if rest:  # keep the line breaks: paragraph detection reads line lengths
                out.append(Line(rest, line.page, line.indent))
            continue
        out.append(line)
    return out
