"""How questions and passages are cut into words: footnote markers, compounds, question frames."""

from __future__ import annotations

from index.lexicon import CompoundSplitter, analyse, inflections, lookup_forms, spelling_variants, words
from index.lookup import without_cues
from index.retrievers import build_bm25
from index.types import Chunk


def test_footnote_marker_against_a_word_is_not_part_of_it() -> None:
    assert words("de locaties uit de Versnellingsagenda6 en 120 woningen4") == [
        "de", "locaties", "uit", "de", "versnellingsagenda", "en", "120", "woningen",
    ]  # fmt: skip
    assert " ".join(words("CO2-neutraal in Q2 2026 langs de A12")) == "co2 neutraal in q2 2026 langs de a12"


def test_compound_with_a_linking_s_keeps_the_s_on_its_head() -> None:
    splitter = CompoundSplitter(["voorrang", "woning", "voorraad", "huur", "verhoging"])
    assert splitter.parts("voorrangsregeling") == ["voorrang", "regeling"]
    assert splitter.parts("woningvoorraad") == ["woning", "voorraad"]
    assert splitter.parts("huurverhoging") == ["huur", "verhoging"]
    assert set(analyse("regeling")) <= set(analyse("voorrangsregeling", splitter))


def test_question_frames_are_not_what_a_question_is_about() -> None:
    assert words(without_cues("How much does each corporation pay per year for the flat coach?")) == [
        "does", "corporation", "for", "the", "flat", "coach",
    ]  # fmt: skip
    assert (
        " ".join(words(without_cues("Uiterlijk wanneer levert Woonborg jaarlijks het bod?")))
        == "levert woonborg het bod"
    )


def test_british_and_american_spellings_are_one_word() -> None:
    """A question about a "licence" is about a text that says "License"."""
    assert spelling_variants("licence") == ["license"]
    assert spelling_variants("license") == ["licence"]
    assert "behavior" in spelling_variants("behaviour") and "centre" in spelling_variants("center")
    assert spelling_variants("four") == [] and spelling_variants("hour") == []  # too short to respell
    assert {"licence", "license"} <= set(lookup_forms("licences"))
    assert "software license" in lookup_forms("software licence")


def chunk(n: int, text: str) -> Chunk:
    return Chunk(
        id=f"p{n}", clause_id=f"c{n}", doc_id="regeling", source="regeling.txt", title="Regeling",
        municipality="", period="", section="", label=f"Artikel {n}", kind="artikel", pages=(1,),
        text=text, parties=(),
    )  # fmt: skip


def test_a_dutch_verb_meets_its_forms_with_t_and_d() -> None:
    """ "Hoe lang bewaren we de administratie?" is answered by "wordt … tien jaar bewaard": the
    stemmer leaves bewaar and bewaard apart, so the search also asks for the forms some passage
    holds. Short stems have no such forms ("kan" is no form of "ka")."""
    assert inflections("bewaar") == ["bewaart", "bewaard"] and "betaal" in inflections("betaald")
    assert inflections("kan") == [] and inflections("2026") == []
    lexical = build_bm25(
        [chunk(1, "De administratie wordt na afloop nog tien jaar bewaard."), chunk(2, "De administratie wordt gevoerd.")]
    )
    asked = analyse("Hoe lang bewaren we de administratie?", lexical.splitter)
    forms = lexical.inflections(asked)
    assert forms == ["bewaard"]
    before, after = lexical.scores(asked), lexical.scores(asked + forms)
    assert before[0] < before[1] and after[0] > after[1]  # the shorter passage led on its own
