"""Chains the stages for one article: clean -> nlp -> time -> actors -> events -> places.

Contract used by the engines and the store:
    result = Pipeline().process(article)        # ArticleResult
    for r in Pipeline().process_many(articles): # streams, batches spaCy internally
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Iterator

from .model import Article, Event, Mention, Story, Timex


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


class Pipeline:
    """Placeholder until the stages land; returns no events."""

    def process(self, article: Article) -> ArticleResult:
        return next(self.process_many([article]))

    def process_many(self, articles: Iterable[Article], batch_size: int = 32) -> Iterator[ArticleResult]:
        for a in articles:
            yield ArticleResult(article=a)
