"""Table definitions and the one mapping between `Event` objects and flat rows.

Used by `Store` (DuckDB) and by the engines' Parquet writer, so the DuckDB `events` table,
`Store.export("parquet")` and the Dask Parquet parts all have the same columns.
"""
from __future__ import annotations

import json
import unicodedata
from dataclasses import MISSING, asdict, fields, is_dataclass
from typing import Any, Iterable

import pyarrow as pa

from ..model import Actor, Event, Mention, Place

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

_EVENT_MAPPED = {"doc", "article_id", "story_id", "type", "mode", "context", "cameo", "score",
                 "date", "date_end", "actors", "recipients", "location", "trigger", "sentence",
                 "span", "sentence_span", "confidence", "negated", "future", "published", "rule",
                 "event_id"}
_PLACE_MAPPED = {"name": "location_name", "country": "location_country", "lat": "lat",
                 "lon": "lon", "geonameid": "location_geonameid", "kind": "location_kind",
                 "rule": "location_rule"}


def _auto_type(annotation: Any) -> tuple[str, pa.DataType, bool]:
    """(DuckDB type, Arrow type, stored as JSON text) for a dataclass field annotation."""
    t = str(annotation)
    if "list" in t or "dict" in t or "tuple" in t:
        return "VARCHAR", pa.string(), True
    if "bool" in t:
        return "BOOLEAN", pa.bool_(), False
    if "float" in t:
        return "DOUBLE", pa.float64(), False
    if "int" in t:
        return "BIGINT", pa.int64(), False
    return "VARCHAR", pa.string(), False


# Fields added to Event / Place after schema v1 get a column of their own (JSON for lists).
EXTRA_EVENT_FIELDS: list[str] = []
EXTRA_PLACE_FIELDS: list[str] = []
JSON_EVENT_COLUMNS: set[str] = set()
for _f in fields(Event):
    if _f.name not in _EVENT_MAPPED:
        _sql, _arrow, _json = _auto_type(_f.type)
        EVENT_COLUMNS.append((_f.name, _sql, _arrow))
        EXTRA_EVENT_FIELDS.append(_f.name)
        if _json:
            JSON_EVENT_COLUMNS.add(_f.name)
for _f in fields(Place):
    if _f.name not in _PLACE_MAPPED:
        _sql, _arrow, _json = _auto_type(_f.type)
        _PLACE_MAPPED[_f.name] = f"location_{_f.name}"
        EVENT_COLUMNS.append((f"location_{_f.name}", _sql, _arrow))
        EXTRA_PLACE_FIELDS.append(_f.name)
        if _json:
            JSON_EVENT_COLUMNS.add(f"location_{_f.name}")

# Participant fields follow the `Actor` dataclass, so a field added to the model is stored
# without touching this module; list fields (`members`: the actors of a group) are JSON text.
ACTOR_FIELDS: list[tuple[str, str, pa.DataType]] = []
ACTOR_JSON_FIELDS: set[str] = set()
for _f in fields(Actor):
    _sql, _arrow, _json = _auto_type(_f.type)
    ACTOR_FIELDS.append((_f.name, _sql, _arrow))
    if _json:
        ACTOR_JSON_FIELDS.add(_f.name)

EVENT_ACTOR_COLUMNS: list[tuple[str, str, pa.DataType]] = [
    ("event_id", "VARCHAR NOT NULL", pa.string()),
    ("role", "VARCHAR NOT NULL", pa.string()),   # 'actor' | 'recipient'
    ("position", "INTEGER NOT NULL", pa.int32()),
    *ACTOR_FIELDS,
]

# One row per actor mention of a story (`StoryResult.mentions`): offsets into the story's
# cleaned text, then the resolved `Actor` fields (as in event_actors).
MENTION_COLUMNS: list[tuple[str, str, pa.DataType]] = [
    ("mention_id", "VARCHAR PRIMARY KEY", pa.string()),
    ("article_id", "VARCHAR NOT NULL", pa.string()),
    ("story_id", "VARCHAR NOT NULL", pa.string()),
    ("start", "INTEGER", pa.int32()),
    ("end", "INTEGER", pa.int32()),
    ("text", "VARCHAR", pa.string()),
    *ACTOR_FIELDS,
]

# One evidence row per person mention whose office was read in the text (see
# `office_evidence`): the mention, the office and the date it is evidence for.
OFFICE_COLUMNS: list[tuple[str, str, pa.DataType]] = [
    ("mention_id", "VARCHAR PRIMARY KEY", pa.string()),
    ("name", "VARCHAR", pa.string()),
    ("actor_id", "VARCHAR", pa.string()),
    ("country", "VARCHAR", pa.string()),
    ("title", "VARCHAR", pa.string()),
    ("sector", "VARCHAR", pa.string()),
    ("office", "VARCHAR", pa.string()),          # offices.yaml key named by the rule, if any
    ("basis", "VARCHAR", pa.string()),           # 'text' | 'text+dictionary'
    ("evidence_date", "VARCHAR", pa.string()),
    ("date_source", "VARCHAR", pa.string()),     # 'event' | 'story' | 'article' | NULL
    ("article_id", "VARCHAR NOT NULL", pa.string()),
    ("story_id", "VARCHAR NOT NULL", pa.string()),
    ("start", "INTEGER", pa.int32()),
    ("end", "INTEGER", pa.int32()),
    ("text", "VARCHAR", pa.string()),
    ("rule", "VARCHAR", pa.string()),
    ("confidence", "DOUBLE", pa.float64()),
]

TABLES = {
    "articles": ARTICLE_COLUMNS, "stories": STORY_COLUMNS,
    "events": EVENT_COLUMNS, "event_actors": EVENT_ACTOR_COLUMNS,
    "mentions": MENTION_COLUMNS, "offices_learned": OFFICE_COLUMNS,
}

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
    _ddl("mentions", MENTION_COLUMNS),
    _ddl("offices_learned", OFFICE_COLUMNS),
    # events with their participants nested: what Parquet exports contain
    "CREATE OR REPLACE VIEW events_full AS SELECT e.*, "
    f"{_participants_sql('actor')} AS actors, {_participants_sql('recipient')} AS recipients "
    "FROM events e",
]


# ----------------------------------------------------------------------------- rows

def event_row(ev: Event) -> dict[str, Any]:
    loc: Place | None = ev.location
    row = {
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
    for name in EXTRA_EVENT_FIELDS:
        row[name] = _maybe_json(name in JSON_EVENT_COLUMNS, getattr(ev, name))
    for name in EXTRA_PLACE_FIELDS:
        col = f"location_{name}"
        row[col] = _maybe_json(col in JSON_EVENT_COLUMNS, getattr(loc, name)) if loc else None
    return row


def _maybe_json(as_json: bool, value: Any) -> Any:
    if not as_json:
        return value
    if is_dataclass(value):
        value = asdict(value)
    elif isinstance(value, (list, tuple)):
        value = [asdict(v) if is_dataclass(v) else v for v in value]
    return json.dumps(value, ensure_ascii=False)


def actor_struct(a: Actor) -> dict[str, Any]:
    d = {n: _maybe_json(n in ACTOR_JSON_FIELDS, getattr(a, n)) for n, _, _ in ACTOR_FIELDS}
    d["confidence"] = float(a.confidence)
    return d


def actor_rows(ev: Event) -> list[dict[str, Any]]:
    rows = []
    for role, people in (("actor", ev.actors), ("recipient", ev.recipients)):
        for i, a in enumerate(people):
            rows.append({"event_id": ev.event_id, "role": role, "position": i, **actor_struct(a)})
    return rows


def mention_row(m: Mention, article_id: str, story_id: str) -> dict[str, Any]:
    from .offices import mention_id

    return {"mention_id": mention_id(story_id, m.start, m.end), "article_id": article_id,
            "story_id": story_id, "start": int(m.start), "end": int(m.end), "text": m.text,
            **actor_struct(m.actor)}


def mention_from_row(row: dict[str, Any]) -> dict[str, Any]:
    """A `mentions` row as {mention_id, article_id, story_id, start, end, text, actor: Actor dict}."""
    actor = _actor_back({n: row[n] for n, _, _ in ACTOR_FIELDS if n in row})
    return {k: row[k] for k in ("mention_id", "article_id", "story_id", "start", "end", "text")} | {
        "actor": actor}


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


_EVENT_FIELDS = {f.name: f for f in fields(Event)}
_ACTOR_DEFAULTS = {
    f.name: (f.default_factory if f.default_factory is not MISSING else (lambda v=f.default: v))
    for f in fields(Actor)
}


def _default(f: Any) -> Any:
    if f.default_factory is not MISSING:
        return f.default_factory()
    return None if f.default is MISSING else f.default


def _actor_back(a: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for name, make in _ACTOR_DEFAULTS.items():
        if name not in a:           # a database written before the field existed
            out[name] = make()
        elif name in ACTOR_JSON_FIELDS:
            out[name] = json.loads(a[name]) if a[name] is not None else make()
        else:
            out[name] = a[name]
    return out


def record_from_row(row: dict[str, Any]) -> dict[str, Any]:
    """A row of `events_full` back to the exact shape of `Event.to_dict()`."""
    def col(name: str, json_col: bool = False, default: Any = None) -> Any:
        if name not in row:
            return default
        v = row[name]
        return json.loads(v) if (json_col and v is not None) else v

    loc = None
    if row.get("location_name") is not None:
        loc = {}
        for f in fields(Place):
            c = _PLACE_MAPPED[f.name]
            loc[f.name] = col(c, c in JSON_EVENT_COLUMNS, _default(f))
    d: dict[str, Any] = {}
    for k, f in _EVENT_FIELDS.items():
        if k == "span":
            d[k] = [row["span_start"], row["span_end"]]
        elif k == "sentence_span":
            d[k] = [row["sentence_start"], row["sentence_end"]]
        elif k == "location":
            d[k] = loc
        elif k in ("actors", "recipients"):
            d[k] = [_actor_back(dict(a)) for a in (row.get(k) or [])]
        elif k == "context":
            d[k] = list(row.get("context") or [])
        else:
            d[k] = col(k, k in JSON_EVENT_COLUMNS, _default(f))
    return d


def fold(text: str) -> str:
    """Lower case without accents: matches DuckDB's `strip_accents(lower(x))`."""
    t = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in t if not unicodedata.combining(c))
