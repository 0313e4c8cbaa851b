"""French TimeBank evaluation glue: predict the time expressions of exported files.

The scorer (`score_timebank.py export`) writes one text file per article, headed by
" date YYYY-MM-DD"; `predict_file` reads such a file, takes the header as the anchor,
resolves the body and returns records whose offsets are into the file as read (header
included). `predict_text` is the reusable part for any text with a known body offset.

Usage: python -m annales.time.timebank FILE... > pred.jsonl
"""
from __future__ import annotations

import json
import re
import sys

from . import resolve_timexes

HEADER = re.compile(r"\s*date\s+(\d{4}(?:-\d{2}){0,2})[^\n]*\n")

# TimeBank scores DATE and TIME spans; durations and sets are left out of the records so
# they do not count as spurious spans.
SCORED_TYPES = ("DATE", "TIME")


def split_header(raw: str) -> tuple[str | None, int]:
    """The anchor of a ` date YYYY[-MM[-DD]]` first line and where the body begins."""
    m = HEADER.match(raw)
    return (m.group(1), m.end()) if m else (None, 0)


# Where a range's second point begins: "du 5 [au] 7 juillet", "entre 1990 [et] 1999", "2019[-]2020".
RANGE_JOIN = re.compile(r"\s+(?:au|et(?:\s+le)?|à)\s+|\s*[-–]\s*")


def _points(t) -> list[tuple[int, int, str]]:
    """A range as its two annotated points (TimeML marks "du 5" and "7 juillet" apart);
    any other expression as itself."""
    if not t.end_value:
        return [(t.start, t.end, t.value)]
    joins = list(RANGE_JOIN.finditer(t.text))
    if not joins:
        return [(t.start, t.end, t.value)]
    j = joins[-1]
    return [(t.start, t.start + j.start(), t.value), (t.start + j.end(), t.end, t.end_value)]


def predict_text(doc: str, body: str, anchor: str | None, offset: int = 0) -> list[dict]:
    """Pred records for `body`, offsets shifted by `offset` (the body's start in the file)."""
    out = []
    for t in resolve_timexes(body, anchor):
        if t.type not in SCORED_TYPES or t.value is None:
            continue
        for s, e, value in _points(t):
            out.append({"doc": doc, "start": s + offset, "end": e + offset,
                        "text": body[s:e], "value": value, "type": t.type, "rule": t.rule})
    return out


def predict_file(path: str) -> list[dict]:
    """Read an exported TimeBank file and return its pred records (offsets as read)."""
    with open(path, encoding="utf-8", newline="") as fh:
        raw = fh.read()
    anchor, start = split_header(raw)
    return predict_text(path, raw[start:], anchor, start)


def main(argv: list[str]) -> int:
    for path in argv:
        for rec in predict_file(path):
            sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
