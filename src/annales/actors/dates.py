"""Partial dates ("YYYY", "YYYY-MM", "YYYY-MM-DD") as closed day intervals."""
from __future__ import annotations

import calendar
import datetime as dt

MIN = dt.date(1, 1, 1)
MAX = dt.date(9999, 12, 31)


def interval(value) -> tuple[dt.date, dt.date] | None:
    """'2020' -> (2020-01-01, 2020-12-31); '2020-10' -> the month; a date -> that day."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value, value
    s = str(value).strip()
    parts = s.split("-")
    try:
        y = int(parts[0])
        if len(parts) == 1:
            return dt.date(y, 1, 1), dt.date(y, 12, 31)
        m = int(parts[1])
        if len(parts) == 2:
            return dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1])
        d = int(parts[2][:2])
        day = dt.date(y, m, d)
        return day, day
    except (ValueError, IndexError):
        return None


def start_of(value) -> dt.date:
    iv = interval(value)
    return iv[0] if iv else MIN


def end_of(value) -> dt.date:
    iv = interval(value)
    return iv[1] if iv else MAX


def overlap_days(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> int:
    lo, hi = max(a[0], b[0]), min(a[1], b[1])
    return (hi - lo).days + 1 if hi >= lo else 0
