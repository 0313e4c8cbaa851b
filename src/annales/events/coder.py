"""The event coder: trigger lexicon + parse + actor mentions + time expressions -> Events.

For each sentence of a story it finds the triggers (triggers.py), assigns the mentioned
actors to sides (roles.py), takes the date and place governing the trigger's clause
(anchoring.py) or else the narrative's, and emits one Event per fact with the rule that
fired. Events of one story that say the same thing (same type, code, date and states) are
merged, keeping every named participant.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from ..actors.countries import default_countries_path, is_igo, read_countries_tsv
from ..model import Actor, Event, Mention, Place, Story, Timex
from ..text import fold
from ..time.lexicon import lexicon as time_lexicon
from .anchoring import fronted, locative, nearby, nearest_governing, nearest_in_sentence, says_before, span_root
from .captions import pictured_sides
from .lexicon import Lexicon, load_lexicon
from .roles import MentionSpan, Sides, find_sides, partner_groups
from .syntax import clause_verb, is_future, is_negated, lemma, relative_clause
from .triggers import FRAME_HEADS, HOLDING_VERBS, MONTHS, YEAR_EDGES, Candidate, find_candidates, framing

# asking or agreeing that something be done: it has not happened yet
REQUEST_HEADS = {"demander", "appeler", "exhorter", "suggerer", "recommander", "volonte", "convenir"}
COMPLEMENT_DEPS = {"xcomp", "ccomp", "obj", "obl:arg", "conj", "acl"}
INTENT_HEADS = {"possibilite", "projet", "intention", "prevoir", "envisager", "vouloir", "souhaiter",
                "compter", "esperer", "promouvoir", "proposer", "decider", "engager", "pret",
                "inviter", "invitation", "annoncer"}
DATELINE_MARK = "(vna)"
_COUNTRIES = read_countries_tsv(default_countries_path())
COUNTRY_NAMES = {c.code: c.english for c in _COUNTRIES}
DATE_VALUE = re.compile(r"^(\d{4}|XXXX)(-\d{2}(-\d{2})?)?$")


def _as_event_date(t: Timex, published: str | None) -> Timex:
    """"Actuellement" (PRESENT_REF) dates an event to the publication date."""
    if t.value == "PRESENT_REF":
        return replace(t, value=published, rule=t.rule + "+present-as-published", confidence=0.6)
    return t


@dataclass
class Anchored:
    root: Token | None
    item: object


@dataclass
class _Narrative:
    """What the story has established so far: the last event's date and place."""

    date: str | None = None
    date_end: str | None = None
    place: Place | None = None
    first_day: str | None = None
    dateline: Place | None = None     # the filing place of "Hanoï (VNA) -", a last resort
    pair: list[Actor] | None = None   # participants of the last event between two states
    donors: list[Actor] | None = None  # the givers of the last gift told
    before_until: int = -1            # "Auparavant, …": its paragraph is told before the story's day
    ended: tuple[str, str] | None = None  # the story's day ends a visit (its first and last days)
    home: str | None = None           # the wire's own state
    headline_end: int = 0             # the headline opening the text: it sets no thread


def _headline_end(story: Story) -> int:
    """Where the story's headline ends when the text opens with it ("Le PM Pham Minh Chinh
    rencontre le président biélorusse"): its event is coded, but the story's thread (date,
    place, the two parties) starts in the body."""
    title = (story.title or "").strip()
    return len(title) if title and story.text.startswith(title) else 0


def _month(value: str | None) -> str | None:
    return value[:7] if value and len(value) >= 7 else value


def _year(value: str | None) -> str | None:
    return value[:4] if value and value[:4].isdigit() else None


def _is_this_year(value: str | None, published: str | None) -> bool:
    return bool(value) and len(value) == 4 and value == _year(published)


def _is_day(value: str | None) -> bool:
    return bool(value) and len(value) == 10


class EventCoder:
    def __init__(self, lexicon: Lexicon | None = None, gazetteer=None):
        self.lexicon = lexicon or load_lexicon()
        self.gazetteer = gazetteer
        self.event_nouns = self.lexicon.event_nouns

    # -- helpers -----------------------------------------------------------------------
    def _mention_spans(self, doc: Doc, mentions: list[Mention]) -> list[MentionSpan]:
        out = []
        for m in mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None and len(span):
                out.append(MentionSpan(m, {t.i for t in span}, span.start))
        out.sort(key=lambda m: m.first)
        return [m for m in out if not _describes_neighbour(m, out, doc)]

    def _places(self, doc: Doc, spans: list[MentionSpan]) -> list[Anchored]:
        if self.gazetteer is None:
            return []
        # a state or city named inside an actor ("Comité Vietnam-Russie", "ambassadeur russe au
        # Vietnam") is not where the event happened, nor is a person's name ("la reine Elizabeth
        # II"); a locative mention ("en Russie") may be
        inside_people = {i for m in spans if "+locative" not in m.actor.rule
                         and (m.actor.country or m.actor.kind == "person") for i in m.tokens}
        out = []
        for start, end, place in self.gazetteer.find(doc.text):
            if doc.text[end:end + 8].strip().lower().startswith(DATELINE_MARK):
                continue  # "Hanoï (VNA) -": where the wire was filed, not where it happened
            root = span_root(doc, start, end)
            if root is None or root.i in inside_people:
                continue
            out.append(Anchored(root, place))
        return out

    def _context(self, sent: Span) -> list[str]:
        words = [fold(t.text) for t in sent] + [lemma(t) for t in sent]
        return [ctx for ctx, cues in self.lexicon.contexts.items()
                if any(w.startswith(c) for w in words for c in cues)]

    @staticmethod
    def _intended(cand: Candidate) -> bool:
        """Is the trigger the content of a wish, plan, request or agreement ("a demandé aux
        deux parties de signer", "ont convenu de …, de négocier et signer le programme")?
        Coordinated verbs are climbed for free: "de négocier et signer" hangs on the first."""
        cur, hops = cand.head, 0
        while hops < 3 and cur.head.i != cur.i:
            if cur.dep_ != "conj":
                hops += 1
            below, cur = cur, cur.head
            if lemma(cur) in INTENT_HEADS and below.dep_ not in ("obl:mod", "advmod"):
                return True   # not a frame: "Lors des rencontres, X a souhaité la bienvenue"
            # a request's or agreement's content, not a frame ("convenu lors de la visite")
            if lemma(cur) in REQUEST_HEADS and below.dep_ in COMPLEMENT_DEPS:
                return True
        return False

    # -- main --------------------------------------------------------------------------
    def code(self, story: Story, doc: Doc, timexes: list[Timex], mentions: list[Mention],
             home: str | None = None) -> list[Event]:
        """The events of one story; `home` is the wire's own state (VNM for VNA copy), the
        receiver of aid that names no receiver."""
        spans = self._mention_spans(doc, mentions)
        timexes = [t for t in resolve_weekdays(timexes) if not _since(doc.text, t)]
        times = [Anchored(span_root(doc, t.start, t.end), _as_event_date(t, story.published)) for t in timexes
                 if t.type == "DATE" and t.value and (DATE_VALUE.match(t.value) or t.value == "PRESENT_REF")
                 and not _is_period(t)]
        times = [a for a in times if not _names_year(a.root)]
        places = self._places(doc, spans)
        story_state = _Narrative(home=home, dateline=_dateline_place(doc, places),
                                 headline_end=_headline_end(story))
        days = [(t.start, t.value) for t in timexes if _is_day(t.value)]
        events: list[Event] = []
        headline: list[Event] = []
        for sent in doc.sents:
            # the fallback date of an undated event: the first day named so far, never a later one
            story_state.first_day = next((v for start, v in days if start < sent.end_char), None)
            in_sent = [m for m in spans if sent.start <= m.first < sent.end]
            earlier = [m for m in spans if m.first < sent.start]
            in_sentence: list[Event] = []
            for cand in find_candidates(sent, self.lexicon):
                sides = find_sides(cand, sent, in_sent, earlier, story_state.pair)
                in_sentence.extend(self._events(story, sent, cand, sides, times, places, story_state))
            if not in_sentence:
                in_sentence.extend(self._pictured(story, sent, in_sent, times, places, story_state))
            if sent.start_char < story_state.headline_end:
                headline.extend(in_sentence)
                continue
            events.extend(_without_contradicted_asides(in_sentence))
        # the headline sums up the body: its events count only where the body tells none
        # between the same states (a crawl that lost the lead keeps only its headline)
        told = {_key(e)[4] for e in events}
        events = [e for e in headline if _key(e)[4] not in told] + events
        return _without_told_again(_merge(_ended_visit_spans(events)))

    def _pictured(self, story, sent, in_sent, times, places, state: _Narrative) -> list[Event]:
        """A caption showing two sides together is their meeting (see events/captions.py),
        on the caption's own day, else the story's."""
        people = pictured_sides(sent.text, [m.actor for m in in_sent])
        if people is None:
            return []
        own = _in_sentence(times, sent)
        if own is not None and own.item.value and not _after(own.item.value, story.published):
            date, date_end, date_rule = own.item.value, own.item.end_value, "date:governing"
        elif state.date or state.first_day:
            date, date_end, date_rule = state.date or state.first_day, None, "date:narrative"
        else:
            date, date_end, date_rule = story.published, None, "date:published"
        where = _in_sentence(places, sent)
        code = self.lexicon.code("040")
        return [Event(
            doc=story.doc, article_id=story.article_id, story_id=story.story_id,
            type=code.type, mode=code.mode, context=sorted(set(filter(None, [code.context]))),
            cameo=code.cameo, score=code.score, date=date, date_end=date_end,
            actors=people, recipients=[], location=where.item if where else None,
            trigger=sent.text.strip(), sentence=sent.text.strip(),
            span=(sent.start_char, sent.end_char), sentence_span=(sent.start_char, sent.end_char),
            published=story.published,
            rule=f"consult.caption;caption;{date_rule}" + (";place:in-caption" if where else ""),
            confidence=round(0.5 * min(a.confidence for a in people), 3))]

    def _events(self, story, sent, cand, sides: Sides, times, places, state: _Narrative) -> list[Event]:
        entry = cand.entry
        # -- when --
        gov = None
        if cand.dated is not None:   # "la visite … en mars 2018": the phrase's own date
            at = cand.dated.idx
            gov = next((a for a in times if a.item.start <= at < a.item.end), None)
            date_rule = "date:own"
        if cand.recent or (cand.announced and gov is None):
            # "le récent appel téléphonique", "la prochaine visite": only "before" or "after
            # the report" is known, not the day of the verb that mentions it
            date_rule = "date:recent" if cand.recent else "date:announced"
        else:
            if gov is None:
                gov = nearest_governing(times, cand, sent, self.event_nouns)
                date_rule = "date:governing"
            if gov is None and _dated_by_host(cand, entry):
                # "a pris livraison lundi de doses offertes par l'Allemagne": the gift is dated
                # by the clause that delivers it; "a quitté Hanoï lundi 16 octobre, terminant
                # sa visite": the participle by the clause it hangs on
                outer = clause_verb(cand.verb.head)
                gov = nearest_governing(times, replace(cand, head=outer, verb=outer, noun=None), sent,
                                        self.event_nouns)
                date_rule = "date:governing"
            if gov is None:
                gov = _frame_date(cand, times)
                date_rule = "date:frame"
            if gov is None:
                gov = fronted(times, sent)
                date_rule = "date:fronted"
            if gov is None:
                gov = nearby(times, cand, sent, self.event_nouns)
                date_rule = "date:nearby"
        future = is_future(cand.verb) or is_future(cand.head) or cand.announced
        if gov is not None and (not gov.item.value or (not future and _after(gov.item.value, story.published))):
            gov = None  # a realised event is not dated after its own report ("vision 2030")
        if gov is not None and cand.dated is None and entry.cameo.startswith("03") \
                and _is_this_year(gov.item.value, story.published) and (state.date or state.first_day):
            # "ont convenu qu'en 2015 et dans les années à venir, …": the report's own year is
            # what was agreed on, not when; the story's day dates the agreement
            gov = None
        date_conf = 1.0
        if gov is not None:
            date, date_end = gov.item.value, gov.item.end_value
            date_conf = gov.item.confidence
            if future:
                date = _forward_if_future(date, story.published, gov.item)
                date_end = date_end and _forward_if_future(date_end, story.published, gov.item)
        elif cand.recent or cand.announced:
            # the report's year: a recent call may fall in the month before, a coming visit
            # in a later month
            date, date_end, date_conf = _year(story.published), None, 0.4
        elif (says_before(sent) or sent.start_char < state.before_until) and (state.date or state.first_day):
            # "Auparavant, X avait rencontré Y" (and the rest of its paragraph): some time
            # before the story's day, in its month
            date, date_end, date_rule, date_conf = _month(state.date or state.first_day), None, \
                "date:before-narrative", 0.6
            if not cand.background and says_before(sent):
                state.before_until = _paragraph_end(story.text, sent.end_char)
        elif state.date:
            date, date_end, date_rule, date_conf = state.date, None, "date:narrative", 0.7
        elif state.first_day:
            date, date_end, date_rule, date_conf = state.first_day, None, "date:story-first-day", 0.6
        else:
            date, date_end, date_rule, date_conf = story.published, None, "date:published", 0.4
        told_day = date
        if gov is None and state.ended and date_rule in ("date:narrative", "date:story-first-day"):
            # "X a terminé le 26 octobre sa visite … Durant son séjour, il s'est entretenu avec
            # Y": told after the visit's last day, the talks fall on one of its days, not that
            # one: the visit's days when they are known, else its month
            first, last = state.ended
            if first < last:
                date, date_end, date_rule = first, last, date_rule + "-visit"
            else:
                date, date_rule, date_conf = _month(date), date_rule + "-month", 0.5
        # -- what --
        if cand.dated is None and _is_day(date) and entry.cameo == "042" and (cand.stay or (
                framing(cand) and _names_its_visit(cand.noun) and not (gov and gov.root in cand.noun.subtree)
                and not _ending(cand.noun))):
            # "Dans le cadre de sa visite en France, X a eu le 6 juin une entrevue": the visit
            # framing the day's event began earlier; without a date of its own only its month
            # is known (a visit already told with its days absorbs it, see _without_told_again)
            date, date_end, date_rule = _month(date), None, date_rule + "-month"
        # a recalled event with its own past date happened, whatever verb frames it ("ont
        # convenu que depuis le deuxième dialogue, tenu en avril 2022, …")
        recalled = cand.dated is not None and gov is not None and not _after(date, story.published)
        intended = (self._intended(cand) and not recalled) or (future and gov is None)
        if intended and not entry.intent and not entry.cameo.startswith("03"):
            return []   # "ont convenu de … signer le programme": no signing has happened
        cameo = entry.intent if (intended and entry.intent) else entry.cameo
        code = self.lexicon.code(cameo)
        mode = entry.mode or code.mode
        # -- where --
        place_item = nearest_governing(places, cand, sent, self.event_nouns)
        place = place_item.item if place_item is not None else None
        place_rule = "place:governing" if place else ""
        if place is None and state.place is not None and told_day == state.date:
            place, place_rule = state.place, "place:narrative"
        if place is None:
            near = nearest_in_sentence(places, cand, sent)
            if near is not None:
                place, place_rule = near.item, "place:nearest-in-sentence"
        if mode == "phone":
            place, place_rule = None, "place:none-for-phone"
        went = _destination(places, cand)
        if went is not None and place is not None and went.country != place.country:
            place, place_rule = went, "place:destination"   # not where the traveller came back to
        # aid goes where the sentence says it went, not where the story's last event was
        # ("a remercié l'Inde pour avoir fourni une aide" in a story filed from Vientiane)
        told_here = place if code.type != "AID" or place_rule != "place:narrative" else None
        recipients = _settle_sides(entry, code.type, sides, went or told_here, state)
        if len({a.country for a in sides.actors + recipients if a.country}) < 2:
            return []  # an interaction needs two identified states (or an IGO) to be coded
        if code.type == "AID" and not any(a.country for a in sides.actors):
            return []  # a gift with no known giver ("le vaccin a été fourni à plus de 70 pays")
        told_place = place
        if place is None and mode != "phone" and state.dateline is not None:
            # "Hanoï (VNA) - Le ministre a reçu l'ambassadeur …" and no place in the story's
            # thread: where the wire filed it, the likeliest place (it decides no side)
            place, place_rule = state.dateline, "place:dateline"
        # -- narrative state for the next events (an event recalled in a noun phrase with
        # its own date, or told in a relative clause ("son homologue X, qui effectue une visite
        # au Vietnam du 27 au 29 août"), is background: the story's thread goes on where it was) --
        aside = cand.verb is not None and relative_clause(cand.verb)
        if not cand.background and not aside and sent.start_char >= state.headline_end:
            if gov is not None and _is_day(date):
                state.date, state.date_end = date, date_end
                state.ended = None
                if _ends_visit(cand):
                    last = date_end or date
                    span = date if date_end else _visit_span(cand.noun, times, last)
                    date, date_end = span or _visit_start(cand.noun, times, last), last
                    # the visit's days go to what it held only when the text gives them as a span
                    state.ended = (span or last, last)
            elif state.date is None and date and not intended:
                state.date = date
            if told_place is not None and mode != "phone":
                state.place = told_place
            told = [a for a in sides.actors + recipients if a.country]
            # "les deux parties" after "a reçu les ambassadeurs d'Égypte, d'Inde et du Chili"
            # is none of them in particular
            state.pair = told if len({a.country for a in told}) == 2 else None
            if code.type == "AID" and not intended:
                state.donors = [a for a in sides.actors if a.country]
        base = Event(
            doc=story.doc, article_id=story.article_id, story_id=story.story_id,
            type=code.type, mode=mode, context=sorted(set(filter(None, [code.context] + self._context(sent)))),
            cameo=code.cameo, score=code.score, date=date, date_end=date_end,
            actors=sides.actors, recipients=recipients, location=place,
            trigger=story.text[cand.span[0]:cand.span[1]], sentence=sent.text.strip(),
            span=cand.span, sentence_span=(sent.start_char, sent.end_char),
            negated=is_negated(cand.verb) or is_negated(cand.head), future=future,
            published=story.published,
            rule=f"{entry.id};{sides.rule};{date_rule};{place_rule}".rstrip(";"),
        )
        actor_conf = min([a.confidence for a in sides.actors + recipients] or [0.5])
        base.confidence = round(0.9 * date_conf * actor_conf * (1.0 if told_place or mode == "phone" else 0.9), 3)
        out = [base]
        if sides.partners:
            side = recipients if sides.split == "recipients" else sides.actors
            own = [a for a in side if all(a not in g for g in sides.partners)]
            others = {a.country for g in sides.partners for a in g}
            out = [replace(base, event_id=f"{base.event_id}-{i}", **{sides.split: own + group},
                           location=_unless_elsewhere(place, others - {a.country for a in group}))
                   for i, group in enumerate(sides.partners)]
        if place_item is not None and recipients and recipients[0].rule.startswith("recipient:place-of-visit"):
            # "des visites officielles à Cuba, en Argentine et en Uruguay": one visit per state
            own = {a.country for a in sides.actors}
            out += [replace(e, event_id=f"{e.event_id}-p{k}", location=other, recipients=[Actor(
                        name=_country_name(other), country=other.country, kind="country",
                        rule=f"recipient:place-of-visit:{other.name}+conjoined", confidence=0.7)])
                    for k, other in enumerate(_conjoined_places(place_item, places, own | {place.country}))
                    for e in list(out)]
        if gov is not None and not future:
            # "deux visites officielles au Vietnam en juin 2014 et en avril 2019": one each
            out += [replace(e, event_id=f"{e.event_id}-d{k}", date=also.value, date_end=also.end_value,
                            rule=e.rule.replace(date_rule, date_rule + "+conjoined", 1))
                    for k, also in enumerate(_conjoined(gov, times, story.published)) for e in list(out)]
        return out


def _in_sentence(items: list[Anchored], sent: Span) -> Anchored | None:
    return next((a for a in items if a.root is not None and sent.start <= a.root.i < sent.end), None)


def _frame_date(cand: Candidate, times) -> Anchored | None:
    """"s'est entretenu avec X en marge du 2e Forum, qui s'est déroulé du 25 au 27 avril": an
    event with no date of its own happened during the gathering framing it, on its dates."""
    verb = cand.verb
    frames = [t for t in verb.subtree if lemma(t) in FRAME_HEADS and t.i > cand.head.i
              and clause_verb(t) == verb]
    if not frames:
        return None
    inside = {t.i for f in frames for t in f.subtree}
    for a in times:
        if a.root is None or not _is_day(a.item.value) or a.root.i < frames[0].i:
            continue
        held = clause_verb(a.root)   # the parser may hang "qui s'est déroulé …" elsewhere
        if a.root.i in inside or (held.dep_ == "acl:relcl" and lemma(held) in HOLDING_VERBS
                                   and clause_verb(held.head) == verb):
            return a
    return None


def _names_year(root: Token | None) -> bool:
    """"le plan de coopération 2020", "le Forum Armée-2019": a bare year hung on a noun
    is part of a name, not a date."""
    return root is not None and root.text.isdigit() and len(root.text) == 4 \
        and root.head.i != root.i and root.head.pos_ in ("NOUN", "PROPN") \
        and not any(c.dep_ == "case" for c in root.children) \
        and fold(root.head.text) not in MONTHS | YEAR_EDGES \
        and not (root.i > 0 and root.doc[root.i - 1].text == "(")   # "François Mitterrand (1993)": a date


def _paragraph_end(text: str, at: int) -> int:
    end = text.find("\n\n", at)
    return len(text) if end < 0 else end


def _conjoined(gov: Anchored, times: list[Anchored], published: str | None) -> list[Timex]:
    """The dates coordinated with the one dating an event ("en juin 2014 et en avril 2019"),
    each a further occurrence; not a range's end, nor a date after the report."""
    return [a.item for a in times
            if a.root is not None and a.root.dep_ == "conj" and a.root.head.i == gov.root.i
            and a.item is not gov.item and a.item.value and not _after(a.item.value, published)]


def _unless_elsewhere(place: Place | None, elsewhere: set) -> Place | None:
    """An event split per partner keeps its place unless the place is another partner's."""
    return None if place is not None and place.country in elsewhere else place


def _conjoined_places(first: Anchored, places: list[Anchored], skip: set) -> list[Place]:
    """The places listed after `first` ("à Cuba, en Argentine et en Uruguay"), one per state
    not in `skip`. Read on the words, not the parse: the parser hangs the list's items on
    the noun, on the verb or on each other."""
    if first.root is None:
        return []
    doc, prev, out = first.root.doc, first.root, []
    for a in sorted((a for a in places if a.root is not None and a.root.i > first.root.i), key=lambda a: a.root.i):
        between = doc[prev.i + 1:a.root.i]
        if not any(t.lower_ in (",", "et") for t in between) or any(t.lower_ not in LIST_WORDS for t in between):
            break
        if a.item.country and a.item.country not in skip:
            skip = skip | {a.item.country}
            out.append(a.item)
        prev = a.root
    return out


# what may stand between two items of a list of places
LIST_WORDS = {",", "et", "en", "à", "au", "aux", "la", "le", "les", "l'", "l’"}


def _dateline_place(doc: Doc, places: list[Anchored]) -> Place | None:
    """The place of the story's opening dateline ("Hanoï." or "Hanoi, 3 septembre." once the
    cleaner has cut "(VNA) -"): a first sentence of a few words, no verb, one place."""
    first = next(iter(doc.sents), None)
    if first is None or len(first) > 8 or any(t.pos_ in ("VERB", "AUX") for t in first):
        return None
    inside = [a.item for a in places if first.start <= a.root.i < first.end]
    return inside[0] if len(inside) == 1 else None


def _settle_sides(entry, event_type: str, sides: Sides, place: Place | None, state: _Narrative) -> list[Actor]:
    """The recipients, once what the text leaves out is filled in from rules: the state of a
    visit's place, the donor the story is about, the wire's home as an unnamed giver or
    receiver of aid; and the sides cleaned of organisations framing a bilateral event, split
    per donor state."""
    aid = event_type == "AID"
    recipients = list(sides.recipients)
    own = {a.country for a in sides.actors}
    foreign = [a for a in recipients if a.country and a.country not in own]
    # "en Russie" is the host of a visit; aid goes where it is delivered
    if (entry.place_is_recipient or aid) and not foreign and place is not None and place.country:
        if place.country not in own:
            recipients = [Actor(name=_country_name(place), country=place.country, kind="country",
                                rule=f"recipient:place-of-visit:{place.name}", confidence=0.8)]
    if aid and recipients and not any(a.country for a in sides.actors) and state.pair \
            and len({a.country for a in recipients}) <= 2:   # not "fourni à plus de 70 pays, dont …"
        # "Le 2e lot de 400.000 doses est arrivé le 2 juillet au Vietnam": the donor the
        # story has been telling about
        taking = {a.country for a in recipients}
        sides.actors = [a for a in (state.donors or state.pair) if a.country and a.country not in taking]
        sides.rule += "+story-pair"
    if aid and recipients and not any(a.country for a in sides.actors) and state.home \
            and len({a.country for a in recipients}) <= 2 and all(a.country != state.home for a in recipients):
        # "Une cérémonie de remise d'équipements médicaux au gouvernement et au peuple
        # cambodgiens a eu lieu le 20 mai à Hanoï": in the wire's own copy, an unnamed giver is at home
        sides.actors = [Actor(name=COUNTRY_NAMES.get(state.home, state.home), country=state.home, kind="country",
                              rule="giver:home-country", confidence=0.5)]
    givers = {a.country for a in sides.actors if a.country}
    if aid and not recipients and state.home and givers and state.home not in givers:
        # "KOICA a fait don de 6,3 millions de seringues à l'Institut national d'hygiène":
        # in the wire's own copy, an unnamed receiver is at home
        recipients = [Actor(name=COUNTRY_NAMES.get(state.home, state.home), country=state.home, kind="country",
                            rule="recipient:home-country", confidence=0.5)]
    nations = {a.country for a in sides.actors + recipients if a.country and not is_igo(a.country)}
    if len(nations) >= 2:
        # "lors du sommet du G20, il a eu une rencontre avec X", "Anwar Ibrahim, en tant que
        # président de l'ASEAN": between two states, an organisation names the frame
        sides.actors = [a for a in sides.actors if not is_igo(a.country)]
        recipients = [a for a in recipients if not is_igo(a.country)]
    if entry.roles == "directed" and not sides.partners:
        # "des doses accordées par la Pologne et la Corée au Vietnam": one gift from each
        sides.partners, sides.split = partner_groups(sides.actors, recipients), "actors"
    if entry.roles == "directed" and not sides.partners:
        # "une visite de travail en Biélorussie et en Russie": one visit to each state
        sides.partners, sides.split = partner_groups(recipients, sides.actors), "recipients"
    return recipients


END_WORDS = {"issue", "terme", "fin", "cloture", "conclusion"}


def _ending(noun: Token) -> bool:
    """"rentré le 12 juillet, à l'issue de sa visite en Chine": the clause's day is the
    visit's last, a day it did take place on."""
    return noun.dep_ == "nmod" and fold(noun.head.lemma_) in END_WORDS


ENDING_VERBS = {"terminer", "achever", "conclure", "clore", "cloturer"}
STARTING_VERBS = {"entamer", "commencer", "debuter"}


def _ends_visit(cand: Candidate) -> bool:
    """"a quitté Hanoï le 16 octobre, terminant sa visite", "a terminé le 26 octobre sa
    visite", "de retour … à l'issue de sa visite": the day told is the visit's last."""
    return cand.entry.cameo == "042" and cand.noun is not None and (
        lemma(cand.verb) in ENDING_VERBS or _ending(cand.noun))


def _visit_span(noun: Token, times, last: str) -> str | None:
    """"leur visite d'État, du 31 août au 2 septembre": the first day of a span given inside
    the visit's phrase and ending on its last day."""
    inside = {t.i for t in noun.subtree}
    return next((a.item.value for a in times if a.root is not None and a.root.i in inside
                 and a.item.end_value == last and _is_day(a.item.value)), None)


def _visit_start(noun: Token, times, last: str) -> str:
    """The first day of a visit told at its end: "sa visite … entamée le 30 novembre",
    "sa visite officielle de deux jours"; else its last day stands for it."""
    for c in noun.sent:
        if c.i > noun.i and lemma(c) in STARTING_VERBS and "Part" in c.morph.get("VerbForm"):
            inside = {t.i for t in c.subtree}
            start = next((a.item.value for a in times if a.root is not None and a.root.i in inside
                          and _is_day(a.item.value) and a.item.value <= last), None)
            if start:
                return start
        if c.head == noun and c.dep_ == "nmod" and lemma(c) == "jour" and any(g.lower_ == "de" for g in c.children if g.dep_ == "case"):
            n = next((_small_number(g) for g in c.children if g.dep_ == "nummod"), None)
            if n:
                return (dt.date.fromisoformat(last) - dt.timedelta(days=n - 1)).isoformat()
    return last


def _small_number(tok: Token) -> int | None:
    """"deux", "3": a visit's length in days (the number words are the time lexicon's)."""
    n = time_lexicon().number(tok.text)
    return n if n is not None and 1 <= n <= 15 else None


def _destination(places, cand) -> Place | None:
    """"à l'issue de leur visite officielle en Chine", said of a return to Hanoï: the place
    the visit noun names is where it went, whatever place its clause is in."""
    if cand.noun is None or not (cand.entry.place_is_recipient or cand.entry.cameo == "042"):
        return None
    return next((it.item for it in places
                 if it.root is not None and it.root.head == cand.noun and it.root.dep_ == "nmod"
                 and locative(it.root)), None)


def _dated_by_host(cand, entry) -> bool:
    """A gift participle ("des doses offertes par …") or a present participle with no subject
    of its own ("…, terminant sa visite") happens when the clause it hangs on does."""
    verb = cand.verb
    if verb.dep_ == "acl":
        return entry.is_gift
    return (verb.dep_ == "advcl" and "Part" in verb.morph.get("VerbForm")
            and "Pres" in verb.morph.get("Tense")
            and not any(c.dep_.startswith("nsubj") for c in verb.children))


def _names_its_visit(noun: Token) -> bool:
    """"sa visite", "la visite au Laos de X": a visit of its own, not "la visite" told before."""
    return any(c.dep_ == "nmod" or (c.dep_ == "det" and "Yes" in c.morph.get("Poss"))
               for c in noun.children)


def _describes_neighbour(m: MentionSpan, spans: list[MentionSpan], doc: Doc) -> bool:
    """An unnamed office set off by commas next to a named person ("son homologue cambodgien,
    président de l'ASEAN 2022, Samdech Techo Hun Sen") describes that person."""
    a = m.actor
    if a.kind != "person" or a.name:
        return False
    lo, hi = min(m.tokens), max(m.tokens)
    for n in spans:
        if n is m or n.actor.kind != "person" or not n.actor.name:
            continue
        gap = range(hi + 1, min(n.tokens)) if min(n.tokens) > hi else range(max(n.tokens) + 1, lo)
        if len(gap) <= 2 and all(doc[i].is_punct or doc[i].pos_ == "DET" for i in gap):
            return True
    return False


def _since(text: str, t: Timex) -> bool:
    """"depuis 2020" starts a state of affairs; it does not date an event. A day does: "effectue
    depuis samedi 2 mars une visite au Japon" is a visit begun that day."""
    if _is_day(t.value):
        return False
    return fold(text[max(0, t.start - 8):t.start]).rstrip().endswith(("depuis", "des"))


def _forward_if_future(value: str, published: str | None, timex: Timex) -> str:
    """A future event dated by a day or month without its year ("se rendra en novembre",
    published in July 2017) lies after the report: move the inferred year forward."""
    if not published or not value or not value[:4].isdigit() or re.search(r"\b\d{4}\b", timex.text):
        return value
    n = min(len(value), len(published))
    if value[:n] < published[:n]:
        return f"{int(value[:4]) + 1:04d}{value[4:]}"
    return value


def _is_period(t: Timex) -> bool:
    """"la période 2020-2024": a span of years frames a policy, it does not date an event."""
    return bool(t.end_value) and len(t.value or "") == 4 and t.end_value != t.value


WEEKDAYS = {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6}


def resolve_weekdays(timexes: list[Timex]) -> list[Timex]:
    """"vendredi" in an article dated only by month: the one day of the story's known days
    (single days and ranges such as "du 12 au 14 mai") that falls on a Friday; with none, the
    last Friday on or before the first day the story names (a dateline's filing day)."""
    known: set[dt.date] = set()
    for t in timexes:
        for v in (t.value, t.end_value):
            if v and len(v) == 10 and v[0].isdigit():
                known.add(dt.date.fromisoformat(v))
        if t.end_value and len(t.value or "") == 10 and len(t.end_value) == 10 and t.value[0].isdigit():
            a, b = dt.date.fromisoformat(t.value), dt.date.fromisoformat(t.end_value)
            known |= {a + dt.timedelta(days=i) for i in range(min((b - a).days, 31) + 1)}
    days = [t for t in sorted(timexes, key=lambda t: t.start) if t.value and len(t.value) == 10 and t.value[0].isdigit()]
    first = dt.date.fromisoformat(days[0].value) if days else None
    out = []
    for t in timexes:
        day = next((n for w, n in WEEKDAYS.items() if w in fold(t.text)), None)
        if day is not None and t.value and len(t.value) == 7 and t.value[0].isdigit():
            hits = sorted(d for d in known if d.weekday() == day and d.isoformat()[:7] == t.value)
            if len(hits) == 1:
                t = replace(t, value=hits[0].isoformat(), rule=t.rule + "+weekday-in-story", confidence=0.8)
            elif not hits and first is not None and first.isoformat()[:7] == t.value:
                # "Hanoi, 3 septembre (VNA) – Modi a entamé vendredi sa visite": the last
                # Friday on or before the first day the story names (its filing day)
                d = first - dt.timedelta(days=(first.weekday() - day) % 7)
                t = replace(t, value=d.isoformat(), rule=t.rule + "+weekday-before-filing", confidence=0.6)
        out.append(t)
    return out


def _after(value: str, published: str | None) -> bool:
    """Is `value` later than the publication date, at the precision both share?"""
    if not published or value.startswith("XXXX"):
        return False
    n = min(len(value), len(published))
    return value[:n] > published[:n]


def _country_name(place: Place) -> str:
    if place.kind == "country":
        return place.name
    from ..actors.countries import lookup_country

    found = lookup_country(place.country) if place.country else None
    return found[1] if found else place.country or place.name


def _key(e: Event) -> tuple:
    states = frozenset(a.country for a in e.actors + e.recipients if a.country)
    return (e.type, e.cameo, e.date, e.date_end, states, e.negated)


def _without_contradicted_asides(events: list[Event]) -> list[Event]:
    """Drop a visit told in an aside ("X, en visite au Vietnam du 17 au 20 avril") when the
    sentence's own event falls outside it (a meeting on 12 October): the two dates cannot
    both be right, and the main clause is the one the story is about."""
    def outside(aside: Event, other: Event) -> bool:
        if not (_is_day(other.date) and _is_day(aside.date)):
            return False
        end = aside.date_end or aside.date
        cut = 0 if (aside.date + other.date)[:4].isdigit() and other.date[:4].isdigit() else 5  # XXXX years
        return other.date[cut:] < aside.date[cut:] or other.date[cut:] > end[cut:]

    asides = [e for e in events if ":described" in e.rule]
    return [e for e in events if e not in asides
            or not any(outside(e, o) for o in events if o not in asides)]


def _ended_visit_spans(events: list[Event]) -> list[Event]:
    """"X a terminé mardi 23 janvier sa visite au Vietnam. Durant son séjour, du 20 au 23
    janvier, il s'est entretenu avec Y": a visit known only by its last day takes the first
    day of a span the story gives for its meetings, ending on that day, between the same
    states."""
    for e in events:
        if e.cameo != "042" or not _is_day(e.date) or e.date_end != e.date:
            continue
        states = _key(e)[4]
        first = min((o.date for o in events if o is not e and o.type == e.type and o.date_end == e.date
                     and _is_day(o.date) and o.date < e.date and _key(o)[4] == states), default=None)
        if first is not None:
            parts = e.rule.split(";")
            parts[2:3] = [parts[2] + "+stay-span"] if len(parts) > 2 else []
            e.date, e.rule = first, ";".join(parts)
    return events


def _without_told_again(events: list[Event]) -> list[Event]:
    """An event known only by its month is dropped when the story also tells it with its
    days: a visit framing a day's talks ("dans le cadre de sa visite en France"), or the
    headline above the dateline, dated by nothing but the publication month."""
    def people(e: Event) -> set[str]:
        return {a.name for a in e.actors if a.kind == "person" and a.name}

    def month_only(e: Event) -> bool:
        rule = e.rule.split(";")[2:3]
        return len(e.date or "") == 7 and bool(rule) and (rule[0].endswith("-month") or rule[0] == "date:published")

    def courtesy_call(o: Event) -> bool:
        # "a rendu le 11 octobre une visite de courtoisie au ministre": a call made during
        # the trip, not the trip told with its days
        after = o.sentence[o.span[1] - o.sentence_span[0]:][:24]
        return "courtoisie" in fold(after)

    def told(e: Event) -> bool:
        states, who = _key(e)[4], people(e)
        return any(o is not e and (o.type, o.cameo) == (e.type, e.cameo) and _is_day(o.date)
                   and o.date.startswith(e.date) and _key(o)[4] == states and not courtesy_call(o)
                   and (who & people(o) or not (who or people(o))) for o in events)

    return [e for e in events if not (month_only(e) and told(e))]


def _merge(events: list[Event]) -> list[Event]:
    """Several sentences reporting one fact become one event carrying every named participant."""
    kept: dict[tuple, Event] = {}
    for e in events:
        k = _key(e)
        if k not in kept:
            kept[k] = e
            continue
        first = kept[k]
        for side in ("actors", "recipients"):
            have = {(a.name, a.country) for a in getattr(first, side)}
            for a in getattr(e, side):
                if a.kind != "country" and (a.name, a.country) not in have:
                    getattr(first, side).append(a)
                    have.add((a.name, a.country))
        if first.location is None and e.location is not None:
            first.location = e.location
    return list(kept.values())
