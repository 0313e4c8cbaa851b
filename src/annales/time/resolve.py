"""Turn pattern matches into resolved `Timex` values.

Two passes: `spans.find_spans` collects every rule match, drops the ones a guard rejects (false
years, capitalised names) and keeps the longest non-overlapping ones; `Resolver` then walks
them in text order, so anaphora ("le lendemain") can use the date resolved just before
them (the narrative anchor), while deictics ("hier", "mardi") use the publication date.
"""
from __future__ import annotations

import datetime as dt
import re

from ..model import Timex
from .dates import (Anchor, add_days, add_months, closest_year, iso, iso_week, valid_day,
                    weekday_near)
from .lexicon import fold, lexicon, norm
from .patterns import Rule
from .spans import WORD, find_spans

UNKNOWN = "XXXX"


# --------------------------------------------------------------------------- resolution

def _two_digit_year(yy: int, anchor: Anchor) -> int:
    """"98" -> 1998: the century that puts the year nearest the anchor (or 1930-2029)."""
    base = anchor.year or 2000
    options = [c * 100 + yy for c in (base // 100 - 1, base // 100, base // 100 + 1)]
    return min(options, key=lambda y: (abs(y - base) if y <= base + 10 else 10_000, -y))


def _year(text: str | None, anchor: Anchor) -> int | None:
    if not text:
        return None
    t = text.strip("'\u2019")
    return int(t) if len(t) == 4 else _two_digit_year(int(t), anchor)


def _rel_sign(word: str | None) -> int:
    if not word:
        return 0
    w = fold(word)
    lx = lexicon()
    if w in {fold(x) for x in lx.past_words}:
        return -1
    if w in {fold(x) for x in lx.future_words}:
        return 1
    return 0


def _clause(text: str, start: int, end: int) -> str:
    """The clause around a match (up to a sentence stop), used for tense cues."""
    left = max(text.rfind(ch, max(0, start - 120), start) for ch in ".!?;\n")
    right_cands = [i for i in (text.find(ch, end, end + 120) for ch in ".!?;\n") if i != -1]
    right = min(right_cands) if right_cands else min(len(text), end + 120)
    return text[left + 1:start] + " " + text[end:right]


def future_tense(text: str, start: int, end: int) -> bool:
    """Does the clause around [start, end) speak of the future?

    A bare weekday in news is the last one ("a déclaré mercredi") unless the clause is in
    the future ("sera opéré samedi", "se dérouleront vendredi"): count future cue words and
    future-tense endings against past auxiliaries; ties go to the past.
    """
    lx = lexicon()
    before = WORD.findall(text[max(0, start - 30):start])
    if before and re.search(r"[^\W\d]{3,}(?:é|ée|és|ées)$", before[-1]):
        return False                # "annoncées mercredi": a past participle governs it
    fut = past = 0
    for w in WORD.findall(_clause(text, start, end)):
        n = norm(w)
        if n in lx.future_cues or fold(n) in lx.future_cues:
            fut += 1
        elif len(n) > 4 and n.endswith(("era", "eront", "ira", "iront", "dra", "dront", "ura", "uront")):
            fut += 1
        elif n in lx.past_cues:
            past += 1
    return fut > past


class Resolver:
    """Resolves spans in text order, remembering the last day-precise date (narrative)."""

    def __init__(self, anchor: str | None):
        self.anchor = Anchor.parse(anchor)
        self.last_day: dt.date | None = None
        self.last_end: int | None = None      # where the last day-precise date ended

    # -- helpers
    def _coarse(self) -> tuple[str | None, float]:
        """The best value the anchor allows when a rule needs a day it does not give."""
        a = self.anchor
        if a.year and a.month:
            return f"{a.year:04d}-{a.month:02d}", 0.3
        if a.year:
            return f"{a.year:04d}", 0.2
        return None, 0.0

    def _day_month(self, d: int, mon: int, ytext: str | None, rel: str | None,
                   weekday: int | None = None) -> tuple[str | None, float, dt.date | None]:
        a = self.anchor
        year = _year(ytext, a)
        conf = 1.0
        if year is None and a.year:
            sign = _rel_sign(rel)
            if sign and a.year:
                ref = a.date or dt.date(a.year, a.month or 6, 15)
                for y in ((a.year, a.year - 1, a.year - 2) if sign < 0 else (a.year, a.year + 1)):
                    if valid_day(y, mon, d) and ((dt.date(y, mon, d) <= ref) if sign < 0 else (dt.date(y, mon, d) >= ref)):
                        year = y
                        break
                conf = 0.9
            if year is None:
                year, conf = closest_year(mon, d, a, weekday)
        if year is None:
            return f"{UNKNOWN}-{mon:02d}-{d:02d}", 0.6, None
        if not valid_day(year, mon, d):
            return None, 0.0, None
        day = dt.date(year, mon, d)
        return iso(day), conf, day

    def _deictic(self, offset: int) -> tuple[str | None, float, dt.date | None]:
        ref = self.anchor.date
        if ref is None:
            v, c = self._coarse()
            return v, c, None
        day = add_days(ref, offset)
        return iso(day), 0.95, day

    # -- main
    def resolve(self, text: str, rule: Rule, m: re.Match) -> Timex | None:
        handler = getattr(self, "r_" + rule.name)
        out = handler(text, m)
        if out is None:
            return None
        value, end_value, typ, conf, name, day = out
        if day is not None:
            self.last_day, self.last_end = day, m.end()
        return Timex(start=m.start(), end=m.end(), text=m.group(0), value=value,
                     end_value=end_value, type=typ, rule=name, confidence=round(conf, 2))

    # -- one method per rule: return (value, end_value, type, confidence, rule, day)
    def r_range_day_month(self, text, m):
        lx = lexicon()
        g = m.groupdict()
        m2 = lx.month(g["m2"])
        m1 = lx.month(g["m1"]) if g["m1"] else m2
        d1, d2 = lx.number(g["d1"]), lx.number(g["d2"])
        end_v, conf, end_day = self._day_month(d2, m2, g["y2"], g["rel"])
        if end_v is None:
            return None
        if end_day is None:
            start_v = f"{UNKNOWN}-{m1:02d}-{d1:02d}"
            return start_v, end_v, "DATE", conf, "range_day_month", None
        y1 = _year(g["y1"], self.anchor) or (end_day.year - 1 if m1 > m2 else end_day.year)
        if not valid_day(y1, m1, d1):
            return None
        start = dt.date(y1, m1, d1)
        return iso(start), iso(end_day), "DATE", conf, "range_day_month", start

    def r_range_days_no_month(self, text, m):
        a, lx = self.anchor, lexicon()
        d1, d2 = lx.number(m.group("d1")), lx.number(m.group("d2"))
        if not (a.year and a.month) or d2 <= d1 or not valid_day(a.year, a.month, d2):
            return None
        if a.date is not None and d2 > a.date.day:
            return None   # a day after the report is no day of its month that happened
        start = dt.date(a.year, a.month, d1)
        return iso(start), iso(dt.date(a.year, a.month, d2)), "DATE", 0.75, "range_days_no_month", start

    def r_date_numeric_dmy(self, text, m):
        d, mon = int(m.group("d")), int(m.group("m"))
        y = _year(m.group("y"), self.anchor)
        if not valid_day(y, mon, d):
            return None
        day = dt.date(y, mon, d)
        return iso(day), None, "DATE", 1.0, "date_numeric_dmy", day

    def r_date_iso(self, text, m):
        y, mon, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
        if not valid_day(y, mon, d):
            return None
        day = dt.date(y, mon, d)
        return iso(day), None, "DATE", 1.0, "date_iso", day

    def r_date_day_month(self, text, m):
        lx = lexicon()
        g = m.groupdict()
        wd = lx.weekday(g["wd"]) if g["wd"] else None
        value, conf, day = self._day_month(lx.number(g["d"]), lx.month(g["m"]), g["y"], g["rel"], wd)
        if value is None:
            return None
        name = "date_day_month" + ("" if g["y"] else ("_year_inferred" if day else "_no_year"))
        return value, None, "DATE", conf, name, day

    def r_month(self, text, m):
        lx = lexicon()
        g = m.groupdict()
        mon = lx.month(g["m"])
        a = self.anchor
        year = _year(g["y"], a)
        conf = 1.0
        if year is None:
            if not a.year:
                return f"{UNKNOWN}-{mon:02d}", None, "DATE", 0.6, "month_no_year", None
            sign = _rel_sign(g["rel"])
            am = a.month or 6
            if sign < 0:
                year = a.year if mon < am else a.year - 1
            elif sign > 0:
                year = a.year if mon > am else a.year + 1
            else:
                year, conf = closest_year(mon, None, a)
            conf = min(conf, 0.9)
        return f"{year:04d}-{mon:02d}", None, "DATE", conf, "month" + ("_year" if g["y"] else ""), None

    def r_year_range(self, text, m):
        return m.group("y1"), m.group("y2"), "DATE", 0.9, "year_range", None

    def r_year(self, text, m):
        conf = 1.0 if m.group(0)[:1].isalpha() else 0.85
        return m.group("y"), None, "DATE", conf, "year", None

    def r_decade(self, text, m):
        y = m.group("y")
        if len(y) == 2:
            y = "19" + y
        return y[:3] + "X", None, "DATE", 0.9, "decade", None

    def r_century(self, text, m):
        roman = m.group("c").upper()
        vals = {"I": 1, "V": 5, "X": 10}
        n = 0
        for i, ch in enumerate(roman):
            v = vals[ch]
            n += -v if i + 1 < len(roman) and vals[roman[i + 1]] > v else v
        if not 1 <= n <= 21:
            return None
        return f"{n - 1:02d}XX", None, "DATE", 0.9, "century", None

    def r_deictic_day(self, text, m):
        lx = lexicon()
        offset = lx.deictic[fold(m.group("w"))]
        value, conf, day = self._deictic(offset)
        return value, None, "DATE", conf, "deictic_day", day

    def r_deictic_part(self, text, m):
        value, conf, day = self._deictic(0)
        return value, None, "DATE", conf * 0.95, "deictic_part_of_day", day

    def _narrative(self) -> dt.date | None:
        return self.last_day or self.anchor.date

    def _apposition(self, text: str, m: re.Match) -> bool:
        """"hier, au lendemain de la démission": "lendemain de X" placed right after a date
        restates that date (the day after X), it does not move one day past it."""
        if not re.match(r"\s+(?:de|du|des|d['\u2019])", text[m.end():m.end() + 5]):
            return False
        gap = text[self.last_end:m.start()] if self.last_end is not None else None
        return gap is not None and len(gap) <= 40 and not re.search(r"[.!?;\n]", gap)

    def r_anaphora_day(self, text, m):
        lx = lexicon()
        offset = lx.anaphora[fold(m.group("w"))]
        if offset and self.last_day and self._apposition(text, m):
            return iso(self.last_day), None, "DATE", 0.7, "anaphora_apposition", self.last_day
        ref = self._narrative()
        if ref is None:
            return None, None, "DATE", 0.0, "anaphora_day_unresolved", None
        day = add_days(ref, offset)
        conf = 0.85 if self.last_day else 0.6
        return iso(day), None, "DATE", conf, "anaphora_day", day

    def r_anaphora_lendemain(self, text, m):
        ref = self._narrative()
        if ref is None:
            return None, None, "DATE", 0.0, "anaphora_day_unresolved", None
        day = add_days(ref, 1)
        return iso(day), None, "DATE", 0.6, "anaphora_lendemain", day

    def _shift(self, ref: dt.date, n: int, unit: str) -> tuple[str, dt.date | None]:
        u = fold(unit)
        if u.startswith("jour"):
            d = add_days(ref, n)
            return iso(d), d
        if u.startswith("semaine"):
            d = add_days(ref, 7 * n)
            return iso(d), d
        if u.startswith("mois"):
            y, mo = add_months(ref.year, ref.month, n)
            return f"{y:04d}-{mo:02d}", None
        return f"{ref.year + n:04d}", None

    def r_anaphora_shift(self, text, m):
        lx = lexicon()
        n = lx.number(m.group("n"))
        if n is None:
            return None
        direction = fold(m.group("dir"))
        if direction in ("apres", "avant") and re.match(r"\s+[^\W\d]", text[m.end():m.end() + 3]):
            # "six ans après sa victoire": counted from an event, not from the last date
            unit = {"j": "D", "s": "W", "m": "M", "a": "Y"}[fold(m.group("u"))[0]]
            return f"P{n}{unit}", None, "DURATION", 0.8, "duration_from_event", None
        sign = 1 if direction in ("plus tard", "apres") else -1
        ref = self._narrative()
        if ref is None:
            return None, None, "DATE", 0.0, "anaphora_shift_unresolved", None
        value, day = self._shift(ref, sign * n, m.group("u"))
        return value, None, "DATE", 0.8 if self.last_day else 0.55, "anaphora_shift", day

    def r_deictic_shift(self, text, m):
        lx = lexicon()
        n = lx.number(m.group("n"))
        if n is None:
            return None
        sign = -1 if fold(m.group("dir")).startswith("il y a") else 1
        ref = self.anchor.date
        if ref is None:
            v, c = self._coarse()
            return v, None, "DATE", c, "deictic_shift_coarse", None
        value, day = self._shift(ref, sign * n, m.group("u"))
        return value, None, "DATE", 0.85, "deictic_shift", day

    def r_weekday(self, text, m):
        lx = lexicon()
        g = m.groupdict()
        wd = lx.weekday(g["wd"])
        if g["same"] and self.last_day:          # "ce même lundi": the day just named
            return iso(self.last_day), None, "DATE", 0.8, "weekday_anaphora", self.last_day
        ref = self.anchor.date
        if ref is None:
            v, c = self._coarse()
            if v is None:
                return f"{UNKNOWN}-WXX-{wd}", None, "DATE", 0.3, "weekday_no_anchor", None
            return v, None, "DATE", c, "weekday_coarse", None
        sign = _rel_sign(g["rel"])
        if sign:
            day, conf, name = weekday_near(ref, wd, sign), 0.9, "weekday_relative"
        elif ref.isoweekday() == wd:
            day, conf, name = ref, 0.7, "weekday_today"
        elif future_tense(text, m.start(), m.end()):
            day, conf, name = weekday_near(ref, wd, 1), 0.7, "weekday_future_tense"
        else:
            day, conf, name = weekday_near(ref, wd, -1), 0.7, "weekday_past_default"
        return iso(day), None, "DATE", conf, name, day

    def r_set_weekday(self, text, m):
        wd = lexicon().weekday(m.group("wd").rstrip("sS"))
        return f"XXXX-WXX-{wd}", None, "SET", 0.9, "set_weekday", None

    def r_set_period(self, text, m):
        u = fold(m.group("u"))
        code = {"j": "P1D", "s": "P1W", "m": "P1M", "a": "P1Y"}[u[0]]
        return code, None, "SET", 0.9, "set_period", None

    def r_relative_period(self, text, m):
        lx = lexicon()
        g = m.groupdict()
        kind = lx.periods[fold(g["p"])]
        sign = _rel_sign(g["rel"])
        a = self.anchor
        if kind == "year":
            if not a.year:
                return None, None, "DATE", 0.0, "relative_year_unresolved", None
            return f"{a.year + sign:04d}", None, "DATE", 0.9, "relative_year", None
        if kind == "month":
            if not (a.year and a.month):
                v, c = self._coarse()
                return v, None, "DATE", c, "relative_month_coarse", None
            y, mo = add_months(a.year, a.month, sign)
            return f"{y:04d}-{mo:02d}", None, "DATE", 0.9, "relative_month", None
        ref = a.date
        if ref is None:
            v, c = self._coarse()
            return v, None, "DATE", c, f"relative_{kind}_coarse", None
        if kind == "week":
            return iso_week(add_days(ref, 7 * sign)), None, "DATE", 0.9, "relative_week", None
        # week-end: early in the week "ce week-end" is the one just past
        shift = sign if sign else (-1 if ref.isoweekday() <= 2 else 0)
        return iso_week(add_days(ref, 7 * shift)) + "-WE", None, "DATE", 0.75, "relative_weekend", None

    def r_season(self, text, m):
        lx = lexicon()
        g = m.groupdict()
        code = lx.seasons[fold(g["s"])]
        a = self.anchor
        if g["y"]:
            return f"{g['y']}-{code}", None, "DATE", 1.0, "season_year", None
        if not a.year:
            return f"{UNKNOWN}-{code}", None, "DATE", 0.5, "season_no_year", None
        return f"{a.year + _rel_sign(g['rel']):04d}-{code}", None, "DATE", 0.6, "season", None

    def r_present_ref(self, text, m):
        if fold(m.group(0)) == "desormais" and self.anchor.date:
            # "désormais" = from the publication day on: its start is the anchor day.
            return iso(self.anchor.date), None, "DATE", 0.5, "present_ref_day", None
        return "PRESENT_REF", None, "DATE", 0.8, "present_ref", None

    def r_clock_time(self, text, m):
        if m.group("noon"):
            h, mi = (12 if fold(m.group("noon")) == "midi" else 0), 0
        else:
            h, mi = int(m.group("h")), int(m.group("mi") or 0)
        day = self._narrative()
        prefix = iso(day) if day else "XXXX-XX-XX"
        return f"{prefix}T{h:02d}:{mi:02d}", None, "TIME", 0.8 if day else 0.5, "clock_time", None

    def r_duration(self, text, m):
        lx = lexicon()
        n_text = m.group("n")
        n = n_text.replace(",", ".") if n_text[0].isdigit() else str(lx.number(n_text))
        if n == "None":
            return None
        if n.endswith(".0"):
            n = n[:-2]
        letter, is_time = lx.units[fold(m.group("u"))]
        return ("PT" if is_time else "P") + n + letter, None, "DURATION", 0.9, "duration", None


def resolve_text(text: str, anchor: str | None) -> list[Timex]:
    resolver = Resolver(anchor)
    out = []
    for rule, m in find_spans(text):
        t = resolver.resolve(text, rule, m)
        if t is not None:
            out.append(t)
    return out
