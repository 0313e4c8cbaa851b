"""Finds trigger candidates in a parsed sentence by matching the lexicon against the parse."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..text import fold
from .lexicon import Lexicon, Trigger
from .syntax import (SUBJECT_DEPS, case_of, clause_verb, is_future, is_reflexive, lemma, objects, obliques,
                     relative_clause)

VERB_POS = {"VERB", "ADJ"}   # past participles in passives are sometimes tagged ADJ
NOUN_POS = {"NOUN", "PROPN"}
# how an event noun may hang on its governor; "acl": "cérémonie de remise" read as a participle
GOVERNED_DEPS = {"obj", "obl:arg", "obl", "obl:mod", "nmod", "nsubj:pass", "xcomp", "acl"}
HOLDING_VERBS = {"tenir", "derouler", "ouvrir", "poursuivre", "clore", "cloturer", "terminer", "achever", "commencer", "debuter"}


@dataclass
class Candidate:
    """A lexicon entry matched at a word: `head` is the trigger word, `verb` the predicate
    carrying its arguments (the light verb of "avoir une conversation"), `noun` the
    nominal part when there is one."""

    entry: Trigger
    head: Token
    verb: Token
    noun: Token | None = None
    held: bool = False          # "la réunion a eu lieu": participants sit inside the noun phrase
    governed: bool = True       # False when a framed noun only borrows its clause's verb
    dated: Token | None = None  # the date word of a noun phrase with its own date ("la visite … en mars 2018")
    background: bool = False    # a dated noun under a verb of its own ("a rappelé la visite …"): not the story's thread
    phrase: bool = False        # participants are read inside the noun phrase (dated or framed nouns)
    recent: bool = False        # "le récent appel téléphonique": before the report, no date given
    stay: bool = False          # "X, en visite au Vietnam, …": a visit going on, no date given
    announced: bool = False     # "la prochaine visite au Vietnam de X": after the report, maybe no date given

    @property
    def tokens(self) -> list[Token]:
        return [t for t in (self.head, self.verb, self.noun) if t is not None]

    @property
    def span(self) -> tuple[int, int]:
        toks = self.tokens
        start = min(t.idx for t in toks)
        end = max(t.idx + len(t.text) for t in toks)
        return start, end


def _near(tok: Token, depth: int = 2) -> list[Token]:
    out, frontier = [], [tok]
    for _ in range(depth):
        frontier = [c for t in frontier for c in t.children]
        out.extend(frontier)
    return out


def _needs_ok(tok: Token, entry: Trigger, extra: Token | None = None) -> bool:
    if entry.unless and any(fold(t.text) in entry.unless or lemma(t) in entry.unless for t in _near(tok, 1)):
        return False   # "conférence de presse"
    if not entry.needs:
        return True
    depth = 3 if entry.deep_obj else 2   # "assisté à la cérémonie de clôture des Jeux"
    near = _near(tok, depth) + ([extra] + _near(extra) if extra is not None else [])
    return _any_needed(near, entry)


def _any_needed(tokens, entry: Trigger) -> bool:
    return any(_starts(w, n) for t in tokens for w in (lemma(t), fold(t.text)) for n in entry.needs)


def _starts(word: str, need: str) -> bool:
    """"vaccin" starts "vaccination"; a short need is a whole word: "don" is not "document"."""
    if len(need) < 5:
        return word in (need, need + "s", need + "x")
    return word.startswith(need)


def is_held(noun: Token) -> bool:
    """"X a eu lieu", "X s'est tenu(e)", "X a été ouvert(e)": the noun is the event itself."""
    if noun.dep_ == "ROOT":
        # "Une réunion entre le Vietnam et le Cambodge a eu lieu": the parser may take the
        # noun for the root and "a eu lieu" for a conjunct with "le Cambodge" as its subject
        held = [c for c in noun.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and c.i > noun.i]
        return bool(held) and lemma(held[0]) == "avoir" and any(lemma(c) == "lieu" for c in held[0].children)
    if noun.dep_ not in SUBJECT_DEPS:
        return False
    verb = noun.head
    lv = lemma(verb)
    if lv == "avoir" and any(lemma(c) == "lieu" for c in verb.children):
        return True
    if lv not in HOLDING_VERBS:
        return False
    # "s'est tenu(e)", "a été ouvert(e)", "a commencé" (intransitive, no object)
    return is_reflexive(verb) or any(c.dep_ == "aux:pass" for c in verb.children) \
        or (lv in INTRANSITIVE_HOLDING and not objects(verb))


INTRANSITIVE_HOLDING = {"commencer", "debuter"}


# _match_verb and _match_noun take an entry that `Lexicon.entries_for` chose for the word's
# lemma, form or stem; they check the rest of the entry against the parse.
def _given_goods(tok: Token) -> list[Token]:
    """"des doses … accordées par le gouvernement américain": a passive participle with its
    agent gives the noun it describes; the parser often hangs it on a later word of the
    phrase ("contre le COVID-19"), so the nouns just before it count too."""
    if tok.dep_ != "acl" or "Part" not in tok.morph.get("VerbForm") \
            or not any(c.dep_ == "obl:agent" for c in tok.children):
        return []
    before = tok.doc[max(tok.sent.start, tok.i - 8):tok.i]
    return [tok.head] + [t for t in before if t.pos_ in NOUN_POS]


def _match_verb(tok: Token, entry: Trigger) -> Candidate | None:
    if tok.pos_ not in VERB_POS:
        return None
    if entry.reflexive and not is_reflexive(tok):
        return None
    if lemma(tok) in entry.reflexive_for and not is_reflexive(tok):
        return None
    objs = objects(tok) + [c for c in tok.children if c.dep_ == "nsubj:pass"
                           # "rendre visite", "prendre livraison" parsed as xcomp or advmod
                           or (c.dep_ in ("xcomp", "advmod") and c.pos_ == "NOUN")]
    # "un certain nombre de doses", "un lot de vaccins": the quantity's complement counts
    objs += [g for o in objs for g in o.children if g.dep_ == "nmod" and g.i > o.i]
    # "a remis le 1er avril une aide", "ont signé le 29 octobre le procès-verbal": the parser
    # takes the date for the object and hangs the real object under it
    objs += [g for o in objs + obliques(tok) if _is_date_word(o) for g in o.subtree
             if g.i != o.i and g.pos_ in NOUN_POS and not _is_date_word(g)]
    if entry.is_gift:
        objs += _given_goods(tok)
    noun = None
    if entry.obj:
        hits = [o for o in objs if lemma(o) in entry.obj or fold(o.text) in entry.obj]
        if not hits and entry.deep_obj:
            # the parser often hangs "un lot de fournitures" on the wrong word: look lower
            near = [t for o in objs + obliques(tok) for t in _near(o, 2)]
            hits = [t for t in near if lemma(t) in entry.obj]
        if not hits:
            return None
        noun = hits[0]
    if entry.not_obj and any(lemma(o) in entry.not_obj for o in objs):
        return None
    if entry.not_to and (
            any(g.dep_ == "case" and g.lower_ in ("à", "a", "au", "aux")
                for c in tok.children if c.dep_ in ("obl", "obl:arg") for g in c.children)
            or any(t.pos_ == "VERB" and any(g.dep_ == "mark" and g.lower_ in ("à", "a") for g in t.children)
                   for t in tok.subtree if t.i != tok.i)):
        return None   # "a appelé les deux parties à la retenue", "… son homologue à renforcer": an appeal
    if entry.obl:
        obls = obliques(tok) + objs
        hits = [o for o in obls if lemma(o) in entry.obl or fold(o.text) in entry.obl]
        if not hits:
            return None
        # "a quitté Hanoï pour une visite en Chine": the place and date of the visit are its own
        noun = noun or next((o for o in hits if case_of(o) == "pour"), None)
    if not _needs_ok(tok, entry, noun) and not (entry.needs and _any_needed(objs, entry)):
        return None   # (the objects include those a date hid: "a pris livraison lundi 27 septembre 2,6 millions de doses")
    if entry.joint and not _plural_subject(tok):
        return None   # "le Vietnam a décidé de contribuer …": one side's decision
    if entry.not_statement and (_reports_a_statement(tok) or (
            tok.dep_ == "acl" and not any(c.dep_ in ("xcomp", "ccomp") for c in tok.children))):
        return None   # "les contenus convenus par les deux parties": what was agreed before
    return Candidate(entry, head=tok, verb=tok, noun=noun)


def _plural_subject(verb: Token) -> bool:
    """"Les deux parties ont décidé", "Elles ont décidé", "X et Y ont décidé"."""
    subj = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    return any("Plur" in s.morph.get("Number") or any(c.dep_ == "conj" for c in s.children) for s in subj)


def _reports_a_statement(verb: Token) -> bool:
    """"Ils ont convenu que les relations se développent": agreeing on an assessment, not
    agreeing to do something (a future or conditional "que" clause still counts)."""

    kids = list(verb.children)
    if any(c.dep_ in ("xcomp", "obl", "obl:arg", "obj") for c in kids):
        return False
    clauses = [c for c in kids if c.dep_ == "ccomp"]
    if not clauses:
        return False
    # "ont convenu qu'il était nécessaire d'intensifier …" is an agreement to act
    deontic = any(lemma(t) in DEONTIC for c in clauses for t in c.subtree)
    return not deontic and not any(is_future(c) for c in clauses)


DEONTIC = {"necessaire", "falloir", "devoir", "besoin", "important", "indispensable", "essentiel", "utile"}


MONTHS = {"janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre",
          "octobre", "novembre", "decembre"}
# compared with accents: "dès" (since) is not the partitive "des" of "a eu des rencontres"
NOT_AN_EVENT_CASES = {"après", "avant", "depuis", "dès", "contre", "sans"}


def _time_case(tok: Token) -> bool:
    """"depuis/après/avant la visite …": a time frame, but one naming a past event."""
    return any(c.dep_ == "case" and c.text.lower() in ("depuis", "dès", "après", "avant") for c in tok.children)


def _frame_case(tok: Token) -> bool:
    """Is `tok` introduced by a preposition of time or opposition ("après la cérémonie")?"""
    return any(c.dep_ == "case" and c.text.lower() in NOT_AN_EVENT_CASES for c in tok.children)


WEEKDAY_WORDS = {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"}


def _is_date_word(tok: Token) -> bool:
    if fold(tok.text) in ("1er", "premier") and tok.i + 1 < len(tok.doc):
        return fold(tok.doc[tok.i + 1].text) in MONTHS    # "le 1er décembre"
    return tok.pos_ == "NUM" or lemma(tok) in MONTHS or tok.like_num or fold(tok.text) in WEEKDAY_WORDS


# clauses that may hang under an event noun and still date it ("le dialogue tenu en décembre")
DATING_CLAUSE_VERBS = HOLDING_VERBS | {"organiser", "effectuer", "avoir", "derouler", "coprésider", "copresider"}
NOT_OWN_DEPS = {"acl:relcl", "ccomp", "advcl", "parataxis", "conj"}


YEAR_EDGES = {"debut", "fin", "mi"}


def _is_year(tok: Token) -> bool:
    return tok.text.isdigit() and len(tok.text) == 4 and 1945 <= int(tok.text) <= 2100


def _date_token(tok: Token) -> bool:
    """A month, or a year introduced by a preposition ("en 2018"; not the "2021" of
    "Forum technique militaire 2021", which is part of a name)."""
    if lemma(tok) in MONTHS or fold(tok.text) in MONTHS:
        return True
    return _is_year(tok) and (any(c.dep_ == "case" for c in tok.children)
                              or fold(tok.head.text) in YEAR_EDGES)   # "début 2015"


def own_date(noun: Token) -> Token | None:
    """The month or year word dating the noun's own phrase, or None: one inside the phrase,
    not inside a clause of its own ("la visite au Laos en octobre du ministre", "le dialogue
    tenu en décembre 2018"; not "5e dialogue"), or one the parser hung on the governing verb
    right after the phrase, with no verb or punctuation in between ("a rappelé la visite en
    France de X en mars 2018")."""
    frontier = [noun]
    for _ in range(5):
        nxt = []
        for t in frontier:
            for c in t.children:
                if c.dep_ in ("acl", "acl:relcl") and c.pos_ in ("VERB", "AUX"):
                    # "la session qui s'est tenue en août" (not "le forum qui se tiendra …": planned)
                    if lemma(c) not in DATING_CLAUSE_VERBS or (c.dep_ == "acl:relcl" and is_future(c)):
                        continue
                elif c.dep_ in NOT_OWN_DEPS:
                    continue
                if _frame_case(c):   # "depuis sa prise de fonction en 2019"
                    continue
                if _date_token(c):
                    return c
                nxt.append(c)
        frontier = nxt
    doc = noun.doc
    for i in range(noun.i + 1, min(noun.i + 18, noun.sent.end)):
        t = doc[i]
        if t.text == "," and i + 3 < noun.sent.end and doc[i + 1].lower_ in ("le", "du") \
                and doc[i + 2].like_num and _date_token(doc[i + 3]) and not _frames_a_clause(noun):
            continue   # "les résultats de l'entretien entre les deux Premiers ministres, le 21 décembre 2020"
        if t.text in ("-", "–") and i + 1 < noun.sent.end and doc[i - 1].pos_ == "PROPN" \
                and doc[i + 1].pos_ == "PROPN":
            continue   # "le 6e Dialogue des politiques de défense Vietnam - Japon, le 4 juillet"
        if (t.pos_ in ("VERB", "AUX", "PUNCT", "SCONJ", "PRON") and not t.like_num) \
                or t.text.lower() in NOT_AN_EVENT_CASES:   # "du 26 au 28": "26" may be tagged PRON
            return None
        if _date_token(t):
            up = t   # climb the date itself: "du 26 au 28 octobre" hangs on its numbers
            for _ in range(3):
                if up.head.i == up.i or not (_date_token(up.head) or _is_date_word(up.head)):
                    break
                up = up.head
            # "les résultats de la visite … en mars", "continuer à mener les résultats de la
            # conversation … le 27 novembre 2020": the parser hangs the date a few words up
            ancestors, cur = {noun.i}, noun
            for _ in range(4):
                cur = cur.head
                ancestors.add(cur.i)
            # or on a word of the phrase itself ("la visite au Vietnam du président russe
            # Vladimir Poutine en novembre 2013": hung on "Vladimir")
            inside = noun.i < up.head.i < t.i
            return t if up.head.i in ancestors or up.head.i == up.i or inside else None
    return None


FRAME_HEADS = {"marge", "cadre", "occasion", "cours", "issue"}


def _frames_a_clause(noun: Token) -> bool:
    """"en marge du Sommet du G20, le 8 juillet": a frame, whose set-off date is the clause's."""
    return lemma(noun.head) in FRAME_HEADS or any(c.dep_ == "case" and c.lower_ == "lors" for c in noun.children)


def governor_of(tok: Token) -> Token:
    """The word governing `tok`, skipping a date the parser put in between ("a eu le 26 mars
    une conversation": "conversation" hangs under "26")."""
    head = tok.head
    for _ in range(3):
        if head.i == head.head.i or not (_is_date_word(head) or lemma(head) in TRANSPARENT_NOUNS):
            break
        head = head.head   # "ont tenu la première édition de leur Dialogue": "tenir" governs it
    return head


TRANSPARENT_NOUNS = {"edition"}


BETWEEN_VERB_AND_NOUN = {"matin", "soir", "apres-midi", "midi", "dernier", "prochain", "a", "au", "en", "le", "la", "l'"}


def _light_verb_before(tok: Token, governors: frozenset[str] | list[str]) -> Token | None:
    """The light verb just before the noun when only a date or a place stands between them
    ("a eu le 10 juillet une conversation", "a eu mercredi 19 février à Vientiane des
    rencontres"): the parser often hangs the noun on a word of the date instead."""
    doc, start = tok.doc, tok.sent.start
    i = tok.i - 1
    while i >= start and (doc[i].pos_ in ("DET", "ADJ") or fold(doc[i].text) == "des"):
        i -= 1   # the noun's own determiner and adjectives
    skipped = 0
    while i >= start and skipped <= 10:
        t = doc[i]
        if t.pos_ in ("VERB", "AUX") and lemma(t) in governors:
            return t if skipped else None
        if not (_is_date_word(t) or fold(t.text) in WEEKDAY_WORDS or fold(t.text) in BETWEEN_VERB_AND_NOUN
                or t.pos_ in ("DET", "PROPN") or t.text == ","):
            return None
        i, skipped = i - 1, skipped + 1
    return None


def _on_a_visit(noun: Token) -> bool:
    """"en visite (officielle) au Vietnam": "en" and no determiner."""
    return lemma(noun) == "visite" and not any(c.dep_ == "det" for c in noun.children) \
        and any(c.dep_ == "case" and fold(c.text) == "en" for c in noun.children)


RECENT_WORDS = {"recent", "dernier"}
NEXT_WORDS = {"prochain"}


def _qualified(noun: Token, words: set[str]) -> bool:
    """A singular, definite event noun qualified by one of `words`: "le récent entretien",
    "leur dernier entretien téléphonique", "la prochaine visite"."""
    return "Plur" not in noun.morph.get("Number") and any(
        c.dep_ == "amod" and lemma(c) in words for c in noun.children) \
        and any(c.dep_ == "det" or fold(c.text) in ("du", "au") for c in noun.children)


def _indefinite_plural(tok: Token) -> bool:
    return "Plur" in tok.morph.get("Number") and not any(c.dep_ == "det" for c in tok.children) \
        and any(c.dep_ == "case" and c.text.lower() == "des" for c in tok.children)


def _match_noun(tok: Token, entry: Trigger) -> Candidate | None:
    if tok.pos_ not in NOUN_POS:
        return None
    if _frame_case(tok) and not (entry.dated and _time_case(tok) and own_date(tok) is not None):
        # "après la cérémonie d'accueil, ils se sont entretenus": a time frame; but "depuis la
        # 16e session en mai 2018", "après la visite en France en novembre 2021 de X" still
        # tell a past event of their own
        return None
    held = is_held(tok)
    gov = governor_of(tok)
    if entry.dated and entry.cameo == "042" and not held and _qualified(tok, NEXT_WORDS) \
            and _needs_ok(tok, entry):
        # "a salué la prochaine visite au Vietnam de X": an announced visit of its own,
        # whatever verb frames it; dated by its own phrase or only by the report's year
        return Candidate(entry, head=tok, verb=tok, noun=tok, held=True, governed=False,
                         dated=own_date(tok), background=True, phrase=True, announced=True)
    if entry.governor:
        gov_ok = held and "lieu" in entry.governor
        if not gov_ok and gov.i != tok.i:
            gov_ok = lemma(gov) in entry.governor and (
                tok.dep_ in GOVERNED_DEPS or gov.i != tok.head.i
                # "a eu, vendredi soir 4 avril, une conversation": the commas make it a conj
                or (tok.dep_ == "conj" and gov.pos_ == "VERB" and not objects(gov))
                # "a eu le 1er décembre un entretien": parsed as a subject after its verb
                or (tok.dep_ == "nsubj" and tok.i > gov.i and lemma(gov) == "avoir"))
        if not gov_ok and (light := _light_verb_before(tok, entry.governor)) is not None:
            gov, gov_ok = light, True
        if not gov_ok:
            if entry.dated and not held and "Plur" not in tok.morph.get("Number") \
                    and _needs_ok(tok, entry) and (date := own_date(tok)) is not None:
                # "a rappelé la visite en France de X en mars 2018": an event of its own,
                # whatever the verb; its participants and date are inside the noun phrase
                return Candidate(entry, head=tok, verb=tok, noun=tok, held=True, governed=False, dated=date,
                                 background=True, phrase=True)
            if entry.dated and _on_a_visit(tok) and _needs_ok(tok, entry):
                # "X, en visite officielle au Vietnam, a rencontré …": the visit is a fact of
                # its own; only its month is known (see the coder)
                return Candidate(entry, head=tok, verb=tok, noun=tok, held=True, governed=False,
                                 background=True, phrase=True, stay=True)
            if entry.dated and not held and _qualified(tok, RECENT_WORDS) and _needs_ok(tok, entry):
                # "s'est félicité du récent appel téléphonique entre X et Y": a call of its own,
                # some time before the report
                return Candidate(entry, head=tok, verb=tok, noun=tok, held=True, governed=False,
                                 background=True, phrase=True, recent=True)
            return None
    # "une cérémonie de remise d'équipements médicaux": the parser may hang the goods on the
    # word governing the noun, right after it
    after = next((c for c in tok.head.children if c.i > tok.i and c.dep_ == "nmod" and c.i - tok.i <= 3), None)
    if not _needs_ok(tok, entry, after):
        return None
    governed = gov.pos_ in ("VERB", "AUX", "ADJ")
    if not governed and _indefinite_plural(tok):
        return None   # "se coordonner lors des réunions multilatérales": no meeting in particular
    if not governed and entry.dated and not held and (date := own_date(tok)) is not None:
        # "Dans le cadre de la visite en Russie de X, du 29 novembre au 2 décembre, …": a
        # framed noun with its own date is read like any dated noun
        return Candidate(entry, head=tok, verb=tok, noun=tok, held=True, governed=False, dated=date,
                         phrase=True)
    verb = gov if governed else clause_verb(tok)
    return Candidate(entry, head=tok, verb=verb, noun=tok, held=held, governed=governed)


def find_candidates(sent: Span, lexicon: Lexicon) -> list[Candidate]:
    """Every trigger in a sentence, the first matching lexicon entry per word, with
    triggers nested in another trigger's argument ("accepter l'invitation à se rendre")
    dropped so one fact gives one event."""
    found: list[Candidate] = []
    for tok in sent:
        for entry in lexicon.entries_for(lemma(tok), fold(tok.text)):
            cand = _match_verb(tok, entry) if entry.pos == "VERB" else _match_noun(tok, entry)
            if cand:
                found.append(cand)
                break
    # a word that is part of another trigger (the noun of "rendre visite", the light verb of
    # "avoir une conversation") is not a trigger of its own; the clause verb a framed noun
    # borrows ("Dans le cadre de cette visite, les deux parties ont signé …") still is
    taken = {t.i for c in found for t in (c.noun, c.verb if c.governed else None)
             if t is not None and t.i != c.head.i}
    found = [c for c in found if c.head.i not in taken]
    # an event noun with its own date, or announced ("préparer la prochaine visite de X"), is
    # an event of its own, even inside another's phrase;
    # so is a frame borrowing its clause's verb ("Dans le cadre de sa visite en France, X a eu
    # une entrevue …": the visit and the talks are two facts)
    return [c for c in found if c.dated is not None or c.stay or c.announced or framing(c)
            or not _nested(c, found)]


def framing(cand: Candidate) -> bool:
    """A noun framing its clause and not pointing back to an event already told ("cette visite")."""
    return cand.noun is not None and not cand.governed and cand.verb.i != cand.head.i \
        and not any(c.dep_ == "det" and "Dem" in c.morph.get("PronType") for c in cand.noun.children)


def _nested(cand: Candidate, all_cands: list[Candidate]) -> bool:
    # a framed noun's borrowed clause verb is not part of it ("Dans le cadre de la visite …,
    # X a eu un entretien …": the talks are not nested in the visit)
    others = {t.i for c in all_cands if c is not cand for t in c.tokens if c.governed or t.i != c.verb.i}
    cur = cand.head
    for _ in range(4):
        if cur.dep_ in ("conj", "acl:relcl") or cur.head.i == cur.i or relative_clause(cur):
            return False   # a conjunct or "X, qui effectue une visite au Vietnam": a fact of its own
        cur = cur.head
        if cand.entry.is_gift and lemma(cur) == "ceremonie":
            return False   # "ont coprésidé une cérémonie de remise de doses": the gift is made there
        if cur.i in others:
            return True
    return False
