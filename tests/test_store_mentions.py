"""Store: mentions, offices learned from the text, and events merged across articles.

Acceptance-like tests run the REAL pipeline on short VNA-style sentences; the rules of
office evidence and of the merge are also pinned with hand-built objects.
"""
from __future__ import annotations

import duckdb
import pytest
import yaml
from test_store import HANOI, LAVROV, SON, USA, VNM, make_result

from annales.model import Actor, Article, Event, Mention, Story
from annales.pipeline import ArticleResult, StoryResult
from annales.store import Store
from annales.store.offices import evidence_row, names_an_office, office_basis, to_yaml

GIANG_1 = (" date 2020-08-05\nHanoï (VNA) - Le général Phan Van Giang, ministre de la Défense, a reçu "
           "le 4 août à Hanoï l'ambassadeur de Russie au Vietnam, Guennadi Bezdetko. Le ministre russe "
           "de la Défense Sergueï Choïgou a eu une conversation téléphonique avec Phan Van Giang le 3 août. "
           "Le Premier ministre Nguyen Xuan Phuc a rencontré Antonio Guterres, secrétaire général de l'ONU.")
GIANG_2 = (" date 2020-08-06\nHanoï (VNA) - L'ambassadeur de Russie au Vietnam, Guennadi Bezdetko, a été "
           "reçu le 4 août à Hanoï par le général Phan Van Giang, ministre de la Défense. Les deux parties "
           "ont évoqué la coopération militaire.")


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    """Both articles coded by the real pipeline and stored; (db path, results)."""
    try:
        from annales.pipeline import Pipeline

        pipe = Pipeline()
    except (ImportError, OSError, RuntimeError) as exc:
        pytest.skip(f"real pipeline not ready: {exc}")
    arts = [Article(doc=f"{n}.txt", raw=t, published=t[6:16], body_start=t.index("\n") + 1)
            for n, t in (("giang1", GIANG_1), ("giang2", GIANG_2))]
    results = list(pipe.process_many(arts))
    path = tmp_path_factory.mktemp("real") / "db.duckdb"
    with Store(path) as db:
        assert db.add_many(results) == 2
    return path, results


# ----------------------------------------------------------------------------- mentions

def test_mentions_stored_equal_pipeline_mentions(real):
    path, results = real
    with Store(path, read_only=True) as db:
        stored = db.mentions()
        assert db.counts("mentions")["mentions"] == len(stored)
        by_article = db.mentions(article_id=results[1].article.id)
    expected = [(sr.story.story_id, m.start, m.end, m.text, m.actor.to_dict())
                for r in results for sr in r.stories for m in sr.mentions]
    got = [(m["story_id"], m["start"], m["end"], m["text"], m["actor"]) for m in stored]
    assert sorted(got, key=str) == sorted(expected, key=str)
    assert {m["article_id"] for m in by_article} == {results[1].article.id}
    assert len(by_article) == sum(len(sr.mentions) for sr in results[1].stories)


def test_mentions_filters(real):
    path, _ = real
    with Store(path, read_only=True) as db:
        giang = db.mentions(actor="PHAN van giang")
        assert giang and all(m["actor"]["name"] == "Phan Van Giang" for m in giang)
        assert any(m["text"] == "Phan Van Giang" for m in giang)   # the bare name is a mention too
        assert db.mentions(actor="choïgou")[0]["actor"]["actor_id"] == "sergei_shoigu"  # text matches too
        assert {m["actor"]["country"] for m in db.mentions(country="rus")} == {"RUS"}
        assert db.mentions(article_id="nope") == []


def test_reingest_changes_nothing(real, tmp_path):
    _, results = real
    path = tmp_path / "db.duckdb"
    with Store(path) as db:
        db.add(results[0])
        before = db.counts("mentions", "offices_learned")
        assert db.add_many(results) == 1
        assert db.add_many(results) == 0
        after = db.counts("mentions", "offices_learned")
    assert after["mentions"] > before["mentions"] and after["offices_learned"] > before["offices_learned"]
    with Store(path) as db:
        assert db.counts("mentions", "offices_learned") == after


def test_mentions_are_rolled_back_with_the_article(tmp_path):
    class Failing(Store):
        def _insert(self, table, rows, cols):
            if table == "offices_learned":
                raise RuntimeError("disk full")
            super()._insert(table, rows, cols)

    r = hand_article("Le général Phan Van Giang, ministre de la Défense, a reçu Lavrov.", [
        (0, 46, GIANG)])
    with Failing(tmp_path / "db.duckdb") as db:
        with pytest.raises(RuntimeError):
            db.add(r)
        assert db.counts("mentions", "offices_learned") == dict.fromkeys(
            ("articles", "stories", "events", "event_actors", "mentions", "offices_learned"), 0)


# ----------------------------------------------------------------------------- offices

def test_offices_learned_from_appositions(real):
    path, results = real
    with Store(path, read_only=True) as db:
        groups = {(g["name"], g["title"]): g for g in db.offices()}
        evidence = db.office_evidence(name="giang")
    giang = groups[("Phan Van Giang", "Minister of Defence")]
    # two articles say so; the evidence date is the date of the event of the sentence (4 August)
    assert (giang["count"], giang["articles"], giang["basis"]) == (2, 2, "text")
    assert giang["first_date"] == giang["last_date"] == "2020-08-04"
    assert giang["actor_id"] == "phan_van_giang" and giang["country"] == "VNM"
    assert giang["office"] == "minister_of_defence"
    assert {e["text"] for e in evidence} == {"général Phan Van Giang, ministre de la Défense"}
    assert all(e["date_source"] == "event" for e in evidence)
    # the bare "Phan Van Giang" (office from the dictionary's dated tenure) is no evidence
    assert ("Phan Van Giang", "Deputy Minister of Defence") not in groups
    bez = groups[("Gennady Bezdetko", "Ambassador")]
    assert (bez["country"], bez["articles"]) == ("RUS", 2)
    # an unknown person with an office in the text
    assert groups[("Antonio Guterres", "Secretary-General")]["actor_id"] is None
    # a title before the name that the dictionary confirms
    assert groups[("Sergei Shoigu", "Minister of Defence")]["basis"] == "text+dictionary"


def test_office_evidence_rows_match_the_rules(real):
    _, results = real
    for r in results:
        for sr in r.stories:
            for m in sr.mentions:
                row = evidence_row(m, r.article.id, sr.story.story_id, sr.events,
                                   sr.story.published, r.article.published)
                rule = m.actor.rule
                if "(text)" in rule or (rule.startswith("ner:") and "+office:" in rule):
                    assert row is not None and row["basis"] == "text", m
                elif m.text == m.actor.name:
                    assert row is None, m


def test_offices_yaml_is_a_loadable_actor_file(real, tmp_path):
    path, _ = real
    with Store(path, read_only=True) as db:
        text = db.offices_yaml()
        assert db.offices_yaml(country="XXX").strip().endswith("[]")
    entries = yaml.safe_load(text)
    (guterres,) = entries            # known persons are commented out, confirmations left out
    assert guterres["id"] == "antonio_guterres" and guterres["country"] == "UN"
    (office,) = guterres["offices"]
    assert office["office"] == "secretary_general" and office["uncertain"] is True
    assert str(office["start"]) == "2020-08-03"
    assert "# - id: phan_van_giang" in text and "minister_of_defence" in text
    assert "sergei_shoigu" not in text
    f = tmp_path / "learned.yaml"
    f.write_text(text, encoding="utf-8")
    from annales.actors import ActorDictionary

    d = ActorDictionary.load(extra=(str(f),))
    assert d.persons["antonio_guterres"].offices[0].title == "Secretary-General"
    assert len(d.persons["phan_van_giang"].offices) > 1   # the shipped entry is untouched


GIANG = Actor(name="Phan Van Giang", country="VNM", sector="MIL", title="Minister of Defence",
              actor_id="phan_van_giang", kind="person",
              rule="person:phan_van_giang+office:minister_of_defence(text)+rank:General", confidence=0.95)


def _m(text, **kw):
    a = Actor(**{**GIANG.to_dict(), "members": [], **kw})
    return Mention(0, len(text), text, a)


def test_office_basis_rules():
    assert office_basis(_m("général Phan Van Giang, ministre de la Défense")) == "text"
    tenure = dict(rule="person:phan_van_giang+tenure:minister_of_defence")
    assert office_basis(_m("Phan Van Giang", **tenure)) is None
    assert office_basis(_m("général Phan Van Giang", rule=tenure["rule"] + "+rank:General")) is None
    assert office_basis(_m("le ministre de la Défense Phan Van Giang", **tenure)) == "text+dictionary"
    assert office_basis(_m("Président Vo Van Thuong", name="Vo Van Thuong",
                           rule="person:vo_van_thuong+tenure:head_of_state")) == "text+dictionary"
    # descriptions resolved through the dictionary or an antecedent: the name is not in the text
    assert office_basis(_m("le ministre russe de la Défense",
                           rule="office:minister_of_defence@RUS+holder:sergei_shoigu")) is None
    assert office_basis(_m("le ministre", rule="office:minister+antecedent:phan_van_giang")) is None
    assert office_basis(_m("le ministre", name=None, rule="office:minister+unresolved")) is None
    # unknown persons
    assert office_basis(_m("M. X, vice-ministre", name="X", actor_id=None, rule="ner:PER+office:deputy_minister")) == "text"
    assert office_basis(_m("X", name="X", actor_id=None, title=None, rule="ner:PER")) is None
    # not persons, or no title
    assert office_basis(_m("Vietnam", kind="country")) is None
    assert office_basis(_m("Phan Van Giang, ministre", title=None)) is None
    assert names_an_office("ministre russe de la Défense Sergueï Choïgou", "Sergei Shoigu")
    assert not names_an_office("M. Sergueï Choïgou", "Sergei Shoigu")
    assert not names_an_office("général de corps d'armée Phan Van Giang", "Phan Van Giang")


def hand_article(raw, mentions, events=(), published="2021-05-02", doc="h.txt"):
    art = Article(doc=doc, raw=raw, published=published)
    st = Story(article_id=art.id, story_id=f"{art.id}:0", doc=doc, text=raw,
               offsets=list(range(len(raw))), published=published)
    sr = StoryResult(story=st, mentions=[Mention(s, e, raw[s:e], a) for s, e, a in mentions])
    for ev in events:
        sr.events.append(Event(doc=doc, article_id=art.id, story_id=st.story_id, **ev))
    return ArticleResult(article=art, stories=[sr])


def test_evidence_date_prefers_the_event_of_the_sentence(tmp_path):
    raw = "Le général Phan Van Giang, ministre de la Défense, a reçu Lavrov le 30 avril. Fin."
    r = hand_article(raw, [(11, 48, GIANG), (60, 66, LAVROV)], events=[
        dict(type="CONSULT", date="2021-04-30", actors=[LAVROV], recipients=[GIANG],
             span=(52, 56), sentence_span=(0, 78)),
        dict(type="CONSULT", date="2021-01-01", actors=[LAVROV], recipients=[SON],   # not him
             span=(52, 57), sentence_span=(0, 78))])
    undated = hand_article("Phan Van Giang, ministre de la Défense, a parlé.", [(0, 38, GIANG)],
                           published=None, doc="u.txt")
    with Store(tmp_path / "db.duckdb") as db:
        db.add_many([r, undated])
        rows = {e["article_id"]: e for e in db.office_evidence()}
        assert rows[r.article.id]["evidence_date"] == "2021-04-30"
        assert rows[r.article.id]["date_source"] == "event"
        assert rows[undated.article.id]["evidence_date"] is None
        (g,) = db.offices()
        assert (g["first_date"], g["last_date"], g["count"]) == ("2021-04-30", "2021-04-30", 2)
        # LAVROV's rule ("persons.yaml:lavrov") is not a text office
        assert db.offices(name="lavrov") == []
    assert "start: 2021-04-30" in to_yaml([{**g, "actor_id": None}])


# ----------------------------------------------------------------------------- migration

def test_old_database_gets_the_new_tables(tmp_path):
    path = tmp_path / "old.duckdb"
    with Store(path) as db:
        db.add(make_result("Le ministre a rencontré Lavrov.", "a.txt", [dict(actors=[SON], recipients=[LAVROV])]))
        db.con.execute("DROP TABLE mentions")
        db.con.execute("DROP TABLE offices_learned")
    with Store(path, read_only=True) as db:   # read-only: nothing to migrate, queries still answer
        assert db.mentions() == [] and db.offices() == [] and db.office_evidence() == []
        assert db.offices_yaml().strip().endswith("[]")
        assert db.counts("mentions")["mentions"] == 0
        assert len(db.distinct_events()) == 1
    r = hand_article("Phan Van Giang, ministre de la Défense, a parlé.", [(0, 38, GIANG)])
    with Store(path) as db:
        assert db.add(r)
        assert db.counts("mentions", "offices_learned")["offices_learned"] == 1
        assert db.mentions()[0]["actor"] == GIANG.to_dict()


def test_mention_table_gets_columns_added_to_actor(tmp_path):
    """The additive migration covers the new tables too."""
    path = tmp_path / "db.duckdb"
    with Store(path) as db:
        db.con.execute("ALTER TABLE mentions DROP COLUMN members")
    with Store(path) as db:
        assert "members" in {r[0] for r in db.con.execute("DESCRIBE mentions").fetchall()}
        db.add(hand_article("Phan Van Giang a parlé.", [(0, 14, GIANG)]))
        assert db.mentions()[0]["actor"]["members"] == []


# ----------------------------------------------------------------------------- distinct events

def test_same_event_reported_by_two_articles_is_merged(real):
    path, results = real
    with Store(path, read_only=True) as db:
        all_events = db.events()
        merged = db.distinct_events()
        assert db.count_distinct_events() == len(merged)
        (visit,) = [d for d in merged if d["date"] == "2020-08-04"]
        assert len([e for e in all_events if e["date"] == "2020-08-04"]) == 2
        assert visit["reports"] == 2 and visit["n_events"] == 2
        assert visit["docs"] == ["giang1.txt", "giang2.txt"]        # first report first
        assert visit["article_ids"] == [r.article.id for r in results]
        assert visit["doc"] == "giang1.txt"                        # the first-reported event's fields
        assert {p["name"] for p in visit["participants"]} == {"Phan Van Giang", "Gennady Bezdetko"}
        # filters pick whole groups
        assert [d["reports"] for d in db.distinct_events(actor="bezdetko")] == [2]
        assert db.distinct_events(dyad=("VNM", "RUS"), since="2020-08-04", until="2020-08-04")[0]["reports"] == 2
        assert db.distinct_events(since="2021") == []


def _ev(date, actors, recipients=(), type="CONSULT", cameo="040", **kw):
    return dict(type=type, cameo=cameo, date=date, actors=list(actors), recipients=list(recipients), **kw)


def test_distinct_grouping_rule(tmp_path):
    a = make_result("Article A: le ministre a rencontré Lavrov.", "a.txt", [
        _ev("2023-07-06", [SON], [LAVROV], location=HANOI),
        _ev("2023-07-06", [VNM], [USA], type="AGREE", cameo="057"),
        _ev("XXXX-10-12", [VNM], [USA], type="COOPERATE", cameo="060"),
        _ev(None, [USA]),
    ], published="2023-07-06")
    b = make_result("Article B: Lavrov reçu par le ministre.", "b.txt", [
        _ev("2023-07-06", [LAVROV], [VNM]),                              # same event, other direction
        _ev("2023-07", [SON], [LAVROV]),                                 # month: another date
        _ev("2023-07-06", [VNM], [USA], type="AGREE", cameo="051"),    # other CAMEO family
        _ev("XXXX-10-12", [USA], [VNM], type="COOPERATE", cameo="060"),  # same year-less day
        _ev("XXXX-10-13", [USA], [VNM], type="COOPERATE", cameo="060"),  # another one
        _ev(None, [USA]),                                                # undated: never merged
    ], published="2023-07-07")
    c = make_result("Article C: rencontre", "c.txt", [
        _ev("2023-07-06", [Actor(name="les deux pays", kind="group", members=[LAVROV, SON])],
            cameo="0401"),                          # CAMEO family 040; the group members' states
        _ev("2023-07-06", [VNM], [USA], type="AGREE", cameo="057", span=(1, 2)),
    ], published="2023-07-05")
    with Store(tmp_path / "db.duckdb") as db:
        db.add_many([a, b, c])
        merged = db.distinct_events()
        assert len(db.events()) == 12
    keyed = {(d["type"], d["cameo"][:3], d["date"], d["reports"]) for d in merged}
    assert ("CONSULT", "040", "2023-07-06", 3) in keyed
    assert ("CONSULT", "040", "2023-07", 1) in keyed
    assert ("AGREE", "057", "2023-07-06", 2) in keyed and ("AGREE", "051", "2023-07-06", 1) in keyed
    assert ("COOPERATE", "060", "XXXX-10-12", 2) in keyed
    assert sum(1 for d in merged if d["date"] is None) == 2
    assert len(merged) == 8
    assert ("COOPERATE", "060", "XXXX-10-13", 1) in keyed
    consult = next(d for d in merged if d["type"] == "CONSULT" and d["date"] == "2023-07-06")
    assert consult["docs"] == ["c.txt", "a.txt", "b.txt"]               # by publication date
    assert consult["doc"] == "c.txt"
    assert {p["name"] for p in consult["participants"]} == {
        "Bui Thanh Son", "Sergueï Lavrov", "Vietnam", "les deux pays"}


def test_distinct_sql_export(tmp_path):
    a = make_result("A: rencontre.", "a.txt", [_ev("2023-07-06", [SON], [LAVROV])])
    b = make_result("B: rencontre.", "b.txt", [_ev("2023-07-06", [LAVROV], [SON])], published="2023-07-07")
    path = tmp_path / "db.duckdb"
    with Store(path) as db:
        db.add_many([a, b])
        assert db.export("parquet", tmp_path / "d.parquet", distinct=True) == 1
        assert db.export("csv", tmp_path / "d.csv", distinct=True) == 1
        assert db.export("jsonl", tmp_path / "d.jsonl", distinct=True) == 1
    (row,) = duckdb.sql(f"SELECT reports, docs FROM read_parquet('{tmp_path / 'd.parquet'}')").fetchall()
    assert row == (2, ["a.txt", "b.txt"])
    assert '"[""a.txt"",""b.txt""]"' in (tmp_path / "d.csv").read_text(encoding="utf-8")
