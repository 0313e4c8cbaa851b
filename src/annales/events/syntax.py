"""Dependency-parse helpers: who is the subject, the object, the obliques of a predicate.

They read Universal Dependencies labels as produced by spaCy's French parsers.
"""
from __future__ import annotations

import re

from spacy.tokens import Token

from ..text import fold

SUBJECT_DEPS = {"nsubj", "nsubj:pass", "expl:subj"}  # "Il s'entretiendra": the parser may call "il" expletive
OBJECT_DEPS = {"obj", "obl:arg", "iobj"}
OBLIQUE_DEPS = {"obl", "obl:arg", "obl:mod", "nmod", "obl:agent", "iobj"}
# climbing from a non-finite or coordinated verb to the verb whose subject it shares
SHARES_SUBJECT = {"xcomp", "advcl", "conj", "acl", "ccomp"}
# "remercier/féliciter X pour/d'avoir fait": X is who did it
THANKED_FOR = {"remercier", "feliciter", "saluer"}
OBJECT_CONTROL = {"inviter", "demander", "encourager", "exhorter", "appeler", "autoriser", "charger", "prier"}
REFLEXIVE_FORMS = {"se", "s'", "s\u2019", "me", "m'", "nous", "vous", "te", "t'"}


def lemma(tok: Token) -> str:
    return fold(tok.lemma_ or tok.text)


def relative_clause(tok: Token) -> bool:
    """A clause with "qui" for subject, however the parser hung it ("… de son homologue Lee
    Hsien Loong qui effectue une visite …", parsed as a complement of the main verb)."""
    return any(c.dep_.startswith("nsubj") and c.lower_ == "qui" for c in tok.children)


def is_reflexive(verb: Token) -> bool:
    return any(c.dep_.startswith("expl") or (c.pos_ == "PRON" and c.lower_ in REFLEXIVE_FORMS)
               for c in verb.children)


def with_conjuncts(tok: Token) -> list[Token]:
    return [tok, *[c for c in tok.conjuncts if c.i > tok.i]]


def subjects(verb: Token, max_climb: int = 4) -> tuple[list[Token], Token]:
    """Subject heads of `verb`, climbing through infinitives, gerunds and coordination.

    Returns the subjects and the verb that carries them ("en recevant" takes the subject of
    the verb it depends on; "participé" coordinated with "mis en œuvre" shares its subject).
    """
    cur = verb
    gerund = is_gerund(verb)
    for _ in range(max_climb):
        subs = [c for c in cur.children if c.dep_ in SUBJECT_DEPS]
        if subs and gerund and cur.dep_ == "ccomp" and cur.head.i != cur.i:
            # "X a affirmé que le Vietnam attachait …, en recevant Y": the one who said it receives
            said = [c for c in cur.head.children if c.dep_ in SUBJECT_DEPS]
            if said:
                subs, cur = said, cur.head
        if subs:
            out = []
            for s in subs:
                if cur.dep_ == "acl:relcl" and s.lower_ in ("qui", "lequel", "laquelle"):
                    s = cur.head   # "Peter Szijjártó, qui effectue une visite": the antecedent
                elif s.lower_ == "qui" and s.i > 0 and s.doc[s.i - 1].pos_ in ("PROPN", "NOUN"):
                    # the same relative clause misparsed as a clause of its own: the antecedent
                    # is the name just before "qui"
                    s = s.doc[s.i - 1]
                    while s.dep_.startswith("flat") and s.head.i < s.i:
                        s = s.head
                out.extend(with_conjuncts(s))
            return out, cur
        if cur.dep_ == "xcomp" and cur.head.i != cur.i and lemma(cur.head) in OBJECT_CONTROL:
            # "X a invité Y à se rendre au Laos": Y is who would travel
            objs = [c for c in cur.head.children if c.dep_ in ("obj", "iobj")]
            if objs:
                return with_conjuncts(objs[0]), cur.head
        if cur.dep_ in ("advcl", "xcomp") and cur.head.i != cur.i and lemma(cur.head) in THANKED_FOR \
                and any(c.dep_ == "mark" and c.lower_ in ("pour", "de", "d'", "d’") for c in cur.children):
            # "X a remercié l'Inde pour avoir fourni une aide": the one thanked did it
            objs = [c for c in cur.head.children if c.dep_ == "obj"]
            if objs:
                return with_conjuncts(objs[0]), cur.head
        if cur.dep_ in SHARES_SUBJECT and cur.head.i != cur.i:
            cur = cur.head
            if gerund and cur.pos_ not in ("VERB", "AUX"):
                # a gerund the parser hung on a noun ("son partenariat avec la Russie, en
                # recevant …") still belongs to the clause around that noun
                cur = clause_verb(cur)
            continue
        break
    return [], cur


def is_gerund(verb: Token) -> bool:
    """"en recevant": a present participle introduced by "en"."""
    return "Part" in verb.morph.get("VerbForm") and any(
        c.dep_ == "mark" and c.lower_ == "en" for c in verb.children)


def agents(verb: Token) -> list[Token]:
    """Agents of a passive ("coprésidée par X")."""
    out = []
    for c in verb.children:
        if c.dep_ == "obl:agent" or (c.dep_.startswith("obl") and any(g.lower_ == "par" for g in c.children if g.dep_ == "case")):
            out.extend(with_conjuncts(c))
    return out


def objects(verb: Token) -> list[Token]:
    out = []
    for c in verb.children:
        if c.dep_ in OBJECT_DEPS:
            out.extend(with_conjuncts(c))
    return out


def obliques(tok: Token) -> list[Token]:
    return [c for c in tok.children if c.dep_ in OBLIQUE_DEPS]


def case_of(tok: Token) -> str:
    """The preposition introducing a nominal ("au", "avec", "en"), folded, or ''."""
    for c in tok.children:
        if c.dep_ == "case":
            return fold(c.text)
    return ""


def is_negated(verb: Token) -> bool:
    kids = {fold(c.text) for c in verb.children}
    return ("ne" in kids or "n'" in kids) and bool(kids & {"pas", "jamais", "plus", "aucun", "nullement", "point"})


# future endings ("signeront", "se rendra"); conditional "-rait" is left to the tagger, as it
# looks like the imperfect ("déclarait")
FUTURE_ENDINGS = re.compile(r"(?:[ei]ras?|[ei]rai|r(?:ons|ez|ont))$")


def is_future(verb: Token, _hops: int = 0) -> bool:
    """Future or conditional verb, or a future built with "aller" + infinitive. The tagger
    calls some futures present ("signeront"), so a present-tagged verb's ending is checked."""
    for t in [verb, *[c for c in verb.children if c.dep_.startswith("aux")]]:
        tense, mood = t.morph.get("Tense"), t.morph.get("Mood")
        if "Fut" in tense or "Cnd" in mood:
            return True
        if t.pos_ in ("VERB", "AUX") and (not tense or tense == ["Pres"]) and FUTURE_ENDINGS.search(t.lower_):
            return True
    if verb.dep_ == "xcomp" and lemma(verb.head) == "aller":
        return True
    # "le Japon continuerait de soutenir le Vietnam en fournissant du matériel": an infinitive
    # or a gerund has no tense of its own; the finite verb it hangs on gives it
    form = verb.morph.get("VerbForm")
    nonfinite = "Inf" in form or ("Part" in form and "Pres" in verb.morph.get("Tense"))
    return nonfinite and verb.dep_ in ("xcomp", "advcl") and verb.head.i != verb.i and _hops < 3 \
        and is_future(verb.head, _hops + 1)


def clause_verb(tok: Token) -> Token:
    """The verb heading the clause `tok` sits in (the token itself when it is a verb)."""
    cur = tok
    for _ in range(8):
        if cur.pos_ in ("VERB", "AUX") or cur.head.i == cur.i:
            return cur
        cur = cur.head
    return cur
