"""What the words of a `scope …` message name, resolved once for Slack and Teams (bot.scopes), and
how each adapter says that a word names nothing. Written documents of invented towns."""

from __future__ import annotations

import pytest

from bot.scopes import UnknownScope, municipalities_of, resolve_scope
from bot.slack.listeners import unknown_scope_text as slack_text
from bot.teams.scopes import unknown_scope_text as teams_text
from index.store import DocInfo
from index.types import Filters


def info(doc_id: str, municipality: str, title: str) -> DocInfo:
    return DocInfo(
        id=doc_id,
        source=f"{doc_id}.pdf",
        sha256="",
        title=title,
        short_title=title,
        municipality=municipality,
        period="",
        parties=(),
        page_count=1,
        clause_count=1,
        path=f"{doc_id}.pdf",
    )


DOCS = [
    info("noordhaven-2031", "Noordhaven", "Prestatieafspraken Noordhaven 2031"),
    info("noordhaven-rekenkamer-2030", "Noordhaven", "Onderzoek van de rekenkamer"),
    info("zuiderdam-2032", "Zuiderdam", "Woonafspraken Zuiderdam 2032"),
    info("overzicht-2033", "", "Regionaal overzicht huisvesting"),
]


def test_the_municipalities_are_each_named_once_in_order() -> None:
    assert municipalities_of(DOCS) == ["Noordhaven", "Zuiderdam"]


@pytest.mark.parametrize(
    ("words", "filters"),
    [
        ("Noordhaven", Filters(municipality=("Noordhaven",))),
        ("zuiderdam", Filters(municipality=("Zuiderdam",))),  # case does not matter
        ("zuiderdam-2032", Filters(doc=("zuiderdam-2032",))),  # an id
        ("zuiderdam-2032.pdf", Filters(doc=("zuiderdam-2032",))),  # a file name
        ("noordhaven-rek", Filters(doc=("noordhaven-rekenkamer-2030",))),  # the start of one id
        ("regionaal overzicht", Filters(doc=("overzicht-2033",))),  # words of one title
        (
            "Noordhaven, zuiderdam-2032 , noordhaven",
            Filters(municipality=("Noordhaven",), doc=("zuiderdam-2032",)),
        ),
    ],
)
def test_scope_words_name_municipalities_or_documents_by_the_one_rule(words: str, filters: Filters) -> None:
    assert resolve_scope(words, DOCS) == filters


def test_a_word_naming_nothing_or_several_documents_binds_nothing() -> None:
    with pytest.raises(UnknownScope) as caught:
        resolve_scope("Noordhaven, Atlantis, 2031", DOCS)
    error = caught.value
    assert error.unknown == ("Atlantis",)
    assert error.unclear == {}  # "2031" is in one title only
    with pytest.raises(UnknownScope) as caught:
        resolve_scope("noordhaven-", DOCS)  # the start of two ids
    assert caught.value.unclear == {"noordhaven-": ("noordhaven-2031", "noordhaven-rekenkamer-2030")}
    assert caught.value.municipalities == ("Noordhaven", "Zuiderdam")
    with pytest.raises(UnknownScope, match="nothing"):
        resolve_scope(" , ", DOCS)


def test_slack_and_teams_say_it_in_their_own_words() -> None:
    with pytest.raises(UnknownScope) as caught:
        resolve_scope("Atlantis", DOCS)
    assert slack_text(caught.value) == (
        "I don't know Atlantis: choose from Noordhaven, Zuiderdam or a document id."
    )
    assert teams_text(caught.value).startswith("Onbekend: Atlantis. Kies uit: Noordhaven, Zuiderdam (of een")
    with pytest.raises(UnknownScope) as caught:
        resolve_scope("noordhaven-", DOCS)
    assert slack_text(caught.value) == (
        "noordhaven- names several documents: noordhaven-2031, noordhaven-rekenkamer-2030."
    )
    assert "kan meerdere documenten zijn" in teams_text(caught.value)
    assert "Onbekend" not in teams_text(caught.value)
