"""XML documents read as their text: a ruling from rechtspraak.nl's open data, a law from
wetten.overheid.nl (BWB), DocBook or TEI. The metadata (RDF, namespaced elements) is dropped but
for the title it gives (Dublin Core's, the first line); each block element ("para", "title",
"kop", "lid", "al", "listitem", …) is a paragraph of its own, and the elements inside one ("nr",
"label", "emphasis") are words of its line: "1. Procesverloop", "Artikel 1 Begripsbepalingen"."""

from __future__ import annotations

import re
import warnings
from pathlib import PurePath

SUFFIXES = {".xml"}
# "2.", "(1)", "(c-1)", "iv.": a number or letter printed as an element of its own
ALONE_NUMBER = re.compile(r"\(?\d{1,3}[a-z]?[.)]?|\(?(?:[a-z](?:-\d{1,2})?|[A-Z]|[ivx]{1,5}|[IVX]{1,5})[.)]")
# a code's section number printed without its sign ("<section><num>42-3502.08</num>"), as
# codified law is kept in XML: read as "§ 42-3502.08", how the code cites it
CODE_SECTION_NUMBER = re.compile(
    r"\d{1,4}[A-Z]?(?:-\d{1,5}[A-Za-z]?(?:\.\d{1,3}[a-z]?)?|(?:\.\d{1,4}[a-z]?){1,2})"
)
DECLARATION = re.compile(r"^\ufeff?\s*<\?xml\b", re.I)
# elements that hold a paragraph, a heading or an item of their own, in the XML vocabularies of
# Dutch rulings and laws, DocBook, TEI and HTML-like markup
BLOCKS = frozenset(
    """
    para paragroup parablock title subtitle bridgehead section sect1 sect2 sect3 listitem
    itemizedlist orderedlist inhoudsindicatie uitspraak conclusie
    artikel kop lid al li lijst tussenkop hoofdstuk afdeling paragraaf titeldeel aanhef wij
    considerans slotformulering ondertekening nota-toelichting bijlage
    p div head item list note table row tr td th entry caption h1 h2 h3 h4 h5 h6 br
    """.split()
)
# metadata, not text: RDF descriptions, any namespaced element ("dcterms:title"), meta blocks
DROPPED = frozenset("meta metadata meta-data script style".split())


def is_xml(name: str, text: str) -> bool:
    """An XML file by its name, or a text file that declares itself XML."""
    suffix = PurePath(name).suffix.lower()
    return suffix in SUFFIXES or (suffix in ("", ".txt", ".text") and DECLARATION.match(text) is not None)


def xml_text(text: str) -> str:
    """The text of an XML document: one paragraph per block element, blank lines between."""
    from bs4 import BeautifulSoup, NavigableString, Tag, XMLParsedAsHTMLWarning
    from bs4.element import CData, PreformattedString

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(text, "html.parser")
    paragraphs: list[str] = []
    line: list[str] = []
    number = ""  # an element holding only a number ("<lidnr>1</lidnr>") numbers the next paragraph

    def flush() -> None:
        nonlocal number
        words = " ".join(" ".join(line).split())
        line.clear()
        if ALONE_NUMBER.fullmatch(words):
            # "(f)" over its "(1)" over "(A) A housing provider …": the numbers of nested levels
            # that open together print on one line, as a code cites them ("(f)(1)(A)")
            words = words if words[-1] in ".)" else f"{words}."
            number = f"{number} {words}" if number else words
        elif words:
            paragraphs.append(f"{number} {words}" if number else words)
            number = ""

    def walk(node: Tag) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                # text and CDATA; not a comment, declaration or processing instruction
                if not isinstance(child, PreformattedString) or isinstance(child, CData):
                    line.append(str(child))
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name.lower()
            if name in DROPPED or ":" in name:
                continue
            section = name == "num" and node.name.lower() == "section"
            if section and CODE_SECTION_NUMBER.fullmatch(child.get_text(strip=True)):
                line.append("§")
            if name in BLOCKS:
                flush()
                walk(child)
                flush()
            else:
                walk(child)

    # the document's own title from its metadata (Dublin Core), as its first line
    title = soup.find(["dcterms:title", "dc:title"])
    if isinstance(title, Tag) and title.get_text(strip=True):
        line.append(title.get_text(" ", strip=True))
        flush()
    walk(soup)
    flush()
    if number:
        paragraphs.append(number)
    return "\n\n".join(paragraphs) + "\n"
