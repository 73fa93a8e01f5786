"""What a document says it is: kind, language, title; municipality, period and parties only for
agreements, and only from where an agreement names them. All texts are written for these tests."""

from __future__ import annotations

import pytest

from ingest.metadata import describe, printed_title


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.strip().splitlines() if line.strip()]


AGREEMENT = """
Prestatieafspraken Zeist 2024
In dit document leggen de volgende partijen hun afspraken vast:
1. Gemeente Zeist, hierna te noemen: 'de gemeente'.
2. Woonstichting De Linde, hierna te noemen: 'De Linde'.
3. Huurdersvereniging In Goede Handen, hierna te noemen: 'IGH'.
Afspraken
1. In 2025 bouwt De Linde veertig woningen aan de rand van Soestdijk en Maarssenbroek.
2. In 2026 evalueren partijen de afspraken met de huurders.
Namens de gemeente Zeist,
"""


def test_an_agreement_keeps_its_title_year_and_names_its_parties_whole() -> None:
    meta = describe(lines(AGREEMENT))
    assert (meta.kind, meta.language) == ("agreement", "nl")
    assert (meta.municipality, meta.period) == ("Zeist", "2024")  # not 2025 from afspraak 1
    assert meta.title == "Prestatieafspraken Zeist 2024"
    names = {p.name: p for p in meta.book.parties}
    assert "De Linde" in names and names["De Linde"].kind == "corporatie"
    assert "Woonstichting De Linde" in names["De Linde"].aliases
    assert names["IGH"].kind == "huurders"
    assert "Huurdersvereniging In Goede Handen" in names["IGH"].aliases
    assert "Linde" not in names


def test_a_range_on_the_cover_is_the_period() -> None:
    meta = describe(lines("Overeenkomst\nPrestatieafspraken wonen\nEde\n2026 tot en met 2029\nVoorwoord\nIn 2031 …"))
    assert (meta.municipality, meta.period) == ("Ede", "2026-2029")


def test_a_word_starting_with_a_municipality_is_not_it() -> None:
    text = "Prestatieafspraken sociale huur\nPartijen spreken af.\nOndertekend te Soestdijk, 1 maart 2024."
    assert describe(lines(text)).municipality == ""


def test_the_municipality_signing_counts() -> None:
    text = "Convenant wonen\nPartijen spreken af dat er gebouwd wordt.\nBurgemeester en wethouders van Epe"
    assert describe(lines(text)).municipality == "Epe"


LAW = """
Wet van 3 maart 2031, houdende regels over de verdeling van woonruimte op de eilanden
Artikel 1
In deze wet wordt verstaan onder gemeente: de gemeente Texel, Vlieland of Ameland.
Artikel 2
Het gerechtshof Amsterdam beslist in hoger beroep.
Artikel 3
Deze wet treedt in werking op 1 januari 2032.
"""


def test_a_law_has_no_municipality_and_no_period() -> None:
    meta = describe(lines(LAW))
    assert (meta.kind, meta.municipality, meta.period, meta.book.parties) == ("regulation", "", "", ())
    assert meta.title.startswith("Wet van 3 maart 2031")


LICENCE = """
EXAMPLE PUBLIC LICENSE
Version 2, 1 May 1998
This license is granted under the treaty of 1996 by any licensor to the public. You may copy the
work and share it, provided that the terms of this license are kept with every copy of it.
"""


def test_a_licence_is_english_and_other() -> None:
    meta = describe(lines(LICENCE))
    assert (meta.kind, meta.language, meta.period, meta.municipality) == ("other", "en", "", "")
    assert meta.title == "EXAMPLE PUBLIC LICENSE Version 2, 1 May 1998"


@pytest.mark.parametrize(
    ("opening", "kind"),
    [
        ("Kennisgeving aan de gemeenteraad", "notice"),
        ("Rapport van de rekenkamer over de prestatieafspraken", "report"),
        ("Verordening woonruimte 2031", "regulation"),
        ("Samenwerkingsovereenkomst wonen", "agreement"),
        ("Openbare licentie van de Voorbeeldunie", "other"),
        ("Algemene voorwaarden van Voorbeeld B.V.", "other"),
        ("Gedragscode voor deelnemers", "other"),
        ("Voorbeeld Covenant Code of Conduct", "other"),
        ("Huishoudelijk reglement van de Voorbeeldvereniging", "regulation"),
        ("Statuten van Stichting Voorbeeld", "regulation"),
        ("Bylaws of the Example Foundation", "regulation"),
        ("Standing Orders of Example Community Council", "regulation"),
    ],
)
def test_kind_from_the_documents_own_words(opening: str, kind: str) -> None:
    assert describe([opening, "De gemeente en de corporaties werken samen aan betaalbaar wonen."]).kind == kind


def test_a_paragraph_under_the_title_does_not_name_the_kind() -> None:
    """A licence asking users to copy a "kennisgeving" in its first paragraph is no notice."""
    paragraph = (
        "Deze licentie is van toepassing op het werk wanneer de licentiegever, direct volgend op de "
        "kennisgeving inzake het auteursrecht, de volgende kennisgeving opneemt in het werk zelf."
    )
    assert describe(["Openbare licentie Voorbeeld v. 2.0", paragraph]).kind == "other"


def test_a_notice_about_agreements_keeps_its_municipality() -> None:
    text = (
        "Kennisgeving aan de gemeenteraad\nOnderwerp: Prestatieafspraken met de\ncorporaties\n"
        "De afspraken voor 2031 zijn gemaakt met de gemeente Urk.\nBurgemeester en wethouders van Urk"
    )
    meta = describe(lines(text))
    assert (meta.kind, meta.municipality, meta.period) == ("notice", "Urk", "2031")
    assert meta.title == "Prestatieafspraken met de corporaties"  # a label's title wrapped on two lines


def test_a_title_is_not_a_generic_heading_or_a_sentence() -> None:
    assert printed_title(["Inleiding", "Voorbeeldstad maakt afspraken."]) == ""
    assert printed_title(["Jaarschijf 2031", "In dit document leggen de partijen hun afspraken vast:"]) == (
        "Jaarschijf 2031"
    )
    assert printed_title(["Betreft: huurbeleid 2031", "Geachte raad,"]) == "huurbeleid 2031"


def test_an_unknown_municipality_is_the_party_on_the_cover() -> None:
    text = (
        "Prestatieafspraken Noordwaard 2031\nGemeente Noordwaard en Stichting Kadewonen\n"
        "1. De gemeente en Kadewonen bouwen samen.\nbijdrage van de gemeente Kadewonen Totaal 40.000"
    )
    assert describe(lines(text)).municipality == "Noordwaard"


def test_a_law_is_named_as_it_says_it_is_cited() -> None:
    """A law opens with its formal title ("Wet van 3 maart 2031, houdende …") but says near its end
    how it is cited; that short name is its title, also when wrapped over two lines."""
    lines = [
        "Wet van 3 maart 2031, houdende regels over de toewijzing van woonruimte",
        "Artikel 1",
        "Deze wet is van toepassing op woonruimte.",
        "Artikel 2",
        "Deze wet wordt aangehaald als: Wet woonruimte",
        "Oostwaard 2031.",
    ]
    assert describe(lines).title == "Wet woonruimte Oostwaard 2031"
    english = ["An Act about homes", "Section 1", "This Act may be cited as the Homes Act 2031."]
    assert describe(english).title == "Homes Act 2031"
    sentence = ["Regels voor woningen", "Zij wordt aangehaald als bedoeld in artikel 3 van de wet."]
    assert describe(sentence).title != "bedoeld in artikel 3 van de wet"


def test_a_document_printing_no_title_is_named_by_its_file() -> None:
    """Terms that open with a sentence take their file's name as title, unless the name is a code."""
    opening = lines("Your use of the service is subject to these terms and to the general terms.\n1. Fees.")
    assert describe(opening, "example-service-terms.txt").title == "Example service terms"
    assert describe(opening, "scan_0003.pdf").title.startswith("Your use of the service")


def test_a_title_in_capitals_may_end_in_a_full_stop() -> None:
    assert printed_title(["OPENBARE VOORBEELDLICENTIE v. 2.0.", "Deze licentie geldt voor het werk."]) == (
        "OPENBARE VOORBEELDLICENTIE v. 2.0"
    )
    assert printed_title(["Deze licentie geldt voor het werk.", "Tweede zin."]) == ""


def test_an_untitled_text_in_english_is_not_named_as_prestatieafspraken() -> None:
    """With no printed title, a Dutch agreement is its town's prestatieafspraken; an English
    agreement is no such thing: it goes by its file name (an empty title here)."""
    english = describe(
        lines(
            "- Definitions\n- User: the principal investigator.\n"
            "1. The User agrees to use the Data for the Project only, from 1 May 2031.\n"
            "2. The User agrees to keep the Data confidential under this agreement.\n"
        )
    )
    assert english.language == "en" and not english.title.startswith("Prestatieafspraken")


def test_regulations_name_a_regulation() -> None:
    meta = describe(lines("Financial Regulations\nThe council adopted these on 1 May 2030.\n1. General\n"))
    assert meta.kind == "regulation"
