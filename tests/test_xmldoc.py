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
