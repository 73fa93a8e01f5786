"""XML: a ruling as rechtspraak.nl's open data gives it, a law as wetten.overheid.nl does."""

from __future__ import annotations

from pathlib import Path

from ingest.xmldoc import is_xml, xml_text
from tests.conftest import document_from_text

RULING = """<?xml version="1.0" encoding="UTF-8"?>
<open-rechtspraak>
  <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dcterms="http://purl.org/dc/terms/">
    <rdf:Description>
      <dcterms:identifier>ECLI:NL:XX:2031:1</dcterms:identifier>
      <dcterms:title>ECLI:NL:XX:2031:1 Rechtbank Voorbeeldstad, 01-02-2031</dcterms:title>
    </rdf:Description>
  </rdf:RDF>
  <uitspraak id="ECLI:NL:XX:2031:1:DOC">
    <para>RECHTBANK VOORBEELDSTAD</para>
    <para><potentialnr>1. </potentialnr><text>   Procesverloop</text></para>
    <para>Eiser heeft op 3 januari 2031 beroep ingesteld.</para>
    <para><potentialnr>2. </potentialnr><text>   Overwegingen</text></para>
    <para><nr>2.1.</nr> De huurder moet binnen <emphasis>zes weken</emphasis> bezwaar maken.</para>
    <para><nr>2.2.</nr> De verhuurder betaalt de griffierechten.</para>
    <para><potentialnr>3. </potentialnr><text>   Beslissing</text></para>
    <para>De rechtbank:</para>
    <para>I. verklaart het beroep gegrond;</para>
    <para>II. veroordeelt de verhuurder in de proceskosten tot een bedrag van € 500;</para>
  </uitspraak>
</open-rechtspraak>
"""

LAW = """<?xml version="1.0" encoding="UTF-8"?>
<wetgeving><meta-data><brondata>BWBR0000000</brondata></meta-data>
<artikel><kop><label>Artikel</label><nr>1</nr><titel>Begripsbepalingen</titel></kop>
<lid><lidnr>1</lidnr><al>In deze wet wordt verstaan onder huurder: wie een woning huurt.</al></lid>
<lid><lidnr>2</lidnr><al>Onder verhuurder wordt verstaan: wie een woning verhuurt.</al></lid></artikel>
<artikel><kop><label>Artikel</label><nr>2</nr></kop><al>De verhuurder onderhoudt de woning.</al></artikel>
</wetgeving>
"""


def test_xml_is_known_by_its_name_or_its_declaration() -> None:
    assert is_xml("uitspraak.xml", "<a/>") and is_xml("uitspraak.txt", RULING)
    assert not is_xml("notes.txt", "Een tekst over <xml>.") and not is_xml("page.html", RULING)


def test_metadata_is_dropped_but_its_title_and_block_elements_are_lines() -> None:
    marked = "<?xml version='1.0'?><!-- a note --><doc><para><![CDATA[Artikel 5 De huur]]></para></doc>"
    assert xml_text(marked) == "Artikel 5 De huur\n"  # CDATA is text, a comment is not
    text = xml_text(RULING)
    assert text.startswith("ECLI:NL:XX:2031:1 Rechtbank Voorbeeldstad")
    assert "1. Procesverloop" in text.split("\n\n") and "rdf" not in text.lower()
    assert "2.1. De huurder moet binnen zes weken bezwaar maken." in text.split("\n\n")


def test_a_rulings_considerations_and_decisions_and_a_laws_articles_are_clauses(tmp_path: Path) -> None:
    ruling = document_from_text(tmp_path, RULING, "uitspraak.xml")
    labels = [c.label for c in ruling.clauses]
    assert {"1", "2", "2.1", "2.2", "3"} <= set(labels), labels
    assert "zes weken" in next(c.text for c in ruling.clauses if c.label == "2.1")
    assert ruling.title.startswith("ECLI:NL:XX:2031:1")
    # the decision's parts are cited each ("3 onder II"), not folded into "3. Beslissing"
    assert "€ 500" in next(c.text for c in ruling.clauses if c.label == "3(II)")
    law = document_from_text(tmp_path, LAW, "wet.xml")
    texts = {c.label: c.text for c in law.clauses}
    assert "wie een woning verhuurt" in texts["Artikel 1 lid 2"] and "onderhoudt" in texts["Artikel 2"], texts


CODE_SECTION = """<?xml version='1.0' encoding='utf-8'?>
<section xmlns="https://example.org/code"><num>1-101</num><heading>Evictions.</heading>
<para><num>(a)</num><text>No tenant shall be evicted from a rental unit.</text></para>
<para><num>(b)</num>
  <para><num>(1)</num>
    <para><num>(A)</num><text>A housing provider may recover possession to renovate.</text></para>
    <para><num>(B)</num><text>The plans shall be filed with the Rent Administrator.</text></para>
  </para>
  <para><num>(2)</num><text>The tenant may return after the renovation.</text></para>
</para>
</section>
"""


def test_the_numbers_of_levels_that_open_together_number_one_line(tmp_path: Path) -> None:
    """A code's XML gives each level its number as an element, and a level whose text is its
    subparts holds only that number: "(b)", "(1)" and "(A)" number the first text below them
    together, as the code prints (and cites) it: "§ 1-101(b)(1)(A)", the section's bare number
    read with its sign."""
    assert "(b) (1) (A) A housing provider may recover possession to renovate." in xml_text(CODE_SECTION)
    assert xml_text(CODE_SECTION).startswith("§ 1-101 Evictions.")
    texts = {c.label: c.text for c in document_from_text(tmp_path, CODE_SECTION, "code.xml").clauses}
    assert texts["§ 1-101(a)"].startswith("No tenant"), texts
    assert texts["§ 1-101(b)(1)(A)"].startswith("A housing provider"), texts
    assert texts["§ 1-101(b)(1)(B)"].startswith("The plans"), texts
    assert texts["§ 1-101(b)(2)"].startswith("The tenant may return"), texts
