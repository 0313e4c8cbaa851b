"""`annales timeline`: a bilateral relationship month by month, as a table, JSON Lines or a plot."""
from __future__ import annotations

import json
from pathlib import Path

import typer

from . import app


@app.command()
def timeline(
    db: Path = typer.Option(..., "--db", help="DuckDB file written by `annales ingest`."),
    dyad: str = typer.Option(..., "--dyad", help="Two ISO3 codes, e.g. VNM,RUS."),
    directed: bool = typer.Option(False, "--directed", help="Only events of the first state towards the second."),
    distinct: bool = typer.Option(True, "--distinct/--all-reports", help="Count an event reported by several articles once."),
    fmt: str = typer.Option("table", "--format", help="table or jsonl."),
    plot: Path = typer.Option(None, "--plot", help="Also write a PNG chart here (needs the `plot` extra: matplotlib)."),
) -> None:
    """Events of a dyad per month: how many, of which types, and their mean cooperation score."""
    from ..report import plot_timeline, timeline as monthly
    from .db import _open_read_only

    pair = tuple(c.strip().upper() for c in dyad.split(","))
    if len(pair) != 2 or not all(pair):
        raise typer.BadParameter("give two codes separated by a comma, e.g. VNM,RUS", param_hint="--dyad")
    with _open_read_only(db) as store:
        events = store.distinct_events(dyad=pair) if distinct else store.events(dyad=pair)
    rows = monthly(events, dyad=pair, directed=directed)
    if fmt == "jsonl":
        for r in rows:
            typer.echo(json.dumps(r, ensure_ascii=False))
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(title=f"{pair[0]}–{pair[1]}, events per month")
        for col in ("month", "events", "mean score", "types"):
            table.add_column(col)
        for r in rows:
            score = "" if r["mean_score"] is None else f"{r['mean_score']:.1f}"
            table.add_row(r["month"], str(r["n"]), score, ", ".join(f"{k} {v}" for k, v in r["types"].items()))
        Console().print(table)
    if plot is not None:
        try:
            plot_timeline(rows, plot, title=f"{pair[0]}–{pair[1]}")
        except RuntimeError as exc:
            typer.echo(f"annales: {plot}: {exc}", err=True)
            raise typer.Exit(1)
        typer.echo(f"wrote {plot}", err=True)
