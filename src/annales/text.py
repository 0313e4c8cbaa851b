"""Small text helpers shared by the stages."""
from __future__ import annotations

import unicodedata


def fold(s: str | None) -> str:
    """Lower-case, strip accents, unify apostrophes and dashes: the key for dictionary lookups."""
    s = unicodedata.normalize("NFKD", s or "")
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return s.replace("\u2019", "'").replace("\u2010", "-").replace("\u2011", "-").replace("\u2013", "-").strip()
