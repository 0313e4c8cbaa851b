"""store stage: coded articles in one DuckDB file, exportable as JSON Lines, CSV or Parquet.

    with Store("events.duckdb") as db:
        db.add(result)                      # one transaction; False if already stored
        db.events(dyad=("VNM", "RUS"), since="2023-07")
        db.export("parquet", "events.parquet")

Schema (version 1, in `meta.schema_version`; column lists in `annales.store.schema`):

articles      one row per input article, also those the pipeline skipped
  article_id PK (`Article.id`, the content hash), doc, source_id (the id the input gave,
  e.g. jsonl `id`), published,
  title, url, lang, content_hash (sha256[:16] of raw text), n_chars (len of raw),
  n_stories, n_events, ingested_at (UTC), skipped (reason the article was not coded, or NULL)
stories       one row per Story (main story, then teasers)
  story_id PK, article_id, doc, is_teaser, published, title, text (cleaned)
events        one row per Event; provenance columns doc, story_id, sentence, span, rule
  event_id PK, article_id, story_id, doc, type, mode, context VARCHAR[], cameo, score,
  date, date_end, trigger, sentence, span_start, span_end (trigger span in the story's
  cleaned text), sentence_start, sentence_end, confidence, negated, future, published, rule,
  location_name, location_country, lat, lon, location_geonameid, location_kind,
  location_rule (location_* and lat/lon NULL when the event has no place)
event_actors  one row per participant of an event
  event_id, role ('actor' | 'recipient'), position (order within the role) -- PK of the three,
  then the `Actor` fields: name, country, sector, title, actor_id, kind, rule, confidence,
  members (JSON text: the actors a kind="group" participant stands for)
mentions      one row per actor mention of a story (`StoryResult.mentions`)
  mention_id PK (sha1 of story_id|start|end)[:16], article_id, story_id, start, end (offsets
  in the story's cleaned text), text, then the `Actor` fields as in event_actors
offices_learned  one evidence row per person mention whose office the text names
  mention_id PK, name, actor_id, country, title, sector, office (offices.yaml key from the
  rule), basis ('text' | 'text+dictionary'), evidence_date, date_source ('event' | 'story' |
  'article'), article_id, story_id, start, end, text, rule, confidence.
  Evidence (`annales.store.offices`): a person mention with a name and a title whose rule
  says the office was read in the text (`+office:KEY(text)`, or an unknown person's
  `name|ner:PER+office:KEY`) -> basis 'text'; a dictionary tenure (`+tenure:KEY`) counts only
  when the mention holds an office word besides the name ("Premier ministre Nguyen Xuan
  Phuc") -> 'text+dictionary'. Bare names and descriptions resolved through the dictionary
  (`+holder:`) or an earlier mention (`+antecedent`) are no evidence. evidence_date: the
  date (with a year) of an event of the mention's sentence the person takes part in, else
  the story's publication date, else the article's.
events_full   VIEW: events.* plus `actors` and `recipients` as LIST(STRUCT(name, country,
  sector, title, actor_id, kind, rule, confidence, members)) ordered by position; the layout of
  Parquet exports and of the Dask engine's Parquet parts.

Columns follow the model: a field added later to Actor (or to Event / Place, as extra
`events` columns) is picked up from the dataclass, list-valued ones as JSON text, and an
older file gets the new column (NULL in old rows) when opened for writing.

Tables created after a file was (`mentions`, `offices_learned`) are created when it is next
opened for writing; read-only, their queries answer empty.

Writing: `add(result)` writes an article with all its stories, events, participants,
mentions and office evidence in ONE transaction, or nothing (a crash mid-write leaves no half article). It is idempotent on
article_id: an article already stored is left unchanged and `add` returns False. Two events
of one article with the same event_id (same story, trigger span and type) keep the first.

Filters of `events(...)` / `export(...)` (all combined with AND):
  actor    substring of a participant's name, case- and accent-insensitive
  country  a participant (actor or recipient) has this ISO3 / IGO code
  dyad     (A, B): the participants' countries include A and B (either direction);
           (A, A): an actor and a recipient both of A
  type     PLOVER type, or a list of types (case-insensitive)
  since    "YYYY", "YYYY-MM" or "YYYY-MM-DD", inclusive. Dates are compared on their common
  until    ISO prefix, so a period overlaps the bound: date "2023-07" or "2023" passes
           since="2023-07-15"; a range passes `since` on its date_end.
           Events without a date or with a year-less date ("XXXX-10-12") are EXCLUDED as
           soon as since or until is given: where they fall in time is unknown. Without
           a date filter they are returned like any other event.
Records come out ordered by date (year-less after dated, undated last), doc, story, span,
in exactly the shape of `Event.to_dict()`, so stored events compare equal to extracted ones.

The same event reported by several articles: `distinct_events(**filters)` (and
`annales events --distinct`) groups events on
  (upper(type), CAMEO family = first 3 digits of cameo, left(date, 10), sorted set of the
   participants' states)
where the states are the countries of all actors and recipients (either direction) and of
the members of group actors; an event naming no state is keyed on its participants' folded
names instead. Dates are compared as written, at most to the day: "2023-07-06" and
"2023-07-06T10:00" meet, "2023-07" stays apart from "2023-07-06", and a year-less
"XXXX-10-12" only meets the same year-less date. Undated events are never merged. Events of
one article can be merged too (the same meeting told twice). Each group gives ONE record:
the fields of its first-reported event (earliest `published`, then doc, story, span) plus
`reports` (distinct articles), `article_ids` and `docs` (in order of publication),
`participants` (the union of named participants: name, country, actor_id) and `n_events`.
Filters select the groups of which at least one event passes. Everything is one DuckDB
query (GROUP BY with list aggregates); see docs/store.md.

Mentions and offices: `mentions(article_id=, actor=, country=)` (actor: substring of the
name or of the mention text), `office_evidence(name=, country=)` (the rows),
`offices(name=, country=)` (grouped by (name, title) with first/last evidence date, count,
articles) and `offices_yaml(...)` (persons.yaml entries to review; see `annales.store.offices`).
"""
from __future__ import annotations

from .store import EXPORT_FORMATS, Store

__all__ = ["Store", "EXPORT_FORMATS"]
