"""The command line as a person or a script uses it: exit codes and the --jsonl schema."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from bot.cli import app
from tests.conftest import ROOT

runner = CliRunner()


def test_ask_prints_answer_and_citation(corpus_index: Path) -> None:
    result = runner.invoke(app, ["ask", "What did Vestia agree on sales?", "--index", str(corpus_index)])
    assert result.exit_code == 0, result.output
    assert "According to" in result.output and "Zoetermeer" in result.output


def test_ask_jsonl_schema(corpus_index: Path, tmp_path: Path) -> None:
    questions = tmp_path / "q.jsonl"
    questions.write_text(
        "\n".join(
            json.dumps({"id": i, "question": q})
            for i, q in enumerate(
                [
                    "Wanneer moet de transitievisie in Zoetermeer klaar zijn?",
                    "Wat is de huurverhoging in Tynaarlo?",
                ]
            )
        ),
        "utf-8",
    )
    result = runner.invoke(app, ["ask", "--jsonl", str(questions), "--index", str(corpus_index)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == [0, 1]
    for line in lines:
        assert set(line) == {"id", "question", "answer", "abstained", "citations", "passages"}
        assert all(
            set(c) == {"doc", "title", "section", "clause", "pages", "text"} for c in line["citations"]
        )
        assert len(line["passages"]) == 10
        assert [p["rank"] for p in line["passages"]] == list(range(1, 11))
        assert all(set(p) == {"rank", "doc", "clause", "score", "text"} for p in line["passages"])
        assert all(p["doc"].endswith((".pdf", ".txt")) for p in line["passages"])


def test_usage_and_input_errors_have_exit_codes(corpus_index: Path, tmp_path: Path) -> None:
    assert runner.invoke(app, ["ask", "--index", str(corpus_index)]).exit_code == 2
    assert runner.invoke(app, ["ask", "x", "--index", str(tmp_path / "none")]).exit_code == 1
    too_long = runner.invoke(app, ["ask", "w" * 50_000, "--index", str(corpus_index)])
    assert too_long.exit_code == 1 and "at most 2,000" in too_long.output
    (tmp_path / "leeg.txt").write_bytes(b"")
    bad = runner.invoke(app, ["ingest", str(tmp_path / "leeg.txt"), "--index", str(tmp_path / "idx")])
    assert bad.exit_code == 1 and "leeg.txt: the file is empty" in bad.output


def test_docs_lists_documents(corpus_index: Path) -> None:
    result = runner.invoke(app, ["docs", "--index", str(corpus_index)], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for town in ("Zoetermeer", "Tynaarlo", "Westervoort", "Leidschendam-Voorburg"):
        assert town in result.output


def test_readme_commands_exist() -> None:
    """The README's commands and make targets are real (kept in step like simonw/llm's docs)."""
    readme = (ROOT / "README.md").read_text("utf-8")
    makefile = (ROOT / "Makefile").read_text("utf-8")
    for target in re.findall(r"`make ([a-z-]+)`", readme):
        assert re.search(rf"^{target}:", makefile, re.M), target
    commands = {c.name or c.callback.__name__.replace("_", "-") for c in app.registered_commands}
    for command in re.findall(r"`afspraken ([a-z]+)", readme):
        assert command in commands, command
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert "make test" in ci and "`make test`" in readme
