"""The numbering grammar on texts written for the test: each shape a document may number its
clauses with, and the lines that look numbered but start nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.evaluate import label_recall
from ingest.numbering import Ordinal, parse
from ingest.types import Document
from tests.conftest import clause_texts, document_from_text

INTRO = (
    "Prestatieafspraken Gemeente Oostwaard 2025\n\n"
    "De gemeente Oostwaard en Woonstichting Hoeksteen maken de volgende afspraken voor het jaar 2025.\n\n"
)


def labels(doc: Document) -> list[str]:
    return [c.label for c in doc.clauses if c.kind != "paragraph"]


def clause(doc: Document, label: str) -> str:
    return next(c.text for c in doc.clauses if c.label == label)


def test_short_afspraken_under_two_headings_are_clauses_of_their_own(tmp_path: Path) -> None:
    text = INTRO + "Betaalbaarheid\n\n"
    text += "".join(f"{n}. De partijen overleggen over onderwerp {n}.\n" for n in range(1, 5))
    text += "\nDuurzaamheid\n\n"
    text += "".join(f"{n}. De corporatie isoleert complex {n}.\n" for n in range(5, 8))
    doc = document_from_text(tmp_path, text)
    assert labels(doc) == [f"afspraak {n}" for n in range(1, 8)]
    assert clause(doc, "afspraak 6") == "De corporatie isoleert complex 6."


def test_no_cap_on_the_number_of_afspraken(tmp_path: Path) -> None:
    text = INTRO + "".join(
        f"{n}. De gemeente en de corporatie voeren maatregel {n} uit in 2025, zoals eerder besproken.\n\n"
        for n in range(1, 106)
    )
    doc = document_from_text(tmp_path, text)
    assert labels(doc) == [f"afspraak {n}" for n in range(1, 106)]


@pytest.mark.parametrize("style", ["Afspraak {n}. ", "Afspraak {n}: ", "afspraak {n} "])
def test_afspraak_keyword_numbers(tmp_path: Path, style: str) -> None:
    text = INTRO + "".join(
        style.format(n=n) + f"De corporatie bouwt in 2025 precies {n * 10} woningen.\n\n" for n in range(1, 4)
    )
    doc = document_from_text(tmp_path, text)
    assert labels(doc) == ["afspraak 1", "afspraak 2", "afspraak 3"]
    assert clause(doc, "afspraak 2") == "De corporatie bouwt in 2025 precies 20 woningen."


def test_number_alone_on_its_line_with_the_title_below(tmp_path: Path) -> None:
    text = (
        INTRO
        + "1\nHuurbeleid\nDe huren stijgen met de inflatie.\n\n2\nNieuwbouw\nEr komen 40 woningen bij.\n"
    )
    doc = document_from_text(tmp_path, text)
    sections = {c.label: c for c in doc.clauses if c.label in {"1", "2"}}
    assert sections["2"].text == "Nieuwbouw Er komen 40 woningen bij."
    assert "Er komen 40" not in sections["1"].text


def test_articles_with_leden_paragraphs_and_inserted_articles(tmp_path: Path) -> None:
    text = (
        "Verordening woonruimte Oostwaard\n\n§ 1\n\nAlgemeen\n\nArtikel 1\n\n"
        "1. In deze verordening wordt verstaan onder:\n\na. woning: een zelfstandige woonruimte;\n\n"
        "b. huurder: wie een woning huurt.\n\n2. De raad stelt de regels vast.\n\n"
        "Artikel 2\n\nDe verordening geldt vier jaar.\n\nArtikel 2a\n\nVervallen.\n\n§ 2\n\nSlot\n\n"
        "Artikel 3\n\n1. Deze verordening treedt in werking op 1 juli 2026.\n\n"
        "Bijlage 1\n\nOverzicht van de wijken.\n"
    )
    doc = document_from_text(tmp_path, text, "verordening.txt")
    expected = ["Artikel 1", "Artikel 2", "Artikel 2a", "Artikel 3", "Bijlage 1"]
    assert label_recall(expected, labels(doc)).recall == 1.0
    assert "b. huurder: wie een woning huurt." in clause(doc, "Artikel 1 lid 1")
    assert clause(doc, "Bijlage 1").endswith("Overzicht van de wijken.")
    assert not any(
        label.startswith("Artikel 3 lid") and "wijken" in clause(doc, label) for label in labels(doc)
    )


def test_numbering_that_restarts_per_numbered_section(tmp_path: Path) -> None:
    text = INTRO + "1.1 Wonen en zorg\n\n1. De gemeente zoekt drie locaties.\n\n2. De corporatie bouwt.\n\n"
    text += "1.2 Leefbaarheid\n\n1. Partijen zetten een wijkbeheerder in.\n\n2. Partijen evalueren in 2026.\n"
    doc = document_from_text(tmp_path, text)
    assert [c.label for c in doc.clauses if "afspraak" in c.label] == [
        "1.1 afspraak 1",
        "1.1 afspraak 2",
        "1.2 afspraak 1",
        "1.2 afspraak 2",
    ]


def test_english_sections_cite_their_lettered_items(tmp_path: Path) -> None:
    text = (
        "Terms of Service\n\nSection 1 -- Definitions.\n\n  a. Member means a person who signs up.\n\n"
        "  b. Fee means the amount in Section 2(a).\n\nSection 2 -- Payment.\n\n"
        "  a. The Member pays the Fee each month.\n\n       1. by bank transfer; or\n\n"
        "       2. by card.\n\n  b. A late payment costs five euros.\n"
    )
    doc = document_from_text(tmp_path, text, "terms.txt")
    assert labels(doc) == [
        "Section 1",
        "Section 1(a)",
        "Section 1(b)",
        "Section 2",
        "Section 2(a)",
        "Section 2(a)(1)",
        "Section 2(a)(2)",
        "Section 2(b)",
    ]


def test_a_reference_to_section_7_c_makes_lettered_items_clauses(tmp_path: Path) -> None:
    """ "Except as provided in Section 3.b." cites a lettered item: the document's items are
    clauses of their own; without such a reference they stay in their section."""
    body = (
        "1) Voting\n\na) Decisions are taken by a majority of the members present.\n\n"
        "b) A quorum is half of all voting members.\n\n2) Amendments\n\n"
        "a) This charter may be amended by a two-thirds vote{}.\n\nb) Amendments take effect at once.\n"
    )
    cited = document_from_text(tmp_path, "Charter\n\n" + body.format(", except as provided in Section 1.b."), "a.txt")
    assert labels(cited) == ["1", "1(a)", "1(b)", "2", "2(a)", "2(b)"]
    plain = document_from_text(tmp_path, "Charter\n\n" + body.format(""), "b.txt")
    assert labels(plain) == ["1", "2"]


def test_english_lettered_items_with_titles_of_their_own_are_subsections(tmp_path: Path) -> None:
    text = (
        "Records Policy\n\nSection 3. Requests.\n\n"
        "a. Document Requests. Requests are made on the form attached to this policy.\n\n"
        "b. Response Time. The City responds within five business days of receipt.\n\n"
        "Section 4. Fees.\n\na. the cost of copies;\n\nb. the cost of staff time.\n"
    )
    doc = document_from_text(tmp_path, text, "policy.md")
    assert labels(doc) == [
        "Section 3",
        "Section 3(a)",
        "Section 3(b)",
        "Section 4",
        "Section 4(a)",
        "Section 4(b)",
    ]
    assert clause(doc, "Section 3(b)").startswith("Response Time. The City responds")
    # Dutch definitions with a capital ("a. Kaderbesluit: het …") stay in their article
    dutch = "Regeling\n\nArtikel 1\n\nIn deze regeling wordt verstaan onder:\n\n"
    dutch += "a. Kaderbesluit: het Kaderbesluit subsidies;\n\nb. Minister: de minister voor Wonen.\n"
    assert labels(document_from_text(tmp_path, dutch, "regeling.md")) == ["Artikel 1"]


def test_lettered_items_stay_in_an_agreement_clause(tmp_path: Path) -> None:
    text = INTRO + "1. Partijen spreken af:\na. de corporatie meldt leegstand;\nb. de gemeente betaalt.\n\n"
    text += "2. Partijen evalueren de afspraken in 2026.\n"
    doc = document_from_text(tmp_path, text)
    assert labels(doc) == ["afspraak 1", "afspraak 2"]
    assert clause(doc, "afspraak 1").endswith("b. de gemeente betaalt.")


def test_wrapped_lines_that_start_with_a_number_stay_in_their_clause(tmp_path: Path) -> None:
    text = INTRO + (
        "1. De corporatie bouwt in de periode tot en met\n2026 in totaal 120 woningen, waarvan er\n"
        "7. verdeeld over de wijken gereed komen voor\n15 december van dat jaar.\n\n"
        "2. De gemeente levert de grond.\n"
    )
    doc = document_from_text(tmp_path, text)
    assert labels(doc) == ["afspraak 1", "afspraak 2"]
    assert "15 december van dat jaar" in clause(doc, "afspraak 1")


def test_a_heading_whose_number_follows_its_title(tmp_path: Path) -> None:
    text = INTRO + "3.4 Huurbeleid\n\nDe huren volgen de inflatie.\n\nFinanciering 3.5\n\n"
    text += "De gemeente draagt 40.000 euro bij.\n"
    doc = document_from_text(tmp_path, text)
    assert clause(doc, "3.5").endswith("De gemeente draagt 40.000 euro bij.")
    assert "40.000" not in clause(doc, "3.4")


def test_annex_after_articles_is_no_article_paragraph(tmp_path: Path) -> None:
    text = "Besluit Oostwaard\n\nArtikel 1\n\n1. Dit besluit geldt vanaf 2026.\n\nBijlage I\n\n1. Tabel met punten.\n"
    doc = document_from_text(tmp_path, text, "besluit.txt")
    assert "Bijlage I" in labels(doc)
    assert not any("Tabel" in clause(doc, label) for label in labels(doc) if label.startswith("Artikel"))


@pytest.mark.parametrize(
    ("line", "family", "printed"),
    [
        ("Artikel 16a", "kw:artikel", "16a"),
        ("Art. 2. Het monument heeft architecturale waarde.", "kw:artikel", "2"),
        ("Section 3 -- Terms.", "kw:section", "3"),
        ("Hoofdstuk IV", "kw:hoofdstuk", "IV"),
        ("1A.2 Direct Relationship.", "num", "1A.2"),
        ("4.1A. Disclaimer.", "num", "4.1A"),
        ("(c) Displaying balances;", "(lower)", "c"),
        ("iv. a notice;", "roman", "iv"),
        ("2.Als je meer werkgevers hebt, meld je dat.", "num", "2"),  # a PDF's lost space
    ],
)
def test_marker_shapes(line: str, family: str, printed: str) -> None:
    marker = parse(line)[0]
    assert (marker.family, marker.printed) == (family, printed)


@pytest.mark.parametrize("line", ["21.1 ‐ De offerte geldt 14 dagen.", "3. – De offerte geldt 14 dagen."])
def test_a_dash_after_the_number_is_not_the_clause_text(line: str) -> None:
    assert parse(line)[0].rest == "De offerte geldt 14 dagen."


@pytest.mark.parametrize(
    "line",
    ["Artikel 7:249 van het Burgerlijk Wetboek", "1.000 woningen", "2019 was een goed jaar", "2.5miljoen euro"],
)
def test_lines_that_only_look_numbered(line: str) -> None:
    assert parse(line) == []


def test_a_table_stays_rows_of_cells_inside_its_clause(tmp_path: Path) -> None:
    text = INTRO + (
        "1. De kosten van de wijkaanpak zijn als volgt verdeeld:\nWijk\tGemeente\tCorporatie\n"
        "Centrum\t€ 10.000\t€ 5.000\nNoord\t€ 8.000\t€ 8.000\n\n2. Partijen evalueren de aanpak in 2026.\n"
    )
    doc = document_from_text(tmp_path, text)
    assert labels(doc) == ["afspraak 1", "afspraak 2"]
    assert clause(doc, "afspraak 1").endswith(
        "Wijk | Gemeente | Corporatie; Centrum | € 10.000 | € 5.000; Noord | € 8.000 | € 8.000"
    )


def test_passages_hold_an_article_or_section_with_what_is_numbered_under_it(tmp_path: Path) -> None:
    """A paragraph's passage is its article and an item's its section, but a § never joins its
    articles, and a clause too long to join its siblings stays a passage of its own."""
    long_lid = " ".join(["De raad hoort de huurders en de corporaties voordat hij besluit."] * 60)
    text = (
        "Verordening woonruimte Oostwaard\n\n§ 1\n\nAlgemeen\n\nArtikel 1\n\n"
        "1. De raad stelt de regels vast.\n\n2. De regels gelden vier jaar.\n\n"
        f"Artikel 2\n\n1. {long_lid}\n\n2. Het college voert de regels uit.\n\n§ 2\n\nSlot\n\n"
        "Artikel 3\n\nDe verordening treedt in werking op 1 juli 2026.\n\n"
        "Artikel 4\n\nDeze verordening heet Woonverordening Oostwaard.\n"
    )
    doc = document_from_text(tmp_path, text, "verordening.txt")
    by_label = {c.label: c for c in doc.clauses}
    unit = {c.label: (c.unit or c.id) for c in doc.clauses}
    assert unit["Artikel 1 lid 1"] == unit["Artikel 1 lid 2"] == by_label["Artikel 1"].id
    assert unit["Artikel 2 lid 1"] != unit["Artikel 2 lid 2"]  # together over UNIT_CHARS
    assert unit["Artikel 3"] != unit["Artikel 4"]  # a short § 2 still joins no articles
    terms = document_from_text(
        tmp_path,
        "Terms\n\nSection 1 -- Payment.\n\n  a. The Member pays each month.\n\n  b. A late payment costs five euros.\n",
        "terms.txt",
    )
    units = {(c.unit or c.id) for c in terms.clauses if c.label.startswith("Section 1")}
    assert len(units) == 1


def test_a_paragraph_in_capitals_is_no_heading_where_it_wraps(tmp_path: Path) -> None:
    """A disclaimer set in capitals wraps onto lines that look like titles; they stay in it."""
    text = (
        "Terms\n\nSection 1 -- Warranty.\n\n"
        "  a. THE LICENSOR OFFERS THE MATERIAL AS-IS AND MAKES NO CLAIMS OF ANY KIND,\n"
        "     WARRANTIES OF TITLE, MERCHANTABILITY, FITNESS FOR A PARTICULAR\n"
        "     PURPOSE OR ACCURACY. THIS DISCLAIMER MAY NOT APPLY TO YOU.\n\n"
        "  b. The Licensor is not liable for losses under Section 2(a).\n\nSection 2 -- Term.\n\n"
        "  a. These terms last as long as the rights.\n"
    )
    doc = document_from_text(tmp_path, text, "terms.txt")
    assert labels(doc) == ["Section 1", "Section 1(a)", "Section 1(b)", "Section 2", "Section 2(a)"]
    assert "WARRANTIES OF TITLE" in clause(doc, "Section 1(a)")
    assert not any("WARRANTIES" in part for c in doc.clauses for part in c.section_path)


def test_a_rule_set_apart_ends_the_last_section(tmp_path: Path) -> None:
    """Text below a rule after the last section is the document's closing text, not part of
    that section; a rule right under a title only underlines it and is dropped."""
    text = (
        "Terms\n=====\n\nSection 1 -- Payment.\n\n  a. The Member pays each month, as Section 2(a) reads.\n\n"
        "Section 2 -- Interpretation.\n\n  a. These terms are read as a whole.\n\n"
        "==========================\n\nThe publisher is not a party to these terms.\n"
    )
    doc = document_from_text(tmp_path, text, "terms.txt")
    assert labels(doc) == ["Section 1", "Section 1(a)", "Section 2", "Section 2(a)"]
    closing = [c for c in doc.clauses if "not a party" in c.text]
    assert len(closing) == 1 and closing[0].label == "closing text"
    assert not any("===" in c.text for c in doc.clauses)


def test_a_centred_title_after_the_last_section_stands_apart(tmp_path: Path) -> None:
    """A centred title below the numbered sections heads a part of its own, as the centred title
    above them did: what follows is not cited as part of the last section."""
    text = (
        "                         TERMS AND CONDITIONS\n\n  0. Definitions.\n\n"
        '  "Program" means the work.\n\n  1. Source Code.\n\n  The source code is the preferred form.\n\n'
        "                      END OF TERMS AND CONDITIONS\n\n"
        "            How to Apply These Terms to Your Programs\n\n"
        "  Attach the following notices to the program.\n"
    )
    doc = document_from_text(tmp_path, text, "terms.txt")
    notice = next(c for c in doc.clauses if "Attach the following" in c.text)
    assert notice.label == "How to Apply These Terms to Your Programs"
    assert "Attach" not in clause(doc, "1")


def test_the_closing_formula_ends_the_last_article(tmp_path: Path) -> None:
    """ "Lasten en bevelen …" closes a law: the place, date and names below it sign it, they are
    not a heading, nor part of the last article or of the annex after them."""
    text = (
        "Wet van 1 maart 2031, houdende regels over woonruimte\n\nArtikel 1\n\n"
        "1. De raad stelt regels vast.\n2. Het college voert ze uit.\n\n"
        "Lasten en bevelen dat deze in het Staatsblad zal worden geplaatst.\n\n"
        "Gegeven te Oostwaard\n\n1 maart 2031\n\nA. de Vries\n\nDe Minister van Wonen,\nB. Jansen\n\n"
        "Bijlage I\n\nDe tabel van punten per vertrek.\n"
    )
    doc = document_from_text(tmp_path, text, "wet.txt")
    assert "Lasten" not in clause(doc, "Artikel 1 lid 2")
    closing = next(c for c in doc.clauses if "Lasten en bevelen" in c.text)
    assert closing.label == "slot" and "B. Jansen" in closing.text
    annex = next(c for c in doc.clauses if c.label == "Bijlage I")
    assert not any("Jansen" in part or "Vries" in part for part in annex.section_path)


def test_a_short_paragraph_of_an_article_is_no_heading(tmp_path: Path) -> None:
    """An article's paragraphs are sentences, however short one is: "2. De wet … wordt ingetrokken."
    is its second paragraph, not a heading over what follows."""
    text = (
        "Wet van 1 maart 2031\n\nArtikel 1\n\nIn deze wet wordt verstaan onder raad: de gemeenteraad.\n\n"
        "Artikel 2\n\n1. De raad stelt de regels voor de verdeling van woonruimte vast.\n"
        "2. De oude verordening wordt ingetrokken.\n\nArtikel 3\n\nDeze wet treedt in werking op 1 juli 2031.\n"
    )
    doc = document_from_text(tmp_path, text, "wet.txt")
    second = next(c for c in doc.clauses if c.label == "Artikel 2 lid 2")
    assert second.kind != "section" and "ingetrokken" in second.text


def test_numbers_on_lines_of_their_own_are_no_footnotes_where_the_text_goes_on(tmp_path: Path) -> None:
    """An annex whose notes number their headings on lines of their own ("1" / "Keuken") twice
    over: the second run is no list of footnotes, since the text goes on after each of them."""
    notes = "".join(
        f"{n}\n\n{title}\n\nOnder {title.lower()} wordt verstaan wat de tabel noemt, per woning.\n\n"
        for n, title in enumerate(("Oppervlakte", "Verwarming", "Keuken"), 1)
    )
    text = (
        "Besluit woonruimte\n\nArtikel 1\n\nDe punten staan in bijlage I.\n\nArtikel 2\n\n"
        "Dit besluit treedt in werking op 1 juli 2031.\n\nBijlage I\n\nToelichting bij onderdeel A\n\n"
        + notes
        + "Toelichting bij onderdeel B\n\n"
        + notes
    )
    doc = document_from_text(tmp_path, text, "besluit.txt")
    assert not [c for c in doc.clauses if c.kind == "footnote"]
    assert sum("Onder keuken wordt verstaan" in c.text for c in doc.clauses) == 2


def test_licence_shapes_a_reader_cites(tmp_path: Path) -> None:
    """A versioned title numbers nothing; a copyright line is no title; "Exhibit A - …" is an
    annex; a heading framed by rules and one over quoted definitions are headings; a paragraph
    set back to an item's marker, after the item's hanging lines, is its section's again."""
    text = (
        "Copyright (c) 2031 Example Foundation\n\n---------------------------------\n"
        "Example Public License, version 2.0\n---------------------------------\n\n"
        "PREAMBLE\nThe goals of this licence are to let people share the work.\n\nDEFINITIONS\n"
        '"Work" means the program under this licence.\n\n'
        "1. Redistribution.\n\n   You may give copies, provided that You meet these conditions:\n\n"
        "   (a) You must give every recipient a copy of this License;\n"
        "       and keep its notices; and\n\n"
        "   (b) You must mark the files You changed\n       and say so in them.\n\n"
        "   You may add Your own copyright statement to Your changes.\n\n"
        "2. Termination.\n\n   This licence ends when You break it.\n\n"
        "Exhibit A - Notice\n\n   This work is subject to the Example Public License.\n"
    )
    doc = document_from_text(tmp_path, text, "example-licence.txt")
    assert doc.title == "Example Public License, version 2.0"
    labels = [c.label for c in doc.clauses]
    assert "2.0" not in labels and "Exhibit A" in labels
    assert {"PREAMBLE", "DEFINITIONS"} <= set(labels)
    # … and is read where it stands, after the items: "1" again, not glued to the lead-in
    (_, head), (after, resumed) = [(i, c) for i, c in enumerate(doc.clauses) if c.label == "1"]
    assert "Your own copyright statement" in resumed.text
    assert "Your own copyright statement" not in head.text + clause(doc, "1(b)")
    assert labels.index("1(b)") < after and resumed.unit == head.id


def test_a_list_after_a_headings_lead_in_is_under_the_heading(tmp_path: Path) -> None:
    """A circular's sections set as Markdown headings ("###2" over "####Procedure"), a lead-in
    ending in a colon, then a list numbered as the sections are: the list is the section's (one
    passage with it), and the next section ("3 Slot") goes on from the sections, not the list."""
    text = (
        "##Circulaire over nevenactiviteiten\n\nGeacht college,\n\n###1 \n\n####Aanleiding\n\n"
        "De regels over nevenactiviteiten van toegelaten instellingen worden aangescherpt.\n"
        "###2 \n\n####Procedure\n\n"
        "Een nevenactiviteit meldt de instelling bij de inspectie met de volgende informatie:\n\n"
        "1.Een motivering waarom de instelling de activiteit wil uitvoeren, met de gekozen constructie;\n\n"
        "2.Een risicoanalyse van de activiteit en de gevolgen voor de huurders van de instelling.\n"
        "###3 \n\n####Slot\n\nDeze circulaire treedt direct in werking.\n"
    )
    doc = document_from_text(tmp_path, text, "circulaire.md")
    procedure = next(c for c in doc.clauses if c.text.startswith("Procedure"))
    listed = [c for c in doc.clauses if c.text.startswith(("Een motivering", "Een risicoanalyse"))]
    assert len(listed) == 2 and all(c.unit == procedure.id for c in listed)
    assert all(c.section_path[-1].endswith("Procedure") for c in listed)
    closing = next(c for c in doc.clauses if c.text.startswith("Slot"))
    assert closing.section_path == () and closing.unit == ""


def test_clauses_attachments_and_appendices(tmp_path: Path) -> None:
    """ "Clause 3" numbers its paragraphs "Clause 3(1)"; "Attachment 1 – …" and "Appendix 1 to
    the Clauses" are annexes of their own."""
    text = (
        "Data Protection Addendum\n\n1. Scope.\n\nThis addendum applies to all processing.\n\n"
        "Attachment 1 – Standard Clauses\n\nThe parties agree on the following Clauses.\n\n"
        "Clause 1: Definitions\n\nThe terms have the meaning of the Regulation.\n\n"
        "Clause 2: Third-party beneficiary clause\n\n1. The data subject can enforce this Clause.\n\n"
        "2. The parties do not object to representation.\n\n"
        "Appendix 1 to the Standard Clauses\n\nThe data exporter is the customer.\n"
    )
    doc = document_from_text(tmp_path, text, "addendum.txt")
    labels = [c.label for c in doc.clauses]
    for label in ("Attachment 1", "Clause 1", "Clause 2", "Clause 2(1)", "Clause 2(2)", "Appendix 1"):
        assert label in labels, (label, labels)
    assert "enforce this Clause" in clause(doc, "Clause 2(1)")


def test_an_address_is_no_heading_and_a_postcode_no_year(tmp_path: Path) -> None:
    text = (
        "Algemene voorwaarden\n\nArtikel 1 - Identiteit\n\nVereniging Voorbeeld\nDorpsstraat 12\n"
        "1234 AB Oostwaard\n\nArtikel 2 - Toepasselijkheid\n\nDeze voorwaarden gelden voor elke bestelling.\n"
    )
    doc = document_from_text(tmp_path, text, "voorwaarden.txt")
    assert "Dorpsstraat 12" in clause(doc, "Artikel 1")
    assert not any("Dorpsstraat" in c.label or "Voorbeeld" in c.label for c in doc.clauses)
    assert "1234" not in doc.period


def test_a_list_set_in_under_a_lid_is_its_items(tmp_path: Path) -> None:
    """Statuten number a lid's list "1." again, set in by a TAB: the items are "Artikel 2 lid 1
    onder 1" …, and the next lid at the margin is lid 2 again."""
    text = (
        "Statuten van de vereniging Voorbeeld\n\nArtikel 1\n\n1.\tDe vereniging heet Voorbeeld.\n\n"
        "Artikel 2\n\n1.\tHet doel van de vereniging is:\n"
        "\t1.\thet bevorderen van goed en betaalbaar wonen voor alle huurders in de gemeente;\n"
        "\t2.\thet onder de leden verspreiden van kennis over huren, onderhoud en woonlasten.\n"
        "2.\tZij tracht dit doel te bereiken door:\n"
        "\t1.\thet met regelmaat organiseren van bijeenkomsten voor leden en belangstellenden;\n"
        "\t2.\thet uitgeven van een blad en het onderhouden van een website voor de leden.\n\n"
        "Artikel 3\n\n1.\tHet verenigingsjaar is het kalenderjaar.\n"
    )
    doc = document_from_text(tmp_path, text, "statuten.txt")
    labels = [c.label for c in doc.clauses]
    expected = [
        "Artikel 2 lid 1", "Artikel 2 lid 1 onder 1", "Artikel 2 lid 1 onder 2",
        "Artikel 2 lid 2", "Artikel 2 lid 2 onder 1", "Artikel 2 lid 2 onder 2",
    ]  # fmt: skip
    assert [label for label in labels if label.startswith("Artikel 2 ")] == expected
    assert clause(doc, "Artikel 2 lid 2").startswith("Zij tracht")


def test_a_line_after_an_abbreviation_goes_on(tmp_path: Path) -> None:
    """ "… the Example Public License, v." / "2.0. If a copy …": the number continues the
    sentence the abbreviation left open, it opens no clause."""
    text = (
        "Example Public License\n\n1. Definitions.\n\nThe Work is the program.\n\n"
        "2. Notice.\n\nThis file is subject to the terms of the Example Public License, v.\n"
        "2.0. If a copy of the licence was not given with this file, ask the author.\n"
    )
    doc = document_from_text(tmp_path, text, "licence.txt")
    assert [c.label for c in doc.clauses if c.label not in ("preamble",)] == ["1", "2"]
    assert "If a copy of the licence" in clause(doc, "2")


def test_a_point_zero_section_holds_its_parts(tmp_path: Path) -> None:
    """ "4.0 Conditions of Use" numbers section 4 as a whole: "4.1", "4.2" are its parts (their
    heading is "4.0 …"), and "5.0" is a section of its own again."""
    doc = document_from_text(
        tmp_path,
        "Example Database Licence\n\n1.0 Definitions\n\nA database is a collection of data.\n\n"
        "2.0 Conditions of use\n\n2.1 You must keep the notices intact.\n\n"
        "2.2 You must share adapted databases under this licence.\n\n"
        "3.0 Termination\n\n3.1 The licence ends when you break its terms.\n",
    )
    found = {c.label: c.section for c in doc.clauses}
    assert {"2.1", "2.2", "3.1"} <= set(found)
    assert found["2.1"].startswith("2.0") and found["2.2"].startswith("2.0")
    assert found["3.1"].startswith("3.0")


def test_an_annex_without_a_number_is_a_heading_not_a_sentence() -> None:
    assert [m.keyword for m in parse("Bijlage behorende bij artikel 1 van het besluit")] == ["Bijlage"]
    assert [m.keyword for m in parse("Appendix")] == ["Appendix"]
    assert parse("Bijlage bij deze overeenkomst is het overzicht van de woningen.") == []


def test_the_roman_parts_of_a_decision_are_clauses(tmp_path: Path) -> None:
    """ "Besluit: I. in te stellen …; II. de taak … vast te stellen: a. …; b. …;": each Roman part
    of the decision is cited, though it goes on the sentence; its lettered items stay in it."""
    doc = document_from_text(
        tmp_path,
        "De staatssecretaris van Volkshuisvesting,\nBesluit:\n"
        "I. in te stellen een commissie van huurders en verhuurders;\n"
        "II. de taak van de onder I genoemde commissie als volgt vast te stellen:\n\n"
        "a. het benoemen van kwesties van gezamenlijk belang;\n\n"
        "b. de wijze waarop partijen conflicten regelen;\n"
        "III. de commissie op te dragen hem voor 1 april te rapporteren;\n",
    )
    assert labels(doc)[-3:] == ["I", "II", "III"], labels(doc)
    assert "conflicten regelen" in clause(doc, "II") and "1 april" in clause(doc, "III")


@pytest.mark.parametrize("heading", ["Bijlagen:", "Bijlagen", "Sections", "Schedules"])
def test_a_plural_keyword_is_no_numbered_part(heading: str) -> None:
    """ "Bijlagen" is no "Bijlage n": a letter glued to the keyword is the word's own ending."""
    assert not [m for m in parse(heading) if m.family.startswith("kw:")]


def test_an_annex_numbered_on_from_annexes_left_out_is_an_annex(tmp_path: Path) -> None:
    """A letter prints only some of its annexes ("Bijlage III", "Bijlage IV" after a list of
    four): each opens its part, the letter's last section does not run on into it."""
    doc = document_from_text(
        tmp_path,
        "1. Inleiding\n\nHierbij ontvangt u de nieuwe huurprijsgrenzen.\n\n"
        "2. Tot slot\n\nIk verzoek u deze informatie door te geven.\n\nBijlagen:\n\n"
        "I. Model puntenwaarderingsformulier\n\nII. Tabellen met huurprijsgrenzen\n\n"
        "Bijlage III\n\nAdressen van de huurcommissies in Groningen en Zwolle.\n\n"
        "Bijlage IV\n\nAdressen van de inspectie in Utrecht.\n",
    )
    assert "Bijlage n" not in labels(doc)
    assert "Zwolle" in clause(doc, "Bijlage III") and "Utrecht" in clause(doc, "Bijlage IV")
    assert "Zwolle" not in clause(doc, "2")


def test_a_reference_wrapped_to_the_start_of_a_line_opens_nothing(tmp_path: Path) -> None:
    """ "… or, where applicable," / "section F (break clauses) of this agreement": a reference
    that a wrapped line starts with is no Section F, though Section B came before."""
    doc = document_from_text(
        tmp_path,
        "## Section A: Definitions\n\nThe words of this agreement mean what they say.\n\n"
        "## Section B: Main terms\n\nThe tenancy ends on the date agreed, unless it is ended early under\n"
        "the grounds in section E or, where applicable,\n"
        "section F (break clauses for long tenancies) of this agreement.\n\n"
        "## Section C: Obligations\n\nThe tenant pays the rent.\n",
        "tenancy.md",
    )
    assert "Section F" not in labels(doc), labels(doc)
    assert "break clauses" in clause(doc, "Section B")


def test_an_excerpt_starts_at_the_article_it_starts_with(tmp_path: Path) -> None:
    """A chapter of a law copied alone begins at "Artikel 11": its articles and their leden are
    read as such, though no "Artikel 1" came before (a "Section 103" likewise)."""
    doc = document_from_text(
        tmp_path,
        "Artikel 11\n\n1. De instelling is uitsluitend werkzaam op het gebied van de volkshuisvesting.\n"
        "2. Het gebied omvat uitsluitend het bouwen en verhuren van woningen.\n\n"
        "Artikel 11a\n\n1. De werkzaamheden dragen bij aan de volkshuisvesting.\n"
        "2. De instelling verbindt zich slechts met een ander onder voorwaarden.\n",
    )
    assert {"Artikel 11 lid 1", "Artikel 11 lid 2", "Artikel 11a lid 1"} <= set(labels(doc)), labels(doc)
    assert "bouwen en verhuren" in clause(doc, "Artikel 11 lid 2")


def test_parts_lettered_in_order_are_parts_but_initials_are_no_part(tmp_path: Path) -> None:
    """ "A. Inleiding", "B. Grondaankopen", "C. Slot": a circular's parts, though each title is one
    capitalised word like a surname; "A. Jansen" under a signature is a name."""
    doc = document_from_text(
        tmp_path,
        "Circulaire over grondaankopen\n\nA. Inleiding\n\nHet is mij gebleken dat de regels onduidelijk zijn.\n\n"
        "B. Grondaankopen\n\nEen instelling koopt grond voor woningbouw binnen vijf jaar.\n\n"
        "C. Slot\n\nDeze circulaire wordt in de Staatscourant geplaatst.\n\nDe Minister,\n\nA. Jansen\n",
    )
    assert {"A", "B", "C"} <= set(labels(doc)), labels(doc)
    assert "vijf jaar" in clause(doc, "B") and "Jansen" not in " ".join(labels(doc))


def test_a_regulation_numbered_in_thousands_and_inserted_articles(tmp_path: Path) -> None:
    """ "Section 10330. Appeals." (a regulation's numbering, begun mid-way) and an article inserted
    as "Art 2bis" after "Artikel 2" are read as such; "Part 8 Procedure – N21 …", unpunctuated in
    the minutes' text, is no part."""
    regulation = document_from_text(
        tmp_path,
        "Section 10330.  Appeals.\n\nAn appeal must be filed within five days of the letter.\n\n"
        "Section 10335.  Fees and Performance Deposit.\n\nThe applicant pays a fee of $500.\n",
        "regulation.txt",
    )
    assert {"Section 10330", "Section 10335"} <= set(labels(regulation)), labels(regulation)
    assert "$500" in clause(regulation, "Section 10335")
    law = document_from_text(
        tmp_path,
        "Artikel 2\n\nDe huurcommissie beslist over de huurprijs.\n\nArt 2bis\n\n"
        "1. Het is verboden een hogere huur te vragen.\n2. De eilandsraad kan de percentages wijzigen.\n\n"
        "Artikel 3\n\nDe commissie behandelt de verzoeken.\n",
        "law.txt",
    )
    assert {"Artikel 2bis lid 1", "Artikel 2bis lid 2", "Artikel 3"} <= set(labels(law)), labels(law)
    minutes = document_from_text(
        tmp_path,
        "1. Roads\n\nTravel and Transportation:\nPart 8 Procedure – N21 Pavement Improvement Scheme 2014.\n"
        "The report was circulated and noted.\n\n2. Housing\n\nThe housing report was noted.\n",
        "minutes.txt",
    )
    assert "Part 8" not in " ".join(labels(minutes)), labels(minutes)


def test_bylaws_sections_are_named_by_their_article(tmp_path: Path) -> None:
    """Sections numbered again in each article sit in it and are cited with it; a regulation's
    "Section 1" over articles numbered through stays beside them."""
    bylaws = "Bylaws\n\nARTICLE I\n\nName\n\nSection 1. Name. The name is Example Housing, Inc.\n\n"
    bylaws += "Section 2. Office. The office is in Springfield.\n\nARTICLE II\n\nBoard\n\n"
    bylaws += "Section 1. Number. The Board has nine directors.\n\n"
    bylaws += "Section 2. Term. A director serves three years.\n\n(a) Directors may be reelected.\n\n"
    bylaws += "(b) A vacancy is filled by the Board.\n"
    doc = document_from_text(tmp_path, bylaws, "bylaws.txt")
    assert labels(doc) == [
        "Article I",
        "Article I Section 1",
        "Article I Section 2",
        "Article II",
        "Article II Section 1",
        "Article II Section 2",
        "Article II Section 2(a)",
        "Article II Section 2(b)",
    ]
    assert "nine directors" in clause(doc, "Article II Section 1")
    regulation = "Regulation\n\nSection 1\n\nGeneral\n\nArticle 1\n\nThis regulation applies to rent.\n\n"
    regulation += "Article 2\n\nRent is paid monthly.\n\nSection 2\n\nDeposits\n\nArticle 3\n\nA deposit is at most one month.\n"
    assert "Article 3" in labels(document_from_text(tmp_path, regulation, "regulation.txt"))


def test_a_code_excerpt_and_the_lists_under_its_numbered_sections(tmp_path: Path) -> None:
    """A code's excerpt starts at its subsection "(o)", an item's title may start with a figure
    ("(3) 40 percent limit"), and a list under section 4.2 is cited "4.2(3)"."""
    code = "## § 1437f. Housing assistance\n\n### (o) Voucher program\n\n(1) Authority\n\n"
    code += "The Secretary may provide assistance under section 1437f(c).\n\n(2) Amount\n\nThe payment is the rent less 30 percent.\n\n"
    code += "(3) 40 percent limit\n\nA family pays at most 40 percent of its income.\n"
    doc = document_from_text(tmp_path, code, "code.md")
    assert {"§ 1437f(o)", "§ 1437f(o)(1)", "§ 1437f(o)(3)"} <= set(labels(doc)), labels(doc)
    assert "at most 40 percent" in clause(doc, "§ 1437f(o)(3)")
    constitution = "Constitution\n\n4.2 Procedure\n\n1. Developers vote by email.\n\n"
    constitution += "2. Votes are counted by the Secretary.\n\n3. The voting period lasts two weeks.\n"
    doc = document_from_text(tmp_path, constitution, "constitution.md")
    assert clause(doc, "4.2(3)") == "The voting period lasts two weeks."


def test_a_clause_whose_first_part_follows_on_the_next_line(tmp_path: Path) -> None:
    """Text from a PDF: "1.1.1." on the line right after "1.1. General" is the clause's first
    part, not a wrapped line of its title."""
    text = "**The Tenant agrees that throughout the Term the Tenant will:**\n\n**1.1. General**\n"
    text += "1.1.1. Any obligation of the Tenant under this Agreement shall also require the Tenant\n"
    text += "not to permit any visitor to do that thing.\n\n1.1.2. Be liable for all the obligations.\n\n"
    text += "**1.2. Pay Interest**\n1.2.1. Interest is due on rent more than 14 days late, at 3% above\n"
    text += "the base rate.\n"
    doc = document_from_text(tmp_path, text, "tenancy.md")
    assert [label for label in labels(doc) if label.count(".") == 2] == ["1.1.1", "1.1.2", "1.2.1"]
    assert clause(doc, "1.2.1").startswith("Interest is due")


def test_a_contents_list_without_page_numbers_is_no_part(tmp_path: Path) -> None:
    """An index of titles ("2.2 Waiver of Partition") printed again over the parts further on:
    the parts are read once, from the body, and the index opens nothing (not "Exhibit D")."""
    contents = "INDEX\n\nI. DEFINITIONS\nII. THE PROPERTY\n2.1 Property Subject to Declaration\n"
    contents += "2.2 Waiver of Partition\n2.3 Common Area Ownership\n2.4 Restricted Common Area\n"
    contents += "III. ASSOCIATION\n3.1 The Organization\n3.2 Membership\n3.3 Voting Classes\n"
    contents += "ATTACHMENTS\nExhibit A - Legal Description\nExhibit D - The Plan\n\n"
    body = "DECLARATION\n\nARTICLE II\n\nTHE PROPERTY\n\n2.1 PROPERTY SUBJECT TO DECLARATION: All of the "
    body += "property is held subject to this declaration.\n\n2.2 WAIVER OF PARTITION: There shall be no "
    body += "judicial partition.\n\n2.3 COMMON AREA OWNERSHIP: Each unit holds one seventh.\n\n"
    body += "2.4 RESTRICTED COMMON AREA: Balconies are for the unit's use.\n\nARTICLE III\n\n"
    body += "ASSOCIATION\n\n3.1 THE ORGANIZATION: The Association is a non-profit.\n\n3.2 MEMBERSHIP: "
    body += "Each owner is a member.\n\n3.3 VOTING CLASSES: There are two classes of members.\n"
    doc = document_from_text(tmp_path, contents + body, "declaration.txt")
    found = labels(doc)
    assert found.count("2.2") == 1 and not any(label.startswith("Exhibit") for label in found), found
    assert clause(doc, "2.2").startswith("WAIVER OF PARTITION: There shall be")


def test_headings_set_in_from_a_text_flush_left_hold_their_paragraphs(tmp_path: Path) -> None:
    """A handbook whose headings are set in, deeper for each level, and whose paragraphs start at
    the margin: a paragraph belongs to the heading above it, not to that heading's parent."""
    text = "     1. Grievance Policy\n\nThis policy covers disputes between members of the co-op.\n\n"
    text += "         (a) Meetings\n\nA first meeting is held within fourteen days of the request.\n\n"
    text += "         (b) Mediation\n\nThe panel cannot impose a settlement on the members.\n"
    doc = document_from_text(tmp_path, text, "handbook.txt")
    assert "fourteen days" in clause(doc, "1(a)") and "cannot impose" in clause(doc, "1(b)")
    assert "fourteen days" not in clause(doc, "1")


def test_an_english_articles_paragraphs_are_cited_in_parentheses(tmp_path: Path) -> None:
    """EU law and English statutes cite "Article 57(1)", where Dutch law cites "Artikel 57 lid 1"."""
    text = "Regulation\n\nArticle 57\n\nSandboxes\n\n1. Member States shall ensure that a sandbox is "
    text += "operational within 24 months.\n\n2. Authorities shall report to the Board every year.\n\n"
    text += "Article 58\n\nRules\n\n1. The rules shall specify the eligibility criteria.\n"
    doc = document_from_text(tmp_path, text, "regulation.txt")
    assert {"Article 57(1)", "Article 57(2)", "Article 58(1)"} <= set(labels(doc)), labels(doc)
    assert "within 24 months" in clause(doc, "Article 57(1)")


def test_a_paragraph_under_a_heading_is_named_by_it_without_its_title_again(tmp_path: Path) -> None:
    """ "1.1.2 Afspraken" with "Afspraken" printed again over its paragraphs: they are cited as
    "1.1.2", not with the heading's title repeated as if it were a subheading of its own."""
    text = "1 Sociaal domein\n\n1.1 Langer zelfstandig wonen\n\n1.1.2 Afspraken\n\nAfspraken\n\n"
    text += "De woningcorporaties beschikken over 120 woningen.\n\nIn 2026 leveren zij een overzicht.\n"
    doc = document_from_text(tmp_path, text, "afspraken.txt")
    told = next(c for c in doc.clauses if "120 woningen" in c.text)
    assert told.label == "1.1.2", told.label


def test_a_statutes_section_number_opens_its_sentence_under_its_title(tmp_path: Path) -> None:
    """Canadian and British statutes print a section's title on its own line and its number
    before its first sentence ("15 A landlord must not …", "14 (1) A tenancy agreement …"): the
    title is the section's, the subsections are its parts. A number out of sequence, or one not
    under a title, starts nothing ("3 of them" in a sentence)."""
    text = (
        "Residential Tenancy Act\n\nFees prohibited\n\n1 A landlord must not charge a person for\n\n"
        "(a) accepting an application, or\n\n(b) processing the application.\n\n"
        "Changes to tenancy agreement\n\n2 (1) A tenancy agreement may not be amended to remove a "
        "standard term.\n\n(2) A term may be added if both parties agree in writing.\n\n"
        "Deposits\n\n7 A landlord may require a deposit of half a month's rent.\n"
    )
    doc = document_from_text(tmp_path, text, "tenancy-act.txt")
    assert labels(doc)[:6] == ["1", "1(a)", "1(b)", "2", "2(1)", "2(2)"], labels(doc)
    assert "Fees prohibited" in clause(doc, "1") and "must not charge" in clause(doc, "1")
    assert "both parties agree" in clause(doc, "2(2)") and "7" not in labels(doc)


def test_a_part_and_its_first_subpart_on_one_line_and_a_page_header(tmp_path: Path) -> None:
    """ "(b) (1) Procedure …" opens (b) and its (1); "Section 10 - 12" atop the next page (the
    section open, printed again as the page's header) starts nothing, so (a) stays its first part."""
    text = (
        "Regulations\n\nSection 10. Appeals.\n\fSection 10 - 12\n(a) Availability. An applicant may appeal.\n"
        "(1) a point score;\n(2) a disqualification.\n(b) (1) Procedure for appeals. An appeal is made "
        "within five days.\n(2) Procedure for fines. An appeal is made within fourteen days.\n"
        "Section 12. Fees.\n(a) Application fee. The fee is $1,500.\n"
    )
    doc = document_from_text(tmp_path, text, "regulations.txt")
    assert labels(doc) == [
        "Section 10", "Section 10(a)", "Section 10(a)(1)", "Section 10(a)(2)", "Section 10(b)",
        "Section 10(b)(1)", "Section 10(b)(2)", "Section 12", "Section 12(a)",
    ], labels(doc)  # fmt: skip
    assert "fourteen days" in clause(doc, "Section 10(b)(2)")


def test_a_town_codes_sections_and_their_lettered_subsections(tmp_path: Path) -> None:
    """US town codes number "§ 277-1", "§ 277-2" (chapter and section), OCR may print the sign as
    "¤", and their subsections are "A. Board established. …" with titles of their own; where the
    code cites them "§ 277-1C", so are they labelled. A contents list of the sections, titles
    only, opens nothing."""
    text = (
        "Chapter 277 Rent Control\n\n¤ 277-1.\n\nRent leveling board.\n\n¤ 277-2.\n\nRent control.\n\n"
        "¤ 277-1. Rent leveling board.\n\n"
        "A. Board established. The Board shall consist of five members.\n\n"
        "B. Powers. The Board may hold hearings:\n\n(1) on hardship increases;\n\n(2) on complaints.\n\n"
        "¤ 277-2. Rent control.\n\nA. Definitions. As used in this chapter, base rent is the rent paid.\n\n"
        "B. Rental increases. A landlord may increase the rent once a year.\n"
    )
    doc = document_from_text(tmp_path, text, "rent-control.txt")
    assert labels(doc)[-8:] == [
        "§ 277-1", "§ 277-1(A)", "§ 277-1(B)", "§ 277-1(B)(1)", "§ 277-1(B)(2)", "§ 277-2", "§ 277-2(A)",
        "§ 277-2(B)",
    ], labels(doc)  # fmt: skip
    assert "once a year" in clause(doc, "§ 277-2(B)") and labels(doc).count("§ 277-1") == 1
    cited = document_from_text(tmp_path, text + "\nAppeals are heard as § 277-1B provides.\n", "cited.txt")
    assert {"§ 277-1A", "§ 277-1B(2)", "§ 277-2B"} <= set(labels(cited)), labels(cited)


def test_annexes_that_number_their_articles_again_name_every_part(tmp_path: Path) -> None:
    """Two model contracts as annexes, each with its own Artikel 1 and 2 under a title of its own:
    every part of each is named by its annex, its leden too, so no label is cited twice."""
    contract = (
        "Stageovereenkomst\n\nArtikel 1\n\nDe stage duurt {n} maanden.\n\nArtikel 2\n\n"
        "1. De stagiair krijgt een vergoeding.\n\n2. De vergoeding wordt maandelijks betaald.\n\n"
    )
    text = (
        "Circulaire stages\n\nArtikel 1\n\nDeze circulaire geldt voor alle ministeries.\n\n"
        f"Bijlage 1\n\n{contract.format(n=3)}Bijlage 2\n\n{contract.format(n=6)}"
    )
    doc = document_from_text(tmp_path, text, "circulaire.txt")
    found = labels(doc)
    assert "Bijlage 2 Artikel 2 lid 2" in found and "Bijlage 1 Artikel 2 lid 1" in found, found
    assert len(found) == len(set(found)), found
    assert "6 maanden" in clause(doc, "Bijlage 2 Artikel 1")


def test_clauses_numbered_by_part_letter_and_number(tmp_path: Path) -> None:
    """"A1. Occupation", "B10. No assigning": a tenancy's clauses numbered within lettered parts,
    each a clause of its own with its lettered items; "A4 formaat" in a sentence opens nothing."""
    text = (
        "Standard Letting Terms\n\nA. Landlord's Obligations\n\nA1. Occupation\n\nThe Landlord gives the "
        "Tenant occupation of the Property.\n\nA2. Main Repairs\n\nThe Landlord will maintain:\n\n"
        "(a) the outside of the Property,\n\n(b) the main structure.\n\nB. Tenant's Obligations\n\n"
        "B1. Rent\n\nThe Tenant pays the rent monthly, printed on A4 paper.\n\nB2. Keys\n\n"
        "The Tenant returns all keys at the end of the tenancy.\n"
    )
    doc = document_from_text(tmp_path, text, "letting-terms.txt")
    assert {"A1", "A2", "A2(a)", "A2(b)", "B1", "B2"} <= set(labels(doc)), labels(doc)
    assert "all keys" in clause(doc, "B2")


def test_aanwijzingen_rules_and_regulations_are_articles(tmp_path: Path) -> None:
    """"Aanwijzing 4" of the Aanwijzingen voor convenanten, a UK statutory instrument's
    "Regulation 3" and a rule book's "Rule 2" are cited as articles are, with their paragraphs."""
    text = (
        "Aanwijzingen voor convenanten\n\nAanwijzing 4\n\n1. Een convenant wordt niet gebruikt om "
        "EG-besluiten te implementeren.\n\n2. Bij de totstandkoming wordt de minister betrokken.\n\n"
        "Aanwijzing 5\n\nConvenanten worden gesloten door bevoegde partijen.\n"
    )
    doc = document_from_text(tmp_path, text, "aanwijzingen.txt")
    assert {"Aanwijzing 4", "Aanwijzing 4 lid 1", "Aanwijzing 4 lid 2", "Aanwijzing 5"} <= set(labels(doc))
    text = (
        "The Housing Regulations 2031\n\nRegulation 3. Deposits\n\n(1) A landlord must protect a deposit "
        "within 30 days.\n\n(2) The landlord must give the tenant the prescribed information.\n\n"
        "Regulation 4. Repairs\n\nThe landlord must keep the structure in repair.\n"
    )
    doc = document_from_text(tmp_path, text, "regulations.txt")
    assert {"Regulation 3", "Regulation 3(1)", "Regulation 3(2)", "Regulation 4"} <= set(labels(doc)), labels(doc)


def test_a_lettered_marker_alone_on_its_line_opens_the_text_below(tmp_path: Path) -> None:
    """A scan's layout may leave "(b)" on a line of its own, the item's text on the next: the
    marker opens the item all the same; a bare "a" alone stays text."""
    text = (
        "Resolution 12\n\nSection 1.\nRecitals and Findings. The Board finds:\n\n(a)\n\nStatutory "
        "Authorization. The Authority is a public body and may build housing.\n\n(b)\n\nThe Project. "
        "The Authority is redeveloping its park project.\n\n(c)\nStreet Vacation. The Authority will "
        "petition the City.\n\nSection 2.\nEffective Date. This resolution takes effect on adoption.\n"
    )
    doc = document_from_text(tmp_path, text, "resolution.txt")
    assert labels(doc) == ["Section 1", "Section 1(a)", "Section 1(b)", "Section 1(c)", "Section 2"], labels(doc)
    assert clause(doc, "Section 1(b)").startswith("The Project.")
    plain = text.replace("(a)", "a").replace("(b)", "b").replace("(c)", "c")
    assert labels(document_from_text(tmp_path, plain, "plain.txt")) == ["Section 1", "Section 2"]


def test_a_municipal_codes_sec_abbreviation_numbers_its_sections(tmp_path: Path) -> None:
    """ "## Sec. 856-11. Renewal." as municipal codes print their sections: Section 856-11, with
    its lettered subsections; "second" or "secure" opens nothing."""
    text = (
        "# Chapter 856: SHORT TERM RENTALS\n\n## Sec. 856-9. Conditions.\n\n(a) All information must be "
        "updated within ten days.\n\n(b) Listings must show the registration number.\n\n## Sec. 856-11. "
        "Renewal.\n\n(a) A registration may be renewed for three years.\n\nSecure storage of keys is "
        "advised.\n"
    )
    doc = document_from_text(tmp_path, text, "code.md")
    assert {"Section 856-9", "Section 856-9(a)", "Section 856-9(b)", "Section 856-11", "Section 856-11(a)"} <= set(
        labels(doc)
    ), labels(doc)
    assert "Secure storage" in clause(doc, "Section 856-11(a)")


def test_a_title_opening_with_a_figure_heads_the_clauses_below(tmp_path: Path) -> None:
    """ "**8 Week Rent Arrears**" between blank lines is a heading, though it opens with a figure
    (no clause 8 follows clause 6): the "1." below is its first clause, not the ventilation
    clause's."""
    text = (
        "# Tenancy terms\n\n**Fire Safety**\n\n1. The Tenant allows fire risk assessments.\n\n"
        "2. Not to block any ventilation ducts.\n\n**8 Week Rent Arrears**\n\n1. Should the rent fall more "
        "than 8 weeks in arrears the guarantor pays it.\n\n**Leaving Belongings**\n\n1. Belongings left "
        "behind are at the tenant's risk.\n"
    )
    doc = document_from_text(tmp_path, text, "terms.md")
    assert "8 Week Rent Arrears 1" in labels(doc), labels(doc)
    assert clause(doc, "8 Week Rent Arrears 1").startswith("Should the rent")
    ventilation = next(c.text for c in doc.clauses if "ventilation" in c.text)
    assert "Arrears" not in ventilation


def test_a_lone_article_over_a_signature_heads_nothing(tmp_path: Path) -> None:
    """ "De" on a line of its own, over "Staatssecretaris van …", begins a signature: no part is
    named "De"."""
    text = (
        "Circulaire huurbeleid\n\n1. Inleiding\n\nDe huurverhoging is per 1 juli bekend.\n\n2. Slot\n\n"
        "Deze circulaire wordt gepubliceerd in de Staatscourant.\n\nHoogachtend,\n\nDe\n"
        "Staatssecretaris van Volkshuisvesting,\nJ. Jansen\n"
    )
    doc = document_from_text(tmp_path, text, "circulaire.txt")
    assert not [c.label for c in doc.clauses if c.label.split()[-1] == "De"], [c.label for c in doc.clauses]


def test_an_item_knows_the_clause_it_is_part_of_and_its_printed_number(tmp_path: Path) -> None:
    """A lettered item records the clause whose lead-in lists it and its number as printed, so an
    answer can quote the list as the document prints it ("(a) Ship it …")."""
    text = (
        "Example Terms\n\n  2. Shipping.\n\n  You may ship the Program in one of these ways:\n\n"
        "    (a) Ship it on a disc, together with the source code on a second disc.\n\n"
        "    (b) Ship it with a written offer to send the source code for three years.\n"
    )
    doc = document_from_text(tmp_path, text)
    by_label = {c.label: c for c in doc.clauses}
    assert set(by_label) >= {"2", "2(a)", "2(b)"}, list(by_label)
    assert by_label["2(a)"].part_of == by_label["2(b)"].part_of == by_label["2"].id
    assert (by_label["2"].printed, by_label["2(a)"].printed, by_label["2(b)"].printed) == ("2.", "(a)", "(b)")
    assert by_label["2"].part_of == ""


def test_articles_numbered_with_a_letter_before_the_number(tmp_path: Path) -> None:
    """ "Artikel E4" (an annex's conditions lettered E, H, …) and "Artikel A 1" (the Kieswet's
    chapter letters) are articles, in sequence, with their leden; "Exhibit A" stays lettered."""
    text = "Regeling Voorbeeld\n\nBijlage 1\n\n"
    for n, title in enumerate(["Duur", "Gebruiksvergoeding", "Bestemming"], start=3):
        text += f"Artikel E{n} {title}\n\n1. De eerste regel over {title.lower()} geldt voor elk object.\n\n"
        text += f"2. De tweede regel over {title.lower()} geldt alleen in 2027.\n\n"
    text += "Artikel A 1 Begripsbepalingen\n\nIn deze regeling wordt verstaan onder object: een gebouw.\n"
    doc = document_from_text(tmp_path, text)
    found = labels(doc)
    for n in (3, 4, 5):
        assert {f"Artikel E{n}", f"Artikel E{n} lid 1", f"Artikel E{n} lid 2"} <= set(found), found
    assert "Artikel A 1" in found, found
    assert [m.printed for m in parse("Exhibit A")] == ["A"]


def test_a_list_counted_from_one_under_a_numbered_heading_is_named_by_it(tmp_path: Path) -> None:
    """A circular's "2 De proefprocedures" over "1. …", "2. …", "3. …": the items are "2(1)" …,
    so that the sections keep their own numbers ("1", "3") rather than sharing them with items."""
    text = (
        "Circulaire btw-constructies\n\n1\n\nAanleiding\n\nEen aantal instellingen vestigde een gebruiksrecht.\n\n"
        "2\n\nDe proefprocedures\n\nIn totaal zijn drie procedures gevoerd, over deze situaties:\n\n"
        "1. Een instelling die een constructie wilde realiseren, wat werd verboden.\n\n"
        "2. Een landelijk werkzame instelling die toestemming vroeg en niet kreeg.\n\n"
        "3. Een instelling die een constructie beëindigen moest na een aanwijzing.\n\n"
        "3\n\nGevolgen\n\nDe constructies schaden de volkshuisvesting ernstig.\n"
    )
    doc = document_from_text(tmp_path, text, name="circulaire.md")
    found = [c.label for c in doc.clauses]
    assert {"2(1)", "2(2)", "2(3)"} <= set(found), found
    assert next(c.text for c in doc.clauses if c.label == "3").startswith("Gevolgen"), found


def test_a_number_in_the_margin_read_after_its_paragraphs_first_line(tmp_path: Path) -> None:
    """A PDF's text may give "(a)", printed in the margin beside a paragraph's first line, after
    that line: it numbers the paragraph. "(b)" alone above its text opens it as before."""
    text = (
        "RESOLUTION NO. 12\n\nSection 1.\nFindings. The Board finds and determines:\n"
        "Statutory Authorization. The Authority is a public body of the State\n(a)\n"
        "of Oregon and may lease and operate housing projects in the county.\n\n(b)\n\n"
        "The Project. The Authority is redeveloping its Hillside Park project in two phases.\n\n"
        "Section 2.\nAuthorization. The Board authorizes the Director to sign the agreement.\n"
    )
    doc = document_from_text(tmp_path, text)
    by_label = {c.label: c for c in doc.clauses}
    assert {"Section 1(a)", "Section 1(b)"} <= set(by_label), list(by_label)
    assert by_label["Section 1(a)"].text.startswith("Statutory Authorization. The Authority")
    assert "of Oregon" in by_label["Section 1(a)"].text


def test_a_list_item_numbered_as_the_next_heading_printed_just_below_stays_in_the_list(
    tmp_path: Path,
) -> None:
    """ "5. Het toezicht …" ends the list under "4 Criteria" when "5 Verbindingen" is printed on
    the lines below it: the same number printed again is the heading."""
    text = "# Circulaire toezicht\n\n###4\n\n####Criteria\n\nBij de beoordeling gelden deze voorwaarden:\n\n"
    for n, item in enumerate(
        ["De prestaties van de instelling op de kerntaken dienen boven elke twijfel verheven te zijn.",
         "Niet alleen de financiële continuïteit van de instelling moet buiten twijfel staan.",
         "Beschikbaar gesteld kapitaal dient onder marktconforme voorwaarden te worden verstrekt.",
         "Nevenactiviteiten worden als belastingplichtige activiteiten aangemerkt door de fiscus.",
         "Het toezicht mag niet worden belemmerd."], start=1
    ):  # fmt: skip
        text += f"{n}.{item}\n\n" if n < 5 else f"{n}.{item}\n"
    text += "###5\n\n####Verbindingen\n\nEen verbinding moet noodzakelijk zijn voor de taken.\n"
    by_label = clause_texts(tmp_path, text, name="circulaire.md")
    assert by_label.get("4(5)", "").startswith("Het toezicht"), list(by_label)
    assert by_label.get("5", "").startswith("Verbindingen"), list(by_label)


def test_the_line_below_a_numbered_title_is_kept_when_the_title_does_not_wrap(tmp_path: Path) -> None:
    """ "1 RULES OF DEBATE" over "a. Motions …": the title ends on its line, and the line below is
    text, not lost as the title's second line."""
    text = (
        "# Standing orders\n\nAdopted 2020\n\n## 1 RULES OF DEBATE AT MEETINGS\n\n"
        "- a. Motions on the agenda shall be considered in order.\n- b. A motion shall not be progressed.\n\n"
        "## 2 DISORDERLY CONDUCT\n\n- a. No person shall behave improperly.\n- b. A person may be removed.\n"
    )
    doc = document_from_text(tmp_path, text, name="orders.md")
    text_read = " ".join(c.text for c in doc.clauses)
    assert "Motions on the agenda shall be considered in order." in text_read
    assert "No person shall behave improperly." in text_read


def test_a_title_ending_in_a_version_numbers_no_section(tmp_path: Path) -> None:
    """ "Creative Commons Naamsvermelding 3.0" over articles 1–3: the 3.0 is the licence's version,
    not a section that holds every article ("3.0(1)(a)")."""
    text = (
        "Creative Commons Naamsvermelding 3.0\n\nLicentie\n\nHet werk wordt ter beschikking gesteld.\n\n"
        "1. Definities\n\n    a. 'Werk' het auteursrechtelijk beschermde werk.\n\n"
        "    b. 'Maker' de persoon die het werk gemaakt heeft.\n\n"
        "2. Beperkingen. Niets in deze licentie beperkt de rechten van de gebruiker.\n\n"
        "3. Verlening. De licentiegever verleent de gebruiker een wereldwijde licentie.\n"
    )
    found = labels(document_from_text(tmp_path, text, "licentie.txt"))
    assert "2" in found and "3" in found, found
    assert not any(label.startswith("3.0") for label in found), found


def test_a_lower_case_letter_glued_to_its_text_opens_an_item() -> None:
    """ "b.De herziening …", "(a)The Rent …": the space after a lower-case item letter lost in a
    PDF's text; an initial before a name ("A.Jansen") or an abbreviation ("i.e.This") is none."""
    assert [(m.family, m.printed, m.rest) for m in parse("b.De herziening van de regeling")] == [
        ("lower", "b", "De herziening van de regeling")
    ]
    assert [(m.family, m.printed) for m in parse("(a)The Rent is in arrears")] == [("(lower)", "a")]
    assert parse("A.Jansen") == [] and parse("i.e.This is so") == []


def test_a_bills_sections_run_from_section_to_section_sign(tmp_path: Path) -> None:
    """A bill numbers its sections "Section 1.", then "§ 2.", "§ 3.": one sequence."""
    text = (
        "AN ACT to amend the property law\n\n"
        "Section 1. Section 711 of the property law is amended to read as follows:\n"
        "No tenant shall be removed except in a special proceeding.\n\n"
        "§ 2. Section 721 of the property law is amended to read as follows:\n"
        "The landlord may maintain the proceeding.\n\n"
        "§ 3. This act shall take effect on the first of February.\n"
    )
    labels = [c.label for c in document_from_text(tmp_path, text, name="bill.txt").clauses]
    assert {"Section 1", "§ 2", "§ 3"} <= set(labels), labels


def test_a_sections_subsections_at_the_top_are_cited_each_with_one_inserted_between(
    tmp_path: Path,
) -> None:
    """A code prints one section per page: its title, then "(a)", "(b)", "(b-1)" (inserted by an
    amendment) with their sentences; each is a subsection cited on its own, not the text of one
    preamble. A list its lead-in opens ("… in one of these ways:") stays in that text."""
    text = (
        "Security deposits.\n\n"
        "(a) A landlord may require a security deposit of no more than one month's rent.\n\n"
        "(b) The deposit shall be returned within 45 days after the tenancy ends.\n\n"
        "(b-1) (1) A landlord who keeps part of the deposit shall give the tenant a list.\n\n"
        "(2) The list shall be sent by first class mail.\n\n"
        "(c) This section applies to every residential lease.\n"
    )
    texts = clause_texts(tmp_path, text, "code.txt")
    assert texts["b"].startswith("The deposit shall be returned"), texts
    assert texts["b-1(1)"].startswith("A landlord who keeps part") and texts["b-1(2)"].startswith("The list")
    assert texts["c"].startswith("This section applies"), texts
    assert [(m.printed, m.value) for m in parse("(b-1) text")] == [("b-1", Ordinal(2, "-1"))]
    listed = (
        "Notices.\n\nThe landlord gives notice in one of these ways, as (a) and (b) below say:\n\n"
        "(a) By hand to the tenant.\n\n(b) By mail to the unit.\n"
    )
    assert list(clause_texts(tmp_path, listed, "notices.txt")) == ["preamble"]
