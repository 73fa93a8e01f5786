"""Does a passage state the figure a "how many?" question asks for: the rules, on made-up text."""

from __future__ import annotations

from dataclasses import replace

from index.figures import (
    FIGURE,
    asks_for_figure,
    counted_span,
    counted_terms,
    states_figure,
    year_covered,
)
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
        ("How many directors sit on the board?", "directors"),
        ("How many serious complaints came in?", "serious complaints"),
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


def test_a_count_must_count_the_asked_thing() -> None:
    """A number elsewhere in the passage (an age, a share of something else) is no answer to
    "how many X?": the number must stand with X, or a compound ending in it."""
    english = CompoundSplitter(["tenant", "rent", "landlord", "parking", "spaces"])
    asked = query("How many parking spaces may a tenant rent?")
    ages = hit("A tenant who is 18 years or older may rent parking spaces from the landlord.")
    assert not states_figure(asked, [ages], english)
    limit = hit("A tenant may rent at most 2 parking spaces from the landlord.")
    assert states_figure(asked, [limit], english)
    built = query("Hoeveel huurwoningen moet Voorbeeld per jaar bouwen?")
    share = hit("Voorbeeld bouwt per jaar; ten hoogste 50 procent van de bouwgrond gaat naar de markt.")
    assert not states_figure(built, [share], SPLITTER)
    counted = hit("Voorbeeld bouwt per jaar 40 sociale woningen en zet de afspraak 8 woningen voort.")
    assert states_figure(built, [counted], SPLITTER)


def test_no_counted_thing_when_a_verb_or_a_measure_follows_the_question_word() -> None:
    for question in (
        "Hoeveel legt de gemeente bij voor de woonconsulent?",
        "Hoeveel procent van de woningen is sociale huur?",
        "What share of the homes is social rent?",
    ):
        assert not counted_terms(query(question), SPLITTER), question
    assert "woon" in counted_terms(query("Hoeveel woningen bouwt Voorbeeld?"), SPLITTER)
    assert {"space", "spac"} & counted_terms(query("How many parking spaces are there?"), SPLITTER)


def test_across_languages_any_number_answers_a_count() -> None:
    """The vocabulary may not know the counted word's translation, so an English question about a
    Dutch passage needs a number, not the counted word beside it."""
    dutch = hit("Woonstichting Voorbeeld heeft 30 eenheden verkocht in de periode 2024-2027.")
    assert states_figure(query("How many homes will be sold?"), [dutch], SPLITTER)


def test_a_cost_may_be_a_share_of_the_sum() -> None:
    """"What does it cost?" is answered by a fee of 3% as by € 25; not by a number of homes."""
    cost = query("Wat kost de bemiddeling de huurder?")
    assert asks_for_figure(cost)
    assert states_figure(cost, [hit("Voor de bemiddeling betaalt de huurder 3% van de huur.")], SPLITTER)
    assert states_figure(cost, [hit("Voor de bemiddeling betaalt de huurder € 25.")], SPLITTER)
    assert not states_figure(cost, [hit("Voor de bemiddeling zijn 12 woningen aangewezen.")], SPLITTER)


def test_a_fine_is_an_amount_and_may_be_a_multiple_of_a_sum() -> None:
    """ "Welke boete …?" asks an amount: "het drievoud van de huur" states it, a count does not."""
    fine = query("Welke boete krijgt de huurder bij onderverhuur?")
    assert asks_for_figure(fine)
    stated = hit("Bij onderverhuur betaalt de huurder een boete gelijk aan het drievoud van de huur.")
    assert states_figure(fine, [stated], SPLITTER)
    assert not states_figure(fine, [hit("Bij onderverhuur worden 12 woningen gecontroleerd.")], SPLITTER)


def test_across_languages_what_is_said_of_the_count_is_found_in_translation() -> None:
    """"Hoeveel leden telt het bestuur?" about an English text: "bestuur" is found there as its
    translation "board", not as itself."""
    dutch_question = replace(query("Hoeveel leden telt het bestuur?"), english_terms=("board", "members"))
    board = hit("The Board shall have seven (7) members at all times.")
    other = hit("The committee shall have seven (7) members at all times.")
    assert states_figure(dutch_question, [board], SPLITTER)
    assert not states_figure(dutch_question, [other], SPLITTER)


def test_a_percentage_asked_is_answered_by_a_share_not_by_any_number() -> None:
    """"Hoeveel procent?" is answered by "3%" or "de helft", not by "1°" or "eenmaal per jaar"
    in a sentence on the same topic."""
    asked = query("Met hoeveel procent mag de huur per jaar stijgen?")
    assert states_figure(asked, [hit("De huur mag per jaar met ten hoogste 3% stijgen.")], SPLITTER)
    assert states_figure(asked, [hit("De huur mag per jaar met ten hoogste de helft stijgen.")], SPLITTER)
    assert not states_figure(asked, [hit("De huur mag eenmaal per jaar stijgen, op 1 juli.")], SPLITTER)
    assert not states_figure(asked, [hit("De huur: 1°. mag per jaar stijgen; 2°. niet dalen.")], SPLITTER)


def test_the_words_naming_a_document_do_not_place_a_figure() -> None:
    """"Hoeveel contributie betaalt een lid van de Vereniging Voorbeeld?" The statuten name the
    vereniging everywhere; a sum beside its name is no answer, a sum beside "lid" is."""
    asked = query("Hoeveel contributie betaalt een lid van de Vereniging Voorbeeld per jaar?")
    elsewhere = hit("Het bestuur vertegenwoordigt de vereniging. De penningmeester betaalt tot € 2000.")
    dues = hit("Elk lid betaalt jaarlijks € 25.")
    names = frozenset({"vereniging", "voorbeeld"})
    assert states_figure(asked, [elsewhere], SPLITTER)  # "vereniging" alone placed it
    assert not states_figure(asked, [elsewhere], SPLITTER, names)
    assert states_figure(asked, [dues], SPLITTER, names)
