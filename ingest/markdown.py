"""Markdown read as the plain text it marks up, so that structure is found as in any text: a
heading without its hashes and set apart by blank lines (as a printed title is), emphasis, links
and code without their marks, a table as rows of cells, front matter reduced to its title, and
thematic breaks and fences dropped."""

from __future__ import annotations

import html
import re

from ingest.numbering import ordinal, parse
from ingest.shapes import HEADING_WORDS, NOTE_HEADING, SENTENCE_END, is_title, notes_per_part

# "## Artikel 1"; also "##Besluit van …" as converters write it (two hashes or more: "#tag" is no heading)
ATX_HEADING = re.compile(
    r"^ {0,3}(?P<level>#{1,6})(?:[ \t]+|(?<=##)(?=[^\s#]))(?P<text>.*?)(?:[ \t]+#+)?[ \t]*$"
)
# "  1. ## Introduction": a list's number before a heading numbers the heading
NUMBERED_ATX = re.compile(
    r"^\s{0,8}(?P<number>\d{1,3}(?:\.\d{1,3})*[.)])[ \t]+(?P<level>#{1,6})[ \t]+(?P<text>.*?)"
    r"(?:[ \t]+#+)?[ \t]*$"
)
# "## Fees {#fees .unnumbered}": a heading's id and classes (Pandoc, kramdown, Hugo), not its words
HEADING_ATTRIBUTES = re.compile(r"\s*\{[#.][^{}]*\}\s*$")
INSERTED = re.compile(r"\+\+(?=\S)(?P<text>.+?)(?<=\S)\+\+")  # "++Name.++": inserted text (markdown-it)
ENTITY_SPACE = re.compile(r"[\xa0\n\r\t]")  # spaces an entity writes: one line stays one line
# a contents line's item mark beside its link: "b.", "(iv)", "C)"
CONTENTS_MARK = re.compile(r"^\s*[-*+]?\s*\(?(?:[a-zA-Z]|[ivxIVX]{1,5})[.)]\s")
# a table of contents set under a heading of its own: its entries (a list, a table of titles and
# pages, links) are the headings below over again
CONTENTS_HEADING = re.compile(r"^(?:inhoud(?:sopgave)?|table of contents|contents)\s*:?$", re.I)
# a heading numbered as a list item is: "1. Lidmaatschapsvormen"
HEADING_ITEM = re.compile(r"^(?P<number>\d{1,3})\.[ \t]+(?P<title>\S.*)$")
# a heading that is only a number: "II", "B", "3", "3.2", "2 . 1 . 2" (a PDF's spaced-out numbering)
BARE_NUMBER = re.compile(r"^(?:[IVXLC]{1,6}|[A-Z]|\d{1,3}(?: ?\. ?\d{1,3}){0,3})\.?$")
# "Bijlage:", "Bijlagen:", "Appendices:": a heading over annexes, not a sentence that opens a list
ANNEX_LEAD = re.compile(r"^(bijlagen?|annex(?:es)?|append(?:ix|ices)|schedules?|exhibits?)\s*:$", re.I)
# "Naam <small>Artikel 1</small>": the number set apart after the title, in an element of its own
TRAILING_KEYWORD = re.compile(
    r"^(?P<title>[^\d<][^<]{0,80}?)\s*<(?P<tag>\w+)[^>]*>\s*"
    r"(?P<number>(?:artikel|article|section|afspraak)\s+\d{1,3}[a-z]?)\s*</(?P=tag)>\s*$",
    re.I,
)
# A rule set apart ends the numbered parts open (ingest.structure): put before an unnumbered
# heading of the level of the numbered ones ("## Versiebeheer" after "## Artikel 9"), so that it
# does not fall under the last of them.
CLOSING_RULE = ["", "=" * 10, ""]
# front matter, YAML between "---" or TOML between "+++"
FRONT_MATTER = re.compile(r"\A(?P<fence>---|\+\+\+)[ \t]*\n(?P<body>(?:.*\n){0,60}?)(?P=fence)[ \t]*\n")
# MDX: "import X from '…'" lines and an "export const meta = {…}" block: code, not text
MDX_HEAD = re.compile(
    r"\A(?:\s*import\s[^\n]*\bfrom\s+['\"][^\n]*\n|\s*export\s+const\s+\w+\s*=\s*\{[^}]*\}\s*\n?)+"
)
FRONT_TITLE = re.compile(r"^title\s*[:=]\s*['\"]?(?P<title>.*?)['\"]?\s*$", re.M)
THEMATIC_BREAK = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
FENCE = re.compile(r"^ {0,3}(?:```|~~~)")
TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
IMAGE = re.compile(r"!\[[^\]]*\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")
LINK = re.compile(r"\[(?P<text>[^\]]*)\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")
# a link to a place in the same document: "1.1 [Van de leden](#11-van-de-leden)<br>"
ANCHOR_LINK = re.compile(r"\[[^\]]*\]\(#[^)\s]*\)")
STRUCK = re.compile(r"~~.+?~~")  # struck-out text is text taken out
# "**Copyright License.** You hereby grant …": a caption run into its paragraph heads it; a
# number in bold ("**10.** **Bus pass**") is no caption but the number of what follows
RUN_IN_CAPTION = re.compile(
    r"^(?P<indent>\s*)(\*\*|__)(?P<caption>(?=[^*_]*[^\W\d_])[^*_]{2,80}?)\.\2\s*(?P<rest>.*)$"
)
# "14.2Conduct and behaviour", "14.YOUR OBLIGATIONS": a heading's number run into its title
GLUED_TITLE = re.compile(r"^(?P<number>\d{1,3}(?:\.\d{1,3})*\.?)(?=[A-Z](?:[a-z]{2}|[A-Z]{2}))")
REFERENCE_LINK = re.compile(r"\[(?P<text>[^\]]+)\]\[[^\]]*\]")
LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s+\S+")
AUTOLINK = re.compile(r"<(?P<url>(?:https?|mailto):[^>\s]+)>")
STRONG = re.compile(r"(\*\*|__)(?=\S)(?P<text>.+?)(?<=\S)\1")
# the half of a strong span that a hard-wrapped paragraph carries over to another line
WRAPPED_STRONG = re.compile(r"^(\s*)\*\*(?=\S)|(?<=\S)\*\*(\s*)$")
EMPHASIS = re.compile(r"(?<![\w*])([*_])(?=\S)(?P<text>.+?)(?<=\S)\1(?![\w*])")
CODE = re.compile(r"`+(?P<text>[^`]+?)`+")
HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
BLOCKQUOTE = re.compile(r"^ {0,3}>[ \t]?")
LIST_ITEM = re.compile(r"^(?P<indent>\s*)[*+][ \t]+")
ORDERED_ITEM = re.compile(r"^(?P<indent>[ \t]{0,12})(?P<number>\d{1,3})(?P<mark>[.)])(?=[ \t]+\S)")
# "- (a) Stewardship …", "-\ta. Container packaged …": a bullet before the item's own marker
BULLETED_MARKER = re.compile(
    r"^(?P<indent>\s*)[-*+][ \t]+(?=(?:\*\*|__)?(?:\d{1,3}(?:\.\d{1,3})*[.)]|\d{1,3}(?:\.\d{1,3})+"
    r"|\(?(?:[a-zA-Z]|[ivx]{1,5}|\d{1,3})\)|(?:[a-zA-Z]|[ivx]{1,5})\.)(?:\*\*|__)?[ \t])"
)
# "1. _(a)_ Within …", "14. (n) …": an ordered list whose items print their own marker, the list's
# number counting in step with it
ECHOED_ITEM = re.compile(
    r"^(?P<indent>[ \t]{0,12})(?P<number>\d{1,3})[.)][ \t]+(?P<em>_|\*{1,2})?"
    r"\((?P<marker>[ivxIVX]{1,6}|[a-zA-Z]{1,2}|\d{1,3})\)(?(em)(?P=em))(?=[ \t])"
)
ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")
# Pandoc's Markdown: "[text]{.underline}" (a span with attributes), "line\" (a hard line break)
PANDOC_SPAN = re.compile(r"\[(?P<text>[^\]]*)\]\{[^}\n]*\}")
HARD_BREAK = re.compile(r"\\$")
SUFFIXES = {".md", ".markdown"}


def is_markdown(name: str, text: str) -> bool:
    """A Markdown file by its name, or by its marks: front matter, or headings opened by hashes."""
    if any(name.lower().endswith(suffix) for suffix in SUFFIXES):
        return True
    headings = sum(1 for line in text.splitlines()[:2000] if ATX_HEADING.match(line))
    return bool(FRONT_MATTER.match(text)) or headings >= 2


def plain_markdown(text: str) -> str:
    text = HTML_COMMENT.sub("", text.replace("\r\n", "\n"))
    lines: list[str] = []
    front = FRONT_MATTER.match(text)
    titled = False  # text has followed the first "#" headings (the title and any subtitle)
    if front:
        title = FRONT_TITLE.search(front.group("body"))
        lines += [title.group("title"), ""] if title else []
        text = text[front.end() :]
    text = MDX_HEAD.sub("", text)  # the page's own "# Title" follows
    fenced = False
    numbered_level = 0  # the level of the last heading that opens with a number ("## Artikel 9")
    contents = False  # under a "# Inhoudsopgave" / "## Table of contents" heading
    previous = ""  # the last line of text, when nothing but blank lines followed it
    source = list_headings(numbers_joined(echoed_numbers(lazy_lists_counted(text.split("\n")))))
    notes = notes_per_part(heading_words(h.group("text")) for h in map(ATX_HEADING.match, source) if h)
    for line in source:
        if FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            lines.append(line)
            continue
        heading = ATX_HEADING.match(line) or NUMBERED_ATX.match(line)
        words = heading_words(heading.group("text")) if heading else ""
        goes_on = bool(heading) and continues(previous, words)
        if heading and not goes_on:
            contents = bool(CONTENTS_HEADING.match(words))
            if contents:  # "# Inhoudsopgave" and its entries repeat the headings below
                continue
        if contents and not heading:
            lines.append("")
            continue
        if heading and goes_on:
            # a converted PDF's wrapped line set as a heading: "6.4 … serve a notice on the" /
            # "#### Tenant not less than 28 days before …": the sentence goes on
            while lines and not lines[-1].strip():
                lines.pop()
            lines.append(inline(block(heading.group("text"))))
            previous = lines[-1]
        elif heading and words.endswith(":"):
            # "## RCW 43.185A.150 states, in part:": a sentence leading into the text below, set as
            # a heading; it heads nothing, so it closes nothing
            lines += ["", words]
            previous = words
            continue
        elif heading:
            level = len(heading.group("level"))
            if number := heading.groupdict().get("number"):
                words = f"{number} {words}"
            if parse(words):
                numbered_level = level
            elif numbered_level and level <= numbered_level and not (notes and NOTE_HEADING.fullmatch(words)):
                lines += CLOSING_RULE  # but a note under part upon part explains the part above
                numbered_level = 0
            # the first-level headings before any text are the title, underlined as in the other
            # Markdown form; where every article is a "#" heading, the later ones are headings
            lines += ["", words, "=" * 10 if level == 1 and not titled else "", ""]
        elif dropped(line):
            lines.append("")
        elif caption := RUN_IN_CAPTION.match(line):
            lines += ["", inline(caption.group("caption")), "", inline(block(caption.group("rest")))]
        else:
            if BULLETED_MARKER.match(line):  # a numbered list item is a block of its own
                lines.append("")
            lines.append(inline(block(line)))
            titled = titled or bool(lines[-1].strip())
            previous = lines[-1] if lines[-1].strip() else previous
            continue
        previous = ""  # a heading, a dropped line or a caption ends the sentence
    return "\n".join(lines)


def lazy_lists_counted(lines: list[str]) -> list[str]:
    """An ordered list written with one number for every item ("1." "1." "1.", so that inserting
    an item renumbers nothing) as it is shown: 1, 2, 3 (CommonMark counts on from the first)."""
    lines = list(lines)
    open_lists: list[tuple[int, list[int]]] = []  # (indent, line numbers of its items), outermost first

    def close(deeper_than: int) -> None:
        while open_lists and open_lists[-1][0] > deeper_than:
            _, items = open_lists.pop()
            numbers = {m["number"] for i in items if (m := ORDERED_ITEM.match(lines[i]))}
            if len(items) > 1 and len(numbers) == 1:
                for count, i in enumerate(items, start=int(numbers.pop())):
                    lines[i] = ORDERED_ITEM.sub(rf"\g<indent>{count}\g<mark>", lines[i], count=1)

    after_blank = False
    for index, line in enumerate(lines):
        if not line.strip():
            after_blank = True
            continue
        indent = len(line) - len(line.lstrip())
        if ORDERED_ITEM.match(line):
            close(indent)
            if open_lists and open_lists[-1][0] == indent:
                open_lists[-1][1].append(index)
            else:
                open_lists.append((indent, [index]))
        elif ATX_HEADING.match(line) or FENCE.match(line):
            close(-1)
        elif after_blank:  # a paragraph no deeper than an item's number ends its list
            close(indent - 1)
        after_blank = False
    close(-1)
    return lines


def echoed_numbers(lines: list[str]) -> list[str]:
    """A list item that prints its own marker where the list's number stands for the same place
    ("1. _(a)_ …", "14. _(n)_ …", "2. (2) …", as a code converted to Markdown numbers its lists) is
    numbered by what it prints: the list's number is the renderer's ("3. (1) …", subsection 1 of
    section 3, keeps both)."""

    def echoed(match: re.Match[str]) -> str:
        marker, number = match["marker"], int(match["number"])
        places = {int(marker)} if marker.isdigit() else {ord(marker[-1].lower()) - ord("a") + 1}
        if not marker.isdigit() and re.fullmatch(r"[ivxIVX]+", marker):
            places.add(ordinal(marker).value)  # "(i)": a letter or a Roman one
        return f"{match['indent']}({marker})" if number in places else match[0]

    return [ECHOED_ITEM.sub(echoed, line, count=1) for line in lines]


def list_headings(lines: list[str]) -> list[str]:
    """A numbered title over a list numbered from 1 again, written as one more list item, is a
    heading, as the page shows it: "### 1. Lidmaatschapsvormen" and then "1." "2." …, or, in a
    list whose every item is a title over a list of its own, "1. GENERAL" over an indented "1."
    "2." … (an HTML list of lists). Written "1 Title", the list below is its items ("1(2)"), not
    the title's next siblings."""
    out = list(lines)
    for index, line in enumerate(lines):
        heading = ATX_HEADING.match(line)
        number = HEADING_ITEM.match(heading.group("text").strip()) if heading else None
        if heading and number and first_item_below(lines, index, None):
            out[index] = f"{heading.group('level')} {number.group('number')} {number.group('title')}"
    for run in item_runs(lines):
        titled = [(i, m, lines[i][m.end() :].strip()) for i in run if (m := ORDERED_ITEM.match(lines[i]))]
        if len(titled) >= 2 and all(
            is_title(title) and first_item_below(lines, i, len(m.group("indent"))) for i, m, title in titled
        ):
            for i, m, title in titled:
                out[i] = f"###### {m.group('number')} {title}"
    return out


def item_runs(lines: list[str]) -> list[list[int]]:
    """The lines of each ordered list's own items, by list: items set in alike, up to a paragraph
    set in less deep, or a heading, that ends the list (a line right below an item's text goes on
    that text, however it is set in)."""
    runs: list[list[int]] = []
    open_runs: dict[int, list[int]] = {}  # indent → the items of the list open at that indent
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        depth = len(line) - len(line.lstrip())
        item = ORDERED_ITEM.match(line)
        lazy = not item and index > 0 and bool(lines[index - 1].strip())
        for indent in [i for i in open_runs if not lazy and (i > depth or (i == depth and not item))]:
            runs.append(open_runs.pop(indent))
        if ATX_HEADING.match(line):
            runs += open_runs.values()
            open_runs = {}
        elif item:
            open_runs.setdefault(depth, []).append(index)
    return runs + list(open_runs.values())


def first_item_below(lines: list[str], index: int, indent: int | None) -> bool:
    """The text below line `index` opens a list at "1." before any other heading: for a heading
    (`indent` None) anywhere in its text, for a list item as the next line, set in deeper."""
    for line in lines[index + 1 :]:
        if not line.strip():
            continue
        if ATX_HEADING.match(line):
            return False
        item = ORDERED_ITEM.match(line)
        if indent is not None:
            return bool(item and len(item.group("indent")) > indent and item.group("number") == "1")
        if item and item.group("number") == "1":
            return True
    return False


def continues(previous: str, words: str) -> bool:
    """A heading that goes on the sentence of the text line before it: that line ends mid-sentence
    ("… a rent review notice on the") and the heading starts small ("should be shown …") or is a
    long sentence of its own ("Tenant not less than 28 days … specifying:")."""
    if not previous or SENTENCE_END.search(previous.rstrip()):
        return False
    long_sentence = len(words.split()) > HEADING_WORDS and bool(SENTENCE_END.search(words))
    return words[:1].islower() or long_sentence


def numbers_joined(lines: list[str]) -> list[str]:
    """ "###II" and then "####Ontheffing …": one heading, "###II. Ontheffing …" (a part's number
    and its title set as two headings); "# 3.2" and then "# Geluid": "# 3.2. Geluid". Where every
    number comes after its title, as legislation.gov.uk sets a regulation ("#### Interpretation"
    over "###### 2"), the title takes the number: "#### 2. Interpretation"."""
    pairs = titles_over_numbers(lines)
    if len(pairs) >= 2 and len(pairs) == sum(map(bare_number_heading, lines)):
        out = list(lines)
        for title_at, number_at in pairs:
            out[title_at] = numbered_heading(lines[title_at], lines[number_at], lines[title_at])
            out[number_at] = ""
        return out
    out = []
    index = 0
    while index < len(lines):
        if bare_number_heading(lines[index]):  # look ahead only then
            after = index + 1
            while after < len(lines) and not lines[after].strip():
                after += 1
            if after < len(lines) and ATX_HEADING.match(lines[after]):
                out.append(numbered_heading(lines[index], lines[index], lines[after]))
                index = after + 1
                continue
        out.append(lines[index])
        index += 1
    return out


def bare_number_heading(line: str) -> bool:
    """A heading that is only a number: "###II", "###### 2", "# 3 . 2"."""
    heading = ATX_HEADING.match(line)
    return bool(heading and BARE_NUMBER.match(heading.group("text").strip()))


def titles_over_numbers(lines: list[str]) -> list[tuple[int, int]]:
    """(title, number) line indexes of each bare-number heading right below a heading of words,
    only blank lines between: "#### Interpretation" / "###### 2"."""
    pairs = []
    previous = -1  # the last heading of words, while only blank lines follow it
    for index, line in enumerate(lines):
        if bare_number_heading(line):
            if previous >= 0:
                pairs.append((previous, index))
            previous = -1
        elif ATX_HEADING.match(line):
            previous = index
        elif line.strip():
            previous = -1
    return pairs


def numbered_heading(level_from: str, number_from: str, title_from: str) -> str:
    """One heading of a number heading and a title heading: the level of `level_from`, the
    number of `number_from` ("3 . 2" written "3.2"), the words of `title_from`."""
    level, number, title = (ATX_HEADING.match(line) for line in (level_from, number_from, title_from))
    assert level and number and title  # the callers pass headings
    numbered = re.sub(r" ?\. ?", ".", number.group("text").strip()).rstrip(".")
    return f"{level.group('level')} {numbered}. {title.group('text')}"


def heading_words(words: str) -> str:
    """A heading's words, without marks, as its number is read: "Naam <small>Artikel 1</small>"
    is "Artikel 1 Naam"; "Bijlage:" is "Bijlage", "Bijlagen:" "Bijlagen"."""
    words = HEADING_ATTRIBUTES.sub("", words)
    found = TRAILING_KEYWORD.match(words.strip())
    if found:
        words = f"{found.group('number')} {found.group('title')}"
    # "## What data do we hold?" is a heading like any: it heads a section, it asks nothing
    words = " ".join(inline(words).split()).removesuffix("?")
    words = GLUED_TITLE.sub(r"\g<number> ", words)
    return ANNEX_LEAD.sub(r"\1", words)


def dropped(line: str) -> bool:
    """A rule, a table's separator row, a link definition, or a line of a table of contents (it
    repeats the headings: no clauses of its own)."""
    return bool(
        THEMATIC_BREAK.match(line) or TABLE_SEPARATOR.match(line) or LINK_DEFINITION.match(line)
    ) or contents_entry(line)


def contents_entry(line: str) -> bool:
    """A line of a table of contents: links to the document's own headings, with at most a
    number, letter and a bullet beside them ("1.1 [Van de leden](#11-van-de-leden)<br>", "b. [Guest
    Policy](#guest)")."""
    if not ANCHOR_LINK.search(line):
        return False
    rest = CONTENTS_MARK.sub(" ", HTML_TAG.sub(" ", ANCHOR_LINK.sub(" ", line)))
    return not re.search(r"[^\W\d_]", rest)


def block(line: str) -> str:
    """A line without its block marks: a quote's ">", a "*" or "+" bullet (as "-"), a bullet
    before the item's own number or letter, a table row's outer pipes."""
    line = BLOCKQUOTE.sub("", line)
    # the item is numbered: its marker opens it, set in as far as the bullet (a bullet nests it)
    line = BULLETED_MARKER.sub(lambda m: m.group("indent") + "  ", line)
    line = LIST_ITEM.sub(lambda m: f"{m.group('indent')}- ", line)
    stripped = line.strip()
    if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
        cells = [cell.strip() for cell in stripped[1:-1].split("|")]
        line = " | ".join(cells)
    return line


def inline(text: str) -> str:
    """Text without inline marks: links, images and Pandoc's spans by their text, code, strong and
    emphasis by their words, HTML tags, escapes and hard line breaks dropped."""
    text = STRUCK.sub("", IMAGE.sub("", HARD_BREAK.sub("", text)))
    text = PANDOC_SPAN.sub(lambda m: m.group("text"), text)
    text = LINK.sub(lambda m: m.group("text"), text)
    text = REFERENCE_LINK.sub(lambda m: m.group("text"), text)
    text = AUTOLINK.sub(lambda m: m.group("url"), text)
    text = CODE.sub(lambda m: m.group("text"), text)
    text = STRONG.sub(lambda m: m.group("text"), text)
    text = WRAPPED_STRONG.sub(lambda m: m.group(1) or m.group(2) or "", text)
    text = EMPHASIS.sub(lambda m: m.group("text"), text)
    text = INSERTED.sub(lambda m: m.group("text"), text)
    text = HTML_TAG.sub(" ", text)
    # "(a)&nbsp;&nbsp;Board", "&#x4D;iddlebury": characters written as HTML entities, shown as such
    text = ENTITY_SPACE.sub(" ", html.unescape(text)) if "&" in text else text
    return ESCAPED.sub(r"\1", text)
