"""The actor dictionary: countries, persons (with dated offices), offices, ranks, bodies.

All knowledge lives in data files (``data/countries.tsv``, ``data/actors/*.yaml``); users add
files of the same schemas through ``ActorDictionary.load(extra=...)`` or the ``ANNALES_ACTORS``
environment variable (paths separated by ``os.pathsep``).

Every name is indexed in one token trie (see ``text.tokenize``): the finder walks it once per
token position, so the cost does not grow with the number of entries.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Iterable

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

from annales.actors import dates
from annales.actors.countries import Country, plural_forms, read_countries_tsv
from annales.actors.text import ascii_fold, key, strip_article

ENV_VAR = "ANNALES_ACTORS"

# countries whose names are written surname first and whose people are referred to by the
# surname (first token) / by the given name (last token: Vietnam) / by the first name (Laos,
# Thailand). Used only to derive short forms of names.
_SURNAME_FIRST = {"CHN", "KOR", "PRK", "TWN", "HKG", "MAC"}
_GIVEN_LAST = {"VNM"}
_FIRST_NAME_USED = {"LAO", "THA"}
_NO_SHORT = {"KHM"}
# short French words that also occur as name parts ("Son", "Man", "Tan"...): never a short form
_FRENCH_WORDS = set("""
a au aux avec ce ces dans de des du elle en et eux il je la le les leur lui ma mais me meme mes
moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un
une vos votre vous c d j l m n s t y ete etre fait faire tout tous toute toutes plus bien sans sous
entre vers chez contre lors apres avant depuis pendant selon ainsi aussi donc or ni car si non oui
man long hai nam bac trung tan van thi dinh duc quoc minh hoa binh viet hung thanh vinh hue ha
""".split())


@dataclass
class OfficeDef:
    key: str
    title: str
    sector: str | None = None
    country: str | None = None       # office of one country only
    multiple: bool = False
    generic: bool = False
    counterpart: bool = False
    alias_of: str | None = None      # holder look-ups use this key
    french: list[str] = field(default_factory=list)
    after_det: bool = False          # the bare word counts only after a determiner ("le conseiller")
    local: bool = False              # an office of a town or region: "gouverneur de Voronezh" is Russian
    envoy: bool = False              # posted abroad: "à/auprès de <X>" names the post, not the state

    @property
    def holder_key(self) -> str:
        return self.alias_of or self.key


@dataclass
class BodyDef:
    name: str
    sector: str | None
    french: list[str]
    country: str | None = None       # named bodies
    named: bool = False
    no_default: bool = False


@dataclass
class Tenure:
    office: str
    country: str
    sector: str | None
    title: str
    start: dt.date
    end: dt.date
    uncertain: bool = False
    host: str | None = None

    def interval(self) -> tuple[dt.date, dt.date]:
        return self.start, self.end


@dataclass
class Person:
    id: str
    name: str
    country: str | None
    variants: list[str] = field(default_factory=list)
    offices: list[Tenure] = field(default_factory=list)
    source: str = ""

    def tenures_on(self, date) -> list[Tenure]:
        """Offices held on a date (any overlap for partial dates), most senior first."""
        iv = dates.interval(date)
        if iv is None:
            return []
        return [t for t in self.offices if dates.overlap_days(iv, t.interval()) > 0]


@dataclass
class Entry:
    """What a trie key points to."""
    kind: str            # country, demonym, capital, person, office, body, rank, group
    ref: str | int       # country code, person id, office key, body index, rank title, group noun
    partial: bool = False   # person: derived short form
    strict: bool = False    # person short form valid only right after a title/rank
    plural: bool = False
    count: int = 0          # group: how many
    upper: bool = False     # an acronym ("UE", "APV"): matches only when written in capitals


_PRIORITY = {"person": 0, "office": 1, "body": 2, "country": 3, "group": 4, "rank": 5,
             "demonym": 6, "capital": 7}

GROUP_NUMBERS = {"deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "2": 2, "3": 3, "4": 4}
GROUP_NOUNS = {  # plural noun -> whether members are persons
    "parties": False, "pays": False, "nations": False, "cotes": False, "etats": False,
    "gouvernements": False, "peuples": False, "camps": False, "armees": False,
    "ministeres": False, "delegations": False, "forces armees": False, "marines": False,
    "ministres": True, "dirigeants": True, "chefs": True, "responsables": True,
    "generaux": True, "presidents": True, "premiers ministres": True, "hommes": True,
    "chefs de delegation": True, "chefs d etat": True, "vice ministres": True,
    "ministres de la defense": True, "ministres des affaires etrangeres": True,
    "vice premiers ministres": True, "vice presidents": True, "coprésidents": True, "copresidents": True,
    "presidents des deux sous commissions": True, "ambassadeurs": True, "garde cotes": False,
    "gardes cotes": False, "sous commissions": False, "commissions": False,
}


class Trie:
    def __init__(self) -> None:
        self.root: dict = {}

    def add(self, k: tuple[str, ...], entry: Entry) -> None:
        if not k:
            return
        node = self.root
        for tok in k:
            node = node.setdefault(tok, {})
        lst = node.setdefault(None, [])
        if not any(e.kind == entry.kind and e.ref == entry.ref and e.partial == entry.partial
                   and e.plural == entry.plural for e in lst):
            lst.append(entry)


def _is_acronym(phrase: str) -> bool:
    letters = [c for c in strip_article_text(phrase) if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def strip_article_text(phrase: str) -> str:
    low = phrase.lower()
    for art in ("l'", "l’", "le ", "la ", "les "):
        if low.startswith(art):
            return phrase[len(art):]
    return phrase


def drop_initials(k: tuple[str, ...]) -> tuple[str, ...]:
    """A name key without its middle initials: ("marc", "e", ".", "knapper") -> ("marc", "knapper")."""
    out: list[str] = []
    i = 0
    while i < len(k):
        if 0 < i and len(k[i]) == 1 and k[i].isalpha() and i + 1 < len(k) and k[i + 1] == ".":
            i += 2
            continue
        out.append(k[i])
        i += 1
    return tuple(out)


def _d(v, end: bool) -> dt.date:
    return dates.end_of(v) if end else dates.start_of(v)


def _data_dir() -> Path:
    return Path(str(resources.files("annales") / "data"))


class ActorDictionary:
    """Countries, persons, offices, ranks and bodies, indexed for token look-up."""

    def __init__(self) -> None:
        self.countries: dict[str, Country] = {}
        self.persons: dict[str, Person] = {}
        self.offices: dict[str, OfficeDef] = {}
        self.office_order: list[str] = []
        self.ranks: dict[str, str] = {}
        self.bodies: list[BodyDef] = []
        self.demonym_of: dict[str, str] = {}    # normalised single/multi-token form -> code
        self.trie = Trie()
        self.sources: list[str] = []
        self._built = False

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, extra: Iterable[str | os.PathLike] = (), *, env: bool = True) -> "ActorDictionary":
        """The shipped data, then each extra file (and ``$ANNALES_ACTORS`` files), in order.

        Extra files use the shipped schemas: a ``.tsv`` is read as countries.tsv; a YAML list
        (or a mapping with ``persons:``) as persons; a mapping with ``offices:``/``ranks:`` as
        offices; a mapping with ``generic:``/``named:`` as bodies. A later person with the same
        id replaces the earlier one.
        """
        d = cls()
        base = _data_dir()
        d.add_file(base / "countries.tsv")
        for name in ("offices.yaml", "bodies.yaml", "persons.yaml"):
            d.add_file(base / "actors" / name)
        paths = [Path(p) for p in extra]
        if env and os.environ.get(ENV_VAR):
            paths += [Path(p) for p in os.environ[ENV_VAR].split(os.pathsep) if p.strip()]
        for p in paths:
            d.add_file(p)
        d.build()
        return d

    def add_file(self, path: str | os.PathLike) -> None:
        path = Path(path)
        self.sources.append(str(path))
        self._built = False
        if path.suffix.lower() == ".tsv":
            for c in read_countries_tsv(path):
                self.countries[c.code] = c
            return
        with open(path, encoding="utf-8") as fh:
            data = yaml.load(fh, Loader=_Loader)
        if data is None:
            return
        if isinstance(data, list):
            self.add_persons(data, source=path.name)
            return
        if not isinstance(data, dict):
            raise ValueError(f"{path}: unrecognised actor file")
        if "persons" in data:
            self.add_persons(data["persons"] or [], source=path.name)
        if "offices" in data or "ranks" in data:
            self.add_offices(data.get("offices") or {}, data.get("ranks") or {})
        if "generic" in data or "named" in data:
            for b in data.get("generic") or []:
                self.bodies.append(BodyDef(b["name"], b.get("sector"), list(b.get("french") or []),
                                           no_default=bool(b.get("no_default"))))
            for b in data.get("named") or []:
                self.bodies.append(BodyDef(b["name"], b.get("sector"), list(b.get("french") or []),
                                           country=b.get("country"), named=True))

    def add_offices(self, offices: dict, ranks: dict) -> None:
        for k, o in offices.items():
            o = o or {}
            if k not in self.offices:
                self.office_order.append(k)
            self.offices[k] = OfficeDef(
                key=k, title=o.get("title") or k.replace("_", " ").title(), sector=o.get("sector"),
                country=o.get("country"), multiple=bool(o.get("multiple")),
                generic=bool(o.get("generic")), counterpart=bool(o.get("counterpart")),
                alias_of=o.get("alias_of"), french=list(o.get("french") or []),
                after_det=bool(o.get("after_det")), local=bool(o.get("local")),
                envoy=bool(o.get("envoy")))
        for phrase, title in ranks.items():
            self.ranks[str(phrase)] = str(title)

    def add_persons(self, items: list, source: str = "") -> None:
        for p in items:
            pid = str(p.get("id") or ascii_fold(p["name"]).lower().replace(" ", "_").replace("-", "_"))
            country = p.get("country")
            tenures = []
            for o in p.get("offices") or []:
                okey = o["office"]
                odef = self.offices.get(okey)
                tenures.append(Tenure(
                    office=okey, country=o.get("country") or country,
                    sector=o.get("sector") or (odef.sector if odef else None),
                    title=o.get("title") or (odef.title if odef else okey.replace("_", " ").title()),
                    start=_d(o.get("start"), False), end=_d(o.get("end"), True),
                    uncertain=bool(o.get("uncertain")), host=o.get("host")))
            self.persons[pid] = Person(pid, str(p["name"]), country,
                                       [str(v) for v in p.get("variants") or []], tenures, source)
        self._built = False

    # ------------------------------------------------------------------ indexing
    def build(self) -> None:
        t = self.trie = Trie()
        self.demonym_of = {}
        order = {k: i for i, k in enumerate(self.office_order)}
        # countries
        for c in self.countries.values():
            names = [*c.french, c.english]
            if c.is_igo or c.code.isalpha() and len(c.code) > 3:
                names.append(c.code)
            for n in names:
                k = key(n)
                for kk in {k, strip_article(k)}:
                    t.add(kk, Entry("country", c.code, upper=_is_acronym(n)))
            for dem in c.demonyms:
                for form in plural_forms(dem):
                    k = key(form)
                    t.add(k, Entry("demonym", c.code))
                    self.demonym_of[" ".join(k)] = c.code
            for cap in c.capital_fr + ([c.capital_en] if c.capital_en else []):
                t.add(key(cap), Entry("capital", c.code))
        # offices (and the plural of their first word)
        for odef in self.offices.values():
            for phrase in odef.french:
                k = key(phrase)
                t.add(k, Entry("office", odef.key))
                if k and not k[0].endswith(("s", "x")):
                    t.add((k[0] + "s",) + k[1:], Entry("office", odef.key, plural=True))
        for phrase, title in self.ranks.items():
            t.add(key(phrase), Entry("rank", title, upper=_is_acronym(phrase)))
        for i, b in enumerate(self.bodies):
            for phrase in b.french:
                k = key(phrase)
                t.add(k, Entry("body", i, upper=_is_acronym(phrase)))
                if not b.named and k and not k[0].endswith(("s", "x")):
                    t.add((k[0] + "s",) + k[1:], Entry("body", i, plural=True))
        for num, n in GROUP_NUMBERS.items():
            for noun in GROUP_NOUNS:
                t.add((num, *noun.split()), Entry("group", noun, count=n))
        # persons: full names and variants, then unambiguous short forms
        full: dict[tuple[str, ...], set[str]] = {}
        for p in self.persons.values():
            for n in [p.name, *p.variants]:
                full.setdefault(key(n), set()).add(p.id)
                bare = drop_initials(key(n))   # "Marc E. Knapper" is also "Marc Knapper"
                if len(bare) >= 2:
                    full.setdefault(bare, set()).add(p.id)
        for k, ids in full.items():
            for pid in ids:
                t.add(k, Entry("person", pid))
        blocked = self._blocked_short_forms()
        short: dict[tuple[str, ...], set[str]] = {}
        strict: set[tuple[str, ...]] = set()
        for p in self.persons.values():
            for n in [p.name, *p.variants]:
                for sk, is_strict in self._short_forms(key(n), p.country):
                    short.setdefault(sk, set()).add(p.id)
                    if is_strict:
                        strict.add(sk)
        for sk, ids in short.items():
            if len(ids) > 1:  # the same person from two dictionaries (same name and country)
                same = {(key(self.persons[x].name), self.persons[x].country) for x in ids}
                if len(same) == 1:
                    ids = {next(x for x in self.persons if x in ids)}
            if len(ids) != 1 or sk in full or (len(sk) == 1 and (sk[0] in blocked or len(sk[0]) < 2)):
                continue
            t.add(sk, Entry("person", next(iter(ids)), partial=True, strict=sk in strict))
        # seniority of offices for "which office does this person hold today"
        self._by_office: dict[str, list[tuple[Person, Tenure]]] = {}
        for p in self.persons.values():
            p.offices.sort(key=lambda x: order.get(x.office, 999))
            for tn in p.offices:
                self._by_office.setdefault(tn.office, []).append((p, tn))
        self._built = True

    def _blocked_short_forms(self) -> set[str]:
        """Single tokens that may not stand alone for a person: French words, and words that
        already name a country, demonym, capital, office, rank or body."""
        blocked = set(_FRENCH_WORDS)
        for tok, child in self.trie.root.items():
            if tok is not None and None in child and any(e.kind != "person" for e in child[None]):
                blocked.add(tok)
        return blocked

    @staticmethod
    def _short_forms(k: tuple[str, ...], country: str | None):
        """Derived short forms of a name key: [(key, strict)]."""
        out = []
        k = tuple(x for x in drop_initials(k) if x not in (".", ","))
        if len(k) == 2 and k[-1] in ("ii", "iii", "iv", "v", "vi", "x"):
            return out   # a regnal name ("Elizabeth II", "Charles III") has no short form
        while len(k) > 2 and k[-1] in ("jr", "sr", "ii", "iii", "iv"):
            k = k[:-1]
        if len(k) < 2 or country in _NO_SHORT:
            return out
        if country in _GIVEN_LAST:
            out.append(((k[-1],), True))
        elif country in _SURNAME_FIRST:
            out.append(((k[0],), False))
        elif country in _FIRST_NAME_USED:
            out.append(((k[0],), False))
            out.append(((k[-1],), False))
        else:
            out.append(((k[-1],), False))
            if len(k) >= 3:
                out.append(((k[0], k[-1]), False))
                out.append(((k[-1], k[0]), False))
            else:
                out.append(((k[1], k[0]), False))
        return out

    # ------------------------------------------------------------------ look-ups
    def lookup(self, name: str) -> list[Person]:
        """Persons whose name, variant or unambiguous short form is `name`."""
        if not self._built:
            self.build()
        node = self.trie.root
        for tok in key(name):
            node = node.get(tok)
            if node is None:
                return []
        ids = [e.ref for e in node.get(None, []) if e.kind == "person"]
        return [self.persons[i] for i in dict.fromkeys(ids)]

    def country(self, code: str | None) -> Country | None:
        return self.countries.get(code) if code else None

    def holder(self, office: str, country: str | None, date) -> Person | None:
        """Who held `office` in `country` on `date` ("YYYY", "YYYY-MM", "YYYY-MM-DD", a date).

        A partial date picks the holder with the longest tenure inside it. `date=None` gives
        the holder only if one person ever held the office. Offices held by several people at
        once (``multiple: true``) give a person only when one held it on that date.
        """
        odef = self.offices.get(office)
        hkey = odef.holder_key if odef else office
        if country is None and odef is not None:
            country = odef.country
        if not self._built:
            self.build()
        cands = [(p, t) for p, t in self._by_office.get(hkey, ())
                 if country is None or t.country == country]
        if not cands:
            return None
        if date is None:
            ids = {p.id for p, _ in cands}
            return cands[0][0] if len(ids) == 1 else None
        iv = dates.interval(date)
        if iv is None:
            return None
        scored: dict[str, tuple[int, dt.date, Person]] = {}
        for p, t in cands:
            ov = dates.overlap_days(iv, t.interval())
            if ov > 0:
                prev = scored.get(p.id)
                if prev is None or ov > prev[0]:
                    scored[p.id] = (ov, t.start, p)
        if not scored:
            return None
        if odef is not None and odef.multiple and len(scored) > 1:
            return None
        return max(scored.values(), key=lambda x: (x[0], x[1]))[2]

    def tenure(self, person: Person, date, office: str | None = None) -> Tenure | None:
        """The office `person` held on `date` (the given office key if held, else most senior)."""
        ts = person.tenures_on(date)
        if office:
            odef = self.offices.get(office)
            hk = odef.holder_key if odef else office
            for t in ts:
                if t.office in (office, hk):
                    return t
        return ts[0] if ts else None

    def stats(self) -> dict[str, int]:
        return {"countries": sum(c.kind != "igo" for c in self.countries.values()),
                "igos": sum(c.kind == "igo" for c in self.countries.values()),
                "persons": len(self.persons),
                "tenures": sum(len(p.offices) for p in self.persons.values()),
                "offices": len(self.offices), "ranks": len(self.ranks), "bodies": len(self.bodies)}
