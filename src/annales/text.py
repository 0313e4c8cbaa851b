"""Small text helpers shared by the stages."""
from __future__ import annotations

import unicodedata
from functools import lru_cache

# letters that Unicode does not decompose into a base letter and an accent
_UNDECOMPOSED = str.maketrans({"đ": "d", "Đ": "D", "Ð": "D", "ð": "d", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L",
                               "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss", "ı": "i"})
_PUNCT = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bb": "'", "\u02bc": "'", "\u2010": "-", "\u2011": "-", "\u2013": "-"})


@lru_cache(maxsize=200_000)
def fold(s: str | None) -> str:
    """Lower-case, strip accents, unify apostrophes and dashes: the key for dictionary lookups."""
    s = s or ""
    if s.isascii():
        return s.lower().strip()
    s = unicodedata.normalize("NFKD", s.translate(_UNDECOMPOSED))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return s.translate(_PUNCT).strip()
