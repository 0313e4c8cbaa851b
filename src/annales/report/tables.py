"""Timeline and dyad tables over event dicts (fields: date, type, score, actors, recipients)."""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any, Iterable, Mapping


def _countries(parties: Iterable[Mapping[str, Any]] | None) -> set[str]:
    return {p["country"] for p in parties or () if isinstance(p, Mapping) and p.get("country")}


def event_countries(event: Mapping[str, Any]) -> tuple[set[str], set[str]]:
    """(actor countries, recipient countries) of one event dict."""
    return _countries(event.get("actors")), _countries(event.get("recipients"))


def _in_dyad(event: Mapping[str, Any], dyad: tuple[str, str], directed: bool) -> bool:
    """Directed: `a` acts on `b`. Undirected: both states take part, on either side or on the
    same side (a phone call or co-chaired talks list every party among the actors)."""
    a, b = dyad
    src, dst = event_countries(event)
    if a in src and b in dst:
        return True
    return not directed and {a, b} <= src | dst


def timeline(events: Iterable[Mapping[str, Any]], dyad: tuple[str, str] | None = None,
             directed: bool = False) -> list[dict[str, Any]]:
    """One row per month ("YYYY-MM", ascending) of the events of `dyad` (all events if None).

    An event is in the dyad when one side is among its actors' countries and the other
    among its recipients' (either way round unless `directed`). Events without a month in
    their date are skipped. Row: {"month", "n", "mean_score" (None if no score),
    "types": {type: count}}.
    """
    counts: dict[str, Counter] = defaultdict(Counter)
    scores: dict[str, list[float]] = defaultdict(list)
    for ev in events:
        date = ev.get("date") or ""
        if len(date) < 7 or date[4] != "-" or not date[:4].isdigit() or not date[5:7].isdigit():
            continue
        if dyad is not None and not _in_dyad(ev, dyad, directed):
            continue
        month = date[:7]
        counts[month][ev.get("type") or "UNKNOWN"] += 1
        if isinstance(ev.get("score"), (int, float)):
            scores[month].append(float(ev["score"]))
    rows = []
    for month in sorted(counts):
        s = scores[month]
        rows.append({"month": month, "n": sum(counts[month].values()),
                     "mean_score": sum(s) / len(s) if s else None,
                     "types": dict(sorted(counts[month].items()))})
    return rows


def dyad_matrix(events: Iterable[Mapping[str, Any]], directed: bool = True) -> dict[tuple[str, str], int]:
    """Event counts per (actor country, recipient country).

    An event with several actor or recipient countries counts once for every pair; pairs of
    a country with itself are skipped. With `directed=False` the pair is sorted, so
    (RUS, VNM) and (VNM, RUS) add up.
    """
    out: Counter = Counter()
    for ev in events:
        src, dst = event_countries(ev)
        pairs = {(a, b) if directed else tuple(sorted((a, b))) for a in src for b in dst if a != b}
        out.update(pairs)
    return dict(sorted(out.items()))
