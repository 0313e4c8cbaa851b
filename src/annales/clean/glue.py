"""Repair of words glued together by crawlers, and of missing spaces after punctuation.

Conservative by design (a false split damages good text; a miss leaves it as it was):

- a letter run is split in two only when the run itself is not a known French word
  (wordfreq Zipf frequency) and both halves clearly are ("dedéfense" -> "de défense",
  "Festivalinternational" -> "Festival international");
- a lower-to-upper case change splits an unknown run ("LuongCuong" -> "Luong Cuong"), never
  a known one ("YouTube") nor a name prefix ("McCain", "DiCaprio");
- a space is added after . ! ? … , ; : when a letter word follows directly
  ("futures.Le 7 juillet", "Kartapolov,vice-ministre"), never between digits ("3,5").

The word lists live in `annales/data/clean/glue.yaml`. `find_inserts` returns where
spaces go, so the caller can keep its offset map exact.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml
from wordfreq import zipf_frequency

UNKNOWN_LOWER = 1.5      # a lower-case run at or above this Zipf frequency is a word
UNKNOWN_CAPITAL = 1.0    # same for a capitalised run (names are in wordfreq too)
HALF_MIN = 3.9           # two content halves: both at least this frequent ...
HALF_MIN_CAPITAL = 4.3   # ... stricter in a capitalised run ("Champrenault" stays)
HALF_MIN_WEAK = 2.5      # ... or one at least this and the other at least HALF_STRONG
HALF_STRONG = 5.0
ARTICLES = frozenset({"le", "la", "les"})
ARTICLE_MAX = 3.0        # "le"/"la"/"les" + a very frequent word, run below this frequency
ARTICLE_HALF = 4.5
FUNCTION_HALF = 3.0      # "de" + "doses" (3.8): the content half after a glued function word
PAIR_MAX = 3.5           # two function words glued ("dela") unless the run is this frequent

_RUN = re.compile(r"[^\W\d_]+")
_CHUNK = re.compile(r"\S+")
_URLISH = re.compile(r"://|www\.|@|\.(?:com|fr|org|net|vn)\b", re.I)
_LOWER = "a-zà-öø-ÿœ"
_UPPER = "A-ZÀ-ÖØ-ÞŒ"
_PUNCT_SPACE = [
    # sentence end glued to the next sentence: "futures.Le", "jeudi.\"Le", "2020.Le"
    re.compile(rf"(?:(?<=[{_LOWER}]{{2}})|(?<=[0-9)%\"»]))[.!?…]+(?=[«\"]?[{_UPPER}][{_LOWER}])"),
    # comma, semicolon or colon glued to a following word: "Kartapolov,vice-ministre"
    re.compile(rf"(?<=[{_LOWER}]{{2}})[,;:](?=[{_LOWER}{_UPPER}]{{2}})"),
    # opening parenthesis glued to a word: "élargie(ADMM)"
    re.compile(rf"(?<=[{_LOWER}]{{2}})(?=\([{_UPPER}])"),
    re.compile(rf"(?<=[{_LOWER}0-9)\]»\"]);(?=[{_LOWER}{_UPPER}])"),
]
_LETTER_DIGIT = re.compile(rf"(?<![^\W\d_])([{_LOWER}]+)(?=\d)")
_DIGIT_LETTER = re.compile(rf"(?<=\d)([{_LOWER}]+)(?![{_LOWER}])")


@dataclass(frozen=True)
class _Lists:
    function_words: frozenset
    blocked_left: frozenset
    blocked_right: frozenset
    keep: frozenset
    camel_prefixes: frozenset
    months: frozenset
    right_function_words: frozenset
    determiners_after_de: frozenset


@lru_cache(maxsize=1)
def lists() -> _Lists:
    text = resources.files("annales").joinpath("data/clean/glue.yaml").read_text("utf-8")
    d = yaml.safe_load(text)
    return _Lists(*(frozenset(str(w).lower() for w in d[k]) for k in (
        "function_words", "blocked_left", "blocked_right", "keep", "camel_prefixes", "months", "right_function_words",
        "determiners_after_de")))


@lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    return zipf_frequency(word, "fr")


def _half_ok(h: str, L: _Lists) -> float | None:
    """Frequency of a half if it may be one, else None."""
    if h in L.function_words:
        return zipf(h)
    if len(h) < 4:
        return None
    z = zipf(h)
    return z if z >= HALF_MIN_WEAK else None


def split_word(run: str) -> int | None:
    """Where to split a glued letter run, or None. Only lower-case or Capitalised runs."""
    L = lists()
    low = run.lower()
    if len(run) < 4 or low in L.keep:
        return None
    capital = run[0].isupper()
    if capital and not run[1:].islower():
        return None
    if not capital and not run.islower():
        return None
    z = zipf(low)
    best, best_score = None, 0.0
    for i in range(1, len(low)):
        left, right = low[:i], low[i:]
        if left in L.blocked_left or right in L.blocked_right:
            continue
        if capital and (len(left) < 4 or len(right) < 4) and not (left in ARTICLES and len(right) >= 4):
            continue   # ("Lesdeux dirigeants": a capitalised article may be short)
        zl, zr = _half_ok(left, L), _half_ok(right, L)
        if zl is None or zr is None:
            continue
        if right in L.function_words and right not in L.right_function_words \
                and not (left in ("de", "à") and right in L.determiners_after_de):
            continue
        if left in L.function_words and right in L.function_words:
            ok = not capital and z < PAIR_MAX and min(len(left), len(right)) >= 2
        elif z < (UNKNOWN_CAPITAL if capital else UNKNOWN_LOWER):
            lo, hi = min(zl, zr), max(zl, zr)
            ok = max(len(left), len(right)) >= 4 and (
                lo >= (HALF_MIN_CAPITAL if capital else HALF_MIN) or (hi >= HALF_STRONG and lo >= HALF_MIN_WEAK
                                   and max(len(left), len(right)) >= 6))
            # "dedoses": a short function word glued to a fairly common word
            ok = ok or (not capital and left in L.function_words and len(right) >= 5 and zr >= FUNCTION_HALF)
        else:                                                      # "lemonde"
            ok = (not capital and left in ARTICLES and z < ARTICLE_MAX
                  and len(right) >= 4 and zr >= ARTICLE_HALF)
        if ok and zl + zr > best_score:
            best, best_score = i, zl + zr
    return best


ELIDED = ("qu", "d", "l", "n", "s", "j", "c")   # the letters written before an apostrophe


def split_elided(run: str) -> int | None:
    """Where an elided word glued to the word before it starts ("etd'" -> "et d'",
    "ampleurqu'" -> "ampleur qu'"), or None. The run must be unknown and its first part a
    known word ("lorsqu'", "jusqu'" are words and stay)."""
    low = run.lower()
    if len(low) < 3 or not low.isalpha() or zipf(low) >= UNKNOWN_LOWER:
        return None
    for tail in ELIDED:
        head = low[: -len(tail)]
        if low.endswith(tail) and len(head) >= 2 and (head in lists().function_words or zipf(head) >= HALF_MIN):
            return len(head)
    return None


CAMEL_FUNCTION = 5.5     # "...inquiètentLe" : a capitalised function word follows


def split_camel(run: str, context: str = "") -> list[int]:
    """Lower-to-upper case changes inside an unknown run: "LuongCuong" -> [5].

    "wordName" always splits; "NameName" only when the second part is a function word
    ("publicComme" too) or when "Name Name" is written apart elsewhere in `context` (so
    brands such as "TerraMar" or "TwinPower" stay whole).
    """
    L = lists()
    if zipf(run.lower()) >= UNKNOWN_CAPITAL or run.lower() in L.keep:
        return []
    cuts = []
    last = 0
    for i in range(1, len(run)):
        if run[i - 1].islower() and run[i].isupper():
            left = run[last:i]
            right = re.match(r"[^\W\d_][^\W\d_A-ZÀ-ÖØ-ÞŒ]*", run[i:]).group()
            if len(left) < 3 or left.lower() in L.camel_prefixes or len(right) < 2:
                continue
            if left[0].isupper() and not (zipf(right.lower()) >= CAMEL_FUNCTION
                                          or f"{left} {right}" in context):
                continue
            cuts.append(i)
            last = i
    return cuts


def find_inserts(text: str, context: str = "") -> list[int]:
    """Positions in `text` before which a space should be inserted (sorted, unique).

    `context` (the whole article) lets a "NameName" run split when "Name Name" occurs in it.
    """
    L = lists()
    cuts: set[int] = set()
    for chunk in _CHUNK.finditer(text):
        if _URLISH.search(chunk.group()):
            continue
        base = chunk.start()
        c = chunk.group()
        for rx in _PUNCT_SPACE:
            for m in rx.finditer(c):
                cuts.add(base + m.end())
        for m in _LETTER_DIGIT.finditer(c):
            # "en2022" -> "en 2022", "janvier2022" -> "janvier 2022"
            if (m.group(1) in L.function_words and len(m.group(1)) >= 2) or m.group(1) in L.months:
                cuts.add(base + m.end())
        for m in _DIGIT_LETTER.finditer(c):
            if m.group(1) in L.months:
                cuts.add(base + m.start())
        for m in _RUN.finditer(c):
            run = m.group()
            if c[m.end():m.end() + 1] in ("'", "’"):
                k = split_elided(run)     # "etd'approfondir", "ampleurqu'en"
                if k is not None:
                    cuts.add(base + m.start() + k)
                continue                  # elided form: "lorsqu'", "jusqu'", "quelqu'"

            start = base + m.start()
            pieces = [0] + split_camel(run, context) + [len(run)]
            for k in pieces[1:-1]:
                cuts.add(start + k)
            for a, b in zip(pieces, pieces[1:]):
                k = split_word(run[a:b])
                if k is not None:
                    cuts.add(start + a + k)
    return sorted(cuts)


def repair(text: str) -> str:
    """`text` with the spaces of `find_inserts` added (for titles and quick checks)."""
    out, prev = [], 0
    for k in find_inserts(text):
        out.append(text[prev:k])
        out.append(" ")
        prev = k
    out.append(text[prev:])
    return "".join(out)
