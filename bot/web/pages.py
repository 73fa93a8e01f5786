"""The chat page and the document pages, as one APIRouter (the static files are mounted by the app)."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse, HTMLResponse

from bot.web.clauses import Linker, document_info
from bot.web.deps import Cache, CurrentEngine
from bot.web.errors import ApiError
from bot.web.render import document_html, not_found_html

STATIC_DIR = Path(__file__).parent / "static"

router = APIRouter(include_in_schema=False)


@router.get("/")
def page() -> FileResponse:
    return FileResponse(STATIC_DIR / "index.html", media_type="text/html")


@router.get("/documents/{doc}", response_class=HTMLResponse)
def document_page(doc: str, engine: CurrentEngine, cache: Cache) -> HTMLResponse:
    try:
        info = document_info(engine, doc)
    except ApiError:
        return HTMLResponse(not_found_html(doc), status_code=404)
    return HTMLResponse(document_html(info, Linker(engine, cache).views(info.id)))
