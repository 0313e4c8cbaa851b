"""The one data model that flows through every stage.

ingest -> Article (raw text as read) -> clean -> Story (cleaned text + map back to raw)
-> nlp (spaCy Doc) -> time (Timex) -> actors (Mention/Actor) -> events (Event) -> places
-> store. Each stage reads and writes these plain dataclasses, so a stage can be tested,
replaced or run on another machine (Dask) without knowing the others.
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any


def content_hash(text: str) -> str:
    """Stable id of an article: the same bytes always give the same id (idempotent ingest)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass
class Article:
    """One input document as read, before any cleaning.

    `raw` is the whole text as read from the file (header line included), so offsets that
    point into it are offsets "into the file as read". `body_start` is where the body begins
    after a ` date YYYY[-MM[-DD]]` header line, if any.
    """

    doc: str                      # path or name of the input it came from
    raw: str
    published: str | None = None  # "YYYY", "YYYY-MM" or "YYYY-MM-DD"
    title: str | None = None
    url: str | None = None
    body_start: int = 0
    lang: str | None = None
    id: str = ""
    source_id: str | None = None  # the id the source gave (jsonl `id`), if any

    def __post_init__(self) -> None:
        if not self.id:
            self.id = content_hash(self.raw)


@dataclass
class Story:
    """A unit of coding: the main story of an article, or one teaser from its "Voir plus" block.

    `offsets[i]` is the position in `Article.raw` of character `i` of `text` (characters the
    cleaner inserted, such as a space between glued words, map to their left neighbour).
    Teasers carry `published=None`: they are unrelated items and inherit no date.
    """

    article_id: str
    story_id: str
    doc: str
    text: str
    offsets: list[int]
    published: str | None = None
    title: str | None = None
    is_teaser: bool = False

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the cleaned text back to the raw text."""
        if not self.offsets:
            return start, end
        s = self.offsets[min(start, len(self.offsets) - 1)]
        e = self.offsets[min(max(end - 1, 0), len(self.offsets) - 1)] + 1
        return s, e


@dataclass
class Timex:
    """A resolved time expression.

    `value` is ISO-TimeML style: "2023-07-06", "2023-07", "2023", "XXXX-07-06" when the year
    is unknown. A range ("du 5 au 7 juillet") has `value` = first day and `end_value` = last.
    """

    start: int
    end: int
    text: str
    value: str | None
    end_value: str | None = None
    type: str = "DATE"            # DATE, TIME, DURATION, SET
    rule: str = ""                # which rule produced it (explainability)
    confidence: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Actor:
    """A resolved participant: a person, a body, or a state.

    `actor_id` names the dictionary entry that resolved it ("" when nothing did), `rule` the
    rule or entry that fired, so every decision can be traced and changed in a data file.
    """

    name: str | None = None       # canonical person or body name, ASCII-folded for persons
    country: str | None = None    # ISO 3166 alpha-3, or an IGO acronym (ASEAN, UN)
    sector: str | None = None     # GOV, MIL, DIP, LEG, ...
    title: str | None = None      # office held on the event date
    actor_id: str | None = None
    kind: str = "person"          # person, org, country, group
    rule: str = ""
    confidence: float = 1.0
    members: list["Actor"] = field(default_factory=list)  # kind="group": the actors it stands for

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Mention:
    """Where an actor is mentioned in a story's cleaned text."""

    start: int
    end: int
    text: str
    actor: Actor


@dataclass
class Place:
    name: str                     # English exonym (gazetteer name)
    country: str | None = None    # ISO3
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    kind: str = "city"            # city, country
    rule: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Event:
    """One coded event. The JSON Lines record and the DuckDB row have the same fields."""

    doc: str
    article_id: str
    story_id: str
    type: str                     # PLOVER event type
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    cameo: str | None = None
    score: float | None = None    # cooperation score (PLOVER/Goldstein-style scale)
    date: str | None = None
    date_end: str | None = None
    actors: list[Actor] = field(default_factory=list)
    recipients: list[Actor] = field(default_factory=list)
    location: Place | None = None
    trigger: str = ""
    sentence: str = ""
    span: tuple[int, int] = (0, 0)  # trigger span in the story's cleaned text
    sentence_span: tuple[int, int] = (0, 0)
    confidence: float = 1.0
    negated: bool = False
    future: bool = False
    published: str | None = None
    rule: str = ""                # the lexicon entry that fired
    event_id: str = ""

    def __post_init__(self) -> None:
        if not self.event_id:
            key = f"{self.story_id}|{self.span[0]}|{self.span[1]}|{self.type}"
            self.event_id = hashlib.sha1(key.encode()).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["span"] = list(self.span)
        d["sentence_span"] = list(self.sentence_span)
        return d
