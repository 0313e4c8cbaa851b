"""Find actor mentions in a parsed story.

One left-to-right pass over the story's tokens walks the dictionary trie (``dictionary.py``)
and yields *units*: persons, offices, ranks, bodies, countries, demonyms, capitals, group
phrases. A demonym may sit inside an office/body phrase ("ministre *russe* de la Défense") or
after it; a trailing "de/du <country>" gives the country, "à/au/en <country|capital>" the host
(embassies). spaCy PER entities (and capitalised runs next to a title) give unknown names.

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

from dataclasses import dataclass, field

from annales.actors.dictionary import GROUP_NOUNS, ActorDictionary, Entry, Person
from annales.actors.text import Token, ascii_fold, tokenize
from annales.model import Actor, Mention

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
    ner: bool = False
    used: bool = False

    def first(self, kind: str) -> Entry | None:
        return next((e for e in self.entries if e.kind == kind), None)


@dataclass
class _Hist:
    pos: int
    actor: Actor
    office: str | None


class ActorFinder:
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
        units = self._scan(toks)
        self._extend(toks, units)
        per = self._per_spans(doc, toks) if not isinstance(doc, str) else []
        units = self._add_names(toks, units, per)
        return self._assemble(text, toks, units, date, default)

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
        """Attach "de/du <country|body>" and "à/au/en <country|capital>" to offices/bodies."""
        for k, u in enumerate(units):
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
                    if c:
                        u.countries.append(c)
                        u.j = v.j
                        v.used = True
                        nxt += 1
            if nxt < len(units) and (self._is_diplomatic(u)):
                v = units[nxt]
                gap = tuple(t.norm for t in toks[u.j:v.i])
                if gap in _HOST and v.kind in ("country", "capital") and not v.used:
                    u.host = v.entries[0].ref
                    u.j = v.j
                    v.used = True

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
        starts = {t.start: k for k, t in enumerate(toks)}
        out = []
        for ent in getattr(doc, "ents", ()):
            if ent.label_ not in ("PER", "PERSON"):
                continue
            ks = [k for k, t in enumerate(toks) if t.start >= ent.start_char and t.end <= ent.end_char]
            if ks:
                out.append((ks[0], ks[-1] + 1))
        del starts
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
        covered = {k for u in units if u.kind != "capital" or u.used for k in range(u.i, u.j)}
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

    # ================================================================== assembly
    def _assemble(self, text, toks, units, date, default) -> list[Mention]:
        live = [u for u in units if not u.used and u.kind != "capital"]
        hist: list[_Hist] = []
        out: list[tuple[Mention, str | None]] = []
        groups: list[tuple[int, Unit]] = []
        k = 0
        while k < len(live):
            u = live[k]
            # --- a chain [rank|office]* NAME [, office]
            chain, m = [], k
            while m < len(live) and live[m].kind in ("rank", "office"):
                if chain and not self._adjacent(toks, chain[-1], live[m], allow_comma=True):
                    break
                chain.append(live[m]); m += 1
            name = None
            if m < len(live) and live[m].kind in ("person", "name") and (
                    not chain or self._adjacent(toks, chain[-1], live[m], allow_comma=True)):
                name = live[m]; m += 1
            if name is not None:
                appos = None
                if m < len(live) and live[m].kind == "office" and \
                        tuple(t.norm for t in toks[name.j:live[m].i]) == (",",):
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
                k = m
                continue
            if u.kind == "office" or (u.kind == "rank" and u.first("office")):
                for actor, okey in self._describe(u, toks, date, default, hist):
                    out.append((self._mention(text, toks, u.i, u.j, actor), okey))
                    if actor.kind == "person":
                        hist.append(_Hist(u.i, actor, okey))
                k += 1
                continue
            if u.kind == "body":
                a = self._body_actor(u, default)
                if a is not None:
                    out.append((self._mention(text, toks, u.i, u.j, a), None))
            elif u.kind == "country":
                a = self._country_actor(u.entries[0].ref, "country")
                out.append((self._mention(text, toks, u.i, u.j, a), None))
            elif u.kind == "demonym":
                a = self._country_actor(u.entries[0].ref, "demonym")
                out.append((self._mention(text, toks, u.i, u.j, a), None))
            elif u.kind == "group":
                groups.append((len(out), u))
                out.append((self._mention(text, toks, u.i, u.j, Actor(kind="group")), None))
            k += 1
        mentions = [m for m, _ in out]
        for idx, u in groups:
            self._fill_group(mentions, idx, u)
        return mentions

    @staticmethod
    def _adjacent(toks, a: Unit, b: Unit, allow_comma=False) -> bool:
        gap = tuple(t.norm for t in toks[a.j:b.i])
        if not gap:
            return True
        if allow_comma and gap in {(",",), (",", "le"), (",", "la"), ("le",), ("la",)}:
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
        office_u = next((o for o in offices if not self._odef(o).generic), offices[0] if offices else None)
        odef = self._odef(office_u) if office_u else None
        if odef is not None and odef.counterpart:
            odef = None
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
        if odef is not None:
            rule += f"+office:{odef.key}"
        if country is None and odef is not None and default and not odef.multiple:
            country, conf, rule = default, 0.45, rule + "+default_country"
        elif country is None and odef is not None and default and odef.key != "ambassador":
            country, conf, rule = default, 0.4, rule + "+default_country"
        if odef is None:
            conf = 0.4
        if rank:
            rule += f"+rank:{rank}"
        sector = odef.sector if odef else ("MIL" if rank and rank not in ("Mr", "Ms", "Dr") and "General" in rank else None)
        return Actor(name=nm, country=country, sector=sector, title=odef.title if odef else None,
                     kind="person", rule=rule, confidence=conf), odef.key if odef else None

    def _odef(self, u: Unit):
        e = u.first("office")
        if e is None:
            return None
        return self.d.offices.get(e.ref)

    # ------------------------------------------------------------------ descriptions
    def _describe(self, u: Unit, toks, date, default, hist) -> list[tuple[Actor, str | None]]:
        e = u.first("office")
        odef = self.d.offices.get(e.ref)
        countries = list(dict.fromkeys(u.countries))
        fixed = odef.country
        if e.plural and len(countries) >= 2:
            members = [self._resolve(odef, c, date, hist, "text")[0] for c in countries]
            return [(Actor(kind="group", members=members, title=odef.title, sector=odef.sector,
                           rule=f"office:{odef.key}+coordination", confidence=0.8), None)]
        if odef.counterpart:
            return [self._counterpart(countries[0] if countries else None, date, default, hist)]
        if countries:
            return [self._resolve(odef, countries[0], date, hist, "text")]
        if fixed:
            return [self._resolve(odef, fixed, date, hist, "office")]
        # no country in the text: a person already named with this office, else the default
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

    def _resolve(self, odef, country, date, hist, how) -> tuple[Actor, str | None]:
        suffix = "" if how in ("text", "office") else f"+{how}"
        ante = self._antecedent(odef, country, hist)
        if ante is not None:
            return self._copy(ante.actor, rule=f"office:{odef.key}@{country}+antecedent{suffix}",
                              confidence=0.8), ante.office
        if not odef.generic:
            p = self.d.holder(odef.key, country, date)
            if p is not None:
                t = self.d.tenure(p, date, odef.key)
                return Actor(name=p.name, country=p.country, sector=t.sector if t else odef.sector,
                             title=t.title if t else odef.title, actor_id=p.id, kind="person",
                             rule=f"office:{odef.key}@{country}+holder:{p.id}{suffix}",
                             confidence=0.85), odef.key
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
    def _body_actor(self, u: Unit, default) -> Actor | None:
        e = u.first("body")
        b = self.d.bodies[e.ref]
        countries = list(dict.fromkeys(u.countries))
        if b.named:
            c = b.country
            return Actor(name=b.name, country=c, sector=b.sector, actor_id=f"body:{b.name}",
                         kind="org", rule=f"body:{b.name}", confidence=0.9)
        if e.plural and len(countries) >= 2:
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

    def _fill_group(self, mentions: list[Mention], idx: int, u: Unit) -> None:
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
        m.actor = Actor(kind="group", members=members, rule=f"group:{n} {noun}",
                        confidence=0.7 if len(members) == n else 0.4)
