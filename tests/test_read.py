"""Reading files: clean lines, encodings, and a clear one-line error for every kind of bad input."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from ingest.errors import EmptyFile, EncryptedPdf, NoTextLayer, TooLarge, UnreadableFile, UnsupportedType
from ingest.pipeline import collect_files, read_documents
from ingest.read import clean_pages, read_file
from tests.conftest import CORPUS, clause_texts, document_from_text

SAMPLE_PDF = CORPUS / "westervoort-2022.pdf"


def write_pdf(path: Path, writer: PdfWriter) -> Path:
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "leeg.txt"
    path.write_bytes(b"")
    with pytest.raises(EmptyFile, match=r"leeg\.txt: the file is empty"):
        read_file(path)


def test_corrupt_pdf(tmp_path: Path) -> None:
    path = tmp_path / "kapot.pdf"
    path.write_bytes(SAMPLE_PDF.read_bytes()[:2000])
    with pytest.raises(UnreadableFile, match=r"kapot\.pdf: not a readable PDF"):
        read_file(path)


def test_random_bytes_named_pdf(tmp_path: Path) -> None:
    path = tmp_path / "ruis.pdf"
    path.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(UnreadableFile, match=r"ruis\.pdf"):
        read_file(path)


def test_encrypted_pdf(tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=PdfReader(SAMPLE_PDF))
    writer.encrypt(user_password="geheim", owner_password="geheim")
    path = write_pdf(tmp_path / "beveiligd.pdf", writer)
    with pytest.raises(EncryptedPdf, match=r"beveiligd\.pdf: the PDF is encrypted"):
        read_file(path)


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    writer = PdfWriter()
    for _ in range(3):
        writer.add_blank_page(595, 842)
    path = write_pdf(tmp_path / "scan.pdf", writer)
    with pytest.raises(NoTextLayer, match="no text layer, and no page image to read by OCR"):
        read_file(path)


def test_two_thousand_pages_refused_clearly(tmp_path: Path) -> None:
    writer = PdfWriter()
    for _ in range(2000):
        writer.add_blank_page(595, 842)
    path = write_pdf(tmp_path / "bundel.pdf", writer)
    with pytest.raises(TooLarge, match=r"2,000 pages is over the limit of 1,500 pages"):
        read_file(path)


def test_unsupported_type(tmp_path: Path) -> None:
    path = tmp_path / "notulen.docx"
    path.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(UnsupportedType, match=r"unsupported file type \.docx"):
        read_file(path)


def test_restructured_text_is_read_as_text(tmp_path: Path) -> None:
    """A contributor agreement in reStructuredText: its sections numbered under "----" rules."""
    clauses = document_from_text(
        tmp_path,
        "Contributor Agreement\n=====================\n\n1.\tDefinitions\n--------------\n\n"
        "**You** means the person who signs this agreement.\n\n2.\tCopyrights\n-------------\n\n"
        "You grant a licence to copy Your Contributions.\n",
        "cla.rst",
    ).clauses
    assert [c.label for c in clauses if c.label in ("1", "2")] == ["1", "2"]
    assert "licence to copy" in next(c.text for c in clauses if c.label == "2")


HTML_PAGE = """<!DOCTYPE html><html><head><title>Regeling</title><style>p { color: red }</style></head>
<body><nav><a href="/">Home</a> | <a href="/contact">Contact</a></nav>
<h1>Huurreglement Voorbeeldstad</h1>
<h2>Artikel 1 Aanvraag</h2>
<p>Een aanvraag wordt
   schriftelijk ingediend bij de
   verhuurder.</p>
<h2>Artikel 2 Termijnen</h2>
<ol><li>De verhuurder beslist binnen acht weken.</li>
<li>De termijn kan eenmaal met vier weken worden verlengd.</li></ol>
<script>var tracking = "niet lezen";</script>
</body></html>"""


@pytest.mark.parametrize("name", ["regeling.html", "regeling.htm", "regeling.txt"])
def test_html_is_read_as_the_text_a_browser_shows(tmp_path: Path, name: str) -> None:
    """A web page (or one saved as .txt): its headings, its ordered list numbered as shown, the line
    breaks inside a paragraph as spaces, and no navigation, styles or scripts."""
    clauses = document_from_text(tmp_path, HTML_PAGE, name).clauses
    labels = [c.label for c in clauses if c.kind != "paragraph"]
    assert labels == ["Artikel 1", "Artikel 2", "Artikel 2 lid 1", "Artikel 2 lid 2"]
    text = " ".join(c.text for c in clauses)
    assert "Een aanvraag wordt schriftelijk ingediend bij de verhuurder." in text
    assert next(c.text for c in clauses if c.label == "Artikel 2 lid 2").startswith("De termijn kan eenmaal")
    assert not any(word in text for word in ("tracking", "color", "Contact", "<"))


STANDING_ORDERS_PAGE = """<html><body><h1>Standing orders</h1><p>Adopted by council in 2020.</p>
<h2>1 RULES OF DEBATE AT MEETINGS</h2>
<ol type="a"><li>Motions on the agenda shall be considered in the order that they appear.</li>
<li>A motion shall not be progressed unless it has been moved and seconded.</li>
<li>A motion not moved by its proposer may be treated as withdrawn, see standing order 1(b).</li></ol>
<h2>2 DISORDERLY CONDUCT AT MEETINGS</h2>
<ol type="i"><li>No person shall obstruct the transaction of business at a meeting.</li>
<li>A person who disregards the chairman's request may be asked to leave.</li></ol>
</body></html>"""


def test_a_pages_lettered_list_is_cited_by_its_letters(tmp_path: Path) -> None:
    """`<ol type="a">` shows "a.", "b." and `<ol type="i">` "i.", "ii.": the items are cited as the
    page shows them ("1(b)", as the page itself cites "standing order 1(b)"), and the first item
    under a numbered title is not lost."""
    by_label = clause_texts(tmp_path, STANDING_ORDERS_PAGE, "orders.html")
    assert by_label.get("1(a)", "").startswith("Motions on the agenda"), list(by_label)
    assert by_label.get("1(b)", "").startswith("A motion shall not be progressed"), list(by_label)
    assert by_label.get("2(ii)", "").startswith("A person who disregards"), list(by_label)


REGULATIONS_PAGE = """<html><body><h1>Financial regulations</h1><p>Adopted in 2030.</p>
<ol><li>GENERAL<ol><li>These regulations govern the council's financial management.</li>
<li>The council is responsible in law for sound financial management.</li></ol></li>
<li>BUDGETARY CONTROL<ol><li>Expenditure may be authorised up to the amounts in the budget.</li>
<li>The clerk may authorise urgent repairs up to a limit of 500 pounds.</li></ol></li></ol>
<h2>3 MOTIONS FOR A MEETING THAT REQUIRE WRITTEN NOTICE TO BE GIVEN TO THE PROPER OFFICER</h2>
<p>A motion shall relate to the responsibilities of the meeting.</p>
<h2>4 VOTING</h2><p>Votes are cast by a show of hands.</p>
</body></html>"""


def test_a_list_of_titled_lists_is_cited_by_its_two_numbers(tmp_path: Path) -> None:
    """An item that is only a title ("GENERAL") over a list of its own heads that list, as the
    page shows it: its second item is "2(2)", not item 2 of one run through the page. A heading
    set in capitals is a heading however many words it has."""
    by_label = clause_texts(tmp_path, REGULATIONS_PAGE, "regulations.html")
    assert by_label.get("1(2)", "").startswith("The council is responsible"), list(by_label)
    assert by_label.get("2(2)", "").startswith("The clerk may authorise"), list(by_label)
    assert by_label.get("4", "").startswith("VOTING"), list(by_label)


CLUB_RULES_PAGE = """<html><body><h1>Club rules</h1>
<h2>9. General Meetings</h2>
<ol type="a"><li><p>An AGM shall be held not later than 31st May each year to:</p>
<ul><li>receive a report of the activities of the Club;</li><li>elect the Club Committee.</li></ul></li>
<li>Nominations for election shall be proposed and seconded by existing members.</li>
<li>The quorum for a General Meeting shall be six.</li></ol>
<h2>10. Fines</h2><ol type="a"><li>All fines incurred by members shall be paid by the members.</li>
<li>Fines shall be paid within 14 days.</li></ol>
</body></html>"""


def test_a_pages_lettered_items_are_cited_each_even_when_the_page_cites_none(tmp_path: Path) -> None:
    """An English page's "a." items are cited as the page shows them ("9(c)"), and an item whose
    words stand in a paragraph of their own keeps its letter before them."""
    by_label = clause_texts(tmp_path, CLUB_RULES_PAGE, "rules.html")
    assert by_label.get("9(a)", "").startswith("An AGM shall be held"), list(by_label)
    assert by_label.get("9(c)", "").startswith("The quorum for a General Meeting"), list(by_label)
    assert by_label.get("10(b)", "").startswith("Fines shall be paid"), list(by_label)


def test_an_agreement_set_in_a_sign_up_form_is_read(tmp_path: Path) -> None:
    """A page that sets the whole agreement in the form that signs it up: the text is read, the
    form's fields are not; a form of a few words (a search box) is still left out."""
    clauses = "".join(
        f"<p><b>Artikel {n}. Onderwerp {n}</b><br />{n}.1. Verwerker meldt een datalek binnen {n * 12} uur "
        f"aan de verantwoordelijke en verstrekt daarbij alle gegevens die nodig zijn.</p>"
        for n in range(1, 5)
    )
    page = (
        '<html><body><form action="/zoeken"><input name="q" placeholder="Zoek"/> Zoeken</form>'
        f'<form action="/aanmelden" method="post"><h3>DE ONDERGETEKENDEN:</h3>'
        f'<p><input type="text" name="bedrijfsnaam" placeholder="Bedrijfsnaam" /></p>{clauses}</form>'
        "</body></html>"
    )
    text = " ".join(c.text for c in document_from_text(tmp_path, page, "overeenkomst.html").clauses)
    assert "binnen 36 uur" in text
    assert "Bedrijfsnaam" not in text and "Zoeken" not in text


def test_text_that_mentions_a_tag_is_no_web_page(tmp_path: Path) -> None:
    text = "Artikel 1\n\nGebruik op de website de tag <p> voor een alinea en <br> voor een regel.\n"
    clauses = document_from_text(tmp_path, text, "notitie.txt").clauses
    assert "de tag <p> voor een alinea" in " ".join(c.text for c in clauses)


def test_directory_with_nothing_to_read(tmp_path: Path) -> None:
    (tmp_path / "leeg").mkdir()
    files, errors = collect_files([tmp_path / "leeg"])
    assert files == []
    assert len(errors) == 1 and "holds no PDF or .txt file" in errors[0].message


def test_a_bad_file_does_not_stop_the_batch(tmp_path: Path) -> None:
    (tmp_path / "leeg.txt").write_bytes(b"")
    good = tmp_path / "goed.txt"
    good.write_text("Prestatieafspraken Teststad 2024\n\n1. De gemeente bouwt 100 woningen.\n", "utf-8")
    results = list(read_documents([tmp_path / "leeg.txt", good]))
    assert [type(r).__name__ for r in results] == ["FileError", "Document"]


@pytest.mark.parametrize("encoding", ["utf-8", "latin-1", "utf-16", "cp1252"])
def test_text_encodings_are_detected(tmp_path: Path, encoding: str) -> None:
    text = "Prestatieafspraken 2024\nDe corporaties verduurzamen woningen; financiële bijdrage € 30.000 per jaar.\n"
    text = text * 5
    if encoding == "latin-1":
        text = text.replace("€", "EUR")
    path = tmp_path / f"tekst-{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    joined = " ".join(line.text for line in read_file(path).lines)
    assert "financiële bijdrage" in joined


def test_clean_pages_drops_furniture_and_joins_hyphens() -> None:
    pages = [
        f"Teststad 2024\nPagina {n} van 4\nAfspraak {n}: de woningcorporaties en de huurders-\n"
        f"organisaties overleggen. Leidschendam-\nVoorburg doet mee aan de {n}e ronde van gesprekken.\nEinde van pagina {n}."
        for n in range(1, 5)
    ]
    lines = [line.text for line in clean_pages(pages)]
    assert not any("Pagina" in line or line == "Teststad 2024" for line in lines)
    assert "Afspraak 2: de woningcorporaties en de huurdersorganisaties" in lines
    assert "overleggen. Leidschendam-Voorburg" in lines
    assert "doet mee aan de 2e ronde van gesprekken." in lines


def test_ocr_bullets_normalised() -> None:
    pages = [
        "Overwegende dat:\ne de Woningwet voorschrijft dat;\n» partijen jaarlijks evalueren;\n• iets anders;"
    ]
    lines = [line.text for line in clean_pages(pages)]
    assert lines[1:] == [
        "- de Woningwet voorschrijft dat;",
        "- partijen jaarlijks evalueren;",
        "- iets anders;",
    ]


def test_an_indented_text_file_is_one_page(tmp_path: Path) -> None:
    path = tmp_path / "ingesprongen.txt"
    path.write_text(" Afspraken\n\n De gemeente bouwt.\n  De corporatie renoveert.\n Partijen evalueren.\n", "utf-8")
    raw = read_file(path)
    assert raw.page_count == 1
    assert {line.page for line in raw.lines} == {1}


def test_clauses_typed_line_by_line_in_one_paragraph_keep_their_lines(tmp_path: Path) -> None:
    """A page whose author typed "5.1.1. …", "5.1.2. …" on lines of their own inside one `<p>`:
    the browser runs them together, but the source's lines number the clauses; a paragraph that
    only wraps its sentence ("… zoals in 5.1.3. bepaald") stays one paragraph."""
    page = (
        "<html><body><h2>5. Duur en beëindiging</h2><p>\n    5.1. Ontwerpen\n"
        "    5.1.1. Het ontwerpen van een website wordt uitgevoerd binnen een redelijke termijn.\n"
        "    5.1.2. De uitvoeringstermijn eindigt met de oplevering, zoals in\n    5.1.3. bepaald.\n"
        "    5.1.3. Na publicatie volgt een periode van acht dagen voor opmerkingen.\n</p>"
        "<p>Onderhoud wordt per kwartaal\n    gefactureerd.</p></body></html>"
    )
    clauses = document_from_text(tmp_path, page, "voorwaarden.html").clauses
    by_label = {c.label: c.text for c in clauses}
    assert by_label.get("5.1.3", "").startswith("Na publicatie"), list(by_label)
    assert "zoals in 5.1.3. bepaald" in by_label.get("5.1.2", ""), by_label
    assert any("Onderhoud wordt per kwartaal gefactureerd." in c.text for c in clauses)


def test_list_numbers_a_page_shows_by_its_style_or_item_values(tmp_path: Path) -> None:
    """`<ol class="alpha">` shows its items as a., b., c. (the page's style names the list type);
    `<li value="39">` shows 39, and the items after it count on: cited as shown ("2(b)", "39")."""
    page = (
        "<html><body><h3>2. Meetings Generally</h3><ol class=\"alpha\">"
        "<li>Meetings shall not take place in premises used for the supply of alcohol.</li>"
        "<li>The minimum three clear days for notice of a meeting does not include a Sunday.</li></ol>"
        "<h3>AUDIT</h3><ol><li value=\"39\">The society shall appoint an auditor each year.</li>"
        "<li>The auditor reports to the members at the annual general meeting.</li></ol></body></html>"
    )
    by_label = clause_texts(tmp_path, page, "rules.html")
    assert by_label.get("2(b)", "").startswith("The minimum three clear days"), list(by_label)
    assert by_label.get("39", "").startswith("The society shall appoint"), list(by_label)
    assert by_label.get("40", "").startswith("The auditor reports"), list(by_label)


def test_form_feeds_end_the_pages_of_a_text_file(tmp_path: Path) -> None:
    path = tmp_path / "pagina.txt"
    path.write_text("Eerste pagina.\fTweede pagina.\f Derde pagina.\f", "utf-8")
    raw = read_file(path)
    assert raw.page_count == 3  # the closing form feed opens no fourth page
    assert [(line.text, line.page) for line in raw.lines] == [
        ("Eerste pagina.", 1), ("Tweede pagina.", 2), ("Derde pagina.", 3),
    ]  # fmt: skip


def test_a_converters_page_markers_end_the_pages_of_a_text_file(tmp_path: Path) -> None:
    """ "--- Page 98 ---" lines, as PDF-to-text converters write them, end pages as form feeds do;
    so the header printed at the top of each page is furniture, not a heading in the text."""
    pages = [f"Regulations\nSection {n}. Fees.\n(a) A fee of ${n} is paid.\n" for n in (1, 2, 3)]
    path = tmp_path / "regulations.txt"
    path.write_text("".join(f"--- Page {n} ---\n{page}" for n, page in enumerate(pages, 97)), "utf-8")
    raw = read_file(path)
    assert raw.page_count == 3 and "Regulations" not in [line.text for line in raw.lines]
    assert [line.page for line in raw.lines if line.text.startswith("(a)")] == [1, 2, 3]
    one = tmp_path / "one-marker.txt"
    one.write_text("Intro\n--- Page 2 ---\nRest\n", "utf-8")
    assert read_file(one).page_count == 1  # one marker alone may be a line of the text


def test_a_tab_after_a_list_number_is_no_table_column() -> None:
    from ingest.read import normalise_line

    assert normalise_line("\t1.\tDe vereniging draagt de naam Voorbeeld.") == "1. De vereniging draagt de naam Voorbeeld."
    assert normalise_line("-\tdat de leden stemmen;") == "- dat de leden stemmen;"
    assert normalise_line("Wijk\tGemeente\tCorporatie") == "Wijk | Gemeente | Corporatie"



@pytest.mark.parametrize(
    ("spaced", "read"),
    [
        ("1.1 A a n l e i d i n g", "1.1 Aanleiding"),  # a spaced-out heading
        ("| 1 | I n l ei d i n g | 5", "| 1 | Inleiding | 5"),  # letter pairs where extraction slipped
        ("S t r u c t u u r v i s i e N o o r d", "Structuurvisie Noord"),  # a capital starts a word
        ("Als u en ik er zo over denken", "Als u en ik er zo over denken"),  # short words, not spaced
        ("In 2016 of er in 1 of 2 woningen", "In 2016 of er in 1 of 2 woningen"),
    ],
)
def test_a_letter_spaced_word_is_read_as_one(spaced: str, read: str) -> None:
    from ingest.read import normalise_line

    assert normalise_line(spaced) == read


def test_an_ocr_page_footer_is_dropped_however_misread(tmp_path) -> None:
    """"Pagina 3 van 8" read by OCR as "Pagma 3 van 8" or "Pag1na 3 van 8" is still a footer,
    also in the middle of a hard-wrapped paragraph; "Art. 2." is an article."""
    from ingest.pipeline import read_document

    lines = [
        "Besluit bescherming monument",
        "Art. 1. Het huis aan de Kerkstraat wordt beschermd als monument.",
        "Art. 2. Het monument heeft architecturale waarde.",
        "Exterieur",
        "De woning is opgevat als een kubusvormig volume onder een plat dak, met gevels in",
        "Pagma 1 van 2",
        "baksteen en grote ramen op het zuiden.",
        "Interieur",
        "De woonkamer ligt op de eerste verdieping en heeft een open haard en een",
        "Pag1na 2 van 2",
        "vide naar de keuken.",
        "Art. 3. De eigenaar onderhoudt het monument als een goede huisvader.",
    ]
    path = tmp_path / "besluit.txt"
    path.write_text("\n".join(f"        {line}" for line in lines) + "\n", "utf-8")
    clauses = read_document(path).clauses
    labels = [c.label for c in clauses]
    assert {"Artikel 1", "Artikel 2", "Artikel 3"} <= set(labels), labels
    assert not any("Pagma" in f"{c.text} {c.section} {c.label}" or "Pag1na" in c.text for c in clauses)


def test_a_page_as_a_browser_builds_it(tmp_path: Path) -> None:
    """List items and paragraphs end where the next begins ("<li>a<li>b", no "</li>"); a
    collapsible section's title is the button in its heading; a template's "<?php … ?>" and a
    heading it would fill are no text."""
    page = (
        "<?xml version='1.0'?><!DOCTYPE html><html><body><h1><?php echo $title; ?></h1>"
        "<h2><button aria-expanded=false>Section 2 – Deposit of refuse</button></h2>"
        "<ol><li>No person shall deposit refuse on any lands.<li>No person shall use lands for dumping.</ol>"
        "<h2><button>Section 3 – Removal</button></h2><p>The owner shall remove the refuse.</body></html>"
    )
    clauses = document_from_text(tmp_path, page, "bylaw.html").clauses
    by_label = {c.label: c.text for c in clauses}
    assert by_label.get("Section 2(1)") == "No person shall deposit refuse on any lands.", list(by_label)
    assert by_label.get("Section 2(2)", "").startswith("No person shall use lands"), list(by_label)
    assert "The owner shall remove" in by_label.get("Section 3", ""), list(by_label)
    assert not any(re.search(r"php|xml|DOCTYPE", c.text, re.I) for c in clauses)
