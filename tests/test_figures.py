"""Does a passage state the figure a "how many?" question asks for: the rules, on made-up text."""

from __future__ import annotations

from index.figures import FIGURE, asks_for_figure, counted_span, states_figure, year_covered
from index.lexicon import CompoundSplitter, expand_english, language
from index.question import understand
from index.search import Query
from index.types import Chunk, Filters, Hit

SPLITTER = CompoundSplitter(["woning", "woningen", "huur", "huurwoningen", "sloop", "verkoop"])


def query(text: str, parties: tuple[str, ...] = (), years: tuple[int, ...] = ()) -> Query:
    lang = language(text)
    dutch = tuple(expand_english(text)) if lang == "en" else ()
    asked = understand(text)
    return Query(text, lang, dutch, Filters(), parties, (), (), years, False, asked.wants, asked=asked)


def hit(text: str, parties: tuple[str, ...] = ("Woonstichting Voorbeeld",), period: str = "2024-2027") -> Hit:
    chunk = Chunk(
        "c1", "k1", "teststad-2024", "teststad-2024.txt", "Teststad 2024-2027", "Teststad", period,
        "Wonen", "afspraak 1", "afspraak", (1,), text, parties,
    )  # fmt: skip
    return Hit(chunk, 1.0, 1)


def test_counts_and_amounts_are_figures_years_dates_and_references_are_not() -> None:
    for text in (
        "minimaal 50 woningen",
        "€ 60.000 per jaar",
        "27% sociale huur",
        "75-135 woningen",
        "de helft",
    ):
        assert FIGURE.search(text), text
    for text in ("in 2026", "uiterlijk 1 juli", "zie bijlage 2", "volgens artikel 44", "op p. 12"):
        assert not FIGURE.search(text), text


def test_counted_thing_is_the_noun_phrase_after_the_question_word() -> None:
    for question, counted in (
        ("How many rental homes does Teststad have?", "rental homes"),
        ("Hoeveel sociale huurwoningen worden gebouwd?", "sociale huurwoningen"),
        ("Hoeveel woningen verkoopt Voorbeeld?", "woningen"),
    ):
        start, end = counted_span(question, language(question))
        assert question[start:end].lower().endswith(counted)
    assert asks_for_figure(query("Hoeveel woningen sloopt Voorbeeld?"))
    assert not asks_for_figure(query("Wanneer sloopt Voorbeeld de woningen?"))


def test_figure_must_be_about_what_the_question_asks() -> None:
    building = hit(
        "Woonstichting Voorbeeld bouwt 120 sociale huurwoningen. De huurverhoging volgt de inflatie."
    )
    assert states_figure(query("How many homes will be built?"), [building], SPLITTER)
    voorbeeld = ("Woonstichting Voorbeeld",)
    assert not states_figure(query("Hoeveel woningen verkoopt Voorbeeld?", voorbeeld), [building], SPLITTER)
    selling = hit("Woonstichting Voorbeeld verkoopt 30 woningen in de periode 2024-2027.")
    assert states_figure(query("Hoeveel woningen verkoopt Voorbeeld?", voorbeeld), [selling], SPLITTER)


def test_figure_must_be_of_the_asked_year_and_corporation() -> None:
    selling = hit("Woonstichting Voorbeeld verkoopt 30 woningen in 2025.")
    asked = ("Woonstichting Voorbeeld",)
    assert states_figure(
        query("Hoeveel woningen verkoopt Voorbeeld in 2025?", asked, (2025,)), [selling], SPLITTER
    )
    assert not states_figure(
        query("Hoeveel woningen verkoopt Voorbeeld in 2023?", asked, (2023,)), [selling], SPLITTER
    )
    other = ("Woonstichting Anders",)
    assert not states_figure(query("Hoeveel woningen verkoopt Anders?", other), [selling], SPLITTER)


def test_year_nearest_named_decides() -> None:
    assert year_covered(2026, "In 2026 wijzen zij 50 woningen toe.", "", "2024-2027")
    assert not year_covered(2023, "In 2026 wijzen zij 50 woningen toe.", "", "2024-2027")
    assert year_covered(2025, "Zij wijzen 50 woningen toe.", "afspraken voor 2024 t/m 2027", "")
    assert year_covered(2025, "Zij wijzen 50 woningen toe.", "Zij wijzen toe.", "2024-2027")
    assert not year_covered(2015, "circa 150 woningen verkocht in vier jaar", "periode 2016-2019", "2017")
