"""Engines: local (in-process and spawn pool) and Dask give the same results.

`KeywordPipeline` is a tiny deterministic stand-in (no spaCy) that produces real Event
objects, so the equality tests mean something before the real pipeline lands; the same
tests also run the real `annales.pipeline.Pipeline` (the default factory).
"""
from __future__ import annotations

import itertools
import os
import re
import sys

import duckdb
import pytest

from annales.engines import is_error, run_dask, run_local, write_parquet_dask
from annales.model import Actor, Article, Event, Story
from annales.pipeline import ArticleResult, StoryResult
from annales.store import Store
from annales.store.schema import record_from_row

COUNTRIES = {"Vietnam": "VNM", "Russie": "RUS", "Chine": "CHN", "France": "FRA", "Laos": "LAO"}
_INSTANCES = itertools.count()


class KeywordPipeline:
    """One CONSULT event per sentence with "rencontr", actors = countries named in it."""

    def __init__(self) -> None:
        self.tag = f"{os.getpid()}:{next(_INSTANCES)}"

    def process_many(self, articles, batch_size=32):
        for a in articles:
            if "BOOM" in a.raw:
                raise ValueError("boom")
            story = Story(article_id=a.id, story_id=f"{a.id}:0", doc=a.doc, text=a.raw,
                          offsets=list(range(len(a.raw))), published=a.published, title=self.tag)
            sr = StoryResult(story=story)
            for m in re.finditer(r"[^.]*rencontr[^.]*\.", a.raw):
                names = [c for c in COUNTRIES if c in m.group()]
                actors = [Actor(name=n, country=COUNTRIES[n], kind="country", rule="fake") for n in names]
                k = m.group().index("rencontr") + m.start()
                sr.events.append(Event(
                    doc=a.doc, article_id=a.id, story_id=story.story_id, type="CONSULT",
                    actors=actors[:1], recipients=actors[1:], trigger="rencontr", sentence=m.group().strip(),
                    span=(k, k + 8), sentence_span=(m.start(), m.end()), date=a.published,
                    published=a.published, rule="fake:rencontrer", context=["diplomacy"], score=1.0))
            yield ArticleResult(article=a, stories=[sr])


def french_articles(n: int = 12) -> list[Article]:
    texts = [
        "Le Vietnam a rencontré la Russie à Hanoï. Les deux pays ont parlé de pétrole.",
        "La Chine et le Laos se sont rencontrés mardi. Le Vietnam a rencontré la France.",
        "Le Premier ministre a inauguré un pont. Aucune rencontre prévue.",
        "La France a rencontré le Vietnam pour parler d'éducation.",
    ]
    return [Article(doc=f"art{i:03d}.txt", raw=f"{texts[i % len(texts)]} (n°{i})",
                    published=f"2023-07-{(i % 28) + 1:02d}") for i in range(n)]


def summary(results: list[ArticleResult]):
    ids = [r.article.id for r in results]
    events = sorted((e.to_dict() for r in results for e in r.events), key=lambda d: d["event_id"])
    return ids, len(events), events


@pytest.fixture(scope="module")
def cluster():
    import cloudpickle
    from distributed import LocalCluster

    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    c = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0")
    try:
        yield c
    finally:
        c.close()
        cloudpickle.unregister_pickle_by_value(sys.modules[__name__])


def test_local_in_process_keeps_order_and_counts():
    arts = french_articles()
    res = list(run_local(arts, workers=1, batch_size=5, pipeline_factory=KeywordPipeline))
    assert [r.article.id for r in res] == [a.id for a in arts]
    ids, n, events = summary(res)
    assert n == 15  # 1 + 2 + 1 + 1 per 4 articles
    assert {tuple(a["country"] for a in e["actors"] + e["recipients"]) for e in events} >= {("VNM", "RUS")}
    # one pipeline for the whole run
    assert len({r.stories[0].story.title for r in res}) == 1


def test_local_pool_equals_in_process():
    arts = french_articles(20)
    one = list(run_local(arts, workers=1, batch_size=3, pipeline_factory=KeywordPipeline))
    two = list(run_local(arts, workers=2, batch_size=3, pipeline_factory=KeywordPipeline))
    assert summary(two) == summary(one)
    assert [r.article.id for r in two] == [a.id for a in arts]
    tags = {r.stories[0].story.title for r in two}
    pids = {t.split(":")[0] for t in tags}
    assert len(tags) == len(pids) <= 2 and str(os.getpid()) not in pids  # one pipeline per worker


def test_local_bounded_read_ahead():
    pulled = 0

    def endless():
        nonlocal pulled
        for i in itertools.count():
            pulled += 1
            yield Article(doc=f"{i}", raw=f"Texte {i}.")

    gen = run_local(endless(), workers=2, batch_size=4, pipeline_factory=KeywordPipeline, max_in_flight=3)
    first = list(itertools.islice(gen, 10))
    gen.close()
    assert len(first) == 10
    assert pulled <= (3 + 3) * 4  # window of chunks, never the corpus


def test_pipeline_error_becomes_one_error_result():
    arts = french_articles(4)
    arts.insert(2, Article(doc="bad.txt", raw="BOOM"))
    res = list(run_local(arts, workers=1, batch_size=10, pipeline_factory=KeywordPipeline))
    assert [r.article.doc for r in res] == [a.doc for a in arts]
    assert [is_error(r) for r in res] == [False, False, True, False, False]
    assert "ValueError: boom" in res[2].skipped


def test_dask_equals_local(cluster):
    arts = french_articles(30)
    local = list(run_local(arts, workers=1, pipeline_factory=KeywordPipeline))
    dask_res = list(run_dask(arts, scheduler=cluster.scheduler_address, partition_size=4,
                             pipeline_factory=KeywordPipeline))
    assert [r.article.id for r in dask_res] == [a.id for a in arts]  # ordered by default
    assert summary(dask_res) == summary(local)
    assert summary(local)[1] == 38
    # each worker built its pipeline once, not once per partition (8 partitions, 2 workers)
    tags = {r.stories[0].story.title for r in dask_res}
    assert len(tags) == len({t.split(":")[0] for t in tags}) <= 2

    unordered = list(run_dask(arts, scheduler=cluster.scheduler_address, partition_size=4,
                              pipeline_factory=KeywordPipeline, ordered=False))
    assert sorted(r.article.id for r in unordered) == sorted(a.id for a in arts)
    assert summary(sorted(unordered, key=lambda r: arts.index(r.article)))[1:] == summary(local)[1:]


def test_dask_equals_local_with_real_pipeline(cluster):
    """The default factory (annales.pipeline.Pipeline): while it is a placeholder this
    compares ids and empty event lists; with the real pipeline it compares events."""
    try:
        from annales.pipeline import Pipeline

        Pipeline()
    except (ImportError, RuntimeError) as exc:  # stages still landing
        pytest.skip(f"real pipeline not ready: {exc}")
    arts = french_articles(6)
    local = list(run_local(arts, workers=1))
    dask_res = list(run_dask(arts, scheduler=cluster.scheduler_address, partition_size=2))
    assert summary(dask_res) == summary(local)
    assert [r.article.id for r in local] == [a.id for a in arts]
    assert [r.skipped for r in dask_res] == [r.skipped for r in local]


def test_dask_bounded_read_ahead(cluster):
    pulled = 0

    def endless():
        nonlocal pulled
        for i in itertools.count():
            pulled += 1
            yield Article(doc=f"{i}", raw=f"Texte {i}.")

    gen = run_dask(endless(), scheduler=cluster.scheduler_address, partition_size=4,
                   pipeline_factory=KeywordPipeline, max_in_flight=2)
    first = list(itertools.islice(gen, 9))
    gen.close()
    assert len(first) == 9
    assert pulled <= (2 + 3) * 4


def test_dask_parquet_parts_read_back(cluster, tmp_path):
    arts = french_articles(10)
    out = tmp_path / "pq"
    res = list(run_dask(arts, scheduler=cluster.scheduler_address, partition_size=4,
                        pipeline_factory=KeywordPipeline, parquet_dir=out))
    parts = sorted(p.name for p in (out / "events").iterdir())
    assert parts == ["part-00000.parquet", "part-00001.parquet", "part-00002.parquet"]
    rel = duckdb.sql(f"SELECT * FROM read_parquet('{out}/**/*.parquet')")
    back = sorted((record_from_row(dict(zip(rel.columns, r))) for r in rel.fetchall()),
                  key=lambda d: d["event_id"])
    assert back == summary(res)[2]

    # same columns as the store's events table (+ nested participants) and its parquet export
    with Store(tmp_path / "db.duckdb") as db:
        db.add_many(res)
        store_cols = [r[0] for r in db.con.execute("DESCRIBE events").fetchall()]
        db.export("parquet", tmp_path / "export.parquet")
    assert rel.columns == store_cols + ["actors", "recipients"]
    exp = duckdb.sql(f"SELECT * FROM read_parquet('{tmp_path / 'export.parquet'}')")
    assert exp.columns == rel.columns and exp.types == rel.types

    # a resumed run adds parts after the existing ones
    more = french_articles(14)[10:]
    write_parquet_dask(run_local(more, pipeline_factory=KeywordPipeline), out, partition_size=2)
    assert len(list((out / "events").glob("*.parquet"))) == 5
    n = duckdb.sql(f"SELECT count(*) FROM read_parquet('{out}/**/*.parquet')").fetchall()[0][0]
    assert n == summary(res)[1] + summary(list(run_local(more, pipeline_factory=KeywordPipeline)))[1]


def test_run_dask_own_local_cluster():
    """No scheduler: starts and closes its own small LocalCluster."""
    arts = french_articles(4)
    res = list(run_dask(arts, n_workers=1, partition_size=2, pipeline_factory=KeywordPipeline))
    assert [r.article.id for r in res] == [a.id for a in arts]
