"""Labels as a reader cites them: "afspraak 12", "1.2 afspraak 3", "Artikel 4 lid 2", "5.2",
"Section 3(a)(1)", "6b", "Hoeksteen 2" — decided from the outline of the whole document."""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise

from ingest.numbering import ANNEXES, ARTICLES, KEYWORDS, Ordinal
from ingest.outline import LETTER_FAMILIES, Node, Style
from ingest.paragraphs import split_paragraphs

# the part an annex's items are numbered in: "Schedule A", "Bijlage 2" (ingest.structure names it)
ANNEX_PART = re.compile(rf"^(?:{'|'.join(KEYWORDS[word] for word in ANNEXES)})(?: \S+)?$")

# how an article's numbered paragraph is cited: "Artikel 4 lid 2"; in English "Article 4(2)", as
# EU law and English statutes cite it (a point under it: "artikel 2 lid 1 onder 1", "Article 2(1)(1)")
PARAGRAPH_WORD = {"nl": "lid"}

PARTY_SCOPE = re.compile(r"\bmet\s+([A-Z][\w-]+(?:\s+(?:[A-Z][\w-]+|van|de|der|den|het))*)")


def split_lost_numbers(nodes: list[Node]) -> list[Node]:
    """Where numbers were lost (2 → 10, as OCR does), the long text after 2 holds the unnumbered
    clauses of its section: its later paragraphs become paragraphs of that section."""
    out: list[Node] = []
    items = [n for n in nodes if n.marker is not None and n.marker.key == ("num", 1)]
    jumps = {
        id(a)
        for a, b in pairwise(items)
        if b.marker.value.value > a.marker.value.value + 1  # type: ignore[union-attr]
    }
    for node in nodes:
        out.append(node)
        if id(node) not in jumps or len(node.text) <= 600:
            continue
        parts = split_paragraphs(node.lines)
        if len(parts) < 2:
            continue
        node.lines = parts[0]
        heading = node.parent.title if node.parent is not None else ""
        for part in parts[1:]:
            out.append(Node(None, node.parent, part[0].page, subheading=heading, part=node.part, lines=part))
    return out


def label_nodes(nodes: list[Node], style: Style) -> None:
    items = [n for n in nodes if is_item(n, style)]
    agreement_items = style.agreement
    main = main_run(items) if agreement_items else set()
    lists = lists_from_one(nodes)
    counted = counted_from_one(nodes)
    for node in nodes:
        node.label = node_label(node, style, main, agreement_items, lists, counted)
    name_by_keyword_part(nodes)
    qualify_repeats(nodes)


def is_item(node: Node, style: Style) -> bool:
    """A numbered clause of its own, not a heading, a paragraph of an article, or a sub-item."""
    marker = node.marker
    if marker is None or marker.family != "num" or len(marker.path) != 1 or marker.bare:
        return False  # "4 Prestatieafspraken": a chapter, numbered apart from its afspraken
    parent = node.parent
    if parent is not None and parent.marker is not None and parent.marker.family in ARTICLES:
        return False
    if parent is not None and parent.marker is not None and parent.marker.family in LETTER_FAMILIES:
        return False
    if parent is not None and parent.marker is not None and parent.marker.family == "num":
        return parent.heading  # a numbered list inside a numbered clause is part of it
    if style.agreement:  # "3.\nNieuwbouw\nDe corporatie bouwt …" is an afspraak with a title
        return not (node.heading and node.children)
    return not (node.heading and (node.lines or node.children))


def main_run(items: list[Node]) -> set[int]:
    """The items numbered through the document ("afspraak 12"), when most items are in one run."""
    runs: list[list[Node]] = []
    for node in items:
        assert node.marker is not None
        if runs and node.marker.value.value > runs[-1][-1].marker.value.value:  # type: ignore[union-attr]
            runs[-1].append(node)
        else:
            runs.append([node])
    if not runs:
        return set()
    longest = max(runs, key=len)
    return {id(n) for n in longest} if len(longest) >= 0.75 * len(items) else set()


def node_label(
    node: Node, style: Style, main: set[int], agreement_items: bool, lists: set[int], counted: set[int]
) -> str:
    marker = node.marker
    if marker is None:
        return paragraph_label(node, style)
    parent = node.parent
    parent_marker = parent.marker if parent is not None else None
    if marker.family.startswith("kw:"):
        return f"{marker.keyword} {marker.printed}".strip()  # "Bijlage" may have no number
    if marker.family == "num" and len(marker.path) > 1:
        return f"§{marker.printed}" if marker.section_sign else marker.printed
    if parent is not None and parent_marker is not None and parent_marker.family in ARTICLES:
        word = PARAGRAPH_WORD.get(style.language)
        return f"{parent.label} {word} {marker.printed}" if word else f"{parent.label}({marker.printed})"
    grandparent = parent.parent if parent is not None else None
    in_lid = (
        parent_marker is not None
        and parent_marker.family == "num"
        and grandparent is not None
        and grandparent.marker is not None
        and grandparent.marker.family in ARTICLES
    )
    if parent is not None and in_lid and marker.family == "num":  # "artikel 2, eerste lid, onder 1°"
        nl = style.language == "nl"
        return f"{parent.label} onder {marker.printed}" if nl else f"{parent.label}({marker.printed})"
    clause_part = parent_marker is not None and parent_marker.family in ("kw:clause", "kw:section")
    if parent is not None and clause_part and marker.family == "num" and len(marker.path) == 1:
        return f"{parent.label}({marker.printed})"  # "Clause 3(1)", as such clauses are cited
    numbered_list = marker.family == "num" and parent_marker is not None and parent_marker.family == "num"
    if parent is not None and numbered_list and not parent.heading:
        return f"{parent.label}({marker.printed})"  # a numbered list inside clause 2: "2(1)", "2(2)"
    # a list counted 1, 2, 3 under a numbered heading, in a text whose items are no afspraken:
    # "2(1)", not a "1" that says section 1
    if parent is not None and numbered_list and not agreement_items and id(parent) in counted:
        return f"{parent.label}({marker.printed})"
    if parent is None and marker.family in LETTER_FAMILIES:
        return marker.printed  # "A. Confidentiality." at the top
    if marker.family in LETTER_FAMILIES or (
        parent_marker is not None and parent_marker.family in LETTER_FAMILIES
    ):
        return sub_label(node, style)
    in_decimal = numbered_list and parent_marker is not None and len(parent_marker.path) > 1
    if parent is not None and in_decimal and not agreement_items and id(parent) in lists:
        return f"{parent.label}({marker.printed})"  # "4.2(3)": the third item listed under 4.2
    if is_item(node, style) and agreement_items:
        if id(node) in main:
            return f"afspraak {marker.printed}"
        return f"{scope_of(node)} afspraak {marker.printed}".strip() if decimal_scope(node) else scoped(node)
    return marker.printed


def counted_from_one(nodes: list[Node]) -> set[int]:
    """The numbered headings whose numbered parts run 1, 2, 3 … with no gap: a list under the
    heading, not sections read under it."""
    numbers: dict[int, list[Ordinal]] = {}
    for node in nodes:
        parent = node.parent
        if parent is None or not parent.heading or parent.marker is None or parent.marker.family != "num":
            continue
        if node.marker is not None and node.marker.family == "num" and len(node.marker.path) == 1:
            numbers.setdefault(id(parent), []).append(node.marker.value)
    counted = {parent: [Ordinal(n + 1) for n in range(len(values))] for parent, values in numbers.items()}
    return {parent for parent, values in numbers.items() if values == counted[parent]}


def lists_from_one(nodes: list[Node]) -> set[int]:
    """The parts whose numbered items start at 1: lists of their own (a "4." read under "3.2" is
    section 4 misplaced, not an item)."""
    first: dict[int, bool] = {}
    for node in nodes:
        if node.parent is not None and node.marker is not None and node.marker.family == "num":
            first.setdefault(id(node.parent), node.marker.value == Ordinal(1))
    return {parent for parent, from_one in first.items() if from_one}


def sub_label(node: Node, style: Style) -> str:
    """ "Section 3(a)(1)(A)(i)": each level in parentheses; a letter level nested in another
    letter level is cited in capitals; "6b" where the document cites its items so."""
    assert node.marker is not None and node.parent is not None
    marker = node.marker
    printed = marker.printed
    letters_above = sum(
        1 for a in node.ancestors() if a.marker is not None and a.marker.family in ("lower", "(lower)")
    )
    if marker.family in ("lower", "(lower)") and letters_above:
        printed = printed.upper()
    parent_label = node.parent.label
    glued = re.fullmatch(r"\d+[A-Z]?|§ \d+-\d+", parent_label)  # "6b", "§ 277-1C"
    if style.glued and marker.family in ("lower", "(lower)", "upper") and glued:
        return f"{parent_label}{printed}"
    return f"{parent_label}({printed})"


def decimal_scope(node: Node) -> Node | None:
    for ancestor in reversed(node.ancestors()):
        if ancestor.marker is not None and ancestor.marker.family == "num" and len(ancestor.marker.path) > 1:
            return ancestor
    return None


def scope_of(node: Node) -> str:
    scope = decimal_scope(node)
    return scope.label if scope is not None else ""


def scoped(node: Node) -> str:
    """Numbering that restarts per party or heading: "Hoeksteen 2", "Huurbeleid 3"."""
    assert node.marker is not None
    heading = (
        node.subheading or node.part or next((a.title for a in reversed(node.ancestors()) if a.title), "")
    )
    party = PARTY_SCOPE.search(heading)
    if party:
        return f"{party.group(1)} {node.marker.printed}"
    return f"{heading} {node.marker.printed}".strip() if heading else f"afspraak {node.marker.printed}"


def paragraph_label(node: Node, style: Style) -> str:
    anchor = node.parent.label if node.parent is not None else ""
    heading = node.subheading
    if node.parent is not None and heading == node.parent.title:
        heading = ""  # "1.1.2 Afspraken" with "Afspraken" again over its paragraphs: its own title
    if not heading and not anchor:
        if node.closing:
            return "slot" if style.language == "nl" else "closing text"
        return "inleiding" if style.language == "nl" else "preamble"
    return f"{anchor} {heading}".strip()


def name_by_keyword_part(nodes: list[Node]) -> None:
    """ "Section 1" again in each article (a keyword part within one of the same rank, see
    ingest.structure.held_keywords) is named by its article ("Article IV Section 6"), and so are
    its items ("Article IV Section 3(b)")."""
    counts = Counter(n.label for n in nodes if n.marker is not None)
    children: dict[int, list[Node]] = {}
    for node in nodes:
        if node.parent is not None:
            children.setdefault(id(node.parent), []).append(node)
    for node in nodes:
        parent = node.parent
        if node.marker is None or counts[node.label] < 2 or not node.marker.family.startswith("kw:"):
            continue
        if parent is None or parent.marker is None or parent.marker.rank != node.marker.rank:
            continue  # "§ 1" again in each "Hoofdstuk" is a chapter's part, cited by its articles
        old, new = node.label, f"{parent.label} {node.label}"
        below = [node]
        while below:
            item = below.pop()
            if item.label == old or item.label.startswith(f"{old}("):
                item.label = new + item.label[len(old) :]
            below += children.get(id(item), [])


def qualify_repeats(nodes: list[Node]) -> None:
    """Numbering that restarts per part repeats labels: name the part ("Terms for Sponsors 2.1").
    An annex's numbering is named first ("Schedule A 1"): the body's "1" then stands alone."""
    for in_annex in (True, False):
        if not in_annex:
            name_restarting_parts(nodes)
        counts = Counter(n.label for n in nodes if n.marker is not None)
        # an annex that numbers its parts again names them all ("Bijlage 2 Artikel 4 lid 1"),
        # whatever subheading they stand under
        restarting = {annex_of(n) for n in nodes if n.marker is not None and counts[n.label] > 1} - {""}
        for node in nodes:
            annex = annex_of(node) if node.marker is not None else ""
            if in_annex and annex in restarting:
                node.label = node.label if node.label.startswith(annex) else f"{annex} {node.label}"
                continue
            if node.marker is None or counts[node.label] < 2:
                continue
            if not node.part or (in_annex and not ANNEX_PART.match(node.part)):
                continue
            top = node.ancestors()[0] if node.parent is not None else node
            if top.part == node.part and not node.label.startswith(node.part):
                node.label = f"{node.part} {node.label}"


def name_restarting_parts(nodes: list[Node]) -> None:
    """Numbers that restart in each keyword part ("1.1" in "Section A" and again in "Section B")
    are named by their part, all of them: "Section B 2.2", as the document cites "B2.2"."""
    counts = Counter(n.label for n in nodes if n.marker is not None)
    parts = [(node, keyword_part(node)) for node in nodes]
    repeats = (part for node, part in parts if node.marker is not None and counts[node.label] > 1)
    restarting = {id(part) for part in repeats if part is not None}
    if len(restarting) < 2:
        return  # the repeats are within one part, or outside any: not a restart per part
    for node, part in parts:
        if part is not None and id(part) in restarting and node.label[:1].isdigit():
            node.label = f"{part.label} {node.label}"


def keyword_part(node: Node) -> Node | None:
    """The nearest ancestor numbered by a keyword other than an article ("Section B", "Part 2")."""
    for ancestor in reversed(node.ancestors()):
        marker = ancestor.marker
        if marker is not None and marker.family.startswith("kw:"):
            return None if marker.family in ARTICLES else ancestor
    return None


def annex_of(node: Node) -> str:
    """The label of the annex a node is in ("Bijlage 2", "Bijlage"), if any."""
    for ancestor in reversed(node.ancestors()):
        marker = ancestor.marker
        if marker is not None and marker.family.startswith("kw:") and marker.family[3:] in ANNEXES:
            return ancestor.label
    return ""
