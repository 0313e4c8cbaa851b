"""Store: real DuckDB files in tmp_path, events built by hand."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time

import duckdb
import pytest

from annales.model import Actor, Article, Event, Place, Story
from annales.pipeline import ArticleResult, StoryResult
from annales.store import Store

LAVROV = Actor(name="Sergueï Lavrov", country="RUS", sector="DIP", title="ministre des Affaires étrangères",
               actor_id="lavrov_sergey", kind="person", rule="persons.yaml:lavrov", confidence=0.9)
SON = Actor(name="Bui Thanh Son", country="VNM", sector="DIP", actor_id="bui_thanh_son", rule="persons")
VNM = Actor(name="Vietnam", country="VNM", kind="country", rule="countries")
USA = Actor(name="États-Unis", country="USA", kind="country", rule="countries")
HANOI = Place(name="Hanoi", country="VNM", lat=21.0245, lon=105.84117, geonameid=1581130, rule="gazetteer")


def make_result(raw: str, doc: str, events_spec: list[dict], published: str | None = "2023-07-06",
                teaser: bool = False) -> ArticleResult:
    art = Article(doc=doc, raw=raw, published=published, title="Titre", url="http://x/1", lang="fr")
    story = Story(article_id=art.id, story_id=f"{art.id}:0", doc=doc, text=raw,
                  offsets=list(range(len(raw))), published=published, title="Titre")
    stories = [StoryResult(story=story)]
    if teaser:
        t = Story(article_id=art.id, story_id=f"{art.id}:1", doc=doc, text="teaser", offsets=[],
                  is_teaser=True)
        stories.append(StoryResult(story=t))
    for i, spec in enumerate(events_spec):
        kw = dict(doc=doc, article_id=art.id, story_id=story.story_id, type="CONSULT",
                  trigger="a rencontré", sentence=raw, span=(10 + i, 21 + i), sentence_span=(0, len(raw)),
                  published=published, rule="lex:rencontrer", date=published)
        kw.update(spec)
        stories[0].events.append(Event(**kw))
    return ArticleResult(article=art, stories=stories)


def sample_results() -> list[ArticleResult]:
    return [
        make_result("Le ministre a rencontré Lavrov à Hanoi.", "a.txt", [
            dict(actors=[SON, VNM], recipients=[LAVROV], location=HANOI, mode="visit",
                 context=["diplomacy", "economy"], cameo="040", score=1.0, confidence=0.8),
            dict(type="AGREE", actors=[VNM], recipients=[USA], date="2023-07", date_end=None,
                 negated=True, future=True, cameo="030", score=4.0),
        ], teaser=True),
        make_result("Hanoï et Washington ont signé un accord.", "b.txt", [
            dict(type="COOPERATE", actors=[VNM], recipients=[USA], date="XXXX-10-12", cameo="060"),
            dict(type="CONSULT", actors=[USA], recipients=[], date=None),
        ], published="2023-10-12"),
        make_result("Rien à signaler ici.", "c.txt", [], published=None),
    ]


def extracted(results):
    return [e.to_dict() for r in results for e in r.events]


def by_id(records):
    return sorted(records, key=lambda d: d["event_id"])


def test_roundtrip_events_equal_extracted(tmp_path):
    results = sample_results()
    with Store(tmp_path / "db.duckdb") as db:
        for r in results:
            assert db.add(r) is True
        stored = db.events()
        assert by_id(stored) == by_id(extracted(results))
        # JSON round trip also equal (floats, lists, None)
        assert json.loads(json.dumps(stored)) == stored
        counts = db.counts()
    assert counts == {"articles": 3, "stories": 4, "events": 4, "event_actors": 8}


def test_add_is_idempotent_and_resumable(tmp_path):
    results = sample_results()
    path = tmp_path / "db.duckdb"
    with Store(path) as db:
        assert db.add(results[0])
    with Store(path) as db:  # reopen: a second run
        assert db.has_article(results[0].article.id)
        assert not db.has_article(results[1].article.id)
        assert db.article_ids() == {results[0].article.id}
        before = db.counts()
        assert db.add(results[0]) is False
        assert db.counts() == before
        assert db.add_many(results) == 2
        assert db.add_many(results) == 0
        assert db.counts()["articles"] == 3
        art = db.con.execute(
            "SELECT doc, published, n_chars, n_events, skipped, content_hash FROM articles WHERE doc='a.txt'"
        ).fetchone()
    assert art[:5] == ("a.txt", "2023-07-06", len(results[0].article.raw), 2, None)
    assert art[5] == results[0].article.id


def test_skipped_article_is_stored_with_reason(tmp_path):
    art = Article(doc="en.txt", raw="This is English.")
    with Store(tmp_path / "db.duckdb") as db:
        assert db.add(ArticleResult(article=art, skipped="not French"))
        assert db.con.execute("SELECT skipped FROM articles").fetchone() == ("not French",)
        assert db.add(ArticleResult(article=art)) is False


class FailingStore(Store):
    """Fails after the articles, stories and events rows are written, before the actors."""

    def _insert(self, table, rows, cols):
        if table == "event_actors":
            raise RuntimeError("disk full")
        super()._insert(table, rows, cols)


def test_failure_mid_write_leaves_nothing(tmp_path):
    path = tmp_path / "db.duckdb"
    results = sample_results()
    with Store(path) as db:
        db.add(results[2])
    with FailingStore(path) as db:
        with pytest.raises(RuntimeError):
            db.add(results[0])
        assert db.counts() == {"articles": 1, "stories": 1, "events": 0, "event_actors": 0}
        assert not db.has_article(results[0].article.id)
    with Store(path) as db:  # and the article can be stored on the next run
        assert db.add(results[0])
        assert by_id(db.events()) == by_id(extracted([results[0]]))


def test_process_killed_mid_transaction_leaves_nothing(tmp_path):
    path = tmp_path / "db.duckdb"
    script = textwrap.dedent(f"""
        import os, sys
        sys.path.insert(0, {str(__import__('pathlib').Path(__file__).parent)!r})
        from test_store import sample_results
        from annales.store import Store
        class Dying(Store):
            def _insert(self, table, rows, cols):
                super()._insert(table, rows, cols)
                if table == "events":
                    os._exit(3)   # no rollback, no close: a crash
        r = sample_results()
        with Store({str(path)!r}) as db:
            db.add(r[1])
        db = Dying({str(path)!r})
        db.add(r[0])
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert proc.returncode == 3, proc.stderr
    with Store(path) as db:
        c = db.counts()
        assert c["articles"] == 1 and c["events"] == 2
        ids = db.article_ids()
    assert ids == {sample_results()[1].article.id}


@pytest.fixture()
def db(tmp_path):
    with Store(tmp_path / "db.duckdb") as s:
        s.add_many(sample_results())
        yield s


def types(records):
    return sorted(r["type"] for r in records)


def test_filter_actor_accent_and_case_insensitive(db):
    assert types(db.events(actor="lavrov")) == ["CONSULT"]
    assert types(db.events(actor="SERGUEI")) == ["CONSULT"]
    assert types(db.events(actor="etats-unis")) == ["AGREE", "CONSULT", "COOPERATE"]
    assert db.events(actor="Poutine") == []


def test_filter_country_dyad_type(db):
    assert types(db.events(country="rus")) == ["CONSULT"]
    assert types(db.events(dyad=("VNM", "RUS"))) == ["CONSULT"]
    assert types(db.events(dyad=("RUS", "VNM"))) == ["CONSULT"]
    assert types(db.events(dyad=("VNM", "USA"))) == ["AGREE", "COOPERATE"]
    assert db.events(dyad=("USA", "USA")) == []
    assert types(db.events(type="agree")) == ["AGREE"]
    assert types(db.events(type=["AGREE", "COOPERATE"])) == ["AGREE", "COOPERATE"]
    with pytest.raises(ValueError):
        db.events(dyad=("VNM",))


def test_filter_dates(db):
    # dates: CONSULT 2023-07-06, AGREE 2023-07, COOPERATE XXXX-10-12, CONSULT None
    assert len(db.events()) == 4
    assert types(db.events(since="2023-07-06")) == ["AGREE", "CONSULT"]  # 2023-07 overlaps
    assert types(db.events(since="2023-07-07")) == ["AGREE"]
    assert types(db.events(until="2023-07-05")) == ["AGREE"]
    assert types(db.events(since="2023-08")) == []          # year-less and undated excluded
    assert types(db.events(since="2023", until="2023")) == ["AGREE", "CONSULT"]
    assert types(db.events(until="2022-12-31")) == []
    with pytest.raises(ValueError):
        db.events(since="juillet")


def test_order_and_limit(db):
    recs = db.events()
    assert [r["date"] for r in recs] == ["2023-07", "2023-07-06", "XXXX-10-12", None]
    assert db.events(limit=2) == recs[:2]
    assert db.count_events(country="USA") == 3


def test_export_formats(db, tmp_path):
    all_recs = db.events()
    n = db.export("jsonl", tmp_path / "out" / "e.jsonl")
    lines = (tmp_path / "out" / "e.jsonl").read_text(encoding="utf-8").splitlines()
    assert n == 4 and [json.loads(x) for x in lines] == all_recs

    assert db.export("parquet", tmp_path / "e.parquet") == 4
    rows = duckdb.sql(f"SELECT * FROM read_parquet('{tmp_path / 'e.parquet'}')")
    cols = rows.columns
    assert cols[:2] == ["event_id", "article_id"] and cols[-2:] == ["actors", "recipients"]
    from annales.store.schema import record_from_row
    back = [record_from_row(dict(zip(cols, r))) for r in rows.fetchall()]
    assert back == all_recs

    assert db.export("csv", tmp_path / "e.csv", country="RUS") == 1
    import csv
    with open(tmp_path / "e.csv", encoding="utf-8") as fh:
        (row,) = list(csv.DictReader(fh))
    assert row["type"] == "CONSULT" and json.loads(row["context"]) == ["diplomacy", "economy"]
    assert json.loads(row["recipients"])[0]["name"] == "Sergueï Lavrov"
    with pytest.raises(ValueError):
        db.export("xml", tmp_path / "e.xml")


def test_read_only_and_missing(tmp_path, db):
    with pytest.raises(FileNotFoundError):
        Store(tmp_path / "nope.duckdb", read_only=True)
    path = db.path
    db.close()
    with Store(path, read_only=True) as ro:
        assert len(ro.events()) == 4
        assert ro.export("parquet", tmp_path / "ro.parquet") == 4


def test_insert_throughput(tmp_path):
    """Not a benchmark gate: prints rows/s so regressions are visible with -s."""
    results = []
    for i in range(300):
        results.append(make_result(f"Article {i}: le ministre a rencontré Lavrov.", f"{i}.txt",
                                   [dict(actors=[SON], recipients=[LAVROV], location=HANOI)] * 1
                                   + [dict(type="AGREE", actors=[VNM], recipients=[USA])]))
    with Store(tmp_path / "db.duckdb") as db:
        db.add_many(results[200:])  # warm-up: imports, first Arrow conversion
        t = time.perf_counter()
        for r in results[:100]:
            db.add(r)
        per_article = time.perf_counter() - t
        t = time.perf_counter()
        db.add_many(results[100:])
        batched = time.perf_counter() - t
        assert db.counts()["events"] == 600
    print(f"\nstore insert: {200 / per_article:.0f} events/s one txn per article, "
          f"{200 / batched:.0f} events/s in one batch")


def test_model_fields_added_later_get_a_column(tmp_path):
    """A file written before `Actor.members` existed is migrated (column added) on open."""
    path = tmp_path / "db.duckdb"
    results = sample_results()
    with Store(path) as db:
        db.add(results[0])
        db.con.execute("DROP VIEW events_full")
        db.con.execute("ALTER TABLE event_actors DROP COLUMN members")
    with Store(path) as db:
        assert "members" in {r[0] for r in db.con.execute("DESCRIBE event_actors").fetchall()}
        assert all(a["members"] == [] for e in db.events() for a in e["actors"])
        db.add(results[1])
        assert by_id(db.events()) == by_id(extracted(results[:2]))


def test_group_actor_members_round_trip(tmp_path):
    group = Actor(name="les deux pays", kind="group", rule="group", members=[VNM, LAVROV])
    r = make_result("Les deux pays ont rencontré la Chine.", "g.txt", [dict(actors=[group], recipients=[])])
    with Store(tmp_path / "db.duckdb") as db:
        db.add(r)
        (rec,) = db.events()
    assert rec == r.events[0].to_dict()
    assert rec["actors"][0]["members"][1]["name"] == "Sergueï Lavrov"


def test_duckdb_memory_is_capped_and_can_be_raised(tmp_path, monkeypatch):
    """A long ingest must not let DuckDB's page cache grow with the database."""
    from annales.store import Store

    def limit(store) -> str:
        return store.con.execute("SELECT current_setting('memory_limit')").fetchone()[0]

    with Store(tmp_path / "a.duckdb") as s:
        capped = limit(s)
    monkeypatch.setenv("ANNALES_DUCKDB_MEMORY", "1GB")
    with Store(tmp_path / "b.duckdb") as s:
        raised = limit(s)
    assert capped != raised
    assert capped.endswith(("MiB", "MB")) and float(capped.split()[0]) < 300
