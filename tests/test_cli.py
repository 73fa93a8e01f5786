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
        assert set(line) == {"id", "question", "answer", "abstained", "kind", "citations", "passages"}
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


AGREEMENT_TEXT = """Prestatieafspraken Voorbeeldstad 2031

1. Gemeente Voorbeeldstad en Woonstichting De Linde bouwen in 2032 veertig sociale huurwoningen
aan de rand van het dorp, zoals eerder afgesproken in de woonvisie van de gemeente.
2. De huurverhoging blijft in 2032 gelijk aan de inflatie; partijen evalueren dat jaarlijks in
het bestuurlijk overleg met de huurders en leggen de uitkomst vast in een verslag.
"""
LAW_TEXT = """Wet van 3 maart 2031, houdende regels over de verdeling van woonruimte op de eilanden

Artikel 1

In deze wet wordt verstaan onder gemeente: de gemeente Texel of de gemeente Vlieland.

Artikel 2

Het gerechtshof Amsterdam beslist in hoger beroep over een besluit op grond van deze wet.

Artikel 3

Deze wet treedt in werking op een bij koninklijk besluit te bepalen tijdstip.
"""


def small_index(tmp_path: Path) -> Path:
    folder = tmp_path / "stukken"
    folder.mkdir()
    (folder / "voorbeeldstad-2031.txt").write_text(AGREEMENT_TEXT, "utf-8")
    (folder / "woonwet-2031.txt").write_text(LAW_TEXT, "utf-8")
    index = tmp_path / "idx"
    result = runner.invoke(app, ["ingest", str(folder), "--index", str(index)])
    assert result.exit_code == 0, result.output
    return index


def test_docs_json_gives_kind_and_leaves_a_law_without_town(tmp_path: Path) -> None:
    index = small_index(tmp_path)
    result = runner.invoke(app, ["docs", "--json", "--index", str(index)])
    assert result.exit_code == 0, result.output
    docs = {d["id"]: d for d in json.loads(result.stdout)}
    assert set(docs["voorbeeldstad-2031"]) == {
        "id", "file", "path", "title", "kind", "language", "municipality", "period", "parties", "clauses", "pages",
    }  # fmt: skip
    agreement, law = docs["voorbeeldstad-2031"], docs["woonwet-2031"]
    assert (agreement["kind"], agreement["municipality"], agreement["period"]) == ("agreement", "Voorbeeldstad", "2031")
    assert "De Linde" in agreement["parties"] and agreement["clauses"] == 2
    assert (law["kind"], law["municipality"], law["period"], law["parties"]) == ("regulation", "", "", [])
    table = runner.invoke(app, ["docs", "--index", str(index)], env={"COLUMNS": "200"})
    law_row = next(line for line in table.stdout.splitlines() if "woonwet-2031" in line)
    assert "regulation" in law_row and law_row.count("—") == 2


def test_clauses_prints_the_structure_found(tmp_path: Path) -> None:
    index = small_index(tmp_path)
    for name in ("voorbeeldstad-2031", "voorbeeldstad-2031.txt", "voorb"):
        result = runner.invoke(app, ["clauses", name, "--index", str(index)])
        assert result.exit_code == 0, result.output
        assert "afspraak 1 · p. 1" in result.stdout and "afspraak 2 · p. 1" in result.stdout
        assert result.stdout.index("afspraak 1") < result.stdout.index("afspraak 2")
        assert max(len(line) for line in result.stdout.splitlines()) <= 80
    rows = json.loads(runner.invoke(app, ["clauses", "voorb", "--json", "--index", str(index)]).stdout)
    assert [r["label"] for r in rows] == ["afspraak 1", "afspraak 2"]
    assert all(set(r) == {"label", "section", "pages", "text"} for r in rows)
    assert rows[1]["text"].startswith("De huurverhoging blijft in 2032") and rows[1]["pages"] == [1]


def test_an_unknown_document_lists_what_exists(tmp_path: Path) -> None:
    index = small_index(tmp_path)
    result = runner.invoke(app, ["clauses", "elders", "--index", str(index)])
    assert result.exit_code == 1
    message = " ".join(result.output.split())
    assert "'elders' names no document" in message and "voorbeeldstad-2031, woonwet-2031" in message


def test_two_files_of_one_name_are_two_documents(tmp_path: Path) -> None:
    for town in ("gemeente-a", "gemeente-b"):
        (tmp_path / town).mkdir()
        (tmp_path / town / "afspraken-2031.txt").write_text(AGREEMENT_TEXT.replace("Voorbeeldstad", town), "utf-8")
    index = tmp_path / "idx"
    first = runner.invoke(app, ["ingest", str(tmp_path / "gemeente-a"), "--index", str(index)])
    second = runner.invoke(app, ["ingest", str(tmp_path / "gemeente-b"), "--index", str(index)])
    assert first.exit_code == 0 and second.exit_code == 0, second.output
    assert "another file is also named afspraken-2031" in second.output
    again = runner.invoke(app, ["ingest", str(tmp_path / "gemeente-a" / "afspraken-2031.txt"), "--index", str(index)])
    assert again.exit_code == 0 and "unchanged skipped" in again.output  # the same file, by its path
    docs = json.loads(runner.invoke(app, ["docs", "--json", "--index", str(index)]).stdout)
    assert len(docs) == 2 and len({d["id"] for d in docs}) == 2
    assert {d["path"] for d in docs} == {"gemeente-a/afspraken-2031.txt", "gemeente-b/afspraken-2031.txt"}
    assert "afspraken-2031" in {d["id"] for d in docs}  # the first keeps its stem


def test_both_files_of_one_name_in_one_ingest(tmp_path: Path) -> None:
    for town in ("gemeente-a", "gemeente-b"):
        (tmp_path / "alle" / town).mkdir(parents=True)
        (tmp_path / "alle" / town / "afspraken-2031.txt").write_text(AGREEMENT_TEXT.replace("Voorbeeldstad", town), "utf-8")
    result = runner.invoke(app, ["ingest", str(tmp_path / "alle"), "--index", str(tmp_path / "idx")])
    assert result.exit_code == 0, result.output
    assert "2 documents" in result.output
    docs = json.loads(runner.invoke(app, ["docs", "--json", "--index", str(tmp_path / "idx")]).stdout)
    assert sorted(d["file"] for d in docs) == ["afspraken-2031.txt", "alle/gemeente-b/afspraken-2031.txt"]


def test_an_index_in_an_older_format_asks_for_a_rebuild(tmp_path: Path) -> None:
    index = small_index(tmp_path)
    manifest = (index / "CURRENT" / "manifest.json").resolve()
    data = json.loads(manifest.read_text("utf-8"))
    manifest.write_text(json.dumps({**data, "format": data["format"] - 1}), "utf-8")
    result = runner.invoke(app, ["docs", "--index", str(index)])
    assert result.exit_code == 1
    assert "older than this version" in result.output and "--rebuild" in result.output
    assert "Traceback" not in result.output
    rebuilt = runner.invoke(app, ["ingest", str(tmp_path / "stukken"), "--rebuild", "--index", str(index)])
    assert rebuilt.exit_code == 0, rebuilt.output


def test_user_mistakes_get_one_line_and_exit_1(corpus_index: Path, tmp_path: Path, monkeypatch) -> None:
    runner = CliRunner()
    bad = tmp_path / "questions.jsonl"
    bad.write_text('{"id": 1, "question": "Wie betaalt?"}\n{"id": 2, "vraag": "huur"}\n', "utf-8")
    jsonl = runner.invoke(app, ["ask", "--jsonl", str(bad), "--index", str(corpus_index)])
    assert jsonl.exit_code == 1 and f"{bad}:2:" in jsonl.output and "Traceback" not in jsonl.output

    missing = runner.invoke(app, ["eval", str(tmp_path / "nergens.jsonl"), "--index", str(corpus_index)])
    assert missing.exit_code == 1 and "cannot be read" in missing.output

    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-not-a-real-token")  # the signing secret is missing
    serve = runner.invoke(app, ["serve", "--index", str(corpus_index), "--port", "0"])
    assert serve.exit_code == 1 and "SLACK_SIGNING_SECRET" in serve.output
    assert serve.exception is None or isinstance(serve.exception, SystemExit)


def test_the_default_install_carries_no_torch() -> None:
    """torch and sentence-transformers are an extra: the default embedder needs numpy only."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    names = {re.split(r"[<>=\[; ]", d)[0].lower() for d in project["dependencies"]}
    assert not names & {"torch", "sentence-transformers", "dateparser"}
    assert "sentence-transformers" in project["optional-dependencies"]


def test_deadline_and_budget_tables_fit_80_columns_one_table_per_document(corpus_index: Path) -> None:
    """In 80 columns each document gets a table titled by it, so the source column holds only the
    clause; names wrap at words ("corporaties", not "woningcorpor|aties")."""
    from index.store import load_snapshot

    titles = {d.short_title for d in load_snapshot(corpus_index).documents}
    for command in ("deadlines", "budgets"):
        result = runner.invoke(app, [command, "--index", str(corpus_index)], env={"COLUMNS": "80"})
        assert result.exit_code == 0, result.output
        lines = [line.strip() for line in result.stdout.splitlines()]
        assert max(len(line) for line in result.stdout.splitlines()) <= 80
        assert len(titles & set(lines)) >= 2, lines[:5]  # a table titled by each document
        assert not any(line.endswith(("woningcorpor", "halfjaarlijk")) for line in lines)


def test_docs_in_80_columns_keeps_each_id_whole(corpus_index: Path) -> None:
    """The id is what people type for --doc: it is never folded, the rest wraps beside it."""
    from index.store import load_snapshot

    result = runner.invoke(app, ["docs", "--index", str(corpus_index)], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    for doc in load_snapshot(corpus_index).documents:
        assert any(line.strip().startswith(doc.id + " ") for line in lines), doc.id
