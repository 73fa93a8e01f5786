"""Where a clause lives on the web page: one anchor per clause, made from its label and its id, so
two clauses with the same label ("Overige opmerkingen") are never confused by a link."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote, urlencode


def slugify(label: str) -> str:
    """An HTML id from a clause label: "Afspraak 12" → "afspraak-12", "§3.1.2" → "3-1-2"."""
    plain = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "clause"


def clause_anchor(label: str, clause_id: str) -> str:
    """"afspraak-12-3fa9c1": readable, and unique through the clause's content id."""
    return f"{slugify(label)}-{clause_id[:6]}" if clause_id else slugify(label)


def document_url(doc_id: str, anchor: str = "") -> str:
    return f"/documents/{quote(doc_id)}" + (f"#{anchor}" if anchor else "")


def compare_url(topic: str) -> str:
    """The web page's Vergelijken tab opened on a topic: "/?compare=buurtbemiddeling"."""
    return "/?" + urlencode({"compare": " ".join(topic.split())})


def clause_url(public_url: str, doc_id: str, label: str, clause_id: str) -> str:
    """A clause on the public web page, for links from Slack and Teams ("" without a public URL)."""
    if not public_url:
        return ""
    return public_url.rstrip("/") + document_url(doc_id, clause_anchor(label, clause_id))
