"""Scanning a story into units: dictionary matches, their extensions, and unknown names.

One left-to-right walk of the dictionary trie per token position (no regex per entry). A
demonym may sit inside an office/body phrase ("ministre *russe* de la Défense") or after it; a
trailing "de/du <country|body>" gives the country, "à/au/en <country|capital>" the host
(embassies, ambassadors). spaCy PER entities, and capitalised runs next to a title, give
unknown names.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from annales.actors.dictionary import ActorDictionary, Entry
from annales.actors.text import Token

_DE = {("de",), ("du",), ("des",), ("d",), ("de", "la"), ("de", "l"), ("de", "les")}
_HOST = {("a",), ("au",), ("aux",), ("en",), ("aupres", "de"), ("aupres", "du"),
         ("aupres", "de", "la"), ("aupres", "des"), ("aupres", "de", "l"), ("a", "la")}
_DETS = {"le", "la", "les", "l", "son", "sa", "ses", "leur", "leurs", "un", "une", "ce", "cet",
         "cette", "du", "de", "des", "au", "aux", "d", "a"}
_NAME_PARTICLES = {"bin", "binti", "bte", "de", "da", "van", "von", "al", "el", "ibn", "dos",
                   "del", "der", "la", "le", "haji", "hj"}
_BAD_NAME_WORDS = {"le", "la", "les", "l", "un", "une", "selon", "lors", "pour", "dans", "avec",
                   "et", "a", "au", "en", "par", "sur", "ce", "cette", "il", "elle", "ils", "son",
                   "sa", "ses", "leur", "de", "du", "des", "d"}
_PRIO = {"person": 0, "body": 1, "office": 2, "country": 3, "group": 4, "rank": 5, "demonym": 6,
         "capital": 7}


@dataclass
class Unit:
    i: int                      # first token
    j: int                      # one past the last token (extensions included)
    kind: str                   # person, name, office, body, country, demonym, capital, rank, group
    entries: list[Entry] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)   # from demonyms / "de <country>"
    host: str | None = None
    compose: object = None      # BodyDef: "vice-président de l'Assemblée nationale"
    group_of: "Unit | None" = None   # "les ministères de la Défense des deux pays"
    ner: bool = False
    used: bool = False

    def first(self, kind: str) -> Entry | None:
        return next((e for e in self.entries if e.kind == kind), None)


class Scanner:
    """Token-level matching; ``ActorFinder`` builds mentions from its units."""

    d: ActorDictionary

    # ================================================================== scanning
    def _demonym_at(self, toks: list[Token], j: int) -> tuple[str, int] | None:
        if j + 1 < len(toks):
            c = self.d.demonym_of.get(toks[j].norm + " " + toks[j + 1].norm)
            if c:
                return c, 2
        c = self.d.demonym_of.get(toks[j].norm) if j < len(toks) else None
        return (c, 1) if c else None

    def _scan(self, toks: list[Token]) -> list[Unit]:
        root = self.d.trie.root
        units: list[Unit] = []
        n = len(toks)
        i = 0
        while i < n:
            node, j, dems, skipped = root, i, [], False
            cands = []
            while j < n:
                child = node.get(toks[j].norm)
                if child is None:
                    if j > i:
                        dm = self._demonym_at(toks, j)
                        if dm:
                            dems.append(dm[0]); j += dm[1]; skipped = True
                            continue
                        if toks[j].norm == "et" and j + 1 < n and self._demonym_at(toks, j + 1):
                            j += 1
                            continue
                    break
                node = child
                j += 1
                if None in node:
                    ents = node[None]
                    if skipped:
                        ents = [e for e in ents if e.kind in ("office", "body")]
                    ents = [e for e in ents if self._valid(toks, i, j, e, units)]
                    if ents:
                        cands.append((j, ents, list(dems)))
            if not cands:
                i += 1
                continue
            j, ents, dems = cands[-1]
            ents = sorted(ents, key=lambda e: _PRIO.get(e.kind, 9))
            kind = ents[0].kind
            u = Unit(i, j, kind, ents, dems)
            if kind in ("office", "body"):
                # trailing demonyms: "le Premier ministre vietnamien", "ambassadeurs russe et lao"
                while j < n:
                    dm = self._demonym_at(toks, j)
                    if dm:
                        u.countries.append(dm[0]); j += dm[1]; continue
                    if toks[j].norm == "et" and u.countries and j + 1 < n and self._demonym_at(toks, j + 1):
                        j += 1; continue
                    break
                u.j = j
            units.append(u)
            i = u.j
        return units

    def _valid(self, toks, i, j, e: Entry, units: list[Unit]) -> bool:
        if j - i == 1 and toks[i].norm in ("general", "generale") and e.kind in ("rank", "office") \
                and i > 0 and toks[i - 1].text.isalpha() and toks[i - 1].norm not in _DETS:
            return False
        if e.kind == "country" and not e.upper and not toks[i].is_cap:
            return False
        if e.upper and not all(t.text.isupper() or not t.text.isalpha() for t in toks[i:j]):
            return False
        if e.kind != "person" or not e.partial:
            return True
        if not all(t.is_cap for t in toks[i:j]):
            return False
        if i > 0:
            p = toks[i - 1]
            sent_start = i < 2 or toks[i - 2].norm in {".", "!", "?", "\n"} or not toks[i - 2].text.isalnum()
            if p.is_cap and p.text.isalpha() and not sent_start and not self._is_title_token(p, units, i):
                return False
        if j < len(toks) and toks[j].is_cap and toks[j].text.isalpha() and toks[j].norm not in self.d.trie.root:
            return False
        if e.strict:
            return bool(units) and units[-1].j == i and units[-1].kind in ("rank", "office")
        return True

    @staticmethod
    def _is_title_token(tok: Token, units: list[Unit], i: int) -> bool:
        return bool(units) and units[-1].j == i and units[-1].kind in ("rank", "office")

    # ================================================================== extensions
    def _extend(self, toks: list[Token], units: list[Unit]) -> None:
        """Attach "de/du <country|body>" and "à/au/en <country|capital>" to offices/bodies.

        Right to left, so that "vice-présidente de l'Assemblée nationale du Laos" first makes
        "Assemblée nationale du Laos" (LAO), then the office takes the body: a generic office
        of a body gets the body's sector and a composed title.
        """
        for k in range(len(units) - 1, -1, -1):
            u = units[k]
            if u.used or u.kind not in ("office", "body"):
                continue
            nxt = k + 1
            if not u.countries and not self._named_country(u) and nxt < len(units):
                v = units[nxt]
                gap = tuple(t.norm for t in toks[u.j:v.i])
                if gap in _DE and not v.used:
                    c = None
                    if v.kind == "country":
                        c = v.entries[0].ref
                    elif v.kind == "body":
                        c = self._named_country(v) or (v.countries[0] if v.countries else None)
                        if u.kind == "office" and self._composable(u):
                            u.compose = self.d.bodies[v.first("body").ref]
                            if c is None:
                                u.j = v.j
                                v.used = True
                                continue
                    if c:
                        u.countries.append(c)
                        u.j = v.j
                        v.used = True
                        nxt += 1
            if nxt < len(units) and units[nxt].kind == "group" and not units[nxt].used and \
                    tuple(t.norm for t in toks[u.j:units[nxt].i]) in {("des",), ("de", "ces"), ("de", "nos")}:
                u.group_of = units[nxt]
                u.j = units[nxt].j
                units[nxt].used = True
                continue
            if nxt < len(units) and (self._is_diplomatic(u)):
                v = units[nxt]
                gap = tuple(t.norm for t in toks[u.j:v.i])
                if gap in _HOST and v.kind in ("country", "capital") and not v.used:
                    u.host = v.entries[0].ref
                    u.j = v.j
                    v.used = True

    _COMPOSABLE = {"head_of_state", "vice_president", "leader", "commander", "minister",
                   "deputy_minister", "director", "secretary_general"}

    def _composable(self, u: Unit) -> bool:
        e = u.first("office")
        return e is not None and e.ref in self._COMPOSABLE

    def _named_country(self, u: Unit) -> str | None:
        e = u.first("body")
        if e is not None:
            b = self.d.bodies[e.ref]
            if b.named:
                return b.country
        e = u.first("office")
        if e is not None:
            o = self.d.offices.get(e.ref)
            return o.country if o else None
        return None

    def _is_diplomatic(self, u: Unit) -> bool:
        e = u.first("office") or u.first("body")
        if e is None:
            return False
        if e.kind == "office":
            return e.ref in ("ambassador", "defence_attache")
        return self.d.bodies[e.ref].sector == "DIP"

    # ================================================================== names
    def _per_spans(self, doc, toks: list[Token]) -> list[tuple[int, int]]:
        starts = [t.start for t in toks]
        out = []
        for ent in getattr(doc, "ents", ()):
            if ent.label_ not in ("PER", "PERSON"):
                continue
            lo = bisect.bisect_left(starts, ent.start_char)
            hi = lo
            while hi < len(toks) and toks[hi].end <= ent.end_char:
                hi += 1
            if hi > lo:
                out.append((lo, hi))
        return out

    def _cap_run(self, toks, covered, i, direction=1, limit=6) -> tuple[int, int] | None:
        """Capitalised free tokens starting at i (direction 1) or ending at i (direction -1)."""
        n = len(toks)
        ks = []
        k = i
        while 0 <= k < n and len(ks) < limit:
            t = toks[k]
            if k in covered or not t.text.isalpha():
                break
            if t.is_cap and t.norm not in _BAD_NAME_WORDS:
                ks.append(k)
            elif t.norm in _NAME_PARTICLES and ks:
                ks.append(k)
            else:
                break
            k += direction
        while ks and not toks[ks[-1]].is_cap:
            ks.pop()
        if not ks:
            return None
        lo, hi = min(ks), max(ks) + 1
        return lo, hi

    def _add_names(self, toks, units: list[Unit], per: list[tuple[int, int]]) -> list[Unit]:
        covered = {k for u in units for k in range(u.i, u.j)}
        names: list[Unit] = []

        def add(lo, hi, ner):
            if any(k in covered for k in range(lo, hi)):
                return
            names.append(Unit(lo, hi, "name", ner=ner))
            covered.update(range(lo, hi))

        for lo, hi in per:  # spaCy PER entities, trimmed to free capitalised tokens
            free = [k for k in range(lo, hi) if k not in covered and toks[k].text.isalpha()]
            run: list[int] = []
            for k in free:
                if run and k != run[-1] + 1:
                    break
                run.append(k)
            while run and not toks[run[0]].is_cap:
                run.pop(0)
            while run and not toks[run[-1]].is_cap:
                run.pop()
            if run and not (len(run) == 1 and toks[run[0]].norm in _BAD_NAME_WORDS):
                add(run[0], run[-1] + 1, True)
        for u in units:  # names next to a title, missed by NER
            if u.kind not in ("office", "rank") or u.used:
                continue
            k = u.j
            while k < len(toks) and toks[k].norm in {",", "le", "la", "m", "mme"}:
                k += 1
            r = self._cap_run(toks, covered, k)
            if r and r[1] - r[0] >= 2:
                add(*r, False)
            if u.kind == "office" and u.i >= 2 and toks[u.i - 1].norm == ",":
                r = self._cap_run(toks, covered, u.i - 2, direction=-1)
                if r and r[1] - r[0] >= 2:
                    add(*r, False)
        return sorted(units + names, key=lambda x: x.i)
