"""Lines → sections and clauses: numbered afspraken, paragraphs, § sections and footnotes."""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from ingest.metadata import describe
from ingest.parties import PartyBook
from ingest.read import RawText
from ingest.types import Clause, Document, Line, Section, content_id

NUMBERED_HEADING = re.compile(r"^(?:§\s*)?(\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+(\S.{1,90})$")
CHAPTER_HEADING = re.compile(r"^(\d{1,2})\.?\s+([A-Z][^.;:!]{2,70})$")
ITEM = re.compile(r"^(\d{1,2})[.)]\s+(\S.*)$")
BARE_ITEM = re.compile(r"^(\d{1,2})\.$")
LETTERED = re.compile(r"^[a-z][.)]\s")
BULLET = re.compile(r"^- ")
TERMINAL = re.compile(r"[.;:!?,]$")
SENTENCE_END = re.compile(r"[.;!?]$")
URLISH = re.compile(r"https?:|www\.|@|\.nl\b|\.com\b")


@dataclass(slots=True)
class Block:
    """A clause being assembled from lines."""

    kind: str  # "item" | "paragraph" | "footnote"
    number: int | None
    section: tuple[Section, ...]
    subheading: str
    lines: list[Line] = field(default_factory=list)
    footnote_refs: list[int] = field(default_factory=list)
    label: str = ""
    bare: bool = False  # its number stood alone on a line, apart from its text

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines).strip()


def parse_document(raw: RawText, path: Path) -> Document:
    """Turn a file's clean lines into a Document of citable clauses."""
    meta = describe([line.text for line in raw.lines])
    title, municipality, period, book = meta.title, meta.municipality, meta.period, meta.book
    blocks = split_blocks(list(raw.lines))
    label_blocks(blocks)
    clauses = make_clauses(blocks, path, title, municipality, period, book)
    return Document(
        id=path.stem,
        source=path.name,
        sha256=raw.sha256,
        title=title,
        municipality=municipality,
        period=period,
        parties=book.names,
        page_count=raw.page_count,
        clauses=tuple(clauses),
        party_aliases=tuple((alias, p.name) for p in book.parties for alias in (p.name, *p.aliases)),
        kind=meta.kind,
        language=meta.language,
    )


def find_title(texts: list[str], municipality: str, period: str) -> str:
    title = printed_title(texts)
    generic = re.match(r"(ondertekening|inhoud|voorwoord|inleiding)\b", title, re.I)
    if not title or generic or len(title) > 140:
        return f"Prestatieafspraken {municipality} {period}".strip()
    return title


def printed_title(texts: list[str]) -> str:
    for text in texts[:30]:
        if text.lower().startswith("onderwerp:"):
            return text.split(":", 1)[1].strip()
    head: list[str] = []
    for text in texts[:6]:
        if head and (len(" ".join(head)) > 60 or (is_heading_text(text) and len(head) >= 2)):
            break
        head.append(text.rstrip(":"))
    return re.sub(r"\s+", " ", " ".join(head)).strip()[:160]


def is_heading_text(text: str) -> bool:
    words = text.split()
    return (
        2 <= len(text) <= 80
        and len(words) <= 11
        and text[0].isupper()
        and not TERMINAL.search(text)
        and not URLISH.search(text)
        and sum(c.isalpha() for c in text) >= 0.6 * len(text.replace(" ", ""))
    )


def starts_new(text: str) -> bool:
    """The next line opens something new rather than continuing a sentence."""
    return bool(text) and (text[0].isupper() or text[0].isdigit() or text.startswith(("- ", "§")))


class Splitter:
    """Walks the lines once, cutting them into blocks at headings, items, bullets and footnotes."""

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        self.blocks: list[Block] = []
        self.sections: list[Section] = []
        self.subheading = ""
        self.next_footnote = 1
        self.footnotes_seen: set[int] = set()
        self.markers: set[int] = set()
        self.in_footnote_page = 0
        self.last_item = 0
        self.after_heading = True

    def current(self) -> Block | None:
        return self.blocks[-1] if self.blocks else None

    def open(self, kind: str, number: int | None, line: Line | None) -> Block:
        block = Block(kind, number, tuple(self.sections), self.subheading)
        if line is not None:
            block.lines.append(line)
        self.blocks.append(block)
        return block

    def run(self) -> list[Block]:
        for index, line in enumerate(self.lines):
            previous = self.lines[index - 1] if index else None
            following = self.lines[index + 1] if index + 1 < len(self.lines) else None
            self.step(line, previous, following)
        return [b for b in self.blocks if b.text or b.bare]

    def step(self, line: Line, previous: Line | None, following: Line | None) -> None:
        text = line.text
        block = self.current()
        if self.in_footnote_page and line.page != self.in_footnote_page:
            self.in_footnote_page = 0
            self.resume_body()
            block = self.current()
            previous = None  # a new page of body text: what came before was a footnote
        number = self.footnote_start(text, following)
        if number is not None:
            self.in_footnote_page = line.page
            self.footnotes_seen.add(number)
            while self.next_footnote in self.footnotes_seen:
                self.next_footnote += 1
            rest = text[len(str(number)) :].strip()
            new = self.open("footnote", number, Line(rest, line.page) if rest else None)
            new.label = f"voetnoot {number}"
            return
        if re.fullmatch(r"\d{1,2}", text):  # a superscript set on a line of its own
            self.markers.add(int(text))
        if self.in_footnote_page and block is not None:
            block.lines.append(line)
            return
        self.note_markers(text)
        if self.heading(line, previous, following):
            self.after_heading = True
            return
        self.after_heading = False
        item = ITEM.match(text) or BARE_ITEM.match(text)
        if item and self.plausible_item(int(item.group(1)), text):
            self.last_item = int(item.group(1))
            body = text[item.end(1) + 1 :].strip()
            new = self.open("item", self.last_item, Line(body, line.page) if body else None)
            new.bare = not body
            return
        if BULLET.match(text) and (block is None or block.kind != "item"):
            self.open("paragraph", None, line)
            return
        if (
            block is None
            or block.kind == "footnote"
            or block.section != tuple(self.sections)
            or block.subheading != self.subheading
        ):
            block = self.open("paragraph", None, None)
        block.lines.append(line)
        self.link_footnotes(block, text)

    def resume_body(self) -> None:
        """After a page's footnotes, the body goes on where it stopped."""
        for block in reversed(self.blocks):
            if block.kind != "footnote":
                self.blocks.append(block_continuation(block))
                return

    def note_markers(self, text: str) -> None:
        for match in re.finditer(r"(?:[a-zà-ÿ)%’]|[A-Z]{4,})(\d{1,2})(?![\d.,:/-]\d)", text):
            self.markers.add(int(match.group(1)))
        for match in re.finditer(r"\)(\d{1,2}) (\d{1,2})\b", text):
            self.markers.add(int(match.group(2)))

    def link_footnotes(self, block: Block, text: str) -> None:
        for number in sorted(self.markers):
            if number >= self.next_footnote and number not in block.footnote_refs:
                block.footnote_refs.append(number)

    def footnote_start(self, text: str, following: Line | None) -> int | None:
        """The number of the footnote this line starts, if it starts one. A page may list its
        notes a little out of order (27, 28, 26, 29), so the next few numbers are accepted."""
        number = self.next_footnote
        if text == str(number):  # a number alone on its line, the note's text below it
            has_text = following is not None and bool(re.search(r"[A-Za-z]", following.text))
            return number if number in self.markers and has_text else None
        match = re.match(r"^(\d{1,3})\s+(\S.*)$", text)
        if not match:
            return None
        found = int(match.group(1))
        highest = max(self.footnotes_seen, default=0)
        if found in self.footnotes_seen or not number <= found <= max(number, highest) + 3:
            return None
        if found not in self.markers:
            return None
        if self.in_footnote_page:  # among a page's notes, even when it reads like a heading
            return found
        rest = match.group(2)
        return None if is_heading_text(rest) and len(rest) < 40 else found

    def heading(self, line: Line, previous: Line | None, following: Line | None) -> bool:
        text = line.text
        after_break = previous is None or self.after_heading or bool(TERMINAL.search(previous.text))
        next_new = following is None or starts_new(following.text)
        numbered = NUMBERED_HEADING.match(text)
        if numbered and (is_heading_text(numbered.group(2)) or text.endswith("?")) and next_new:
            self.set_section(
                numbered.group(1),
                numbered.group(2).rstrip("?").strip() + ("?" if text.endswith("?") else ""),
            )
            return True
        chapter = CHAPTER_HEADING.match(text)
        chapter_like = chapter and is_heading_text(chapter.group(2)) and next_new and after_break
        if chapter and chapter_like and (not ITEM.match(text) or len(text) < 40):
            self.set_section(chapter.group(1), chapter.group(2).strip())
            return True
        plain = is_heading_text(text) and after_break and next_new and not text[0].isdigit()
        if plain and not BULLET.match(text) and len(text.split()) <= 9:
            self.subheading = text
            return True
        return False

    def set_section(self, number: str, heading: str) -> None:
        level = number.count(".") + 1
        self.sections = [s for s in self.sections if s.level < level]
        self.sections.append(Section(number, heading, level))
        self.subheading = ""

    def plausible_item(self, number: int, text: str) -> bool:
        """A numbered afspraak, not a year, a page number or a stray figure."""
        if number == 0 or number > 80:
            return False
        body = text.split(None, 1)[1] if " " in text else ""
        if body and body[0].islower() and number > self.last_item + 1:
            return False
        return not (body and body[0].isdigit())


def block_continuation(block: Block) -> Block:
    return Block(
        block.kind,
        block.number,
        block.section,
        block.subheading,
        label=block.label,
        footnote_refs=block.footnote_refs,
    )


def split_blocks(lines: list[Line]) -> list[Block]:
    blocks = Splitter(lines).run()
    return merge_continuations(assign_bare_numbers(blocks))


def merge_continuations(blocks: list[Block]) -> list[Block]:
    """Glue a body block split by a footnote page back onto the clause it continues."""
    out: list[Block] = []
    for block in blocks:
        target = next((b for b in reversed(out) if b.kind != "footnote"), None)
        continues = (
            target is not None
            and block.kind == target.kind
            and block.number == target.number
            and block.section == target.section
            and block.subheading == target.subheading
            and block.lines
            and (block.kind == "item" or not starts_new(block.lines[0].text))
            and out[-1] is not target
        )
        if continues and target is not None:
            target.lines.extend(block.lines)
            target.footnote_refs.extend(n for n in block.footnote_refs if n not in target.footnote_refs)
        else:
            out.append(block)
    return out


def assign_bare_numbers(blocks: list[Block]) -> list[Block]:
    """OCR can print a run of numbers ("27." "28." …) apart from their texts: pair them up again.

    The empty numbered blocks are matched, from the last, with the paragraphs that follow them
    in the same section, so the last number gets the last paragraph.
    """
    out = list(blocks)
    index = 0
    while index < len(out):
        run_end = index
        while run_end < len(out) and out[run_end].kind == "item" and out[run_end].bare:
            run_end += 1
        if run_end - index >= 2:
            numbers = [b.number for b in out[index:run_end]]
            section = out[index].section
            following = [run_end - 1]
            cursor = run_end
            while cursor < len(out) and out[cursor].kind == "paragraph" and out[cursor].section == section:
                following.append(cursor)
                cursor += 1
            paragraphs = split_paragraphs([line for i in following for line in out[i].lines])
            if paragraphs and len(paragraphs) >= len(numbers):
                continuation = paragraphs[: len(paragraphs) - len(numbers)]
                previous_item = next((b for b in reversed(out[:index]) if b.kind == "item"), None)
                if previous_item is not None:
                    for part in continuation:
                        previous_item.lines.extend(part)
                new_blocks = []
                for number, part in zip(numbers, paragraphs[len(paragraphs) - len(numbers) :], strict=True):
                    block = Block("item", number, section, out[index].subheading, lines=part)
                    new_blocks.append(block)
                out[index:cursor] = new_blocks
                index += len(new_blocks)
                continue
        index = max(run_end, index + 1)
    return [b for b in out if b.lines]


def split_paragraphs(lines: list[Line]) -> list[list[Line]]:
    """Paragraphs without blank lines: a sentence end at a short line, then a capital.

    Lettered sub-items (a. b. …) and lines between them stay in their paragraph.
    """
    if not lines:
        return []
    width = max(len(line.text) for line in lines)
    parts: list[list[Line]] = [[lines[0]]]
    in_list = False
    for previous, line in pairwise(lines):
        if LETTERED.match(line.text):
            in_list = True
            parts[-1].append(line)
            continue
        boundary = (
            SENTENCE_END.search(previous.text)
            and starts_new(line.text)
            and len(previous.text) < 0.92 * width
            and not line.text.startswith("- ")
        )
        if boundary and in_list and not previous.text.endswith(";"):
            in_list = False
        elif boundary and in_list:
            boundary = False
        if boundary:
            parts.append([line])
        else:
            parts[-1].append(line)
    return parts


def label_blocks(blocks: list[Block]) -> None:
    """Label items as the document numbers them: through the document, or restarting per section."""
    items = [b for b in blocks if b.kind == "item"]
    runs = item_runs(items)
    through = bool(runs) and max(len(r) for r in runs) >= 0.75 * len(items)
    for run in runs:
        lengths = [len(b.text) for b in run]
        if (len(run) >= 2 and statistics.median(lengths) < 90) or enumerates_a_section(run):
            for block in run:  # a short enumeration inside a paragraph, not separate clauses
                block.kind = "list"
            continue
        main = through and len(run) == max(len(r) for r in runs)
        for block in run:
            block.label = f"afspraak {block.number}" if main else scoped_label(block)
    split_gaps(blocks)
    for block in blocks:
        if block.kind == "paragraph" or (block.kind == "item" and not block.label):
            block.label = paragraph_label(block)
    fold_lists(blocks)


def enumerates_a_section(run: list[Block]) -> bool:
    """A short 1, 2, 3 inside one deep § of a report is an enumeration, not a set of afspraken."""
    sections = {b.section for b in run}
    if len(sections) != 1 or run[0].number != 1 or len(run) > 9:
        return False
    numbered = [s for s in run[0].section if s.number]
    return (
        bool(numbered)
        and numbered[-1].number.count(".") >= 2
        and not run[0].section[-1].heading.lower().startswith("afspra")
    )


def item_runs(items: list[Block]) -> list[list[Block]]:
    runs: list[list[Block]] = []
    for block in items:
        if (
            runs
            and block.number is not None
            and runs[-1][-1].number is not None
            and (block.number > runs[-1][-1].number)
        ):
            runs[-1].append(block)
        else:
            runs.append([block])
    return runs


def scoped_label(block: Block) -> str:
    numbered = [s for s in block.section if s.number and "." in s.number]
    if numbered:
        return f"{numbered[-1].number} afspraak {block.number}"
    scope = block.subheading or (block.section[-1].heading if block.section else "")
    party = re.search(r"\bmet\s+([A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)", scope)
    if party:
        return f"{party.group(1)} {block.number}"
    return f"{scope} {block.number}".strip() if scope else f"afspraak {block.number}"


def paragraph_label(block: Block) -> str:
    numbered = [s for s in block.section if s.number]
    prefix = f"§{numbered[-1].number}" if numbered and "." in numbered[-1].number else ""
    heading = block.subheading or (block.section[-1].heading if block.section and not prefix else "")
    return f"{prefix} {heading}".strip() or "inleiding"


def split_gaps(blocks: list[Block]) -> None:
    """Where OCR lost item numbers (2 → 10), the text after item 2 holds unnumbered clauses."""
    items = [b for b in blocks if b.kind == "item" and b.number is not None]
    for block, following in pairwise(items):
        assert block.number is not None and following.number is not None
        if following.number > block.number + 1 and len(block.text) > 600:
            parts = split_paragraphs(block.lines)
            if len(parts) > 1:
                block.lines = parts[0]
                position = blocks.index(block)
                for offset, part in enumerate(parts[1:], start=1):
                    rest = Block("paragraph", None, block.section, block.subheading, lines=part)
                    blocks.insert(position + offset, rest)


def fold_lists(blocks: list[Block]) -> None:
    """Short enumerations stay inside the paragraph before them."""
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if block.kind == "list":
            host = blocks[index - 1] if index and blocks[index - 1].kind != "footnote" else None
            if host is not None:
                host.lines.append(Line(f"{block.number}. {block.text}", block.lines[0].page))
                del blocks[index]
                continue
            block.kind = "paragraph"
            block.label = paragraph_label(block)
        index += 1


def make_clauses(
    blocks: list[Block], path: Path, title: str, municipality: str, period: str, book: PartyBook
) -> list[Clause]:
    footnote_parent: dict[int, str] = {}
    for block in blocks:
        if block.kind != "footnote":
            for number in block.footnote_refs:
                footnote_parent.setdefault(number, block.label)
    clauses = []
    for block in blocks:
        text = re.sub(r"\s+", " ", block.text).strip()
        if not text:
            continue
        section_path = tuple(s.title for s in block.section) + (
            (block.subheading,) if block.subheading else ()
        )
        kind = {"item": "afspraak", "footnote": "footnote"}.get(block.kind, "paragraph")
        if kind == "paragraph" and block.label.startswith("§") and not block.subheading:
            kind = "section"
        refs = tuple(f"voetnoot {n}" for n in block.footnote_refs if n in footnote_parent)
        pages = tuple(sorted({line.page for line in block.lines}))
        clauses.append(
            Clause(
                id=content_id(path.stem, block.label, text),
                doc_id=path.stem,
                source=path.name,
                title=title,
                municipality=municipality,
                period=period,
                section_path=section_path,
                label=block.label,
                kind=kind,
                pages=pages,
                text=text,
                parties=book.named_in(text),
                footnotes=refs if kind != "footnote" else (),
                parent=footnote_parent.get(block.number or -1, "") if kind == "footnote" else "",
            )
        )
    return clauses
