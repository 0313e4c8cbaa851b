"""`annales actors`: look into the actor dictionaries and import others."""
from __future__ import annotations

import json
from pathlib import Path
from typing import List

import typer

from . import app

actors_app = typer.Typer(help="Query and extend the actor dictionaries.", no_args_is_help=True)
app.add_typer(actors_app, name="actors")

ExtraOpt = typer.Option([], "--actors", help="Extra actor dictionary files (YAML) to load as well.")


def _load(extra: list[Path]):
    from ..actors import ActorDictionary

    return ActorDictionary.load(extra=[str(p) for p in extra])


@actors_app.command("lookup")
def lookup(
    name: str = typer.Argument(..., help="A name in any spelling: 'Choïgou', 'Shoigu', 'Sergueï Choïgou'."),
    date: str = typer.Option(None, help="Show only the offices held on this date (YYYY[-MM[-DD]])."),
    actors: List[Path] = ExtraOpt,
) -> None:
    """Who a name resolves to, with the dated offices the dictionary knows."""
    people = _load(actors).lookup(name)
    if not people:
        typer.echo(f"annales: no dictionary entry for {name!r}", err=True)
        raise typer.Exit(1)
    for p in people:
        offices = p.tenures_on(date) if date else p.offices
        typer.echo(json.dumps({
            "id": p.id, "name": p.name, "country": p.country, "source": p.source,
            "offices": [{"office": t.office, "title": t.title, "country": t.country, "sector": t.sector,
                         "start": t.start.isoformat(), "end": t.end.isoformat(), "uncertain": t.uncertain}
                        for t in offices]}, ensure_ascii=False))


@actors_app.command("holder")
def holder(
    office: str = typer.Argument(..., help="An office key of data/actors/offices.yaml, e.g. minister_of_defence."),
    country: str = typer.Argument(..., help="ISO 3166 alpha-3 code, e.g. RUS."),
    date: str = typer.Argument(..., help="YYYY[-MM[-DD]]"),
    actors: List[Path] = ExtraOpt,
) -> None:
    """Who held an office on a date ("the Russian defence minister in October 2020")."""
    person = _load(actors).holder(office, country.upper(), date)
    if person is None:
        typer.echo(f"annales: no known holder of {office} for {country.upper()} on {date}", err=True)
        raise typer.Exit(1)
    typer.echo(json.dumps({"id": person.id, "name": person.name, "country": person.country}, ensure_ascii=False))


@actors_app.command("import-petrarch")
def import_petrarch(
    source: Path = typer.Argument(..., exists=True, dir_okay=False, help="A PETRARCH/TABARI .actors.txt file."),
    output: Path = typer.Argument(..., help="The YAML dictionary to write; load it with --actors or ANNALES_ACTORS."),
) -> None:
    """Convert a PETRARCH/TABARI actor dictionary (dated role codes) to annales' YAML format."""
    from ..actors.petrarch import convert

    n = convert(source, output)
    typer.echo(f"wrote {n} actors to {output}", err=True)
