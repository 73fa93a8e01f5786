"""What a question asks, decided once: its language, the kind of thing asked, the places, parties
and years it names, and the words that say what it is about.

Search, answer, the figure check and the deadline/budget look-ups all read one `Question`; none
of them looks at the question's wording for cues of its own.

A place or a corporation counts only when the question names it as one: after a word that
introduces a place or an organisation ("in X", "gemeente X", "bij X", "corporatie X"), or
capitalised inside a sentence. A capitalised first word is just the start of a sentence: a
question opening with a word that happens to be a town's name ("Best practices …") names no town.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from index.lexicon import language
from ingest.parties import known_corporations, known_municipalities

# ---- what is asked -------------------------------------------------------------------------

# "when"/"wanneer" ask for a date unless they open a clause ("… when a tenant cannot pay").
_CLAUSE_OPENERS_EN = (
    r"a|an|the|someone|somebody|tenants?|landlords?|they|it|there|people|you|i|we|my|our|your|his|her"
)
_CLAUSE_OPENERS_NL = r"een|de|het|er|zij|ze|hij|huurders?|je|jij|u|ik|we|wij|mijn|onze|iemand"
WHEN = re.compile(
    rf"\b(?:when(?!\s+(?:{_CLAUSE_OPENERS_EN})\b)|wanneer(?!\s+(?:{_CLAUSE_OPENERS_NL})\b))",
    re.I,
)
DATE = re.compile(
    r"\b(?:by when|until when|what date|which date|on what date|(?:what|which) (?:day|year|month|quarter)|"
    r"deadlines?|due(?: date)?|uiterlijk|tot wanneer|vanaf wanneer|per wanneer|welke datum|op welke datum|"
    r"(?:in )?welk(?:e)? (?:jaar|maand|kwartaal|dag)|datum)\b",
    re.I,
)
DURATION = re.compile(
    r"\b(?:how long|how soon|how much (?:\w+ )?(?:time|notice|warning)|how many (?:days|weeks|months|years)|"
    r"within how|hoe lang|hoe snel|binnen welke termijn|welke termijn|"
    r"time limits?|time ?frames?|tijdslimiet\w*|"
    r"hoeveel (?:tijd|dagen|weken|maanden|jaar|jaren)|looptijd|wachttijd)\b"
    # the end of a compound ("opzegtermijn", "notice period"): what comes before is the topic
    r"|termijn(?:en)?\b|(?:(?<=notice )|(?<=grace )|(?<=off )|(?<=retention )|(?<=waiting ))periods?\b",
    re.I,
)
# Nouns of a schedule: they make a look-up of dates worth showing, without asking for one date.
SCHEDULE = re.compile(r"\b(?:planning|tijdpad|timeline|schedule)\b", re.I)
# Asking for a sum of money; MONEY also holds the words that speak of money without asking a sum.
MONEY_ASKED = re.compile(
    r"\b(?:how much money|how much(?= (?:does|do|did|will|would|is|are|was)\b[^?]{0,50}\b(?:cost|pay|charge|"
    r"contribute|get|receive))|what does it cost|"
    # "what does … charge", "what hourly rate does … charge"
    r"what(?= (?:\w+ ){0,2}(?:does|do|did|will|would) [^?]{0,40}\b(?:charge|cost)\b)|"
    # "what's the actual attendance fee": up to two words before the noun, no "of" phrase
    r"what(?: is|'s| are| will be) the (?:(?!of\b)\w+ ){0,2}"
    r"(?:cost|costs|price|fee|fees|charges?|rent|amount|fines?|penalty|penalties|deposit)\b|"
    r"what (?:price|amount)s? (?:does|do|is|are|will|would)|"
    r"welke? \w*(?:tarief|tarieven|prijs|prijzen|bedrag|bedragen|vergoeding|vergoedingen|boete|boetes)|"
    # "wat is de maximale huurprijs", "wat wordt de huur": the amount itself is asked
    r"wat (?:is|zijn|wordt|worden) (?:de|het) (?:\w+ )?\w*(?:prijs|prijzen|tarief|tarieven|bedrag|bedragen|"
    r"kosten|huur)|"
    r"in (?:euro'?s|dollars?|pounds?|ponden)|"
    r"what (?:(?!kind\b|sort\b|type\b|other\b)\w+ )?(?:fee|fees|price|fines?|penalty|penalties)|"
    r"hoeveel geld|hoeveel euro|wat kost|wat kosten|wat zijn de kosten|welke kosten|"
    r"wat rekent|wat betaalt|wat betalen|who pays|wie betaalt|wie betalen)\b",
    re.I,
)
MONEY = re.compile(
    r"\b(?:cost(?:s|ing)?|price|fees?|charges?|budgets?|funding|money|euros?|pay(?:s|ing)?|paid|contribut\w+|"
    r"fines?|penalt(?:y|ies)|boetes?|deposits?|borg|borgsom|waarborgsom|"
    r"kost|kosten|prijs|tarief|budget\w*|bijdrage\w*|bedrag\w*|financier\w*|betaalt|betalen|betaald|"
    r"vergoeding\w*|fte|verdeling|verdeeld|split)\b|€"
    # the end of a compound ("servicekosten", "huurprijs"): only this part asks, the rest is the topic
    r"|(?<=[a-zà-ÿ])(?:kosten|prijs|prijzen|tarief|tarieven)\b",
    re.I,
)
SHARE = re.compile(
    r"\b(?:what share|which share|what part|what proportion|what percentage|which percentage|percent(?:age)?|"
    r"welk deel|welk percentage|aandeel|procent)\b|%",
    re.I,
)
COUNT = re.compile(
    r"\b(?:how many|how much|hoeveel|number of|het aantal|aantal|what share of|what percentage of|"
    r"how (?:big|high|large)|hoe (?:hoog|groot)|"
    # "what's the maximum deposit", "wat is het minimale aantal": a limit is a figure
    r"what(?:'s| is| are) the (?:maximum|minimum|highest|lowest)|"
    r"wat (?:is|zijn) (?:de|het|die|deze|dat) (?:maximale|minimale|hoogste|laagste)|"
    r"welk percentage|welk deel|tot hoeveel)\b",
    re.I,
)
PARTY = re.compile(
    r"\b(?:who|whom|which (?:party|parties|organisation|organization|body|bodies)|wie|welke "
    r"(?:partij|partijen|organisatie|organisaties|instantie))\b",
    re.I,
)
LIST = re.compile(
    r"\b(?:what are|which are|list|wat zijn|welke zijn|allemaal|opsomming|noem|"
    r"which \w+s|welke \w+(?:en|s))\b",
    re.I,
)
YES_NO = re.compile(
    r"^(?:does|do|did|is|are|was|were|can|could|may|might|must|should|shall|will|would|has|have|had|"
    r"mag|mogen|moet|moeten|kan|kunnen|is|zijn|heeft|hebben|wordt|worden|krijg|krijgt|krijgen|geldt|"
    r"gelden|valt|vallen|staat|staan|zal|zullen|blijft|blijven)\b",
    re.I,
)
WH_WORD = re.compile(
    r"\b(?:what|which|who|whom|when|where|why|how|wat|welke?|wie|wanneer|waar|waarom|hoe|hoeveel)\b", re.I
)
AGREED = re.compile(
    r"\b(?:agree\w*|commit\w*|promis\w*|pledge\w*|afgesproken|afspra\w*|prestatieafspraken|"
    r"overeengekomen|toegezegd|beloofd|convenant)\b",
    re.I,
)
REPORT = re.compile(r"\b\w*(?:rekenkamer|audit|onderzoek|report|rapport|evaluat)\w*", re.I)
YEAR = re.compile(r"\b((?:19|20)\d\d)\b")

# Words every date, frequency or quantity comes with: they say how, not what, is asked.
MEASURE = re.compile(
    r"\b(?:jaar\w*|elke?|ieder\w*|per|maand\w*|kwarta\w*|week|weken|years?|yearly|each|every|"
    r"months?|monthly|quarters?|quarterly|weeks?|how many|how much|hoeveel|aantal|number of|up to|at most|"
    r"at least|maxim\w*|minim\w*|hoogstens|tenminste|ten minste)\b",
    re.I,
)

# ---- what is named -------------------------------------------------------------------------

PLACE_CUE = (
    r"(?:in|te|bij|uit|rond|naar|voor|van|gemeente|gemeenten|municipality(?: of)?|town(?: of)?|"
    r"city(?: of)?|of|for|at|around|near)"
)
ORG_CUE = (
    r"(?:bij|van|door|met|voor|en|corporatie|woningcorporatie|woonstichting|stichting|"
    r"housing (?:association|corporation)|association|corporation|with|by|of|for|and|did|does|has|will)"
)
SENTENCE_START = re.compile(r"(?:^|[.?!:;]\s+|\n)[\"'“‘(]*$")


@dataclass(frozen=True, slots=True)
class Question:
    """A question as every part of the answering reads it."""

    text: str
    language: str  # "nl" | "en"
    asks: str  # "date" | "duration" | "amount" | "count" | "party" | "list" | "yes/no" | "open"
    deadline: bool  # a date or a term is asked, or a schedule: deadlines are worth listing
    budget: bool  # money is asked or spoken of: amounts are worth listing
    share: bool  # a share or percentage is asked, so a bare percentage answers it
    places: tuple[str, ...]  # municipalities of the general list, named as places
    corporations: tuple[str, ...]  # housing corporations of the general list, named as such
    years: tuple[int, ...]
    about_report: bool  # asks about a report, audit or evaluation itself
    about_agreement: bool  # asks what parties agreed, committed to or promised
    topic: str  # the question without its cue, measure and question words, names and years

    @property
    def wants(self) -> str:
        """The kind of evidence a passage holds when it answers: "date" | "duration" | "money" |
        "number" | ""."""
        return {"date": "date", "duration": "duration", "amount": "money", "count": "number"}.get(
            self.asks, ""
        )

    @property
    def counts(self) -> bool:
        """A "how many?" / "what share?": the answer is a number of something."""
        return self.asks == "count"


def understand(text: str, extra_places: Iterable[str] = (), extra_parties: Iterable[str] = ()) -> Question:
    """The one reading of a question. `extra_places` and `extra_parties` are names the index knows
    (its documents' municipalities and parties) besides the general lists."""
    lang = language(text)
    asks = asked(text)
    places = named(text, tuple(known_municipalities()) + tuple(extra_places), PLACE_CUE)
    corporations = named(text, corporation_names() + tuple(extra_parties), ORG_CUE)
    years = tuple(dict.fromkeys(int(y) for y in YEAR.findall(text)))
    deadline = asks in ("date", "duration") or bool(DATE.search(text) or SCHEDULE.search(text))
    budget = asks == "amount" or bool(MONEY.search(text))
    share = bool(SHARE.search(text))
    topic = without_cues(text)
    for name in (*places, *corporations):
        topic = re.sub(rf"(?<![\w-]){re.escape(name)}(?![\w-])", " ", topic, flags=re.I)
    topic = " ".join(YEAR.sub(" ", topic).split())
    return Question(
        text, lang, asks, deadline, budget, share, places, corporations, years,
        bool(REPORT.search(text)), bool(AGREED.search(text)), topic,
    )  # fmt: skip


def asked(text: str) -> str:
    """The kind of thing asked, from the question words: the first that applies of duration,
    date ("when?"), amount, date (a date's noun: "deadline", "datum"), count, party, list,
    yes/no; else "open"."""
    if DURATION.search(text):
        return "duration"
    if WHEN.search(text):
        return "date"
    count = COUNT.search(text)
    # "hoe hoog is de boete na de deadline?": the question word asks the sum; the date is context
    if MONEY_ASKED.search(text) or (count and MONEY.search(text) and not SHARE.search(text)):
        return "amount"
    if re.search(r"\bhow much\b(?!\s+of\b)", text, re.I) and not SHARE.search(text):
        return "amount"
    if DATE.search(text):
        return "date"
    if count or SHARE.search(text):
        return "count"
    if PARTY.search(text):
        return "party"
    if LIST.search(text):
        return "list"
    first = re.split(r"(?<=[.?!])\s+", text.strip())
    if any(YES_NO.match(s) for s in first) and not WH_WORD.search(text):
        return "yes/no"
    return "open"


def without_cues(text: str) -> str:
    """The text without the words that ask for a date, an amount or a count: what it is about."""
    for cue in (DURATION, DATE, SCHEDULE, MONEY_ASKED, MONEY, SHARE, MEASURE, WHEN):
        text = cue.sub(" ", text)
    return text


def named(text: str, names: Iterable[str], cue: str) -> tuple[str, ...]:
    """The names the text names as such: after a cue word (any case), or capitalised as written
    and not opening a sentence."""
    pattern, canonical = name_pattern(tuple(sorted({n for n in names if len(n) >= 3})))
    cue_before = cue_pattern(cue)
    found: list[str] = []
    for match in pattern.finditer(text):
        name = canonical[match.group().casefold()]
        before = text[: match.start()]
        written = match.group()
        capitalised = (written[0].isupper() and written != written.upper()) or name.isupper()
        after_cue = cue_before.search(before) is not None
        if (after_cue or (capitalised and not SENTENCE_START.search(before))) and not any(
            name.lower() in other.lower() for other in found
        ):
            found.append(name)
    return tuple(found)


@cache
def name_pattern(names: tuple[str, ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for all the names, longest first, and each name by its casefolded form."""
    ordered = sorted(names, key=len, reverse=True)
    alternatives = "|".join(re.escape(n) for n in ordered) or r"(?!x)x"
    canonical: dict[str, str] = {}
    for n in ordered:
        canonical.setdefault(n.casefold(), n)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.I), canonical


@cache
def cue_pattern(cue: str) -> re.Pattern[str]:
    return re.compile(rf"\b{cue}\s+$", re.I)


@cache
def corporation_names() -> tuple[str, ...]:
    return tuple(v for name, aliases in known_corporations() for v in (name, *aliases) if len(v) >= 4)
