"""`annales timeline`: a dyad month by month, from a real ingest of a shipped example."""
from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from annales.cli import app
from annales.report import timeline

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


def test_symmetric_events_count_for_an_undirected_dyad():
    call = {"date": "2023-07-06", "type": "CONSULT", "score": 1.0,
            "actors": [{"country": "VNM"}, {"country": "RUS"}], "recipients": []}
    assert timeline([call], dyad=("VNM", "RUS"))[0]["n"] == 1
    assert timeline([call], dyad=("VNM", "RUS"), directed=True) == []


def test_timeline_of_an_ingested_article(tmp_path):
    db = tmp_path / "t.duckdb"
    r = runner.invoke(app, ["ingest", str(ROOT / "examples" / "articles" / "01_laos_defense.txt"), "--db", str(db)])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["timeline", "--db", str(db), "--dyad", "VNM,LAO", "--format", "jsonl"])
    assert r.exit_code == 0, r.output
    rows = [json.loads(line) for line in r.stdout.splitlines() if line.startswith("{")]
    march = next(row for row in rows if row["month"] == "2023-03")
    assert march["n"] >= 2 and "CONSULT" in march["types"]
    bad = runner.invoke(app, ["timeline", "--db", str(db), "--dyad", "VNM"])
    assert bad.exit_code != 0
