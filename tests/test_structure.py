"""Structure of the shipped corpus PDFs: labels, pages, footnotes and parties. The grammar itself
is tested on text written for the purpose in tests/test_numbering.py and tests/test_zoo.py."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from ingest.read import read_file
from ingest.structure import parse_document
from ingest.types import Document
from tests.conftest import CORPUS, clause_texts, document_from_text


@cache
def document(name: str) -> Document:
    path = CORPUS / name
    return parse_document(read_file(path), path)


def labels(doc: Document, kind: str = "afspraak") -> list[str]:
    return [c.label for c in doc.clauses if c.kind == kind]


def test_zoetermeer_afspraken_numbered_through() -> None:
    doc = document("zoetermeer-2019.pdf")
    assert labels(doc) == [f"afspraak {n}" for n in range(1, 27)]


def test_tynaarlo_afspraken_numbered_through() -> None:
    doc = document("tynaarlo-2023.pdf")
    numbered = [label for label in labels(doc) if label.startswith("afspraak ")]
    assert numbered == [f"afspraak {n}" for n in range(1, 44)]


def test_pages_of_afspraken_in_the_pdf() -> None:
    doc = document("zoetermeer-2019.pdf")
    by_label = {c.label: c for c in doc.clauses}
    # Read off the PDF: afspraak 1 starts on page 2, 12 on page 6, 23 on page 10.
    assert by_label["afspraak 1"].first_page == 2
    assert by_label["afspraak 12"].first_page == 6
    assert by_label["afspraak 23"].first_page == 10
    assert by_label["afspraak 12"].text.startswith("De corporaties stimuleren de doorstroming")


def test_lettered_items_stay_inside_their_clause() -> None:
    doc = document("leidschendam-voorburg-2026-2029.pdf")
    clause = next(c for c in doc.clauses if c.label == "1.3.2 afspraak 30")
    assert "a. Wanneer een herijking" in clause.text and "d. Partijen bieden" in clause.text


def test_leidschendam_numbers_follow_sections_and_ocr_gaps() -> None:
    doc = document("leidschendam-voorburg-2026-2029.pdf")
    by_label = {c.label: c for c in doc.clauses}
    assert by_label["1.1.2 afspraak 1"].text.startswith("Partijen ontwikkelen gezamenlijk")
    assert by_label["1.2.2 afspraak 10"].text.startswith("Partijen werken optimaal samen")
    # OCR printed "27." … "32." apart from their texts; they are paired up again.
    assert by_label["1.3.2 afspraak 29"].text.startswith("Indien de huisvesting van meerdere statushouders")
    assert by_label["1.3.2 afspraak 32"].text.startswith("Vidomes en de gemeente verkennen")
    assert by_label["2.2.2 afspraak 8"].text.startswith("De gemeente en de woningcorporaties werken samen")
    # Unnumbered paragraphs after a lost number are clauses of their section, not of afspraak 2.
    assert "scootmobielstallingen" not in by_label["1.1.2 afspraak 2"].text


def test_westervoort_restarts_per_corporation() -> None:
    doc = document("westervoort-2022.pdf")
    assert labels(doc) == [
        *(f"Vivare {n}" for n in range(1, 8)),
        "Plavei 1",
        "Plavei 2",
        *(f"Woonzorg Nederland {n}" for n in range(1, 4)),
    ]


def test_footnotes_are_clauses_linked_to_their_referrer() -> None:
    doc = document("zoetermeer-2019.pdf")
    footnotes = {c.label: c for c in doc.clauses if c.kind == "footnote"}
    assert sorted(footnotes, key=lambda s: int(s.split()[1])) == [f"voetnoot {n}" for n in range(1, 8)]
    assert footnotes["voetnoot 4"].text.startswith("Huurwoningen met een huur onder de huurprijsgrens")
    assert footnotes["voetnoot 4"].parent == "afspraak 5"
    afspraak_5 = next(c for c in doc.clauses if c.label == "afspraak 5")
    assert "voetnoot 4" in afspraak_5.footnotes


def test_report_footnotes_with_superscripts_on_their_own_line() -> None:
    """The audit report sets its note markers on lines of their own and lists some notes out of
    order (27, 28, 26, 29); its notes must still be found, not read as chapters ("31 De Goede …")."""
    doc = document("zoetermeer-rekenkamer-2017.pdf")
    numbers = {int(label.split()[1]) for label in labels(doc, "footnote")}
    assert set(range(1, 27)) <= numbers and {30, 31, 32, 38, 39, 40} <= numbers
    notes = {c.label: c.text for c in doc.clauses if c.kind == "footnote"}
    assert notes["voetnoot 11"].startswith("De termijn waarbinnen een geschil kan ontstaan")
    assert notes["voetnoot 31"] == "De Goede Woning en Vidomes"
    assert not any(c.section_path and c.section_path[0].startswith("31 ") for c in doc.clauses)


def test_report_sections_are_clauses() -> None:
    doc = document("zoetermeer-rekenkamer-2017.pdf")
    assert any(c.label == "3.1.2" for c in doc.clauses)  # printed without "§"
    assert doc.municipality == "Zoetermeer"


def test_running_headers_and_page_footers_are_dropped() -> None:
    doc = document("zoetermeer-2019.pdf")
    joined = " ".join(c.text for c in doc.clauses)
    assert not re.search(r"Pagina \d+ van \d+", joined)
    assert "Zoetermeer 2019 Pagina" not in joined


def test_metadata_read_from_the_documents() -> None:
    lv = document("leidschendam-voorburg-2026-2029.pdf")
    assert (lv.municipality, lv.period) == ("Leidschendam-Voorburg", "2026-2029")
    ty = document("tynaarlo-2023.pdf")
    assert (ty.municipality, ty.period) == ("Tynaarlo", "2023")
    wv = document("westervoort-2022.pdf")
    assert (wv.municipality, wv.period) == ("Westervoort", "2022")


def test_parties_and_aliases_resolved() -> None:
    zt = document("zoetermeer-2019.pdf")
    assert {"Vestia", "Vidomes", "De Goede Woning"} <= set(zt.parties)
    aliases = dict(zt.party_aliases)
    assert aliases.get("DGW") == "De Goede Woning"
    afspraak_3 = next(c for c in zt.clauses if c.label == "afspraak 3")
    assert "De Goede Woning" in afspraak_3.parties  # written there as "DGW"
    lv = document("leidschendam-voorburg-2026-2029.pdf")
    assert "WoonInvest" in lv.parties  # printed by OCR as "WoonlInvest" and "Woonlnvest"
    assert not any("lnvest" in p or "lInvest" in p for p in lv.parties)
    ty = document("tynaarlo-2023.pdf")
    assert {"Woonborg", "Gemeente Tynaarlo"} <= set(ty.parties)
    assert any(alias == "SEW" for alias, _ in ty.party_aliases)
    assert not any(re.search(r"\d", p) for p in ty.parties)


def test_every_clause_carries_its_context() -> None:
    doc = document("tynaarlo-2023.pdf")
    for clause in doc.clauses:
        assert clause.doc_id == "tynaarlo-2023" and clause.source == "tynaarlo-2023.pdf"
        assert clause.pages and clause.text and clause.label
        assert clause.municipality == "Tynaarlo"
    afspraak_28 = next(c for c in doc.clauses if c.label == "afspraak 28")
    assert "Woonborg" in afspraak_28.parties
    assert afspraak_28.section_path[0].startswith("4 ")


def test_an_articles_first_numbered_part_right_below_its_title_is_a_part(tmp_path: Path) -> None:
    """ "6.1 Nadat …" on the line right after "Artikel 6. Meldplicht datalekken" is the article's
    first part, as "6.2" is its second: not words of the article's title."""
    text = (
        "Verwerkersovereenkomst\n\n"
        "Artikel 5. Beveiliging\n5.1. Verwerker neemt passende maatregelen tegen verlies van gegevens.\n"
        "5.2. Deze maatregelen zijn afgestemd op de stand van de techniek.\n\n"
        "Artikel 6. Meldplicht datalekken\n6.1. Verwerker meldt een datalek binnen 36 uur.\n"
        "6.2. Verwerker verleent medewerking aan het onderzoek.\n"
    )
    by_label = clause_texts(tmp_path, text)
    assert by_label.get("6.1", "").startswith("Verwerker meldt een datalek"), list(by_label)
    assert "36 uur" not in by_label.get("Artikel 6", ""), by_label.get("Artikel 6")


def test_the_number_after_a_sections_decimal_parts_is_the_next_section(tmp_path: Path) -> None:
    """ "12. In this agreement:" after 11.2 is section 12, not an item of 11.2, though it reads as
    a sentence (a list under 11.2 would start at 1); and "4.1. By the Developer." stays part of
    section 4, whose caption ("Warranties; Liability; Indemnification.") is no title."""
    text = (
        "Room Agreement\n\n"
        "11. Definitions\n\n11.1. Room means the room let.\n\n11.2. Utilities means gas and water.\n\n"
        "12. In this agreement:\n\n12.1. The words include are followed by without limitation.\n\n"
        "13. Warranties; Liability; Indemnification.\n\n"
        "13.1. By the Developer. The Developer warrants that the work is its own.\n\n"
        "13.2. Disclaimer. The work comes as it is.\n"
    )
    clauses = document_from_text(tmp_path, text).clauses
    sections = {c.label: c.section.split(" ")[0] for c in clauses}
    assert sections == {"11": "", "11.1": "11", "11.2": "11", "12": "", "12.1": "12", "13": "", "13.1": "13",
                        "13.2": "13"}, sections  # fmt: skip


def test_a_caption_and_the_first_subpart_on_one_line(tmp_path: Path) -> None:
    """ "(b) Termination of tenancy - (1) Procedures. …", as federal rules print their paragraphs:
    (l) is captioned, (1) its first subpart, so that "(2)" on the next line is (l)(2); "(3) Notice.
    (i) …" opens (3)(i), the Roman one."""
    text = (
        "§ 966.4 Lease requirements.\n\n"
        "(a) Notice procedures. The lease shall provide procedures for notices.\n\n"
        "(b) Termination of tenancy - (1) Procedures. The lease shall state the procedures.\n\n"
        "(2) Grounds. The PHA may terminate the tenancy only for serious violations.\n\n"
        "(3) Lease termination notice. (i) The PHA must give written notice of 14 days.\n\n"
        "(ii) The notice shall state the reasons for the termination.\n\n"
        "(c) Right to examine documents. The tenant may examine the documents.\n"
    )
    by_label = clause_texts(tmp_path, text, name="rule.txt")
    assert by_label.get("§ 966.4(b)(2)", "").startswith("Grounds"), list(by_label)
    assert by_label.get("§ 966.4(b)(3)(i)", "").startswith("The PHA must give"), list(by_label)
    assert by_label.get("§ 966.4(b)(3)(ii)", "").startswith("The notice shall"), list(by_label)


def test_an_unnumbered_annex_that_numbers_its_articles_again_names_them_all(tmp_path: Path) -> None:
    """ "Bijlage" (no number) with Artikel 1 and 2 of its own: each of its parts is named by the
    annex ("Bijlage Artikel 1 lid 2"), also a lid the body does not have; the body's stand alone."""
    text = (
        "Regeling cliëntenraad\n\nArtikel 1\n\nDe cliëntenraad adviseert de directie.\n\n"
        "Artikel 2\n\n1. De raad vergadert vier keer per jaar.\n\n2. De vergaderingen zijn openbaar.\n\n"
        "Bijlage\n\nArtikel 1\n\n1. De organisatie vergoedt de reiskosten.\n\n"
        "2. De vergoeding wordt per maand betaald.\n\n"
        "Artikel 2\n\n1. Declaraties worden binnen vijf dagen ingediend.\n"
    )
    labels = [c.label for c in document_from_text(tmp_path, text).clauses]
    assert {"Artikel 2 lid 1", "Bijlage Artikel 1 lid 1", "Bijlage Artikel 1 lid 2"} <= set(labels), labels
    assert "Bijlage Artikel 2 lid 1" in labels and "Artikel 1 lid 2" not in labels, labels


def test_a_captioned_first_subpart_opens_its_own_first_subpart(tmp_path: Path) -> None:
    """ "(a) Payments - (1) Tenant rent. (i) The tenant shall pay …": (a)(1) is captioned too,
    and its (i) opens, so that "(ii)" on the next line is (a)(1)(ii)."""
    text = (
        "§ 966.4 Lease requirements.\n\n"
        "(a) Payments due under the lease - (1) Tenant rent. (i) The tenant shall pay the monthly rent.\n\n"
        "(ii) The lease shall specify the initial amount of the rent.\n\n"
        "(2) PHA charges. The lease shall provide for charges for repairs.\n\n"
        "(b) Redetermination of rent. The lease shall provide for redetermination of rent.\n"
    )
    by_label = clause_texts(tmp_path, text, name="rule.txt")
    assert by_label.get("§ 966.4(a)(1)(i)", "").startswith("The tenant shall pay"), list(by_label)
    assert by_label.get("§ 966.4(a)(1)(ii)", "").startswith("The lease shall specify"), list(by_label)


def test_a_title_over_a_list_opens_the_list(tmp_path: Path) -> None:
    """ "2.1 Copyright License" with "(a) You retain …" on the next line, no blank line between: a
    title over the list, whose items are 2.1(a) and 2.1(b), not words of 2.1's text."""
    text = (
        "Test Agreement\n\n1. Definitions\n\nWords mean what they say.\n\n2. Grant of Rights\n\n"
        "2.1 Copyright License\n(a) You retain ownership of the copyright in Your Contribution.\n"
        "(b) You grant to Us a perpetual licence.\n\n2.2 Patent License\nYou grant a patent licence.\n"
    )
    by_label = clause_texts(tmp_path, text, name="cla.txt")
    assert by_label.get("2.1(a)", "").startswith("You retain ownership"), list(by_label)
    assert by_label.get("2.1(b)", "").startswith("You grant to Us"), list(by_label)


def test_a_town_codes_sections_number_after_their_chapter(tmp_path: Path) -> None:
    """ "1340.01" and "1340.02": a code's sections, numbered after a chapter of four digits; a year
    before a decimal ("2024.01") numbers nothing."""
    text = (
        "Chapter 1340 Maintenance of Structures\n\n1340.01 Purpose\n\n"
        "(a) The purpose is to protect the public health.\n\n(b) These provisions supplement all others.\n\n"
        "1340.02 Notices\n\nThe Officer shall serve a notice on the owner.\n\n"
        "2024.01 Annual review of this chapter.\n"
    )
    by_label = clause_texts(tmp_path, text, name="code.txt")
    assert by_label.get("1340.01(b)", "").startswith("These provisions"), list(by_label)
    assert "The Officer shall serve" in by_label.get("1340.02", ""), list(by_label)
    assert not any(label.startswith("2024") for label in by_label)


def test_the_numbered_paragraphs_of_a_section_sign_are_cited_each(tmp_path: Path) -> None:
    """ "§ 2 Registration" over "(1) …" and "(2) …", as terms and statutes print them: each
    paragraph is "§ 2(1)", "§ 2(2)", as a reader cites it, not one clause "§ 2"."""
    text = (
        "Terms of Use\n\n"
        "§ 1 Scope\n\n"
        "(1) These terms apply to every member of the association.\n\n"
        "(2) Members accept them when they register.\n\n"
        "§ 2 Registration\n\n"
        "(1) A member registers with a valid e-mail address.\n\n"
        "(2) The association may refuse a registration without giving reasons.\n"
    )
    by_label = clause_texts(tmp_path, text, name="terms.txt")
    assert by_label.get("§ 2(1)", "").startswith("A member registers"), list(by_label)
    assert by_label.get("§ 2(2)", "").startswith("The association may refuse"), list(by_label)


def test_clauses_numbered_again_in_each_lettered_section_are_named_by_it(tmp_path: Path) -> None:
    """ "Section A" and "Section B" each number their clauses from 1.1, as model tenancies do (and
    cite "clause B2.2"): every clause under them is named by its section, not only the repeats."""
    text = (
        "Model Tenancy Agreement\n\n"
        "Section A: Definitions\n\n1 Definitions\n\n1.1 The Landlord means the owner of the Property.\n\n"
        "1.2 The Tenant means the person renting the Property.\n\n"
        "Section B: Main terms\n\n1 The parties\n\n1.1 This is an agreement for a fixed term.\n\n"
        "2 Other occupiers\n\n2.1 The Tenant's children may live at the Property.\n\n"
        "2.2 The Tenant must not allow other adults to live at the Property without consent.\n"
    )
    by_label = clause_texts(tmp_path, text, name="tenancy.txt")
    assert by_label.get("Section B 2.2", "").startswith("The Tenant must not allow"), list(by_label)
    assert by_label.get("Section A 1.1", "").startswith("The Landlord means"), list(by_label)
    assert by_label.get("Section B 1.1", "").startswith("This is an agreement"), list(by_label)
