"""What a document is and whom it binds, read from the document itself: title, kind, language,
and — for an agreement, or a report or notice about agreements — municipality, period and parties.

Nothing is guessed from where a name merely occurs: a law that lists islands or a licence dated
by a treaty gets no municipality and no period.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ingest.chunk import shorten
from ingest.numbering import parse
from ingest.parties import PartyBook, find_municipality, find_parties, find_period
from ingest.shapes import COPYRIGHT, RULE, capitals

FIRST_PAGE = 40  # lines: a cover and first page, where a document says what it is
COVER = 3  # lines: where it names itself ("Kennisgeving aan de raad", "Wet van …")
COVER_WORDS = 20  # a longer line is a paragraph of text, not a line of the cover
LABEL = re.compile(r"^(?:onderwerp|betreft|subject|titel|title|re)\s*:\s*(\S.*)$", re.I)
# The name a law or regulation gives itself: "Deze wet wordt aangehaald als: Huurwet 2031.",
# "Dit besluit kan worden aangehaald als Besluit huurprijzen.", "This Act may be cited as the …".
CITED_AS = re.compile(
    r"\b(?:wordt|kan worden) aangehaald als:?\s+[„“\"']?(?P<nl>[A-Z][^„“”\"'.;]{2,120}?)[”\"']?\.(?:\s|$)"
    r"|\bmay be cited as:?\s+(?:the\s+)?[“\"']?(?P<en>[A-Z][^“”\"'.;]{2,120}?)[”\"']?\.(?:\s|$)"
)
GENERIC_HEADING = re.compile(
    r"^(?:ondertekening|inhoud|inhoudsopgave|voorwoord|inleiding|samenvatting|preambule|preamble|"
    r"contents|table of contents|introduction|summary|foreword)\b",
    re.I,
)
FORM_FIELD = re.compile(r"^[\w()]+(?:\s[\w()]+)?:\s")  # "Portefeuillehouder(s): …", "Naam: …"
URLISH = re.compile(r"https?:|www\.|@|\.nl\b|\.com\b|\.org\b")
CONTINUES = re.compile(r"(?:,|-|\b(?:en|van|de|het|voor|met|and|of|the|for))$", re.I)

# What a document calls itself; the first kind whose words the cover uses wins, so a report or a
# notice *about* prestatieafspraken is a report or a notice.
KIND_WORDS = (
    ("notice", r"kennisgeving|bekendmaking|publicatie|raadsinformatiebrief|mededeling|notice"),
    ("report", r"\w*rekenkamer\w*|onderzoek|rapport|evaluatie|report|audit|evaluation"),
    (
        "regulation",
        r"wet|besluit|regeling|verordening|act|regulations?|decree|\w*reglement|statuten|by-?laws?"
        r"|standing orders",
    ),
    ("other", r"licen[cs]e|licentie|terms|conditions|voorwaarden|policy|privacy|code of conduct|gedragscode"),
    ("agreement", r"\w*prestatieafspra\w*|\w*overeenkomst|convenant|afspraken|\w*agreements?|covenant"),
)
KIND_PATTERNS = tuple((kind, re.compile(rf"\b(?:{words})\b", re.I)) for kind, words in KIND_WORDS)
ARTICLE = re.compile(r"^(?:Artikel|Article)\s+\d+[a-z]?\.?$")
ABOUT_AGREEMENTS = re.compile(r"\bprestatieafspra\w*|\bperformance agreements?\b", re.I)
KIND_TITLE = {"agreement": "Prestatieafspraken", "report": "Rapport", "notice": "Kennisgeving"}

DUTCH = frozenset("de het een en van dat op te voor met niet zijn wordt worden ook bij aan naar door".split())
ENGLISH = frozenset("the a an and of that on to for with not are is be by this from or any".split())


@dataclass(frozen=True, slots=True)
class Metadata:
    title: str
    kind: str  # "agreement" | "report" | "notice" | "regulation" | "other"
    language: str  # "nl" | "en"
    municipality: str  # "" unless the document is about agreements and names it
    period: str  # "" likewise
    book: PartyBook


def describe(texts: list[str], file_name: str = "") -> Metadata:
    """Metadata of a document from its clean lines, in reading order (and its file's name, for a
    document that prints no title)."""
    printed = cited_title(texts) or printed_title(texts)
    kind = find_kind(texts, printed)
    language = find_language(texts)
    if not about_agreements(kind, texts, printed):
        title = printed or name_title(file_name) or first_sentence(texts)
        return Metadata(title, kind, language, "", "", PartyBook(()))
    municipality = find_municipality(texts, printed)
    period = find_period(texts, printed)
    book = find_parties(texts, municipality)
    # no printed title: a Dutch agreement is prestatieafspraken of its town; other texts go by their file name
    named = f"{KIND_TITLE.get(kind, KIND_TITLE['agreement'])} {municipality} {period}".strip()
    title = printed or (named if language == "nl" else "")
    return Metadata(title, kind, language, municipality, period, book)


def about_agreements(kind: str, texts: list[str], printed: str) -> bool:
    """Agreements, and reports or notices whose title or first page is about prestatieafspraken,
    carry a municipality, a period and parties; laws, licences and terms do not."""
    if kind == "agreement":
        return True
    head = " ".join([printed, *texts[:FIRST_PAGE]])
    return kind in {"report", "notice"} and bool(ABOUT_AGREEMENTS.search(head))


def find_kind(texts: list[str], printed: str) -> str:
    """The kind the document gives itself on its cover (its title and short opening lines, not
    a paragraph of text: a licence whose first sentence speaks of the "kennisgeving" users must
    copy is no notice), else the kind its first page speaks of."""
    cover = " ".join([printed, *(text for text in texts[:COVER] if len(text.split()) <= COVER_WORDS)])
    for kind, pattern in KIND_PATTERNS:
        if pattern.search(cover):
            return kind
    if sum(bool(ARTICLE.match(text)) for text in texts) >= 3:
        return "regulation"  # a text built of "Artikel 1", "Artikel 2", … is a law or by-law
    head = " ".join(texts[:FIRST_PAGE])
    counts = {kind: len(pattern.findall(head)) for kind, pattern in KIND_PATTERNS}
    best = max(counts, key=lambda kind: counts[kind])
    return best if counts[best] else "other"


def find_language(texts: list[str]) -> str:
    """Dutch or English, by which language's common short words the text uses more."""
    words = Counter(re.findall(r"[a-z]+", " ".join(texts[:400]).lower()))
    dutch = sum(words[w] for w in DUTCH)
    english = sum(words[w] for w in ENGLISH)
    return "en" if english > dutch else "nl"


def cited_title(texts: list[str]) -> str:
    """The short name a law or regulation says it is cited by, wherever in the text it says so
    (a name wrapped over two lines is joined)."""
    match = CITED_AS.search(" ".join(texts))
    return " ".join((match.group("nl") or match.group("en")).split()) if match else ""


def printed_title(texts: list[str]) -> str:
    """The title as printed: the line after a label ("Onderwerp:", "Betreft:", "Subject:"), else
    the heading-like lines that open the first page. "" when the document opens with a generic
    heading ("Inleiding") or a sentence."""
    labelled = labelled_title(texts[:FIRST_PAGE])
    if labelled:
        return labelled
    head: list[str] = []
    for text in texts[:6]:
        if (COPYRIGHT.match(text) or RULE.fullmatch(text)) and not head:
            continue  # "Copyright (c) 2025 …" or a rule above a licence's own title
        if head and parse(text):
            break  # "1. Definitions": the first clause, below the title
        if capitals(text) and text.endswith(".") and not text.endswith(".."):
            text = text[:-1]  # a title in capitals may end in a full stop: "… UNIE v. 1.2."
        if not title_like(text) or sentence_like(text) or FORM_FIELD.match(text):
            break
        if GENERIC_HEADING.match(text):
            break
        if head and len(" ".join(head)) + len(text) > 160:
            break
        head.append(text.rstrip(":").strip())
    return re.sub(r"\s+", " ", " ".join(head)).strip()


def labelled_title(texts: list[str]) -> str:
    for index, text in enumerate(texts):
        match = LABEL.match(text)
        if match:
            title = match.group(1).strip()
            following = texts[index + 1] if index + 1 < len(texts) else ""
            # A title wrapped over two lines: "… woningcorporaties A, B" + "en C".
            if following and (CONTINUES.search(title) or following[:1].islower()):
                title = f"{title} {following.strip()}"
            return title[:160]
    return ""


def title_like(text: str) -> bool:
    """A short line that reads as a heading, years and version numbers allowed."""
    words = text.split()
    letters = sum(c.isalpha() for c in text)
    return (
        2 <= len(text) <= 120
        and len(words) <= 16
        and (text[0].isupper() or text[0].isdigit())
        and not re.search(r"[.;!?,]$", text)
        and not URLISH.search(text)
        and letters >= 0.35 * len(text.replace(" ", ""))
    )


def sentence_like(text: str) -> bool:
    """Words mostly in lower case: a sentence ("In dit document leggen partijen vast:"), not a title."""
    words = text.split()
    return len(words) >= 6 and sum(w[:1].islower() for w in words) >= 0.6 * len(words)


def name_title(file_name: str) -> str:
    """A file's name as a title, when it is words ("github-sponsors-terms.txt" → "Github sponsors
    terms"), not a code ("scan_0003.pdf"): a better name than a document's first sentence."""
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", file_name)
    words_of = [w for w in re.split(r"[\s_.-]+", stem) if w]
    if sum(bool(re.fullmatch(r"[A-Za-zÀ-ÿ]{3,}", w)) for w in words_of) < 2:
        return ""
    title = " ".join(words_of)
    return title[:1].upper() + title[1:]


def first_sentence(texts: list[str], limit: int = 90) -> str:
    """A title for a document that prints none: its opening words, shortened at a word."""
    text = re.sub(r"\s+", " ", " ".join(texts[:3])).strip()
    text = re.split(r"(?<=[.;:!?])\s", text, maxsplit=1)[0]
    return shorten(text, limit)
