"""States, territories and IGOs by their French (or English) names and demonyms.

Data: ``data/countries.tsv`` (documented at its top). ``lookup_country`` is the stable API used
by the places stage.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from annales.actors.text import key, strip_article


@dataclass
class Country:
    code: str                 # ISO3 or IGO acronym
    kind: str                 # state | territory | igo
    english: str
    french: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)
    capital_fr: list[str] = field(default_factory=list)
    capital_en: str = ""

    @property
    def is_igo(self) -> bool:
        return self.kind == "igo"


def _split(cell: str) -> list[str]:
    return [x.strip() for x in cell.split("|") if x.strip()]


def plural_forms(form: str) -> list[str]:
    """'vietnamien' -> ['vietnamien', 'vietnamiens']; 'chinois' -> ['chinois']."""
    if form.endswith(("s", "x")):
        return [form]
    return [form, form + "s"]


def read_countries_tsv(path: str | Path) -> list[Country]:
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#") or line.startswith("code\t"):
                continue
            cells = line.split("\t") + [""] * 7
            code, kind, english, french, dem, cap_fr, cap_en = (c.strip() for c in cells[:7])
            if not code:
                continue
            out.append(Country(code, kind or "state", english, _split(french), _split(dem),
                               _split(cap_fr), cap_en))
    return out


def default_countries_path() -> Path:
    return Path(str(resources.files("annales") / "data" / "countries.tsv"))


@lru_cache(maxsize=1)
def _default_index() -> dict[tuple[str, ...], Country]:
    idx: dict[tuple[str, ...], Country] = {}
    for c in read_countries_tsv(default_countries_path()):
        for name in [c.english, *c.french]:
            k = key(name)
            for kk in (k, strip_article(k)):
                idx.setdefault(kk, c)
    return idx


def lookup_country(name: str) -> tuple[str, str] | None:
    """French (or English) country name -> (ISO3, English name), or None.

    Case, accents, hyphens and a leading article are ignored ("la Russie", "Viêt Nam").
    """
    if name.isupper() and name in _codes():   # "EST", never the "Est" of "l'Asie du Sud-Est"
        c = _codes()[name]
        return c.code, c.english
    k = key(name)
    c = _default_index().get(k) or _default_index().get(strip_article(k))
    return (c.code, c.english) if c else None


@lru_cache(maxsize=1)
def _codes() -> dict[str, Country]:
    return {c.code: c for c in read_countries_tsv(default_countries_path())}


def is_igo(code: str) -> bool:
    """Is `code` an intergovernmental organisation's ("ASEAN", "UN"), not a state's?"""
    c = _codes().get(code)
    return c is not None and c.is_igo
