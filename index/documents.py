"""Which document a person means: what they typed for it, matched to one of the index's documents.

One rule for every place a document is named — `ask --doc`, `clauses`, `diff`, `remove`,
`deadlines --doc`, the web's diff picker: an id ("voorbeeldstad-2024"), the id with its
extension or the file name ("voorbeeldstad-2024.pdf"), the file's path ("gemeente-a/afspraken.txt"
or a path ending in the file name), a start only one id has ("voorb"), or words only one
document's id or title holds ("Voorbeeldstad" where one document is of that town). Case does not
matter.
"""

from __future__ import annotations

from collections.abc import Sequence

from index.errors import UnclearDocument
from index.store import DocInfo
from ingest.read import SUPPORTED_SUFFIXES


def find_document(documents: Sequence[DocInfo], wanted: str) -> DocInfo:
    """The one document `wanted` names, tried in this order: the same id, file name or path, with
    or without its extension (two files of one name in two folders: the name alone names both);
    else the id or file name at the end of a path; else the only id that starts with it; else the
    only document whose id or title holds it. Raises UnclearDocument, whose message is one sentence
    listing the documents it could mean or, when it means none, every document the index holds."""
    key = wanted.strip().casefold()
    base = key.replace("\\", "/").rsplit("/", 1)[-1]
    start = bare(key)
    matches = (
        named(documents, {key, start})
        or named(documents, {base, bare(base)})
        or [d for d in documents if d.id.casefold().startswith(start)]
        or [d for d in documents if start in f"{d.id} {d.title} {d.short_title}".casefold()]
    )
    if len(matches) == 1:
        return matches[0]
    raise UnclearDocument(wanted, [d.id for d in documents], [d.id for d in matches])


def named(documents: Sequence[DocInfo], names: set[str]) -> list[DocInfo]:
    """The documents whose id, file name or path is one of `names` (casefolded)."""
    names = names - {""}
    return [d for d in documents if names & {d.id.casefold(), d.source.casefold(), d.path.casefold()}]


def bare(name: str) -> str:
    """The name without the extension of a file the index reads: "a-2024.pdf" → "a-2024"."""
    for suffix in sorted(SUPPORTED_SUFFIXES):
        name = name.removesuffix(suffix)
    return name
