"""Markdown read as plain text: its headings found as headings, its marks gone from what is quoted."""

from __future__ import annotations

from pathlib import Path

from ingest.markdown import is_markdown, plain_markdown
from tests.conftest import clause_texts, document_from_text

POLICY = """---
title: Example Acceptable Use Policy
redirect_from:
  - /articles/example-policy
---

**Short version:** _Be excellent to each other._ See our [Terms](https://example.org/terms).

### 1. Compliance with Laws
You are responsible for using the Service in compliance with all applicable laws.

### 2. Content Restrictions
Under no circumstances will Users upload content that:

* is unlawful;
* infringes any `proprietary` right.

---

### 3. Scraping
Scraping for spam is prohibited.

| Limit | Value |
|---|---|
| Requests | 5000 per hour |

## Version history

Changed on 1 May 2031.
"""


def test_markdown_is_known_by_name_or_by_its_marks() -> None:
    assert is_markdown("terms.md", "Plain text.")
    assert is_markdown("terms.txt", "# Terms\n\ntext\n\n## Fees\n\nmore")
    assert not is_markdown("terms.txt", "1. Terms\n\nSome text with a # sign.")


def test_marks_are_dropped_and_the_title_kept() -> None:
    text = plain_markdown(POLICY)
    assert text.splitlines()[0] == "Example Acceptable Use Policy"
    assert "Short version: Be excellent to each other. See our Terms." in text
    assert "- is unlawful;" in text and "any proprietary right" in text
    assert "Requests | 5000 per hour" in text
    assert not any(mark in text for mark in ("###", "**", "](", "|---", "redirect_from"))


def test_markdown_headings_are_the_documents_sections(tmp_path: Path) -> None:
    """"### 1. Compliance …" numbers a section; "## Version history", at the level of the
    numbered headings, is no part of the last one."""
    doc = document_from_text(tmp_path, POLICY, "example-policy.md")
    assert doc.title == "Example Acceptable Use Policy"
    by_label = {c.label: c for c in doc.clauses}
    assert [label for label in by_label if label in ("1", "2", "3")] == ["1", "2", "3"]
    assert "applicable laws" in by_label["1"].text
    assert "5000 per hour" in by_label["3"].text and "1 May 2031" not in by_label["3"].text
    history = next(c for c in doc.clauses if "1 May 2031" in c.text)
    assert history.label == "Version history"


def test_a_lead_in_set_as_a_heading_leaves_its_section_open(tmp_path: Path) -> None:
    """ "## Code 12.040 states, in part:" under "## Section 3. Preferences" is a sentence leading
    into the quoted text, set as a heading: the text stays in section 3."""
    text = (
        "# Fund Handbook\n\n## Section 3. Preferences\n\n## Code 12.040 states, in part:\n\n"
        "(1) The department must prefer projects that serve the lowest incomes.\n\n"
        "(2) Projects must stay affordable for at least forty years.\n\n"
        "## Section 4. Distribution\n\nAt least thirty percent goes to rural areas.\n"
    )
    doc = document_from_text(tmp_path, text, "fund-handbook.md")
    by_label = {c.label: c for c in doc.clauses}
    assert "closing text" not in by_label
    assert "Code 12.040" in by_label["Section 3"].text and "forty years" in by_label["Section 3"].text
    assert "forty years" not in by_label["Section 4"].text


def test_bold_wrapped_over_two_lines_leaves_no_marks(tmp_path: Path) -> None:
    """Pandoc wraps a paragraph at 72 columns, so "**2. Als je meer werkgevers hebt, …" may close
    its bold on the next line: the marks go, and "2." numbers the paragraph."""
    text = (
        "# Cao\n\n## Artikel 14 Arbeidstijd\n\n**1. Jij en je werkgever houden zich aan de wet.**\n\n"
        "**2. Als je meer werkgevers hebt, moet je dat doorgeven aan iedere\nwerkgever.**\n\n"
        "**3. Je krijgt je rooster uiterlijk 4 weken van\ntevoren.**\n"
    )
    by_label = clause_texts(tmp_path, text, "cao.md")
    assert "4 weken" in by_label["Artikel 14 lid 3"] and "**" not in " ".join(by_label.values())


def test_markdown_articles_with_their_rules(tmp_path: Path) -> None:
    text = (
        "# Reglement\n\n## Artikel 1 — Regie\n\n**Principe:** de raad beslist.\n\n### Regels\n\n"
        "1.1. Leden stemmen per brief.\n\n1.2. Een besluit vraagt de helft van de stemmen.\n\n"
        "## Artikel 2 — Geld\n\n**Principe:** de penningmeester beheert het geld.\n"
    )
    doc = document_from_text(tmp_path, text, "reglement.md")
    labels = [c.label for c in doc.clauses]
    assert labels.index("Artikel 1") < labels.index("1.1") < labels.index("1.2") < labels.index("Artikel 2")
    assert "Artikel" not in next(c.text for c in doc.clauses if c.label == "1.2")


def test_captions_front_matter_and_struck_text(tmp_path: Path) -> None:
    """TOML front matter gives way to the first-level heading as title; a bold caption run into
    its paragraph heads it; struck-out text and images are gone."""
    text = (
        '+++\nversion = "2.1"\naliases = ["/v2"]\n+++\n\n# Example Contributor Agreement\n\n'
        "Thank you for contributing. ![Screen Shot 2031-01-01](shot.png)\n\n"
        "**Copyright License.** You grant us a licence to copy your work.\n\n"
        "**Patent License.** You grant us a licence under your patents ~~and trademarks~~.\n"
    )
    doc = document_from_text(tmp_path, text, "cla.md")
    assert doc.title == "Example Contributor Agreement"
    by_label = {c.label: c.text for c in doc.clauses}
    assert "licence to copy" in by_label["Copyright License"]
    assert "under your patents" in by_label["Patent License"]
    everything = " ".join(by_label.values())
    assert not any(gone in everything for gone in ("trademarks", "Screen Shot", "version =", "**"))


REGLEMENT = """# Huishoudelijk reglement

## Inhoudsopgave

1.1 [Van de leden](#11-van-de-leden)<br>
1.2 [Van de vergaderingen](#12-van-de-vergaderingen)<br>

## 1.1 Van de leden

### Artikel 1
Leden betalen elk jaar contributie.

### Artikel 2
Een lid kan op elk moment opzeggen.

## 1.2 Van de vergaderingen

### Artikel 3
Het bestuur roept eens per jaar een vergadering bijeen.
"""

CHARTER = """# Example Foundation Charter

Effective Nov 6 2031

#### 1. Mission

The foundation keeps the tools free.

#### 2. Board

- (a) The board has five members.

\t- i. Each serves two years.

- (b) The board meets monthly.

#### Schedule A: Scope

1. Standard interfaces.

2. A reference implementation.
"""


def test_a_table_of_contents_is_no_clause_and_a_heading_over_articles_no_passage(tmp_path: Path) -> None:
    """Links to the document's own headings are its table of contents, not clauses "1.1", "1.2";
    the heading "1.1 Van de leden" holds articles a reader cites apart: each is its own passage."""
    doc = document_from_text(tmp_path, REGLEMENT, "reglement.md")
    labels = [c.label for c in doc.clauses if c.kind != "paragraph"]
    assert labels == ["1.1", "Artikel 1", "Artikel 2", "1.2", "Artikel 3"]
    units = {c.label: c.unit for c in doc.clauses}
    assert units["Artikel 1"] == units["Artikel 2"] == ""


def test_bullets_dates_and_annexes_in_markdown(tmp_path: Path) -> None:
    """"- (a)" is the lettered item (a); a date line is no heading; an annex's restarted items
    are named by the annex, and the body's keep their own numbers."""
    doc = document_from_text(tmp_path, CHARTER, "charter.md")
    labels = [c.label for c in doc.clauses if c.kind != "paragraph"]
    assert {"1", "2", "2(a)", "2(a)(i)", "2(b)", "Schedule A 1", "Schedule A 2"} <= set(labels)
    assert not any(c.section.startswith("Effective") or c.label.startswith("Effective") for c in doc.clauses)


def test_bylaw_sections_numbered_by_their_roman_article(tmp_path: Path) -> None:
    doc = document_from_text(
        tmp_path,
        "# Bylaws\n\n## ARTICLE I: Members\n\n### I.1 Classes.\nThere is one class of members.\n\n"
        "### I.2 Voting.\nEach member has one vote.\n\n## ARTICLE II. Directors\n\n"
        "### II.1 Number.\nThe board has nine directors.\n",
        "bylaws.md",
    )
    labels = [c.label for c in doc.clauses]
    assert {"I.1", "I.2", "II.1"} <= set(labels)


def test_converted_markdown_shapes(tmp_path: Path) -> None:
    """Converters write "##Title" without a space, number list items in bold ("* **1. …**",
    "* **4.1** …") with no blank line between them, and head an annex "Bijlage behorende bij …"
    without a number: the title is a heading, the items are clauses, the annex is "Bijlage"."""
    doc = document_from_text(
        tmp_path,
        "##Besluit over de voorwaarden\n\n### Artikel 1\n\nDe voorwaarden staan in de bijlage.\n\n"
        "####Bijlage behorende bij artikel 1\n\n"
        "*   **Begrippen**\n    *   Lid: wie contributie betaalt\n"
        "*   **1. Een lid betaalt de contributie voor 1 maart.**\n"
        "*   **2. Een lid meldt een verhuizing binnen een maand.**\n"
        "* **2.1** Dat gaat per brief.\n",
        "besluit.md",
    )
    labels = [c.label for c in doc.clauses if c.kind != "paragraph"]
    assert "Artikel 1" in labels and "Bijlage" in labels
    assert {"1", "2", "2.1"} <= {label.split()[-1] for label in labels}
    assert doc.title.startswith("Besluit over de voorwaarden")


def test_a_list_number_before_a_heading_numbers_it(tmp_path: Path) -> None:
    """"  1. ## Introduction" (a converted list of headings): clause 1, titled by the heading,
    without its hashes; a bold line inside clause 3 does not head the clauses after it."""
    doc = document_from_text(
        tmp_path,
        "# Tenant Privacy Policy\n\n  1. ## Introduction\n\nWe protect your privacy.\n\n"
        "  2. ## Cookies\n\nOur site uses cookies.\n\n**Strictly necessary cookies.**  \n"
        "These are required to log in.\n\n  3. ## Your rights\n\nYou may ask us to stop.\n",
        "privacy.md",
    )
    clauses = doc.clauses
    numbered = {c.label: c for c in clauses if c.label in {"1", "2", "3"}}
    assert set(numbered) == {"1", "2", "3"}
    assert all("#" not in c.text for c in clauses)
    assert "Strictly" not in numbered["3"].section and "Your rights" in numbered["3"].text


def test_lists_inside_numbered_clauses(tmp_path: Path) -> None:
    """A numbered list set in under clause 2 is "2(1)", "2(2)", and clause 3 is 3 again; a
    bulleted "- 1)" under "b)" is nested there, not a restart of the sections "1)", "2)"."""
    agreement = document_from_text(
        tmp_path,
        "# Funding Agreement\n\n1. **Parties.** These are the terms between the Host and the Group.\n\n"
        "2. **Recitals.** The parties agree on these facts:\n\n"
        "    1. The Host is a non-profit co-operative based in Utrecht, and it holds funds for groups.\n\n"
        "    2. The Group meets the criteria of the Host, as they are set out in the Protocols.\n\n"
        "3. **Term.** This Agreement starts on the Effective Date.\n",
        "agreement.md",
    )
    charter = document_from_text(
        tmp_path,
        "# Project Charter\n\n1) Mission\n\na) The mission is to build open software.\n\n"
        "2) Committee\n\na) The committee oversees the project.\n\nb) Composition\n\n"
        "- 1) \"Startup Period\": the first twelve months, set by the founders.\n"
        "- 2) \"Steady State\": after that, members are elected.\n\n"
        "3) Voting\n\na) The committee votes by majority.\n",
        "charter.md",
    )
    labels = [c.label for c in agreement.clauses if c.kind != "paragraph"]
    assert labels == ["1", "2", "2(1)", "2(2)", "3"], labels
    labels = [c.label for c in charter.clauses]
    assert {"1", "2", "2(1)", "2(2)", "3"} <= set(labels) and len(labels) == len(set(labels)), labels


def test_a_line_giving_a_date_in_force_heads_nothing(tmp_path: Path) -> None:
    """Consolidated laws note under each article when it took effect ("Treedt in werking per
    01-07-2014"): a date line, not the heading of the article's paragraphs."""
    doc = document_from_text(
        tmp_path,
        "##Regeling subsidie\n\n### Artikel 1\n\n####Subsidieplafond\n\nTreedt in werking per 01-07-2014\n\n"
        "1.  Voor de subsidie geldt een plafond van € 395.000.000 voor de periode tot 2018.\n"
        "2.  Het bedrag wordt verdeeld in volgorde van binnenkomst van de aanvragen.\n\n"
        "### Artikel 2\n\n####Aanvraag\n\nTreedt in werking per 01-07-2014\n\n"
        "1.  Een aanvraag wordt uiterlijk 31 december 2017 ingediend bij de minister.\n",
        "regeling.md",
    )
    clauses = doc.clauses
    assert {"Artikel 1 lid 1", "Artikel 1 lid 2", "Artikel 2 lid 1"} <= {c.label for c in clauses}
    assert not any("Treedt" in c.label or "Treedt" in c.section for c in clauses)
    # kept as a sentence of its own, not run into the article's first one
    assert any(c.text.startswith("Subsidieplafond Treedt in werking per 01-07-2014.") for c in clauses)


def test_a_caption_inside_a_numbered_heading_does_not_name_the_next(tmp_path: Path) -> None:
    """Numbering that restarts per part is named by the part ("Support 2"), not by a bold caption
    read inside the item before it ("Critical Issue")."""
    doc = document_from_text(
        tmp_path,
        "# Service Level Agreement\n\n## Platform\n\n### 1. Uptime\n\nThe service is available 99.9% of the time.\n\n"
        "### 2. Credits\n\nA missed month earns a credit of ten percent.\n\n## Support\n\n"
        "### 1. Urgent\n\n**Critical Issue**\n\nThe system is down for all users in production.\n\n"
        "### 2. High\n\n**Major Disruption**\n\nMajor functions are impaired for many users.\n",
        "sla.md",
    )
    labels = [c.label for c in doc.clauses]
    assert {"Platform 1", "Platform 2", "Support 1", "Support 2"} <= set(labels), labels


def test_mdx_imports_and_exports_are_no_text(tmp_path: Path) -> None:
    doc = document_from_text(
        tmp_path,
        "import Layout from '../layouts/Layout'\n\nexport const meta = {\n  title: 'SLA',\n"
        "  description: 'Our SLA',\n}\n\n<Container>\n\n# Service Level Agreement\n\n"
        "## 1. Uptime\n\nThe service is available 99.9% of each month.\n",
        "sla.md",
    )
    assert doc.title == "Service Level Agreement"
    assert not any("import" in c.text or "export" in c.text for c in doc.clauses)


def test_headings_that_number_after_the_title_or_on_their_own(tmp_path: Path) -> None:
    """Every article a "#" heading with its number after the title ("# Naam <small>Artikel
    1</small>"), and a part's bare number over its title ("###II" / "####Slot"): the first "#"
    heading is the title, the others articles; "II" and its title are one heading."""
    statuten = document_from_text(
        tmp_path,
        "# Statuten Vereniging Voorbeeld\n\nVastgesteld door de leden.\n\n"
        "# Naam <small>Artikel 1</small>\n\nDe vereniging heet Voorbeeld en is opgericht voor onbepaalde tijd.\n\n"
        "# Doel <small>Artikel 2</small>\n\n1. De vereniging biedt leden een betaalbare woning in de stad.\n\n"
        "2. Zij werkt daartoe samen met de gemeente en met woningcorporaties.\n",
        "statuten.md",
    )
    circulaire = document_from_text(
        tmp_path,
        "##Circulaire over de meldingsplicht\n\nAan de besturen van de toegelaten instellingen.\n\n"
        "###I\n\n####De beperking van de meldingsplicht\n\nDe melding vervalt bij verkoop aan huurders.\n\n"
        "###II\n\n####Ontheffing van het verkooppercentage\n\nOntheffing is mogelijk onder voorwaarden.\n",
        "circulaire.md",
    )
    assert statuten.title == "Statuten Vereniging Voorbeeld"
    assert {"Artikel 1", "Artikel 2 lid 1", "Artikel 2 lid 2"} <= {c.label for c in statuten.clauses}
    parts = [c.label for c in circulaire.clauses]
    assert "I" in parts and "II" in parts, parts


def test_a_section_number_over_a_letter_spaced_title(tmp_path: Path) -> None:
    """A PDF converted to Markdown: "# 3.2" over "# G e l u i d", "#### 2 . 1 . 2" or "### B" over a
    title. Each number and its title are one heading, its words read whole."""
    doc = document_from_text(
        tmp_path,
        "# T o e l i c h t i n g\n\n# 3.1 B o d e m\n\nDe bodem is onderzocht en schoon bevonden.\n\n"
        "# 3.2\n\n# G e l u i d\n\nDe geluidsbelasting blijft onder de voorkeurswaarde van 48 dB.\n\n"
        "#### 3 . 2 . 1\n\n#### W e g v e r k e e r\n\nDe weg ligt op meer dan tweehonderd meter.\n",
        "toelichting.md",
    )
    clauses = doc.clauses
    noise = next(c for c in clauses if "48 dB" in c.text)
    road = next(c for c in clauses if "tweehonderd" in c.text)
    assert noise.label == "3.2" and "Geluid" in noise.text, (noise.label, noise.text)
    assert road.label == "3.2.1" and road.section_path[-1].startswith("3.2"), (road.label, road.section_path)
    letters = document_from_text(
        tmp_path,
        "##Circulaire\n\n### A \n\n####Inleiding\n\nDe regels zijn gewijzigd.\n\n### B \n\n####Slot\n\nTot slot.\n",
        "circulaire.md",
    )
    parts = {c.label: c.text for c in letters.clauses}
    assert "Tot slot." in parts.get("B", "") and "Tot slot" not in parts.get("A", ""), parts
    assert parts["A"].startswith("Inleiding") and parts["B"].startswith("Slot"), parts


def test_a_heading_that_asks_is_a_heading(tmp_path: Path) -> None:
    """ "## How does the Council protect data?" heads its section like any heading."""
    doc = document_from_text(
        tmp_path,
        "# Privacy Notice\n\n## Your rights\n\nYou may ask for a copy of your data at any time.\n\n"
        "## How does the Council protect data?\n\nThe Council encrypts the data it holds and limits access.\n",
        "privacy.md",
    )
    clauses = doc.clauses
    protect = next(c for c in clauses if "encrypts" in c.text)
    rights = next(c for c in clauses if "copy of your data" in c.text)
    assert protect.label == "How does the Council protect data" and "encrypts" not in rights.text


def test_a_heading_over_annexes_ending_in_a_colon_is_a_heading(tmp_path: Path) -> None:
    """ "####Bijlagen:" heads the list of annexes, like "Bijlage:" heads one."""
    doc = document_from_text(
        tmp_path,
        "##Circulaire huurverhoging\n\n###1\n\n####Inleiding\n\nDe huur stijgt per 1 juli.\n\n"
        "####Bijlagen:\n\nModel formulier voor een huurverhogingsvoorstel.\n\nTabellen met huurprijsgrenzen.\n",
        "circulaire.md",
    )
    annexes = next(c for c in doc.clauses if "Model formulier" in c.text)
    assert annexes.label.endswith("Bijlagen"), annexes.label


def test_a_wrapped_line_set_as_a_heading_goes_on_its_sentence(tmp_path: Path) -> None:
    """A PDF converted to Markdown: a clause's wrapped line became a heading ("#### Tenant not
    less than 28 days … specifying:", "#### should be shown …"). It is the clause's text."""
    doc = document_from_text(
        tmp_path,
        "## Section B: Main terms\n\n### 6 THE RENT\n\n6.1 The rent is £ per week, which is £ per month (rent\n"
        "#### should be shown per week and per month) for the fixed term.\n\n"
        "6.2 The requirements are that the Landlord must serve a rent review notice on the\n\n"
        "#### Tenant not less than 28 days but not more than 90 days before the relevant review date specifying:\n\n"
        "(a) the percentage by which the rent will increase;\n\n### 7 THE DEPOSIT\n\n"
        "7.1 The Tenant has paid a deposit.\n",
        "tenancy.md",
    )
    clauses = {c.label: c for c in doc.clauses}
    assert "should be shown per week" in clauses["6.1"].text
    assert "not less than 28 days" in clauses["6.2"].text, clauses["6.2"].text
    assert not any("Tenant not less" in " ".join(c.section_path) for c in clauses.values())


def test_pandocs_hard_line_breaks_and_spans_leave_no_marks() -> None:
    """A PDF converted by Pandoc: "Let op:\\" ends a line with a hard line break and
    "[artikel 5:15]{.underline}" is a span with attributes; neither mark is text."""
    text = plain_markdown("*Let op:*\\\nDit staat in de [artikelen 5:15 lid 6]{.underline} van de wet.\n")
    assert "\\" not in text and "{.underline}" not in text
    assert "Let op:" in text and "de artikelen 5:15 lid 6 van de wet." in text


def test_a_list_numbered_one_one_one_is_read_as_shown(tmp_path: Path) -> None:
    """Markdown shows an ordered list written "1." "1." "1." as 1, 2, 3: the leden are cited as
    a reader sees them; a nested list is counted on its own; a list numbered as it is shown, or
    started again after a paragraph, keeps its numbers."""
    text = (
        "# Huishoudelijk reglement\n\n## Artikel 1. Leden\n\n"
        "1.  Het bestuur beslist over het toelaten van leden.\n\n"
        "1.  Een lid betaalt contributie en\n    ontvangt een bevestiging.\n\n"
        "1.  Een afdeling voldoet aan deze eisen:\n\n"
        "    1.  zij telt ten minste 25 leden;\n\n    1.  zij heeft een bestuur.\n\n"
        "1.  Het bestuur stelt de tarieven vast.\n\n"
        "## Artikel 2. Contributie\n\n"
        "1.  De algemene vergadering stelt de contributie vast.\n\n"
        "3.  Het bestuur int de contributie.\n"
    )
    doc = document_from_text(tmp_path, text, name="reglement.md")
    found = [c.label for c in doc.clauses]
    for label in ("Artikel 1 lid 2", "Artikel 1 lid 3", "Artikel 1 lid 4"):
        assert label in found, found
    assert "2. zij heeft een bestuur" in " ".join(next(c.text for c in doc.clauses if c.label == "Artikel 1 lid 3").split())
    assert next(c.text for c in doc.clauses if c.label == "Artikel 1 lid 4").startswith("Het bestuur stelt")
    assert "Artikel 2 lid 3" in found, found


def test_a_numbered_heading_over_a_list_from_one_heads_it(tmp_path: Path) -> None:
    """ "### 1. Leden" with a list "1." "2." below: the list is the heading's, cited "I(1)(2)" —
    not a run of items beside the heading that restarts at every heading."""
    text = (
        "# Huishoudelijk reglement\n\n## I. Algemeen\n\n### 1. Leden\n\n"
        "1. Een lid betaalt contributie.\n2. Een lid mag stemmen.\n\n"
        "### 2. Bestuur\n\n1. Het bestuur telt drie leden.\n2. Het bestuur vergadert maandelijks.\n\n"
        "## II. Slot\n\n### 1. Geschillen\n\n1. Het bestuur beslist over geschillen.\n"
    )
    by_label = clause_texts(tmp_path, text, name="reglement.md")
    assert by_label.get("I(1)(2)", "").startswith("Een lid mag stemmen"), list(by_label)
    assert by_label.get("I(2)(1)", "").startswith("Het bestuur telt"), list(by_label)
    assert by_label.get("II(1)(1)", "").startswith("Het bestuur beslist"), list(by_label)


def test_headings_numbered_in_brackets_with_ids_and_entities(tmp_path: Path) -> None:
    """ "#### **(3) Guests** {#guests}": a part numbered in brackets, its id no part of its title;
    "**(a)&nbsp;&nbsp;Board.**": an item, its entities read as the characters they write."""
    text = (
        "---\ntitle: Residence rules\n---\n\n"
        "#### **(1) Purposes** {#purposes}\n\nThe residences support learning.\n\n"
        "#### **(2) Guests** {#guests}\n\nA guest may stay no more than three nights.\n\n"
        "#### **(3) Boards** {#boards}\n\n"
        "**(a)&nbsp;&nbsp;&nbsp;Board.** Each hall has a board of five students.\n\n"
        "**(b)&nbsp;&nbsp;&nbsp;Terms.** Members serve one year.\n"
    )
    clauses = document_from_text(tmp_path, text, name="rules.md").clauses
    by_label = {c.label: c.text for c in clauses}
    assert by_label.get("2", "").startswith("Guests A guest may stay"), list(by_label)
    assert by_label.get("3(b)", "").startswith("Terms Members serve"), list(by_label)
    assert not any("{#" in c.text or "&nbsp" in c.text for c in clauses)


def test_a_list_of_titles_with_text_of_their_own_stays_a_list(tmp_path: Path) -> None:
    """ "1. Name" with its text below and "3. Application" over a list of its own, in one list:
    numbered clauses with their paragraphs ("3(1)(1)"), not headings made of some of them."""
    text = (
        "# Constitution of an Example Charity\n\n"
        "1. Name\n\n    The name of the charity is Example.\n\n"
        "2. Powers\n\n    The charity may:\n\n    1. borrow money and charge its property as security for the loan;\n\n"
        "    2. buy property and maintain and equip it for use by the charity.\n\n"
        "3. Application of income\n\n    1. The income must be applied to the objects.\n\n"
        "        1. A trustee may be repaid reasonable expenses.\n\n"
        "    2. No income may be paid to the members.\n"
    )
    by_label = clause_texts(tmp_path, text, name="constitution.md")
    assert by_label.get("2(2)", "").startswith("buy property"), list(by_label)
    assert by_label.get("3(1)(1)", "").startswith("A trustee may be repaid"), list(by_label)
    assert by_label.get("3(2)", "").startswith("No income may be paid"), list(by_label)


def test_an_excerpt_starting_at_section_eleven_numbers_its_lists(tmp_path: Path) -> None:
    """An excerpt whose first heading is "### 11. Service initiation", each over a list "1." "2.":
    the sections are read from 11 on and their lists cited "11(2)", "12(1)"."""
    text = (
        "## Support process\n\n### 11. Service initiation\n\n"
        "1. The provider gives one technical contact access to the portal.\n"
        "2. The customer may name up to five technical contacts.\n\n"
        "### 12. Submitting requests\n\n"
        "1. The customer may open a request once the account exists.\n"
        "2. Requests are answered within four business hours.\n"
    )
    by_label = clause_texts(tmp_path, text, name="support.md")
    assert by_label.get("11(2)", "").startswith("The customer may name"), list(by_label)
    assert by_label.get("12(2)", "").startswith("Requests are answered"), list(by_label)


def test_a_table_of_contents_under_its_own_heading_is_left_out(tmp_path: Path) -> None:
    """ "# Inhoudsopgave" over a table of chapters and pages: its entries are the headings below
    once more, no chapters of their own that the real chapters would repeat."""
    text = (
        "# Bestemmingsplan Voorbeeldpark\n\n# Inhoudsopgave\n\n"
        "| 1. | Inleiding | | 1 |\n|----|----|----|----|\n| 2. | Beleidskaders | | 2 |\n"
        "| | 2.1. Algemeen | | 2 |\n| 3. | Huidige situatie | | 4 |\n\n"
        "# **1. Inleiding**\n\nHet plan is in 2013 vastgesteld.\n\n"
        "# **2. Beleidskaders**\n\n### **2.1. Algemeen**\n\nHet plan volgt het provinciale beleid.\n\n"
        "# **3. Huidige situatie**\n\nDe wijk is grotendeels gebouwd.\n"
    )
    clauses = document_from_text(tmp_path, text, name="plan.md").clauses
    labels = [c.label for c in clauses]
    assert "1" in labels and "2.1" in labels and "3" in labels, labels
    assert not any("Inhoudsopgave" in c.label or "Beleidskaders | | 2" in c.text for c in clauses), labels


def test_bold_numbers_glued_titles_and_lettered_decimals(tmp_path: Path) -> None:
    """A converted PDF: "**10.** **Bus pass**" is section 10 (a bold number is no caption of the
    text after it), "### 14.2Conduct" section 14.2 (its title run into its number), and
    "**14.2b** **Noise**" part b of 14.2, cited as printed."""
    text = (
        "# Student Tenancy Agreement\n\n"
        "**9.** **Cleaning**\nCleaning is provided as detailed in the residence guides.\n\n"
        "**10.** **Bus pass**\nThe bus pass is for use only by the named student.\n\n"
        "**11.** **Notices**\nNotices must be in writing and in English.\n\n"
        "## 14.YOUR OBLIGATIONS\n\n"
        "**14.1** **Health and Safety**\nYou must take reasonable care for your own safety.\n\n"
        "### 14.2Conduct and behaviour\n\nYou are responsible for your guests.\n\n"
        "**14.2a** **Hygiene**\nYou must keep the kitchen clean.\n\n"
        "**14.2b** **Noise**\nYou must keep noise to a minimum between 11pm and 8am.\n"
    )
    by_label = clause_texts(tmp_path, text, name="tenancy.md")
    assert by_label.get("10", "").startswith("Bus pass The bus pass"), list(by_label)
    assert by_label.get("11", "").startswith("Notices"), list(by_label)
    assert by_label.get("14.2", "").startswith("Conduct and behaviour"), list(by_label)
    assert by_label.get("14.2b", "").startswith("Noise You must keep noise"), list(by_label)


def test_a_note_under_each_article_explains_that_article(tmp_path: Path) -> None:
    """ "### Toelichting" under article upon article is that article's explanation: cited as the
    article, its example's numbered lines part of the note, not leden again. A single
    "Toelichting" after the last article explains the whole regulation: no article's."""
    per_article = (
        "# Aanwijzingen voor samenwerking\n\n"
        "#### Aanwijzing 1\n\n1. Een convenant wordt schriftelijk vastgelegd.\n"
        "2. Het convenant wordt gepubliceerd.\n\n"
        "### Toelichting\n\nEerste lid: de vorm voorkomt misverstanden over wat is afgesproken.\n\n"
        "1. De Staat der Nederlanden, vertegenwoordigd door de minister.\n\n"
        "#### Aanwijzing 2\n\n1. Partijen evalueren het convenant na drie jaar.\n\n"
        "### Toelichting\n\nDe evaluatie volgt uit de wet.\n"
    )
    clauses = document_from_text(tmp_path, per_article, name="aanwijzingen.md").clauses
    notes = {c.label: c.text for c in clauses if "Toelichting" in c.text}
    assert notes.keys() == {"Aanwijzing 1", "Aanwijzing 2"}, [(c.label, c.text[:30]) for c in clauses]
    assert "De Staat der Nederlanden" in notes["Aanwijzing 1"]
    assert sorted(c.label for c in clauses if "lid" in c.label) == [
        "Aanwijzing 1 lid 1", "Aanwijzing 1 lid 2", "Aanwijzing 2 lid 1",
    ]  # fmt: skip
    once = per_article.split("#### Aanwijzing 2")[0].replace("### Toelichting", "### Toelichting op de regeling")
    once += "#### Aanwijzing 2\n\n1. Partijen evalueren het convenant na drie jaar.\n\n### Toelichting\n\nAlgemeen.\n"
    last = document_from_text(tmp_path, once, name="regeling.md").clauses
    assert not any(c.label.startswith("Aanwijzing 2") and "Algemeen" in c.text for c in last), [
        (c.label, c.text[:30]) for c in last
    ]


def test_a_regulations_number_set_below_its_title(tmp_path: Path) -> None:
    """legislation.gov.uk's Markdown sets each regulation's title, then its number as a heading of
    its own ("#### Interpretation" over "###### 2"): the number is the title's."""
    text = (
        "# The Alarm Regulations 2015\n\n## PART 1 — Introduction\n\n"
        "#### Citation and commencement\n\n###### 1\n\n"
        "- (1) These Regulations come into force on 1st October 2015.\n\n"
        "#### Interpretation\n\n###### 2\n\n- (1) In these Regulations “landlord” means the owner.\n\n"
        "## PART 2 — Duties\n\n#### Duties of the landlord\n\n###### 3\n\n"
        "- (1) A landlord must ensure that a smoke alarm is equipped on each storey.\n\n"
        "- (2) The landlord must check each alarm on the first day of a tenancy.\n"
    )
    by_label = clause_texts(tmp_path, text, name="alarms.md")
    assert by_label.get("2", "").startswith("Interpretation"), list(by_label)
    assert by_label.get("3", "").startswith("Duties of the landlord"), list(by_label)
    assert "must check each alarm" in by_label["3"], by_label["3"]


def test_a_list_that_prints_its_own_markers_is_numbered_by_them(tmp_path: Path) -> None:
    """ "1. _(a)_ …", "2. _(b)_ …" (a code converted to Markdown): the items are (a) and (b), their
    wrapped lines theirs; "3. (1) …", where the list's number is not the item's, keeps both."""
    text = (
        "## 1361.02 Registration Required\n\n"
        "1. _(a)_ Any registration submitted in a calendar year shall expire on\n"
        "December 31 of that year.\n\n"
        "2. _(b)_ The application shall contain:\n\n"
        "    1. _(1)_ The name of the applicant;\n\n"
        "    2. _(2)_ The address of the dwelling.\n\n"
        "## 1361.03 Exemptions\n\n"
        "3. (1) The tax does not apply to a stay of more than 30 days.\n"
    )
    by_label = clause_texts(tmp_path, text, name="code.md")
    assert by_label.get("1361.02(a)", "").endswith("December 31 of that year."), list(by_label)
    assert by_label.get("1361.02(b)(2)", "").startswith("The address"), list(by_label)
    assert "1361.03(1)" not in by_label, list(by_label)  # section 3's subsection 1, not an item (1)


def test_a_nested_list_under_a_lead_in_in_a_flush_left_document(tmp_path: Path) -> None:
    """Markdown nests "\\t1." under "1. … twee vormen van lidmaatschap:" even where almost every
    line is flush left (so indentation carries no levels elsewhere); "2. Leden …" steps back out
    to item 2 of the outer list, not item 1 of a list restarted."""
    sections = [
        "# Huishoudelijk reglement\n\nDit reglement geldt voor alle leden.\n",
        "## 1. Lidmaatschap\n\n1. De vereniging kent twee vormen van lidmaatschap:\n"
        "\t1. betalende leden: de experimenterende leden;\n\t2. niet betalende leden: de begeleiders.\n"
        "2. Leden dienen tenminste 11 jaar te zijn.\n"
    ]
    rules = (
        "Het bestuur beslist hierover binnen vier weken.", "Een lid kan schriftelijk bezwaar maken.",
        "De secretaris houdt een register bij.", "Besluiten worden bij meerderheid genomen.",
        "De penningmeester doet jaarlijks verslag.", "Kosten worden vooraf begroot.",
        "Wijzigingen worden aan alle leden gemeld.",
    )
    for number, title in enumerate(("Verlies", "Rechten", "Plichten", "Bestuur", "Begeleiders", "Geld"), 2):
        items = "".join(f"{n}. Voor {title.lower()} regel {number}.{n}: {rule}\n" for n, rule in enumerate(rules, 1))
        sections.append(f"## {number}. {title}\n\n{items}")
    by_label = clause_texts(tmp_path, "\n".join(sections), name="reglement.md")
    assert "niet betalende leden" in by_label.get("1(1)", ""), list(by_label)  # its short items, folded
    assert by_label.get("1(2)", "").startswith("Leden dienen"), list(by_label)
