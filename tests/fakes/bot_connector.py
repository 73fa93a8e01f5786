"""A fake Bot Framework connector: the service Teams replies go to (the activity's serviceUrl).

A stdlib HTTP server on 127.0.0.1 (port 0) that records the full body of every
`POST /v3/conversations/{id}/activities[/{replyToId}]` and answers like the real connector
(`{"id": …}`), so tests assert on the typing indicators, texts and Adaptive Cards the bot sent.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import unquote

from tests.fakes.loopback import JsonHandler, LoopbackServer

_ACTIVITIES_PATH = re.compile(r"^/v3/conversations/([^/]+)/activities(?:/([^/?]+))?(?:\?.*)?$")


@dataclass(frozen=True, slots=True)
class PostedActivity:
    conversation_id: str
    reply_to_id: str  # "" for a new message in the conversation
    authorization: str  # the Authorization header as sent ("" when none)
    body: dict[str, Any]

    @property
    def type(self) -> str:
        return str(self.body.get("type", ""))

    @property
    def cards(self) -> list[dict[str, Any]]:
        """The Adaptive Cards attached to this activity."""
        return [
            attachment["content"]
            for attachment in self.body.get("attachments") or []
            if attachment.get("contentType") == "application/vnd.microsoft.card.adaptive"
        ]


class FakeBotConnector(LoopbackServer):
    """Use as a context manager; `.url` is the serviceUrl to put in test activities."""

    def __init__(self) -> None:
        self.posted: list[PostedActivity] = []
        self.unexpected: list[str] = []  # requests this fake does not model
        self._changed = threading.Condition()
        super().__init__(self._handler_class())

    @property
    def url(self) -> str:
        return f"{self.origin}/"

    def in_conversation(self, conversation_id: str) -> list[PostedActivity]:
        with self._changed:
            return [p for p in self.posted if p.conversation_id == conversation_id]

    def wait_for(
        self,
        conversation_id: str,
        predicate: Callable[[PostedActivity], bool],
        timeout: float = 60.0,
    ) -> PostedActivity:
        """The first activity posted to the conversation that satisfies `predicate`."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for posted in self.posted:
                    if posted.conversation_id == conversation_id and predicate(posted):
                        return posted
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = [p.type for p in self.posted if p.conversation_id == conversation_id]
                    raise TimeoutError(
                        f"nothing matching was posted to {conversation_id!r} in {timeout} s; saw {seen}"
                    )
                self._changed.wait(left)

    def _record(self, posted: PostedActivity) -> None:
        with self._changed:
            self.posted.append(posted)
            self._changed.notify_all()

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(JsonHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                match = _ACTIVITIES_PATH.match(self.path)
                if not match:
                    fake.unexpected.append(f"POST {self.path}")
                    self._reply(404, {"error": {"code": "NotFound", "message": self.path}})
                    return
                conversation_id = unquote(match.group(1))
                reply_to_id = unquote(match.group(2) or "")
                posted = PostedActivity(
                    conversation_id=conversation_id,
                    reply_to_id=reply_to_id,
                    authorization=self.headers.get("Authorization", ""),
                    body=json.loads(raw or b"{}"),
                )
                fake._record(posted)
                self._reply(200, {"id": f"reply-{len(fake.posted)}"})

            def do_GET(self) -> None:
                fake.unexpected.append(f"GET {self.path}")
                self._reply(404, {"error": {"code": "NotFound", "message": self.path}})

        return Handler
