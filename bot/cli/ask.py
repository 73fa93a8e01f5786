"""`afspraken ask`: one question answered with its clauses, or a JSONL file of them as JSON lines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from bot.cli.app import IndexOption, console, fail, open_engine, settings_with


def ask(
    question: Annotated[str | None, typer.Argument(help="The question")] = None,
    jsonl: Annotated[Path | None, typer.Option(help="Batch: a JSONL file of {id, question}")] = None,
    doc: Annotated[list[str] | None, typer.Option(help="Only these documents")] = None,
    municipality: Annotated[list[str] | None, typer.Option(help="Only this municipality")] = None,
    party: Annotated[list[str] | None, typer.Option(help="Only clauses naming this party")] = None,
    year: Annotated[int | None, typer.Option(help="Only documents whose period covers this year")] = None,
    index: IndexOption = None,
) -> None:
    """Answer a question with the clauses it comes from."""
    from index.answer import answer
    from index.errors import QuestionError
    from index.types import Filters

    if (question is None) == (jsonl is None):
        raise fail("give a question or --jsonl FILE", 2)
    settings = settings_with(index)
    engine = open_engine(settings)
    filters = Filters(tuple(doc or ()), tuple(municipality or ()), tuple(party or ()), year)
    if jsonl is not None:
        for number, line in enumerate(read_lines(jsonl), start=1):
            if line.strip():
                item = question_item(jsonl, number, line)
                try:
                    result = answer(engine, item["question"], filters, max_chars=settings.max_question_chars)
                    print(json.dumps(answer_record(item.get("id"), result), ensure_ascii=False))
                except QuestionError as exc:
                    print(
                        json.dumps(
                            {"id": item.get("id"), "question": item["question"], "error": str(exc)},
                            ensure_ascii=False,
                        )
                    )
        return
    try:
        result = answer(engine, question or "", filters, max_chars=settings.max_question_chars)
    except QuestionError as exc:
        raise fail(str(exc)) from exc
    console.print(result.text, highlight=False, markup=False)
    for c in result.citations:
        where = f" · {c.section}" if c.section and c.section not in c.short else ""
        console.print(f"— {c.short}{where}", style="dim", highlight=False, markup=False)


def read_lines(path: Path) -> list[str]:
    try:
        return path.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise fail(f"{path}: cannot be read ({exc.__class__.__name__})") from exc


def question_item(path: Path, number: int, line: str) -> dict:
    """One line of a --jsonl file, or one line saying which line is wrong."""
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        raise fail(f"{path}:{number}: not JSON ({exc.msg})") from exc
    if not isinstance(item, dict) or not isinstance(item.get("question"), str):
        raise fail(f'{path}:{number}: each line must be an object with a "question" string')
    return item


def answer_record(item_id: object, result) -> dict:
    return {
        "id": item_id,
        "question": result.question,
        "answer": result.text,
        "abstained": result.abstained,
        "kind": result.kind,
        "citations": [
            {
                "doc": c.doc,
                "title": c.title,
                "section": c.section,
                "clause": c.clause,
                "pages": list(c.pages),
                "text": c.text,
            }
            for c in result.citations
        ],
        "passages": [
            {
                "rank": h.rank,
                "doc": h.chunk.source,
                "clause": h.chunk.label,
                "score": round(h.score, 6),
                "text": h.passage,
            }
            for h in result.passages[:10]
        ],
    }
