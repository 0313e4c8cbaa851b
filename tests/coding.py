"""Helpers for the event tests: code a text written for a test through the whole pipeline,
and read its events as the scorer does, (type, date, set of known countries) triples."""
from __future__ import annotations

from annales.model import Article


def code_text(pipeline, text: str, published: str | None) -> list[dict]:
    raw = (f" date {published}\n" if published else "") + text
    body_start = raw.index("\n") + 1 if published else 0
    article = Article(doc="t.txt", raw=raw, published=published, body_start=body_start)
    return [e.to_dict() for e in pipeline.process(article).events]


def triples(events: list[dict]) -> set[tuple]:
    return {(e["type"], e["date"], frozenset(a["country"] for a in e["actors"] + e["recipients"] if a["country"]))
            for e in events}
