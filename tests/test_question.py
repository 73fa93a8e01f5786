"""What a question asks, read once (index.question), on questions written for the test."""

from __future__ import annotations

import pytest

from index.question import understand, without_cues
from index.search import TYPE_EVIDENCE


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("Wanneer levert de corporatie het overzicht aan?", "date"),
        ("By when must the landlord send the notice?", "date"),
        ("What happens when a tenant cannot pay the rent?", "open"),
        ("Wat gebeurt er wanneer een huurder verhuist?", "open"),
        ("How long may the committee take before it decides?", "duration"),
        ("Binnen welke termijn moet het bestuur beslissen?", "duration"),
        ("How much notice do both sides get?", "duration"),
        ("How much advance notice must the landlord give?", "duration"),
        ("How much written warning does a member get before a visit?", "duration"),
        ("Wat is de opzegtermijn voor leden?", "duration"),
        ("What is the cooling-off period for online orders?", "duration"),
        ("Is there a time limit for fixing a breach?", "duration"),
        ("What is the time frame for repairs?", "duration"),
        ("Geldt er een tijdslimiet voor bezwaar?", "duration"),
        ("What happens in the period 2024-2027?", "open"),
        ("What does it cost to file a complaint?", "amount"),
        ("What does the landlord charge for a parking space?", "amount"),
        ("What late fee may the landlord charge?", "amount"),
        ("Hoeveel geld trekt de gemeente uit voor de wijkaanpak?", "amount"),
        ("Hoeveel verzendkosten rekent de winkel voor een bestelling?", "amount"),
        ("Welk uurtarief geldt voor meerwerk?", "amount"),
        ("What is the annual fee for members?", "amount"),
        ("What is the monthly rent of the flat?", "amount"),
        ("What's the yearly membership fee for a household?", "amount"),
        ("What hourly rate does the contractor charge for extra work?", "amount"),
        ("Wat is het maximale huurbedrag in dollars per maand?", "amount"),
        ("What is the rate of rent growth in the region?", "open"),
        ("What is the purpose of the fee schedule?", "open"),
        ("Wat is de maximale huurprijs van een woning?", "amount"),
        ("Wat wordt de inkomensgrens in euro's?", "amount"),
        ("Wat is de huurder verplicht te doen?", "open"),
        ("How big a deposit can the owner ask?", "amount"),
        ("Hoe hoog is de borg?", "amount"),
        ("What is the fine for a late return?", "amount"),
        ("What penalty applies to a late return?", "amount"),
        # the question word asks the sum; the date named is what the sum depends on
        ("What is the penalty if the deadline is missed?", "amount"),
        ("Hoeveel kost een verlenging na de uiterste datum?", "amount"),
        ("What is the deadline for paying the fee?", "date"),
        ("Wanneer moet de boete betaald zijn?", "date"),
        ("Welke boete staat op onderverhuur?", "amount"),
        ("What's the maximum security deposit an owner may ask?", "amount"),
        ("Wat is de maximale huurverhoging per jaar?", "count"),
        ("En wat is die maximale leeftijd dan?", "count"),
        ("How many homes will be built in the new district?", "count"),
        ("Welk percentage van de woningen is sociaal?", "count"),
        ("Who decides on the allocation rules?", "party"),
        ("Wie mag een nieuwe versie uitgeven?", "party"),
        ("Which documents must the applicant include?", "list"),
        ("Mag de verhuurder een borg vragen?", "yes/no"),
        ("Can the owner refuse a request?", "yes/no"),
        ("Tell me about the neighbourhood approach", "open"),
    ],
)
def test_what_is_asked(text: str, asks: str) -> None:
    assert understand(text).asks == asks


def test_a_compound_asks_by_its_end_and_keeps_its_topic() -> None:
    """"servicekosten" asks for money; "service" is what it is about."""
    question = understand("Hoeveel servicekosten betaalt een huurder?")
    assert question.budget and "service" in question.topic and "kosten" not in question.topic


def test_data_and_share_are_no_date_or_money_cues() -> None:
    question = understand("Which data must the landlords share with the council?")
    assert not question.deadline
    assert not question.budget


def test_paying_is_spoken_of_but_no_sum_is_asked() -> None:
    question = understand("Wat gebeurt er als een huurder de huur niet betaalt?")
    assert question.asks == "open"
    assert question.budget


def test_a_place_counts_only_when_named_as_one() -> None:
    assert understand("Wat is er afgesproken over laadpalen in Doetinchem?").places == ("Doetinchem",)
    assert understand("Wat spreekt de gemeente doetinchem af?").places == ("Doetinchem",)
    # a capitalised first word opens the sentence: "Best" and "Sluis" are no towns here
    assert understand("Best practices for tenant participation?").places == ()
    assert understand("Sluis en gemaal: wie onderhoudt ze?").places == ()
    assert understand("Wie onderhoudt de sluis bij het park?").places == ()


def test_a_corporation_counts_only_when_named_as_one() -> None:
    assert understand("What did Ymere agree about maintenance?").corporations == ("Ymere",)
    assert understand("Portaal van het gebouw: wie maakt het schoon?").corporations == ()
    assert understand("Wie maakt het portaal schoon?").corporations == ()


def test_names_the_index_knows_count_beside_the_general_lists() -> None:
    question = understand("Hoeveel woningen bouwt Woonstichting Voorbeeld in Voorbeeldstad?",
                          ["Voorbeeldstad"], ["Woonstichting Voorbeeld"])  # fmt: skip
    assert question.places == ("Voorbeeldstad",)
    assert question.corporations == ("Woonstichting Voorbeeld",)
    assert "Voorbeeld" not in question.topic


def test_language_years_and_topic() -> None:
    question = understand("How much does the rent go up in 2025?")
    assert question.language == "en"
    assert question.years == (2025,)
    assert "2025" not in question.topic
    assert understand("Hoeveel stijgt de huur in 2025?").language == "nl"


@pytest.mark.parametrize(
    ("wants", "passage", "states"),
    [
        ("duration", "De huurcommissie doet binnen vier maanden uitspraak.", True),
        ("duration", "You may cure the breach within thirty days of the notice.", True),
        ("duration", "The licence applies for the term of the copyright.", False),
        ("date", "Het bod ligt er uiterlijk 1 juli.", True),
        ("date", "The report is due by March 31 each year.", True),
        ("money", "A service fee of 3% applies to every payment.", True),
        ("money", "De corporatie draagt € 25.000 bij.", True),
        ("number", "ten minste zes jaar ingezetene", True),
        ("number", "een woning in de gemeente", False),
    ],
)
def test_the_asked_kind_of_thing_in_either_language_and_in_words(wants: str, passage: str, states: bool) -> None:
    """Laws and terms write numbers in words and in English: a passage holding what is asked (a
    duration, a date, an amount, a number) is found in both languages."""
    assert bool(TYPE_EVIDENCE[wants].search(passage)) is states


def test_a_compound_naming_a_duration_keeps_its_topic() -> None:
    """"opzegtermijn" asks a duration about cancelling: the cue is its end, the rest the topic."""
    assert without_cues("Wat is de opzegtermijn?").split() == ["Wat", "is", "de", "opzeg", "?"]
    assert "cooling-off" in without_cues("What is the cooling-off period?")
