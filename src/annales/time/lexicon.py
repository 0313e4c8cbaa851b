"""The French time lexicon, read from `data/time/fr.yaml`.

Keeping the words in a data file means a new spelling ("févr.") or cue word is a one-line
data change, with no regex edit. This module only loads the file, normalises keys and builds
regex alternations from it.
"""
from __future__ import annotations

from ..text import fold as _fold

import re
from functools import lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parents[1] / "data" / "time" / "fr.yaml"


def norm(word: str) -> str:
    """Lower-case, typographic apostrophe folded: the lookup key of a matched word."""
    return word.lower().replace("\u2019", "'").strip()


def fold(word: str) -> str:
    """`norm` plus accents removed, so "Aout" and "août" find the same entry."""
    return _fold(norm(word))


class Lexicon:
    """Lookup tables and regex alternations built from the YAML file."""

    def __init__(self, data: dict):
        self.data = data
        self.months = {fold(k): v for k, v in data["months"].items()}
        self.months.update({fold(k): v for k, v in data["month_abbreviations"].items()})
        self.weekdays = {fold(k): v for k, v in data["weekdays"].items()}
        self.deictic = {fold(k): v for k, v in data["deictic_days"].items()}
        self.anaphora = {fold(k): v for k, v in data["anaphora_days"].items()}
        self.day_parts = {fold(k): v for k, v in data["day_parts"].items()}
        self.seasons = {fold(k): v for k, v in data["seasons"].items()}
        self.numbers = {fold(k): v for k, v in data["numbers"].items()}
        self.units = {fold(k): tuple(v) for k, v in data["units"].items()}
        self.periods = {fold(k): v for k, v in data["period_words"].items()}
        self.past_words = {fold(w) for w in data["relative_past"]}
        self.future_words = {fold(w) for w in data["relative_future"]}
        self.quantity_nouns = {fold(w) for w in data["quantity_nouns"]}
        self.future_cues = {fold(w) for w in data["future_cues"]}
        self.future_suffixes = tuple(data["future_suffixes"])
        self.past_cues = {fold(w) for w in data["past_cues"]}

    def alternation(self, key: str) -> str:
        """A regex alternation of every spelling under `key`, longest first.

        Longest first so "avant-hier" wins over "hier"; apostrophes match both ' and ’.
        """
        words = sorted(self.data[key], key=len, reverse=True)
        parts = [re.sub("['\u2019]", lambda _: "['\u2019]", re.escape(w)) for w in words]
        parts = list(dict.fromkeys(parts))
        return "(?:" + "|".join(parts) + ")"

    def month(self, word: str) -> int | None:
        return self.months.get(fold(word).rstrip("."))

    def weekday(self, word: str) -> int | None:
        return self.weekdays.get(fold(word))

    def number(self, word: str) -> int | None:
        """A cardinal written in digits or as a word ("deux", "1er" → 1)."""
        w = fold(word)
        if w.isdigit():
            return int(w)
        if w in ("1er", "premier", "1re", "premiere"):
            return 1
        return self.numbers.get(w)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The shipped lexicon, loaded once per process."""
    with open(DATA, encoding="utf-8") as fh:
        return Lexicon(yaml.safe_load(fh))
