"""Text normalisation and tokenisation shared by the dictionaries and the finder.

Every name (data files) and every text (stories) goes through the same `tokenize`, so a
lookup is a tuple comparison: case, accents, hyphens and apostrophes never matter.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_EXTRA = str.maketrans({"đ": "d", "Đ": "D", "œ": "oe", "Œ": "Oe", "æ": "ae", "Æ": "Ae",
                        "ß": "ss", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ı": "i",
                        "’": "'", "‘": "'", "`": "'", "ʼ": "'", "‐": "-", "‑": "-", "–": "-",
                        "—": "-"})
# words, punctuation, and paragraph breaks (a "\n\n" token: no name or title runs across
# one, e.g. from a headline into the story's first sentence)
_TOKEN = re.compile(r"[^\W_]+|[^\w\s]|\n\s*\n", re.UNICODE)
# tokens dropped from the stream: hyphens and apostrophes ("vice-ministre" = "vice ministre",
# "l'Inde" = "l Inde")
_DROP = {"-", "'", "_"}


def ascii_fold(s: str) -> str:
    """'Hoàng Xuân Chiến' -> 'Hoang Xuan Chien' (case kept)."""
    s = s.translate(_EXTRA)
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def norm(s: str) -> str:
    return ascii_fold(s).lower()


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str      # as written
    norm: str      # folded, lowercased

    @property
    def is_cap(self) -> bool:
        return self.text[:1].isupper()


def tokenize(text: str) -> list[Token]:
    """Word and punctuation tokens with character offsets; hyphens and apostrophes dropped."""
    out = []
    for m in _TOKEN.finditer(text):
        t = m.group()
        n = norm(t)
        if n in _DROP or t in _DROP:
            continue
        out.append(Token(m.start(), m.end(), t, n))
    return out


def key(phrase: str) -> tuple[str, ...]:
    """Lookup key of a phrase: its normalised tokens."""
    return tuple(t.norm for t in tokenize(phrase))


ARTICLES = {"le", "la", "les", "l"}


def strip_article(k: tuple[str, ...]) -> tuple[str, ...]:
    if len(k) > 1 and k[0] in ARTICLES:
        return k[1:]
    return k
