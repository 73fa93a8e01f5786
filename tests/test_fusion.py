"""Fusion that knows the languages, filters that say when they match nothing, and the period
note — on a tiny index of one Dutch agreement and one English licence written for the test."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from index.answer import answer
from index.build import ingest
from index.lexicon import analyse
from index.search import Engine, english_forms, without_words
from index.types import Filters

DUTCH = """Prestatieafspraken Teststad 2024-2027

Afspraken

1. De gemeente Teststad en Woonstichting Voorbeeld bouwen samen 120 sociale huurwoningen in 2025.
2. Woonstichting Voorbeeld verkoopt geen sociale huurwoningen in de periode 2024-2027.
3. De huurverhoging blijft gelijk aan de inflatie; de huurdersvereniging wordt jaarlijks betrokken.
"""

ENGLISH = """Example Software Licence

1. Permission. Since 2023 you may copy and share the software with anyone, at no charge.
2. Termination. Your rights end when you break these terms, and come back when you fix the breach within thirty days.
3. Warranty. The software comes as it is, without any warranty of any kind.
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    folder = tmp_path_factory.mktemp("docs")
    (folder / "teststad-2024.txt").write_text(DUTCH, "utf-8")
    (folder / "example-licence.txt").write_text(ENGLISH, "utf-8")
    index = tmp_path_factory.mktemp("index")
    ingest([folder / "teststad-2024.txt", folder / "example-licence.txt"], index)
    return Engine.open(index)


def test_each_document_has_its_language(engine: Engine) -> None:
    assert engine.doc_languages == {"teststad-2024": "nl", "example-licence": "en"}


def test_lexical_weight_follows_the_languages(engine: Engine) -> None:
    english = engine.understand("How many social rental homes will be built?")
    dutch = engine.understand("Hoeveel sociale huurwoningen worden er gebouwd?")
    r = engine.ranking
    assert engine.lexical_weight(dutch, "nl") == r.lexical_weight
    assert engine.lexical_weight(english, "en") == r.lexical_weight
    assert engine.lexical_weight(english, "nl") == r.lexical_weight * r.english_lexical_weight
    assert engine.lexical_weight(dutch, "en") == r.lexical_weight * r.dutch_on_english_weight


def test_a_dutch_list_without_weight_over_english_text_leaves_the_dense_hit_first(engine: Engine) -> None:
    engine.ranking = replace(engine.ranking, dutch_on_english_weight=0.0)
    try:
        hits = engine.search(engine.understand("Wanneer krijg ik mijn rechten terug na een overtreding?"))
    finally:
        engine.ranking = type(engine.ranking)()
    english_ranks = [h.rank for h in hits if h.chunk.doc_id == "example-licence"]
    assert english_ranks  # the licence is found through the vectors alone


def test_match_is_the_share_of_the_question_a_passage_holds(engine: Engine) -> None:
    row = next(i for i, c in enumerate(engine.snapshot.chunks) if "verkoopt geen" in c.text)
    asked = {t: 1.0 for t in analyse("verkoopt huurwoningen", engine.lexical.splitter)}
    assert engine.match(asked, row) == pytest.approx(1.0)
    other = {t: 1.0 for t in analyse("warranty licence", engine.lexical.splitter)}
    assert engine.match(other, row) == 0.0


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        (Filters(doc=("nowhere",)), r"--doc nowhere matches no document: .*teststad-2024"),
        (Filters(year=2031), r"--year 2031 matches no document's period"),
        (Filters(municipality=("Elders",)), r"--municipality Elders matches no document: Teststad"),
    ],
)
def test_a_filter_that_matches_nothing_says_so(engine: Engine, filters: Filters, message: str) -> None:
    result = answer(engine, "Hoeveel woningen worden er gebouwd?", filters)
    assert result.abstained and re.search(message, result.text)


def test_a_document_by_its_id_its_file_name_or_a_unique_prefix(engine: Engine) -> None:
    for name in ("teststad-2024", "teststad-2024.txt", "tests"):
        resolved, problem = engine.resolve(Filters(doc=(name,)))
        assert problem == "" and resolved.doc == ("teststad-2024",)


def test_an_answer_from_another_period_says_which(engine: Engine) -> None:
    result = answer(engine, "Wat spreekt Woonstichting Voorbeeld af over verkoop in 2023?")
    assert not result.abstained
    assert "Let op: dit komt uit" in result.text and "2024-2027" in result.text and "2023" in result.text


def test_an_answer_within_the_period_has_no_note(engine: Engine) -> None:
    result = answer(engine, "Hoeveel sociale huurwoningen bouwt Woonstichting Voorbeeld in 2025?")
    assert "Let op" not in result.text


def test_an_english_question_reaches_english_text_in_its_plain_word_forms(engine: Engine) -> None:
    """The index stems with the Dutch stemmer, which leaves "warranties" and "breaches" as they
    are: the question's plain forms ("warranty", "breach") are searched beside its own words."""
    query = engine.understand("Which warranties and breaches does the licence mention?")
    forms = english_forms(query, engine.lexical.splitter, {})
    assert {"warranty", "breach"} <= set(forms)
    assert english_forms(engine.understand("Welke garanties geeft de licentie?"), engine.lexical.splitter, {}) == []
    own = analyse(query.text, engine.lexical.splitter)
    assert "warranty" not in own and "breach" not in own  # the question's own stems miss both
    scores = engine.lexical.scores(forms)
    best = engine.snapshot.chunks[int(scores.argmax())]
    assert scores.max() > 0 and "without any warranty" in best.text


def test_a_question_naming_a_document_prefers_it(engine: Engine) -> None:
    """A word of a document's file name, or of its title written with a capital, that no other
    document uses names that document; its passages rank first."""
    assert engine.named_documents("What does the example licence say about warranty?") == {"example-licence"}
    assert engine.named_documents("Wat spreekt Teststad af over de huur?") == {"teststad-2024"}
    assert engine.named_documents("Does the Software come with a warranty?") == {"example-licence"}
    assert engine.named_documents("Is the software free of charge?") == frozenset()  # a title word, not capitalised
    assert engine.named_documents("Wat zijn de afspraken over de huur?") == frozenset()
    # a name with an ending or a version names its document; a longer word that starts with it does not
    assert engine.named_documents("Wat staat er in Teststads afspraken?") == {"teststad-2024"}
    assert engine.named_documents("Hoe groot wordt het teststadion?") == frozenset()
    query = engine.understand("Wat zegt de example licence over de huurverhoging?")
    assert engine.search(query)[0].chunk.doc_id == "example-licence"
    engine.ranking = replace(engine.ranking, named_document_boost=1.0)
    try:
        assert engine.search(query)[0].chunk.doc_id == "teststad-2024"  # by its words alone
    finally:
        engine.ranking = type(engine.ranking)()


def engine_of(tmp_path: Path, texts: dict[str, str]) -> Engine:
    """An index of the given texts (file name → text), opened."""
    (tmp_path / "docs").mkdir()
    for name, text in texts.items():
        (tmp_path / "docs" / name).write_text(text, "utf-8")
    ingest([tmp_path / "docs" / name for name in texts], tmp_path / "index")
    return Engine.open(tmp_path / "index")


def test_a_code_of_letters_and_digits_names_a_document(tmp_path) -> None:
    """ "deze s106-overeenkomst" names the file "planning-s106-undertaking.txt"; a year does not."""
    engine = engine_of(tmp_path, {
        "planning-s106-undertaking.txt":
            "Planning Undertaking 2023\n\n1. The Owner shall notify the Council ten days before works start.\n",
        "huurbeleid-2023.txt":
            "Huurbeleid 2023\n\n1. De verhuurder meldt de start van werkzaamheden tien dagen vooraf.\n",
    })  # fmt: skip
    assert engine.named_documents("Wat staat er in deze s106-overeenkomst over de start?") == {
        "planning-s106-undertaking"
    }
    assert engine.named_documents("Wat is in 2023 afgesproken over de start?") == frozenset()


def test_a_name_two_documents_share_names_both_and_leaves_the_search(tmp_path) -> None:
    """ "Brookfield" in two by-laws' file names, used by no other text, names both: their passages
    rank first, and the word is not searched (every passage of theirs would match it). A word that
    more documents share names none of them."""
    engine = engine_of(tmp_path, {
        "brookfield-noise-bylaw.txt": "Noise By-law\n\n1. In Brookfield no amplified sound is allowed "
            "after 23:00.\n\n2. A permit for an outdoor event costs 50 dollars.\n",
        "brookfield-parking-bylaw.txt": "Parking By-law\n\n1. Brookfield residents may park on the "
            "street for three hours.\n\n2. A resident parking permit costs 20 dollars a year.\n",
        "harbour-rules.txt": "Harbour Rules\n\n1. A mooring permit costs 300 dollars a season.\n\n"
            "2. Boats must keep their engines quiet after 23:00.\n",
        "market-rules.txt": "Market Rules\n\n1. A stall costs 15 dollars a day.\n",
        "pool-rules.txt": "Pool Rules\n\n1. Children under 8 swim with an adult.\n",
    })  # fmt: skip
    both = {"brookfield-noise-bylaw", "brookfield-parking-bylaw"}
    assert engine.named_documents("What does a permit cost in Brookfield?") == both
    assert engine.search(engine.understand("What does a permit cost in Brookfield?"))[0].chunk.doc_id in both
    assert engine.named_documents("Which Rules ask for quiet engines?") == frozenset()  # three file names


def test_an_english_topic_is_found_under_its_english_synonyms(tmp_path) -> None:
    """A "lease" is spoken of where a statute says "rental agreement" (both huurovereenkomst in the
    vocabulary): the question is answered, not refused as a topic no document covers."""
    engine = engine_of(tmp_path, {
        "tenancy-statute.txt": "Residential Tenancies\n\n1. A landlord who ends a month-to-month rental "
            "agreement shall give the tenant at least forty-five days written notice.\n\n"
            "2. A tenant who ends a month-to-month rental agreement shall give at least twenty-eight days "
            "written notice.\n",
        "parking-rules.txt": "Parking Rules\n\n1. Residents may park on the street for three hours.\n",
    })  # fmt: skip
    query = engine.understand("My landlord wants to end my month-to-month lease. How much notice do I get?")
    assert engine.missing_topics(query) == []
    result = answer(engine, query.text)
    assert not result.abstained and "forty-five days" in result.text


def test_dense_scores_are_ranked_within_each_language(engine: Engine) -> None:
    """e5 scores a question higher against any text in its own language: each language's scores
    are centred on the mean of its best, so the best of both languages meet."""
    rows = np.arange(len(engine.snapshot.chunks))
    dutch = engine.language_rows["nl"][rows]
    scores = np.where(dutch, 0.9, 0.8).astype(np.float32) + np.linspace(0, 0.01, len(rows), dtype=np.float32)
    centred = engine.centred(rows, scores)
    for in_language in engine.language_rows.values():
        assert abs(float(centred[in_language[rows]].mean())) < 1e-6  # fewer than CENTRE_TOP each
    assert centred[~dutch].max() > centred[dutch].min()  # English no longer trails every Dutch row
    engine.ranking = replace(engine.ranking, language_centering=0.0)
    try:
        assert np.array_equal(engine.centred(rows, scores), scores)
    finally:
        engine.ranking = type(engine.ranking)()



def test_a_passage_far_ahead_of_its_list_keeps_its_lead_in_the_fusion(engine: Engine) -> None:
    """By rank alone, the best of a list is one step ahead of the second whatever their scores;
    with score_share, a best passage scoring far above the rest adds much more than the second,
    and the list's order stays as it is."""
    r = engine.ranking
    by_rank = 1.0 / (r.rrf_k + np.arange(1, 5))
    far_ahead = engine.fusion_shares(np.array([9.0, 2.0, 1.9, 1.8]))
    evenly = engine.fusion_shares(np.array([2.3, 2.2, 2.1, 2.0]))
    assert far_ahead[0] - far_ahead[1] > 5 * (by_rank[0] - by_rank[1])
    assert far_ahead[0] - far_ahead[1] > 2 * (evenly[0] - evenly[1])
    assert all(np.diff(far_ahead) < 0) and all(np.diff(evenly) < 0)
    engine.ranking = replace(r, score_share=0.0)
    try:
        assert np.allclose(engine.fusion_shares(np.array([9.0, 2.0, 1.9, 1.8])), by_rank)
    finally:
        engine.ranking = r

def test_dense_candidates_come_from_each_language(engine: Engine) -> None:
    """The nearest chunks alone may all be in the question's language; centring needs the other
    language's best among the candidates too."""
    vector = engine.embedder.query("Hoeveel sociale huurwoningen bouwt Woonstichting Voorbeeld?")
    rows = engine.candidates(vector, 1, None)
    languages = {engine.doc_languages[engine.snapshot.chunks[int(r)].doc_id] for r in rows}
    assert languages == {"nl", "en"} and len(rows) == 2
    engine.ranking = replace(engine.ranking, language_centering=0.0)
    try:
        assert len(engine.candidates(vector, 1, None)) == 1
    finally:
        engine.ranking = type(engine.ranking)()


PREAMBLED = """Acme Font Licence

Preamble
The Acme Font Licence is the licence of the Acme Foundation. Fonts under the Acme Font Licence stay free: the Acme Foundation wants Acme fonts shared by everyone, for ever.

1. Selling. You may not sell a font on its own; you may sell it bundled with software.
2. Breach. If you break these terms your rights end; they return when you repair the breach within sixty days.
"""


def test_the_name_of_a_document_picks_it_but_not_the_passage_within_it(tmp_path) -> None:
    """A question naming a licence is searched within it by its other words: the name would
    draw it to the preamble, which repeats the name and shares nothing else with the question."""
    engine = engine_of(tmp_path, {"acme-font-licence.txt": PREAMBLED, "teststad-2024.txt": DUTCH})
    question = "What does the Acme licence say about a breach?"
    names = engine.document_names(question)
    assert "acme" in names and set(names.values()) == {frozenset({"acme-font-licence"})}
    assert without_words(question, {"acme"}) == "What does the licence say about a breach?"
    assert without_words("Acme?", {"acme"}) == "Acme?"  # nothing else to search by
    assert without_words("What does Acme say?", {"acme"}) == "What does Acme say?"  # about it as a whole
    labels = [h.chunk.label for h in engine.search(engine.understand(question))]
    assert labels[0] == "2"
    assert labels.index("Preamble") > labels.index("1")  # below every clause of the licence


def test_a_licence_question_is_on_the_topic_of_a_license(tmp_path) -> None:
    """The vocabulary's "licence" is a topic the English licence of the index speaks of in its
    own spelling ("Licence"), and of one spelt "License": neither is refused as off-topic."""
    engine = engine_of(tmp_path, {"example-license.txt": ENGLISH.replace("Licence", "License")})
    query = engine.understand("Does the licence come with a warranty?")
    assert engine.missing_topics(query) == []
    assert "without any warranty" in answer(engine, "Does the licence come with a warranty?").text


def test_the_words_that_ask_are_no_topic(engine: Engine) -> None:
    """"Welk percentage …" asks for a share: "percentage" is no topic an English licence must name."""
    query = engine.understand("Welk percentage van de software mag ik gratis delen?")
    assert "percentage" not in engine.missing_topics(query)


def test_a_topic_missing_in_translation_does_not_refuse_a_passage_in_the_other_language(engine: Engine) -> None:
    """An English question about the Dutch agreement: "households" is "huishoudens" to the
    vocabulary, a word the agreement does not use; the clause found answers all the same. A
    Dutch question whose own topic no Dutch text names is still refused."""
    english = "How many social rental homes for households will be built in 2025?"
    assert engine.missing_topics(engine.understand(english)) == ["households"]
    found = answer(engine, english)
    assert not found.abstained and found.citations[0].clause == "afspraak 1", found.text
    assert answer(engine, "Welke afspraken gelden voor arbeidsmigranten in Teststad?").abstained


def test_a_long_preposition_is_no_topic(engine: Engine) -> None:
    query = engine.understand("Hoeveel sociale huurwoningen inclusief de verkochte zijn er in 2025?")
    assert engine.missing_topics(query) == []


def test_a_town_a_law_names_is_searched_in_the_passages_naming_it(tmp_path) -> None:
    """A law is of no town: a question about its rule for Rotterdam is answered from the passages
    naming Rotterdam, not refused as a town no document is of."""
    law = (
        "Wet voorbeeldheffing\n\nArtikel 1\nDe heffing bedraagt 0,5 procent van de waarde van de woning.\n\n"
        "Artikel 2\nDe vermindering is uitsluitend van toepassing in de deelgemeenten Charlois en "
        "Feijenoord van de gemeente Rotterdam.\n"
    )
    engine = engine_of(tmp_path, {"wet-voorbeeldheffing.txt": law})
    found = answer(engine, "In welke delen van Rotterdam geldt de vermindering?")
    assert not found.abstained and found.citations[0].clause == "Artikel 2", found.text


def test_a_document_that_names_the_town_in_its_opening_is_searched_whole(tmp_path) -> None:
    """A ruling on a town's decision names the town in its opening, not in every consideration:
    a question naming the town is searched in the whole ruling, not only in the passages that
    repeat the town's name."""
    ruling = (
        "Uitspraak op het hoger beroep van appellant tegen het college van burgemeester en wethouders "
        "van Rotterdam over een bouwvergunning.\n\n1. Procesverloop\n\nHet college van Rotterdam heeft "
        "de vergunning geweigerd.\n\n2. Overwegingen\n\n2.1. Een tweede dienstwoning mag een inhoud van "
        "ten hoogste 600 kubieke meter hebben.\n\n2.2. Het hoger beroep is gegrond.\n"
    )
    engine = engine_of(tmp_path, {"uitspraak-dienstwoning.txt": ruling})
    found = answer(engine, "Hoe groot mag een tweede dienstwoning in Rotterdam zijn?")
    assert not found.abstained and found.citations[0].clause == "2.1", found.text


def test_an_english_question_whose_words_english_text_holds_is_answered_there(tmp_path) -> None:
    """Among English and Dutch texts, an English question whose words an English passage holds
    is answered from English text first: the Dutch list, reached only through translation, weighs
    no more than the English one."""
    english = (
        "Model Tenancy Agreement\n\n1. Rent. The Tenant pays the rent monthly in advance.\n\n"
        "2. Deposit. At the end of the tenancy the Landlord may deduct from the deposit any rent "
        "that remains unpaid and the cost of repairs.\n"
    )
    dutch = (
        "Huurovereenkomst woonruimte\n\n1. Huurprijs. De huurder betaalt de huur per maand vooruit.\n\n"
        "2. Waarborgsom. Bij het einde van de huurovereenkomst verrekent de verhuurder de "
        "waarborgsom met achterstallige huur en de kosten van herstel.\n"
    )
    engine = engine_of(tmp_path, {"tenancy.txt": english, "huurovereenkomst.txt": dutch})
    question = engine.understand("What may the landlord deduct from the deposit at the end of the tenancy?")
    assert [h.chunk.doc_id for h in engine.search(question)[:2]] == ["tenancy", "tenancy"]
    engine.ranking = replace(engine.ranking, own_language_match=2.0)  # never: the Dutch list doubles
    assert [h.chunk.doc_id for h in engine.search(question)[:2]] == ["tenancy", "huurovereenkomst"]


def test_a_year_in_a_documents_file_name_is_a_year_the_documents_know(tmp_path) -> None:
    """ "the 1992 housing act": a law's text seldom prints its own year; its file name does. A
    question naming that year is searched, not refused as of a year no document covers."""
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "huisvestingswet-1992.txt").write_text(
        "Huisvestingswet\n\nArtikel 19\n\n1. Burgemeester en wethouders dragen binnen twee weken nadat "
        "de woonruimte is vrijgekomen een woningzoekende voor.\n",
        "utf-8",
    )
    assert not ingest([folder], tmp_path / "index").errors
    engine = Engine.open(tmp_path / "index")
    assert engine.knows_year(1992) and not engine.knows_year(1993)
    result = answer(engine, "Binnen welke termijn dragen B&W een woningzoekende voor volgens de wet van 1992?")
    assert not result.abstained and result.citations[0].clause.startswith("Artikel 19")
