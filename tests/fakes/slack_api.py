"""A fake Slack Web API on 127.0.0.1: records every request body, answers like Slack does.

Serves `/api/<method>` (chat.postMessage, chat.postEphemeral, reactions.add/remove, auth.test,
conversations.replies, apps.connections.open) and `/respond/<name>` (the `response_url` of slash
commands and button clicks). Tests read `requests` and wait for the ones they expect with
`wait_for`, which polls with a timeout instead of sleeping a fixed time.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qsl

from tests.fakes.loopback import JsonHandler, LoopbackServer

BOT_USER_ID = "UAFSPRAKEN"
BOT_ID = "BAFSPRAKEN"


@dataclass(frozen=True, slots=True)
class Recorded:
    """One request the fake received: `name` is the API method or "respond"."""

    name: str
    path: str
    headers: dict[str, str]
    body: dict[str, Any]

    @property
    def blocks(self) -> list[dict[str, Any]]:
        blocks = self.body.get("blocks") or []
        return json.loads(blocks) if isinstance(blocks, str) else blocks

    @property
    def block_text(self) -> str:
        """All text in the blocks, for assertions on what a person would read."""
        return json.dumps(self.blocks, ensure_ascii=False)


class FakeSlackApi(LoopbackServer):
    def __init__(self) -> None:
        self.requests: list[Recorded] = []
        self.thread_messages: dict[str, list[dict[str, Any]]] = {}  # thread ts → messages
        self.websocket_url = ""  # what apps.connections.open hands out (Socket Mode tests)
        self._changed = threading.Condition()
        super().__init__(self._handler_class())

    @property
    def api_url(self) -> str:
        """What AFSPRAKEN_SLACK_API_URL points at (WebClient's base_url)."""
        return f"{self.origin}/api/"

    def response_url(self, name: str) -> str:
        return f"{self.origin}/respond/{name}"

    # -------------------------------------------------------------- what tests read

    def named(self, *names: str) -> list[Recorded]:
        with self._changed:
            return [r for r in self.requests if r.name in names]

    def clear(self) -> None:
        with self._changed:
            self.requests.clear()

    def wait_for(
        self,
        name: str,
        count: int = 1,
        timeout: float = 30.0,
        where: Callable[[Recorded], bool] = lambda r: True,
    ) -> list[Recorded]:
        """Block until `count` matching requests arrived; fail the test after `timeout`."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                found = [r for r in self.requests if r.name == name and where(r)]
                if len(found) >= count:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = [r.name for r in self.requests]
                    raise AssertionError(f"waited {timeout}s for {count}× {name}; saw {seen}")
                self._changed.wait(left)

    def counts(self) -> dict[str, int]:
        with self._changed:
            tally: dict[str, int] = {}
            for r in self.requests:
                tally[r.name] = tally.get(r.name, 0) + 1
            return tally

    # -------------------------------------------------------------- serving

    def _record(self, recorded: Recorded) -> None:
        with self._changed:
            self.requests.append(recorded)
            self._changed.notify_all()

    def _reply_to(self, name: str, body: dict[str, Any]) -> dict[str, Any]:
        if name == "auth.test":
            return {
                "ok": True,
                "user_id": BOT_USER_ID,
                "bot_id": BOT_ID,
                "team_id": "TFAKE",
                "user": "afspraken",
                "team": "Fake",
                "url": "https://fake.slack.com/",
            }
        if name == "chat.postMessage":
            ts = f"{time.time():.6f}"
            return {
                "ok": True,
                "channel": body.get("channel"),
                "ts": ts,
                "message": {"text": body.get("text", ""), "ts": ts},
            }
        if name == "chat.postEphemeral":
            return {"ok": True, "message_ts": f"{time.time():.6f}"}
        if name == "conversations.replies":
            return {"ok": True, "messages": self.thread_messages.get(str(body.get("ts")), [])}
        if name == "apps.connections.open":
            return {"ok": True, "url": self.websocket_url}
        return {"ok": True}

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(JsonHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode("utf-8")
                body = _parse_body(raw, self.headers.get("Content-Type", ""))
                if self.path.startswith("/respond/"):
                    name, reply = "respond", {"ok": True}
                else:
                    name = self.path.removeprefix("/api/").split("?")[0]
                    reply = fake._reply_to(name, body)
                fake._record(Recorded(name, self.path, dict(self.headers.items()), body))
                self._reply(200, reply)

        return Handler


def _parse_body(raw: str, content_type: str) -> dict[str, Any]:
    if not raw:
        return {}
    if content_type.startswith("application/json"):
        return json.loads(raw)
    return dict(parse_qsl(raw, keep_blank_values=True))
