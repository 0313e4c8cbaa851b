"""Scores coded events against gold annotations, and says why each miss or false event happened.

Conventions (docs/evaluation.md): the unit is the distinct (type, date, set of states) triple
of one article; a system triple matches a gold one when its type is the gold type or one of
its `alt` types, the states are the same, and the date agrees (same day, inside the gold
range, inside a gold month or year, any year for a gold `XXXX`). Matching is one-to-one,
exact days first. Only the annotated types count: CONSULT, AGREE, COOPERATE, AID, and
SUPPORT when it is a signing (CAMEO 057).
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from ..text import fold

SCORED_TYPES = {"CONSULT", "AGREE", "COOPERATE", "AID"}


def is_scored(event: dict) -> bool:
    kind = (event.get("type") or "").upper()
    return kind in SCORED_TYPES or (kind == "SUPPORT" and str(event.get("cameo") or "").startswith("057"))


def states(event: dict) -> frozenset[str]:
    out = set()
    for side in ("actors", "recipients"):
        for a in event.get(side) or []:
            code = a.get("country") if isinstance(a, dict) else a
            if code:
                out.add(code.upper())
    return frozenset(out)


def date_agrees(gold: dict, pred: dict) -> bool:
    g, g_end, p = gold.get("date"), gold.get("date_end"), pred.get("date")
    if not g or not p:
        return not g and not p
    if g.startswith("XXXX"):  # the article gives no year: compare month and day only
        g, g_end, p = g[5:], (g_end or "")[5:] or None, p[5:]
    if g_end:
        return g <= p[: len(g)] <= g_end
    return p[: len(g)] == g


def _names(event: dict) -> list[str]:
    return [fold(a["name"]) for side in ("actors", "recipients") for a in event.get(side) or []
            if isinstance(a, dict) and a.get("name")]


def _distinct(events: list[dict], upper: bool) -> list[dict]:
    seen, out = set(), []
    for e in events:
        key = ((e.get("type") or "").upper() if upper else e["type"], e.get("date"), states(e))
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out


@dataclass
class Report:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    names_ok: int = 0
    names_n: int = 0
    places_ok: int = 0
    places_n: int = 0
    misses: list[str] = field(default_factory=list)
    false: list[str] = field(default_factory=list)
    wrong_names: list[str] = field(default_factory=list)
    wrong_places: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def summary(self, articles: int) -> dict:
        return {"articles": articles, "gold": self.tp + self.fn, "system": self.tp + self.fp, "tp": self.tp,
                "precision": round(self.precision, 3), "recall": round(self.recall, 3), "f1": round(self.f1, 3),
                "actor_names": f"{self.names_ok}/{self.names_n}", "locations": f"{self.places_ok}/{self.places_n}"}


def _describe(e: dict) -> str:
    return f"{e.get('type')} {e.get('date')} {sorted(states(e))} :: {(e.get('trigger') or '')[:70]}"


def score(gold: list[dict], predicted: Iterable[dict]) -> Report:
    """Compare gold article lines with predicted event records (JSON Lines shapes)."""
    files = {g["file"] for g in gold}
    by_file: dict[str, list[dict]] = {}
    for e in predicted:
        base = os.path.basename(str(e.get("doc", "")).split("#")[0])
        if base in files and is_scored(e):
            by_file.setdefault(base, []).append(e)
    rep = Report()
    for g in gold:
        name = g["file"]
        gt = _distinct(g["events"], upper=False)
        pt = _distinct(by_file.get(name, []), upper=True)
        hits: dict[int, int] = {}
        used: set[int] = set()
        for exact in (True, False):
            for j, ge in enumerate(gt):
                if j in hits:
                    continue
                for i, pe in enumerate(pt):
                    if i in used or pe["type"].upper() not in {ge["type"], *ge.get("alt", [])}:
                        continue
                    if states(pe) != states(ge):
                        continue
                    if (pe.get("date") == ge.get("date")) if exact else date_agrees(ge, pe):
                        hits[j] = i
                        used.add(i)
                        break
        for j, ge in enumerate(gt):
            if j not in hits:
                rep.fn += 1
                rep.misses.append(f"MISS  {name} {_describe(ge)}")
                continue
            rep.tp += 1
            pe = pt[hits[j]]
            want = [fold(n) for n in ge.get("actor_names", []) + ge.get("recipient_names", [])]
            if want:
                have = " | ".join(_names(pe))
                rep.names_n += 1
                if all(w in have for w in want):
                    rep.names_ok += 1
                else:
                    rep.wrong_names.append(f"NAMES {name} {_describe(ge)} want {want} have [{have}]")
            if ge.get("location"):
                rep.places_n += 1
                got = (pe.get("location") or {}).get("name")
                if fold(got) == fold(ge["location"]):
                    rep.places_ok += 1
                else:
                    rep.wrong_places.append(f"PLACE {name} {_describe(ge)} want {ge['location']} have {got}")
        for i, pe in enumerate(pt):
            if i not in used:
                rep.fp += 1
                rep.false.append(f"FALSE {name} {_describe(pe)} [{pe.get('rule', '')}]")
    return rep


def load_gold(path: str | Path) -> list[dict]:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]
