"""Lines → sections and clauses, by one numbering grammar decided per document.

A document's levels are the sequences its markers form (see `ingest.numbering`): a marker
starts something only when it continues a sequence ("4." after "3.", "Artikel 16a" after
"Artikel 16", "3.9.1" under "3.9"), begins one ("1.", "a.", "Section 1"), or resumes a numbering
that runs through the document. So "7." at the start of a wrapped line, a year or an amount
starts nothing. Footnotes are read apart first; unnumbered headings name the paragraphs below them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import groupby
from pathlib import Path

from ingest.chunk import UNIT_CHARS
from ingest.footnotes import Note, split_footnotes
from ingest.labels import label_nodes, split_lost_numbers
from ingest.metadata import Metadata, describe
from ingest.numbering import (
    ARTICLES,
    CONTAINERS,
    KEYWORD_LINE,
    RANKS,
    Marker,
    Ordinal,
    child_of,
    follows,
    parse,
)
from ingest.outline import LETTER_FAMILIES, Node, Style, joined, read_style
from ingest.paragraphs import split_paragraphs
from ingest.read import RawText
from ingest.shapes import (
    COPYRIGHT,
    DATE_LINE,
    FUNCTION_WORD_END,
    HEADING_WORDS,
    NOTE_HEADING,
    RULE,
    SENTENCE_END,
    TERMINAL,
    capitals,
    is_address,
    is_heading_text,
    is_title,
    notes_per_part,
    starts_new,
)
from ingest.types import Clause, Document, Line, content_id

BULLET = re.compile(r"^- ")
URL_START = re.compile(r"^(?:https?:|www\.)")
# The formula that closes a law, a decree or an agreement before its signatures.
ENACTING = re.compile(
    r"(?:lasten en bevelen|gegeven te|aldus (?:overeengekomen|vastgesteld|getekend)|in witness whereof)\b",
    re.I,
)
# A line ending on an abbreviation goes on: "… the Mozilla Public License, v." / "2.0. If a copy …"
ABBREVIATION_END = re.compile(r"(?<![\w.])(?:v|vs|nr|no|art|jo|p|pp|blz|bijv|resp|ca)\.$", re.I)
CENTRED = 12  # spaces before a title centred in a plain-text document
TOC_ENTRY = re.compile(r"^\S.*?(?:\s?\.{3,}|\s?…+|\s?(?:\. ){3,}|\t)\s*\d{1,3}$")
CONTENTS_ENTRIES = 5  # entries of a contents list without page numbers, each found again further on
LETTERED_PART_REACH = 200  # lines within which a lettered part's next letter is looked for
# Whose "(1) A landlord must …" paragraphs are cited each: "Regulation 3(1)", "§ 2(1)"
PARAGRAPHED = (*ARTICLES, "kw:§", "kw:section")
ROMAN_PART_CHARS = 15  # "I. verklaart het hoger beroep gegrond;": a part, not a short list item ("I. wonen")
NAME_ONLY = re.compile(
    r"^(?:[A-Z][\w'’-]*|van|de|der|den|ten|ter|te)(?:\s+(?:[A-Z][\w'’-]*|van|de|der|den|ten|ter))*$"
)


@dataclass(slots=True)
class Level:
    """One open sequence: its last marker, the node that takes its text, its indentation."""

    marker: Marker
    node: Node
    indent: int
    own: bool  # the level's items are clauses of their own (not folded into their parent)


def contents_lines(lines: list[Line]) -> frozenset[int]:
    """A table of contents without page numbers ("2.2 Waiver of Partition", "III. HOMEOWNERS
    ASSOCIATION"): a run of short numbered titles, CONTENTS_ENTRIES or more of them printed again
    further on as the start of their parts ("2.2 WAIVER OF PARTITION: There shall be …"). Its
    lines are no parts of their own."""

    def entry(text: str) -> tuple[str, str] | None:
        markers = parse(text)
        if not markers or not markers[0].rest:
            return None
        title = " ".join(re.findall(r"[^\W\d_]+", markers[0].rest.lower())[:2])
        return (markers[0].printed.lower(), title) if title else None

    keys = [entry(line.text) for line in lines]
    last = {key: index for index, key in enumerate(keys) if key is not None}  # each entry's last line

    def listed(index: int) -> bool:  # a short numbered title, or a short heading between them
        text = lines[index].text
        return len(text.split()) <= HEADING_WORDS and (keys[index] is not None or is_heading_text(text))

    found: set[int] = set()
    for is_run, indexes in groupby(range(len(lines)), key=listed):
        entries = [(i, key) for i in indexes if (key := keys[i]) is not None] if is_run else []
        # five entries printed again further on: an excerpt's contents list parts it leaves out
        if sum(last[key] > i for i, key in entries) >= CONTENTS_ENTRIES:
            found.update(range(entries[0][0], entries[-1][0] + 1))
    return frozenset(found)


def held_keywords(lines: list[Line]) -> frozenset[str]:
    """Keywords of articles' rank that number within another one: of two such keywords, the one
    printed first holds the other when the other's numbering starts again ("ARTICLE I", "Section 1",
    …, "ARTICLE II", "Section 1": bylaws' sections sit in their articles; a regulation's "Section 1"
    over articles numbered through stays beside them)."""
    first: dict[str, int] = {}
    starts: dict[str, int] = {}
    for index, line in enumerate(lines):
        if not KEYWORD_LINE.match(line.text):
            continue
        for marker in parse(line.text):
            if marker.family.startswith("kw:") and marker.rank == 5:
                first.setdefault(marker.family, index)
                starts[marker.family] = starts.get(marker.family, 0) + (marker.value == Ordinal(1))
    if len(first) < 2:
        return frozenset()
    holder = min(first, key=first.__getitem__)
    return frozenset(f for f in first if f != holder and starts[f] >= 2)


class Walker:
    """Walks the body lines once, placing each marker in the sequence it continues."""

    def __init__(self, lines: list[Line], style: Style) -> None:
        self.lines = lines
        self.style = style
        self.nodes: list[Node] = []
        self.stack: list[Level] = []
        self.last_seen: dict[tuple[str, int], Marker] = {}
        self.last_decimal: tuple[int, ...] = ()
        self.receiver: Node | None = None
        self.subheading = ""
        self.part = ""
        self.closed = False  # a rule set apart has ended the numbered parts
        self.signing = False  # the closing formula has been read: the signatures follow
        self.part_fresh = False  # an unnumbered heading was the last thing read
        self.after_heading = True
        self.run: list[Node] = []  # numbers printed apart from their texts, waiting for them
        self.run_lines: list[Line] = []
        self.before_run: Node | None = None
        self.line_nodes: list[Node | None] = []  # the node each body line went to
        self.held = held_keywords(lines)
        self.contents = contents_lines(lines)
        self.at = 0  # the line being read (Walker.marker)
        # "Toelichting" after article upon article: each explains the part above it
        self.part_notes = notes_per_part(line.text for line in lines)
        self.in_note = False  # a note on a part is being read: its own numbered lines are text

    # -- the walk ---------------------------------------------------------------------------
    def walk(self) -> list[Node]:
        index = 0
        lines = self.lines
        self.line_nodes = [None] * len(lines)
        while index < len(lines):
            line = lines[index]
            previous = lines[index - 1] if index else None
            following = lines[index + 1] if index + 1 < len(lines) else None
            if TOC_ENTRY.match(line.text) or index in self.contents or self.page_header(line, previous):
                index += 1
                continue
            if ENACTING.match(line.text) and self.nodes and not self.signing:
                self.close_all()
                self.signing = True  # place, date and names follow: none of them a heading
            if RULE.fullmatch(line.text):
                if line.gap:  # a rule set apart ends what was open; one under a title only underlines it
                    self.close_all()
                index += 1
                continue
            used = self.marker(index, line, previous, following)
            if used:
                index += used
                continue
            if self.part_notes and NOTE_HEADING.fullmatch(line.text) and self.note_on_part():
                self.body(index, line)
                index += 1
                continue
            after = lines[index + 2 : index + 3]
            wrapped = "" if self.signing else self.wrapped_heading(line, previous, following, after)
            if wrapped:
                self.open_subheading(wrapped)
                index += 2
                continue
            if not self.signing and self.is_subheading(line, previous, following):
                if self.centred(line):
                    self.close_all()
                self.open_subheading(line.text)
            else:
                self.body(index, line)
            index += 1
        self.flush_run()
        return [n for n in self.nodes if n.text or n.children]

    def note_on_part(self) -> bool:
        """A note set under a numbered part ("Aanwijzing 5" … "Toelichting"): its text goes on
        that part (an article; else a titled section), not on the clause read last. False when no
        part is open."""
        family = [level.marker.family for level in self.stack]
        articles = [
            depth
            for depth, level in enumerate(self.stack)
            if level.own and family[depth].startswith("kw:") and family[depth][3:] not in CONTAINERS
        ]
        titled = [depth for depth, level in enumerate(self.stack) if level.own and level.node.heading]
        found = articles or titled
        if not found:
            return False
        self.flush_run()
        del self.stack[found[-1] + 1 :]
        self.receiver = self.stack[-1].node
        self.in_note = True
        return True

    def page_header(self, line: Line, previous: Line | None) -> bool:
        """ "Section 10330 - 10335" atop a page: the part still open (or the range of parts on the
        page) printed again as the page's header, not a part starting again."""
        if previous is None or line.page == previous.page:
            return False
        for marker in parse(line.text)[:1]:
            ranged = re.fullmatch(r"(?:[-–]\s*)?(?:\d[\w.]*)?", marker.rest) is not None
            open_again = any(
                level.marker.family == marker.family and level.marker.printed == marker.printed
                for level in self.stack
            )
            return marker.family.startswith("kw:") and ranged and open_again
        return False

    def marker(self, index: int, line: Line, previous: Line | None, following: Line | None) -> int:
        """Place the marker this line opens with, if it starts something; the lines it used."""
        self.at = index
        for marker in parse(line.text):
            if self.run and marker.family in LETTER_FAMILIES and not self.style.sub_items:
                return 0  # a list inside one of the texts still to be paired with its number
            if self.in_note and not any(follows(marker, level.marker) for level in self.stack):
                continue  # "1. De Staat der Nederlanden …" in a note's example: text of the note
            plausible = self.plausible(marker, following)
            # "15 A landlord must not …" under its title: the title above is the section's
            title = "" if plausible else self.titled_number(marker, previous)
            if not (plausible or title or self.lettered_part(index, marker)):
                continue
            place = self.place(marker, line, previous, following)
            if place is None:
                continue
            self.flush_run()
            after = self.lines[index + 2] if index + 2 < len(self.lines) else None
            # "(l) Termination of tenancy - (1) Procedures. …": a caption, then the first subpart
            rest = marker.rest
            if not title and (captioned := captioned_first(marker)):
                title, rest = captioned
            used = self.open(marker, place, line, following, after, title=title)
            # "14 (1) A tenancy agreement …", "(b) (1) Procedure …": a part and its first subpart
            opened = self.stack[-1].node.marker is marker
            if opened and (title or nested_first(marker)):
                self.first_part_or_text(rest, line)
            if used == 1 and not marker.rest and following is not None:
                used += self.collect_run(index, marker)
            self.after_heading = self.stack[-1].own and self.stack[-1].node.heading
            self.part_fresh = False
            return used
        return 0

    def lettered_part(self, index: int, marker: Marker) -> bool:
        """ "A. Inleiding" with "B. Grondaankopen" further on, or after it: parts lettered in order,
        not the initials of a name ("A. Jansen"), which no next letter with a title follows."""
        if marker.family not in ("upper", "ROMAN") or not marker.rest or not is_title(marker.rest):
            return False
        seen = self.last_seen.get(marker.key)
        if seen is not None and follows(marker, seen):
            return True  # the next letter of parts already read: "I. Slot" after "H. …"
        for line in self.lines[index + 1 : index + 1 + LETTERED_PART_REACH]:
            for other in parse(line.text):
                if other.key == marker.key and follows(other, marker) and other.rest and is_title(other.rest):
                    return True
        return False

    def titled_number(self, marker: Marker, previous: Line | None) -> str:
        """ "15 A landlord must not …" on the line after its title ("Application fees prohibited"),
        as statutes print their sections: a bare number opening a sentence starts a section when
        it is the first or the next of its sequence and the line above is a heading of its own.
        That heading is the section's title ("": not such a section)."""
        if marker.family != "num" or not marker.bare or len(marker.path) > 1 or previous is None:
            return ""
        if not (marker.rest[:1].isupper() or marker.rest.startswith("(")):
            return ""
        if not (self.after_heading and previous.text == self.subheading):
            return ""
        seen = self.last_seen.get(marker.key)
        in_sequence = marker.value.first if seen is None else follows(marker, seen)
        return self.subheading if in_sequence else ""

    def open_first_part(self, text: str, line: Line) -> bool:
        """ "14 (1) A tenancy agreement …": the text after the number opens the part's first
        subpart, as if on a line of its own, when it starts the first of a sequence."""
        readings = parse(text)
        # "(i)" is the first of a Roman numbering, not the ninth letter, when one reading is a first
        firsts = [m for m in readings if m.value.first] if any(m.paren for m in readings) else readings
        for marker in firsts[:1]:
            inner = Line(text, line.page, line.indent, gap=False)
            place = self.place(marker, inner, line, None) if marker.value.first else None
            if place is not None and marker.rest:
                # "(b) Payments - (1) Tenant rent. (i) The tenant shall pay …": the first subpart
                # has a caption and a first subpart of its own
                captioned = captioned_first(marker)
                self.open(marker, place, inner, None, title=captioned[0] if captioned else "")
                if captioned:
                    self.first_part_or_text(captioned[1], inner)
                elif nested_first(marker):  # "(f) (1) (A) A housing provider …": three levels open
                    self.first_part_or_text(marker.rest, inner)
                return True
        return False

    def first_part_or_text(self, text: str, line: Line) -> None:
        """The text after a part's number or caption: its first subpart, or else its text."""
        if not self.open_first_part(text, line):
            self.stack[-1].node.lines.append(Line(text, line.page, line.indent, line.gap))

    def plausible(self, marker: Marker, following: Line | None) -> bool:
        rest = marker.rest
        if marker.family == "num" and marker.bare:
            # "12 Inleiding" or a number alone: only as a heading, never "15 december"
            if re.search(r"[\d€$%]", rest):
                return False  # "1 Isolatie Dijkzicht 40 €": a table row
            return (
                is_title(wrapped_title(rest, following))
                if rest
                else following is not None
                and (is_heading_text(following.text) or bool(re.fullmatch(r"\d{1,3}\.?", following.text)))
            )
        if marker.family == "num" and len(marker.path) > 1 and rest[:1].islower():
            return False
        in_words = marker.family == "(num)" and re.match(r"\d+\s+[^\W\d_]", rest) is not None
        if rest and (rest.lstrip("| ")[:1].isdigit() or URL_START.match(rest)) and not in_words:
            # "1. 201555801", "2. https://…", "1.1 | 2026-03-28": references or a table row; but
            # "(3) 40 percent limit" is an item whose title starts with a figure
            return False
        if marker.family in ("upper", "ROMAN") and rest and NAME_ONLY.match(rest) and len(rest.split()) <= 4:
            return False  # "A. Jansen": initials in a list of signatures
        if marker.family in LETTER_FAMILIES and not rest:
            # "(b)" alone on its line, its text below (as a scan's layout may leave it); a bare
            # "a" or "b." alone is more often a stray glyph or a column of a table
            return marker.family.startswith("(") and following is not None and not parse(following.text)
        return True

    def place(
        self, marker: Marker, line: Line, previous: Line | None, following: Line | None
    ) -> tuple[str, int] | None:
        """Where the marker goes: ("sibling", k) continues level k; ("under", k) opens a level
        below level k (-1: at the top). None: it starts nothing."""
        if self.opens_zero(marker):  # "4.1" after "4.0 Conditions of Use": section 4's first part
            return ("under", len(self.stack) - 1)
        gaps = marker.family.startswith("kw:")
        if gaps and line.text[:1].islower() and self.goes_on(line, previous):
            return None  # "… bedoeld in" / "artikel 5 van de wet": a reference wrapped to the line start
        sentence = bool(marker.rest) and not is_title(marker.rest)
        candidates = [
            k
            for k in range(len(self.stack) - 1, -1, -1)
            if follows(marker, self.stack[k].marker, gaps=gaps)
            and not (
                sentence
                and marker.key == ("num", 1)
                and self.stack[k].node.children
                and not self.back_to(k, line)
                and not self.in_decimal_part(k)
            )
        ]
        if candidates and not sentence and not self.printed_below(marker, line):
            candidates = self.heading_over_list(candidates)
        if candidates:
            if self.style.indented:
                same = [k for k in candidates if abs(self.stack[k].indent - line.indent) <= 1]
                candidates = same or candidates
            return ("sibling", candidates[0])
        # a heading may follow an unfinished line; a bare "2 Zonnepanelen" there is a table row
        heading_like = self.stands_alone(marker.rest, following) and not marker.bare
        # "1.1.1." on the line after "1.1. General": the first part of the clause that line opened
        first_part = (
            len(marker.path) > 1
            and bool(self.stack)
            and child_of(marker, self.stack[-1].marker)
            and marker.value.first
            and previous is not None
            and any(m.path == self.stack[-1].marker.path for m in parse(previous.text)[:1])
        )
        # "5.1 Verwerker neemt …" on the line after "Artikel 5. Beveiliging": its first part
        first_under = (
            marker.family == "num"
            and len(marker.path) == 2
            and marker.value.first
            and previous is not None
            and any(m.printed == marker.printed.split(".")[0] for m in parse(previous.text)[:1])
        )
        mid_sentence = (
            not heading_like
            and not first_part
            and not first_under
            and previous is not None
            and not line.gap
            and not self.after_heading
            and (not SENTENCE_END.search(previous.text) or ABBREVIATION_END.search(previous.text))
            and re.search(r"[^\W\d_]", previous.text) is not None  # "____" or "3" ends nothing
            and line.page == previous.page
        )
        if mid_sentence:
            return None
        for k in range(len(self.stack) - 1, -1, -1):
            if child_of(marker, self.stack[k].marker) and marker.value.first:
                return ("under", k)
        if marker.family == "num" and len(marker.path) > 1:  # a decimal's number says where it goes
            seen = self.last_seen.get(marker.key)
            if (
                (seen is not None and follows(marker, seen))
                or marker.value.first
                or self.decimal_after(marker)
            ):
                return ("under", self.decimal_depth(marker))
            return None
        seen = self.last_seen.get(marker.key)
        if seen is not None and follows(marker, seen, gaps=gaps):
            return ("under", self.resume_depth(marker))
        if marker.rank == 0 and (not marker.rest or heading_like):
            return ("under", len(self.stack) - 1)  # "Bijlage III" alone: a document may print only some
        if marker.first:
            set_in = bool(self.stack) and line.indent - self.stack[-1].indent >= 2
            if set_in and (self.style.indented or self.leads_in()):
                # "1." set in under "1. Het doel … is:"; where indentation carries no levels, it
                # does under a lead-in (Markdown's nested list in a flush-left document)
                return ("under", len(self.stack) - 1)
            if self.lists_under_heading(marker, previous):
                return ("under", len(self.stack) - 1)
            return ("under", self.first_depth(marker))
        if gaps and (not marker.rest or heading_like or self.numbered_off(marker, line)):
            # "Artikel 11", "Section 10330. Appeals." set as a heading: an excerpt, or numbering
            # that goes on from a part not printed, starts where it starts ("Part 8 Procedure –
            # N21 …", unpunctuated in a sentence, is a name)
            return ("under", self.first_depth(marker))
        excerpt = marker.family in ("(lower)", "(upper)") and marker.key not in self.last_seen
        if excerpt and heading_like and not marker.rest.endswith("."):
            return ("under", len(self.stack) - 1)  # "(o) Voucher program" heads an excerpt
        after_break = self.after_heading or line.gap or previous is None or line.page != previous.page
        # a bare "11 Service initiation" set apart as a heading opens a run too, as an excerpt's
        # first section, before any other number; a bare number in a line of text is more often
        # a table's row, and one after a list ("8 Week Rent Arrears") a title's figure
        alone = line.gap and following is not None and following.gap
        numbered_before = any(family.startswith("num") for family, _ in self.last_seen)
        set_apart = not numbered_before and alone and is_title(marker.rest)
        titled = marker.rest[:1].isupper() and (not marker.bare or set_apart)
        if marker.family == "num" and after_break and titled:
            return ("under", self.resume_depth(marker))  # a run starting after a heading: "10."
        return None

    def heading_over_list(self, candidates: list[int]) -> list[int]:
        """ "3 Slot" after "2 Procedure" and its list "1. …", "2. …": it goes on from the heading,
        not from the list numbered as the headings are."""
        item = self.stack[candidates[0]]
        over = [
            k
            for k in candidates[1:]
            if self.stack[k].node is item.node.parent and self.stack[k].marker.key == item.marker.key
        ]
        return over or candidates

    def printed_below(self, marker: Marker, line: Line) -> bool:
        """The same number opens one of the next few lines: "5. Het toezicht …" just above "5.
        Verbindingen …" is the list's fifth item, not the fifth heading."""
        at = self.at if self.at < len(self.lines) and self.lines[self.at] is line else None
        if at is None:
            return False
        below = (parse(other.text)[:1] for other in self.lines[at + 1 : at + 1 + PRINTED_BELOW_REACH])
        return any(m and m[0].key == marker.key and m[0].printed == marker.printed for m in below)

    def leads_in(self) -> bool:
        """The open part's text so far ends by leading into a list ("… twee vormen van lidmaatschap:")."""
        return bool(self.stack) and self.leads_in_text(self.stack[-1].node)

    def lists_under_heading(self, marker: Marker, previous: Line | None) -> bool:
        """ "4 Criteria", its lead-in "… de volgende voorwaarden:", then "1. De prestaties …": a
        list under the heading, though numbered as the headings are."""
        top = self.stack[-1] if self.stack else None
        return (
            top is not None
            and top.own
            and top.node.heading
            and not top.node.children
            and bool(top.node.lines)
            and previous is not None
            and previous.text.rstrip().endswith(":")
            and bool(marker.rest)
            and not is_title(marker.rest)
        )

    def numbered_off(self, marker: Marker, line: Line) -> bool:
        """ "Section 10330. Appeals.": the number set off by a full stop or colon, a title after it."""
        set_off = re.match(rf"\S*\s*{re.escape(marker.printed)}\s*[.:]\s", line.text) is not None
        return set_off and is_title(marker.rest.rstrip("."))

    def goes_on(self, line: Line, previous: Line | None) -> bool:
        """The line goes on the sentence of the line before it, on the same page."""
        return (
            previous is not None
            and not line.gap
            and line.page == previous.page
            and not SENTENCE_END.search(previous.text)
        )

    def in_decimal_part(self, k: int) -> bool:
        """The open part is numbered as a decimal of level k ("11.2" under "11"): the number after
        k's is the next section ("12. In this agreement:"), sentence or not; a list would start at 1."""
        held, deepest = self.stack[k].marker, self.stack[-1].marker
        depth = len(held.path)
        return (
            held.family == deepest.family == "num"
            and len(deepest.path) > depth
            and deepest.path[:depth] == held.path
        )

    def back_to(self, k: int, line: Line) -> bool:
        """The line steps back out of a deeper list to level k's column: in an indented layout, or
        out of a list set in two columns or more deeper than level k (as a lead-in's list, see
        leads_in, is in a flush-left Markdown file)."""
        return (
            (self.style.indented or self.stack[-1].indent - self.stack[k].indent >= 2)
            and abs(self.stack[k].indent - line.indent) <= 1
            and self.stack[-1].indent - line.indent >= 2
        )

    def stands_alone(self, rest: str, following: Line | None) -> bool:
        """The words after a marker are a title: title-like, and the next line starts anew
        (after a blank line, where the document separates its paragraphs by them, or with the
        first item of a list: "2.1 Copyright License" / "(a) You retain …")."""
        if not is_title(rest):
            return False
        if following is None:
            return True
        if not starts_new(following.text):
            return False
        return following.gap or not self.style.blank_lines or opens_list(following.text)

    def opens_zero(self, marker: Marker) -> bool:
        """The first part under an open "4.0": a decimal ".1" whose number, but for its last
        part, is the open level's ("4.0" numbers section 4 as a whole)."""
        if not self.stack or marker.family != "num" or len(marker.path) < 2 or marker.value != Ordinal(1):
            return False
        held = self.stack[-1].marker
        return (
            held.family == "num"
            and len(held.path) == len(marker.path)
            and held.path[:-1] == marker.path[:-1]
            and held.value == Ordinal(0)
        )

    def decimal_after(self, marker: Marker) -> bool:
        """Decimal numbers describe their own place: one greater than the last decimal read."""
        values = tuple(o.value for o in marker.path)
        if not self.last_decimal:
            return True
        return values > self.last_decimal and values[0] - self.last_decimal[0] <= 2

    def decimal_depth(self, marker: Marker) -> int:
        for k in range(len(self.stack) - 1, -1, -1):
            held = self.stack[k].marker
            if (
                held.family == "num"
                and self.stack[k].own
                and self.stack[k].node.heading
                and len(held.path) < len(marker.path)
                and marker.path[: len(held.path)] == held.path
            ):
                return k
        numbered = [k for k, level in enumerate(self.stack) if level.marker.family == "num"]
        return numbered[0] - 1 if numbered else len(self.stack) - 1

    def resume_depth(self, marker: Marker) -> int:
        """A numbering that runs on under a new heading: below the heading, in place of its own
        earlier level."""
        same = [
            k
            for k, level in enumerate(self.stack)
            if level.marker.key == marker.key and not (level.own and level.node.is_section)
        ]
        return same[-1] - 1 if same else len(self.stack) - 1

    def first_depth(self, marker: Marker) -> int:
        """The first of a sequence opens a level below the top, except when it restarts the
        top's own sequence, or a part heading restarts the numbering of the whole document."""
        same = [k for k, level in enumerate(self.stack) if level.marker.key == marker.key]
        if same and self.part_fresh:
            return same[0] - 1
        if same and same[-1] == len(self.stack) - 1:
            return same[-1] - 1
        if marker.family in ("upper", "ROMAN") and self.part_fresh:
            return -1
        return len(self.stack) - 1

    def open(
        self,
        marker: Marker,
        place: tuple[str, int],
        line: Line,
        following: Line | None,
        after: Line | None = None,
        title: str = "",
    ) -> int:
        how, k = place
        depth = k - 1 if how == "sibling" else k
        # an article's paragraphs (leden) are sentences, however short ("2. Het treedt in werking …")
        after_clause = (
            how == "sibling"
            and k > 0
            and self.stack[k - 1].marker.family.startswith("kw:")
            and self.stack[k].own
            and not self.stack[k].node.heading
        )
        titled = self.titled(marker, following) and not after_clause
        if marker.family.startswith("kw:"):  # "Bijlage I" leaves the articles; "Artikel 2" the leden
            while depth >= 0 and not self.holds(self.stack[depth], marker):
                depth -= 1
        if marker.family not in LETTER_FAMILIES:  # numbers are never part of a folded list
            while depth >= 0 and not self.stack[depth].own:
                depth -= 1
        if marker.family not in LETTER_FAMILIES and titled:
            # a heading is never a part of a numbered clause, but for a decimal part its number
            # puts there ("4.1. By Sponsored Developer." under "4. Representations; …")
            while (
                depth >= 0
                and self.is_clause_level(self.stack[depth])
                and not child_of(marker, self.stack[depth].marker)
            ):
                depth -= 1
        indent = self.stack[k].indent if how == "sibling" else line.indent
        # a heading's sibling is in the heading's part: a caption read inside "1. Urgent" ("Critical
        # Issue") does not name the part "2. High" is in
        sibling = self.stack[k].node if how == "sibling" and self.stack[k].node.heading else None
        del self.stack[depth + 1 :]
        self.last_seen[marker.key] = marker
        if marker.family == "num" and len(marker.path) > 1:
            self.last_decimal = tuple(o.value for o in marker.path)
        parent_level = self.stack[-1] if self.stack else None
        if not self.own_level(marker, parent_level):
            host = parent_level.node if parent_level is not None else self.receiver_or_paragraph(line.page)
            self.stack.append(Level(marker, host, indent, own=False))
            resume(host)
            host.lines.append(line)
            self.receiver = host
            return 1
        parent = self.heading_parent() if parent_level is None else parent_level.node
        if marker.family.startswith("kw:") and RANKS.get(marker.family[3:], 5) == 0:
            self.part = f"{marker.keyword} {marker.printed}".strip()  # what restarts inside is of the annex
        part = sibling.part if sibling is not None else self.part
        node = Node(marker, parent, line.page, subheading=self.subheading, part=part)
        node.printed = printed_number(line.text, marker.rest)
        used = 1
        if title:  # the heading above; the text after the number is the caller's to place
            node.title, node.heading = title, True
        elif nested_first(marker):
            pass  # "(b) (1) Procedure …": the caller opens the subpart
        elif marker.rest and titled:
            node.title, node.heading = marker.rest, True
        elif marker.bare and marker.rest and following is not None:
            # "1A Aanvulling tijdelijke" / "huisvesting": the title wraps; "1 RULES OF DEBATE" over
            # "a. Motions …": the line below is text of its own
            goes_on = title_goes_on(following)
            node.title = f"{marker.rest} {following.text}" if goes_on else marker.rest
            node.heading, used = True, 2 if goes_on else 1
        elif marker.rest:
            node.lines.append(Line(marker.rest, line.page, line.indent, line.gap))
        elif following is not None and is_heading_text(following.text) and not parse(following.text):
            node.title, node.heading = following.text, True
            used = 2
            wrapped = wrapped_title(node.title, after)  # "Betaalbaarheid en" / "duurzaamheid"
            if wrapped != node.title:
                node.title, used = wrapped, 3
        if marker.family.startswith("kw:") and marker.family[3:] in CONTAINERS:
            node.heading = True
        if parent is not None:
            parent.children += 1
        if node.heading:
            self.subheading = ""
            node.subheading = ""
        self.stack.append(Level(marker, node, indent, own=True))
        self.nodes.append(node)
        self.receiver = node
        self.in_note = False
        self.closed = self.signing = False
        return used

    def titled(self, marker: Marker, following: Line | None) -> bool:
        """The marker's line is a heading: a title after the number, or alone with the title below."""
        if marker.rest:
            return self.stands_alone(marker.rest, following)
        return following is not None and is_heading_text(following.text) and not parse(following.text)

    def is_clause_level(self, level: Level) -> bool:
        """A numbered clause (not a heading, not an article or other keyword part)."""
        return level.own and not level.node.heading and not level.marker.family.startswith("kw:")

    def holds(self, level: Level, marker: Marker) -> bool:
        """A keyword part sits below a part of lower rank, or below a numbered heading."""
        if level.marker.family.startswith("kw:"):
            return self.rank(level.marker) < self.rank(marker)
        return level.own and level.node.heading and marker.rank > 0

    def rank(self, marker: Marker) -> int:
        """The marker's rank, one lower where this document numbers it within another keyword
        part of the same rank ("Section 1" again in each "ARTICLE IV")."""
        return marker.rank + (marker.family in self.held)

    def own_level(self, marker: Marker, parent: Level | None) -> bool:
        """Lettered items are clauses of their own where the document cites them so; otherwise
        they stay in the clause they list things for."""
        enumeration = marker.rest[:1].islower() and len(marker.rest) < 60 and not self.style.sub_items
        if marker.family == "num" and enumeration:
            return False  # "1. betaalbare woningen (" — an enumeration inside a sentence
        if marker.family not in LETTER_FAMILIES:
            return True
        if parent is None:  # "A. Confidentiality." heads a part of its own, as does any "II. …":
            # a decision's parts ("II. de taak … vast te stellen:") are numbered in Roman at the top
            # and so does "(1) Fundamental Purposes", a titled part numbered in brackets
            titled = marker.family == "ROMAN" or (
                marker.family in ("upper", "(num)") and is_title(marker.rest)
            )
            return bool(marker.rest) and (titled or self.provision(marker))
        if marker.family == "(num)" and parent.own and parent.marker.family in PARAGRAPHED:
            # "(1) A landlord must …" under "Regulation 3" or "§ 2": a paragraph of the article;
            # under a section's "Code 12.040 states, in part:", the text it quotes, "(2)" as "(1)"
            quoted = self.leads_in_text(parent.node) or any(
                line.text.startswith("(") and parse(line.text) for line in parent.node.lines
            )
            return parent.marker.family in ARTICLES or not quoted
        if marker.family == "ROMAN" and marker.rest[:1].islower() and len(marker.rest) >= ROMAN_PART_CHARS:
            return True  # "III. veroordeelt het college tot …": a ruling's decisions are cited each
        return parent.own and self.style.sub_items

    def provision(self, marker: Marker) -> bool:
        """ "(a) Except as provided in this section, no tenant shall …" at the top of a section
        whose items are cited on their own ("42-3505.01(a)"): a subsection, not the item of a
        list its lead-in ("… as follows:") opens."""
        lead_in = self.receiver is not None and self.leads_in_text(self.receiver)
        opens = marker.rest[:1].isupper() or nested_first(marker)  # "(f) (1) (A) A housing …"
        # "(b)" goes on as "(a)" went: a subsection of its own, or an item of the list
        after_own = marker.first or any(
            n.marker is not None and follows(marker, n.marker, gaps=True) for n in self.nodes
        )
        return self.style.sub_items and marker.paren and opens and after_own and not lead_in

    @staticmethod
    def leads_in_text(node: Node) -> bool:
        """The node's text so far ends by leading into what follows ("… as follows:")."""
        return bool(node.lines) and node.lines[-1].text.rstrip().endswith(":")

    def heading_parent(self) -> Node | None:
        """The section a paragraph belongs to: a heading, not a numbered clause that looks like one."""
        for level in reversed(self.stack):
            node = level.node
            if level.own and node.heading and (node.is_section or level.marker.key != ("num", 1)):
                return node
        return None

    def receiver_or_paragraph(self, page: int) -> Node:
        if self.receiver is None:
            parent = self.heading_parent()
            closing = self.closed and parent is None
            self.receiver = Node(
                None, parent, page, subheading=self.subheading, part=self.part, closing=closing
            )
            self.nodes.append(self.receiver)
        return self.receiver

    def centred(self, line: Line) -> bool:
        """A title set in the middle of the line, far right of the numbered parts open: a part of
        the document above them ("END OF TERMS AND CONDITIONS", "How to Apply These Terms")."""
        if not self.stack or line.indent < CENTRED:
            return False
        return line.indent - self.stack[0].indent >= CENTRED // 2

    def close_all(self) -> None:
        """Nothing after this line belongs to the clauses before it (the afterword below a
        licence's last section)."""
        self.flush_run()
        self.closed = any(n.marker is not None for n in self.nodes)
        self.stack.clear()
        self.receiver = None
        self.in_note = False
        self.subheading = ""
        self.part = ""

    def open_subheading(self, text: str) -> None:
        self.flush_run()
        self.in_note = False
        self.subheading = text
        self.part = text
        self.part_fresh = True
        self.after_heading = True
        self.receiver = None

    def body(self, index: int, line: Line) -> None:
        self.after_heading = False
        self.part_fresh = False
        if self.run:
            self.run_lines.append(line)
            return
        if self.style.indented:
            self.dedent(line)
        node = self.receiver_or_paragraph(line.page)
        if DATE_LINE.match(line.text) and not line.text.rstrip().endswith("."):
            # "Treedt in werking per 01-07-2014" above an article's text: a sentence of its own
            line = replace(line, text=f"{line.text.rstrip()}.")
        resume(node)
        node.lines.append(line)
        self.line_nodes[index] = node

    def dedent(self, line: Line) -> None:
        """In an indented layout, a line left of an item's marker belongs to the item's parent; so
        does a paragraph set back to the marker of an item whose own text hangs deeper."""
        popped = False
        while len(self.stack) > 1 and (
            self.left_of(self.stack[-1], line) or self.hangs_after(self.stack[-1], line)
        ):
            self.stack.pop()
            popped = True
        if popped:
            self.receiver = self.stack[-1].node

    def left_of(self, level: Level, line: Line) -> bool:
        """The line stands left of the level's text: of its marker, or, under a heading set in
        from a text flush left ("           1. Introduction" over its paragraphs), of the text
        under it so far (the heading's first paragraph is its own wherever it starts)."""
        column = level.indent
        if level.own and level.node.heading:
            if not level.node.lines:
                return False
            column = min(other.indent for other in level.node.lines)
        return column - line.indent >= 2

    def hangs_after(self, level: Level, line: Line) -> bool:
        """ "(d) If the Work …" with its lines hanging under the text, then, after a blank line,
        "You may add …" at the column of "(d)": the section's text again, not the item's."""
        item = level.node
        return (
            line.gap
            and line.indent <= level.indent
            and level.marker.family in LETTER_FAMILIES
            and any(other.indent > level.indent for other in item.lines)
        )

    def wrapped_heading(
        self, line: Line, previous: Line | None, following: Line | None, after: list[Line]
    ) -> str:
        """A heading wrapped over two lines ("Prestatieafspraken met X en" / "huurdersvereniging Y")."""
        if following is None or not FUNCTION_WORD_END.search(line.text) or parse(line.text):
            return ""
        joined = f"{line.text} {following.text}"
        if len(following.text) > 50 or len(joined.split()) > 12 or not following.text[:1].isalpha():
            return ""
        after_line = after[0] if after else None
        return (
            joined
            if self.is_subheading(Line(joined, line.page, line.indent, line.gap), previous, after_line)
            else ""
        )

    def is_subheading(self, line: Line, previous: Line | None, following: Line | None) -> bool:
        text = line.text
        isolated = line.gap and (following is None or following.gap)
        after_break = (
            previous is None
            or self.after_heading
            or bool(TERMINAL.search(previous.text) or RULE.fullmatch(previous.text))
            or isolated
        ) and not continues_capitals(previous, line)
        # '"Font Software" refers to …' under "DEFINITIONS" opens with a quoted term
        quoted = following is not None and following.text[:1] in "\"“‘'„" and following.text[1:2].isupper()
        next_new = following is None or starts_new(following.text) or quoted
        # "8 Week Rent Arrears" between blank lines, no number of the clauses: a title with a figure
        figured = isolated and re.match(r"\d{1,3} [A-Z]", text) is not None
        figured = figured and is_heading_text(text.split(" ", 1)[1])
        return (
            (is_heading_text(text) or figured)
            and after_break
            and next_new
            and (not text[0].isdigit() or figured)
            and not (" " not in text and FUNCTION_WORD_END.search(text))  # "De" over "Staatssecretaris …"
            and not BULLET.match(text)
            and " | " not in text  # a table's header row
            and not COPYRIGHT.match(text)
            and not is_address(text)
            and not (following is not None and is_address(following.text))  # a name over its address
            and len(text.split()) <= (12 if isolated else 9)
        )

    # -- numbers printed apart from their texts (OCR of a numbered column) -------------------
    def collect_run(self, index: int, first: Marker) -> int:
        """ "27." "28." … on lines of their own: their texts follow as a run of paragraphs."""
        used = 0
        previous = first
        cursor = index + 1
        while cursor < len(self.lines):
            readings = [m for m in parse(self.lines[cursor].text) if not m.rest and follows(m, previous)]
            if not readings:
                break
            previous = readings[0]
            used += 1
            cursor += 1
        if not used:
            return 0
        self.before_run = self.previous_item(self.nodes[-1])
        self.run = [self.nodes[-1]]
        for offset in range(used):
            marker = parse(self.lines[index + 1 + offset].text)[0]
            self.open(marker, ("sibling", len(self.stack) - 1), self.lines[index + 1 + offset], None)
            self.run.append(self.nodes[-1])
        return used

    def previous_item(self, node: Node) -> Node | None:
        """The item of the same sequence before `node`: it takes texts the run has too many of."""
        key = node.marker.key if node.marker else None
        position = self.nodes.index(node)
        return next(
            (n for n in reversed(self.nodes[:position]) if n.marker is not None and n.marker.key == key), None
        )

    def flush_run(self) -> None:
        if not self.run:
            return
        run, lines = self.run, self.run_lines
        self.run, self.run_lines = [], []
        paragraphs = split_paragraphs(lines)
        if len(paragraphs) < len(run):  # texts run together: the last numbers get the last texts
            run = run[len(run) - len(paragraphs) :]
        extra = paragraphs[: len(paragraphs) - len(run)]
        host = self.before_run
        for part in extra:
            if host is not None:
                host.lines.extend(part)
            else:
                run[0].lines.extend(part)
        for node, part in zip(run, paragraphs[len(paragraphs) - len(run) :], strict=True):
            node.lines.extend(part)


def resume(node: Node) -> None:
    """A line for a node after another of its parts began: its text goes on below that part."""
    before = node.resumed[-1][1] if node.resumed else 0
    if node.children > before:
        node.resumed.append((len(node.lines), node.children))


def opens_list(text: str) -> bool:
    """The line starts with the first item of a list: "(a) …", "a. …", "(1) …", "(i) …"."""
    found = parse(text)[:1]
    return bool(found) and found[0].family in LETTER_FAMILIES and found[0].first and bool(found[0].rest)


def continues_capitals(previous: Line | None, line: Line) -> bool:
    """A line of a paragraph set in capitals (a licence's disclaimer) after one that has not
    ended its sentence: it goes on with the sentence, however much it looks like a title."""
    if previous is None or line.gap or SENTENCE_END.search(previous.text):
        return False
    return capitals(previous.text) and capitals(line.text) and len(previous.text.split()) >= 4


def wrapped_title(rest: str, following: Line | None) -> str:
    """A title wrapped onto the next line after a word that cannot end it: "3 Housing quality
    and" / "liveability"."""
    if following is not None and title_goes_on(following) and FUNCTION_WORD_END.search(rest):
        return f"{rest} {following.text}"
    return rest


def title_goes_on(following: Line) -> bool:
    """The line could be the rest of a title above it: short, lowercase, and no number of its own."""
    return len(following.text) <= 40 and following.text[:1].islower() and not parse(following.text)


# -- document -----------------------------------------------------------------------------------
def parse_document(raw: RawText, path: Path) -> Document:
    """Turn a file's clean lines into a Document of citable clauses."""
    lines = list(raw.lines)
    meta = describe([line.text for line in lines], path.name)
    body, notes = split_footnotes(lines)
    body = hanging_markers_placed(body)
    # numbered items are afspraken in agreements and in notices and reports about them (which name
    # their municipality), not in a licence that calls itself a notice
    about_agreements = meta.kind == "agreement" or bool(meta.municipality)
    style = read_style(body, meta.language, meta.kind if about_agreements else "other")
    walker = Walker(body, style)
    nodes = split_lost_numbers(without_contents_echoes(walker.walk()))
    label_nodes(nodes, style)
    clauses = make_clauses(nodes, notes, walker, path, meta)
    book = meta.book
    return Document(
        id=path.stem,
        source=path.name,
        sha256=raw.sha256,
        title=meta.title,
        municipality=meta.municipality,
        period=meta.period,
        parties=book.names,
        page_count=raw.page_count,
        clauses=tuple(clauses),
        party_aliases=tuple((alias, p.name) for p in book.parties for alias in (p.name, *p.aliases)),
        kind=meta.kind,
        language=meta.language,
    )


PRINTED_BELOW_REACH = 3  # lines below a number in which the same number, printed again, is the heading
HANGING_MARKER = re.compile(r"\((?:[a-z]|\d{1,2})\)")
HANGING_REACH = 3  # lines of its paragraph a hanging number may follow


def hanging_markers_placed(lines: list[Line]) -> list[Line]:
    """ "(a)" alone on a line inside a sentence that began a line or two above, the sentence going
    on lowercase below it: a number printed in the margin beside the paragraph's first line, which
    a PDF's text came out after that line. It is put back before the paragraph."""
    lines = list(lines)
    for index in range(1, len(lines) - 1):
        line, following = lines[index], lines[index + 1]
        if not HANGING_MARKER.fullmatch(line.text.strip()) or not following.text[:1].islower():
            continue
        start = paragraph_start(lines, index)
        opening, paragraph = lines[start], lines[start:index]
        if start == 0 or not opens_paragraph(lines[start - 1], opening) or parse(opening.text):
            continue
        if SENTENCE_END.search(lines[index - 1].text) or not opening.text[:1].isupper():
            continue
        if any(other.page != line.page for other in paragraph):
            continue
        lines[start : index + 1] = [replace(line, gap=True), replace(opening, gap=False), *paragraph[1:]]
    return lines


def paragraph_start(lines: list[Line], index: int) -> int:
    """The first line of the paragraph the line at `index` goes on, at most HANGING_REACH up."""
    start = index - 1
    while start > 0 and index - start < HANGING_REACH and not opens_paragraph(lines[start - 1], lines[start]):
        start -= 1
    return start


def opens_paragraph(previous: Line, line: Line) -> bool:
    """A blank line, or a sentence or lead-in ended, stands before it."""
    return line.gap or bool(SENTENCE_END.search(previous.text))


CONTENTS_ENTRY_CHARS = 120  # a contents entry's title: a part's first words, not its text


def without_contents_echoes(nodes: list[Node]) -> list[Node]:
    """A contents list without page numbers ("§ 277-1." over "Rent leveling board.") opens parts
    that hold their titles only, one after another; the same number follows further on, starting
    with the same words and going on. The entries are dropped: a part is cited where it stands."""
    texts = [" ".join(node.text.lower().split()) for node in nodes]
    by_number: dict[tuple[str, str], list[int]] = {}
    for index, node in enumerate(nodes):
        if node.marker is not None:
            by_number.setdefault((node.marker.family, node.marker.printed), []).append(index)

    def echo(index: int) -> bool:
        node, text = nodes[index], texts[index]
        if node.marker is None or node.children or len(text) > CONTENTS_ENTRY_CHARS:
            return False
        if index + 1 < len(nodes) and nodes[index + 1].marker is None:
            return False  # a heading over paragraphs, not an entry among entries
        later = [i for i in by_number[(node.marker.family, node.marker.printed)] if i > index]
        return any(texts[i].startswith(text) and (nodes[i].children or texts[i] != text) for i in later)

    return [node for index, node in enumerate(nodes) if not echo(index)]


# "Termination of tenancy and eviction - (1) Procedures. …", "Notice procedures. (1) The lease …"
CAPTION_FIRST = re.compile(r"^(?P<caption>[^.;:()]{2,80}?)(?:\.|\s[-–—])\s+(?P<first>\(\S{1,3}\)\s+\S.*)$")


def captioned_first(marker: Marker) -> tuple[str, str] | None:
    """A parenthesised part's caption and the first of its own subparts on the same line, as
    federal rules print them: (caption, the subpart's text); None for any other text."""
    found = CAPTION_FIRST.match(marker.rest) if marker.paren else None
    if found is None or not is_title(found.group("caption")):
        return None
    readings = parse(found.group("first"))  # "(i)": a letter or a Roman one
    first = any(m.paren and m.value.first and m.family != marker.family for m in readings)
    return (found.group("caption"), found.group("first")) if first else None


def nested_first(marker: Marker) -> bool:
    """ "(b) (1) Procedure …": the text after the marker opens with the first of another,
    parenthesised numbering."""
    inner = parse(marker.rest)[:1]
    return bool(inner) and inner[0].paren and inner[0].value.first and inner[0].family != marker.family


def node_kind(node: Node, lines: list[Line] | None = None) -> str:
    """What the node's clause is, holding `lines` of its text (all of them unless given)."""
    lines = node.lines if lines is None else lines
    if node.marker is None:
        return "paragraph"
    if node.marker.family.startswith("kw:") and node.marker.family not in ("kw:afspraak", *ARTICLES):
        return "heading" if node.children and not lines else "section"
    if node.heading and not lines:
        return "heading" if node.children else "section"
    return "section" if node.heading else "afspraak"


def section_path(node: Node) -> tuple[str, ...]:
    path = tuple(
        f"{a.label} {a.title}".strip() if a.marker is not None else a.label for a in node.ancestors()
    )
    if node.subheading:
        path += (node.subheading,)
    return path


def make_clauses(
    nodes: list[Node], notes: list[Note], walker: Walker, path: Path, meta: Metadata
) -> list[Clause]:
    """The clauses in reading order; a footnote at the foot of its page, as printed (or, in a file
    without pages, right after the clause that refers to it)."""
    hosts = {note.label: note_host(note, walker) for note in notes}
    refs: dict[int, list[str]] = {}
    for label, host in hosts.items():
        if host is not None:
            refs.setdefault(id(host), []).append(label)
    placed: list[tuple[tuple[int, float], Clause]] = []
    built_of: dict[int, Clause] = {}
    for node in nodes:
        lines = node.segments()[0][0]
        text = joined(node.title, lines) or node.label
        built = clause(
            node.label, node_kind(node, lines), text, pages_of(node, lines), section_path(node), path, meta
        )
        if id(node) in refs:
            built = replace(built, footnotes=tuple(refs[id(node)]))
        built_of[id(node)] = built
    roots = unit_roots(nodes)
    ends = subtree_ends(nodes)
    for position, node in enumerate(nodes):
        built = built_of[id(node)]
        root = roots[id(node)]
        if root is not node and id(root) in built_of:
            built = replace(built, unit=built_of[id(root)].id)
        if node.parent is not None and id(node.parent) in built_of:
            built = replace(built, part_of=built_of[id(node.parent)].id)
        built = replace(built, printed=node.printed)
        placed.append(((built.first_page, position), built))
        parts = [n for n in nodes if n.parent is node] if node.resumed else []
        for lines, before in node.segments()[1:]:  # its text resumed below a part: read there
            resumed = clause(
                node.label, node_kind(node), joined("", lines), pages_of(node, lines, own=False),
                section_path(node), path, meta,
            )  # fmt: skip
            resumed = replace(resumed, unit=built.unit or built.id, part_of=built.part_of)
            anchor = ends[id(parts[before - 1])] if 0 < before <= len(parts) else position
            placed.append(((resumed.first_page, anchor + 0.25), resumed))
    position_of = {id(node): position for position, node in enumerate(nodes)}
    pageless = all(node.page == 1 for node in nodes)  # a text file without form feeds
    for note in notes:
        text = re.sub(r"\s+", " ", " ".join(line.text for line in note.lines)).strip()
        if not text:
            continue
        pages = tuple(sorted({line.page for line in note.lines}))
        host = hosts[note.label]
        built = clause(note.label, "footnote", text, pages, (), path, meta)
        built = replace(built, parent=host.label if host is not None else "")
        where = position_of.get(id(host)) if host is not None else None  # a dropped contents entry
        after = where + 0.5 if where is not None and pageless else len(nodes)
        placed.append(((pages[0], after), built))
    return [built for _, built in sorted(placed, key=lambda item: item[0]) if built.text]


def unit_roots(nodes: list[Node]) -> dict[int, Node]:
    """Each node's passage: its highest ancestor whose text, with everything under it, stays within
    UNIT_CHARS (the node itself when even its parent is longer)."""
    # a heading over articles ("1.1 Van de leden" over "Artikel 1" …) is a part too
    over_articles = {
        id(n.parent) for n in nodes if n.parent is not None and n.marker and n.marker.family in ARTICLES
    }
    listed = {id(node) for node in nodes if not is_part(node) and id(node) not in over_articles}
    chains = {id(node): [a for a in (*node.ancestors(), node) if id(a) in listed] for node in nodes}
    size: dict[int, int] = {}
    for node in nodes:
        for holder in chains[id(node)]:
            size[id(holder)] = size.get(id(holder), 0) + len(node.text or node.label)
    return {
        id(node): next((a for a in chains[id(node)] if size[id(a)] <= UNIT_CHARS), node) for node in nodes
    }


def subtree_ends(nodes: list[Node]) -> dict[int, int]:
    """The position of the last node under each node (its own where none is)."""
    ends = {id(node): position for position, node in enumerate(nodes)}
    for position, node in enumerate(nodes):
        for ancestor in node.ancestors():
            ends[id(ancestor)] = position
    return ends


def is_part(node: Node) -> bool:
    """A chapter, §, part or annex: it holds articles a reader cites apart, so it is no passage."""
    keyword = node.marker.keyword.lower() if node.marker is not None else ""
    return keyword in CONTAINERS or RANKS.get(keyword, 5) < 5


def note_host(note: Note, walker: Walker) -> Node | None:
    """The clause that refers to a footnote: the one holding the line where its marker stands."""
    index = note.reference
    while 0 <= index < len(walker.line_nodes):
        node = walker.line_nodes[index]
        if node is not None:
            return node
        index -= 1
    return None


def pages_of(node: Node, lines: list[Line] | None = None, own: bool = True) -> tuple[int, ...]:
    """The pages of the node's `lines` (all of them unless given), and of its number if `own`."""
    lines = node.lines if lines is None else lines
    own_page = {node.page} if own else set()
    return tuple(sorted(own_page | {line.page for line in lines}))


def printed_number(text: str, rest: str) -> str:
    """What a numbered line prints before the text after its number: "a)" of "a) Convey …"."""
    text, rest = text.strip(), rest.strip()
    if rest and not text.endswith(rest):
        return ""
    number = text[: len(text) - len(rest)].strip()
    return number if len(number) <= 20 else ""


def clause(
    label: str,
    kind: str,
    text: str,
    pages: tuple[int, ...],
    sections: tuple[str, ...],
    path: Path,
    meta: Metadata,
) -> Clause:
    return Clause(
        id=content_id(path.stem, label, text),
        doc_id=path.stem,
        source=path.name,
        title=meta.title,
        municipality=meta.municipality,
        period=meta.period,
        section_path=sections,
        label=label,
        kind=kind,
        pages=pages,
        text=text,
        parties=meta.book.named_in(text),
        doc_kind=meta.kind,
        language=meta.language,
    )
