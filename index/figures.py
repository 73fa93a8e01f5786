"""Does a passage state the figure a "how many?" question asks for?

A "how many homes does Hoeksteen own?" answered with "75-135 homes to be built" cites a number,
but not the one asked for. A figure counts as stated when one sentence (with its neighbours)
holds a number together with what the question says about it: the thing it does (own, sell,
build), the year it asks about, and the corporation it names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from index.lexicon import (
    STOP,
    CompoundSplitter,
    analyse,
    expand_dutch,
    expand_english,
    expand_to_english,
    language,
    shares_term,
    words,
)
from index.question import COUNT as COUNT_CUE
from index.question import PARTY as PARTY_CUE
from index.question import REPORT as REPORT_WORDS
from index.search import Query
from index.types import Hit
from ingest.chunk import split_sentences
from ingest.extract import MONTH_RE

NUMBER_WORDS = (
    "één twee drie vier vijf zes zeven acht negen tien elf twaalf twintig dertig veertig vijftig "
    "honderd honderden duizend duizenden helft kwart procent "
    "two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty "
    "hundred hundreds thousand thousands half quarter percent"
).split()
# A count or an amount; not a year or a date, nor the number of an appendix, chapter or page.
REFERENCE_WORDS = ("bijlage", "hoofdstuk", "paragraaf", "artikel", "afspraak", "tabel", r"p\.", "lid")
NOT_A_REFERENCE = "".join(rf"(?<!{word} )" for word in REFERENCE_WORDS)
NUMBER = rf"(?<![\w.,])(?!(?:19|20)\d\d(?![\d.,]))\d+(?:[.,]\d+)*(?!\s*(?:{MONTH_RE})\b)\s*%?"
FIGURE = re.compile(rf"{NOT_A_REFERENCE}{NUMBER}|€|\b(?:{'|'.join(NUMBER_WORDS)})\b", re.I)
YEAR_SPAN = re.compile(r"\b((?:19|20)\d\d)(?:\s*(?:-|–|t/m|tot en met|tot)\s*((?:19|20)\d\d))?\b")
# Words every question about agreements may use: they say nothing about which figure is meant.
GENERIC = frozenset(
    analyse(
        "gemeente gemeenten corporatie corporaties woningcorporatie woningcorporaties afspraak afspraken "
        "prestatieafspraken partijen jaar jaren totaal"
    )
)


# Words that measure rather than name what is counted: "hoeveel procent", "how many times".
MEASURES = frozenset("procent percent percentage % keer times maal stuks".split())
# A Dutch finite verb stands second, right before its subject: "Hoeveel legt de gemeente bij?".
VERB_FOLLOWERS = "de|het|een|er|ik|je|jij|u|we|wij|ze|zij|hij|men|dit|dat|deze|die|mijn|onze"
# English verbs that end the counted phrase: "how many homes do …", "how many members have to …".
AUXILIARIES = frozenset(
    "do does did have has had is are was were be will would can could must should may might shall "
    "go goes get gets need needs".split()
)
# A number counts the counted thing when it stands this close to it, in words: "50 sociale
# huurwoningen", "de helft van de woningen", "woningen: 120".
COUNTED_NEAR = 4
# an English plural noun, which ends the counted phrase before its verb ("directors sit"); not an
# adjective ending in s ("serious", "various")
ENGLISH_PLURAL = re.compile(r"[a-z]+[^suio]s|people|persons|children|men|women|staff", re.I)
TOKEN = re.compile(r"\d+(?:[.,]\d+)*%?|[a-zà-ÿ]+", re.I)

# An amount of money: a currency, a unit paid in, a share of a sum ("a fee of 3%"), or a multiple
# of one ("een boete gelijk aan het drievoud van de canon", "twice the monthly rent").
MONEY_FIGURE = re.compile(
    r"[€$£]|\b(?:eur|euros?|usd|dollars?|pounds?|fte)\b|\d\s*%|\b(?:procent|percent)\b"
    r"|\b(?:(?:twee|drie|vier|vijf|zes|tien)voud|dubbele|double|twice|(?:two|three|four|five|ten) times)\b",
    re.I,
)
# A percentage is asked ("hoeveel procent", "what percentage"); a share of a whole answers it.
PERCENTAGE_ASKED = re.compile(r"\b(?:percent(?:age)?|procent)\b|%", re.I)
SHARE_FIGURE = re.compile(
    r"\d\s*%|\b(?:procent|percent|procentpunt\w*|helft|derde|kwart|half|third|quarter)\b", re.I
)


# Units of time a "how many days?" counts in, in either language: the answer is a number of them
# ("binnen vier weken", "within 30 days"), whatever language the question and the text are in.
TIME_UNITS = {
    "day": "day days dag dagen",
    "week": "week weeks weken",
    "month": "month months maand maanden",
    "year": "year years jaar jaren",
    "hour": "hour hours uur uren",
}
UNIT_OF = {word: unit for unit, forms in TIME_UNITS.items() for word in forms.split()}
DURATION_FRAME = "binnen within"  # "binnen hoeveel weken": how the question asks, not what about
# "how many (business) days", "binnen hoeveel weken", "hoeveel werkdagen"
COUNTED_UNIT = re.compile(
    rf"\b(?:how many|hoeveel)\s+(?:\w+\s+)?(?:werk|kalender)?({'|'.join(UNIT_OF)})\b", re.I
)


def asks_for_figure(query: Query) -> bool:
    """A "how many?", a "how many days?", or a "how much does it cost?" (not "who pays?", whose
    answer is a party)."""
    question = query.question
    amount = question.asks == "amount" and not PARTY_CUE.search(query.text)
    return question.counts or amount or counted_unit(query) is not None


def counted_unit(query: Query) -> str | None:
    """The unit of time a "how long?" counts in, when it names one ("how many days", "binnen
    hoeveel weken"): "day", "week", …"""
    if query.question.asks != "duration":
        return None
    found = COUNTED_UNIT.search(query.text)
    return UNIT_OF[found.group(1).lower()] if found else None


def counted_span(text: str, lang: str) -> tuple[int, int]:
    """Where the counted thing stands: "rental homes" in "how many rental homes does …",
    "sociale huurwoningen" in "hoeveel sociale huurwoningen worden …" (not the verb after it)."""
    cue = COUNT_CUE.search(text)
    if cue is None:
        return 0, 0
    end = cue.end()
    dutch = lang == "nl"
    for count, word in enumerate(re.finditer(r"[\w-]+", text[cue.end() :])):
        token = word.group().lower()
        if count == 3 or token in STOP or (not dutch and token in AUXILIARIES):
            break
        end = cue.end() + word.end()
        if dutch and not token.endswith("e"):  # Dutch adjectives end in -e; the noun ends the phrase
            break
        if not dutch and ENGLISH_PLURAL.fullmatch(token):  # "how many directors sit on …"
            break
    return cue.start(), end


def states_figure(
    query: Query, hits: Iterable[Hit], splitter: CompoundSplitter, names: frozenset[str] = frozenset()
) -> bool:
    """Some passage has a sentence window with a number (an amount of money, when that is
    asked; next to the counted thing, when a count is), the question's own terms and (one of)
    its years."""
    # the words naming a document say where the figure is, not what it is of: every passage of
    # that document holds them ("de Vereniging Voorbeeld")
    unnamed = set(analyse(" ".join(names), splitter))
    terms = predicate_terms(query, splitter) - unnamed
    translated = predicate_terms(query, splitter, translated=True) - unnamed
    amount = query.question.asks == "amount"
    figure = asked_figure(query)
    counted = set() if amount else counted_terms(query, splitter)
    corporations = {p for p in query.parties if not p.lower().startswith("gemeente")}
    unit = counted_unit(query) is not None  # a unit of time translates for certain
    for hit in hits:
        chunk = hit.chunk
        if corporations and not corporations & set(chunk.parties):
            continue
        # across languages the vocabulary may lack the counted word's translation: any number will
        # do; what is said of it is looked for in the question's translations too
        same_language = language(hit.passage[:2000]) == query.language
        counting = counted if same_language or unit else set()
        wanted = terms if same_language or not terms else terms | translated
        sentences = split_sentences(hit.passage)
        stems = [set(analyse(sentence, splitter)) for sentence in sentences]
        heading = set(analyse(chunk.section, splitter))
        for index, sentence in enumerate(sentences):
            # a count is checked word by word: "afspraak 8 woningen" is no clause reference
            if not (counts(sentence, counting, splitter) if counting else figure.search(sentence)):
                continue
            near = range(max(0, index - 1), index + 2)
            if wanted and not shares_term(wanted, heading.union(*(stems[i] for i in near if i < len(stems)))):
                continue
            window = " ".join(sentences[max(0, index - 1) : index + 2])
            covered = (year_covered(y, window, hit.passage, chunk.period) for y in query.years)
            if not query.years or any(covered):
                return True
    return False


def asked_figure(query: Query) -> re.Pattern[str]:
    """What a figure of the kind asked looks like: money for "what does it cost?", a share for
    "what percentage?" ("30%", "de helft"), any number for "how many?"."""
    if query.question.asks == "amount":
        return MONEY_FIGURE
    return SHARE_FIGURE if PERCENTAGE_ASKED.search(query.text) else FIGURE


def counted_terms(query: Query, splitter: CompoundSplitter) -> set[str]:
    """Stems of the thing a "how many?" counts: the noun ending the counted phrase
    ("huurwoningen"), its synonyms and translations, and their compound heads ("woningen"). Empty
    when the question asks a share or counts by a measure ("hoeveel procent"), or names no thing
    ("how much of …", "hoeveel legt de gemeente bij")."""
    if query.question.share:
        return set()
    unit = counted_unit(query)
    if unit is not None:  # "days" counts "30 dagen", "werkdagen" (a compound ending in it) and "days"
        return {stem for form in TIME_UNITS[unit].split() for stem in analyse(form)}
    start, end = counted_span(query.text, query.language)
    found = [w for w in words(query.text[start:end]) if w not in STOP and not COUNT_CUE.fullmatch(w)]
    if not found or any(w in MEASURES or w.isdigit() for w in found):
        return set()
    if query.language == "nl" and re.match(rf"\W+(?:{VERB_FOLLOWERS})\b", query.text[end:], re.I):
        return set()  # "hoeveel legt de …": the word after the cue is a verb
    noun = found[-1]  # the words before it describe it: "nieuwe sociale huurwoningen"
    forms = [noun]
    if query.language == "en":
        forms += expand_english(noun)
    else:
        forms += expand_dutch(noun, splitter) + expand_to_english(noun, splitter)
    heads = [head for form in forms for head in splitter.parts(form)[-1:]]
    return {stem for form in forms + heads for stem in analyse(form)}


def counts(sentence: str, counted: set[str], splitter: CompoundSplitter) -> bool:
    """A number stands within COUNTED_NEAR words of the counted thing (or a compound ending in
    it: "huurwoningen" counts "woningen")."""
    tokens = TOKEN.findall(sentence)
    numbers = [i for i, t in enumerate(tokens) if FIGURE.fullmatch(t) and not YEAR_SPAN.fullmatch(t)]
    if not numbers:
        return False
    things = [i for i, t in enumerate(tokens) if names_counted(t, counted, splitter)]
    return any(abs(i - j) <= COUNTED_NEAR for i in numbers for j in things)


def names_counted(token: str, counted: set[str], splitter: CompoundSplitter) -> bool:
    """The word is the counted thing, or a compound whose head is ("huurwoningen" of "woningen")."""
    if token[0].isdigit():
        return False
    own = set(analyse(token))
    if own & counted:
        return True
    head = splitter.parts(token.lower())[-1:]
    return bool(head) and bool(set(analyse(head[0])) & counted)


def predicate_terms(query: Query, splitter: CompoundSplitter, translated: bool = False) -> set[str]:
    """Stems of what the question says about the counted thing, in Dutch: "verkocht" in
    "hoeveel woningen heeft Hoeksteen verkocht"; not the counted thing, names, years or generic words.
    `translated`: the same from the question's translations into the other language (for a
    passage in that language)."""
    start, end = counted_span(query.text, query.language)
    counted = query.text[start:end]
    if translated:
        terms = set(analyse(" ".join([*query.english_terms, *query.dictionary_terms]), splitter))
        if query.language == "en":
            terms |= set(analyse(" ".join(query.dutch_terms), splitter))
    elif query.language == "en":
        rest = query.text[:start] + query.text[end:]
        dutch = [w for w in words(rest) if w in splitter.vocabulary]  # "doorstroommakelaar" in English
        terms = set(analyse(" ".join(expand_english(rest) + dutch), splitter))
    else:
        terms = set(analyse(query.text, splitter)) | set(analyse(" ".join(query.dutch_terms), splitter))
    named = " ".join([*query.parties, *query.municipalities, *(str(y) for y in query.years)])
    excluded = set(analyse(f"{counted} {named}", splitter)) | GENERIC
    excluded |= set(analyse(" ".join(expand_english(counted) + expand_dutch(counted, splitter)), splitter))
    if translated:  # the counted thing's English words ("leden" → members) say nothing of it either
        excluded |= set(analyse(" ".join(expand_to_english(counted, splitter)), splitter))
    report = " ".join(w for w in words(query.text) if REPORT_WORDS.search(w))
    excluded |= set(analyse(f"{report} {' '.join(expand_dutch(report))}", splitter))
    if counted_unit(query):
        excluded |= set(analyse(DURATION_FRAME, splitter))
    return {t for t in terms - excluded if not t.isdigit()}


def year_covered(year: int, window: str, clause: str, period: str) -> bool:
    """The nearest years named (the sentence's, else the clause's, else the document's period)
    include the asked year."""
    for text in (window, clause, period):
        spans = [(int(a), int(b or a)) for a, b in YEAR_SPAN.findall(text)]
        if spans:
            return any(lo <= year <= hi for lo, hi in spans)
    return True
