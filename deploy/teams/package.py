"""Builds the Teams app package for sideloading: manifest.json + color.png + outline.png, zipped.

    AFSPRAKEN_TEAMS_APP_ID=<bot's app id> AFSPRAKEN_PUBLIC_URL=https://afspraken.example.nl \
        python deploy/teams/package.py [--out build/afspraken-teams.zip]

The ${{…}} placeholders in manifest.json are filled from those variables; the icons' sizes are
checked (192x192 and 32x32, as Teams requires).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import struct
import sys
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).parent
ICONS = {"color.png": 192, "outline.png": 32}
GUID = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")


class PackageError(Exception):
    pass


def placeholders(environ: dict[str, str]) -> dict[str, str]:
    app_id = environ.get("AFSPRAKEN_TEAMS_APP_ID", "")
    public_url = environ.get("AFSPRAKEN_PUBLIC_URL", "").rstrip("/")
    if not GUID.match(app_id):
        raise PackageError("Set AFSPRAKEN_TEAMS_APP_ID to the bot's app id (a GUID).")
    parts = urlsplit(public_url)
    if parts.scheme != "https" or not parts.hostname:
        raise PackageError("Set AFSPRAKEN_PUBLIC_URL to the https URL the bot is served at.")
    return {
        "AFSPRAKEN_TEAMS_APP_ID": app_id,
        "AFSPRAKEN_PUBLIC_URL": public_url,
        "AFSPRAKEN_PUBLIC_HOST": parts.hostname,
    }


def filled_manifest(values: dict[str, str]) -> str:
    text = (HERE / "manifest.json").read_text(encoding="utf-8")
    text = re.sub(r"\$\{\{(\w+)\}\}", lambda m: values[m.group(1)], text)
    json.loads(text)  # still JSON
    return text


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise PackageError(f"{path.name} is not a PNG.")
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def build(out: Path, environ: dict[str, str]) -> Path:
    manifest = filled_manifest(placeholders(environ))
    for name, size in ICONS.items():
        if png_size(HERE / name) != (size, size):
            raise PackageError(f"{name} must be {size}x{size} pixels.")
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("manifest.json", manifest)
        for name in ICONS:
            package.write(HERE / name, name)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("build/afspraken-teams.zip"))
    args = parser.parse_args()
    try:
        path = build(args.out, dict(os.environ))
    except PackageError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
