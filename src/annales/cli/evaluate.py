"""`annales eval`: score the pipeline against gold files, and show why it missed or erred."""
from __future__ import annotations

import json
from pathlib import Path
from typing import List

import typer

from . import app

eval_app = typer.Typer(help="Score annales against gold annotations.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")


@eval_app.command("events")
def eval_events(
    gold: Path = typer.Option(..., "--gold", "-g", exists=True, dir_okay=False, help="Gold JSON Lines (docs/evaluation.md)."),
    paths: List[Path] = typer.Argument(..., help="The articles named in the gold file (files or directories)."),
    pred: Path = typer.Option(None, "--pred", help="Score these events (JSON Lines) instead of running the pipeline."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print only the scores."),
) -> None:
    """Run the pipeline on the gold articles and print precision, recall, F1, misses and false events."""
    from ..evaluate.events import load_gold, score
    from .extract import articles_reporting_errors

    gold_lines = load_gold(gold)
    wanted = {g["file"] for g in gold_lines}
    if pred is not None:
        events = [json.loads(line) for line in pred.read_text(encoding="utf-8").splitlines() if line.strip()]
    else:
        from ..pipeline import Pipeline

        failures: list[str] = []
        articles = (a for a in articles_reporting_errors(paths, failures) if Path(a.doc).name in wanted)
        events = [e.to_dict() for r in Pipeline().process_many(articles) for e in r.events]
    report = score(gold_lines, events)
    if not quiet:
        for line in report.misses + report.false + report.wrong_names + report.wrong_places:
            typer.echo(line)
    typer.echo(json.dumps(report.summary(len(gold_lines))))


@eval_app.command("timebank")
def eval_timebank(
    paths: List[Path] = typer.Argument(..., help="ISO-TimeML .tml files or directories of them."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print only the scores."),
) -> None:
    """Resolve the dates of TimeML files (e.g. French TimeBank) and score them."""
    from ..evaluate.timebank import score_timebank

    files = sorted(p for given in paths for p in (given.rglob("*.tml") if given.is_dir() else [given]))
    if not files:
        typer.echo("annales: no .tml files found in the given paths", err=True)
        raise typer.Exit(2)
    scores, misses = score_timebank(files)
    if not quiet:
        for line in misses:
            typer.echo(line)
    typer.echo(json.dumps(scores))
