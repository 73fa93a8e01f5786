"""Who the agreement binds: parties, their aliases, the municipality and the period, read from the text."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

ORG_WORDS = (
    r"Stichting|Woningstichting|Woonstichting|Woningcorporatie|Huurdersvereniging|Huurdersraad|"
    r"Huurdersbelangenvereniging|Bewonersraad|Huurdersorganisatie|Algemene Huurdersvereniging"
)
NAME = r"[A-Z][\w'’&·-]*(?:[^\S\n]+(?:van|de|der|den|het|'t|op|aan|[A-Z][\w'’&·-]*)){0,4}"
ORG_PREFIX = re.compile(rf"(?i:{ORG_WORDS})")
ORG = re.compile(rf"\b((?i:{ORG_WORDS}))[^\S\n]+({NAME})")
CALLED = re.compile(r"hierna(?:\s+\w+)?\s+te\s+noemen:?\s*[‘'“\"]+([^’'”\"]{2,40})[’'”\"]", re.I)
PLACE = r"((?:'s-)?[A-Z][a-zà-ÿ]+(?:[- ][A-Z][a-zà-ÿ]+)*)"
# Where an agreement names its municipality as a party or a signatory.
AS_PARTY = re.compile(
    rf"\b(?:[Gg]emeente|[Mm]unicipality of|[Bb]urgemeester en [Ww]ethouders van|B&W van|[Cc]ollege van"
    rf" (?:[Bb]urgemeester en [Ww]ethouders|B&W) (?:van|der gemeente))\s+{PLACE}"
)
COVER_LINES = 6  # a cover: the title block and what stands right under it
FIRST_PAGE_LINES = 40
YEAR_RANGE = re.compile(r"\b((?:19|20)\d\d)\s*(?:–|-|—|t/m|tot en met|tot)\s*((?:19|20)\d\d)\b", re.I)
YEAR = re.compile(r"\b((?:19|20)\d\d)\b(?!\s?[A-Z]{2}\b)")  # not a postcode: "2015 BM Haarlem"
GENERIC = {
    "de gemeente",
    "gemeente",
    "partijen",
    "we",
    "de corporaties",
    "de woningcorporaties",
    "de huurdersorganisaties",
    "de ondergetekenden",
    "ondergetekenden",
}
CORPORATION_HINT = re.compile(r"wonen|woning|woon|huis|stichting", re.I)
PARTICLES = {"van", "de", "der", "den", "het", "en", "op", "aan", "'t"}
STOP_WORDS = {"Gevestigd", "Te", "Hierna", "Voormeld", "Rechtsgeldig", "In", "De", "Het"}
TENANT_HINT = re.compile(r"huurder|bewoner", re.I)


@dataclass(frozen=True, slots=True)
class Party:
    name: str
    kind: str  # "gemeente" | "corporatie" | "huurders" | "organisatie"
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PartyBook:
    """The parties of one document, and how to find them in its clauses."""

    parties: tuple[Party, ...]
    patterns: tuple[tuple[re.Pattern[str], str], ...] = field(default=(), repr=False)

    def named_in(self, text: str) -> tuple[str, ...]:
        """Canonical names of the parties a text names, role words ("de gemeente") included."""
        found: list[str] = []
        for pattern, name in self.patterns:
            if name not in found and pattern.search(text):
                found.append(name)
        for role, kind in (
            (r"\b(?:woning)?corporaties\b", "corporatie"),
            (r"\bhuurdersorganisaties\b|\bhuurdersverenigingen\b", "huurders"),
        ):
            if re.search(role, text, re.I):
                found.extend(p.name for p in self.parties if p.kind == kind and p.name not in found)
        return tuple(found)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.parties)


@cache
def known_corporations() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """A general list of Dutch housing corporations; documents are read first, this only helps."""
    try:
        text = resources.files("ingest").joinpath("data/corporaties.txt").read_text("utf-8")
    except (FileNotFoundError, OSError):
        return ()
    rows = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name, *aliases = [part.strip() for part in line.split("|")]
            rows.append((name, tuple(aliases)))
    return tuple(rows)


@cache
def known_municipalities() -> frozenset[str]:
    try:
        text = resources.files("index").joinpath("data/gemeenten.txt").read_text("utf-8")
    except (FileNotFoundError, OSError):
        return frozenset()
    names = set()
    for line in text.splitlines():
        if line.startswith("# places"):
            break
        if line.strip() and not line.startswith("#"):
            names.add(line.strip())
    return frozenset(names)


def fold(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def ocr_key(text: str) -> str:
    """OCR confuses l, I and i ("Woonlnzet", "WoonIlnzet" for Wooninzet): compare names without them."""
    return re.sub(r"[li1]", "", fold(text))


def find_municipality(lines: list[str], title: str = "") -> str:
    """The municipality the document names as itself or as a party: in its title or cover, as
    "gemeente X" (a party, "namens de gemeente X"), or signing ("Burgemeester en wethouders van X").
    A word that merely starts with a name ("Soesterberg" for Soest) never counts."""
    known = known_municipalities()
    cover = " ".join([title, *lines[:COVER_LINES]])
    in_title = named(cover, known)
    if in_title:
        return max(in_title, key=lambda name: (len(name), -cover.find(name)))
    found = Counter(m.group(1) for line in lines for m in AS_PARTY.finditer(line))
    counts = Counter({name: count for name, count in found.items() if name in known})
    if not counts:  # a municipality the list does not know yet: a party on the first page and the cover
        first = Counter(m.group(1) for line in lines[:FIRST_PAGE_LINES] for m in AS_PARTY.finditer(line))
        named_on = next((text for text in (title, cover) if any(name in text for name in first)), "")
        counts = Counter(
            {name: n for name, n in first.items() if name in named_on and not known_prefix(name, known)}
        )
    return max(counts, key=lambda name: (counts[name], len(name))) if counts else ""


def named(text: str, names: frozenset[str]) -> list[str]:
    """The names that stand as whole words in the text (not inside "Soestdijk" or "Noord-X")."""
    return [
        name for name in names if name in text and re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)
    ]


def known_prefix(name: str, known: frozenset[str]) -> bool:
    """A capture like "Voorbeeld De" — a known name followed by the next sentence's words — is not
    an unknown municipality."""
    return any(name.startswith(f"{k} ") for k in known)


def find_period(lines: list[str], title: str = "") -> str:
    """The period the title states ("2016 – 2019", "2026 tot en met 2029", else its one year);
    only when the title has no year, a range on the first page or the year the text names most."""
    for text in (title, " ".join(lines[:COVER_LINES])):
        match = YEAR_RANGE.search(text)
        if match and match.group(1) < match.group(2):
            return f"{match.group(1)}-{match.group(2)}"
        years = YEAR.findall(text)
        if years and text is title:
            return years[0]
    match = YEAR_RANGE.search(" ".join(lines[:FIRST_PAGE_LINES]))
    if match and match.group(1) < match.group(2):
        return f"{match.group(1)}-{match.group(2)}"
    all_years = Counter(YEAR.findall(" ".join(lines)))
    return all_years.most_common(1)[0][0] if all_years else ""


def find_parties(lines: list[str], municipality: str) -> PartyBook:
    text = "\n".join(lines)
    flat = re.sub(r"\s+", " ", text)
    names: dict[str, set[str]] = {}

    def add(name: str, *aliases: str) -> None:
        name = name.strip(" ,.;:’'\"")
        if len(name) < 2 or name.lower() in GENERIC or re.search(r"\d", name) or not name[0].isupper():
            return
        canonical = known_spelling(name) or name
        for existing in names:
            if ocr_key(existing) == ocr_key(canonical):
                canonical = existing
                break
        names.setdefault(canonical, set()).update({name, *aliases} - {canonical, ""})

    for match in ORG.finditer(text):
        name = org_name(match)
        add(name, f"{match.group(1)} {name}" if name and not TENANT_HINT.search(name) else "")
    for match in CALLED.finditer(flat):
        alias = match.group(1).strip()
        before = flat[max(0, match.start() - 400) : match.start()]
        orgs = list(ORG.finditer(before))
        if alias.lower() in GENERIC or re.match(r"(?:de|het)\s+[a-z]", alias):
            continue  # 'de corporaties', 'het college': a role, not a name
        if orgs:
            full = org_name(orgs[-1])
            add(alias, full)
        else:
            add(alias)
    for name, aliases in known_corporations():
        for variant in (name, *aliases):
            if len(variant) >= 3 and re.search(rf"\b{re.escape(variant)}\b", flat):
                add(name, *[a for a in aliases if re.search(rf"\b{re.escape(a)}\b", flat)])
                break
        else:
            if len(name) >= 6 and fuzzy_in(name, flat):
                add(name)
    merge_nested(names)
    merge_aliases(names)
    parties = [Party(n, classify(n, a), tuple(sorted(a))) for n, a in names.items()]
    if municipality:
        parties.insert(0, Party(f"Gemeente {municipality}", "gemeente", ("de gemeente",)))
    parties = add_initials(parties, flat)
    return PartyBook(tuple(parties), tuple(build_patterns(parties, flat)))


def org_name(match: re.Match[str]) -> str:
    """Stichting Voorbeeld is Voorbeeld; a tenant organisation keeps its kind: "Huurdersraad Voorbeeld"."""
    kind, name = match.group(1), trim_name(match.group(2))
    if TENANT_HINT.search(kind):
        return f"{kind[0].upper()}{kind[1:].lower()} {name}"
    return name


def trim_name(name: str) -> str:
    """The name an ORG match captured, without the words after it: "Voorbeeld In" (a sentence going
    on) is Voorbeeld. A name may itself open with a particle: "De Linde", "In Goede Handen"."""
    words = name.split()
    while words and words[-1].lower() in PARTICLES:
        words.pop()
    kept = words[:1]
    for word in words[1:]:
        if word in STOP_WORDS:
            break
        kept.append(word)
    return " ".join(kept)


def known_spelling(name: str) -> str:
    """The list's spelling of a name OCR damaged ("Woonlnzet" → "Wooninzet"); an abbreviation
    ("SVW") stays as the document writes it."""
    key = ocr_key(name)
    return next((known for known, _ in known_corporations() if ocr_key(known) == key), "")


def resolve_known(name: str) -> str:
    key = ocr_key(name)
    for known, aliases in known_corporations():
        if key in {ocr_key(known), *(ocr_key(a) for a in aliases)}:
            return known
    return ""


def fuzzy_in(name: str, flat: str) -> bool:
    """An OCR-damaged spelling of a known name ("Woonlnzet" for Wooninzet)."""
    key = ocr_key(name)
    first = re.escape(name[:3])
    for match in re.finditer(rf"\b{first}[\w]{{{max(1, len(name) - 5)},{len(name) + 3}}}\b", flat):
        if ocr_key(match.group(0)) == key:
            return True
    return False


def merge_nested(names: dict[str, set[str]]) -> None:
    """Woonstichting Voorbeeld and Voorbeeld are one party; keep the short name the text uses. Only
    an organisation word may stand before it: "In De Goede Stek" is not "De Goede Stek"."""
    for short in sorted(names, key=len):
        for long in list(names):
            nested = long != short and long in names and short in names and long.endswith(" " + short)
            prefix = long[: -len(short)].strip()
            if nested and ORG_PREFIX.fullmatch(prefix) and not TENANT_HINT.search(prefix):
                names[short].update(names.pop(long) | {long})


def merge_aliases(names: dict[str, set[str]]) -> None:
    """SVW (hierna te noemen) and "Stichting Voorbeeldse Woningbouw" are one party."""
    for name in sorted(names, key=len):
        if name not in names:
            continue
        for other in list(names):
            if (
                other != name
                and other in names
                and (other in names[name] or ocr_key(other) in {ocr_key(a) for a in names[name]})
            ):
                names[name].update(names.pop(other) | {other})


def classify(name: str, aliases: set[str] | tuple[str, ...] = ()) -> str:
    """The kind of party, from its name or the names the text also gives it ("Huurdersvereniging X"
    hierna te noemen "X" is a tenant organisation)."""
    if name.lower().startswith("gemeente"):
        return "gemeente"
    variants = (name, *aliases)
    if any(TENANT_HINT.search(v) for v in variants):
        return "huurders"
    if resolve_known(name) or any(CORPORATION_HINT.search(v) for v in variants):
        return "corporatie"
    return "organisatie"


def add_initials(parties: list[Party], flat: str) -> list[Party]:
    """HGH for Huurders In Goede Handen: an acronym the text uses for a party of several words."""
    out = []
    for party in parties:
        aliases = set(party.aliases)
        for variant in (party.name, *party.aliases):
            words = [w for w in re.split(r"\s+", variant) if w[:1].isalpha()]
            if len(words) >= 2:
                initials = "".join(w[0].upper() for w in words)
                if len(initials) >= 2 and re.search(rf"\b{initials}\b", flat):
                    aliases.add(initials)
        out.append(Party(party.name, party.kind, tuple(sorted(aliases))))
    return out


def build_patterns(parties: list[Party], flat: str) -> list[tuple[re.Pattern[str], str]]:
    patterns = []
    for party in parties:
        variants = {party.name, *party.aliases}
        if party.kind == "gemeente":
            variants |= {"gemeente", "college"}
        for variant in sorted(variants, key=len, reverse=True):
            flags = 0 if variant.isupper() else re.I
            body = re.escape(variant).replace(r"\ ", r"\s+")
            patterns.append((re.compile(rf"(?<![\w-]){body}(?![\w])", flags), party.name))
        # OCR-damaged spellings of this party's name in this document.
        for token in set(re.findall(r"\b[A-Z][\w]{4,}\b", flat)):
            if token not in variants and ocr_key(token) == ocr_key(party.name) and len(party.name) >= 6:
                patterns.append((re.compile(rf"\b{re.escape(token)}\b"), party.name))
    return patterns
