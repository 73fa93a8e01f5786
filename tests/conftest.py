"""Shared fixtures: one corpus index per session, a clean environment, no traffic off this machine."""

from __future__ import annotations

import ipaddress
import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from ingest.pipeline import read_document
from ingest.types import Document

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"


def document_from_text(tmp_path: Path, text: str, name: str = "afspraken.txt") -> Document:
    """A document written for a test: the text saved as `name` (its suffix says how it is read),
    then read as ingest reads it."""
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return read_document(path)


def clause_texts(tmp_path: Path, text: str, name: str = "afspraken.txt") -> dict[str, str]:
    """Each clause's text by its label, of a document written for a test (document_from_text)."""
    return {c.label: c.text for c in document_from_text(tmp_path, text, name).clauses}


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Settings come from the test, never from the developer's shell."""
    for name in list(os.environ):
        if name.startswith(("AFSPRAKEN_", "SLACK_")):
            monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")


_real_connect = socket.socket.connect


def _loopback_only(self: socket.socket, address: object) -> object:
    if isinstance(address, tuple) and address:
        host = str(address[0])
        try:
            allowed = ipaddress.ip_address(host).is_loopback
        except ValueError:
            allowed = host in {"localhost"}
        if not allowed:
            raise AssertionError(f"test tried to connect off this machine: {address!r}")
    return _real_connect(self, address)


@pytest.fixture(autouse=True, scope="session")
def no_network() -> Iterator[None]:
    socket.socket.connect = _loopback_only  # type: ignore[method-assign]
    yield
    socket.socket.connect = _real_connect  # type: ignore[method-assign]


@pytest.fixture(scope="session")
def corpus_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped corpus ingested once per test session with the real default embedder."""
    from index.build import ingest

    reuse = os.environ.get("AFSPRAKEN_TEST_INDEX")  # developers may point at a prebuilt index
    if reuse and (Path(reuse) / "CURRENT").exists():
        return Path(reuse)
    path = tmp_path_factory.mktemp("corpus-index")
    report = ingest([CORPUS], path)
    assert not report.errors, report.errors
    return path


@pytest.fixture(scope="session")
def engine(corpus_index: Path):
    from index.search import Engine

    return Engine.open(corpus_index)


@pytest.fixture(scope="session")
def versions_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/data/versions/ (two years of two invented towns and a neighbour) ingested once per session."""
    from index.build import ingest

    path = tmp_path_factory.mktemp("versions-index")
    report = ingest([ROOT / "tests" / "data" / "versions"], path)
    assert not report.errors, report.errors
    return path
