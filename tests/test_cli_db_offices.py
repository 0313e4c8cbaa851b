"""`annales events --distinct` and `annales offices` on a real DuckDB file (hand-built results)."""
from __future__ import annotations

import json

import duckdb
import pytest
import yaml
from test_store import USA, VNM, make_result
from test_store_mentions import GIANG, hand_article
from typer.testing import CliRunner

from annales.cli import app
from annales.model import Actor
from annales.store import Store

BEZDETKO = Actor(name="Gennady Bezdetko", country="RUS", sector="DIP", title="Ambassador",
                 actor_id=None, kind="person", rule="ner:PER+office:ambassador", confidence=0.6)


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture()
def db(tmp_path):
    raw1 = "Le général Phan Van Giang, ministre de la Défense, a reçu l'ambassadeur Gennady Bezdetko."
    raw2 = "L'ambassadeur Gennady Bezdetko a été reçu par Phan Van Giang, ministre de la Défense."
    ev = dict(type="CONSULT", cameo="043", date="2020-08-04", span=(51, 56), sentence_span=(0, len(raw1)))
    a = hand_article(raw1, [(3, 49, GIANG), (59, 89, BEZDETKO)], published="2020-08-05", doc="a.txt",
                     events=[{**ev, "actors": [GIANG], "recipients": [BEZDETKO]}])
    b = hand_article(raw2, [(0, 30, BEZDETKO), (46, 84, GIANG)], published="2020-08-06", doc="b.txt",
                     events=[{**ev, "actors": [BEZDETKO], "recipients": [GIANG], "span": (31, 40)}])
    c = make_result("Le Vietnam a rencontré les États-Unis.", "c.txt",
                    [dict(actors=[VNM], recipients=[USA], date="2021-01-02")])
    path = tmp_path / "db.duckdb"
    with Store(path) as s:
        s.add_many([a, b, c])
    return path


def test_events_distinct_jsonl_and_table(db):
    plain = run("events", "--db", db, "--format", "jsonl")
    assert len(plain.stdout.splitlines()) == 3
    r = run("events", "--db", db, "--distinct", "--format", "jsonl")
    assert r.exit_code == 0, r.output
    recs = [json.loads(line) for line in r.stdout.splitlines()]
    assert [x["reports"] for x in recs] == [2, 1]
    assert recs[0]["docs"] == ["a.txt", "b.txt"] and recs[0]["n_events"] == 2
    assert {p["name"] for p in recs[0]["participants"]} == {"Phan Van Giang", "Gennady Bezdetko"}
    r = run("events", "--db", db, "--distinct", "--dyad", "VNM,RUS", "--format", "jsonl")
    assert [json.loads(line)["reports"] for line in r.stdout.splitlines()] == [2]
    r = run("events", "--db", db, "--distinct", "--limit", "1")
    assert r.exit_code == 0 and "reports" in r.stdout and "1 of 2 distinct events shown" in r.stdout


def test_events_distinct_csv_and_parquet(db, tmp_path):
    r = run("events", "--db", db, "--distinct", "--format", "csv")
    assert r.exit_code == 0 and "reports" in r.stdout.splitlines()[0]
    out = tmp_path / "d.parquet"
    r = run("events", "--db", db, "--distinct", "--format", "parquet", "--output", out)
    assert r.exit_code == 0 and "wrote 2 distinct events" in r.output
    rows = duckdb.sql(f"SELECT reports FROM read_parquet('{out}') ORDER BY reports").fetchall()
    assert rows == [(1,), (2,)]


def test_offices_table_jsonl_yaml(db):
    r = run("offices", "--db", db)
    assert r.exit_code == 0, r.output
    assert "Phan Van Giang" in r.stdout and "Minister of Defence" in r.stdout and "Ambassador" in r.stdout
    r = run("offices", "--db", db, "--format", "jsonl", "--name", "phan")
    (g,) = [json.loads(line) for line in r.stdout.splitlines()]
    assert (g["title"], g["count"], g["articles"], g["first_date"]) == ("Minister of Defence", 2, 2, "2020-08-04")
    r = run("offices", "--db", db, "--format", "jsonl", "--evidence", "--country", "rus")
    ev = [json.loads(line) for line in r.stdout.splitlines()]
    assert len(ev) == 2 and {e["name"] for e in ev} == {"Gennady Bezdetko"}
    assert {e["evidence_date"] for e in ev} == {"2020-08-04"}
    r = run("offices", "--db", db, "--format", "yaml")
    (entry,) = yaml.safe_load(r.stdout)      # Phan Van Giang is known: commented out
    assert entry["id"] == "gennady_bezdetko" and entry["offices"][0]["office"] == "ambassador"
    assert "# - id: phan_van_giang" in r.stdout


def test_offices_bad_arguments(db, tmp_path):
    assert run("offices", "--db", db, "--format", "xml").exit_code == 2
    r = run("offices", "--db", tmp_path / "nope.duckdb")
    assert r.exit_code == 2 and "database not found" in r.output
