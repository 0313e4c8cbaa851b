"""Scores the time stage on ISO-TimeML files (French TimeBank's .tml format).

Each .tml file gives a creation date (the anchor) and TIMEX3 tags in its text. We strip the
tags, resolve the plain text with `resolve_timexes`, and compare: day accuracy over gold DATE
values that are calendar days, value accuracy over all gold DATEs, span precision/recall over
DATE and TIME expressions (a span counts when it overlaps).
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..time import resolve_timexes

TAG = re.compile(r"<(/?)(\w+)([^>]*?)(/?)>")
ATTR = re.compile(r'(\w+)="([^"]*)"')
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass
class TimeDoc:
    name: str
    anchor: str
    text: str
    gold: list[dict] = field(default_factory=list)


def read_tml(path: Path) -> TimeDoc:
    raw = path.read_text(encoding="utf-8")
    found = re.search(r'functionInDocument="CREATION_TIME"[^>]*value="([^"]+)"', raw) \
        or re.search(r'value="([^"]+)"[^>]*functionInDocument="CREATION_TIME"', raw)
    if not found or "<TEXT>" not in raw:
        raise ValueError(f"{path}: not an ISO-TimeML file with a creation time and a <TEXT> body")
    body = raw[raw.index("<TEXT>") + 6: raw.index("</TEXT>")]
    parts: list[str] = []
    gold, pos, opened = [], 0, None
    for m in TAG.finditer(body):
        parts.append(html.unescape(body[pos:m.start()]))
        pos = m.end()
        closing, tag, attrs, selfclose = m.groups()
        if tag != "TIMEX3" or selfclose:
            continue
        here = sum(map(len, parts))
        if not closing:
            opened = (here, dict(ATTR.findall(attrs)))
        elif opened:
            start, a = opened
            gold.append({"start": start, "end": here, "type": a.get("type"), "value": a.get("value", "")})
            opened = None
    parts.append(html.unescape(body[pos:]))
    return TimeDoc(path.name, found.group(1)[:10], "".join(parts), gold)


def score_timebank(paths: list[Path]) -> tuple[dict, list[str]]:
    """Scores and the list of wrong or missed calendar days, for a set of .tml files."""
    day_n = day_ok = val_n = val_ok = g_n = g_hit = p_n = p_hit = 0
    misses: list[str] = []
    for path in paths:
        doc = read_tml(path)
        pred = [t for t in resolve_timexes(doc.text, doc.anchor) if t.type in ("DATE", "TIME")]
        gold = [g for g in doc.gold if g["type"] in ("DATE", "TIME")]

        def over(a, b) -> bool:
            return a["start"] < b.end and b.start < a["end"]

        g_n += len(gold)
        g_hit += sum(any(over(g, p) for p in pred) for g in gold)
        p_n += len(pred)
        p_hit += sum(any(over(g, p) for g in gold) for p in pred)
        for g in gold:
            if g["type"] != "DATE":
                continue
            hit = [p for p in pred if over(g, p)]
            ok = any(p.value == g["value"] or p.end_value == g["value"] for p in hit)
            val_n += 1
            val_ok += ok
            if DAY.fullmatch(g["value"]):
                day_n += 1
                day_ok += ok
                if not ok:
                    got = ", ".join(f"{p.text!r}={p.value}" for p in hit) or "nothing"
                    misses.append(f"DAY {doc.name} {doc.text[g['start']:g['end']]!r} want {g['value']} got {got}")

    def ratio(a: int, b: int) -> float:
        return round(a / b, 3) if b else 0.0

    return ({"day_accuracy": ratio(day_ok, day_n), "day_gold": day_n, "value_accuracy": ratio(val_ok, val_n),
             "date_gold": val_n, "span_recall": ratio(g_hit, g_n), "span_precision": ratio(p_hit, p_n)}, misses)
