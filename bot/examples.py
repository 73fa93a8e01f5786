"""Example questions drawn from the index, for every place that offers some: the Teams welcome
card, Slack's help, the web page's suggestion buttons (GET /api/examples).

Each example asks a topic common to prestatieafspraken of a municipality the index holds, so an
example never names a town the index does not know; an index that knows no town gets the generic
questions, which name none.
"""

from __future__ import annotations

from collections.abc import Sequence

LANGUAGES = ("nl", "en")

# One topic per entry, asked in Dutch and in English; {town} is a municipality of the index.
TOPICS: tuple[dict[str, str], ...] = (
    {
        "nl": "Wat is er afgesproken over de huurverhoging in {town}?",
        "en": "What was agreed on the rent increase in {town}?",
    },
    {
        "nl": "Wie betaalt de buurtbemiddeling in {town}?",
        "en": "Who pays for neighbourhood mediation in {town}?",
    },
    {
        "nl": "Hoeveel sociale huurwoningen worden er gebouwd in {town}?",
        "en": "How many social rental homes will be built in {town}?",
    },
    {
        "nl": "Wat doen de corporaties in {town} aan verduurzaming van woningen?",
        "en": "What are the housing associations in {town} doing to make homes more sustainable?",
    },
)

# Near the same topics without a town, for an index that knows no municipality: the questions
# the web page shows when it cannot reach GET /api/examples (bot/web/static/app.js).
GENERIC: tuple[dict[str, str], ...] = (
    {
        "nl": "Hoeveel mag de huur dit jaar omhoog?",
        "en": "How much may rents go up this year?",
    },
    {
        "nl": "Wie betaalt mee aan de aanpak van woonoverlast?",
        "en": "Who pays for tackling nuisance in neighbourhoods?",
    },
    {
        "nl": "Worden er sociale huurwoningen verkocht?",
        "en": "Are social rental homes being sold?",
    },
    {
        "nl": "Wat doen de corporaties aan verduurzaming van woningen?",
        "en": "What are the housing associations doing to make homes more sustainable?",
    },
)


def example_questions(municipalities: Sequence[str], languages: Sequence[str]) -> tuple[str, ...]:
    """One example per entry of `languages` ("nl" or "en"; at most one per topic): the i-th topic
    in the i-th language, asked of the i-th municipality (round again when there are fewer);
    with no municipality, the generic question of that topic."""
    towns = [m for m in municipalities if m]
    questions = []
    for i, lang in enumerate(languages[: len(TOPICS)]):
        lang = lang if lang in LANGUAGES else "nl"
        if towns:
            questions.append(TOPICS[i][lang].format(town=towns[i % len(towns)]))
        else:
            questions.append(GENERIC[i][lang])
    return tuple(questions)
