"""`annales ingest / events / export` with Typer's CliRunner and real DuckDB files.

The ingest tests use the hidden `--pipeline test_engines:KeywordPipeline` (no spaCy) so
they run before and independently of the real pipeline; one test uses the real one when
it can be built.
"""
from __future__ import annotations

import csv
import io
import json

import duckdb
import pytest
from typer.testing import CliRunner

from annales.cli import app
from annales.store import Store

FAKE = ["--pipeline", "test_engines:KeywordPipeline"]

TEXTS = {
    "a.txt": " date 2023-07-06\nLe Vietnam a rencontré la Russie à Hanoï jeudi. Les deux pays ont parlé de pétrole.",
    "b.txt": " date 2023-08-01\nLa Chine et le Laos se sont rencontrés mardi. Le Vietnam a rencontré la France.",
    "c.txt": " date 2023-09-15\nLe Premier ministre a inauguré un pont sur le fleuve Rouge.",
}


@pytest.fixture()
def corpus(tmp_path):
    d = tmp_path / "corpus"
    d.mkdir()
    for name, text in TEXTS.items():
        (d / name).write_text(text, encoding="utf-8")
    return d


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


def table_counts(db):
    with Store(db, read_only=True) as s:
        return s.counts()


def test_ingest_then_ingest_again_is_idempotent(corpus, tmp_path):
    db = tmp_path / "ev.duckdb"
    r = run("ingest", corpus, "--db", db, *FAKE)
    assert r.exit_code == 0, r.output
    assert "stored 3 articles, 3 events; skipped 0 already stored; 0 errors" in r.stdout
    first = table_counts(db)
    with Store(db, read_only=True) as s:
        events_first = s.events()
    r = run("ingest", corpus, "--db", db, *FAKE)
    assert r.exit_code == 0
    assert "stored 0 articles, 0 events; skipped 3 already stored; 0 errors" in r.stdout
    assert table_counts(db) == first
    with Store(db, read_only=True) as s:
        assert s.events() == events_first


def test_resume_after_partial_run(corpus, tmp_path):
    db = tmp_path / "ev.duckdb"
    assert run("ingest", corpus / "a.txt", "--db", db, *FAKE).exit_code == 0
    r = run("ingest", corpus, "--db", db, *FAKE)
    assert "stored 2 articles, 2 events; skipped 1 already stored; 0 errors" in r.stdout
    assert table_counts(db)["articles"] == 3


def test_bad_file_among_good_ones(corpus, tmp_path):
    (corpus / "bad.jsonl").write_text('{"id": 1, "text": "Le Laos a rencontré la Chine."}\n{broken\n',
                                      encoding="utf-8")
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    db = tmp_path / "ev.duckdb"
    r = run("ingest", corpus, tmp_path / "missing.txt", "--db", db, *FAKE)
    assert r.exit_code == 1
    err_lines = [x for x in r.stderr.splitlines() if x.startswith("annales:")]
    assert len(err_lines) == 3
    assert any("bad.jsonl:line 2" in x and "malformed JSON" in x for x in err_lines)
    assert any("empty.txt" in x for x in err_lines)
    assert any("missing.txt" in x for x in err_lines)
    assert "stored 4 articles, 4 events; skipped 0 already stored; 3 errors" in r.stdout
    with Store(db, read_only=True) as s:
        assert s.con.execute("SELECT source_id FROM articles WHERE doc LIKE '%bad.jsonl%'").fetchall() == [("1",)]


def test_pipeline_error_is_reported_and_not_stored(corpus, tmp_path):
    (corpus / "boom.txt").write_text("Le Vietnam a rencontré BOOM.", encoding="utf-8")
    db = tmp_path / "ev.duckdb"
    r = run("ingest", corpus, "--db", db, *FAKE)
    assert r.exit_code == 1
    assert any("boom.txt" in x and "pipeline error" in x for x in r.stderr.splitlines())
    assert table_counts(db)["articles"] == 3   # retried on the next run


def test_ingest_workers_and_parquet(corpus, tmp_path):
    db = tmp_path / "ev.duckdb"
    pq = tmp_path / "pq"
    r = run("ingest", corpus, "--db", db, "--workers", 2, "--batch-size", 1, "--parquet", pq, *FAKE)
    assert r.exit_code == 0, r.output
    n = duckdb.sql(f"SELECT count(*) FROM read_parquet('{pq}/**/*.parquet')").fetchall()[0][0]
    assert n == 3 == table_counts(db)["events"]


def test_ingest_dask_engine(corpus, tmp_path):
    import sys

    import cloudpickle

    mod = __import__("test_engines")
    cloudpickle.register_pickle_by_value(mod)
    try:
        db_local, db_dask = tmp_path / "l.duckdb", tmp_path / "d.duckdb"
        assert run("ingest", corpus, "--db", db_local, *FAKE).exit_code == 0
        r = run("ingest", corpus, "--db", db_dask, "--engine", "dask", "--workers", 1,
                "--parquet", tmp_path / "pq", *FAKE)
        assert r.exit_code == 0, r.output
    finally:
        cloudpickle.unregister_pickle_by_value(mod)
    with Store(db_local, read_only=True) as a, Store(db_dask, read_only=True) as b:
        assert a.events() == b.events() and a.article_ids() == b.article_ids()
    assert duckdb.sql(f"SELECT count(*) FROM read_parquet('{tmp_path}/pq/**/*.parquet')").fetchall()[0][0] == 3
    assert sys.modules.get("test_engines") is mod


@pytest.fixture()
def db(corpus, tmp_path):
    path = tmp_path / "ev.duckdb"
    assert run("ingest", corpus, "--db", path, *FAKE).exit_code == 0
    return path


def test_events_jsonl_and_filters(db):
    r = run("events", "--db", db, "--format", "jsonl")
    assert r.exit_code == 0
    recs = [json.loads(x) for x in r.stdout.splitlines()]
    with Store(db, read_only=True) as s:
        assert recs == s.events()
    assert len(recs) == 3
    r = run("events", "--db", db, "--format", "jsonl", "--dyad", "VNM,RUS")
    assert [json.loads(x)["date"] for x in r.stdout.splitlines()] == ["2023-07-06"]
    r = run("events", "--db", db, "--format", "jsonl", "--country", "fra", "--since", "2023-08")
    assert len(r.stdout.splitlines()) == 1
    r = run("events", "--db", db, "--format", "jsonl", "--actor", "CHINE", "--until", "2023-07")
    assert r.stdout == ""
    r = run("events", "--db", db, "--format", "jsonl", "--type", "consult,agree", "--limit", 2)
    assert len(r.stdout.splitlines()) == 2


def test_events_table(db):
    r = run("events", "--db", db)
    assert r.exit_code == 0
    assert "CONSULT" in r.stdout and "VNM" in r.stdout and "2023-07-06" in r.stdout
    r = run("events", "--db", db, "--limit", 1)
    assert "1 of 3 events shown" in r.stdout


def test_events_csv_and_parquet(db, tmp_path):
    r = run("events", "--db", db, "--format", "csv", "--country", "RUS")
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert len(rows) == 1 and json.loads(rows[0]["recipients"])[0]["country"] == "RUS"
    r = run("events", "--db", db, "--format", "parquet")
    assert r.exit_code == 2 and "--output" in r.stderr
    out = tmp_path / "sel.parquet"
    r = run("events", "--db", db, "--format", "parquet", "--output", out, "--dyad", "VNM,FRA")
    assert r.exit_code == 0
    assert duckdb.sql(f"SELECT count(*) FROM read_parquet('{out}')").fetchall()[0][0] == 1


def test_events_bad_arguments(db, tmp_path):
    r = run("events", "--db", tmp_path / "nope.duckdb")
    assert r.exit_code == 2
    assert r.stderr.strip().splitlines() == [f"annales: database not found: {tmp_path / 'nope.duckdb'}"]
    assert run("events", "--db", db, "--dyad", "VNM").exit_code == 2
    assert run("events", "--db", db, "--since", "juillet").exit_code == 2
    assert run("events", "--db", db, "--format", "xml").exit_code == 2


def test_export(db, tmp_path):
    for fmt, name in (("parquet", "e.parquet"), ("csv", "e.csv"), ("jsonl", "e.jsonl")):
        r = run("export", "--db", db, "--format", fmt, "--output", tmp_path / name)
        assert r.exit_code == 0 and "exported 3 events" in r.stdout
    assert duckdb.sql(f"SELECT count(*) FROM read_parquet('{tmp_path / 'e.parquet'}')").fetchall()[0][0] == 3
    assert len((tmp_path / "e.jsonl").read_text(encoding="utf-8").splitlines()) == 3
    assert run("export", "--db", tmp_path / "nope.duckdb", "--format", "csv", "--output", tmp_path / "x").exit_code == 2


def test_ingest_with_real_pipeline(corpus, tmp_path):
    try:
        from annales.pipeline import Pipeline

        Pipeline()
    except (ImportError, RuntimeError) as exc:
        pytest.skip(f"real pipeline not ready: {exc}")
    db = tmp_path / "ev.duckdb"
    r = run("ingest", corpus, "--db", db)
    assert r.exit_code == 0, r.output
    with Store(db, read_only=True) as s:
        stored = s.events()
        assert s.counts()["articles"] == 3
    r = run("ingest", corpus, "--db", db)
    assert "skipped 3 already stored" in r.stdout
    # stored == extracted by the same pipeline
    from annales.ingest import iter_articles

    extracted = [e.to_dict() for res in Pipeline().process_many(iter_articles([corpus])) for e in res.events]
    key = lambda d: d["event_id"]  # noqa: E731
    assert sorted(stored, key=key) == sorted(extracted, key=key)
