"""One writer at a time: concurrent ingests keep each other's documents; remove swaps atomically."""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

AGREEMENT = (
    "Prestatieafspraken Gemeente {town} 2026\n\n"
    "De gemeente {town} en Woonstichting {corp} maken de volgende afspraken.\n\n"
    "1. Woonstichting {corp} bouwt in 2026 veertig sociale huurwoningen in {town}.\n\n"
    "2. De gemeente {town} levert uiterlijk 1 juli 2026 de grond.\n"
)


def afspraken(*args: str, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    command = [sys.executable, "-m", "bot.cli", *args]
    return subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, **kwargs
    )


def write(tmp_path: Path, town: str, corp: str) -> Path:
    path = tmp_path / f"prestatieafspraken-{town.lower()}.txt"
    path.write_text(AGREEMENT.format(town=town, corp=corp), "utf-8")
    return path


def doc_ids(index: Path) -> set[str]:
    run = afspraken("docs", "--json", "--index", str(index))
    out, err = run.communicate(timeout=120)
    assert run.returncode == 0, err
    return {d["id"] for d in json.loads(out)}


@pytest.mark.slow
def test_two_ingests_at_once_keep_both_documents(tmp_path: Path) -> None:
    index = tmp_path / "index"
    first = afspraken("ingest", str(write(tmp_path, "Oostwaard", "Hoeksteen")), "--index", str(index))
    second = afspraken("ingest", str(write(tmp_path, "Zandhove", "Duinrand")), "--index", str(index))
    for run in (first, second):
        _, err = run.communicate(timeout=300)
        assert run.returncode == 0, err

    assert doc_ids(index) == {"prestatieafspraken-oostwaard", "prestatieafspraken-zandhove"}


@pytest.mark.slow
def test_an_ingest_waits_for_the_writer_and_says_so(tmp_path: Path) -> None:
    index = tmp_path / "index"
    index.mkdir()
    log = tmp_path / "stderr.txt"
    with (index / ".lock").open("a") as held, log.open("w") as stderr:
        fcntl.flock(held, fcntl.LOCK_EX)
        env = {**os.environ, "HF_HUB_OFFLINE": "1"}
        path = write(tmp_path, "Oostwaard", "Hoeksteen")
        command = [sys.executable, "-m", "bot.cli", "ingest", str(path), "--index", str(index)]
        run = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr, env=env)
        deadline = time.monotonic() + 60
        while "waiting" not in log.read_text() and run.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        assert "waiting" in log.read_text()
        assert run.poll() is None and not (index / "CURRENT").exists()  # it waits, writing nothing
        fcntl.flock(held, fcntl.LOCK_UN)
    assert run.wait(timeout=300) == 0, log.read_text()
    assert doc_ids(index) == {"prestatieafspraken-oostwaard"}


@pytest.mark.slow
def test_remove_drops_a_document_and_keeps_the_rest(tmp_path: Path) -> None:
    index = tmp_path / "index"
    paths = [write(tmp_path, "Oostwaard", "Hoeksteen"), write(tmp_path, "Zandhove", "Duinrand")]
    ingest = afspraken("ingest", *map(str, paths), "--index", str(index))
    _, err = ingest.communicate(timeout=300)
    assert ingest.returncode == 0, err
    before = (index / "CURRENT").resolve()

    run = afspraken("remove", "prestatieafspraken-zand", "--index", str(index))
    out, err = run.communicate(timeout=300)

    assert run.returncode == 0, err
    assert "prestatieafspraken-zandhove" in out
    assert doc_ids(index) == {"prestatieafspraken-oostwaard"}
    assert (index / "CURRENT").resolve() != before  # a new version, swapped in

    missing = afspraken("remove", "nergens", "--index", str(index))
    _, err = missing.communicate(timeout=120)
    assert missing.returncode == 1 and "nergens" in err and "Traceback" not in err
