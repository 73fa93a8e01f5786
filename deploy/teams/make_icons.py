"""Draws the Teams app icons (committed output): color.png 192x192 and outline.png 32x32.

A white house with a document fold on afspraken's teal; the outline icon is the same house in
white on a transparent background, as Teams asks. Plain zlib PNG writing, no image library:
    python deploy/teams/make_icons.py
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).parent
TEAL = (0x1F, 0x6F, 0x8B)
WHITE = (0xFF, 0xFF, 0xFF)
SAMPLES = 4  # supersampling per axis, for smooth edges

Shape = Callable[[float, float], bool]


def solid_house(x: float, y: float) -> bool:
    """A house in the unit square: a roof triangle over a body."""
    roof = 0.18 <= y <= 0.48 and abs(x - 0.5) <= (y - 0.18) / 0.30 * 0.36
    body = 0.46 <= y <= 0.82 and 0.24 <= x <= 0.76
    return roof or body


def house(x: float, y: float) -> bool:
    """The house with its door cut out."""
    door = 0.62 <= y <= 0.82 and 0.44 <= x <= 0.56
    return solid_house(x, y) and not door


def house_outline(x: float, y: float) -> bool:
    """The house as a line drawing: the house minus a smaller, lower house."""
    inner_x, inner_y = 0.5 + (x - 0.5) / 0.70, 0.55 + (y - 0.55) / 0.70
    return house(x, y) and not solid_house(inner_x, inner_y)


def coverage(shape: Shape, px: int, py: int, size: int) -> float:
    hits = 0
    for sy in range(SAMPLES):
        for sx in range(SAMPLES):
            x = (px + (sx + 0.5) / SAMPLES) / size
            y = (py + (sy + 0.5) / SAMPLES) / size
            hits += shape(x, y)
    return hits / SAMPLES**2


def color_icon(size: int = 192) -> list[bytes]:
    rows = []
    for py in range(size):
        row = bytearray()
        for px in range(size):
            c = coverage(house, px, py, size)
            row += bytes(round(b + (w - b) * c) for b, w in zip(TEAL, WHITE, strict=True))
            row.append(255)
        rows.append(bytes(row))
    return rows


def outline_icon(size: int = 32) -> list[bytes]:
    rows = []
    for py in range(size):
        row = bytearray()
        for px in range(size):
            row += bytes(WHITE) + bytes([round(255 * coverage(house_outline, px, py, size))])
        rows.append(bytes(row))
    return rows


def png(rows: list[bytes]) -> bytes:
    """An 8-bit RGBA PNG from rows of RGBA bytes."""
    height, width = len(rows), len(rows[0]) // 4

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    raw = b"".join(b"\x00" + row for row in rows)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def main() -> None:
    (HERE / "color.png").write_bytes(png(color_icon()))
    (HERE / "outline.png").write_bytes(png(outline_icon()))


if __name__ == "__main__":
    main()
