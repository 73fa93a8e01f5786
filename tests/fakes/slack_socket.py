"""A fake Slack Socket Mode endpoint: a minimal WebSocket server (RFC 6455) on 127.0.0.1.

The app's Socket Mode client gets this server's ws:// URL from the fake Web API's
`apps.connections.open`, connects, receives the envelopes a test sends, and acknowledges each
with its `envelope_id`; every frame the client sends is recorded.
"""

from __future__ import annotations

import base64
import hashlib
import json
import socket
import struct
import threading
import time
from typing import Any

_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
TEXT, CLOSE, PING, PONG = 0x1, 0x8, 0x9, 0xA


class FakeSocketMode:
    def __init__(self) -> None:
        self.received: list[dict[str, Any]] = []
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._client: socket.socket | None = None
        self._send_lock = threading.Lock()
        self._changed = threading.Condition()
        self._thread = threading.Thread(target=self._accept, daemon=True)

    def __enter__(self) -> FakeSocketMode:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._listener.close()
        if self._client is not None:
            self._client.close()

    @property
    def url(self) -> str:
        host, port = self._listener.getsockname()[:2]
        return f"ws://{host}:{port}/link/?ticket=fake"

    # -------------------------------------------------------------- what tests use

    def send(self, envelope: dict[str, Any], timeout: float = 10.0) -> None:
        """Push an envelope to the connected client (waits for the client to connect)."""
        with self._changed:
            if not self._changed.wait_for(lambda: self._client is not None, timeout):
                raise AssertionError(f"no Socket Mode client connected within {timeout}s")
        self._send_frame(TEXT, json.dumps(envelope).encode())

    def wait_for_ack(self, envelope_id: str, timeout: float = 10.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for message in self.received:
                    if message.get("envelope_id") == envelope_id:
                        return message
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"no ack for envelope {envelope_id} within {timeout}s")
                self._changed.wait(left)

    # -------------------------------------------------------------- serving

    def _accept(self) -> None:
        try:
            client, _ = self._listener.accept()
        except OSError:
            return
        try:
            self._handshake(client)
        except (OSError, ValueError):
            client.close()
            return
        with self._changed:
            self._client = client
            self._changed.notify_all()
        self._send_frame(TEXT, json.dumps({"type": "hello", "num_connections": 1}).encode())
        self._read_frames(client)

    def _handshake(self, client: socket.socket) -> None:
        request = b""
        while b"\r\n\r\n" not in request:
            chunk = client.recv(4096)
            if not chunk:
                raise ValueError("connection closed during the handshake")
            request += chunk
        headers = dict(line.split(":", 1) for line in request.decode().split("\r\n")[1:] if ":" in line)
        key = next(v.strip() for k, v in headers.items() if k.strip().lower() == "sec-websocket-key")
        accept = base64.b64encode(hashlib.sha1((key + _GUID).encode()).digest()).decode()
        client.sendall(
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Accept: {accept}\r\n\r\n".encode()
        )

    def _read_frames(self, client: socket.socket) -> None:
        while True:
            try:
                opcode, payload = _read_frame(client)
            except (OSError, ConnectionError):
                return
            if opcode == TEXT:
                with self._changed:
                    self.received.append(json.loads(payload))
                    self._changed.notify_all()
            elif opcode == PING:
                self._send_frame(PONG, payload)
            elif opcode == CLOSE:
                self._send_frame(CLOSE, payload[:2])
                return

    def _send_frame(self, opcode: int, payload: bytes) -> None:
        if len(payload) < 126:
            header = struct.pack("!BB", 0x80 | opcode, len(payload))
        elif len(payload) < 65536:
            header = struct.pack("!BBH", 0x80 | opcode, 126, len(payload))
        else:
            header = struct.pack("!BBQ", 0x80 | opcode, 127, len(payload))
        with self._send_lock:
            if self._client is not None:
                self._client.sendall(header + payload)


def _read_exactly(client: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = client.recv(size - len(data))
        if not chunk:
            raise ConnectionError("closed")
        data += chunk
    return data


def _read_frame(client: socket.socket) -> tuple[int, bytes]:
    first, second = _read_exactly(client, 2)
    length = second & 0x7F
    if length == 126:
        length = struct.unpack("!H", _read_exactly(client, 2))[0]
    elif length == 127:
        length = struct.unpack("!Q", _read_exactly(client, 8))[0]
    mask = _read_exactly(client, 4) if second & 0x80 else b"\0\0\0\0"
    data = _read_exactly(client, length)
    return first & 0x0F, bytes(b ^ mask[i % 4] for i, b in enumerate(data))
