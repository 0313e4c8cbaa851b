"""time stage: French temporal expressions -> ISO-TimeML values.

`resolve_timexes(text, anchor)` finds every time expression of `text` and resolves it
against `anchor`, the publication date ("YYYY", "YYYY-MM", "YYYY-MM-DD" or None when the
year is unknown, as for teasers). Modules: `lexicon` (words, from data/time/fr.yaml),
`patterns` (one regex per rule), `dates` (calendar arithmetic), `resolve` (rules -> values,
narrative anaphora), `timebank` (French TimeBank evaluation).
"""
from __future__ import annotations

from ..model import Timex
from .resolve import resolve_text


def resolve_timexes(text: str, anchor: str | None) -> list[Timex]:
    """Every time expression of `text`, in text order, resolved against `anchor`."""
    return resolve_text(text, anchor)


__all__ = ["resolve_timexes", "Timex"]
