"""Offline language guess from function-word frequencies.

Each language has a short list of its most frequent function words
(`annales/data/lang/function_words.yaml`). A word listed for n languages adds 1/n to each,
so words shared by French, Spanish and Portuguese ("de", "la") barely count. The language
with the highest total wins if it is clearly ahead; short or ambiguous texts give None.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml

_WORD = re.compile(r"[^\W\d_]+")
MAX_CHARS = 4000        # enough to decide; keeps the cost flat on long articles
MIN_WORDS = 8           # fewer words than this: too short to tell
MIN_SCORE = 2.0         # weighted hits the winner needs
MIN_MARGIN = 1.25       # winner / runner-up


@lru_cache(maxsize=1)
def _weights() -> dict[str, dict[str, float]]:
    text = resources.files("annales").joinpath("data/lang/function_words.yaml").read_text("utf-8")
    lists = {lang: {str(w).lower() for w in words} for lang, words in yaml.safe_load(text).items()}
    count: dict[str, int] = {}
    for words in lists.values():
        for w in words:
            count[w] = count.get(w, 0) + 1
    table: dict[str, dict[str, float]] = {}
    for lang, words in lists.items():
        for w in words:
            table.setdefault(w, {})[lang] = 1.0 / count[w]
    return table


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language among fr, en, es, de, it, pt, vi, or None."""
    if not text:
        return None
    table = _weights()
    words = _WORD.findall(text[:MAX_CHARS].lower())
    if len(words) < MIN_WORDS:
        return None
    scores: dict[str, float] = {}
    for w in words:
        for lang, weight in table.get(w, {}).items():
            scores[lang] = scores.get(lang, 0.0) + weight
    if not scores:
        return None
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    best, top = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    if top < MIN_SCORE or top < MIN_MARGIN * second:
        return None
    return best
