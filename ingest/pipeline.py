"""Paths → documents: find the files, read each, and report every file that failed."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from ingest.errors import IngestError, NothingToRead, UnsupportedType
from ingest.extract import extract_amounts, extract_deadlines
from ingest.read import SUPPORTED_SUFFIXES, read_file
from ingest.structure import parse_document
from ingest.types import Document, FileError

# Bump when reading, structure, chunking or extraction changes what a file yields: an index built
# by older code then reads its files again on the next ingest instead of skipping them as unchanged.
READER_VERSION = "3"


def collect_files(paths: list[Path]) -> tuple[list[Path], list[FileError]]:
    """Files to read under the given paths; a directory with nothing to read is an error."""
    files: list[Path] = []
    errors: list[FileError] = []
    for path in paths:
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
            )
            if not found:
                error = NothingToRead(str(path), "the directory holds no PDF or .txt file to read")
                errors.append(FileError(str(path), str(error)))
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            errors.append(FileError(str(path), f"{path}: no such file or directory"))
    return files, errors


def read_document(path: Path, *, max_pages: int = 1500) -> Document:
    """One file → one Document with its clauses, deadlines and amounts; raises IngestError."""
    raw = read_file(path, max_pages=max_pages)
    document = parse_document(raw, path)
    if not document.clauses:
        raise UnsupportedType(str(path), "no text could be read as clauses")
    return with_extractions(document)


def with_extractions(document: Document) -> Document:
    """Deadlines and amounts of every clause, found once at ingest and stored in the index."""
    deadlines = tuple(d for clause in document.clauses for d in extract_deadlines(clause))
    amounts = tuple(a for clause in document.clauses for a in extract_amounts(clause, document.parties))
    return replace(document, deadlines=deadlines, amounts=amounts)


def read_documents(files: list[Path], *, max_pages: int = 1500) -> Iterator[Document | FileError]:
    for path in files:
        try:
            yield read_document(path, max_pages=max_pages)
        except IngestError as error:
            yield FileError(str(path), str(error))
        except (OSError, UnicodeError) as error:
            yield FileError(str(path), f"{path}: cannot be read ({error.__class__.__name__})")
