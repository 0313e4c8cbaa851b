"""The `annales` command line. Each command group lives in its own module."""
from __future__ import annotations

import typer

app = typer.Typer(
    name="annales",
    help="French news articles to coded political events (PLOVER/CAMEO), offline.",
    no_args_is_help=True,
    add_completion=False,
)

# Command modules register themselves on `app` when imported.
from . import extract as _extract  # noqa: E402,F401
from . import evaluate as _evaluate  # noqa: E402,F401
from . import actors as _actors  # noqa: E402,F401
from . import report as _report  # noqa: E402,F401

try:  # the store commands (ingest, events, export)
    from . import db as _db  # noqa: E402,F401
except ImportError as _exc:  # pragma: no cover - only while the store stage is being written
    if "annales.cli.db" not in str(_exc) and "db" not in str(_exc):
        raise
