"""Paths → documents: find the files, read each, and report every file that failed."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from ingest.errors import IngestError, NothingToRead, UnsupportedType
from ingest.extract import document_names, extract_amounts, extract_deadlines
from ingest.ocr import OcrOptions
from ingest.read import SUPPORTED_SUFFIXES, read_file
from ingest.structure import parse_document
from ingest.types import Document, FileError, content_id

# Bump when reading, structure, chunking or extraction changes what a file yields: an index built
# by older code then reads its files again on the next ingest instead of skipping them as unchanged.
# 97: a section's subsections "(a)", "(b)", "(c-1)" at its top are cited each, not read as one
# preamble; an XML level holding only its number numbers the first text below it with its subparts'
# numbers ("(f) (1) (A) …"); an XML code section's bare number is its "§ 42-3502.08"; "§ 2" and
# "Section 2" cite their "(1)" paragraphs each ("§ 2(1)"), unless a lead-in quotes them; clauses
# numbered again in each keyword part are named by it ("Section B 2.2"); no sentence ends at a title
# or a name's initials ("mr. L. H. Jansen"); 96: no sentence ends at an abbreviation ("GPL v. 2, v.
# 3", "art. 5", "no. 7"), so a long clause is cut between its real sentences; 95: a list set in
# under a lead-in ("… lidmaatschap:" / "\t1. …") is the lead-in's in a flush-left document too, and
# the next item of the outer list steps back out; 94: a title after a number stands alone when the
# next line opens a list ("2.1 Copyright License" / "(a) You retain …"); a town code's "1340.01";
# Markdown "1. _(a)_ …" numbered by what it prints; HTML: lxml's parser (items and paragraphs end
# where the next begins), a heading's button is its text, templates' and doctypes' markup dropped;
# "regulations" names a regulation; 93: a captioned first subpart opens its own first subpart ("(b)
# Payments - (1) Tenant rent. (i) …"); 92: where every bare-number Markdown heading stands right
# below a heading of words, as legislation.gov.uk sets a regulation ("#### Interpretation" over
# "###### 2"), the title takes the number; 91: an unnumbered "Bijlage" that numbers its articles
# again names all its parts ("Bijlage Artikel 1 lid 2"), as a numbered one does; 90: a web page's
# list numbered by its style or class ("alpha", "lower-roman") or by its items' values (`<li
# value="39">`) is read as the page shows it; clauses typed line by line inside one `<p>` ("5.1.1.
# …" / "5.1.2. …") keep their lines; 89: "Section 1." then "§ 2." is one sequence (as bills number
# their sections); "(l) Caption - (1) Text" is a captioned part and its first subpart, "(3) Caption.
# (i) …" opens the Roman one; 88: a note repeated under part upon part ("### Toelichting" after each
# Aanwijzing) is read as the part's own text, its example's numbers no parts; a lower-case item
# letter glued to its text ("b.De …", "(a)The …") opens the item; 87: a bold number alone ("**10.**
# **Bus pass**") numbers what follows, no caption; a Markdown heading's number run into its title
# ("14.2Conduct") is set apart; decimals carry a lower-case letter ("14.1a"); the number after a
# decimal part's parent ("12. In this agreement:" after 11.2) is the next section, sentence or not;
# a titled decimal part stays under the clause its number names; 86: a title ending in a version
# ("Creative Commons Naamsvermelding 3.0") numbers no section; 85: a Markdown table of contents
# under its own heading ("# Inhoudsopgave", "## Table of contents") is left out, its entries being
# the headings below; 84: a bare "11 Service initiation" set apart as a heading opens a run of
# sections (an excerpt's first); 83: "5.1 …" on the line after "Artikel 5. Beveiliging" is the
# article's first part, not words of its title; 82: a web page's form is kept when it holds the text
# (an agreement set in the form that signs it up), its fields dropped; 81: only a list whose every
# item is a title over a list of its own is read as headings; a page's list letter stands before the
# item's words, inside its paragraph; English lettered items "a. The …" are cited on their own; 80:
# a title set as a list item over a list numbered from 1 again is a heading ("### 1. Title", "1.
# GENERAL" over an indented list); headings' {#id} dropped; HTML entities in Markdown read as
# characters; "(1) Title" at the top heads a part; titles in capitals may run to 20 words;
# reglementen, statuten, by-laws and standing orders are regulations; 79: a page's <ol type="a"> is
# lettered as shown; "standing order 9(b)", "clause 3(a)", "rule 4(b)" cite lettered items; the line
# below a numbered title that does not wrap is kept; 78: a list's "5." with "5 Title" printed just
# below stays in the list; 77: "(a)" in the margin, read after its paragraph's first line, numbers
# the paragraph; 76: a list counted 1, 2, 3 under a numbered heading is "2(1)" …; 75: a Markdown
# list numbered "1." "1." "1." is read 1, 2, 3, as shown; 74: "Artikel E4", "Artikel A 1" (a letter
# before the number) are articles; 73: each clause records the clause it is a part of and its number
# as printed; 72: after a heading's lead-in ending in a colon, a restarting "1." lists under the
# heading; 71: a term spelled out with its figure ("thirty (30) days") or in hours is a deadline;
# 70: text resumed below a clause's parts is read after them, as the clause's again; 69: English
# function words open no party name ("The Tenant …"); 68: a lone function word ("De" over a
# signature) is no heading; 67: a title opening with a figure between blank lines ("8 Week Rent
# Arrears") heads what follows; 66: "Sec. 856-11." is a section; 65: a lettered marker alone on its
# line, "(b)", opens the text below; 64: XML's CDATA sections are text; 63: "Aanwijzing 4", "Rule 2"
# and "Regulation 3" are articles, "(1)" under one its paragraph; 62: "B10. No assigning" (a part's
# letter, then the clause's number) numbers a clause; 61: a ruling's decisions ("III. veroordeelt
# het college tot …") are parts of their own; 60: XML (rulings from rechtspraak.nl, laws as BWB XML,
# DocBook, TEI) is read as its text, metadata dropped; 59: a .txt is AsciiDoc by its "==" section
# headings, not by lines opening with one "="; 58: a town code that cites "§ 277-1C" labels its
# items so, a contents list of titles only (printed again further on with their text) opens nothing;
# 57: an annex that numbers its parts again names them all ("Bijlage 2 Artikel 4 lid 1"), whatever
# subheading they stand under; 56: "§ 277-1" (a town code's chapter and section) is a section
# number, OCR's "¤ 277-1" its sign, "A. Board established. …" a titled subsection; 55: AsciiDoc ("==
# 59.28.010 - …", ". item" lists) is read as it renders, a decimal's part after a one- or two-digit
# part may have three digits ("59.28.010"); 54: Markdown bold wrapped over two lines ("**2. Als je …
# iedere" / "werkgever.**") leaves no marks; 53: "(b) (1) Procedure …" opens (b) and its first
# subpart, the section open printed again atop a page ("Section 10330 - 10335") is its header; 52: a
# statute's section number before its first sentence ("15 A landlord must not …", "14 (1) A …")
# under its title on the line above starts the section, titled by it, and its first subsection; 51:
# a converter's page markers ("--- Page 98 ---") end the pages of a text file, a line ending in ":-"
# leads in as a colon does; 50: a Markdown heading that ends in a colon ("## Code 12.040 states, in
# part:") leads into the text below and closes no section, a reference to "Section 7.c." makes
# lettered items clauses; 49: a paragraph whose subheading is its heading's title again is named by
# the heading alone ("1.1.2", not "1.1.2 Afspraken"); 48: "2.Als je …" (a PDF's lost space after the
# number) is item 2; 47: an English article's paragraphs are "Article 57(1)", Pandoc's hard line
# breaks ("Let op:\") and spans ("[…]{.underline}") leave no marks; 46: under a heading set in from
# a text flush left, the paragraphs at the margin are the heading's; 45: a contents list without
# page numbers is no part, "1.1.1." on the line after "1.1. General" opens its first part; 44:
# sections numbered again in each article sit in it ("Article IV Section 3(b)"), a list under "4.2"
# is "4.2(3)" in English, an excerpt's "(o) Voucher program" heads it, "(3) 40 percent limit" is an
# item; 43: HTML pages (.html, or markup saved as .txt) are read as the text a browser shows; 42:
# English lettered items with titles of their own ("a. Response Time. The City …") are subsections;
# 41: "Section 10330. Appeals." (numbers of up to five digits, begun mid-way), "Art 2bis" and
# "Artikel 9ter"; 40: parts lettered in order ("A. Inleiding", "B. Grondaankopen") are parts, not
# initials; 39: a keyword heading starts where it starts ("Artikel 11" first in an excerpt, "Part 2"
# after "Part 3"), Markdown "### B" over its title is one heading; 38: a converted PDF's wrapped
# line set as a Markdown heading goes on its sentence, a lowercase reference wrapped to a line's
# start ("section F (break clauses) of this") opens nothing; 37: a decision's Roman parts ("II. de
# taak … vast te stellen:") are clauses, "Bijlagen" is no "Bijlage n", "Bijlage III" opens an annex
# though I and II are not printed, reStructuredText is read; 36: a letter-spaced word ("A a n l e i
# d i n g") is read as one, Markdown "# 3.2" over "# Title" is one heading; 35: a Markdown heading
# that asks is a heading; 34: "Art. 2." is an article, OCR's "Pagma 3 van 8" a footer; 33: a date
# line in a clause is a sentence of its own; 32: Markdown: "#" headings after text are no title,
# "Naam <small>Artikel 1</small>" is "Artikel 1 Naam", "###II" over "####Title" is "II. Title"; 31:
# MDX imports and exports are no text; 30: a numbered heading's sibling is in its part; 29: "Treedt
# in werking per 01-07-2014" is a date line; 28: a numbered list inside a numbered clause is "2(1)",
# a bulleted numbered item is set in; 27: a dash after a number ("1.1 – Text") is no text; 26: a
# list number before a Markdown heading ("1. ## Introduction"); 25: an unnumbered annex heading is
# short; 24: no "Prestatieafspraken" title for an untitled English text; 23: "4.1" under "4.0"; 22:
# "##Title", bold numbered list items, "Bijlage" alone; 21: Markdown contents and bulleted items,
# "II.3", date lines, annex parts, headings over articles; 20: document kinds; 19: abbreviations;
# 18: lists set in under a lid; 17: captions, clauses, addresses; 16: Markdown
READER_VERSION = "97"


@dataclass(frozen=True, slots=True)
class Source:
    """A file to read, and its key: its path under the folder it was ingested from, that folder's
    name first ("gemeente-a/2024/afspraken.pdf"), so the same file is the same key on every ingest
    whether its folder or the file itself is named, and two files of one name are two keys."""

    path: Path
    key: str


@dataclass(frozen=True, slots=True)
class Identity:
    """Who a document is in the index: its id, and the name its citations give."""

    id: str
    source: str
    key: str


def collect_sources(paths: list[Path]) -> tuple[list[Source], list[FileError]]:
    """Files to read under the given paths; a directory with nothing to read is an error."""
    sources: list[Source] = []
    errors: list[FileError] = []
    for path in paths:
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
            )
            if not found:
                error = NothingToRead(str(path), "the directory holds no PDF or .txt file to read")
                errors.append(FileError(str(path), str(error)))
            sources.extend(Source(p, source_key(path, p)) for p in found)
        elif path.is_file():
            sources.append(Source(path, source_key(path.parent, path)))
        else:
            errors.append(FileError(str(path), f"{path}: no such file or directory"))
    return sources, errors


def collect_files(paths: list[Path]) -> tuple[list[Path], list[FileError]]:
    sources, errors = collect_sources(paths)
    return [s.path for s in sources], errors


def source_key(root: Path, path: Path) -> str:
    root = root.resolve()
    return (Path(root.name) / path.resolve().relative_to(root)).as_posix()


def assign_identities(sources: list[Source], taken: dict[str, str]) -> tuple[dict[str, Identity], list[str]]:
    """Ids for the files to read. A file keeps the id it had (`taken`: id → key) and a new one gets
    its stem, so ids do not change needlessly; a stem another file already has is qualified by a
    hash of the key. Returns the identities by key, and one note per qualified file."""
    owner = dict(taken)
    by_key = {key: doc_id for doc_id, key in taken.items()}
    identities: dict[str, Identity] = {}
    notes: list[str] = []
    for source in sorted(sources, key=lambda s: s.key):
        doc_id = by_key.get(source.key) or source.path.stem
        name = source.path.name
        if owner.get(doc_id, source.key) != source.key:
            doc_id = f"{source.path.stem}-{hashlib.sha256(source.key.encode()).hexdigest()[:6]}"
            name = source.key
            notes.append(f"{source.key}: another file is also named {source.path.stem}; its id is {doc_id}")
        owner[doc_id] = source.key
        identities[source.key] = Identity(doc_id, name, source.key)
    return identities, notes


def read_document(
    path: Path, *, max_pages: int = 1500, identity: Identity | None = None, ocr: OcrOptions | None = None
) -> Document:
    """One file → one Document with its clauses, deadlines and amounts; raises IngestError."""
    raw = read_file(path, max_pages=max_pages, ocr=ocr)
    document = parse_document(raw, path)
    if raw.scanned_pages:
        document = replace(document, scanned_pages=raw.scanned_pages)
    if not document.clauses:
        raise UnsupportedType(str(path), "no text could be read as clauses")
    if identity is not None:
        document = with_identity(document, identity)
    return with_extractions(document)


def with_identity(document: Document, identity: Identity) -> Document:
    """The document under the id the index gives it; a new id gives its clauses new ids too."""
    if identity.id == document.id:
        return replace(document, source=identity.source, path=identity.key)
    clauses = tuple(
        replace(
            c,
            id=content_id(identity.id, c.label, c.text),
            doc_id=identity.id,
            source=identity.source,
        )
        for c in document.clauses
    )
    return replace(document, id=identity.id, source=identity.source, path=identity.key, clauses=clauses)


def with_extractions(document: Document) -> Document:
    """Deadlines and amounts of every clause, found once at ingest and stored in the index."""
    names = document_names([c.text for c in document.clauses], document.parties, document.municipality)
    deadlines = tuple(d for clause in document.clauses for d in extract_deadlines(clause, parties=names))
    tenants = tenant_parties(document)
    amounts = tuple(a for clause in document.clauses for a in extract_amounts(clause, names, tenants))
    return replace(document, deadlines=deadlines, amounts=amounts)


def tenant_parties(document: Document) -> frozenset[str]:
    """Parties the document also calls a tenant organisation ("Huurdersvereniging X" hierna te
    noemen "X"): never one of "de corporaties"."""
    return frozenset(
        name for alias, name in document.party_aliases if re.search(r"huurder|bewoner", alias, re.I)
    )


def read_documents(
    files: list[Path],
    *,
    max_pages: int = 1500,
    identities: dict[Path, Identity] | None = None,
    ocr: OcrOptions | None = None,
) -> Iterator[Document | FileError]:
    for path in files:
        try:
            yield read_document(path, max_pages=max_pages, identity=(identities or {}).get(path), ocr=ocr)
        except IngestError as error:
            yield FileError(str(path), str(error))
        except (OSError, UnicodeError) as error:
            yield FileError(str(path), f"{path}: cannot be read ({error.__class__.__name__})")
