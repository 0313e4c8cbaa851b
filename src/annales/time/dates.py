"""Calendar arithmetic for the resolver: anchors, year choice, weekdays, ISO weeks.

Pure `datetime`/`calendar`, no dateutil. Every function takes and returns plain values so
the rules in `resolve.py` stay readable.
"""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Anchor:
    """A reference point with the precision it was given at (year, month or day)."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str | None) -> "Anchor":
        """Read "YYYY", "YYYY-MM" or "YYYY-MM-DD" (anything else: no anchor)."""
        if not text:
            return cls()
        parts = text.strip()[:10].split("-")
        try:
            nums = [int(p) for p in parts if p]
        except ValueError:
            return cls()
        nums += [None] * (3 - len(nums))
        return cls(*nums[:3])

    @classmethod
    def of(cls, d: dt.date) -> "Anchor":
        return cls(d.year, d.month, d.day)

    @property
    def date(self) -> dt.date | None:
        """The anchor as a day, or None when it is not day-precise."""
        if self.year and self.month and self.day:
            return dt.date(self.year, self.month, self.day)
        return None


def iso(d: dt.date) -> str:
    return d.isoformat()


def valid_day(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def closest_year(month: int, day: int | None, anchor: Anchor, weekday: int | None = None) -> tuple[int, float]:
    """The year of a day+month given without one, and the confidence of that guess.

    News mostly reports the recent past and announces the near future, so the candidates
    are the anchor year and its neighbours and the one nearest to the anchor wins. The past
    is preferred: a future date must be less than half as far as the past one to be chosen
    ("le 28 décembre" in a January article is last December; "le 7 novembre" in a September
    article is this November). A weekday given with the date ("samedi 5 juin") is a stronger
    signal than distance when only the year is known: a candidate year whose calendar agrees
    with it is taken first. Against a known month it weighs about three months' distance.
    """
    assert anchor.year is not None
    ref = anchor.date or dt.date(anchor.year, anchor.month or 7, 15 if anchor.month else 1)
    if anchor.month and not anchor.day:
        ref = dt.date(anchor.year, anchor.month, 15)
    best: tuple[float, int] | None = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        d_day = day or 15
        if not valid_day(year, month, d_day):
            continue
        cand = dt.date(year, month, d_day)
        delta = (cand - ref).days
        cost = float(-delta if delta <= 0 else 2 * delta)
        if weekday and day and cand.isoweekday() == weekday:
            # decisive against a year-only anchor; against a month it outweighs only a few
            # months' distance: "lundi 17 octobre" in an October 2023 story is that October,
            # whatever day the 17th fell on (a wrong weekday is a slip of the copy)
            cost -= 90 if anchor.month else 10_000
        if best is None or cost < best[0]:
            best = (cost, year)
    if best is None:
        return anchor.year, 0.5
    conf = 0.9 if best[1] == anchor.year else 0.75
    if not anchor.day and not anchor.month:
        conf = 0.6
    return best[1], conf


def add_days(d: dt.date, n: int) -> dt.date:
    return d + dt.timedelta(days=n)


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def weekday_near(ref: dt.date, weekday: int, direction: int) -> dt.date:
    """The nearest `weekday` strictly before (direction -1) or after (+1) `ref`,
    or, with direction 0, the one in the same Monday-Sunday week as `ref`."""
    if direction == 0:
        return ref + dt.timedelta(days=weekday - ref.isoweekday())
    step = (weekday - ref.isoweekday()) % 7
    if direction > 0:
        return ref + dt.timedelta(days=step or 7)
    back = (ref.isoweekday() - weekday) % 7
    return ref - dt.timedelta(days=back or 7)


def iso_week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"
