"""Every adapter renders an answer by its kind, in index.answer's one wording: answered, not
found, no figure stated, asked in another language (Slack blocks, a Teams card, the CLI, the API)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from bot.cli import app as cli
from bot.slack.blocks import answer_blocks, fallback_text
from bot.teams.cards import answer_card
from index.answer import NO_FIGURE, NOT_FOUND, OTHER_SCRIPT, SOURCES, answer, compose
from index.types import Answer

QUESTIONS = {
    "answered": "What did Vestia agree on sales?",
    "not_found": "Wat is er afgesproken over de huurverhoging in Amsterdam?",
    "other_language": "这份协议说了什么？",
}


@pytest.fixture(scope="module")
def answers(engine) -> dict[str, Answer]:
    found = {kind: answer(engine, question) for kind, question in QUESTIONS.items()}
    # A "how many?" whose number no passage states, rendered from a real answer's citations.
    base = found["answered"]
    quote = compose(list(base.citations[:1]), engine.understand(base.question), NO_FIGURE["en"].format(sources="agreements"))
    found["no_figure"] = replace(base, text=f"{quote}\nSearched: …", quote=quote, abstained=True, kind="no_figure")
    return found


def strings(value: Any) -> str:
    """All text in a Block Kit message or an Adaptive Card."""
    if isinstance(value, dict):
        return " ".join(strings(v) for v in value.values())
    if isinstance(value, list):
        return " ".join(strings(v) for v in value)
    return value if isinstance(value, str) else ""


def test_index_answer_sets_the_kind(answers: dict[str, Answer]) -> None:
    assert {kind: a.kind for kind, a in answers.items()} == {kind: kind for kind in answers}


@pytest.mark.parametrize("render", ["slack", "teams"])
@pytest.mark.parametrize("kind", ["answered", "not_found", "no_figure", "other_language"])
def test_chat_adapters_render_each_kind(answers: dict[str, Answer], render: str, kind: str) -> None:
    result = answers[kind]
    shown = strings(answer_blocks(result, more=False)) if render == "slack" else strings(answer_card(result, ""))
    not_found = NOT_FOUND[result.language].format(sources=SOURCES[result.language][0])  # the corpus: agreements
    if kind == "answered":
        assert result.citations[0].text[:40] in shown and not_found not in shown
    elif kind == "not_found":
        assert shown.count(not_found) == 1  # said once, in index.answer's words
    elif kind == "no_figure":
        assert NO_FIGURE["en"].format(sources="agreements") in shown and not_found not in shown
    else:
        assert "Please ask in Dutch or English" in shown and not_found not in shown
    if render == "slack":
        assert " ".join(fallback_text(result).split())[:30] in " ".join(result.text.split())


def test_the_cli_batch_carries_the_kind(corpus_index: Path, tmp_path: Path) -> None:
    batch = tmp_path / "questions.jsonl"
    batch.write_text("".join(json.dumps({"id": k, "question": q}) + "\n" for k, q in QUESTIONS.items()), "utf-8")
    result = CliRunner().invoke(cli, ["ask", "--jsonl", str(batch), "--index", str(corpus_index)])
    assert result.exit_code == 0, result.output
    records = {r["id"]: r for r in map(json.loads, result.output.splitlines())}
    assert {k: r["kind"] for k, r in records.items()} == {k: k for k in QUESTIONS}
    assert records["other_language"]["answer"] == OTHER_SCRIPT
