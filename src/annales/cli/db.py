"""`annales ingest`, `annales events`, `annales offices`, `annales export`: the commands over
the DuckDB store."""
from __future__ import annotations

import importlib
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Iterator, List, Optional

import typer

from . import app

PathsArg = typer.Argument(..., help="Files or directories: .txt, .html, .jsonl[.gz].", show_default=False)
DbOpt = typer.Option(..., "--db", help="DuckDB database file.", show_default=False)

COMMIT_EVERY = 16        # articles per store transaction ...
COMMIT_SECONDS = 2.0     # ... or fewer, so a slow run still commits often


def _fail(msg: str, code: int = 2) -> None:
    typer.echo(f"annales: {msg}", err=True)
    raise typer.Exit(code)


def _load_factory(spec: str | None):
    """`module:callable` -> a pipeline factory (hidden --pipeline option, for plug-ins/tests)."""
    if not spec:
        return None
    mod, _, attr = spec.partition(":")
    try:
        return getattr(importlib.import_module(mod), attr)
    except (ImportError, AttributeError) as exc:
        raise typer.BadParameter(f"cannot load {spec!r}: {exc}", param_hint="--pipeline")


class _Reporter:
    """Error lines and a progress line on stderr (the bar only when stderr is a terminal)."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self.console = Console(stderr=True)
        self.live = self.console.is_terminal
        self.start = time.monotonic()
        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.completed} articles"),
            TextColumn("{task.fields[rate]:.1f}/s"),
            TextColumn("{task.fields[events]} events"),
            TextColumn("{task.fields[skipped]} already stored"),
            TextColumn("[red]{task.fields[errors]} errors"),
            TimeElapsedColumn(),
            console=self.console,
            disable=not self.live,
            transient=False,
        )
        self.task = self.progress.add_task("ingest", total=None, rate=0.0, events=0, skipped=0, errors=0)

    def __enter__(self) -> "_Reporter":
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    def error(self, line: str) -> None:
        if self.live:
            self.progress.console.print(line, markup=False, highlight=False, soft_wrap=True)
        else:
            typer.echo(line, err=True)

    def update(self, done: int, events: int, skipped: int, errors: int) -> None:
        if self.live:
            rate = done / max(time.monotonic() - self.start, 1e-6)
            self.progress.update(self.task, completed=done, rate=rate, events=events,
                                 skipped=skipped, errors=errors)


@app.command()
def ingest(
    paths: List[Path] = PathsArg,
    db: Path = DbOpt,
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Worker processes (each loads the model)."),
    engine: str = typer.Option("local", help="local (processes on this machine) or dask."),
    scheduler: Optional[str] = typer.Option(None, help="Dask scheduler address; a LocalCluster when omitted."),
    parquet: Optional[Path] = typer.Option(None, help="Also write events as Parquet parts under this folder."),
    batch_size: int = typer.Option(32, min=1, help="Articles per pipeline batch / Dask partition."),
    actors: List[Path] = typer.Option([], "--actors", help="Extra actor dictionary files (YAML)."),
    pipeline: Optional[str] = typer.Option(None, hidden=True, help="module:factory building the pipeline."),
) -> None:
    """Code articles into a DuckDB database; resumable (articles already stored are skipped)."""
    from ..engines import is_error, next_part_index, run_dask, run_local, write_partition
    from ..ingest import IngestError, iter_articles
    from ..store import Store

    if engine not in ("local", "dask"):
        raise typer.BadParameter("engine must be 'local' or 'dask'", param_hint="--engine")
    factory = _load_factory(pipeline)
    actor_files = [str(a) for a in actors]
    import duckdb

    try:
        db.parent.mkdir(parents=True, exist_ok=True)
        store = Store(db)
    except (ValueError, OSError, duckdb.Error) as exc:
        _fail(f"cannot open {db}: {' '.join(str(exc).split())}")
    known = store.article_ids()
    n = {"stored": 0, "events": 0, "skipped": 0, "errors": 0}
    buffer: list = []
    last_flush = time.monotonic()
    part_index = next_part_index(parquet) if (parquet and engine == "local") else 0

    with _Reporter() as rep:

        def articles() -> Iterator[Any]:
            for item in iter_articles(paths):
                if isinstance(item, IngestError):
                    n["errors"] += 1
                    rep.error(str(item))
                elif item.id in known:
                    n["skipped"] += 1
                else:
                    known.add(item.id)   # the same text twice in one run is coded once
                    yield item

        def flush() -> None:
            nonlocal last_flush, part_index
            if buffer:
                n["stored"] += store.add_many(buffer)
                n["events"] += sum(len(r.events) for r in buffer)
                if parquet and engine == "local":
                    write_partition(buffer, parquet, part_index)
                    part_index += 1
                buffer.clear()
            last_flush = time.monotonic()

        if engine == "dask":
            results = run_dask(articles(), scheduler=scheduler, n_workers=workers, partition_size=batch_size,
                               batch_size=batch_size, pipeline_factory=factory, actor_files=actor_files,
                               parquet_dir=parquet)
        else:
            results = run_local(articles(), workers=workers, batch_size=batch_size,
                                pipeline_factory=factory, actor_files=actor_files)
        interrupted = False
        try:
            for result in results:
                if is_error(result):
                    n["errors"] += 1
                    rep.error(f"annales: {result.article.doc}: {result.skipped}")
                else:
                    buffer.append(result)
                if len(buffer) >= COMMIT_EVERY or time.monotonic() - last_flush > COMMIT_SECONDS:
                    flush()
                rep.update(n["stored"] + len(buffer), n["events"], n["skipped"], n["errors"])
        except KeyboardInterrupt:
            interrupted = True
        finally:
            try:
                flush()   # what is coded is kept, also on an error or Ctrl-C
            finally:
                close = getattr(results, "close", None)
                if close:
                    close()
                store.close()
            rep.update(n["stored"], n["events"], n["skipped"], n["errors"])

    typer.echo(f"stored {n['stored']} articles, {n['events']} events; "
               f"skipped {n['skipped']} already stored; {n['errors']} errors")
    if interrupted:
        typer.echo("annales: interrupted; run the same command again to resume", err=True)
        raise typer.Exit(130)
    if n["errors"]:
        raise typer.Exit(1)


def _open_read_only(db: Path):
    import duckdb

    from ..store import Store

    if not db.exists():
        _fail(f"database not found: {db}")
    try:
        return Store(db, read_only=True)
    except (ValueError, duckdb.Error, OSError) as exc:
        _fail(f"cannot open {db}: {' '.join(str(exc).split())}")


def _filters(actor, country, dyad, type_, since, until) -> dict[str, Any]:
    from ..store.store import _check_bound

    pair = None
    if dyad:
        pair = tuple(c.strip().upper() for c in dyad.split(",") if c.strip())
        if len(pair) != 2:
            raise typer.BadParameter("expected two country codes such as VNM,RUS", param_hint="--dyad")
    for name, value in (("--since", since), ("--until", until)):
        try:
            _check_bound(name, value)
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint=name)
    types = [t for t in (type_ or "").split(",") if t.strip()] or None
    return dict(actor=actor, country=country, dyad=pair, type=types, since=since, until=until)


def _who(people: list[dict]) -> str:
    out = []
    for a in people:
        name, country = a.get("name"), a.get("country")
        if name and country and a.get("kind") != "country":
            out.append(f"{name} ({country})")
        else:
            out.append(country or name or "?")
    return ", ".join(out)


def _console():
    from rich.console import Console

    console = Console()
    if not console.is_terminal:  # piped: do not squeeze the table into 80 columns
        console = Console(width=max(console.width, 160))
    return console


def _table(records: list[dict], total: int, distinct: bool = False) -> None:
    from rich.table import Table

    table = Table(show_lines=False)
    for col in ("date", "type", "mode", "cameo") + (("reports",) if distinct else ()):
        table.add_column(col, no_wrap=True)
    for col in ("actors", "recipients", "location", "trigger"):
        table.add_column(col, overflow="fold", min_width=8)
    for r in records:
        loc = r["location"]
        table.add_row(
            r["date"] or "", r["type"] or "", r["mode"] or "", r["cameo"] or "",
            *((str(r["reports"]),) if distinct else ()),
            _who(r["actors"]), _who(r["recipients"]),
            (f"{loc['name']} ({loc['country']})" if loc and loc.get("country") else (loc or {}).get("name", "")),
            r["trigger"] or "",
        )
    console = _console()
    console.print(table)
    what = "distinct events" if distinct else "events"
    if total > len(records):
        console.print(f"{len(records)} of {total} {what} shown; use --limit or --format jsonl for more",
                      style="dim")


@app.command()
def events(
    db: Path = DbOpt,
    actor: Optional[str] = typer.Option(None, help="Participant name contains this (accents/case ignored)."),
    country: Optional[str] = typer.Option(None, help="A participant of this country (ISO3 or IGO)."),
    dyad: Optional[str] = typer.Option(None, help="Two countries among the participants, e.g. VNM,RUS."),
    type_: Optional[str] = typer.Option(None, "--type", help="PLOVER type(s), comma-separated."),
    since: Optional[str] = typer.Option(None, help="From this date: YYYY[-MM[-DD]] (year-less dates excluded)."),
    until: Optional[str] = typer.Option(None, help="Up to this date, inclusive."),
    limit: Optional[int] = typer.Option(None, min=0, help="At most this many events (table: 100 by default)."),
    fmt: str = typer.Option("table", "--format", "-f", help="table, jsonl, csv or parquet."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file (required for parquet)."),
    distinct: bool = typer.Option(False, "--distinct", help="Merge the same event reported by several "
                                  "articles (same type, CAMEO family, day and states): one record "
                                  "with reports, article_ids, docs, participants."),
) -> None:
    """Query stored events."""
    fmt = fmt.lower()
    if fmt not in ("table", "jsonl", "csv", "parquet"):
        raise typer.BadParameter("format must be table, jsonl, csv or parquet", param_hint="--format")
    if fmt == "parquet" and output is None:
        _fail("--format parquet needs --output FILE")
    filters = _filters(actor, country, dyad, type_, since, until)
    store = _open_read_only(db)
    with store:
        query = store.distinct_events if distinct else store.events
        if fmt == "table":
            shown = 100 if limit is None else limit
            total = (store.count_distinct_events if distinct else store.count_events)(**filters)
            _table(query(limit=shown, **filters), total, distinct=distinct)
        elif output is not None:
            count = store.export(fmt, output, limit=limit, distinct=distinct, **filters)
            typer.echo(f"wrote {count} {'distinct ' if distinct else ''}events to {output}", err=True)
        elif fmt == "jsonl":
            for rec in query(limit=limit, **filters):
                sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
        else:  # csv on stdout: DuckDB writes a file, we copy it
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / "events.csv"
                store.export("csv", path, limit=limit, distinct=distinct, **filters)
                sys.stdout.write(path.read_text(encoding="utf-8"))
    sys.stdout.flush()


@app.command()
def offices(
    db: Path = DbOpt,
    name: Optional[str] = typer.Option(None, help="Person name contains this (accents/case ignored)."),
    country: Optional[str] = typer.Option(None, help="The person's country (ISO3 or IGO)."),
    fmt: str = typer.Option("table", "--format", "-f", help="table, jsonl or yaml (persons.yaml entries)."),
    evidence: bool = typer.Option(False, "--evidence", help="jsonl: one line per evidence mention "
                                  "instead of one per (name, title)."),
) -> None:
    """Offices learned from the text ('Phan Van Giang, ministre de la Défense'), with dates."""
    fmt = fmt.lower()
    if fmt not in ("table", "jsonl", "yaml"):
        raise typer.BadParameter("format must be table, jsonl or yaml", param_hint="--format")
    with _open_read_only(db) as store:
        if fmt == "yaml":
            sys.stdout.write(store.offices_yaml(name=name, country=country))
        elif fmt == "jsonl":
            recs = (store.office_evidence if evidence else store.offices)(name=name, country=country)
            for rec in recs:
                sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
        else:
            from rich.table import Table

            table = Table(show_lines=False)
            for col in ("name", "country", "title", "basis", "first", "last", "mentions", "articles"):
                table.add_column(col, no_wrap=col not in ("name", "title"))
            table.add_column("text", overflow="fold", min_width=8)
            for g in store.offices(name=name, country=country):
                table.add_row(g["name"] or "", g["country"] or "", g["title"] or "", g["basis"],
                              g["first_date"] or "", g["last_date"] or "", str(g["count"]),
                              str(g["articles"]), (g["texts"] or [""])[0])
            _console().print(table)
    sys.stdout.flush()


@app.command()
def export(
    db: Path = DbOpt,
    fmt: str = typer.Option(..., "--format", "-f", help="parquet, csv or jsonl.", show_default=False),
    output: Path = typer.Option(..., "--output", "-o", help="File to write.", show_default=False),
) -> None:
    """Export all stored events (see `annales events` to export a selection)."""
    from ..store import EXPORT_FORMATS

    if fmt.lower() not in EXPORT_FORMATS:
        raise typer.BadParameter(f"format must be one of {', '.join(EXPORT_FORMATS)}", param_hint="--format")
    with _open_read_only(db) as store:
        count = store.export(fmt.lower(), output)
    typer.echo(f"exported {count} events to {output}")
