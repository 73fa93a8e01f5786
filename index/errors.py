"""Named errors of searching and answering; each message is one sentence a user can act on."""

from collections.abc import Sequence


class QuestionError(ValueError):
    """The question itself cannot be answered as asked."""


class EmptyQuestion(QuestionError):
    def __init__(self) -> None:
        super().__init__("The question is empty: type a question about the agreements.")


class QuestionTooLong(QuestionError):
    def __init__(self, length: int, limit: int) -> None:
        super().__init__(
            f"The question is {length:,} characters long; ask it in at most {limit:,} characters."
        )
        self.length = length
        self.limit = limit


class IndexError_(Exception):
    """The index cannot be used."""


class IndexMissing(IndexError_):
    def __init__(self, path: str) -> None:
        super().__init__(f"No index at {path}: run `afspraken ingest corpus/` first.")


class IndexMismatch(IndexError_):
    """The index was built by another embedder, or written in an older format."""

    def __init__(self, path: str, built: str, wanted: str, *, what: str = "embedder") -> None:
        if what == "format":
            message = (
                f"The index at {path} is in format {built}, older than this version's {wanted}: "
                "re-ingest with `afspraken ingest --rebuild …`."
            )
        else:
            message = (
                f"The index at {path} was built with embedder {built!r}, not {wanted!r}: "
                "re-ingest with `afspraken ingest --rebuild …`."
            )
        super().__init__(message)


class EmbedderMissing(IndexError_):
    """The configured embedder's package is not installed; the message names the install."""


class NothingToCompare(QuestionError):
    """A compare whose --municipality or --year matches no document: the message says which exist."""


class UnknownDocument(ValueError):
    """A document id the index does not hold; the message lists those it does."""

    def __init__(self, doc: str, known: Sequence[str], message: str = "") -> None:
        listed = ", ".join(known) or "nothing"
        super().__init__(message or f"No document {doc!r} in the index; it holds: {listed}.")
        self.doc = doc
        self.known = tuple(known)


class UnclearDocument(UnknownDocument):
    """What a person typed for a document names none of the index's documents, or several
    (`index.documents.find_document`); the message lists the ones it could mean."""

    def __init__(self, wanted: str, known: Sequence[str], matches: Sequence[str] = ()) -> None:
        if matches:
            message = f"{wanted!r} names several documents: {', '.join(matches)}."
        else:
            message = f"{wanted!r} names no document; the index holds: {', '.join(known) or 'nothing'}."
        super().__init__(wanted, known, message)
        self.matches = tuple(matches)
