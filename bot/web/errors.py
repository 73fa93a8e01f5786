"""The API's errors: each answered with its own status and one sentence, as an `ErrorOut` body."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from bot.web.schemas import ErrorOut
from index.errors import EmptyQuestion, IndexError_, NothingToCompare, QuestionTooLong, UnknownDocument


class ApiError(Exception):
    """An error the API answers with its own status and one sentence."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


class RateLimited(ApiError):
    def __init__(self, wait: float, per_minute: int) -> None:
        super().__init__(
            429,
            "rate_limited",
            f"Too many questions: at most {per_minute} a minute; try again in {max(1, round(wait))} seconds.",
        )
        self.wait = wait


def error_response(status: int, code: str, message: str, **headers: str) -> JSONResponse:
    return JSONResponse(
        ErrorOut(error=code, message=message).model_dump(), status_code=status, headers=headers
    )


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    headers = {"Retry-After": str(max(1, round(exc.wait)))} if isinstance(exc, RateLimited) else {}
    return error_response(exc.status, exc.code, exc.message, **headers)


async def _too_long(request: Request, exc: Exception) -> Response:
    return error_response(413, "question_too_long", str(exc))


async def _empty(request: Request, exc: Exception) -> Response:
    return error_response(422, "empty_question", str(exc))


async def _nothing_to_compare(request: Request, exc: Exception) -> Response:
    # the library speaks the CLI's options ("--municipality X matches no document: …")
    return error_response(404, "nothing_to_compare", str(exc).removeprefix("--"))


async def _unknown_document(request: Request, exc: Exception) -> Response:
    return error_response(404, "unknown_document", str(exc))


async def _index_unusable(request: Request, exc: Exception) -> Response:
    return error_response(503, "index_unavailable", str(exc))


async def _invalid(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    problems = "; ".join(
        f"{'.'.join(str(p) for p in err.get('loc', ())[1:]) or 'body'}: {err.get('msg', '')}"
        for err in exc.errors()
    )
    return error_response(422, "invalid_request", f"The request is not valid: {problems}.")


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    message = exc.detail if isinstance(exc.detail, str) else "The request failed."
    return error_response(exc.status_code, "http_error", message)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(QuestionTooLong, _too_long)
    app.add_exception_handler(EmptyQuestion, _empty)
    app.add_exception_handler(NothingToCompare, _nothing_to_compare)
    app.add_exception_handler(UnknownDocument, _unknown_document)
    app.add_exception_handler(IndexError_, _index_unusable)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(StarletteHTTPException, _http_error)
