"""answer(): cited, extractive, in the question's language, honest when nothing is found."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import pytest

from index.answer import (
    answer,
    best_sentences,
    citation,
    cite,
    compose,
    evidence_first,
    quoted_clauses,
    sentence_scorer,
    structured,
    unrepeated,
    widened,
)
from index.errors import EmptyQuestion, QuestionTooLong
from index.evaluate import norm
from index.retrievers import build_bm25
from index.search import Engine, Query
from index.types import Chunk, Filters, Hit
from ingest.chunk import split_sentences
from ingest.types import Deadline


def test_cited_answer_for_a_corpus_question(engine) -> None:
    result = answer(engine, "Wie betaalt de doorstroommakelaar in Zoetermeer?")
    assert not result.abstained and result.language == "nl"
    first = result.citations[0]
    assert first.doc == "zoetermeer-2019.pdf" and first.clause == "afspraak 12"
    assert first.pages and first.short.startswith("Zoetermeer")
    assert "Volgens de afspraken:" in result.text.splitlines()
    assert f"[{first.short}]" in result.text
    assert "1 fte" in result.text


def test_english_question_about_dutch_text(engine) -> None:
    result = answer(engine, "Which houses may the Tynaarlo corporations put up for sale?")
    assert result.language == "en" and result.text.startswith("According to")
    assert result.citations[0].doc == "tynaarlo-2023.pdf"
    assert "verkooplabel" in result.citations[0].text


def test_every_citation_quotes_its_clause(engine) -> None:
    """… or, cited by the head of its passage, the passage."""
    questions = [
        "Hoeveel sociale huurwoningen komen er in Laarhove?",
        "What is agreed about the flatcoach in Leidschendam-Voorburg?",
        "Wat doet Plavei aan duurzaamheid in Westervoort?",
    ]
    for question in questions:
        result = answer(engine, question)
        for cited in result.citations:
            chunks = engine.chunks_of(cited.doc.rsplit(".", 1)[0])
            labelled = {c.clause_id for c in chunks if c.label == cited.clause}
            parts_of: dict[str, list[str]] = {}  # a long clause's parts, in order, as one text
            for c in chunks:  # a clause cited as the head of its passage quotes the passage
                for key in {c.clause_id, c.unit_id} & labelled:
                    parts_of.setdefault(key, []).append(c.text)
            clause_texts = [" ".join(parts) for parts in parts_of.values()]
            for part in cited.text.split(" … "):
                assert any(norm(part) in norm(t) for t in clause_texts), (question, cited.clause)
        quoted = [part for q in re.findall(r"“(.+?)” \[", result.text) for part in q.split(" … ")]
        assert quoted and all(any(norm(q) in norm(c.text) for c in result.citations) for q in quoted)


def test_passages_are_ranked_best_first(engine) -> None:
    result = answer(engine, "Wat is afgesproken over huisuitzettingen in Leidschendam-Voorburg?")
    assert len(result.passages) == 10
    assert [h.rank for h in result.passages] == list(range(1, 11))
    scores = [h.score for h in result.passages]
    assert scores == sorted(scores, reverse=True)


def test_municipality_in_the_question_keeps_to_its_documents(engine) -> None:
    result = answer(engine, "Wat is er in Tynaarlo afgesproken over de huurverhoging?")
    assert {h.chunk.doc_id for h in result.passages} == {"tynaarlo-2023"}


def test_filters(engine) -> None:
    by_doc = answer(engine, "huurverhoging", Filters(doc=("westervoort-2022.pdf",)))
    assert {h.chunk.source for h in by_doc.passages} == {"westervoort-2022.pdf"}
    by_party = answer(engine, "verkoop van woningen", Filters(party=("Woonborg",)))
    assert all("Woonborg" in h.chunk.parties for h in by_party.passages)
    by_year = answer(engine, "huurverhoging", Filters(year=2027))
    assert {h.chunk.doc_id for h in by_year.passages} == {"leidschendam-voorburg-2026-2029"}


def test_unknown_municipality_is_not_found(engine) -> None:
    result = answer(engine, "Wat heeft Rotterdam afgesproken over sloop?")
    assert result.abstained
    assert result.text.startswith("Niet gevonden in de afspraken")
    assert "Tynaarlo 2023" in result.text  # names the documents searched
    assert not result.citations


def test_town_a_passage_names_is_searched_beside_a_covered_one(engine) -> None:
    """Duiven has no agreement here, but the Westervoort one speaks of Vivare's homes there."""
    result = answer(engine, "Op hoeveel woningen in Duiven en Westervoort legt Vivare zonnepanelen?")
    assert not result.abstained and "700 woningen" in result.text
    assert all("Duiven" in h.chunk.text for h in result.passages)
    alone = answer(engine, "Wat is er in Den Haag afgesproken over sloop?")
    assert alone.abstained and not alone.citations


def test_topic_the_agreements_name_in_other_words_is_not_refused(engine) -> None:
    """No document writes "voorrangsregeling" or "eenpersoonshuishoudens", but they speak of
    "met voorrang toewijzen" and of "1-2 persoonshuishoudens"."""
    priority = answer(engine, "Is er in Westervoort een voorrangsregeling voor jongeren?")
    assert not priority.abstained and "voorrang" in priority.text
    singles = answer(engine, "What rent do SEW new builds for singles start at in Tynaarlo?")
    assert not singles.abstained and "persoonshuishoudens" in singles.text


def test_count_no_clause_states_is_not_given_a_number_for_something_else(engine) -> None:
    """The Tynaarlo agreements speak of homes and percentages, but never of how many homes SEW
    owns: the answer says so and shows the closest passage instead of an unrelated number."""
    result = answer(engine, "How many homes does SEW own?")
    assert result.abstained
    assert result.text.startswith("The agreements state no figure for this.")
    assert result.citations and result.citations[0].doc == "tynaarlo-2023.pdf"
    assert f"[{result.citations[0].short}]" in result.text and "Searched:" in result.text
    dutch = answer(engine, "Hoeveel woningen bezit Woonborg in Tynaarlo?")
    assert dutch.abstained and dutch.text.startswith("De afspraken noemen hiervoor geen getal.")


def test_count_a_clause_states_is_answered(engine) -> None:
    result = answer(engine, "Hoeveel sociale huurwoningen worden in Westervoort gebouwd?")
    assert not result.abstained and "75-135 sociale huurwoningen" in result.text
    sales = answer(engine, "How many homes will Vidomes sell in Zoetermeer?")
    assert not sales.abstained and "circa 100 woningen" in sales.text


def test_a_close_passage_saying_the_questions_words_goes_before_one_found_by_meaning_alone(engine) -> None:
    """A passage sharing no word with the question is no evidence; one scored close to it that
    says the question's words is answered from instead. One far below it is not."""
    query = engine.understand("Hoeveel sociale huurwoningen komen erbij?", Filters())
    saying = next(h for h in engine.search(query) if engine.shares_words(query, h))
    silent = next(c for c in engine.snapshot.chunks if not engine.shares_words(query, Hit(c, 1.0, 1)))
    close = Hit(silent, saying.score / engine.ranking.second_citation * 0.99, 1)
    far = Hit(silent, saying.score / engine.ranking.second_citation * 1.5, 1)
    assert evidence_first(engine, query, [close, saying]) == ([saying, close], True)
    assert evidence_first(engine, query, [far, saying]) == ([far, saying], False)
    assert evidence_first(engine, query, [saying, close]) == ([saying, close], True)


def test_topic_no_document_covers_is_not_found(engine) -> None:
    result = answer(engine, "Welke afspraken zijn er in Tynaarlo gemaakt over arbeidsmigranten?")
    assert result.abstained


def test_empty_and_huge_questions(engine) -> None:
    with pytest.raises(EmptyQuestion, match="empty"):
        answer(engine, "   ")
    with pytest.raises(QuestionTooLong, match=r"51,204 characters long; ask it in at most 2,000"):
        answer(engine, "woning " * 7313 + "huurverhoging")


def test_question_in_another_script_gets_a_clear_answer(engine) -> None:
    for question in ("住房协议中关于租金上涨的规定是什么？", "ما هو الاتفاق بشأن الإيجار؟"):
        result = answer(engine, question)
        assert result.abstained and not result.citations
        assert "Please ask in Dutch or English" in result.text


def test_corporation_no_document_is_about_is_not_found(engine) -> None:
    result = answer(engine, "Wat heeft Ymere afgesproken over de verkoop van woningen?")
    assert result.abstained and not result.citations


def test_deadline_question_puts_the_date_first(engine) -> None:
    result = answer(
        engine,
        "Wanneer moet de uitvoeringsagenda wonen, welzijn en zorg in Leidschendam-Voorburg vastgesteld zijn?",
    )
    assert result.deadlines, result.text
    assert result.text.splitlines()[0].startswith("• ")
    assert "Q3 2026" in result.text.splitlines()[0]


def test_budget_question_shows_amount_and_shares(engine) -> None:
    result = answer(engine, "Wie betaalt de buurtbemiddeling in Tynaarlo en hoeveel?")
    assert result.amounts, result.text
    first = result.text.splitlines()[0]
    assert first.startswith("• ") and "€" in first and "Gemeente Tynaarlo" in first


def passage(n: int, text: str) -> Chunk:
    return Chunk(
        id=f"p{n}", clause_id=f"c{n}", doc_id="test-2024", source="test-2024.txt", title="Test 2024",
        municipality="Test", period="2024", section="5 Proces", label=f"afspraak {n}", kind="afspraak",
        pages=(n,), text=text, parties=(),
    )  # fmt: skip


def test_date_more_on_topic_than_the_cited_clause_comes_first() -> None:
    """A "by when?" answer leads with the date whose sentence is about what is asked, even from
    a lower passage; a date of a lower passage about something else is left out."""
    texts = [
        "Jaarlijks vindt een overleg plaats over de leningen van de corporaties.",
        "Jaarlijks wordt de huurverhoging vastgesteld.",
        "Jaarlijks actualiseren partijen de prestatieafspraken voor 15 december.",
        "De gemeente bouwt woningen.",
        "De corporaties verkopen woningen.",
    ]
    chunks = [passage(n, text) for n, text in enumerate(texts, 1)]
    deadlines = tuple(
        Deadline(c.clause_id, c.doc_id, c.label, c.pages, "jaarlijks", "2024-01-01", "2024-12-31", "jaarlijks",
                 c.text, (), c.text)
        for c in chunks[:3]
    )  # fmt: skip
    engine = SimpleNamespace(lexical=build_bm25(chunks), deadlines=deadlines, amounts=())
    question = "By when must the performance agreements be updated each year?"
    query = Query(question, "en", ("prestatieafspraken", "actualiseren", "uiterlijk", "jaarlijks"), Filters())
    hits = [Hit(chunk, 1.0 / n, n) for n, chunk in enumerate(chunks[:3], 1)]
    found, amounts = structured(engine, query, hits, ["c1"])  # type: ignore[arg-type]
    assert [d.clause_id for d in found] == ["c3", "c1"] and amounts == ()


def test_a_date_set_as_a_limit_comes_before_a_start_date_on_the_same_topic() -> None:
    """Under "Aanvraag", "treedt in werking per 1 juli 2014" and "uiterlijk 31 december 2017":
    "uiterlijk wanneer?" is answered by the limit first."""
    chunks = [
        passage(1, "Aanvraag. Treedt in werking per 01-07-2014."),
        passage(2, "Een aanvraag wordt uiterlijk 31 december 2017 ingediend."),
    ]
    when = [("per 01-07-2014", "2014-07-01"), ("uiterlijk 31 december 2017", "2017-12-31")]
    deadlines = tuple(
        Deadline(c.clause_id, c.doc_id, c.label, c.pages, phrase, day, day, "", c.text, (), c.text)
        for c, (phrase, day) in zip(chunks, when, strict=True)
    )  # fmt: skip
    engine = SimpleNamespace(lexical=build_bm25(chunks), deadlines=deadlines, amounts=())
    query = Query("Uiterlijk wanneer moet de aanvraag binnen zijn?", "nl", ("aanvraag",), Filters())
    hits = [Hit(chunks[0], 1.0, 1, tuple(chunks))]
    found, _ = structured(engine, query, hits, ["c1", "c2"])  # type: ignore[arg-type]
    assert [d.clause_id for d in found] == ["c2", "c1"]


def parts_of(head_kind: str, head: str = "Artikel 7", part: str = "lid") -> tuple[Chunk, Chunk, Chunk]:
    """A head ("Artikel 7", or a heading) with two numbered parts under it."""
    head_chunk, first, second = (
        replace(passage(n, text), clause_id=f"c{n}", unit="c1", label=label, section="§ 2")
        for n, text, label in (
            (1, head, head),
            (2, "De raad stelt regels vast over de verdeling van woonruimte.", f"{head} {part} 1"),
            (
                3,
                "Het college beslist binnen acht weken op een aanvraag om een vergunning.",
                f"{head} {part} 2",
            ),
        )
    )
    return replace(head_chunk, kind=head_kind), first, second


def ask(question: str) -> Query:
    return Query(question, "nl", (), Filters())


def test_an_article_is_cited_whole_quoting_the_paragraph_found_first() -> None:
    """Found by one paragraph, an article is cited whole (its other paragraphs may hold the rest
    of the answer), named by that paragraph and quoting it before the others."""
    head, first, second = parts_of("afspraak")
    hit = Hit(first, 1.0, 1, (head, first, second))
    cited = citation(hit, [hit])
    assert cited.clause == "Artikel 7 lid 1" and "acht weken" not in cited.text
    wide = widened(cited, hit, ask("Welke regels stelt de raad vast over de verdeling?"))
    assert wide.clause == "Artikel 7 lid 1" and wide.clause_id == "c1" and wide.pages == (1, 2, 3)
    assert "acht weken" in wide.text and wide.found == cited.text
    quote = best_sentences(
        wide.text, ask("Welke regels stelt de raad vast over de verdeling?"), 1, wide.found
    )
    assert quote.endswith(first.text) and "acht weken" not in quote


def test_an_article_numbered_in_decimals_is_named_by_the_paragraph_found() -> None:
    """Statuten number an article's paragraphs "10.1", "10.2": the one found names the article
    cited whole, as "Artikel 7 lid 1" does, and so it does under a clause that is only a title
    ("7. Vergunningen") and under a numbered clause that says something ("§ 277-5B(3)" of a fee
    schedule): the reader is sent to the part that says it."""
    head, first, second = parts_of("afspraak")
    first, second = replace(first, label="7.1"), replace(second, label="7.2")
    hit = Hit(second, 1.0, 1, (head, first, second))
    question = ask("Binnen hoeveel weken beslist het college op een aanvraag?")
    wide = widened(citation(hit, [hit]), hit, question)
    assert wide.clause == "7.2" and "verdeling" in wide.text and wide.found == second.text
    clause_head = replace(
        head, label="7", text="De raad en het college spreken af dat zij elk jaar overleggen."
    )
    hit = Hit(second, 1.0, 1, (clause_head, first, second))
    assert widened(citation(hit, [hit]), hit, question).clause == "7.2"
    titled_head = replace(head, label="7", text="Vergunningen")  # "7. Vergunningen": a title only
    hit = Hit(second, 1.0, 1, (titled_head, first, second))
    assert widened(citation(hit, [hit]), hit, question).clause == "7.2"


def test_a_passage_cited_whole_quotes_the_dates_of_each_of_its_parts() -> None:
    head, first, second = parts_of("afspraak")
    hit = Hit(first, 1.0, 1, (head, first, second))
    found = citation(hit, [hit])
    wide = widened(found, hit, ask("Welke regels stelt de raad vast over de verdeling?"))
    assert quoted_clauses(wide, found, hit) == ["c1", "c1", "c2", "c3"]
    alone = Hit(first, 1.0, 1, (first,))
    assert quoted_clauses(found, found, alone) == ["c2"]


def test_a_titled_article_is_cited_whole_though_its_head_has_no_text() -> None:
    """ "Artikel 7 De prijs" is a heading with no text of its own, so no passage part: its
    paragraphs are still cited together, named by the one found."""
    _, first, second = parts_of("heading")
    hit = Hit(first, 1.0, 1, (first, second))
    wide = widened(citation(hit, [hit]), hit, ask("Welke regels stelt de raad vast over de verdeling?"))
    assert wide.clause == "Artikel 7 lid 1" and "acht weken" in wide.text and wide.found == first.text


def test_another_clause_under_a_heading_is_cited_when_it_answers() -> None:
    """Under a heading of separate clauses, the clause found is cited, unless another clause
    holds more of the question's words: then that clause, not the heading over both."""
    head, first, second = parts_of("section", "1.3 Verdeling", "afspraak")
    hit = Hit(first, 1.0, 1, (head, first, second))
    cited = citation(hit, [hit])
    wide = widened(
        cited, hit, ask("Binnen hoeveel weken beslist het college op een aanvraag om een vergunning?")
    )
    assert wide.clause == "1.3 Verdeling afspraak 2" and wide.clause_id == "c3"
    assert wide.text == second.text and wide.found == ""
    assert widened(cited, hit, ask("Welke regels stelt de raad vast over de verdeling?")) == cited


def test_an_item_that_answers_is_cited_with_the_lead_in_it_completes() -> None:
    """The item that answers ("1. … binnen 30 dagen …") completes a lead-in ("… herleeft het
    recht:"): the lead-in's clause is cited, with its items and the paragraph after them that
    bears its number, and not the clause found nor the heading over both."""
    head, first, _ = parts_of("section", "6 Duur en beëindiging", "afspraak")
    lead = replace(
        passage(4, "Is het recht beëindigd onder 6.1, dan herleeft het:"),
        clause_id="c4", unit="c1", part_of="c1", label="6.2", section="§ 2", printed="6.2",
    )  # fmt: skip
    items = [
        replace(passage(n, text), clause_id=f"c{n}", unit="c1", part_of="c4", label=f"6.2({letter})", printed=f"{letter})")
        for n, letter, text in (
            (5, "a", "vanzelf, mits de overtreding binnen 30 dagen na de ontdekking ervan is hersteld; of"),
            (6, "b", "wanneer de licentiegever het recht uitdrukkelijk herstelt."),
        )
    ]  # fmt: skip
    after = replace(passage(7, "Dit lid laat andere rechten van de licentiegever onverlet."), clause_id="c7",
                    unit="c1", part_of="c1", label="6.2")  # fmt: skip
    hit = Hit(first, 1.0, 1, (head, first, lead, *items, after))
    question = ask("Binnen hoeveel dagen moet de overtreding hersteld zijn om het recht terug te krijgen?")
    wide = widened(citation(hit, [hit]), hit, question)
    assert wide.clause == "6.2" and wide.clause_id == "c4"
    assert wide.text.splitlines() == [f"6.2 {lead.text}", f"a) {items[0].text}", f"b) {items[1].text}", after.text]
    assert "verdeling" not in wide.text


@pytest.mark.parametrize("heading", ["Artikel 7", "Toewijzing van woningen", "De raad stelt:"])
def test_a_heading_found_is_cited_with_the_parts_under_it(heading: str) -> None:
    """A heading or lead-in found by itself ("Artikel 7", a title, "… stelt:") quotes nothing a
    reader can use: its parts, which say it, are cited under its label."""
    head, first, second = parts_of("section", heading, "afspraak")
    hit = Hit(head, 1.0, 1, (head, first, second))
    cited = citation(hit, [hit])
    assert cited.text == heading
    wide = widened(cited, hit, ask("Binnen hoeveel weken beslist het college op een aanvraag?"))
    assert wide.clause == heading and "acht weken" in wide.text and "verdeling" in wide.text
    assert wide.found == ""


def test_a_clause_found_by_its_own_sentence_is_not_widened() -> None:
    head, first, second = parts_of(
        "section", "Het college beslist over aanvragen van woningzoekenden.", "afspraak"
    )
    hit = Hit(head, 1.0, 1, (head, first, second))
    cited = citation(hit, [hit])
    assert widened(cited, hit, ask("Wie beslist over aanvragen?")) == cited


def test_budget_answer_leaves_out_bare_percentages(engine) -> None:
    """A bare "1% boven inflatie" is no budget: a "who pays?" answer shows money, fte or shares."""
    result = answer(engine, "Wat kost de doorstroommakelaar in Zoetermeer en wie betaalt dat?")
    assert {a.unit for a in result.amounts} == {"EUR", "fte"}, result.text
    assert all(a.payers for a in result.amounts)


LICENCE = """Example Software Licence

1. Definitions.
"Software" means the program and its manuals, as the author publishes them.

2. Permission.
You may copy the Software and give copies of it to anyone, in any medium.

3. Charges.
You may charge any price or no price for each copy of the Software that you give.

4. Registration.
A company that uses the Software registers once a year. The registration fee is $ 25 per year.

5. Termination.
This licence ends when you break its terms. It is restored when you stop within 30 days.

6. Support.
The author answers questions about the Software within a reasonable time.
"""


@pytest.fixture(scope="module")
def licence_engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    from index.build import ingest

    folder = tmp_path_factory.mktemp("licence")
    (folder / "example-licence.txt").write_text(LICENCE, "utf-8")
    report = ingest([folder / "example-licence.txt"], folder / "index")
    assert not report.errors
    return Engine.open(folder / "index")


def test_a_licence_is_quoted_as_a_document_not_an_agreement(licence_engine: Engine) -> None:
    """Laws, licences and terms are "documents" in an answer's words; agreements stay agreements."""
    found = answer(licence_engine, "Can I give copies of the Software to others?")
    assert not found.abstained and found.text.startswith("According to the documents:")
    missing = answer(licence_engine, "Wat zegt de licentie over zonnepanelen?")
    assert missing.abstained and missing.text.startswith("Niet gevonden in de documenten.")


def test_an_amount_asked_is_one_a_passage_states(licence_engine: Engine) -> None:
    """ "How big is the fine?" when no passage names a sum of money says so; an amount the text
    states is answered."""
    fine = answer(licence_engine, "How big is the fine for breaking this licence?")
    assert fine.abstained and fine.kind == "no_figure"
    assert fine.text.startswith("The documents state no figure for this.")
    fee = answer(licence_engine, "How much is the registration fee for a company?")
    assert not fee.abstained and "$ 25" in fee.text
    assert fee.citations[0].clause.endswith("4")


def test_a_number_of_days_asked_is_one_a_passage_states(licence_engine: Engine) -> None:
    """ "How many days?" is answered by a number of days, in the question's language or the
    text's ("binnen hoeveel dagen" by "within 30 days"); "within a reasonable time" states none."""
    support = answer(licence_engine, "How many days does the author take to answer questions?")
    assert support.abstained and support.kind == "no_figure", support.text
    vragen = answer(licence_engine, "Binnen hoeveel dagen beantwoordt de auteur vragen over de Software?")
    assert vragen.abstained and vragen.kind == "no_figure", vragen.text
    restored = answer(licence_engine, "Binnen hoeveel dagen moet ik stoppen om de licentie terug te krijgen?")
    assert not restored.abstained and "30 days" in restored.text, restored.text


def test_a_passage_sharing_no_word_with_the_question_is_no_answer(licence_engine: Engine) -> None:
    """Found by meaning alone, with no word, name or number of the question in either language,
    a passage is no evidence: the answer is "not found". One shared word is enough to answer."""
    court = answer(licence_engine, "Welke rechter beslist bij een geschil?")
    assert court.abstained and court.kind == "not_found"
    assert court.passages  # something was found, but not quoted
    copies = answer(licence_engine, "Mag ik de Software aan anderen geven?")
    assert not copies.abstained and copies.citations[0].clause.endswith("2")


def test_clauses_that_score_close_to_the_best_are_cited_too() -> None:
    """Up to three clauses are cited: those within the ratio of the best score, each once; one
    scoring far below is left to the list of passages found."""
    chunks = [
        passage(n, f"De gemeente en de corporaties maken afspraak {n} over de verdeling van woningen.")
        for n in range(1, 6)
    ]
    scores = (1.0, 0.95, 0.92, 0.91, 0.5)
    hits = [Hit(chunk, score, n) for n, (chunk, score) in enumerate(zip(chunks, scores, strict=True), 1)]
    assert [h.chunk.label for h in cite(hits, 0.9)] == ["afspraak 1", "afspraak 2", "afspraak 3"]
    assert [h.chunk.label for h in cite(hits, 0.94)] == ["afspraak 1", "afspraak 2"]
    assert [h.chunk.label for h in cite([hits[0], hits[4]], 0.9)] == ["afspraak 1"]


def test_another_part_of_the_best_passage_scoring_close_is_cited_too() -> None:
    """A passage is found by its best part, but another of its parts may say the answer: that part
    is cited too when it scores close to the best, before a lower passage; one scoring far below
    is not."""
    parts = [
        passage(n, f"Lid {n}: de gemeente en de corporaties spreken de verdeling van woningen af.")
        for n in (1, 2, 3)
    ]
    other = passage(4, "De corporaties verkopen elk jaar woningen aan huurders.")
    best = Hit(parts[0], 1.0, 1, tuple(parts), (1.0, 0.95, 0.5))
    hits = [best, Hit(other, 0.9, 2, (other,), (0.9,))]
    assert [h.chunk.label for h in cite(hits, 0.85)] == ["afspraak 1", "afspraak 2", "afspraak 4"]
    alone = replace(best, member_scores=(1.0, 0.6, 0.5))
    assert [h.chunk.label for h in cite([alone, hits[1]], 0.85)] == ["afspraak 1", "afspraak 4"]


def test_the_sentence_holding_the_asked_date_is_quoted_before_one_sharing_more_words() -> None:
    """ "Wanneer …?" is answered by the sentence with the date, though another repeats more of
    the question's words: holding the kind of thing asked counts for two shared words."""
    text = (
        "De raad stelt de verordening vast in overleg met de corporaties. "
        "De verordening geldt uiterlijk vanaf 1 juli 2026. Partijen evalueren de afspraken."
    )
    quote = best_sentences(text, replace(ask("Wanneer legt de raad de verordening vast?"), wants="date"), 1)
    assert quote == "De verordening geldt uiterlijk vanaf 1 juli 2026."


def test_a_sentence_that_opens_a_list_is_quoted_with_its_items() -> None:
    """ "… for the following purposes: - A. - B." says its purposes in the items, which share no
    word with the question: they are quoted with the sentence that introduces them."""
    text = (
        "The council keeps a register. The council may check the register for the following purposes: "
        "- preventing fraud. - answering requests from a court. - keeping the waiting list correct. "
        "The register is kept for five years."
    )
    quote = best_sentences(text, ask("For which purposes may the council check the register?"), 1)
    assert "preventing fraud" in quote and "waiting list" in quote and "five years" not in quote


def test_an_english_question_word_counts_in_its_plain_form() -> None:
    """ "patents" is the word "Patent" of the text, as search reads it: the sentence saying it
    scores above one that shares none of the question's words."""
    query = Query("Does the licence let me use the author's patents?", "en", (), Filters())
    score = sentence_scorer(query)
    assert score("Patent and trademark rights are not licensed.") > score("Its term is set out below.")


def test_two_paragraphs_of_one_article_quote_it_once() -> None:
    """Paragraphs 1 and 2 of a short article both found: each widened to the article would quote
    it twice. The second is cited as itself, and what the first quoted already is not quoted
    again: its citation is named only."""
    head, first, second = parts_of("afspraak")
    question = ask("Wie beslist over de verdeling van woonruimte?")
    hit_one, hit_two = Hit(first, 1.0, 1, (head, first, second)), Hit(second, 0.9, 2, (head, first, second))
    one = widened(citation(hit_one, [hit_one]), hit_one, question)
    found = citation(hit_two, [hit_two])
    two = unrepeated(widened(found, hit_two, question), found, [one])
    assert (one.clause, two.clause) == ("Artikel 7 lid 1", "Artikel 7 lid 2") and two.text == second.text
    assert unrepeated(one, found, []) is one
    lines = compose([one, two], question, "Volgens de afspraken:").splitlines()
    assert lines[1].startswith("“") and lines[2] == f"Ook in [{two.short}]"


REGLEMENT = """Reglement bezwaarschriften Voorbeeldstad

Artikel 4 Beslistermijn
De commissie beslist binnen zes weken na ontvangst van het bezwaarschrift. De commissie beslist
zo over bezwaarschriften ontvangen na 1 april 2031.
"""


def test_a_how_long_question_lists_terms_not_calendar_dates(tmp_path: Path) -> None:
    """ "Binnen hoeveel weken …?" is answered by a term ("binnen zes weken"); the date from which
    it applies, in the same article, is no answer to it and is not listed. "Vanaf wanneer?" is
    answered by that date."""
    from index.build import ingest

    (tmp_path / "reglement.txt").write_text(REGLEMENT, "utf-8")
    assert not ingest([tmp_path / "reglement.txt"], tmp_path / "index").errors
    engine = Engine.open(tmp_path / "index")
    assert any(d.within for d in engine.deadlines) and any(d.start for d in engine.deadlines)
    found = answer(engine, "Binnen hoeveel weken beslist de commissie op mijn bezwaarschrift?")
    assert found.deadlines and all(d.within for d in found.deadlines), found.deadlines
    dated = answer(engine, "Vanaf wanneer beslist de commissie zo over bezwaarschriften?")
    assert any("april" in d.when for d in dated.deadlines), dated.deadlines


TERMS = """Example Distribution Terms

  1. Copies.

  You may give copies of the Program to anyone, in any medium, as long
as this notice stays on every copy.

  2. Shipping Without Source.

  You may ship the Program without its source code, provided you make
the source code available in one of these ways:

    (a) Ship it on a disc, together with the complete source code on a
    second disc of the same kind.  The second disc costs nothing.

    (b) Ship it with a written offer, valid for three years, to send the
    source code to anyone who asks.  The offer names an address.

    (c) Ship it from a web page that also offers the source code at no
    charge, next to the Program.  The page stays online for a year.

  3. Warranty.

  There is no warranty for the Program.  The authors are not liable for
any damage it causes.
"""


@pytest.fixture(scope="module")
def terms_engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    from index.build import ingest

    folder = tmp_path_factory.mktemp("terms")
    (folder / "example-terms.txt").write_text(TERMS, "utf-8")
    assert not ingest([folder / "example-terms.txt"], folder / "index").errors
    return Engine.open(folder / "index")


def test_a_list_asked_for_is_quoted_whole_with_its_items_numbers(terms_engine: Engine) -> None:
    """ "Which ways …?" that finds one item of a list is answered by the list: named by the clause
    whose lead-in introduces it, each item quoted on a line of its own after its number as printed,
    and no item cited again on its own."""
    found = answer(terms_engine, "Which ways are there to ship the Program with a written offer?")
    first = found.citations[0]
    assert first.clause == "2", [c.clause for c in found.citations]
    for item in ("(a) Ship it on a disc", "(b) Ship it with a written offer", "(c) Ship it from a web page"):
        assert item in found.text, found.text
    assert "in one of these ways:\n(a) Ship it on a disc" in found.text  # an item a line
    assert not any(c.clause.startswith("2(") for c in found.citations)


def test_a_question_about_one_item_cites_the_item(terms_engine: Engine) -> None:
    """Not asking for a list, a question about one way is answered by that item alone."""
    found = answer(terms_engine, "Can I ship the Program with a written offer to send the source?")
    assert found.citations[0].clause == "2(b)", [c.clause for c in found.citations]
    assert not found.citations[0].items


REGLEMENT_LEDEN = """Reglement bezwaarcommissie Voorbeeldstad

Artikel 1

1. De commissie vergadert ten minste vier keer per jaar in het gemeentehuis.

2. De voorzitter stelt de agenda van elke vergadering vast.

Artikel 2

1. Een bezwaar wordt schriftelijk ingediend bij de secretaris van de commissie.

2. De commissie beslist binnen zes weken na ontvangst op het bezwaar.

3. De secretaris stuurt de beslissing aan de indiener van het bezwaar.
"""


def test_an_article_quoted_whole_shows_each_paragraphs_number(tmp_path: Path) -> None:
    """An article cited whole quotes its leden after their numbers as printed ("1. Een bezwaar
    …"), and a lid whose words that quote holds already is named, not quoted again."""
    from index.build import ingest

    (tmp_path / "reglement.txt").write_text(REGLEMENT_LEDEN, "utf-8")
    assert not ingest([tmp_path / "reglement.txt"], tmp_path / "index").errors
    engine = Engine.open(tmp_path / "index")
    found = answer(engine, "Hoe dien ik een bezwaar in en wanneer beslist de commissie erop?")
    first = found.citations[0]
    assert first.clause.startswith("Artikel 2"), [c.clause for c in found.citations]
    assert "1. Een bezwaar wordt schriftelijk ingediend" in found.quote, found.quote
    assert "2. De commissie beslist binnen zes weken" in found.quote, found.quote
    assert found.quote.count("De commissie beslist binnen zes weken") == 1, found.quote


def test_a_number_or_title_standing_alone_stays_with_the_sentence_it_opens() -> None:
    """ "2." is no sentence of its own, nor is a title on a line of its own ("[looptijd]"); a short
    numbered item is no title; "Art. 7)." ending a line stays where it is."""
    from index.answer import sentences_of

    assert sentences_of("De raad stelt vast. 2. De raad beslist. (b) Iets anders.") == [
        "De raad stelt vast.",
        "2. De raad beslist.",
        "(b) Iets anders.",
    ]
    assert sentences_of("[looptijd regeling]\n1. De regeling loopt tien jaar.\n2. Zij wordt verlengd.") == [
        "[looptijd regeling] 1. De regeling loopt tien jaar.",
        "2. Zij wordt verlengd.",
    ]
    assert sentences_of("Voorwaarden:\n(a) zij telt leden\n(b) zij heeft een bestuur") == [
        "Voorwaarden:",
        "(a) zij telt leden",
        "(b) zij heeft een bestuur",
    ]
    assert sentences_of("Zie Art. 7).\n8.3. Voorbeelddata zijn synthetisch.") == [
        "Zie Art. 7).",  # no sentence ends at "Art."
        "8.3. Voorbeelddata zijn synthetisch.",
    ]


def test_no_sentence_ends_at_an_abbreviation() -> None:
    """ "GPL v. 2, v. 3" and "art. 5" go on; "no." ends a sentence unless a number follows it.
    Quotes and a long clause's parts are cut between whole sentences."""
    text = (
        "Verenigbaar zijn de GPL v. 2, v. 3 en de EPL v. 1.0. Zie art. 5 van de wet. "
        "The answer is no. See p. 3 and no. 7 of the list."
    )
    assert split_sentences(text) == [
        "Verenigbaar zijn de GPL v. 2, v. 3 en de EPL v. 1.0.",
        "Zie art. 5 van de wet.",
        "The answer is no.",
        "See p. 3 and no. 7 of the list.",
    ]


def test_no_sentence_ends_at_a_title_or_a_names_initials() -> None:
    """A Dutch decision names its members with titles and initials ("mr. L. H. Jansen"): a quote
    keeps the name whole; an annex's letter ("bijlage A.") still ends its sentence."""
    text = "Tot voorzitter: mr. L. H. Jansen, directeur. Tot secretaris: drs. A. de Vries. Zie bijlage A. Dat is alles."
    assert split_sentences(text) == [
        "Tot voorzitter: mr. L. H. Jansen, directeur.",
        "Tot secretaris: drs. A. de Vries.",
        "Zie bijlage A.",
        "Dat is alles.",
    ]
