"""Every response's security headers; request bodies counted as they stream and refused past a limit;
an unexpected error turned into a generic 500 (logged here, never shown to the client)."""

from __future__ import annotations

import logging

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.web.errors import error_response

log = logging.getLogger("afspraken.web")
MAX_BODY_BYTES = 64 * 1024

PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'"
)
# FastAPI's Swagger UI loads its bundle from a CDN and starts it with an inline script.
DOCS_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'self' https://cdn.jsdelivr.net; img-src 'self' data: https://fastapi.tiangolo.com; "
    "frame-ancestors 'none'"
)


class SecurityHeaders:
    """Adds CSP, nosniff and no-referrer to every response; refuses oversized bodies; turns an
    unexpected error into a generic 500 (logged here, never shown to the client)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        csp = DOCS_CSP if path.startswith("/docs") else PAGE_CSP
        headers_to_add = [
            (b"content-security-policy", csp.encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"no-referrer"),
            (b"x-frame-options", b"DENY"),
        ]

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + headers_to_add
            await send(message)

        body: bytes | None = None
        too_large = _body_too_large(scope)
        if not too_large and scope.get("method") in ("POST", "PUT", "PATCH"):
            body = await read_body(receive)
            too_large = body is None
        if too_large:
            response = error_response(
                413, "body_too_large", f"The request body is over {MAX_BODY_BYTES:,} bytes."
            )
            await response(scope, receive, send_with_headers)
            return
        replay = receive if body is None else replaying(body, receive)
        started = False

        async def send_tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send_with_headers(message)

        try:
            await self.app(scope, replay, send_tracked)
        except Exception:
            log.exception("unexpected error answering %s %s", scope.get("method"), path)
            if started:
                raise
            response = error_response(500, "internal_error", "Something went wrong on our side.")
            await response(scope, receive, send_with_headers)


async def read_body(receive: Receive) -> bytes | None:
    """The request body, read as it streams in and given up past MAX_BODY_BYTES (None): a chunked
    body has no Content-Length to refuse it by."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return b"".join(chunks)
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


def replaying(body: bytes, receive: Receive) -> Receive:
    """A receive that hands the app the body already read, then waits on the client as before."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


def _body_too_large(scope: Scope) -> bool:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value) > MAX_BODY_BYTES
            except ValueError:
                return True
    return False
