"""Find actor mentions in a parsed story.

``scan.Scanner`` turns the story's tokens into *units* (persons, offices, ranks, bodies,
countries, demonyms, capitals, group phrases, unknown names) with one walk of the dictionary
trie per token position.

Units are then assembled, left to right, into mentions:

* ``[rank|office]* NAME [, office]`` -> one person mention (known person or unknown name);
* a bare office description -> the person holding it, found through (1) a person of the same
  office/country already named in the story, (2) the dictionary's office holder on the date,
  (3) the caller's ``default_country`` when nothing in the text gives a country (lower
  confidence, rule ``+default_country``);
* bodies, states/IGOs, demonyms -> org / country mentions;
* a coordinated plural ("les ministères vietnamien et russe de la Défense") -> ONE mention
  whose Actor has ``kind="group"`` and one member per country;
* "les deux parties / pays / ministres ..." -> ONE mention, ``kind="group"``, members = the
  most mentioned countries of the story so far (their latest person for person nouns).
"""
from __future__ import annotations

from pathlib import Path

from functools import lru_cache

import re
from dataclasses import dataclass, replace

from annales.actors import dates
from annales.actors.countries import is_igo
from annales.actors.dictionary import GROUP_NOUNS, ActorDictionary, OfficeDef, Person
from annales.actors.scan import Scanner, Unit, vietnamese_surnames
from annales.actors.text import ascii_fold, tokenize
from annales.model import Actor, Mention


_CHAIR_KEYS = {"head_of_state": "chair", "vice_president": "vice_chair"}


@dataclass
class _Hist:
    pos: int
    actor: Actor
    office: str | None


class ActorFinder(Scanner):
    """``ActorFinder(dictionary).find(doc, date, default_country=None) -> list[Mention]``."""

    def __init__(self, dictionary: ActorDictionary | None = None, *,
                 default_country: str | None = None) -> None:
        self.d = dictionary or ActorDictionary.load()
        if not self.d._built:
            self.d.build()
        self.default_country = default_country

    # ================================================================== public
    def find(self, doc, date=None, default_country: str | None = None) -> list[Mention]:
        """Every actor mention of one story (`doc`: a spaCy Doc, or a plain string: no NER).

        `date` ("YYYY[-MM[-DD]]" or None) selects office holders and titles; `default_country`
        (e.g. "VNM" for VNA copy) is used only when nothing in the text gives a country.
        """
        text = doc if isinstance(doc, str) else doc.text
        default = default_country if default_country is not None else self.default_country
        toks = tokenize(text)
        units = self._localities(toks, self._scan(toks), text)
        per = self._per_spans(doc, toks) if not isinstance(doc, str) else []
        pos = self._pos_tags(doc, toks) if not isinstance(doc, str) else None
        self._extend(toks, units, text, pos, per)
        units = self._add_names(toks, units, per, text)
        units = self._anaphors(toks, units)
        return _sole_foreign_state(self._assemble(text, toks, units, date, default), default)

    # ================================================================== assembly
    def _assemble(self, text, toks, units, date, default) -> list[Mention]:
        live = _offices_of_foreign_bodies(toks, [u for u in units if not u.used and u.kind != "capital"])
        hist: list[_Hist] = []
        out: list[tuple[Mention, str | None]] = []
        groups: list[tuple[int, Unit]] = []
        k = 0
        while k < len(live):
            u = live[k]
            # --- a chain [rank|office]* NAME [, office]
            chain, m, coordinated = [], k, False
            while m < len(live) and live[m].kind in ("rank", "office"):
                if chain and not self._adjacent(toks, chain[-1], live[m], allow_comma=True):
                    # "le vice-Premier ministre et ministre des Affaires étrangères": one person
                    if not self._coordinated_titles(toks, chain[-1], live[m]):
                        break
                    coordinated = True
                chain.append(live[m]); m += 1
            name = None
            if m < len(live) and live[m].kind in ("person", "name") and (
                    not chain or self._adjacent(toks, chain[-1], live[m], allow_comma=True)):
                name = live[m]; m += 1
            if name is not None:
                appos = None
                if m < len(live) and live[m].kind == "office" and \
                        self._apposition_gap(tuple(t.norm for t in toks[name.j:live[m].i])):
                    appos = live[m]; m += 1
                offices = [c for c in chain if c.kind == "office" or c.first("office")] 
                offices = [c for c in offices if c.kind == "office"] + ([appos] if appos else [])
                ranks = [c for c in chain if c.kind == "rank" or c.first("rank")]
                start_u = chain[0] if chain else name
                end_u = appos or name
                actor, okey = self._person_actor(name, offices, ranks, toks, text, date, default, hist)
                mention = self._mention(text, toks, start_u.i, end_u.j, actor)
                out.append((mention, okey))
                hist.append(_Hist(start_u.i, actor, okey))
                # "les ambassadeurs chinois Xiong Bo, indonésien Ibnu Hadi et français ...":
                # each further "demonym NAME" is one more holder of the plural office
                plural = offices[-1] if offices and offices[-1].first("office").plural else None
                prev_end = name.j
                while plural is not None and m + 1 < len(live) and live[m].kind == "demonym" \
                        and live[m + 1].kind in ("person", "name") \
                        and tuple(t.norm for t in toks[prev_end:live[m].i]) in {(",",), ("et",), (",", "et")} \
                        and self._adjacent(toks, live[m], live[m + 1]):
                    dem, nm = live[m], live[m + 1]
                    o2 = Unit(plural.i, plural.j, "office", plural.entries, [dem.entries[0].ref],
                              host=plural.host, compose=plural.compose)
                    actor, okey = self._person_actor(nm, [o2], [], toks, text, date, default, hist)
                    actor.rule += "+list"
                    out.append((self._mention(text, toks, dem.i, nm.j, actor), okey))
                    hist.append(_Hist(dem.i, actor, okey))
                    prev_end = nm.j
                    m += 2
                k = m
                continue
            if coordinated and any(c.kind == "office" for c in chain):
                # coordinated titles without a name: one holder, the first title that resolves
                found = []
                for c in chain:
                    if c.kind == "office" or c.first("office"):
                        found += self._describe(c, toks, date, default, hist)
                found.sort(key=lambda x: (not x[0].actor_id, "+unresolved" in x[0].rule))
                actor, okey = found[0]
                actor.rule += "+coordinated"
                out.append((self._mention(text, toks, chain[0].i, chain[-1].j, actor), okey))
                if actor.kind == "person":
                    hist.append(_Hist(chain[0].i, actor, okey))
                k = m
                continue
            if u.group_of is not None:
                groups.append((len(out), u))
                out.append((self._mention(text, toks, u.i, u.j, Actor(kind="group")), None))
                k += 1
                continue
            if u.kind == "office" or (u.kind == "rank" and u.first("office")):
                for actor, okey in self._describe(u, toks, date, default, hist):
                    out.append((self._mention(text, toks, u.i, u.j, actor), okey))
                    if actor.kind == "person":
                        hist.append(_Hist(u.i, actor, okey))
                k += 1
                continue
            if u.kind == "anaphor":
                a = self._anaphor(u, toks, out)
                if a is not None:
                    out.append((self._mention(text, toks, u.i, u.j, a), None))
                    hist.append(_Hist(u.i, a, None))
                k += 1
                continue
            if u.kind == "body":
                a = self._body_actor(u, default, self._shared_country(toks, u, live[k + 1:k + 2]))
                if a is not None:
                    out.append((self._mention(text, toks, u.i, u.j, a), None))
            elif u.kind == "country":
                a = self._country_actor(u.entries[0].ref, "country")
                if u.locality:   # "la province d'Attapeu": the state, through one of its provinces
                    a.rule, a.confidence = f"locality:{ascii_fold(u.locality)}@{a.country}", 0.8
                if u.i > 0 and toks[u.i - 1].norm in ("au", "en", "aux", "a") or \
                        u.i > 1 and (toks[u.i - 2].norm, toks[u.i - 1].norm) in (("a", "la"), ("a", "l")):
                    a.rule += "+locative"   # "en visite au Vietnam": probably a place
                    a.confidence = 0.6
                out.append((self._mention(text, toks, u.i, u.j, a), None))
            elif u.kind == "demonym":
                a = self._country_actor(u.entries[0].ref, "demonym")
                out.append((self._mention(text, toks, u.i, u.j, a), None))
            if u.kind in ("body", "country", "demonym") and out and out[-1][0].start == toks[u.i].start:
                hist.append(_Hist(u.i, out[-1][0].actor, None))   # for "son homologue": the other side
            elif u.kind == "group":
                groups.append((len(out), u))
                out.append((self._mention(text, toks, u.i, u.j, Actor(kind="group")), None))
            k += 1
        mentions = [m for m, _ in out]
        for idx, u in groups:
            self._fill_group(mentions, idx, u, date)
        _countries_from_earlier_mentions(mentions)
        return _acronyms_of_their_names(text, mentions)

    @staticmethod
    def _coordinated_titles(toks, a: Unit, b: Unit) -> bool:
        """"vice-Premier ministre et ministre des Affaires étrangères": two titles of one person
        (no article before the second title, neither in the plural)."""
        if a.kind != "office" or b.kind != "office":
            return False
        if any(e.plural for e in a.entries + b.entries if e.kind == "office"):
            return False
        return tuple(t.norm for t in toks[a.j:b.i]) == ("et",)

    _ANAPHORS = {("ce", "pays"), ("cet", "etat"), ("le", "pays")}

    def _anaphors(self, toks, units: list[Unit]) -> list[Unit]:
        """"ce pays", "cet État", "le pays": units of kind "anaphor"."""
        covered = {k for u in units for k in range(u.i, u.j)}
        extra = []
        for i in range(len(toks) - 1):
            if (toks[i].norm, toks[i + 1].norm) in self._ANAPHORS and i not in covered \
                    and i + 1 not in covered:
                if toks[i + 1].norm == "etat" and not toks[i + 1].is_cap:
                    continue
                extra.append(Unit(i, i + 2, "anaphor"))
        return sorted(units + extra, key=lambda x: x.i) if extra else units

    def _anaphor(self, u: Unit, toks, out) -> Actor | None:
        """The last state mentioned before the anaphor."""
        for m, _ in reversed(out):
            a = m.actor
            if a.kind == "country" and a.country and not a.members:
                rule = "anaphor:" + " ".join(t.norm for t in toks[u.i:u.j])
                if u.i > 0 and toks[u.i - 1].norm in ("dans", "en", "a", "au", "vers"):
                    rule += "+locative"
                return Actor(name=a.name, country=a.country, actor_id=a.actor_id, kind="country",
                             rule=rule, confidence=0.6)
        return None

    _APPOS_HEADS = {"membre", "suppleant", "secretaire", "chef", "directeur", "depute", "deputee",
                    "president", "presidente", "vice", "commissaire", "commandant", "heros"}

    _RANK_ORDINALS = {"premier", "premiere", "second", "seconde", "deuxieme", "troisieme"}

    def _apposition_gap(self, gap: tuple[str, ...]) -> bool:
        """", " or ", membre du Bureau politique, " between a name and its office."""
        if gap == (",",) or (len(gap) == 2 and gap[0] == "," and gap[1] in self._RANK_ORDINALS):
            return True   # "Andrey Yatskin, premier vice-président du Conseil de la Fédération"
        return (2 < len(gap) <= 12 and gap[0] == "," and gap[-1] == "," and gap[1] in self._APPOS_HEADS
                and "." not in gap and gap.count(",") <= 3)

    @staticmethod
    def _adjacent(toks, a: Unit, b: Unit, allow_comma=False) -> bool:
        gap = tuple(t.norm for t in toks[a.j:b.i])
        if not gap:
            return True
        if allow_comma and gap in {(",",), (",", "le"), (",", "la"), ("le",), ("la",)}:
            return True
        # "le ministre hongrois des Affaires étrangères et du Commerce extérieur, Peter Szijjártó",
        # "le vice-Premier ministre et ministre singapourien des Finances, Heng Swee Keat": a
        # portfolio the dictionary does not know, then the name
        body = gap[1:] if gap[:1] == ("et",) else gap
        if allow_comma and 3 <= len(body) <= 10 and body[0] in PORTFOLIO_OPENERS \
                and body[-1] == "," and all(t.isalpha() for t in body[1:-1]):
            return True
        return False

    def _mention(self, text, toks, i, j, actor) -> Mention:
        s, e = toks[i].start, toks[j - 1].end
        return Mention(s, e, text[s:e], actor)

    # ------------------------------------------------------------------ persons
    def _person_actor(self, name: Unit, offices: list[Unit], ranks: list[Unit], toks, text,
                      date, default, hist) -> tuple[Actor, str | None]:
        rank = ranks[0].first("rank").ref if ranks and ranks[0].first("rank") else None
        # the office named in the text (first specific one) and its country
        defs = [self._odef(o) for o in offices]
        odef = next((o for o in defs if o is not None and not o.generic), None)
        generic = next((o for o in defs if o is not None and o.generic and not o.counterpart), None)
        text_country = None
        for o in offices:
            if o.countries:
                text_country = o.countries[0]
                break
        if text_country is None and odef is not None and odef.country:
            text_country = odef.country
        if name.kind == "person":
            e = name.first("person")
            p: Person = self.d.persons[e.ref]
            t = self.d.tenure(p, date, odef.key if odef else None) if date else None
            if t is None and date is None and odef is None and len(p.offices) == 1:
                t = p.offices[0]
            rule = ("person-short:" if e.partial else "person:") + p.id
            if t is not None and (odef is None or t.office in (odef.key, odef.holder_key)):
                title, sector, okey = t.title, t.sector, t.office
                rule += f"+tenure:{t.office}"
            elif odef is not None:
                title, sector, okey = odef.title, odef.sector, odef.key
                rule += f"+office:{odef.key}(text)"
            elif t is not None:
                title, sector, okey = t.title, t.sector, t.office
                rule += f"+tenure:{t.office}"
            elif generic is not None:
                title, sector, okey = generic.title, generic.sector, generic.key
                rule += f"+office:{generic.key}(text)"
            else:
                title = sector = okey = None
            if rank:
                rule += f"+rank:{rank}"
            conf = 0.8 if e.partial else 0.95
            return Actor(name=p.name, country=p.country, sector=sector, title=title, actor_id=p.id,
                         kind="person", rule=rule, confidence=conf), okey
        # unknown name
        raw = text[toks[name.i].start:toks[name.j - 1].end]
        nm = " ".join(ascii_fold(raw).split())
        country, conf, rule = text_country, 0.6, "name"
        if name.ner:
            rule = "ner:PER"
        if odef is None and generic is not None:
            odef = generic
        if odef is not None:
            rule += f"+office:{odef.key}"
        home_name = default == "VNM" and looks_vietnamese(nm) or default not in (None, "VNM")
        if country is None and odef is not None and default and home_name and not odef.multiple:
            country, conf, rule = default, 0.45, rule + "+default_country"
        elif country is None and odef is not None and default and home_name and (
                odef.key != "ambassador" or (default == "VNM" and len(nm.split()) >= 3)):
            # "l'ambassadeur Nguyen Huy Tang" in VNA copy: Vietnam's envoy (not "l'ambassadeur
            # Marc Knapper", whom only the story's context places)
            country, conf, rule = default, 0.4, rule + "+default_country"
        elif country is None and odef is None and default == "VNM" and looks_vietnamese(nm) and len(nm.split()) >= 3:
            # "Nguyen Huy Tang" with no title in reach, in Vietnamese wire copy: a Vietnamese
            country, conf, rule = default, 0.4, rule + "+vietnamese-name+default_country"
        if odef is None:
            conf = 0.4
        if rank:
            rule += f"+rank:{rank}"
        military = bool(rank) and any(w in rank for w in ("General", "Colonel", "Admiral", "Marshal", "Captain"))
        sector = odef.sector if odef else None
        if military and (odef is None or odef.generic):
            sector = "MIL"
        return Actor(name=nm, country=country, sector=sector, title=odef.title if odef else None,
                     kind="person", rule=rule, confidence=conf), odef.key if odef else None

    def _odef(self, u: Unit):
        e = u.first("office")
        if e is None:
            return None
        odef = self.d.offices.get(e.ref)
        if odef is not None and u.compose is not None:
            b = u.compose
            slug = re.sub(r"[^a-z0-9]+", "_", ascii_fold(b.name).lower().replace("'", "")).strip("_")
            base = _CHAIR_KEYS.get(odef.key, odef.key)   # the chair of a body is no head of state
            odef = OfficeDef(key=f"{base}@{slug}", title=f"{odef.title} of the {b.name}",
                             sector=b.sector, country=b.country if b.named else None, multiple=True)
        return odef

    # ------------------------------------------------------------------ descriptions
    def _describe(self, u: Unit, toks, date, default, hist) -> list[tuple[Actor, str | None]]:
        e = u.first("office")
        odef = self._odef(u)
        countries = list(dict.fromkeys(u.countries))
        fixed = odef.country
        if e.plural and len(countries) >= 2:
            members = [self._resolve(odef, c, date, hist, "text")[0] for c in countries]
            return [(Actor(kind="group", members=members, title=odef.title, sector=odef.sector,
                           rule=f"office:{odef.key}+coordination", confidence=0.8), None)]
        if odef.counterpart:
            return [self._counterpart(countries[0] if countries else None, date, default, hist)]
        if countries:
            return [self._resolve(odef, countries[0], date, hist, "text", host=u.host)]
        if fixed:
            return [self._resolve(odef, fixed, date, hist, "office")]
        # No country in the text. A specific office ("le ministre de la Défense") is, in copy
        # with a default country (VNA: Vietnam), that country's office holder; a generic word
        # ("le ministre") is the latest matching person already named, whatever the country.
        if default and not odef.generic and not odef.multiple:
            a, okey = self._resolve(odef, default, date, hist, "default_country")
            if a.actor_id:
                a.confidence = round(a.confidence * 0.75, 2)
                return [(a, okey)]
        ante = self._antecedent(odef, None, hist)
        if ante is not None:
            a = self._copy(ante.actor, rule=f"office:{odef.key}+antecedent:{ante.actor.actor_id or ante.actor.name}",
                           confidence=0.75)
            return [(a, ante.office)]
        if default and not odef.multiple or default and odef.generic and odef.key != "general":
            a, okey = self._resolve(odef, default, date, hist, "default_country")
            a.confidence = round(a.confidence * 0.75, 2)
            return [(a, okey)]
        return [(Actor(country=None, sector=odef.sector, title=odef.title, kind="person",
                       rule=f"office:{odef.key}+unresolved", confidence=0.3), odef.key)]

    def _ambassador(self, odef, country, host, date) -> Person | None:
        iv = dates.interval(date)
        if iv is None:
            return None
        found = {p.id: p for p in self.d.persons.values() for t in p.offices
                 if t.office == odef.key and t.country == country and t.host == host
                 and dates.overlap_days(iv, t.interval()) > 0}
        return next(iter(found.values())) if len(found) == 1 else None

    def _holder_actor(self, p, odef, date, rule: str, confidence: float) -> tuple[Actor, str]:
        """The person holding `odef` on `date`, with the title and sector of that tenure."""
        t = self.d.tenure(p, date, odef.key)
        return Actor(name=p.name, country=p.country, sector=t.sector if t else odef.sector,
                     title=t.title if t else odef.title, actor_id=p.id, kind="person",
                     rule=rule, confidence=confidence), odef.key

    def _resolve(self, odef, country, date, hist, how, host=None) -> tuple[Actor, str | None]:
        suffix = "" if how in ("text", "office") else f"+{how}"
        ante = self._antecedent(odef, country, hist)
        if ante is not None:
            return self._copy(ante.actor, rule=f"office:{odef.key}@{country}+antecedent{suffix}",
                              confidence=0.8), ante.office
        if odef.multiple:
            p = self._ambassador(odef, country, host, date) if host else None
            if p is not None:
                return self._holder_actor(p, odef, date, f"office:{odef.key}@{country}>{host}+holder:{p.id}{suffix}", 0.8)
        elif not odef.generic:
            p = self.d.holder(odef.key, country, date)
            if p is not None:
                return self._holder_actor(p, odef, date, f"office:{odef.key}@{country}+holder:{p.id}{suffix}", 0.85)
        return Actor(country=country, sector=odef.sector, title=odef.title, kind="person",
                     rule=f"office:{odef.key}@{country}+unnamed{suffix}", confidence=0.5), odef.key

    def _antecedent(self, odef, country, hist) -> _Hist | None:
        """The latest person of the story matching an office (or a generic word) and country."""
        cands = []
        for h in reversed(hist):
            a = h.actor
            if a.kind != "person" or (country and a.country != country):
                continue
            if not (a.name or a.actor_id):
                continue
            ok = h.office
            if odef.generic:
                match = {
                    "minister": ok is not None and "minister" in ok and "deputy" not in ok
                                and "prime" not in ok,
                    "deputy_minister": ok is not None and ok.startswith("deputy_") and "minister" in ok,
                    "general": a.sector == "MIL",
                    "commander": a.sector == "MIL",
                    "director": ok is not None and "director" in ok,
                    "member_of_parliament": a.sector == "LEG",
                    "leader": True,
                }.get(odef.key, False)
            else:
                match = ok in (odef.key, odef.holder_key)
            if match:
                cands.append(h)
        if not cands:
            return None
        if country is None and len({(c.actor.actor_id or c.actor.name) for c in cands}) > 1:
            return None
        return cands[0]

    def _counterpart(self, country, date, default, hist) -> tuple[Actor, str | None]:
        ante = next((h for h in reversed(hist) if h.actor.kind == "person" and h.office
                     and not self.d.offices.get(h.office, None) is None
                     and not self.d.offices[h.office].generic), None)
        if ante is None:
            return (Actor(country=country, kind="person", title="Counterpart",
                          rule="counterpart+unresolved", confidence=0.3), None)
        odef = self.d.offices[ante.office]
        if country is None:  # the other side: the most mentioned other country
            counts: dict[str, int] = {}
            for h in hist:
                if h.actor.country and h.actor.country != ante.actor.country:
                    counts[h.actor.country] = counts.get(h.actor.country, 0) + 1
            if counts:
                country = max(counts, key=counts.get)
            elif default and default != ante.actor.country:
                country = default
        if country is None:
            return (Actor(kind="person", title=odef.title, sector=odef.sector,
                          rule=f"counterpart:{odef.key}+unresolved", confidence=0.3), odef.key)
        a, okey = self._resolve(odef, country, date, hist, "text")
        a.rule = f"counterpart:{odef.key}->" + a.rule
        return a, okey

    @staticmethod
    def _copy(a: Actor, **kw) -> Actor:
        d = dict(a.__dict__)
        d.update(kw)
        d["members"] = list(a.members)
        return Actor(**d)

    # ------------------------------------------------------------------ bodies, states, groups
    @staticmethod
    def _shared_country(toks, u: Unit, following: list[Unit]) -> str | None:
        """"le gouvernement et le peuple du Cambodge", "le gouvernement et le peuple
        vietnamiens": the country closing a coordination belongs to both nouns."""
        if u.countries or not following or following[0].kind not in ("country", "demonym"):
            return None
        gap = [t.norm for t in toks[u.j:following[0].i]]
        if not gap or gap[0] != "et" or len(gap) > 5:
            return None
        return following[0].entries[0].ref

    def _body_actor(self, u: Unit, default, shared: str | None = None) -> Actor | None:
        e = u.first("body")
        b = self.d.bodies[e.ref]
        countries = list(dict.fromkeys(u.countries)) or ([shared] if shared else [])
        if b.named:
            c = b.country
            return Actor(name=b.name, country=c, sector=b.sector, actor_id=f"body:{b.name}",
                         kind="org", rule=f"body:{b.name}", confidence=0.9)
        if len(countries) >= 2:   # "les ministères vietnamien et russe", "les Garde-côtes vietnamienne et chinoise"
            members = [Actor(name=b.name, country=c, sector=b.sector, kind="org",
                             rule=f"body:{b.name}@{c}", confidence=0.8) for c in countries]
            return Actor(name=b.name, sector=b.sector, kind="group", members=members,
                         rule=f"body:{b.name}+coordination", confidence=0.8)
        if countries:
            return Actor(name=b.name, country=countries[0], sector=b.sector, kind="org",
                         rule=f"body:{b.name}@{countries[0]}", confidence=0.8)
        if default and not b.no_default:
            return Actor(name=b.name, country=default, sector=b.sector, kind="org",
                         rule=f"body:{b.name}+default_country", confidence=0.5)
        return None

    def _country_actor(self, code: str, how: str) -> Actor:
        c = self.d.countries.get(code)
        igo = c is not None and c.is_igo
        return Actor(name=c.english if c else code, country=code, actor_id=code,
                     kind="org" if igo else "country", rule=f"{how}:{code}",
                     confidence=0.95 if how == "country" else 0.7)

    def _fill_group(self, mentions: list[Mention], idx: int, u: Unit, date=None) -> None:
        head = None
        if u.group_of is not None:
            head, u = u, u.group_of
        e = u.first("group")
        n, noun = e.count, e.ref
        persons = GROUP_NOUNS.get(noun, False)

        def countries_of(ms):
            for m in ms:
                a = m.actor
                for x in (a.members if a.kind == "group" else [a]):
                    if x.country:
                        yield x.country

        before, after = mentions[:idx], mentions[idx + 1:]
        counts: dict[str, int] = {}
        first: dict[str, int] = {}
        for pos, c in enumerate(countries_of(before)):
            counts[c] = counts.get(c, 0) + 1
            first.setdefault(c, pos)
        chosen = sorted(counts, key=lambda c: (-counts[c], first[c]))[:n]
        if len(chosen) < n:
            for c in countries_of(after):
                if c not in chosen:
                    chosen.append(c)
                if len(chosen) == n:
                    break
        chosen.sort(key=lambda c: first.get(c, 10**6))
        members = []
        for c in chosen:
            person = None
            if persons:
                for m in list(reversed(before)) + after:
                    if m.actor.kind == "person" and m.actor.country == c and (m.actor.name or m.actor.actor_id):
                        person = m.actor
                        break
            if person is not None:
                members.append(self._copy(person, rule=f"group-member:{person.rule}"))
            else:
                members.append(self._country_actor(c, "group-member"))
        m = mentions[idx]
        rule = f"group:{n} {noun}"
        if head is not None:   # "les ministères de la Défense des deux pays": one member per country
            hb, ho = head.first("body"), head.first("office")
            if hb is not None:
                b = self.d.bodies[hb.ref]
                members = [Actor(name=b.name, country=c, sector=b.sector, kind="org",
                                 rule=f"body:{b.name}@{c}+{rule}", confidence=0.7) for c in chosen]
                rule = f"body:{b.name}+{rule}"
            elif ho is not None:
                odef = self._odef(head)
                members = [self._resolve(odef, c, date, [], "group")[0] for c in chosen]
                rule = f"office:{odef.key}+{rule}"
        m.actor = Actor(kind="group", members=members, rule=rule,
                        confidence=0.7 if len(members) == n else 0.4)


# words opening a portfolio the dictionary does not know, between an office and its holder's
# name ("secrétaire d'État adjointe aux affaires de politique et de défense, Jessica Lewis")
PORTFOLIO_OPENERS = {"du", "de", "des", "d", "aux", "adjoint", "adjointe", "charge", "chargee"}


def _acronyms_of_their_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """"le Parti communiste de Cuba (PCC)": the acronym in brackets abbreviates the name
    before it, whatever the dictionary says it stands for elsewhere (the Chinese party), and
    means that name for the rest of the story."""
    alias: dict[str, Actor] = {}
    out: list[Mention] = []
    for m in mentions:
        if m.text.isupper() and out and text[out[-1].end:m.start].strip() == "(" \
                and text[m.end:m.end + 1] == ")" and out[-1].actor.kind in ("org", "country"):
            if m.actor.country != out[-1].actor.country:
                alias[m.text] = out[-1].actor
            continue   # the bracket repeats the name before it
        if m.text in alias:
            m = Mention(m.start, m.end, m.text, replace(alias[m.text], rule=alias[m.text].rule + "+acronym"))
        out.append(m)
    return out


OF_WORDS = {"de", "du", "des", "d'", "d’"}


def _offices_of_foreign_bodies(toks, live: list[Unit]) -> list[Unit]:
    """"le directeur de la Garde nationale russe": a body the dictionary does not know, named
    by its demonym (or inside a known body of a state: "le directeur de la Direction des
    opérations des Forces armées royales thaïlandaises"); the office is that country's, and so
    is the name set beside it."""
    out: list[Unit] = []
    skip = set()
    for k, u in enumerate(live):
        if k in skip:
            continue
        v = live[k + 1] if k + 1 < len(live) else None
        state = None
        if v is not None and v.kind == "demonym":
            state = v.entries[0].ref
        elif v is not None and v.kind == "body" and v.countries:
            state = v.countries[0]   # "… de la Direction des opérations des Forces armées royales thaïlandaises"
        if u.kind == "office" and not u.countries and state:
            gap = toks[u.j:v.i]
            if 2 <= len(gap) <= 10 and gap[0].norm in OF_WORDS and all(t.text.isalpha() or t.norm in OF_WORDS
                                                                       for t in gap):
                u = Unit(u.i, v.j, u.kind, u.entries, [state], host=u.host, compose=u.compose, ner=u.ner)
                skip.add(k + 1)
        out.append(u)
    return out


def _countries_from_earlier_mentions(mentions: list[Mention]) -> None:
    """"le général Vong Pisen, commandant en chef de l'Armée royale cambodgienne" then "avec le
    général Vong Pisen": an unknown name given its state once in the story has it everywhere
    ("Miyegombo Enkhbold" first, "son homologue mongol Miyegombo Enkhbold" later); a surname
    alone ("le directeur Zolotov") is the one person of the story with that surname."""
    known: dict[str, Actor] = {}
    for m in mentions:
        a = m.actor
        if a.kind == "person" and a.name and not a.actor_id and a.country and " " in a.name:
            seen = known.get(a.name)
            if seen is None or a.confidence > seen.confidence:
                known[a.name] = a
    by_last: dict[str, set[str]] = {}
    for name in known:
        by_last.setdefault(name.split()[-1], set()).add(name)
    for m in mentions:
        a = m.actor
        if a.kind != "person" or not a.name or a.actor_id:
            continue
        seen = known.get(a.name)
        if seen is None and " " not in a.name and len(by_last.get(a.name, ())) == 1:
            full = known[next(iter(by_last[a.name]))]
            if not a.country or a.country == full.country:
                a.name, seen = full.name, full
                a.rule += "+short-of-earlier"
        if not a.country and seen is not None:
            a.country, a.confidence = seen.country, min(seen.confidence, 0.6)
            a.rule += "+earlier-mention"


def _sole_foreign_state(mentions: list[Mention], home: str | None) -> list[Mention]:
    """"Durant son séjour, Miyegombo Enkhbold s'est entretenu avec …", in a story whose only
    foreign state is Mongolia: an unknown foreign name there is that state's (rule
    ``+sole-foreign-state``); with two foreign states or none, the name stays without one."""
    if home is None:
        return mentions
    foreign = {m.actor.country for m in mentions if m.actor.country and m.actor.country != home
               and not is_igo(m.actor.country)}
    if len(foreign) != 1:
        return mentions
    state = foreign.pop()
    for m in mentions:
        a = m.actor
        if a.kind == "person" and a.country is None and not a.actor_id and not looks_vietnamese(a.name or ""):
            a.country, a.confidence, a.rule = state, min(a.confidence, 0.35), a.rule + "+sole-foreign-state"
    return mentions


def looks_vietnamese(name: str) -> bool:
    """Does an unknown name start with a Vietnamese family name ("Nguyen Chi Vinh")?"""
    first = ascii_fold(name).lower().split()[:1]
    return bool(first) and first[0] in vietnamese_surnames()
