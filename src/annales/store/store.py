"""`Store`: the DuckDB database of articles, stories, events and their participants."""
from __future__ import annotations

import json
import os
import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Sequence

import duckdb

from ..model import content_hash
from ..pipeline import ArticleResult
from . import offices as O
from . import schema as S

_ISO_BOUND = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
EXPORT_FORMATS = ("jsonl", "csv", "parquet")


def _check_bound(name: str, value: str | None) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    if not _ISO_BOUND.match(value):
        raise ValueError(f"{name} must be YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
    return value


def _sql_str(s: str) -> str:
    return "'" + str(s).replace("'", "''") + "'"


DEFAULT_MEMORY_LIMIT = "256MB"


class Store:
    """A DuckDB file holding coded articles (see `annales.store` for the schema).

    One writer at a time (DuckDB locks the file); open with `read_only=True` to query
    while nothing writes. Use as a context manager, or call `close()`.
    """

    def __init__(self, path: str | Path, read_only: bool = False,
                 memory_limit: str | None = None) -> None:
        self.path = Path(path)
        if read_only and not self.path.exists():
            raise FileNotFoundError(f"database not found: {self.path}")
        self.read_only = read_only
        # DuckDB's buffer pool would otherwise keep up to 80 % of RAM of cached pages and grow
        # with the database over a long ingest; past the limit it evicts or spills to disk
        limit = memory_limit or os.environ.get("ANNALES_DUCKDB_MEMORY") or DEFAULT_MEMORY_LIMIT
        self.con = duckdb.connect(str(self.path), read_only=read_only,
                                  config={"memory_limit": limit})
        if not read_only:
            self._create()
        self._check_version()

    # ------------------------------------------------------------------ lifecycle
    def _create(self) -> None:
        self.con.execute("BEGIN")
        try:
            for stmt in S.DDL[:-1]:
                self.con.execute(stmt)
            self._add_missing_columns()
            self.con.execute(S.DDL[-1])  # the view, over the current columns
            self.con.execute(
                "INSERT INTO meta VALUES ('schema_version', ?) ON CONFLICT DO NOTHING",
                [str(S.SCHEMA_VERSION)],
            )
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    def _add_missing_columns(self) -> None:
        """Additive migration: a field added to the model since the file was created gets
        its column (NULL in older rows)."""
        for table, cols in S.TABLES.items():
            have = {r[0] for r in self.con.execute(f"DESCRIBE {table}").fetchall()}
            for name, sql_type, _ in cols:
                if name not in have:
                    base = sql_type.replace("PRIMARY KEY", "").replace("NOT NULL", "").strip()
                    self.con.execute(f'ALTER TABLE {table} ADD COLUMN "{name}" {base}')

    def _check_version(self) -> None:
        try:
            row = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        except duckdb.CatalogException as exc:
            raise ValueError(f"{self.path} is not an annales database") from exc
        if row is None or int(row[0]) != S.SCHEMA_VERSION:
            raise ValueError(
                f"{self.path}: schema version {row and row[0]}, this annales expects {S.SCHEMA_VERSION}"
            )

    def close(self) -> None:
        if self.con is not None:
            self.con.close()
            self.con = None  # type: ignore[assignment]

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ articles
    def has_article(self, article_id: str) -> bool:
        return self.con.execute(
            "SELECT 1 FROM articles WHERE article_id = ?", [article_id]
        ).fetchone() is not None

    def article_ids(self) -> set[str]:
        return {r[0] for r in self.con.execute("SELECT article_id FROM articles").fetchall()}

    def counts(self, *more: str) -> dict[str, int]:
        """Row counts of articles, stories, events, event_actors, and of the tables in `more`
        (e.g. "mentions", "offices_learned"; 0 for a table an older read-only file lacks)."""
        return {
            t: (self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] if self._has_table(t) else 0)
            for t in ("articles", "stories", "events", "event_actors", *more)
        }

    def _has_table(self, name: str) -> bool:
        return self.con.execute(
            "SELECT 1 FROM duckdb_tables() WHERE table_name = ? AND database_name = current_database()",
            [name],
        ).fetchone() is not None

    # ------------------------------------------------------------------ writing
    def add(self, result: ArticleResult) -> bool:
        """Store one article with its stories and events in one transaction.

        Idempotent: if the article id is already stored nothing changes and False is
        returned. Any failure rolls the whole article back.
        """
        return self.add_many([result]) == 1

    def add_many(self, results: Iterable[ArticleResult]) -> int:
        """Store several articles in ONE transaction; returns how many were new."""
        results = list(results)
        if not results:
            return 0
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            ids = [r.article.id for r in results]
            present = {
                row[0]
                for row in con.execute(
                    "SELECT article_id FROM articles WHERE list_contains(?, article_id)", [ids]
                ).fetchall()
            }
            now = datetime.now(timezone.utc)
            arts, stories, events, actors, mentions, offices = [], [], [], [], [], []
            seen_articles: set[str] = set()
            seen_events: set[str] = set()
            seen_mentions: set[str] = set()
            for r in results:
                a = r.article
                if a.id in present or a.id in seen_articles:
                    continue
                seen_articles.add(a.id)
                n_events = 0
                for sr in r.stories:
                    st = sr.story
                    stories.append({
                        "story_id": st.story_id, "article_id": a.id, "doc": st.doc,
                        "is_teaser": bool(st.is_teaser), "published": st.published,
                        "title": st.title, "text": st.text,
                    })
                    for ev in sr.events:
                        if ev.event_id in seen_events:
                            # same story, span and type twice: keep the first (the id is the key)
                            continue
                        seen_events.add(ev.event_id)
                        events.append(S.event_row(ev))
                        actors.extend(S.actor_rows(ev))
                        n_events += 1
                    for m in sr.mentions:
                        row = S.mention_row(m, a.id, st.story_id)
                        if row["mention_id"] in seen_mentions:
                            continue
                        seen_mentions.add(row["mention_id"])
                        mentions.append(row)
                        ev_row = O.evidence_row(m, a.id, st.story_id, sr.events, st.published, a.published)
                        if ev_row is not None:
                            offices.append(ev_row)
                arts.append({
                    "article_id": a.id, "doc": a.doc,
                    "source_id": getattr(a, "source_id", None), "published": a.published, "title": a.title,
                    "url": a.url, "lang": a.lang, "content_hash": content_hash(a.raw),
                    "n_chars": len(a.raw), "n_stories": len(r.stories), "n_events": n_events,
                    "ingested_at": now, "skipped": r.skipped,
                })
            if arts:
                self._insert("articles", arts, S.ARTICLE_COLUMNS)
                self._insert("stories", stories, S.STORY_COLUMNS)
                self._insert("events", events, S.EVENT_COLUMNS)
                self._insert("event_actors", actors, S.EVENT_ACTOR_COLUMNS)
                self._insert("mentions", mentions, S.MENTION_COLUMNS)
                self._insert("offices_learned", offices, S.OFFICE_COLUMNS)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return len(arts)

    _VALUES_MAX_ROWS = 64  # below this a multi-row VALUES insert beats an Arrow scan

    def _insert(self, table: str, rows: list[dict[str, Any]], cols: list[tuple[str, str, Any]]) -> None:
        if not rows:
            return
        names = [c[0] for c in cols]
        if len(rows) <= self._VALUES_MAX_ROWS:
            one = "(" + ", ".join("?" * len(names)) + ")"
            collist = ", ".join(f'"{n}"' for n in names)
            params = [r[n] for r in rows for n in names]
            self.con.execute(
                f"INSERT INTO {table} ({collist}) VALUES " + ", ".join([one] * len(rows)), params
            )
            return
        view = f"_ins_{table}"
        self.con.register(view, S.to_arrow(rows, cols))
        try:
            self.con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {view}")
        finally:
            self.con.unregister(view)

    # ------------------------------------------------------------------ reading
    @staticmethod
    def _where(
        actor: str | None = None,
        country: str | None = None,
        dyad: Sequence[str] | None = None,
        type: str | Sequence[str] | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> tuple[str, list[Any]]:
        conds: list[str] = []
        params: list[Any] = []
        if actor:
            conds.append(
                "EXISTS (SELECT 1 FROM event_actors a WHERE a.event_id = e.event_id "
                "AND contains(strip_accents(lower(a.name)), ?))"
            )
            params.append(S.fold(actor))
        if country:
            conds.append(
                "EXISTS (SELECT 1 FROM event_actors a WHERE a.event_id = e.event_id "
                "AND upper(a.country) = ?)"
            )
            params.append(country.strip().upper())
        if dyad:
            codes = [c.strip().upper() for c in dyad if c and c.strip()]
            if len(codes) != 2:
                raise ValueError(f"dyad needs two country codes, got {dyad!r}")
            # same code twice (VNM,VNM): an actor and a recipient of that country
            roles = ("actor", "recipient") if codes[0] == codes[1] else (None, None)
            for c, role in zip(codes, roles):
                conds.append(
                    "EXISTS (SELECT 1 FROM event_actors a WHERE a.event_id = e.event_id "
                    "AND upper(a.country) = ?" + (f" AND a.role = '{role}')" if role else ")")
                )
                params.append(c)
        if type:
            types = [type] if isinstance(type, str) else list(type)
            conds.append("list_contains(?, upper(e.type))")
            params.append([t.strip().upper() for t in types])
        since = _check_bound("since", since)
        until = _check_bound("until", until)
        if since or until:
            # only dates with a known year take part in a date filter
            conds.append("regexp_matches(e.date, '^[0-9]{4}')")
        if since:
            # the event's last day (date_end, else date) compared on the common ISO prefix:
            # "2023" and "2023-07" both overlap since="2023-07-15"
            end = "(CASE WHEN regexp_matches(e.date_end, '^[0-9]{4}') THEN e.date_end ELSE e.date END)"
            conds.append(
                f"left({end}, least(length({end}), length(?))) >= left(?, least(length({end}), length(?)))"
            )
            params += [since, since, since]
        if until:
            conds.append(
                "left(e.date, least(length(e.date), length(?))) <= left(?, least(length(e.date), length(?)))"
            )
            params += [until, until, until]
        return (" WHERE " + " AND ".join(conds)) if conds else "", params

    _ORDER = " ORDER BY e.date NULLS LAST, e.doc, e.story_id, e.span_start, e.event_id"

    def _select(self, filters: dict[str, Any], limit: int | None) -> tuple[str, list[Any]]:
        where, params = self._where(**filters)
        sql = f"SELECT e.* FROM events_full e{where}{self._ORDER}"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return sql, params

    def events(
        self,
        actor: str | None = None,
        country: str | None = None,
        dyad: Sequence[str] | None = None,
        type: str | Sequence[str] | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """Stored events as `Event.to_dict()` records, filtered (see the module docstring)."""
        filters = dict(actor=actor, country=country, dyad=dyad, type=type, since=since, until=until)
        sql, params = self._select(filters, limit)
        cur = self.con.execute(sql, params)
        names = [d[0] for d in cur.description]
        return [S.record_from_row(dict(zip(names, row))) for row in cur.fetchall()]

    def count_events(self, **filters: Any) -> int:
        where, params = self._where(**filters)
        return self.con.execute(f"SELECT count(*) FROM events e{where}", params).fetchone()[0]

    # ------------------------------------------------------------------ distinct events
    # Group key (one string): type | CAMEO family | day-precision date | participants' states.
    # Undated events are never merged (their key is their own id). The states are every
    # participant's country (actors, recipients and the members of groups); an event naming
    # no state is keyed on its participants' folded names instead.
    _DISTINCT_CTE = """
    WITH codes AS (
        SELECT event_id, upper(country) AS code FROM event_actors WHERE country IS NOT NULL
        UNION
        SELECT event_id, code FROM (
            SELECT event_id, upper(unnest(CAST(json_extract_string(members, '$[*].country') AS VARCHAR[]))) AS code
            FROM event_actors WHERE members IS NOT NULL AND members NOT IN ('[]', 'null')
        ) WHERE code IS NOT NULL
    ),
    states AS (SELECT event_id, list_sort(list(DISTINCT code)) AS states FROM codes GROUP BY event_id),
    names AS (
        SELECT event_id, list_sort(list(DISTINCT strip_accents(lower(name)))) AS names
        FROM event_actors WHERE name IS NOT NULL GROUP BY event_id
    ),
    keyed AS (
        SELECT e.event_id, e.article_id, e.doc, e.published, e.story_id, e.span_start,
            CASE WHEN e.date IS NULL THEN 'event:' || e.event_id
            ELSE concat_ws('|', upper(coalesce(e.type, '')), coalesce(left(e.cameo, 3), ''), left(e.date, 10),
                CASE WHEN len(coalesce(s.states, [])) > 0 THEN 'states:' || array_to_string(s.states, ',')
                     ELSE 'names:' || array_to_string(coalesce(n.names, []), ',') END)
            END AS gkey
        FROM events e LEFT JOIN states s ON s.event_id = e.event_id LEFT JOIN names n ON n.event_id = e.event_id
    ),
    grouped AS (
        SELECT gkey, count(*) AS n_events,
            first(event_id ORDER BY published NULLS LAST, doc, story_id, span_start, event_id) AS first_id
        FROM keyed GROUP BY gkey
    ),
    per_article AS (
        SELECT gkey, article_id, min(doc) AS doc, min(coalesce(published, '~')) AS pub
        FROM keyed GROUP BY gkey, article_id
    ),
    arts AS (
        SELECT gkey, count(*) AS reports, list(article_id ORDER BY pub, doc, article_id) AS article_ids,
            list(doc ORDER BY pub, doc, article_id) AS docs
        FROM per_article GROUP BY gkey
    ),
    parts AS (
        SELECT k.gkey, list_sort(list(DISTINCT struct_pack(name := a.name, country := a.country,
                                                           actor_id := a.actor_id))) AS participants
        FROM keyed k JOIN event_actors a ON a.event_id = k.event_id WHERE a.name IS NOT NULL
        GROUP BY k.gkey
    )"""

    def _distinct_select(self, filters: dict[str, Any], limit: int | None) -> tuple[str, list[Any]]:
        where, params = self._where(**filters)
        sql = (
            self._DISTINCT_CTE
            + " SELECT f.*, ar.reports, ar.article_ids, ar.docs, "
            "coalesce(p.participants, []) AS participants, g.n_events "
            "FROM grouped g JOIN arts ar ON ar.gkey = g.gkey LEFT JOIN parts p ON p.gkey = g.gkey "
            "JOIN events_full f ON f.event_id = g.first_id "
            f"WHERE g.gkey IN (SELECT k.gkey FROM events e JOIN keyed k ON k.event_id = e.event_id{where}) "
            "ORDER BY f.date NULLS LAST, f.doc, f.story_id, f.span_start, f.event_id"
        )
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return sql, params

    def distinct_events(
        self,
        actor: str | None = None,
        country: str | None = None,
        dyad: Sequence[str] | None = None,
        type: str | Sequence[str] | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """Events merged across articles (see the module docstring): one record per group,
        the first-reported event's `Event.to_dict()` fields plus `reports` (articles),
        `article_ids`, `docs`, `participants` (the union of named participants: name,
        country, actor_id) and `n_events` (event rows merged). A group is returned when
        one of its events passes the filters."""
        filters = dict(actor=actor, country=country, dyad=dyad, type=type, since=since, until=until)
        sql, params = self._distinct_select(filters, limit)
        cur = self.con.execute(sql, params)
        names = [d[0] for d in cur.description]
        out = []
        for row in cur.fetchall():
            r = dict(zip(names, row))
            rec = S.record_from_row(r)
            rec["reports"] = int(r["reports"])
            rec["article_ids"] = list(r["article_ids"])
            rec["docs"] = list(r["docs"])
            rec["participants"] = [dict(p) for p in r["participants"]]
            rec["n_events"] = int(r["n_events"])
            out.append(rec)
        return out

    def count_distinct_events(self, **filters: Any) -> int:
        sql, params = self._distinct_select(filters, None)
        return self.con.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0]

    # ------------------------------------------------------------------ mentions, offices
    def mentions(self, article_id: str | None = None, actor: str | None = None,
                 country: str | None = None) -> list[dict[str, Any]]:
        """Stored actor mentions as {mention_id, article_id, story_id, start, end, text,
        actor: Actor fields}, in story and text order. `actor`: substring of the resolved
        name or of the mention text (accents and case ignored); `country`: the actor's code."""
        if not self._has_table("mentions"):
            return []
        conds, params = [], []
        if article_id:
            conds.append("m.article_id = ?")
            params.append(article_id)
        if actor:
            conds.append("(contains(strip_accents(lower(m.name)), ?) OR contains(strip_accents(lower(m.text)), ?))")
            params += [S.fold(actor)] * 2
        if country:
            conds.append("upper(m.country) = ?")
            params.append(country.strip().upper())
        where = (" WHERE " + " AND ".join(conds)) if conds else ""
        cur = self.con.execute(f"SELECT m.* FROM mentions m{where} ORDER BY m.story_id, m.start, m.mention_id", params)
        names = [d[0] for d in cur.description]
        return [S.mention_from_row(dict(zip(names, row))) for row in cur.fetchall()]

    @staticmethod
    def _office_where(name: str | None, country: str | None) -> tuple[str, list[Any]]:
        conds, params = [], []
        if name:
            conds.append("contains(strip_accents(lower(o.name)), ?)")
            params.append(S.fold(name))
        if country:
            conds.append("upper(o.country) = ?")
            params.append(country.strip().upper())
        return (" WHERE " + " AND ".join(conds)) if conds else "", params

    def office_evidence(self, name: str | None = None, country: str | None = None) -> list[dict[str, Any]]:
        """The `offices_learned` rows (one per mention), by name, evidence date, position."""
        if not self._has_table("offices_learned"):
            return []
        where, params = self._office_where(name, country)
        cur = self.con.execute(
            f"SELECT o.* FROM offices_learned o{where} "
            "ORDER BY o.name, o.evidence_date NULLS LAST, o.story_id, o.start", params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]

    def offices(self, name: str | None = None, country: str | None = None) -> list[dict[str, Any]]:
        """Offices learned from the text, one record per (name, title): actor_id, country,
        sector, office (key), basis ('text' when any evidence read the office in the text
        alone, else 'text+dictionary'), first_date, last_date, count (mentions), articles,
        article_ids, texts (distinct mention texts)."""
        if not self._has_table("offices_learned"):
            return []
        where, params = self._office_where(name, country)
        cur = self.con.execute(
            "SELECT o.name, o.title, max(o.actor_id) AS actor_id, mode(o.country) AS country, "
            "mode(o.sector) AS sector, mode(o.office) AS office, "
            "CASE WHEN bool_or(o.basis = 'text') THEN 'text' ELSE 'text+dictionary' END AS basis, "
            "min(o.evidence_date) AS first_date, max(o.evidence_date) AS last_date, "
            "count(*) AS count, count(DISTINCT o.article_id) AS articles, "
            "list_sort(list(DISTINCT o.article_id)) AS article_ids, "
            "list_sort(list(DISTINCT o.text)) AS texts "
            f"FROM offices_learned o{where} GROUP BY o.name, o.title "
            "ORDER BY o.name, first_date NULLS LAST, o.title", params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]

    def offices_yaml(self, name: str | None = None, country: str | None = None) -> str:
        """`offices()` as persons.yaml entries to review (see `annales.store.offices.to_yaml`)."""
        return O.to_yaml(self.offices(name=name, country=country))

    # ------------------------------------------------------------------ export
    def export(self, fmt: str, path: str | Path, limit: int | None = None, distinct: bool = False,
               **filters: Any) -> int:
        """Write the (filtered) events to `path` as jsonl, csv or parquet; returns the row count.

        jsonl: one `Event.to_dict()` record per line. parquet: the `events` columns plus
        `actors` and `recipients` as lists of structs (the same layout as the Dask parts).
        csv: the `events` columns, with `context`, `actors` and `recipients` as JSON text.
        distinct=True: the `distinct_events` records (plus reports, article_ids, docs,
        participants, n_events).
        """
        fmt = fmt.lower()
        if fmt not in EXPORT_FORMATS:
            raise ValueError(f"unknown export format {fmt!r} (use one of {', '.join(EXPORT_FORMATS)})")
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        if fmt == "jsonl":
            recs = (self.distinct_events if distinct else self.events)(limit=limit, **filters)
            with open(path, "w", encoding="utf-8") as fh:
                for r in recs:
                    fh.write(json.dumps(r, ensure_ascii=False) + "\n")
            return len(recs)
        sql, params = (self._distinct_select if distinct else self._select)(filters, limit)
        if fmt == "csv":
            more = (", to_json(article_ids) AS article_ids, to_json(docs) AS docs, "
                    "to_json(participants) AS participants") if distinct else ""
            sql = (
                "SELECT * REPLACE (to_json(context) AS context, to_json(actors) AS actors, "
                f"to_json(recipients) AS recipients{more}) FROM ({sql})"
            )
            opts = "FORMAT CSV, HEADER"
        else:
            opts = "FORMAT PARQUET, COMPRESSION ZSTD"
        # COPY takes no parameters: materialise the selection first
        self.con.execute("CREATE OR REPLACE TEMP TABLE _export AS " + sql, params)
        try:
            n = self.con.execute("SELECT count(*) FROM _export").fetchone()[0]
            self.con.execute(f"COPY _export TO {_sql_str(str(path))} ({opts})")
        finally:
            self.con.execute("DROP TABLE IF EXISTS _export")
        return n
