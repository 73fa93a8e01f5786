"""Render the zoo's .txt agreements, and the five corpus texts, as PDFs in four layouts.

Run by hand, never by the tests (they read the committed PDFs, so CI needs no LibreOffice):

    apt-get install -y libreoffice-writer
    .venv/bin/pip install python-docx          # for this script only, not a project dependency
    .venv/bin/python tests/zoo/make_zoo.py --corpus ../shared/corpus

Layouts: "word" (heading styles, Word tables, running header and "Pagina N van M" footer),
"columns" (two newspaper columns), "toc" (cover page and a table of contents with page numbers)
and "landscape" (landscape pages). Each .txt page (form feed) starts a new page in the PDF.

The corpus texts are pdftotext output without form feeds: a line opening with one space starts a
page there (split_pages). Their footnotes become real Word footnotes (numbered as printed, at the
foot of the page where their marker lands), their markers superscripts glued to the word.
`--corpus DIR --no-zoo` renders the corpus only.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document as new_docx
from docx.document import Document as Docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph

ZOO = Path(__file__).resolve().parent
ROOT = ZOO.parents[1]

LAYOUTS = ("word", "columns", "toc", "landscape")

OPENER = re.compile(
    r"^(?:\d{1,3}[.)](?:\s|$)|\d{1,2}(?:\.\d{1,2})+\.?\s|\d{1,2}[A-Z]\.\d|[a-z][.)]\s|- |"
    r"(?:Afspraak|afspraak|Artikel|Section|Hoofdstuk|Bijlage)\s|§)"
)
BARE_NUMBER = re.compile(r"^\d{1,3}\.$")
BARE_FIGURE = re.compile(r"^\d{1,3}\.?$")
CHAPTER = re.compile(r"^(?:Hoofdstuk|Bijlage|§|Section)\s|^\d{1,2}[A-Z]?\s+[A-Z]")
SUBSECTION = re.compile(r"^(?:\d{1,2}\.\d{1,2}\s+[A-Z]|Artikel\s)|^[A-Z][a-z]+ \d+\.\d+$")
MARKER = re.compile("\ue000(\\d{1,2})\ue001")  # a footnote marker in a corpus line, set apart from its word


@dataclass(slots=True)
class Block:
    """One thing to put on the page: a heading, a paragraph (lines kept or reflowed) or a table."""

    kind: str  # "title" | "h1" | "h2" | "head" | "para" | "bold" | "footnote" | "table"
    lines: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Source:
    """A text to render: its pages of blocks, its running-header title and footnote numbers."""

    stem: str
    title: str
    pages: list[list[Block]]
    footnotes: set[int]
    notes: dict[int, str] = field(default_factory=dict)  # corpus footnotes, set as Word footnotes


# ---------------------------------------------------------------- reading the zoo's plain text


def footnote_numbers(text: str) -> set[int]:
    """Numbers that stand as markers glued to a word ("isolatie1.") and open a line at a page's end."""
    glued = {int(n) for n in re.findall(r"[a-zà-ÿ](\d{1,2})(?=[\s.,;:]|$)", text)}
    opening = {int(n) for n in re.findall(r"^(\d{1,2}) [A-Z]", text, re.M)}
    return glued & opening


def is_heading(line: str, width: int) -> bool:
    """Short and unpunctuated: a numbered chapter or section, a capitalised title without a comma
    (a date line "Lindeveen, 20 november 2025" is no heading), or an English "Section N -- Title."."""
    if re.match(r"^Section \d+ -- .*\.$", line):
        return True
    shaped = len(line) < 0.75 * width and not re.search(r"[.;:,]$|\t| \| ", line)
    if line[0].isdigit() or line.startswith("§"):
        return shaped and bool(CHAPTER.match(line) or SUBSECTION.match(line))
    return shaped and line[0].isupper() and "," not in line


def heading_kind(line: str) -> str:
    if SUBSECTION.match(line):
        return "h2"
    return "h1"


def zoo_source(path: Path) -> Source:
    text = path.read_text("utf-8")
    notes = footnote_numbers(text)
    pages = [page_blocks(page.splitlines(), notes) for page in text.split("\f")]
    pages[0][0].kind = "title"
    return Source(path.stem, pages[0][0].lines[0], pages, notes)


def page_blocks(lines: list[str], notes: set[int], heads: frozenset[int] = frozenset()) -> list[Block]:
    """Blank lines, numbers that open a clause, short lines and table rows end a paragraph; the
    lines numbered in heads are headings of their own."""
    lengths = sorted(len(line) for line in lines) or [80]
    width = lengths[int(0.9 * (len(lengths) - 1))]  # a long URL or table line is no measure
    blocks: list[Block] = []
    previous = ""
    in_notes = False
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            previous = ""
            continue
        start = re.match(r"^(\d{1,2}) [A-Z]", stripped)
        in_notes = in_notes or bool(start and int(start.group(1)) in notes)
        count = len(blocks)
        blocks_add(blocks, stripped, previous, width, in_notes)
        if index in heads and len(blocks) == count:  # joined to the paragraph above: take it out
            blocks[-1].lines.pop()
            blocks.append(Block("head", [stripped]))
        elif index in heads and blocks[-1].kind == "para":
            blocks[-1].kind = "head"
        previous = stripped
    return blocks


def blocks_add(blocks: list[Block], line: str, previous: str, width: int, in_notes: bool) -> None:
    row = " | " in line or "\t" in line
    last = blocks[-1] if blocks else None
    if row and last is not None and last.kind == "table" and previous:
        last.lines.append(line)
        return
    joins = (
        last is not None
        and previous
        and last.kind in ("para", "footnote")
        and not row
        and not BARE_FIGURE.match(line)
        and not BARE_FIGURE.match(previous)  # a footnote marker on a line of its own stays alone
        and not OPENER.match(line)
        and not (re.search(r"[.;:]$", previous) and is_heading(line, width))
        and (len(previous) >= 0.7 * width or line[0].isdigit() or line[0].islower())
        and not (in_notes and re.match(r"^\d{1,2} [A-Z]", line))
    )
    if joins and last is not None:
        last.lines.append(line)
    elif row:
        blocks.append(Block("table", [line]))
    elif in_notes:
        blocks.append(Block("footnote", [line]))
    elif last is not None and last.kind == "para" and BARE_NUMBER.match(last.lines[-1]) and previous:
        blocks.append(Block("bold", [line]))  # the title under a number on a line of its own
    elif is_heading(line, width) and (
        not OPENER.match(line) or CHAPTER.match(line) or SUBSECTION.match(line)
    ):
        blocks.append(Block(heading_kind(line), [line]))
    else:
        blocks.append(Block("para", [line]))


# ---------------------------------------------------------------- reading a corpus text


def split_pages(text: str) -> list[list[str]]:
    """The pages of a pdftotext text without form feeds: a line opening with one space starts a
    page, unless it is a footnote's text right below its bare number (which opens with a space too).
    The audit report opens some pages (a chapter, the page after a footnote) with two spaces."""
    pages: list[list[str]] = [[]]
    previous = ""
    for line in text.replace("\f", "\n").splitlines():
        opens = re.match(r"^ {1,2}\S", line) and not re.fullmatch(r"\s*\d{1,2}\s*", previous)
        if opens and any(part.strip() for part in pages[-1]):
            pages.append([])
        pages[-1].append(line)
        if line.strip():
            previous = line
    return [page for page in pages if any(line.strip() for line in page)]


GLUED = re.compile(r"(?:(?<=[a-zà-ÿ)%’])|(?<=[A-Z]{3}))(\d{1,2})(?= \d{1,2}[\s.,;:)]|[\s.,;:)]|$)")
NOTE_LINE = re.compile(r"^(\d{1,2})\s+(\S.*)$")
BARE = re.compile(r"^\d{1,2}$")


@dataclass(slots=True)
class NoteReader:
    """Footnotes of a corpus text, numbered through it. A marker is the next number, glued to a word
    ("huurwoningen3", "(bijlage 1)1 2.") or a superscript on a line of its own; a note is a number
    whose marker was seen, at the start of a line ("3 text", or "3" alone above its text), and runs
    to the next note or its page's end. Markers become MARKER, notes move to notes."""

    marked: int = 0  # the highest marker seen
    seen: set[int] = field(default_factory=set)
    pending: set[int] = field(default_factory=set)
    notes: dict[int, list[str]] = field(default_factory=dict)

    def page(self, lines: list[str]) -> list[list[str]]:
        """The page's body lines (markers set as MARKER), its notes taken out. Two blank lines end a
        page's notes: what follows, a running header, is the next page (the audit report)."""
        bodies: list[list[str]] = [[]]
        current: int | None = None
        blanks = 0
        for index, raw in enumerate(lines):
            text = raw.strip()
            blanks = 0 if text else blanks + 1
            if current is not None and blanks >= 2:
                current = None
                bodies.append([])
            body = bodies[-1]
            following = next((line for line in lines[index + 1 :] if line.strip()), "")
            number = self.note_start(raw, text, following)
            if number is not None:
                current = number
                self.pending.discard(number)
                rest = text[len(str(number)) :].strip()
                self.notes[number] = [rest] if rest else []
                continue
            if current is not None:
                if text:
                    self.notes[current].append(text)
                continue
            if BARE.match(text) and self.expects(int(text), 3):
                self.mark(int(text), 3)  # a superscript on a line of its own: glue it to the word before
                last = next((i for i in range(len(body) - 1, -1, -1) if body[i].strip()), None)
                if last is not None:  # two markers in a row keep a space, as "1 2" in the text
                    gap = " " if body[last].rstrip().endswith("\ue001") else ""
                    body[last] = body[last].rstrip() + gap + MARKER_TEXT.format(int(text))
                    continue
            last = next((i for i in range(len(body) - 1, -1, -1) if body[i].strip()), None)
            if last is not None and body[last].rstrip().endswith("\ue001") and re.match(r"[.,;:)?]", text):
                body[last] = body[last].rstrip() + text  # the stop after a marker on a line of its own
                continue
            body.append(self.glue(raw))
        return [body for body in bodies if any(line.strip() for line in body)]

    def note_start(self, raw: str, text: str, following: str) -> int | None:
        if BARE.match(text) and int(text) in self.pending and following.strip():
            return int(text)
        match = NOTE_LINE.match(text)
        if match and raw[:1].isdigit() and int(match.group(1)) in self.pending:
            return int(match.group(1))
        return None

    def glue(self, line: str) -> str:
        def replace(match: re.Match[str]) -> str:
            number = int(match.group(1))
            if not self.expects(number, 2):
                return match.group(0)
            self.mark(number)
            return MARKER_TEXT.format(number)

        line = GLUED.sub(replace, line)
        # "(bijlage 1)1 2.": a second marker after a space
        return re.sub(
            "(\ue001) (\\d{1,2})(?=[\\s.,;:]|$)",
            lambda m: (
                m.group(1)
                + " "
                + (MARKER_TEXT.format(int(m.group(2))) if self.mark(int(m.group(2))) else m.group(2))
            ),
            line,
        )

    def expects(self, number: int, ahead: int) -> bool:
        """The next few numbers, or one skipped before (markers may come a little out of order)."""
        lowest = min(n for n in range(1, self.marked + 2) if n not in self.seen)
        return number not in self.seen and lowest <= number <= self.marked + ahead

    def mark(self, number: int, ahead: int = 2) -> bool:
        if not self.expects(number, ahead):
            return False
        self.marked = max(self.marked, number)
        self.seen.add(number)
        self.pending.add(number)
        return True


MARKER_TEXT = "\ue000{}\ue001"
FUNCTION_WORDS = set(
    "de het een en of van in op met voor te aan om bij dat die dit is zijn wordt worden naar door als "
    "ook er we wij tot over uit nog niet maar dan the and of to in for with".split()
)


def heading_lines(lines: list[str], width: int, double_spaced: bool) -> set[int]:
    """Lines that are headings of their own: capitalised, no sentence punctuation at the end, after
    a sentence's end or a heading, and a new sentence (capital) or, in a single-spaced text, a blank
    line after them; or set alone between blank lines in a single-spaced text."""
    found: set[int] = set()
    filled = [i for i, line in enumerate(lines) if line.strip()]
    for position, index in enumerate(filled):
        text = re.sub(r"\s+", " ", lines[index]).strip()
        before = filled[position - 1] if position else None
        after = filled[position + 1] if position + 1 < len(filled) else None
        blank_before = before is None or before < index - 1
        blank_after = after is None or after > index + 1
        words = text.split()
        if not (
            text[0].isupper()
            and not re.search(r"[.,;:!?\-–]$", text)
            and not MARKER.search(text)
            and not re.search(r"[a-z][.!?] ", text)  # a sentence ends inside it
            and " | " not in text
            and "\t" not in lines[index]
            and len(words) <= 12
            and len(text) <= 0.85 * width
            and words[-1].lower() not in FUNCTION_WORDS
            and not OPENER.match(text)
        ):
            continue
        previous = re.sub(r"\s+", " ", lines[before]).strip() if before is not None else ""
        following = re.sub(r"\s+", " ", lines[after]).strip() if after is not None else ""
        if not double_spaced and blank_before and blank_after:
            found.add(index)
            continue
        after_end = not previous or bool(re.search(r"[.!?:;]$", previous)) or before in found
        if not double_spaced:
            after_end = after_end or blank_before
        starts_new = not following or following[0].isupper() or bool(OPENER.match(following))
        if after_end and (starts_new or (blank_after and not double_spaced)):
            found.add(index)
    return found


def corpus_source(path: Path) -> Source:
    """A corpus text is split into pages as pdftotext marks them, its footnotes taken out (they become
    Word footnotes), its blank lines dropped (two of the texts are double-spaced) and its paragraphs
    reflowed like the zoo's; heading-like lines stay paragraphs of their own."""
    text = path.read_text("utf-8")
    all_lines = [line for line in text.splitlines() if line.strip()]
    lengths = sorted(len(line.strip()) for line in all_lines) or [80]
    width = lengths[int(0.9 * (len(lengths) - 1))]
    raw = text.splitlines()
    blank_after = sum(1 for a, b in zip(raw, [*raw[1:], ""], strict=True) if a.strip() and not b.strip())
    double_spaced = blank_after > 0.6 * len(all_lines)
    reader = NoteReader()
    pages = []
    for body in (body for page in split_pages(text) for body in reader.page(page)):
        heads = heading_lines(body, width, double_spaced)
        kept = [(index, re.sub(r"\s+", " ", line).strip()) for index, line in enumerate(body)]
        kept = [(index, line) for index, line in kept if line]
        numbered = frozenset(n for n, (index, _) in enumerate(kept) if index in heads)
        blocks = page_blocks([line for _, line in kept], set(), numbered)
        if blocks:
            pages.append(blocks)
    notes = {number: re.sub(r"\s+", " ", " ".join(lines)).strip() for number, lines in reader.notes.items()}
    title = "Prestatieafspraken " + " ".join(word.capitalize() for word in path.stem.split("-"))
    return Source(path.stem, title, pages, set(), {n: t for n, t in notes.items() if t})


# ---------------------------------------------------------------- writing the Word document


def add_field(paragraph: Paragraph, code: str) -> None:
    """A PAGE or NUMPAGES field, which LibreOffice fills in when it lays the pages out."""
    run = paragraph.add_run()
    for kind, text in (("begin", ""), ("instr", code), ("separate", ""), ("text", "1"), ("end", "")):
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {text} "
        elif kind == "text":
            element = OxmlElement("w:t")
            element.text = text
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)


def set_furniture(document: Docx, source: Source, layout: str) -> None:
    """A running header and a footer with the page number, worded differently per layout. Later
    sections are linked to the first, so only its header and footer are written."""
    for section in document.sections[:1]:
        header = section.header.paragraphs[0]
        header.text = {
            "word": f"{source.title} – definitieve versie",
            "columns": f"{source.title}",
            "toc": f"{source.title} | vastgesteld",
            "landscape": f"Uitvoeringsprogramma – {source.title}",
        }[layout]
        footer = section.footer.paragraphs[0]
        if layout in ("word", "toc"):
            footer.add_run("Pagina ")
            add_field(footer, "PAGE")
            footer.add_run(" van ")
            add_field(footer, "NUMPAGES")
        elif layout == "columns":
            footer.add_run("- ")
            add_field(footer, "PAGE")
            footer.add_run(" -")
        else:
            add_field(footer, "PAGE")


def set_page(document: Docx, layout: str) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.2)
    if layout == "landscape":
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21)
    style = document.styles["Normal"]
    style.font.name = "Liberation Serif" if layout == "columns" else "Liberation Sans"
    style.font.size = Pt(10)


def start_columns(document: Docx) -> None:
    """Two newspaper columns from here on; the title above them spans the page, as printed."""
    section = document.add_section(WD_SECTION.CONTINUOUS)
    columns = section._sectPr.xpath("./w:cols")
    cols = columns[0] if columns else OxmlElement("w:cols")
    cols.set(qn("w:num"), "2")
    cols.set(qn("w:space"), "567")
    if not columns:
        section._sectPr.append(cols)


def superscripted(paragraph: Paragraph, text: str, notes: set[int], source: Source | None = None) -> None:
    """Footnote markers glued to a word are set as superscript, as a word processor prints them; a
    corpus marker (MARKER) of a note the text has becomes a Word footnote, numbered as printed."""
    position = 0
    pattern = re.compile(f"{MARKER.pattern}|(?<=[a-zà-ÿ])(\\d{{1,2}})(?=[\\s.,;:]|$)")
    for match in pattern.finditer(text):
        if match.group(1) is None and int(match.group(2)) not in notes:
            continue
        paragraph.add_run(text[position : match.start()])
        number = int(match.group(1) or match.group(2))
        if match.group(1) is not None and source is not None and number in source.notes:
            add_footnote(paragraph, number, source.notes[number])
        else:
            paragraph.add_run(str(number)).font.superscript = True
        position = match.end()
    paragraph.add_run(text[position:])


FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
FOOTNOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"


def footnotes_element(document: Docx):
    """The document's footnotes part, made on first use (python-docx's template has none)."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import XmlPart
    from docx.oxml import parse_xml

    for rel in document.part.rels.values():
        if rel.reltype == FOOTNOTES_REL:
            return rel.target_part.element
    xml = (
        '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>'
        "</w:p></w:footnote></w:footnotes>"
    )
    part = XmlPart(PackURI("/word/footnotes.xml"), FOOTNOTES_TYPE, parse_xml(xml), document.part.package)
    document.part.relate_to(part, FOOTNOTES_REL)
    return part.element


def add_footnote(paragraph: Paragraph, number: int, text: str) -> None:
    """A footnote whose mark is its printed number (a custom mark, so LibreOffice does not renumber
    it): the marker a superscript in the text, the note "N text" in small type at the page's foot."""
    notes = footnotes_element(paragraph.part.document)
    identifier = len(notes.findall(qn("w:footnote"))) + 1
    run = paragraph.add_run()
    properties = OxmlElement("w:rPr")
    align = OxmlElement("w:vertAlign")
    align.set(qn("w:val"), "superscript")
    properties.append(align)
    run._r.append(properties)
    reference = OxmlElement("w:footnoteReference")
    reference.set(qn("w:customMarkFollows"), "1")
    reference.set(qn("w:id"), str(identifier))
    run._r.append(reference)
    for digit in str(number):  # one w:t per character: LibreOffice doubles a longer custom mark
        mark = OxmlElement("w:t")
        mark.text = digit
        run._r.append(mark)
    note = OxmlElement("w:footnote")
    note.set(qn("w:id"), str(identifier))
    body = OxmlElement("w:p")
    for parent in (OxmlElement("w:pPr"), None):
        holder = OxmlElement("w:r")
        size = OxmlElement("w:sz")
        size.set(qn("w:val"), "16")
        style = OxmlElement("w:rPr")
        style.append(size)
        if parent is not None:  # the paragraph mark's size: the note's number is printed in it
            parent.append(style)
            body.append(parent)
            continue
        holder.append(style)
        words = OxmlElement("w:t")
        words.set(qn("xml:space"), "preserve")
        words.text = f" {text}"
        holder.append(words)
        body.append(holder)
    note.append(body)
    notes.append(note)


def plain(text: str) -> str:
    """A line without its corpus footnote markers' brackets: the number glued to the word."""
    return MARKER.sub(r"\1", text)


def add_paragraph(document: Docx, block: Block, source: Source) -> None:
    """Reflow a paragraph's lines, except before a line that opens with a figure: that break is kept
    so the figure still starts a line in the PDF (the trap the zoo sets for structure detection)."""
    paragraph = document.add_paragraph()
    for index, line in enumerate(block.lines):
        if index and line[0].isdigit():
            paragraph.add_run().add_break(WD_BREAK.LINE)
        elif index:
            paragraph.add_run(" ")
        superscripted(paragraph, line, source.footnotes, source)
    if block.kind in ("bold", "head"):
        for run in paragraph.runs:
            run.bold = True
    if block.kind == "footnote":
        for run in paragraph.runs:
            run.font.size = Pt(8)


def text_width(document: Docx) -> int:
    """The width a table may take: the page between the margins, or one of two columns."""
    section = document.sections[-1]
    width = section.page_width - section.left_margin - section.right_margin
    columns = section._sectPr.xpath("./w:cols/@w:num")
    return (width - Cm(1)) // 2 if columns and columns[0] == "2" else width


def add_table(document: Docx, block: Block) -> None:
    """A real Word table, its columns sized by their contents to fit the text width; in a narrow
    newspaper column the cells get a smaller font, so that figures are not broken inside."""
    rows = [re.split(r" \| |\t", line) for line in block.lines]
    count = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=count)
    table.style = "Table Grid"
    table.autofit = False
    total = text_width(document)
    lengths = [max(6, *(len(row[c]) + 2 for row in rows if c < len(row))) for c in range(count)]
    widths = [total * length // sum(lengths) for length in lengths]
    narrow = total < Cm(10)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # LibreOffice lays a table out by its grid, not its cells
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            cell = table.cell(r, c)
            cell.width = widths[c]
            cell.text = text
            for run in cell.paragraphs[0].runs:
                run.bold = r == 0
                run.font.size = Pt(7 if narrow else 9)


def add_block(document: Docx, block: Block, source: Source) -> None:
    if block.kind == "title":
        document.add_heading(plain(block.lines[0]), level=0)
    elif block.kind in ("h1", "h2"):
        document.add_heading(plain(block.lines[0]), level=1 if block.kind == "h1" else 2)
    elif block.kind == "table":
        add_table(document, Block("table", [plain(line) for line in block.lines]))
    else:
        add_paragraph(document, block, source)


def headings(source: Source) -> list[str]:
    """What the contents list: headings, and the titles printed under a number of their own."""
    blocks = [b for page in source.pages for b in page]
    found = []
    for previous, block in zip([Block("para"), *blocks], blocks, strict=False):
        if block.kind in ("h1", "h2"):
            found.append(plain(block.lines[0]))
        elif block.kind == "bold" and previous.lines:
            found.append(plain(f"{previous.lines[-1]} {block.lines[0]}"))
    return found


def add_cover(document: Docx, source: Source, toc: dict[str, int]) -> None:
    """A cover page, then "Inhoud": every heading with the page it is on, behind dot leaders."""
    document.add_paragraph().add_run(source.title).font.size = Pt(24)
    document.add_paragraph("Prestatieafspraken sociale huur")
    document.add_paragraph("Definitieve versie, december 2025")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph().add_run("Inhoud").bold = True
    width = document.sections[0].page_width - document.sections[0].left_margin * 2
    for heading in headings(source):
        paragraph = document.add_paragraph(f"{heading}\t{toc.get(heading, 0)}")
        paragraph.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def build_docx(source: Source, layout: str, toc: dict[str, int]) -> Docx:
    document = new_docx()
    set_page(document, layout)
    if layout == "toc":
        add_cover(document, source, toc)
    for number, page in enumerate(source.pages):
        if number:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        for block in page:
            add_block(document, block, source)
            if layout == "columns" and block.kind == "title":
                start_columns(document)
    set_furniture(document, source, layout)
    return document


# ---------------------------------------------------------------- converting and checking


def convert(docx_files: list[Path], out: Path) -> None:
    """One LibreOffice run for many files: starting it is the slow part."""
    out.mkdir(parents=True, exist_ok=True)
    command = ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(out)]
    subprocess.run([*command, *map(str, docx_files)], check=True, capture_output=True)


def page_texts(pdf: Path) -> list[str]:
    from pypdf import PdfReader

    return [re.sub(r"\s+", " ", page.extract_text() or "") for page in PdfReader(str(pdf)).pages]


def heading_pages(word_pdf: Path, toc_pdf: Path, wanted: list[str]) -> dict[str, int]:
    """The page each heading lands on with the cover and contents in front: the "word" layout has the
    same pages without them, so its page plus the number of pages they add."""
    texts = page_texts(word_pdf)
    front = len(page_texts(toc_pdf)) - len(texts)
    found: dict[str, int] = {}
    page = 1
    for heading in wanted:
        key = re.sub(r"\s+", " ", heading)
        for number in range(page, len(texts) + 1):
            if key in texts[number - 1]:
                found[heading], page = number + front, number
                break
    return found


def render(sources: Iterable[Source], out: Path) -> None:
    sources = list(sources)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for layout in LAYOUTS:
            files = []
            for source in sources:
                path = work / layout / f"{source.stem}.docx"
                path.parent.mkdir(parents=True, exist_ok=True)
                build_docx(source, layout, {}).save(str(path))
                files.append(path)
            convert(files, work / layout / "pdf")
        # Second pass for the contents: the page numbers are known only once the pages are laid out.
        files = []
        for source in sources:
            pdfs = [work / layout / "pdf" / f"{source.stem}.pdf" for layout in ("word", "toc")]
            toc = heading_pages(*pdfs, headings(source))
            path = work / "toc" / f"{source.stem}.docx"
            build_docx(source, "toc", toc).save(str(path))
            files.append(path)
        convert(files, work / "toc" / "pdf")
        for layout in LAYOUTS:
            target = out / layout
            target.mkdir(parents=True, exist_ok=True)
            for source in sources:
                shutil.copy(work / layout / "pdf" / f"{source.stem}.pdf", target / f"{source.stem}.pdf")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, help="folder with the five corpus .txt files to render too")
    parser.add_argument("--no-zoo", action="store_true", help="render the corpus only, not the zoo's texts")
    args = parser.parse_args()
    if not args.no_zoo:
        render((zoo_source(path) for path in sorted(ZOO.glob("*.txt"))), ZOO / "pdf")
    if args.corpus:
        render((corpus_source(path) for path in sorted(args.corpus.glob("*.txt"))), ZOO / "pdf" / "corpus")


if __name__ == "__main__":
    main()
