"""`annales extract` and `annales timex`: code articles to JSON Lines on stdout, no database."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Iterator, List

import typer

from . import app
from ..model import Article

PathsArg = typer.Argument(..., help="Files or directories: .txt, .html, .jsonl[.gz].", show_default=False)


def articles_reporting_errors(paths: list[Path], failures: list[str]) -> Iterator[Article]:
    """Good articles of `paths`; each bad input is one line on stderr and counted."""
    from ..ingest import IngestError, iter_articles

    for item in iter_articles(paths):
        if isinstance(item, IngestError):
            failures.append(str(item))
            typer.echo(str(item), err=True)
        else:
            yield item


def _write(record: dict) -> None:
    sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")


@app.command()
def extract(
    paths: List[Path] = PathsArg,
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Worker processes (each loads the model)."),
    engine: str = typer.Option("local", help="local (processes on this machine) or dask."),
    scheduler: str = typer.Option(None, help="Dask scheduler address; a LocalCluster when omitted."),
    actors: List[Path] = typer.Option([], "--actors", help="Extra actor dictionary files (YAML)."),
) -> None:
    """Code articles and print one JSON object per event (JSON Lines), without a database."""
    failures: list[str] = []
    articles = articles_reporting_errors(paths, failures)
    for result in _run(articles, workers=workers, engine=engine, scheduler=scheduler, actors=actors):
        if result.skipped:
            typer.echo(f"annales: {result.article.doc}: skipped: {result.skipped}", err=True)
        for event in result.events:
            _write(event.to_dict())
    sys.stdout.flush()
    if failures:
        raise typer.Exit(1)


def _run(articles, workers: int, engine: str, scheduler: str | None, actors):
    if engine == "dask":
        from ..engines import run_dask
        return run_dask(articles, scheduler=scheduler, n_workers=workers, actor_files=[str(a) for a in actors])
    if engine != "local":
        raise typer.BadParameter("engine must be 'local' or 'dask'", param_hint="--engine")
    from ..engines import run_local
    return run_local(articles, workers=workers, actor_files=[str(a) for a in actors])


@app.command()
def timex(paths: List[Path] = PathsArg) -> None:
    """Print the resolved time expressions of each article as JSON Lines.

    Offsets (`start`, `end`) point into the file as read, header line included.
    """
    from ..clean import clean_article
    from ..time import resolve_timexes

    failures: list[str] = []
    for article in articles_reporting_errors(paths, failures):
        for story in clean_article(article):
            for t in resolve_timexes(story.text, story.published):
                start, end = story.raw_span(t.start, t.end)
                _write({"doc": article.doc, "story": story.story_id, "start": start, "end": end,
                        "text": article.raw[start:end], "value": t.value, "end_value": t.end_value,
                        "type": t.type, "rule": t.rule, "confidence": t.confidence})
    if failures:
        raise typer.Exit(1)
