"""`annales actors`: dictionary look-ups by date and the PETRARCH import, through the CLI."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from annales.cli import app

runner = CliRunner()
PHOENIX = Path(__file__).resolve().parents[2] / "shared" / "data" / "petrarch" / "Phoenix.Countries.actors.txt"


def test_holder_of_an_office_depends_on_the_date():
    r2020 = runner.invoke(app, ["actors", "holder", "minister_of_defence", "RUS", "2020-10-30"])
    r2025 = runner.invoke(app, ["actors", "holder", "minister_of_defence", "RUS", "2025-01"])
    assert r2020.exit_code == 0 and json.loads(r2020.stdout)["name"] == "Sergei Shoigu"
    assert r2025.exit_code == 0 and json.loads(r2025.stdout)["name"] != "Sergei Shoigu"


def test_lookup_accepts_transliterations_and_unknown_names_fail_cleanly():
    out = runner.invoke(app, ["actors", "lookup", "Choïgou", "--date", "2020-10"])
    assert out.exit_code == 0
    rec = json.loads(out.stdout.splitlines()[0])
    assert rec["name"] == "Sergei Shoigu" and rec["offices"][0]["office"] == "minister_of_defence"
    missing = runner.invoke(app, ["actors", "lookup", "Nobody Nowhere"])
    assert missing.exit_code == 1


@pytest.mark.skipif(not PHOENIX.exists(), reason="../shared is absent")
def test_petrarch_import_gives_a_dictionary_the_pipeline_can_load(tmp_path):
    out = tmp_path / "phoenix.yaml"
    r = runner.invoke(app, ["actors", "import-petrarch", str(PHOENIX), str(out)])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["actors", "lookup", "Vladimir Putin", "--actors", str(out)])
    assert r.exit_code == 0
    assert any(json.loads(line)["country"] == "RUS" for line in r.stdout.splitlines())
