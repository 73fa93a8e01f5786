"""Example questions drawn from the index (bot.examples): only towns the index holds, else the
generic questions the page also keeps as its fixed suggestions."""

from __future__ import annotations

import re

from bot.examples import GENERIC, TOPICS, example_questions
from bot.slack.listeners import help_text
from bot.teams.cards import welcome_card
from bot.web.pages import STATIC_DIR


def test_each_example_asks_a_topic_of_a_town_the_index_holds() -> None:
    questions = example_questions(["Noordhaven", "Zuiderdam"], ("nl", "nl", "en"))
    assert len(questions) == 3
    assert "Noordhaven" in questions[0] and "Zuiderdam" in questions[1] and "Noordhaven" in questions[2]
    assert questions[0] == TOPICS[0]["nl"].format(town="Noordhaven")
    assert questions[2] == TOPICS[2]["en"].format(town="Noordhaven")
    assert example_questions(["Noordhaven"], ("en",) * 10) == tuple(
        t["en"].format(town="Noordhaven") for t in TOPICS
    )  # at most one question per topic


def test_an_index_without_towns_gets_the_generic_questions() -> None:
    assert example_questions([], ("nl",) * 4) == tuple(g["nl"] for g in GENERIC)
    assert example_questions(["", ""], ("en", "en")) == (GENERIC[0]["en"], GENERIC[1]["en"])


def test_the_generic_questions_are_the_pages_fixed_suggestions() -> None:
    script = (STATIC_DIR / "app.js").read_text("utf-8")
    fixed = set(re.findall(r'^\s+"([^"]+\?)",$', script, re.M))
    assert {g[lang] for g in GENERIC for lang in ("nl", "en")} == fixed


def test_slack_help_and_teams_welcome_name_only_the_towns_indexed() -> None:
    help_ = help_text(["Noordhaven", "Zuiderdam"])
    assert "`/afspraken scope Noordhaven`" in help_
    assert TOPICS[0]["en"].format(town="Noordhaven") in help_
    assert TOPICS[1]["en"].format(town="Zuiderdam") in help_
    bare = help_text([])
    assert "`/afspraken scope <municipality>`" in bare and GENERIC[0]["en"] in bare
    assert "Voorbeeldstad" not in bare + help_

    card = str(welcome_card(["Noordhaven"]))
    assert "scope Noordhaven" in card and TOPICS[0]["nl"].format(town="Noordhaven") in card
    empty = str(welcome_card([]))
    assert "scope <gemeente>" in empty and GENERIC[0]["nl"] in empty and "Voorbeeldstad" not in empty
