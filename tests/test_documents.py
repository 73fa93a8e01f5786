"""One rule for naming a document (index.documents): id, file name, path, the id without its
extension, a start of an id, or words of a title — one match, or one sentence listing the choices."""

from __future__ import annotations

import pytest

from index.documents import find_document
from index.errors import UnclearDocument, UnknownDocument
from index.store import DocInfo


def info(doc_id: str, source: str, path: str = "", title: str = "") -> DocInfo:
    return DocInfo(
        id=doc_id,
        source=source,
        sha256="",
        title=title or doc_id,
        short_title=title or doc_id,
        municipality="",
        period="",
        parties=(),
        page_count=1,
        clause_count=1,
        path=path or source,
    )


DOCS = [
    info("teststad-2031", "teststad-2031.pdf", title="Prestatieafspraken Teststad 2031"),
    info("teststad-2032", "teststad-2032.txt", title="Prestatieafspraken Teststad 2032"),
    info("ander-2031", "ander-2031.pdf", title="Jaarverslag Anderdorp"),
    info("plan-2031", "plan-2031.txt", "noord/plan-2031.txt"),
    info("plan-2031-1a2b3c", "plan-2031.txt", "zuid/plan-2031.txt"),
]


@pytest.mark.parametrize(
    ("wanted", "found"),
    [
        ("teststad-2031", "teststad-2031"),  # the id
        ("TESTSTAD-2031", "teststad-2031"),  # in any case
        ("teststad-2032.txt", "teststad-2032"),  # the file name
        ("teststad-2031.txt", "teststad-2031"),  # the id with another extension
        ("corpus/ander-2031.pdf", "ander-2031"),  # a path ending in the file name
        ("zuid/plan-2031.txt", "plan-2031-1a2b3c"),  # the path of one of two files of one name
        ("plan-2031", "plan-2031"),  # the id wins over the start of the other id
        ("ande", "ander-2031"),  # the start of one id
        ("anderdorp", "ander-2031"),  # words of one title
        (" ander-2031 ", "ander-2031"),
    ],
)
def test_a_document_is_found_by_what_a_person_types(wanted: str, found: str) -> None:
    assert find_document(DOCS, wanted).id == found


def test_none_or_several_is_one_sentence_listing_the_choices() -> None:
    with pytest.raises(
        UnclearDocument,
        match=r"^'elders' names no document; the index holds: teststad-2031, .*plan-2031-1a2b3c\.$",
    ):
        find_document(DOCS, "elders")
    with pytest.raises(
        UnclearDocument, match=r"^'teststad' names several documents: teststad-2031, teststad-2032\.$"
    ):
        find_document(DOCS, "teststad")
    with pytest.raises(UnclearDocument, match="names several documents: plan-2031, plan-2031-1a2b3c"):
        find_document(DOCS, "plan-2031.txt")  # the file name of two files
    with pytest.raises(UnknownDocument, match="the index holds: nothing"):
        find_document([], "teststad")


def test_the_error_carries_what_was_typed_and_the_choices() -> None:
    with pytest.raises(UnclearDocument) as raised:
        find_document(DOCS, "teststad")
    assert raised.value.doc == "teststad"
    assert raised.value.matches == ("teststad-2031", "teststad-2032")
    assert raised.value.known == tuple(d.id for d in DOCS)
