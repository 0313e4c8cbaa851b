"""Table definitions and the one mapping between `Event` objects and flat rows.

Used by `Store` (DuckDB) and by the engines' Parquet writer, so the DuckDB `events` table,
`Store.export("parquet")` and the Dask Parquet parts all have the same columns.
"""
from __future__ import annotations

import unicodedata
from dataclasses import fields
from typing import Any, Iterable

import pyarrow as pa

from ..model import Actor, Event, Place

SCHEMA_VERSION = 1

# (column, DuckDB type, Arrow type)
ARTICLE_COLUMNS: list[tuple[str, str, pa.DataType]] = [
    ("article_id", "VARCHAR PRIMARY KEY", pa.string()),
    ("doc", "VARCHAR", pa.string()),
    ("source_id", "VARCHAR", pa.string()),
    ("published", "VARCHAR", pa.string()),
    ("title", "VARCHAR", pa.string()),
    ("url", "VARCHAR", pa.string()),
    ("lang", "VARCHAR", pa.string()),
    ("content_hash", "VARCHAR", pa.string()),
    ("n_chars", "INTEGER", pa.int32()),
    ("n_stories", "INTEGER", pa.int32()),
    ("n_events", "INTEGER", pa.int32()),
    ("ingested_at", "TIMESTAMPTZ", pa.timestamp("us", tz="UTC")),
    ("skipped", "VARCHAR", pa.string()),
]

STORY_COLUMNS: list[tuple[str, str, pa.DataType]] = [
    ("story_id", "VARCHAR PRIMARY KEY", pa.string()),
    ("article_id", "VARCHAR NOT NULL", pa.string()),
    ("doc", "VARCHAR", pa.string()),
    ("is_teaser", "BOOLEAN", pa.bool_()),
    ("published", "VARCHAR", pa.string()),
    ("title", "VARCHAR", pa.string()),
    ("text", "VARCHAR", pa.string()),
]

EVENT_COLUMNS: list[tuple[str, str, pa.DataType]] = [
    ("event_id", "VARCHAR PRIMARY KEY", pa.string()),
    ("article_id", "VARCHAR NOT NULL", pa.string()),
    ("story_id", "VARCHAR NOT NULL", pa.string()),
    ("doc", "VARCHAR", pa.string()),
    ("type", "VARCHAR", pa.string()),
    ("mode", "VARCHAR", pa.string()),
    ("context", "VARCHAR[]", pa.list_(pa.string())),
    ("cameo", "VARCHAR", pa.string()),
    ("score", "DOUBLE", pa.float64()),
    ("date", "VARCHAR", pa.string()),
    ("date_end", "VARCHAR", pa.string()),
    ("trigger", "VARCHAR", pa.string()),
    ("sentence", "VARCHAR", pa.string()),
    ("span_start", "INTEGER", pa.int32()),
    ("span_end", "INTEGER", pa.int32()),
    ("sentence_start", "INTEGER", pa.int32()),
    ("sentence_end", "INTEGER", pa.int32()),
    ("confidence", "DOUBLE", pa.float64()),
    ("negated", "BOOLEAN", pa.bool_()),
    ("future", "BOOLEAN", pa.bool_()),
    ("published", "VARCHAR", pa.string()),
    ("rule", "VARCHAR", pa.string()),
    ("location_name", "VARCHAR", pa.string()),
    ("location_country", "VARCHAR", pa.string()),
    ("lat", "DOUBLE", pa.float64()),
    ("lon", "DOUBLE", pa.float64()),
    ("location_geonameid", "BIGINT", pa.int64()),
    ("location_kind", "VARCHAR", pa.string()),
    ("location_rule", "VARCHAR", pa.string()),
]

ACTOR_FIELDS: list[tuple[str, str, pa.DataType]] = [
    ("name", "VARCHAR", pa.string()),
    ("country", "VARCHAR", pa.string()),
    ("sector", "VARCHAR", pa.string()),
    ("title", "VARCHAR", pa.string()),
    ("actor_id", "VARCHAR", pa.string()),
    ("kind", "VARCHAR", pa.string()),
    ("rule", "VARCHAR", pa.string()),
    ("confidence", "DOUBLE", pa.float64()),
]

EVENT_ACTOR_COLUMNS: list[tuple[str, str, pa.DataType]] = [
    ("event_id", "VARCHAR NOT NULL", pa.string()),
    ("role", "VARCHAR NOT NULL", pa.string()),   # 'actor' | 'recipient'
    ("position", "INTEGER NOT NULL", pa.int32()),
    *ACTOR_FIELDS,
]

ACTOR_STRUCT = pa.struct([(n, t) for n, _, t in ACTOR_FIELDS])
# The flat, self-contained event record used for Parquet (store export and Dask parts):
# the `events` columns plus the participants as nested lists.
EVENT_PARQUET_SCHEMA = pa.schema(
    [(n, t) for n, _, t in EVENT_COLUMNS]
    + [("actors", pa.list_(ACTOR_STRUCT)), ("recipients", pa.list_(ACTOR_STRUCT))]
)


def _ddl(table: str, cols: list[tuple[str, str, Any]], extra: str = "") -> str:
    body = ",\n  ".join(f'"{n}" {t}' for n, t, _ in cols)
    return f"CREATE TABLE IF NOT EXISTS {table} (\n  {body}{extra}\n)"


_ACTOR_STRUCT_SQL = ", ".join(f'"{n}" := a."{n}"' for n, _, _ in ACTOR_FIELDS)


def _participants_sql(role: str) -> str:
    return (
        f"coalesce((SELECT list(struct_pack({_ACTOR_STRUCT_SQL}) ORDER BY a.position) "
        f"FROM event_actors a WHERE a.event_id = e.event_id AND a.role = '{role}'), [])"
    )


DDL = [
    "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)",
    _ddl("articles", ARTICLE_COLUMNS),
    _ddl("stories", STORY_COLUMNS),
    _ddl("events", EVENT_COLUMNS),
    _ddl("event_actors", EVENT_ACTOR_COLUMNS, ',\n  PRIMARY KEY (event_id, role, "position")'),
    # events with their participants nested: what Parquet exports contain
    "CREATE OR REPLACE VIEW events_full AS SELECT e.*, "
    f"{_participants_sql('actor')} AS actors, {_participants_sql('recipient')} AS recipients "
    "FROM events e",
]


# ----------------------------------------------------------------------------- rows

def event_row(ev: Event) -> dict[str, Any]:
    loc: Place | None = ev.location
    return {
        "event_id": ev.event_id,
        "article_id": ev.article_id,
        "story_id": ev.story_id,
        "doc": ev.doc,
        "type": ev.type,
        "mode": ev.mode,
        "context": list(ev.context or []),
        "cameo": ev.cameo,
        "score": None if ev.score is None else float(ev.score),
        "date": ev.date,
        "date_end": ev.date_end,
        "trigger": ev.trigger,
        "sentence": ev.sentence,
        "span_start": int(ev.span[0]),
        "span_end": int(ev.span[1]),
        "sentence_start": int(ev.sentence_span[0]),
        "sentence_end": int(ev.sentence_span[1]),
        "confidence": float(ev.confidence),
        "negated": bool(ev.negated),
        "future": bool(ev.future),
        "published": ev.published,
        "rule": ev.rule,
        "location_name": loc.name if loc else None,
        "location_country": loc.country if loc else None,
        "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None,
        "location_geonameid": loc.geonameid if loc else None,
        "location_kind": loc.kind if loc else None,
        "location_rule": loc.rule if loc else None,
    }


def actor_struct(a: Actor) -> dict[str, Any]:
    d = {n: getattr(a, n) for n, _, _ in ACTOR_FIELDS}
    d["confidence"] = float(a.confidence)
    return d


def actor_rows(ev: Event) -> list[dict[str, Any]]:
    rows = []
    for role, people in (("actor", ev.actors), ("recipient", ev.recipients)):
        for i, a in enumerate(people):
            rows.append({"event_id": ev.event_id, "role": role, "position": i, **actor_struct(a)})
    return rows


def to_arrow(rows: list[dict[str, Any]], cols: list[tuple[str, str, pa.DataType]]) -> pa.Table:
    schema = pa.schema([(n, t) for n, _, t in cols])
    return pa.Table.from_pylist(rows, schema=schema)


def events_parquet_table(events: Iterable[Event]) -> pa.Table:
    """Events as the flat Parquet record (`EVENT_PARQUET_SCHEMA`)."""
    rows = []
    for ev in events:
        r = event_row(ev)
        r["actors"] = [actor_struct(a) for a in ev.actors]
        r["recipients"] = [actor_struct(a) for a in ev.recipients]
        rows.append(r)
    return pa.Table.from_pylist(rows, schema=EVENT_PARQUET_SCHEMA)


_EVENT_KEYS = [f.name for f in fields(Event)]
_PLACE_KEYS = [f.name for f in fields(Place)]


def record_from_row(row: dict[str, Any]) -> dict[str, Any]:
    """A row of `events_full` back to the exact shape of `Event.to_dict()`."""
    loc = None
    if row.get("location_name") is not None:
        loc = {
            "name": row["location_name"], "country": row["location_country"],
            "lat": row["lat"], "lon": row["lon"], "geonameid": row["location_geonameid"],
            "kind": row["location_kind"], "rule": row["location_rule"],
        }
        loc = {k: loc[k] for k in _PLACE_KEYS}
    d: dict[str, Any] = {}
    for k in _EVENT_KEYS:
        if k == "span":
            d[k] = [row["span_start"], row["span_end"]]
        elif k == "sentence_span":
            d[k] = [row["sentence_start"], row["sentence_end"]]
        elif k == "location":
            d[k] = loc
        elif k in ("actors", "recipients"):
            d[k] = [dict(a) for a in (row.get(k) or [])]
        elif k == "context":
            d[k] = list(row.get("context") or [])
        else:
            d[k] = row[k]
    return d


def fold(text: str) -> str:
    """Lower case without accents: matches DuckDB's `strip_accents(lower(x))`."""
    t = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in t if not unicodedata.combining(c))
