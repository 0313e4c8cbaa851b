"""Scanning a story into units: dictionary matches, their extensions, and unknown names.

One left-to-right walk of the dictionary trie per token position (no regex per entry). A
demonym may sit inside an office/body phrase ("ministre *russe* de la Défense") or after it; a
trailing "de/du <country|body>" gives the country, "à/au/en <country|capital>" the host
(embassies, ambassadors). spaCy PER entities, and capitalised runs next to a title, give
unknown names.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from annales.actors.dictionary import ActorDictionary, BodyDef, Entry
from annales.actors.text import Token, ascii_fold, key
from annales.places.index import read_provinces

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
_SING_DETS = {"le", "la", "l", "son", "sa", "leur", "au", "du", "ce", "cet", "cette",
              "notre", "votre", ","}
# adjectives standing between a body and its demonym ("Armée royale cambodgienne")
_BODY_EPITHETS = {"royal", "royale", "royales", "populaire", "populaires", "national", "nationale",
                  "revolutionnaire", "revolutionnaires", "federal", "federale", "imperial", "imperiale"}
_PRIO = {"person": 0, "body": 1, "office": 2, "country": 3, "group": 4, "rank": 5, "demonym": 6,
         "capital": 7}


def initial_at(toks: list[Token], k: int) -> bool:
    """A middle initial at k: one capital letter, a full stop, then a capitalised word."""
    return (k + 2 < len(toks) and len(toks[k].text) == 1 and toks[k].text.isupper()
            and toks[k + 1].text == "." and toks[k + 2].is_cap and toks[k + 2].text.isalpha()
            and toks[k + 2].norm not in _BAD_NAME_WORDS)


_PATRONYMIC = re.compile(r"\w{3,}(?:ovitch|evitch|ovich|evich|ievitch|ievich|yevich|ovna|evna|ievna|ichna)$")


def patronymic_at(toks: list[Token], k: int) -> bool:
    """A Russian-style patronymic at k ("Alexander Vasilyevich Fomin", "Andrey Valeryevich
    Kartapolov"): the dictionary names the person without it."""
    return (k + 1 < len(toks) and toks[k].is_cap and _PATRONYMIC.match(toks[k].norm) is not None
            and toks[k + 1].is_cap)


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
    locality: str | None = None  # a country unit standing for a province or town ("la province d'Attapeu")

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
            node, j, dems, skipped, initials = root, i, [], False, False
            cands = []
            while j < n:
                child = node.get(toks[j].norm)
                if child is None:
                    if j > i and not skipped and initial_at(toks, j):
                        j += 2; initials = True   # "Konstantin V. Vnukov" = "Konstantin Vnukov"
                        continue
                    if j > i and not skipped and not initials and patronymic_at(toks, j):
                        j += 1; initials = True   # "Alexander Vasilyevich Fomin" = "Alexander Fomin"
                        continue
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
                    if initials:
                        ents = [e for e in ents if e.kind == "person"]
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
                    if toks[j].norm in _BODY_EPITHETS and j + 1 < n and self._demonym_at(toks, j + 1):
                        j += 1; continue   # "l'Armée royale cambodgienne", "l'Armée populaire lao"
                    if toks[j].norm == "(" and j + 3 < n and toks[j + 1].text.isupper() and \
                            toks[j + 2].norm == ")" and self._demonym_at(toks, j + 3):
                        j += 3; continue   # "Assemblées nationales (AN) vietnamienne et lao"
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
        if e.kind == "demonym" and toks[i].is_cap and i > 0 and toks[i - 1].is_cap \
                and toks[i - 1].text.isalpha() and toks[i - 1].norm not in _BAD_NAME_WORDS:
            return False   # "Tan Yang Thai": a capitalised demonym inside a name
        if e.kind == "demonym" and toks[i].is_cap and j < len(toks) and toks[j].is_cap \
                and toks[j].text.isalpha() and toks[j].norm not in self.d.trie.root:
            return False   # "Lao Cai": a province, not "lao"
        if e.kind == "office" and j - i == 1 and self.d.offices.get(e.ref) is not None and \
                self.d.offices[e.ref].after_det and not (i > 0 and toks[i - 1].norm in _SING_DETS):
            return False   # "le conseiller", ", conseiller de", not "pour conseiller"
        if e.upper and not all(t.text.isupper() or not t.text.isalpha() for t in toks[i:j]):
            return False
        if e.kind != "person" or not e.partial:
            return True
        if not all(t.is_cap for t in toks[i:j]):
            return False
        if i > 0:
            p = toks[i - 1]
            # ("…, Liu Zhao": after a comma a capitalised word is a given name, not a sentence start)
            sent_start = i < 2 or toks[i - 2].norm in {".", "!", "?", "\n"} or (
                not toks[i - 2].text.isalnum() and toks[i - 2].norm not in (",", ";"))
            if p.is_cap and p.text.isalpha() and not sent_start and not self._is_title_token(p, units, i):
                return False
            if sent_start and p.is_cap and p.text.isalpha() and any(
                    toks[k].norm == p.norm and toks[k + 1].norm == toks[i].norm
                    for k in range(len(toks) - 1) if k != i - 1):
                return False   # "Capaya Rodriguez a apprécié …": the whole name, told earlier, opens the sentence
        if j < len(toks) and toks[j].is_cap and toks[j].text.isalpha() and toks[j].norm not in self.d.trie.root:
            return False
        if e.strict:
            return bool(units) and units[-1].j == i and units[-1].kind in ("rank", "office")
        return True

    @staticmethod
    def _is_title_token(tok: Token, units: list[Unit], i: int) -> bool:
        return bool(units) and units[-1].j == i and units[-1].kind in ("rank", "office")

    # ================================================================== extensions
    def _extend(self, toks: list[Token], units: list[Unit], text: str = "", pos=None,
                per: tuple = ()) -> None:
        """Attach "de/du <country|body>" and "à/au/en <country|capital>" to offices/bodies.

        Right to left, so that "vice-présidente de l'Assemblée nationale du Laos" first makes
        "Assemblée nationale du Laos" (LAO), then the office takes the body: a generic office
        of a body gets the body's sector and a composed title. "président(e)" (and
        "conseiller") before a body the dictionary does not know ("président de la Chambre
        des conseillers du Japon") is the chair of that body, not a head of state.
        """
        per_toks = {k for lo, hi in per for k in range(lo, hi)}
        for k in range(len(units) - 1, -1, -1):
            u = units[k]
            if u.used or u.kind not in ("office", "body"):
                continue
            nxt = k + 1
            if u.kind == "office" and not u.countries and self._chair_word(u, toks):
                got = self._unknown_body(toks, units, u, text, pos, per_toks)
                if got is not None:
                    body, end, countries, inner = got
                    u.compose, u.j = body, end
                    u.countries.extend(dict.fromkeys(countries))
                    for v in inner:
                        v.used = True
                    while nxt < len(units) and units[nxt].i < end:
                        nxt += 1
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
            if u.kind == "office" and not u.countries and text and self._is_local(u):
                v = units[nxt] if nxt < len(units) else None
                got = self._local_place(toks, text, u.j, v.i if v is not None else len(toks))
                if got is not None and v is not None and got[1] == v.i and v.kind in ("country", "capital") \
                        and not v.used:
                    # "le maire de Paris", "le gouverneur de la province de Moscou"
                    got = (self._named_country(v) or v.entries[0].ref, v.j)
                    v.used = True
                if got is not None and got[0]:
                    u.countries.append(got[0])
                    u.j = got[1]
            if nxt < len(units) and (self._is_diplomatic(u)):
                v = units[nxt]
                gap = tuple(t.norm for t in toks[u.j:v.i])
                if gap in _HOST and v.kind in ("country", "capital") and not v.used:
                    u.host = v.entries[0].ref
                    u.j = v.j
                    v.used = True

    def _is_local(self, u: Unit) -> bool:
        e = u.first("office")
        odef = self.d.offices.get(e.ref) if e is not None else None
        return odef is not None and odef.local

    # words naming a kind of place after a local office ("gouverneur de l'oblast de Kalouga")
    _PLACE_KINDS = {"ville", "province", "region", "oblast", "etat", "prefecture", "district",
                    "comte", "territoire", "krai", "land", "departement"}
    # words that make a place an actor ("la province d'Attapeu", "les villes de …")
    _LOCALITY_WORDS = {"province", "provinces", "ville", "villes", "region", "oblast", "prefecture",
                       "municipalite", "district", "krai", "etat"}
    _LOCATIVE = {"dans", "a", "en", "vers", "sur", "pour"}

    def _localities(self, toks, units: list[Unit], text: str) -> list[Unit]:
        """"la province lao d'Attapeu", "une délégation de la ville de Hanoï", "l'oblast
        d'Oulianovsk": a local government acting for its state, read as a mention of that
        state (its demonym, else the gazetteer's country of the place). Not after a
        preposition of place ("s'est rendu dans la province de Quang Ninh": a place)."""
        taken = {k: u for u in units for k in range(u.i, u.j)}
        starts = {u.i: u for u in units}
        added: list[Unit] = []
        for i, t in enumerate(toks):
            if t.norm not in self._LOCALITY_WORDS or i in taken:
                continue
            back = [toks[k].norm for k in range(max(0, i - 2), i)]
            if any(w in self._LOCATIVE for w in back):
                continue
            k, demonym = i + 1, None
            dm = starts.get(k)
            if dm is not None and dm.kind == "demonym":
                demonym, k = dm, dm.j
            got = self._local_place(toks, text, k, min((x for x in starts if x > k), default=len(toks)))
            if got is None:
                continue
            country, end = got
            if not country:   # a unit of the dictionary at the place: a capital or a country
                v = starts.get(end)
                if v is None or v.kind != "capital":
                    continue
                country, end = v.entries[0].ref, v.j
                v.used = True
            if demonym is not None:
                country = demonym.entries[0].ref
                demonym.used = True
            name = text[toks[i].start:toks[end - 1].end]
            added.append(Unit(i, end, "country", [Entry("country", country)], locality=name))
        if not added:
            return units
        return sorted([u for u in units if not u.used] + added, key=lambda u: u.i)

    def _local_place(self, toks, text, j, stop) -> tuple[str, int] | None:
        """The country of the place after a local office ("gouverneur de Voronezh", "de la
        province de Moscou", "de l'oblast d'Oulianovsk") and where it ends, or None; `stop`
        is the next unit, which the place must not reach into."""
        n = min(len(toks), stop)
        k = j
        if not (k < n and toks[k].norm in ("de", "d", "du")):
            return None
        k += 1
        if k < n and toks[k].norm in ("la", "l"):
            k += 1
        if k < n and toks[k].norm in self._PLACE_KINDS:
            k += 1
            if k < n and toks[k].norm in ("de", "d", "du"):
                k += 1
        if k == n and k < len(toks):
            return "", k   # a unit of the dictionary starts here: the caller reads it
        if not (k < n and toks[k].is_cap and toks[k].text.isalpha()):
            return None
        run = k
        while run < n and run - k < 4 and toks[run].is_cap and toks[run].text.isalpha():
            run += 1
        from annales.places import Gazetteer
        place = Gazetteer().lookup(text[toks[k].start:toks[run - 1].end])   # the whole name, not "Luang"
        if place is not None and place.country:
            return place.country, run
        return None

    _CHAIR_WORDS = {"president", "presidente", "presidents", "presidentes", "vice", "conseiller",
                    "conseillere", "conseillers", "conseilleres"}
    BODY_WORDS = {"commission", "comite", "chambre", "conseil", "assemblee", "groupe", "association",
                  "parti", "alliance", "federation", "union", "ligue", "bureau", "senat", "congres",
                  "front", "mouvement", "organisation", "fondation", "institut", "agence", "cour",
                  "tribunal", "academie", "conference", "forum", "club", "societe", "departement",
                  "direction", "parlement", "diete", "douma", "caucus", "delegation", "centre",
                  "cabinet", "conseils", "office"}
    _LEG_WORDS = {"chambre", "assemblee", "assemblees", "parlement", "parlementaire", "parlementaires",
                  "senat", "congres", "diete", "douma", "legislatif", "legislative"}
    _BODY_PARTICLES = {"de", "des", "du", "d", "pour", "sur"}
    BODY_EN = {
        "chambre des conseillers": "House of Councillors",
        "chambre des representants": "House of Representatives",
        "chambre des communes": "House of Commons", "chambre des lords": "House of Lords",
        "chambre basse": "Lower House", "chambre haute": "Upper House",
        "commission des relations exterieures": "Committee for External Relations",
        "commission des affaires etrangeres": "Committee on Foreign Affairs",
        "commission de la defense et de la securite": "Committee on National Defence and Security",
        "commission de la defense nationale et de la securite": "Committee on National Defence and Security",
        "comite populaire": "People's Committee", "sous comite": "Subcommittee",
        "assemblee nationale": "National Assembly", "assemblee nationales": "National Assemblies",
        "groupe parlementaire d amitie": "Parliamentary Friendship Group",
        "alliance parlementaire d amitie": "Parliamentary Friendship Alliance",
    }

    _BODY_OF_EN = {"assemblees nationales": "National Assemblies", "assemblee nationale": "National Assembly",
                   "parlements": "Parliaments", "parlement": "Parliament", "deux parlements": "two Parliaments"}

    @staticmethod
    def _singular(w: str) -> str:
        return w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w

    def _chair_word(self, u: Unit, toks) -> bool:
        e = u.first("office")
        return (e is not None and e.ref in ("head_of_state", "vice_president", "advisor")
                and all(t.norm in self._CHAIR_WORDS for t in toks[u.i:u.j]))

    def _unknown_body(self, toks, units, u: Unit, text, pos, per_toks):
        """The body after "président de/du/des": (BodyDef, end, countries, units inside) or None."""
        n = len(toks)
        g = u.j
        if g < n and toks[g].norm in ("de", "d") and g + 1 < n and toks[g + 1].norm in ("la", "l", "les"):
            g += 2
        elif g < n and toks[g].norm in ("de", "du", "des", "d"):
            g += 1
        else:
            return None
        if g >= n:
            return None
        at = {v.i: v for v in units if v is not u and not v.used}
        if g in at and at[g].kind != "office":
            return None   # a state, a known body (composed below), a person
        t = toks[g]
        if t.norm == "sous" and g + 1 < n and self._singular(toks[g + 1].norm) in ("comite", "commission"):
            head = 2
        elif self._singular(t.norm) in self.BODY_WORDS:
            head = 1
        elif t.is_cap and t.text.isalpha() and t.norm not in _BAD_NAME_WORDS and g not in per_toks \
                and g not in at:
            head = 1
        else:
            return None
        k, last, after_particle = g + head, g + head - 1, False
        countries: list[str] = []
        inner: list[Unit] = []
        cut = None   # where a trailing "de <country>" starts
        while k < n and k - g < 14:
            v, t = at.get(k), toks[k]
            if v is not None:
                if v.kind in ("person", "group", "rank") or v.kind == "office" and toks[k].is_cap:
                    break   # "parlementaire" (an office word) may qualify a body
                if v.kind in ("country", "capital", "demonym"):
                    countries.append(v.entries[0].ref)
                    if cut is None and (after_particle or v.kind == "demonym"):
                        cut = particle_at if after_particle else k
                else:
                    countries += [c for c in [self._named_country(v)] if c] + list(v.countries)
                    cut = None
                inner.append(v)
                k, last, after_particle = v.j, v.j - 1, False
                continue
            if t.norm in self._BODY_PARTICLES:
                particle_at = k
                k += 1
                if k < n and toks[k].norm in ("la", "l", "les") and t.norm in ("de", "d", "pour", "sur"):
                    k += 1
                after_particle = True
                continue
            if t.norm == "et" and k + 1 < n and (toks[k + 1].norm in ("de", "des", "du", "d")
                                                 or countries and self._demonym_at(toks, k + 1)):
                k += 1
                continue
            if t.norm == "," and cut is not None and k + 2 < n and toks[k + 1].norm in ("du", "de", "d") \
                    and any(at.get(x) is not None and at[x].kind == "country" for x in (k + 2, k + 3)):
                k += 1   # "des Assemblées nationales du Cambodge, du Laos et du Vietnam"
                continue
            if t.norm == "(" and k + 3 < n and toks[k + 1].text.isupper() and toks[k + 2].norm == ")" \
                    and self._demonym_at(toks, k + 3):
                if cut is None:
                    cut = k
                k += 3   # "des Assemblées nationales (AN) vietnamienne et lao"
                continue
            dm = self._demonym_at(toks, k)
            if dm:
                if cut is None:
                    cut = k
                countries.append(dm[0])
                k += dm[1]
                last, after_particle = k - 1, False
                continue
            if not t.text.isalpha() or t.norm in _BAD_NAME_WORDS:
                break
            if t.is_cap:
                # "du Grand Khoural d'État mongol": a capitalised name of two words goes on
                two_word_name = k == g + head and toks[g].is_cap and t.norm not in _BAD_NAME_WORDS
                if not (after_particle or two_word_name) or k in per_toks:
                    break
            else:
                p = pos[k] if pos else None
                if p is not None and p not in ("NOUN", "ADJ"):
                    break
                if p is None and not after_particle and k != g + head:
                    break
            last, k, after_particle, cut = k, k + 1, False, None
        end = last + 1
        name_end = cut if cut is not None and cut < end else end
        words = [self._singular(x.norm) if m < head else x.norm
                 for m, x in enumerate(toks[g:name_end])]
        known = [v for v in inner if v.kind == "body" and v.i < name_end]
        first_known = known[0].i if known else name_end
        k0 = first_known
        while k0 > g and toks[k0 - 1].norm in self._BODY_PARTICLES | {"la", "l", "les"}:
            k0 -= 1
        name = None
        for m in range(k0 - g, 0, -1):   # the longest known English prefix, then "of the" ...
            phrase = " ".join(words[:m])
            if phrase not in self.BODY_EN:
                continue
            rest = list(words[m:k0 - g])
            while rest and rest[0] in self._BODY_PARTICLES | {"la", "l", "les"}:
                rest.pop(0)
            rest_en = self._BODY_OF_EN.get(" ".join(rest)) if rest else ""
            if rest_en is None:
                continue
            name = self.BODY_EN[phrase] + (f" of the {rest_en}" if rest_en else "")
            if known:
                name += f" of the {self.d.bodies[known[0].first('body').ref].name}"
            break
        if name is None:
            raw = ascii_fold(text[toks[g].start:toks[name_end - 1].end]) if text else \
                " ".join(x.text for x in toks[g:name_end])
            name = " ".join(raw.split())
            name = name[:1].upper() + name[1:]
        sector = None
        if any(x.norm in self._LEG_WORDS for x in toks[g:end]):
            sector = "LEG"
        elif self._singular(toks[g].norm) == "parti":
            sector = "PTY"
        elif known:
            sector = self.d.bodies[known[0].first("body").ref].sector
        return BodyDef(name, sector, []), end, countries, inner

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
            return self.d.offices[e.ref].envoy
        return self.d.bodies[e.ref].sector == "DIP"

    # ================================================================== names
    @staticmethod
    def _pos_tags(doc, toks: list[Token]) -> list[str | None] | None:
        """spaCy's part of speech of the word each token sits in (None without a tagger)."""
        words = list(doc) if hasattr(doc, "__iter__") else []
        if not words or not any(getattr(w, "pos_", "") for w in words):
            return None
        starts = [w.idx for w in words]
        out = []
        for t in toks:
            x = bisect.bisect_right(starts, t.start) - 1
            out.append(words[x].pos_ or None if x >= 0 else None)
        return out

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

    @staticmethod
    def _initial_part(toks, k) -> bool:
        """Token k is a middle initial ("E") or its full stop, inside a name."""
        if toks[k].text == ".":
            return k > 0 and initial_at(toks, k - 1) and k > 1 and toks[k - 2].text.isalpha()
        return initial_at(toks, k) and k > 0 and toks[k - 1].is_cap and toks[k - 1].text.isalpha()

    @staticmethod
    def _trim_run(toks, ks: list[int]) -> list[int]:
        """Drop trailing particles and a dangling initial ("Konstantin V.")."""
        while ks:
            last = toks[ks[-1]]
            if last.text == "." or not last.is_cap:
                ks.pop()
            elif len(last.text) == 1 and ks[-1] + 1 < len(toks) and toks[ks[-1] + 1].text == ".":
                ks.pop()
            else:
                break
        return ks

    @staticmethod
    def _le_in_name(toks, covered, k, ks, direction) -> bool:
        """A capitalised "Le" that is the Vietnamese name Lê, not the article: inside a name
        already begun with a Vietnamese family name ("Nguyen Thi Le"), or opening one of two
        or three more short capitalised words ("…, Le Tri Thanh"; not "Le Premier ministre")."""
        if toks[k].text != "Le":
            return False
        if direction == 1 and ks:
            return toks[ks[0]].norm in vietnamese_surnames()
        after = toks[k + 1:k + 3] if direction == 1 else [toks[x] for x in reversed(ks)][:2]
        return len(after) == 2 and all(
            t.is_cap and t.text.isalpha() and len(t.text) <= 6 and t.norm not in _BAD_NAME_WORDS for t in after) \
            and not any(x in covered for x in range(k + 1, k + 3) if direction == 1)

    def _cap_run(self, toks, covered, i, direction=1, limit=6) -> tuple[int, int] | None:
        """Capitalised free tokens starting at i (direction 1) or ending at i (direction -1)."""
        n = len(toks)
        ks = []
        k = i
        while 0 <= k < n and len(ks) < limit:
            t = toks[k]
            if k in covered:
                break
            if ks and self._initial_part(toks, k):
                ks.append(k)
            elif not t.text.isalpha():
                break
            elif t.is_cap and (t.norm not in _BAD_NAME_WORDS or self._le_in_name(toks, covered, k, ks, direction)):
                ks.append(k)
            elif t.norm in _NAME_PARTICLES and ks:
                ks.append(k)
            else:
                break
            k += direction
        ks = self._trim_run(toks, ks)
        if not ks:
            return None
        lo, hi = min(ks), max(ks) + 1
        return lo, hi

    _PLACE_PREPS = {"a", "au", "aux", "en", "depuis", "vers", "dans"}

    def _place_prefix(self, toks, text, lo, hi) -> int:
        """How many leading tokens of the name candidate toks[lo:hi] are a place written
        before it ("à Hanoï Nikorndej Balankura"); hi - lo when the whole span is a place
        ("Hô Chi Minh-Ville"); 0 when none."""
        if not text or lo == 0:
            return 0
        prev = toks[lo - 1].norm
        whole_ok = prev in self._PLACE_PREPS or prev in ("de", "d", "du")
        if not (prev in self._PLACE_PREPS or whole_ok):
            return 0
        from annales.places import Gazetteer
        g = Gazetteer()
        base = toks[lo].start
        m = None
        for k in range(min(hi, lo + 5) - 1, lo - 1, -1):   # longest place first
            surface = text[base:toks[k].end]
            hits = g.find(surface)
            if hits and hits[0][0] == 0 and hits[0][1] == len(surface):
                m = k
                break
        if m is None:
            return 0
        if m + 1 == hi:
            return hi - lo if whole_ok else 0
        return m + 1 - lo if prev in self._PLACE_PREPS else 0

    def _add_names(self, toks, units: list[Unit], per: list[tuple[int, int]], text: str = "") -> list[Unit]:
        covered = {k for u in units for k in range(u.i, u.j)}
        names: list[Unit] = []

        def add(lo, hi, ner):
            if any(k in covered for k in range(lo, hi)):
                return
            cut = self._place_prefix(toks, text, lo, hi)
            if cut:   # "à Hanoï Nikorndej Balankura": the place is not part of the name
                covered.update(range(lo, lo + cut))
                lo += cut
                while lo < hi and not (toks[lo].is_cap and toks[lo].text.isalpha()):
                    lo += 1
                if hi - lo < (1 if ner else 2):
                    return
            names.append(Unit(lo, hi, "name", ner=ner))
            covered.update(range(lo, hi))

        for lo, hi in per:  # spaCy PER entities, trimmed to free capitalised tokens
            free = [k for k in range(lo, hi) if k not in covered
                    and (toks[k].text.isalpha() or self._initial_part(toks, k))]
            run: list[int] = []
            for k in free:
                if run and k != run[-1] + 1:
                    break
                run.append(k)
            while run and not toks[run[0]].is_cap:
                run.pop(0)
            # a name cut by NER at a middle initial ("Konstantin V" . "Vnukov"): carry on
            if run and run[-1] + 1 < len(toks) and (self._initial_part(toks, run[-1])
                                                    or self._initial_part(toks, run[-1] + 1)):
                r = self._cap_run(toks, covered, run[-1] + 1)
                if r:
                    run += list(range(run[-1] + 1, r[1]))
            if run and run[-1] + 1 < len(toks) and run[-1] + 1 not in covered \
                    and self._le_in_name(toks, covered, run[-1] + 1, run, 1):
                run.append(run[-1] + 1)   # "Nguyen Thi Le": NER stops before the given name Lê
            run = self._trim_run(toks, run)
            if run and not (len(run) == 1 and toks[run[0]].norm in _BAD_NAME_WORDS) \
                    and " ".join(toks[k].norm for k in run) not in _province_names():
                add(run[0], run[-1] + 1, True)   # (NER calls "Ha Giang", "Lao Cai" persons)
        for u in units:  # names next to a title, missed by NER
            if u.kind not in ("office", "rank") or u.used:
                continue
            k = u.j
            while k < len(toks) and toks[k].norm in {",", "le", "la", "m", "mme"} \
                    and not self._le_in_name(toks, covered, k, [], 1):
                k += 1
            r = self._cap_run(toks, covered, k)
            if r and r[1] - r[0] >= 2:
                add(*r, False)
            if u.kind == "office" and u.i >= 2 and toks[u.i - 1].norm == ",":
                r = self._cap_run(toks, covered, u.i - 2, direction=-1)
                if r and r[1] - r[0] >= 2:
                    add(*r, False)
        return sorted(units + names, key=lambda x: x.i)


@lru_cache(maxsize=1)
def _province_names() -> frozenset[str]:
    """Vietnam's provinces as folded words, from the places data: never a person's name."""
    return frozenset(" ".join(key(form)) for name, variants, _ in read_provinces() for form in [name, *variants])


@lru_cache(maxsize=1)
def vietnamese_surnames() -> frozenset[str]:
    """Vietnamese family names, folded ("nguyen", "tran", "le"), from the actors data."""
    path = Path(__file__).resolve().parents[1] / "data" / "actors" / "vietnamese_surnames.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))
