"""When and where an event happened: the time expression or place governing its clause.

A time expression or place governs an event when, walking up the parse from it, one reaches
the trigger (or its light verb, or its noun) without passing through another verb or
through an apposition describing a person ("X, en visite du 17 au 20 avril, …").
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from ..text import fold
from .triggers import DATING_CLAUSE_VERBS, Candidate

BARRIER_DEPS = {"appos", "acl", "acl:relcl", "nsubj", "nsubj:pass", "ccomp", "advcl", "xcomp", "parataxis"}
BEFORE_CUES = ("auparavant", "precedemment", "plus tot", "anterieurement")


def governs(root: Token, cand: Candidate, max_hops: int = 4, event_nouns: frozenset[str] = frozenset()) -> bool:
    """True when `root` attaches to the trigger without crossing a verb, an apposition, or
    another event noun ("en visite … du 17 au 20 avril" dates the visit, not the meeting)."""
    targets = {t.i for t in cand.tokens}
    cur = root
    for _ in range(max_hops):
        if cur.i in targets:
            return True
        if cur.head.i == cur.i or (cur.dep_ in BARRIER_DEPS and not _dating_clause(cur)):
            return False
        nxt = cur.head
        if nxt.i in targets:
            return True
        if (nxt.pos_ in ("VERB", "AUX") and not _dating_clause(nxt)) or fold(nxt.lemma_) in event_nouns:
            return False
        cur = nxt
    return False


def _dating_clause(tok: Token) -> bool:
    """"la cérémonie de clôture des Jeux, organisée le 17 août": a participle clause that
    only says when or where its noun took place passes its date and place up to it."""
    if tok.dep_ not in ("acl", "advcl") or tok.pos_ not in ("VERB", "AUX"):
        return False
    if tok.dep_ == "advcl" and ("Part" not in tok.morph.get("VerbForm")
                                or any(c.dep_.startswith("nsubj") for c in tok.children)):
        return False   # a clause of its own, not a participle describing the event
    return fold(tok.lemma_) in DATING_CLAUSE_VERBS


def span_root(doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def nearest_governing(items, cand: Candidate, sent: Span, event_nouns: frozenset[str] = frozenset()):
    """The governing item (each with a `.root` token) nearest to the trigger, or None."""
    inside = [it for it in items if it.root is not None and sent.start <= it.root.i < sent.end]
    gov = [it for it in inside if governs(it.root, cand, event_nouns=event_nouns)]
    if not gov:
        return None
    # "à Hanoï" beats a name inside a noun phrase, a city beats its country ("à Phnom Penh,
    # au Cambodge"), a day beats a bare year ("VINBAX 2022 s'est clôturé le 18 août")
    gov.sort(key=lambda it: (_is_time(it.item) or not locative(it.root), -_precision(it.item),
                             abs(it.root.i - cand.head.i)))
    return gov[0]


def _is_time(item) -> bool:
    """Time expressions are ranked by precision only ("en 2019" is no place)."""
    return hasattr(item, "value")


def _precision(item) -> int:
    value = getattr(item, "value", None)
    if value is not None:
        return len(value or "")
    return 0 if getattr(item, "kind", "") == "country" else 1


LOCATIVE_CASES = {"a", "au", "aux", "en", "dans", "chez", "sur"}


def locative(tok: Token) -> bool:
    """"à Hanoï", "en Chine": a place said as where, not as whose."""
    return any(c.dep_ == "case" and fold(c.text) in LOCATIVE_CASES for c in tok.children)


def says_before(sent: Span) -> bool:
    """"Auparavant, …": the event precedes the narrative; only its month is known."""
    low = fold(sent.text)
    return any(cue in low for cue in BEFORE_CUES)


def fronted(items, sent: Span):
    """A time expression opening the sentence before its first comma ("Le 7 juillet, …")
    scopes over the whole sentence, whatever the parser made of it."""
    comma = next((t.i for t in sent if t.text == ","), None)
    if comma is None or comma - sent.start > 8:
        return _set_off_before_root(items, sent)
    for it in items:
        if it.root is not None and sent.start <= it.root.i < comma:
            return it
    return _set_off_before_root(items, sent)


def _set_off_before_root(items, sent: Span):
    """"En matière de formation, en 2021, le ministère avait offert …": a time expression
    between commas before the main verb scopes over the clause."""
    doc = sent.doc
    for it in items:
        r = it.root
        if r is None or not (sent.start < r.i < sent.root.i) or not hasattr(it.item, "value"):
            continue
        left = min(t.i for t in r.subtree)
        right = max(t.i for t in r.subtree)
        if left > sent.start and doc[left - 1].text == "," and right + 1 < sent.end and doc[right + 1].text == ",":
            return it
    return None


def nearby(items, cand: Candidate, sent: Span, event_nouns: frozenset[str] = frozenset(), window: int = 8):
    """The closest item after the trigger, within a few words and with no verb or other event
    noun in between: the parser often attaches "… aux Jeux Army Games 2021" elsewhere."""
    head = max(t.i for t in cand.tokens)
    best = None
    for it in items:
        r = it.root
        if r is None or not (head < r.i <= head + window) or r.i >= sent.end:
            continue
        between = sent.doc[head + 1:r.i]
        if any(t.pos_ == "VERB" or fold(t.lemma_) in event_nouns for t in between):
            continue
        if best is None or r.i < best.root.i:
            best = it
    return best


def nearest_in_sentence(items, cand: Candidate, sent: Span):
    inside = [it for it in items if it.root is not None and sent.start <= it.root.i < sent.end]
    if not inside:
        return None
    return min(inside, key=lambda it: abs(it.root.i - cand.head.i))
