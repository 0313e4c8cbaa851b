"""Span finding: every rule match, minus known false positives, longest first.

Guards live here so the resolver only sees spans worth resolving: a 4-digit count is not a
year ("2000 habitants"), a capitalised "Mars" alone is a planet, "l'année" alone is nothing.
"""
from __future__ import annotations

import re

from .lexicon import fold, lexicon, norm
from .patterns import Rule, rules

WORD = re.compile(r"[\w'\u2019-]+")
_NOT_PLURAL_NOUNS = {"les", "des", "ses", "mes", "tes", "nos", "vos", "leurs", "lors", "depuis",
                     "puis", "dans", "sous", "sans", "vers", "après", "alors", "mais", "plus",
                     "moins", "pas", "très", "tous", "toutes", "avons", "jamais", "toujours",
                     "ans", "mois", "fois", "années"}


def _next_word(text: str, pos: int) -> str:
    m = WORD.search(text, pos, min(len(text), pos + 40))
    return m.group(0) if m and not text[pos:m.start()].strip(" \u00a0") else ""


def _prev_text(text: str, pos: int, n: int = 14) -> str:
    return text[max(0, pos - n):pos]


def _year_is_quantity(text: str, m: re.Match) -> bool:
    """True when a 4-digit number is a count, not a year ("2000 habitants", "1 500 000").

    Signs: a unit or plural noun right after it, digits glued before it (thousands
    separators), a decimal part after it, or a quantity word ("plus de") before it.
    """
    lx = lexicon()
    start, end = m.start("y") if "y" in m.groupdict() and m.group("y") else m.start(), m.end()
    before = _prev_text(text, start)
    if re.search(r"\d[\s\u00a0.,]?$", before) or re.match(r"[.,]\d", text[end:end + 2]):
        return True
    if re.search(r"(?:n°|numéro|[€$£]|plus de|moins de|près de|environ|quelque|sur)\s*$", before, re.I):
        return True
    nxt = _next_word(text, end)
    if nxt and nxt[0] in "€$%":
        return True
    if not nxt:
        tail = text[end:end + 3].lstrip()
        return tail[:1] in ("€", "$", "%")
    if fold(nxt) in lx.quantity_nouns or norm(nxt) in lx.quantity_nouns:
        return True
    introduced = re.search(r"(?:en|depuis|de|l['\u2019]an|année|dès|avant|après|à|d['\u2019]ici|jusqu['\u2019]en|fin|début|mi-)\s*$",
                           before, re.I)
    plural = nxt.islower() and len(nxt) > 3 and nxt[-1] in "sx" and norm(nxt) not in _NOT_PLURAL_NOUNS
    return plural and not introduced


def _guard(rule: Rule, m: re.Match, text: str) -> bool:
    """Whether a match may stand (True) or is a known false positive (False)."""
    g = m.groupdict()
    if rule.name == "year":
        y = int(g["y"])
        prefixed = m.group(0)[:1].isalpha()
        if not prefixed and not 1800 <= y <= 2100:
            return False
        return not _year_is_quantity(text, m)
    if rule.name == "year_range":
        if int(g["y2"]) <= int(g["y1"]) or int(g["y2"]) - int(g["y1"]) > 100:
            return False
        return not _year_is_quantity(text, m)
    if rule.name == "month":
        word = g["m"]
        if not (g["prep"] or g["y"] or g["rel"]) and word[:1].isupper():
            return False            # "Mars" the planet, "Mai" a name: only lower-case alone
        if g["y"] and not re.fullmatch(r"\d{4}|['\u2019]?\d\d", g["y"]):
            return False
        return True
    if rule.name == "relative_period":
        if not (g["this"] or g["rel"]):
            return False            # "l'année", "la semaine" alone refer to nothing
        return True
    if rule.name in ("date_day_month", "range_day_month"):
        y = g.get("y") or g.get("y2")
        if y and len(y.strip("'\u2019")) == 2 and _next_word(text, m.end()).isalpha():
            nxt = norm(_next_word(text, m.end()))
            if nxt in lexicon().quantity_nouns:
                return False
        return True
    if rule.name == "duration":
        return True
    return True


def find_spans(text: str) -> list[tuple[Rule, re.Match]]:
    """Every accepted rule match, longest first among overlaps, returned in text order."""
    cands: list[tuple[int, int, int, Rule, re.Match]] = []
    for rule in rules():
        for m in rule.regex.finditer(text):
            if m.end() > m.start() and _guard(rule, m, text):
                cands.append((m.start(), m.end(), rule.priority, rule, m))
    cands.sort(key=lambda c: (-(c[1] - c[0]), -c[2], c[0]))
    taken: list[tuple[int, int, Rule, re.Match]] = []
    for s, e, _, rule, m in cands:
        if all(e <= ts or s >= te for ts, te, _, _ in taken):
            taken.append((s, e, rule, m))
    taken.sort(key=lambda t: t[0])
    return [(r, m) for _, _, r, m in taken]
