"""Who took part in an event, and on which side: actors (sources) and recipients (targets).

The parse gives regions of the sentence (subject, agent, object and obliques of the
predicate); the actor mentions found by the actors stage are assigned to the region they
sit in. PLOVER's convention: the visitor is the actor and the host the recipient; with no
such distinction every side is an actor.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Span, Token

from ..actors.countries import is_igo
from ..model import Actor, Mention
from .syntax import SUBJECT_DEPS, THANKED_FOR, agents, case_of, clause_verb, lemma, objects, obliques, subjects
from .triggers import Candidate


@dataclass
class MentionSpan:
    mention: Mention
    tokens: set[int]
    first: int

    @property
    def actor(self) -> Actor:
        return self.mention.actor


@dataclass
class Sides:
    actors: list[Actor] = field(default_factory=list)
    recipients: list[Actor] = field(default_factory=list)
    partners: list[list[Actor]] = field(default_factory=list)  # one event per partner state: one list each
    split: str = "actors"       # the side `partners` divides ("recipients" for a transfer to several states)
    rule: str = "syntax"


# prepositions that introduce a participant; "en marge de l'AIPA en Malaisie" does not
PARTICIPANT_CASES = {"", "a", "au", "aux", "avec", "aupres", "chez", "par", "pour", "envers", "entre", "de", "du", "des", "d'",
                     "ainsi", "et"}


CHAIR_NOUNS = {"egide", "copresidence", "presidence", "direction", "conduite"}
STRAY_DEPS = {"advmod", "dep", "appos", "conj"}


def _participant_obliques(tok: Token) -> list[Token]:
    return [o for o in obliques(tok) if case_of(o) in PARTICIPANT_CASES and lemma(o) not in FRAMING_NOUNS]


# phrases under a participant that say what about, where or in which frame, not who
TOPIC_CASES = {"sur", "dans", "en", "selon", "concernant", "lors", "vers", "apres", "avant", "depuis"}
FRAMING_NOUNS = {"sein", "occasion", "cadre", "marge", "issue", "cours", "participation", "operation",
                 "maintien", "mission", "sommet", "conference", "forum", "assemblee"}


def _region(heads: list[Token], exclude: set[int]) -> set[int]:
    """The words of the phrases headed by `heads`, without their topic and frame phrases
    ("… avec Sergueï Lavrov, sur le renforcement … au sein du Conseil de sécurité")."""
    out: set[int] = set()
    head_ids = {h.i for h in heads}
    stack = list(heads)
    while stack:
        t = stack.pop()
        if t.i in out:
            continue
        out.add(t.i)
        for c in t.children:
            if c.i in out:
                continue
            if c.i not in head_ids and (case_of(c) in TOPIC_CASES or lemma(c) in FRAMING_NOUNS):
                continue
            stack.append(c)
    return out - exclude


def _expand(actors: list[Actor], people: dict[str, Actor] | None = None,
            pair: list[Actor] | None = None) -> list[Actor]:
    """Groups ("les deux parties") stand for the two sides of the story's last two-party
    event when there is one, else for their members; a member given only as a state is the
    person who last spoke for that state in the story."""
    out = []
    for a in actors:
        members = getattr(a, "members", None)
        if a.kind == "group" and pair:
            out.extend(pair)
        elif a.kind == "group" and members:
            out.extend((people or {}).get(m.country, m) if m.kind == "country" else m for m in members)
        else:
            out.append(a)
    return out


def _latest_people(mentions: list[MentionSpan]) -> dict[str, Actor]:
    people: dict[str, Actor] = {}
    for m in mentions:
        if m.actor.kind == "person" and m.actor.country and m.actor.name:
            people[m.actor.country] = m.actor
    return people


def _unique(actors: list[Actor]) -> list[Actor]:
    """One actor per person/body; a bare state is dropped when a person or body of it is there."""
    seen, out = set(), []
    for a in actors:
        key = a.actor_id or (a.name, a.country)
        if key in seen:
            continue
        seen.add(key)
        out.append(a)
    specific = {a.country for a in out if a.kind != "country"}
    return [a for a in out if not (a.kind == "country" and a.country in specific)]


def _in(region: set[int], spans: list[MentionSpan], dative: bool = False) -> list[MentionSpan]:
    """Mentions in a region; a state named as a place ("en Russie") is not a participant,
    except as the dative of a transfer ("a offert au Vietnam des doses")."""
    return [m for m in spans if m.tokens & region and (dative or "+locative" not in m.actor.rule)]


def _pronoun_antecedent(subj: Token, verb: Token, spans: list[MentionSpan], before: list[MentionSpan]) -> list[MentionSpan]:
    """"Il a déclaré qu'il …": a pronoun subject of a reported clause is the reporter; else the
    latest person or body mentioned before it."""
    cur = verb
    for _ in range(3):
        if cur.dep_ in ("ccomp", "advcl", "xcomp") and cur.head.i != cur.i:
            subs, _ = subjects(cur.head)
            hits = [m for m in spans if any(t.i in m.tokens for s in subs for t in s.subtree)]
            if hits:
                return hits
            cur = cur.head
        else:
            break
    # otherwise the latest person or body that was a grammatical subject (the topic usually
    # stays the subject from one sentence to the next), else the latest one mentioned
    doc = subj.doc
    people = [m for m in before if m.actor.kind in ("person", "org")]
    topical = [m for m in people if any(doc[i].dep_ in SUBJECT_DEPS for i in m.tokens)]
    return (topical or people)[-1:]


def find_sides(cand: Candidate, sent: Span, spans: list[MentionSpan], earlier: list[MentionSpan],
               pair: list[Actor] | None = None) -> Sides:
    """Assign the mentions of a sentence to the sides of the event `cand`.

    An event noun can be read two ways: inside its own phrase ("la visite au Laos du Premier
    ministre X") or as framing its clause ("Lors de sa visite …, X a rencontré Y"). A noun
    with its own date (`cand.phrase`) is read inside its phrase first, a framed noun of a
    `dated` entry through its clause first; when the first reading names fewer than two
    states the other is tried."""
    if cand.phrase:
        own = _finish(cand, _dated_noun_sides(cand, _held_inside(cand, spans), spans), sent, spans, earlier, pair)
        if cand.background or _states(own) >= 2:
            return own
        # "C'est ce qu'a déclaré X, lors d'une visite au Premier ministre Y, le 20 août"
        return _clause_sides(replace(cand, verb=clause_verb(cand.noun), held=False), sent, spans, earlier, pair)
    sides = _clause_sides(cand, sent, spans, earlier, pair)
    if cand.noun is None or cand.governed or not cand.entry.dated or _states(sides) >= 2:
        return sides
    # "Cette activité s'inscrivait dans le cadre de la visite au Laos du Premier ministre X"
    inside = _in({t.i for t in cand.noun.subtree} - {t.i for t in cand.tokens}, spans)
    own = _finish(cand, _dated_noun_sides(cand, inside, spans), sent, spans, earlier, pair)
    if _states(own) >= 2:
        own.rule = own.rule.replace("dated-noun", "framed-noun")
        return own
    return sides


def _held_inside(cand: Candidate, spans: list[MentionSpan]) -> list[MentionSpan]:
    """The mentions inside a noun that is the event itself ("La réunion du Comité
    Vietnam-Russie a eu lieu"), with the chairs of "… sous l'égide de X et de Y"."""
    verb = cand.verb
    trigger_ids = {t.i for t in cand.tokens}
    region = {t.i for t in cand.noun.subtree} - trigger_ids
    region |= _region([o for o in obliques(verb) if lemma(o) in CHAIR_NOUNS], trigger_ids)
    # "La cérémonie d'accueil a eu lieu …, présidée par le général X": the participle's agent
    chaired = [g for p in verb.subtree if p.dep_ in ("acl", "advcl") and lemma(p) in CHAIR_VERBS
               for g in agents(p)]
    return _in(region | _region(agents(verb) + chaired, trigger_ids), spans)


def _states(sides: Sides) -> int:
    return len({a.country for a in sides.actors + sides.recipients if a.country})


def _clause_sides(cand: Candidate, sent: Span, spans: list[MentionSpan], earlier: list[MentionSpan],
                  pair: list[Actor] | None = None) -> Sides:
    """The sides of `cand` read from its clause: subject, agent, objects and obliques.

    `spans` are the mentions inside this sentence, `earlier` those before it in the story
    (for pronouns), `pair` the participants of the story's last two-party event (for "les
    deux parties" and "ils")."""
    verb = cand.verb
    trigger_ids = {t.i for t in cand.tokens}
    sides = Sides()
    if cand.held and cand.noun is not None:
        # "La réunion du Comité Vietnam-Russie a eu lieu": participants are inside the noun phrase
        sides.actors = [m.actor for m in _held_inside(cand, spans)]
        sides.rule = "syntax:held-noun"
        return _finish(cand, sides, sent, spans, earlier, pair)

    subj_heads, carrier = subjects(verb)
    subj_region = _region(subj_heads, set())
    agent_region = _region(agents(verb), subj_region)
    obj_heads = objects(verb) + _participant_obliques(verb) + [c for c in verb.children if c.dep_ == "xcomp"]
    # the parser sometimes hangs a coordinated partner ("X ainsi que Y") straight on the verb
    obj_heads += [c for c in verb.children if c.i > cand.head.i and c.dep_ in STRAY_DEPS
                  and c.pos_ not in ("VERB", "AUX")]
    if cand.noun is not None and cand.noun.i != verb.i:
        obj_heads += [cand.noun]
    obj_region = _region(obj_heads, subj_region | agent_region | trigger_ids)

    subj = _in(subj_region, spans)
    plural_pronoun = bool(subj_heads) and all(s.pos_ == "PRON" and "Plur" in s.morph.get("Number") for s in subj_heads)
    if not subj and plural_pronoun and pair:
        sides.actors = list(pair)  # "Ils ont convenu …": both sides of the last talks
        sides.rule = "syntax:plural-pronoun"
        return _finish(cand, sides, sent, spans, earlier, pair)
    if not subj and subj_heads and all(s.pos_ == "PRON" for s in subj_heads):
        subj = _pronoun_antecedent(subj_heads[0], carrier, spans, earlier + [m for m in spans if m.first < cand.head.i])
        sides.rule = "syntax:pronoun"
    if subj and all(m.actor.kind == "country" for m in subj):
        subj = _speaker_instead(subj, carrier, spans) or subj
    agent = _in(agent_region, spans)
    dative = cand.entry.roles == "directed" and not cand.entry.place_is_recipient
    obj = [m for m in _in(obj_region, spans, dative) if m not in subj and m not in agent]
    if not obj and cand.entry.roles == "host" and cand.noun is None and not _passive(verb):
        # "en recevant vendredi, 17 février, à Hanoï Andrey Yatskin": the parser hung the guest
        # on the place; the first person named after the verb is received
        after = [m for m in spans if m.first > cand.head.i and m.actor.kind == "person"
                 and m not in subj and m not in agent]
        obj = after[:1]
        sides.rule += ":guest-after" if obj else ""
    if not subj and not agent:
        # no subject in the parse: the nearest mention before the trigger in the sentence
        prior = [m for m in spans if m.first < cand.head.i and m not in obj]
        subj = prior[-1:]
        sides.rule = "nearest-before"

    scheme = cand.entry.roles
    if _passive(verb):
        # "L'ambassadeur a été reçu par le ministre": the agent does, the subject undergoes
        doer, undergoer = agent, subj + obj
        sides.rule += ":passive"
    else:
        doer, undergoer = subj + agent, obj
    if scheme == "host":
        sides.recipients = [m.actor for m in doer]
        sides.actors = [m.actor for m in undergoer]
        # "a reçu les nouveaux ambassadeurs du Cambodge, de la Suisse, …": one reception each
        sides.partners = partner_groups(sides.actors, sides.recipients)
    elif scheme == "directed":
        # "Une cérémonie de remise d'équipements au gouvernement cambodgien a eu lieu": in the
        # subject phrase of a borrowed clause, "au" still names the receiver
        to_whom = [m for m in doer if not cand.governed and _dative(m, verb.doc)]
        sides.actors = [m.actor for m in doer if m not in to_whom]
        sides.recipients = [m.actor for m in undergoer + to_whom]
        # "a offert des vaccins au Laos et au Cambodge": one transfer to each state
        sides.partners = partner_groups(sides.recipients, sides.actors)
        sides.split = "recipients"
        if not sides.recipients and carrier is not verb and lemma(carrier) in THANKED_FOR:
            # "Le Premier ministre vietnamien a remercié l'Inde pour avoir fourni une aide":
            # the one who thanks received it
            thanker, _ = subjects(carrier, max_climb=1)
            sides.recipients = [m.actor for m in _in(_region(thanker, trigger_ids), spans)
                                if m.actor not in sides.actors]
        if not doer:
            # "une cérémonie de remise de masques offerts par le ministère vietnamien à la partie
            # chinoise": the participle describing the goods names the giver
            given_by = [g for o in objects(verb) + obliques(verb) for p in o.children
                        if p.dep_ == "acl" and p.pos_ == "VERB" for g in agents(p)]
            by = _in(_region(given_by, trigger_ids), spans)
            if by:
                sides.actors = [m.actor for m in by]
                sides.recipients = [a for a in sides.recipients if a not in sides.actors]
                sides.rule += ":given-by"
        givers = {a.country for a in sides.actors}
        if not sides.recipients and verb.dep_ == "acl":
            # "une cérémonie de réception de cadeaux offerts par le Cambodge": the gift goes
            # to whoever the clause around it names as receiving it
            sides.recipients = [a for a in _clause_subject(verb.head, spans, sides) if a.country not in givers]
        if not sides.recipients:
            # "a offert des fournitures médicales pour soutenir son homologue cambodgien",
            # "continuerait de soutenir le Vietnam en fournissant du matériel"
            helped = [c for c in verb.children if c.dep_ in ("advcl", "xcomp") and lemma(c) in HELP_VERBS]
            if verb.dep_ == "advcl" and lemma(verb.head) in HELP_VERBS:
                helped.append(verb.head)
            region = _region([o for h in helped for o in objects(h)], set())
            sides.recipients = [m.actor for m in _in(region, spans) if m.actor.country not in givers]
    else:
        sides.actors = [m.actor for m in subj + agent]
        partners = [m.actor for m in obj]
        dual = {x.country for a in sides.actors if a.kind == "group" and len(a.members) >= 2 for x in a.members}
        if dual:
            # "Les deux parties ont convenu de mettre en œuvre l'Accord entre le Vietnam et
            # l'UEE": the two sides are the parties; the states the agreement names are its content
            partners = [a for a in partners if a.country in dual]
        if scheme == "meeting":
            sides.partners = partner_groups(partners, sides.actors)
        sides.actors = sides.actors + partners
    return _finish(cand, sides, sent, spans, earlier, pair)


def _dative(m: MentionSpan, doc) -> bool:
    """"au gouvernement", "au peuple cambodgiens" (a demonym takes its noun's preposition)."""
    roots = [doc[i] for i in m.tokens if doc[i].head.i not in m.tokens]
    return any(case_of(t.head if t.dep_ == "amod" else t) in ("a", "au", "aux") for t in roots)


CHAIR_VERBS = {"presider", "copresider"}
HELP_VERBS = {"soutenir", "aider", "appuyer", "assister", "epauler"}
DESCRIBED_DEPS = {"appos", "acl", "nmod", "amod", "obl", "obl:mod"}


def _invited_by(m: MentionSpan, noun: Token) -> bool:
    """Is `m` inside an "(à l'|sur) invitation de …" phrase under the event noun?"""
    tok = noun.doc[min(m.tokens)]
    while tok.head.i != tok.i and tok.i != noun.i:
        if lemma(tok) == "invitation":
            return True
        tok = tok.head
    return False


def _dated_noun_sides(cand: Candidate, inside: list[MentionSpan], spans: list[MentionSpan]) -> Sides:
    """Sides of an event noun with its own date. The phrase is the noun's and its date's
    ("la visite au Laos en octobre du ministre X": the parser hangs "du ministre" on the
    month). "Kartapolov, …, en visite au Vietnam du 21 au 24 octobre": the person the set-off
    phrase describes is the visitor. In a directed event the states the phrase goes to
    ("en France", "au Laos") are the recipients. A symmetric noun with no participants of
    its own ("ont passé en revue le 4e dialogue tenu en 2018") takes the clause's subject."""
    sides = Sides(rule="syntax:dated-noun")
    noun, doc = cand.noun, cand.noun.doc
    region = {t.i for t in noun.subtree}
    top = cand.dated
    if top is not None:
        while top.head.i != top.i and top.head.i not in (noun.i, noun.head.i) and top.head.i > noun.i:
            top = top.head
        region |= {t.i for t in top.subtree if t.i > noun.i}
        if top.i > noun.i and top.head.i in (noun.i, noun.head.i):
            # "les résultats de la visite en mars dernier en France du secrétaire général, X":
            # a date hung beside the noun takes the phrases after it along
            region |= {t.i for s in noun.head.children if s.i > noun.i and s.dep_ in ("nmod", "appos")
                       for t in s.subtree}
    inside = _unique_spans(inside + [m for m in spans if m.tokens & region and m not in inside])
    described: list[MentionSpan] = []
    start = min(t.i for t in noun.subtree)
    if noun.dep_ in DESCRIBED_DEPS and start > 0 and doc[start - 1].text == ",":
        before = [m for m in spans if max(m.tokens) < start and m.actor.kind == "person" and m not in inside]
        if before:
            described = [max(before, key=lambda m: max(m.tokens))]
            sides.rule += ":described"
    if cand.entry.roles in ("directed", "host"):
        to = [m for m in inside if any(case_of(doc[i]) in ("en", "au", "aux", "a", "vers") for i in m.tokens
                                       if doc[i].head.i not in m.tokens)]
        # "une visite en Russie, sur invitation du Service fédéral …": the inviter hosts
        to += [m for m in inside if m not in to and _invited_by(m, noun)]
        by = [m for m in inside if m not in to]
        if cand.entry.roles == "directed":
            sides.actors = [m.actor for m in described + by]
            sides.recipients = [m.actor for m in to]
        else:
            sides.actors = [m.actor for m in described + by + to]
        if not sides.actors:   # "Lors de sa visite au Vietnam du 16 au 18 septembre, X a …"
            sides.actors = _clause_subject(noun, spans, sides)
        return sides
    sides.actors = [m.actor for m in described + inside]
    if len({a.country for a in _expand(sides.actors) if a.country}) < 2:
        sides.actors += _clause_subject(noun, spans, sides)
    return sides


def _clause_subject(noun: Token, spans: list[MentionSpan], sides: Sides) -> list[Actor]:
    """The subject of the clause an event noun sits in ("les deux parties ont passé en revue
    le dialogue tenu en 2018", "Lors de sa visite …, X a rencontré …")."""
    clause = noun
    while clause.pos_ != "VERB" and clause.head.i != clause.i:
        clause = clause.head
    if clause.pos_ != "VERB":
        return []
    subj_heads, _ = subjects(clause)
    subj = _in(_region(subj_heads, set()), spans)
    if subj:
        sides.rule += ":clause-subject"
    return [m.actor for m in subj]


def _unique_spans(spans: list[MentionSpan]) -> list[MentionSpan]:
    out: list[MentionSpan] = []
    for m in spans:
        if all(m is not o for o in out):
            out.append(m)
    return out


# verbs of motion and state that take "être" in the past tense: "sont arrivées" is not a passive
ETRE_VERBS = {"arriver", "parvenir", "partir", "venir", "revenir", "aller", "entrer", "sortir",
              "retourner", "rester", "tomber", "devenir"}


def _passive(verb: Token) -> bool:
    if lemma(verb) in ETRE_VERBS:
        return False
    return any(c.dep_ in ("aux:pass", "nsubj:pass") for c in verb.children)


def _speaker_instead(subj: list[MentionSpan], carrier: Token, spans: list[MentionSpan]) -> list[MentionSpan]:
    """"Le ministre X a affirmé que le Vietnam …, en recevant Y": the state of a reported
    clause is spoken for by the person of the reporting clause when they belong to it."""
    countries = {m.actor.country for m in subj}
    cur = carrier
    for _ in range(3):
        if cur.dep_ not in ("ccomp", "advcl", "xcomp", "conj") or cur.head.i == cur.i:
            return []
        cur = cur.head
        heads, _ = subjects(cur, max_climb=1)
        region = {t.i for h in heads for t in h.subtree}
        people = [m for m in spans if m.tokens & region and m.actor.kind == "person" and m.actor.country in countries]
        if people:
            return people
    return []


def partner_groups(partners: list[Actor], own: list[Actor]) -> list[list[Actor]]:
    """Conjoined partners from several foreign states make one bilateral event each."""
    own_countries = {a.country for a in _expand(own) if a.country}
    if not own_countries:
        return []  # "l'entretien entre X et Y": one meeting of both
    groups: dict[str, list[Actor]] = {}
    for a in _expand(partners):
        if a.country and a.country not in own_countries:
            groups.setdefault(a.country, []).append(a)
    if any(not is_igo(c) for c in groups):
        # "a rencontré X au siège des Nations unies": beside states, an organisation is the frame
        groups = {c: g for c, g in groups.items() if not is_igo(c)}
    return list(groups.values()) if len(groups) > 1 else []


def _finish(cand: Candidate, sides: Sides, sent: Span, spans: list[MentionSpan], earlier,
            pair: list[Actor] | None = None) -> Sides:
    people = _latest_people(earlier + [m for m in spans if m.first < cand.head.i])
    sides.actors = _unique(_expand(sides.actors, people, pair))
    sides.recipients = _unique([a for a in _expand(sides.recipients, people, pair) if a not in sides.actors])
    own = {a.country for a in sides.actors}
    # a recipient of the actor's own state known only from the wire's home country is a guess
    sides.recipients = [a for a in sides.recipients if not (a.country in own and "default_country" in a.rule)]
    if cand.entry.roles in ("symmetric", "meeting") and not cand.entry.cameo.startswith("03") \
            and len({a.country for a in sides.actors}) < 2:
        # a co-chaired session or talks need two sides: take the other states of the sentence
        # (not for agreements and pledges: one side's pledge names no partner)
        others = [m.actor for m in spans if m.actor.country and m.actor.country not in {a.country for a in sides.actors}]
        if others:
            sides.actors = _unique(sides.actors + _expand(others))
            sides.rule += "+sentence"
    states = {a.country for a in sides.actors + sides.recipients if a.country}
    if cand.entry.partnered and len(states) == 1 and pair:
        # "Il a convenu de continuer à promouvoir les échanges": with the story's other side
        partners = [a for a in pair if a.country and a.country not in states]
        if partners:
            sides.actors = _unique(sides.actors + partners)
            sides.rule += "+story-pair"
    return sides
