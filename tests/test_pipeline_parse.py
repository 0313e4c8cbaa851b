"""Selective parsing (annales.nlp.prefilter): the parser runs only on the sentences the event
coder can read, and nothing the pipeline outputs changes.

The reference is the full parse (`Pipeline(parse="all")`). Runs on the repository's
examples, plus the seed articles and a few OrangeSum articles when ../shared is present.
"""
from __future__ import annotations

import copy
import gzip
import json
from pathlib import Path

import pytest

from annales.ingest import iter_articles
from annales.model import Article

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ORANGESUM = SHARED / "data" / "orangesum" / "articles.jsonl.gz"


@pytest.fixture(scope="module")
def pipelines():
    """(selective, full): one Pipeline, and a shallow copy of it that parses everything."""
    from annales.pipeline import Pipeline

    fast = Pipeline(parse="triggers")
    full = copy.copy(fast)
    full.parse, full.selective = "all", None
    assert fast.selective is not None and fast.selective.enabled
    return fast, full


def _articles() -> list[Article]:
    paths = [ROOT / "examples" / "articles"]
    if (SHARED / "seeds").is_dir():
        paths.append(SHARED / "seeds")
    arts = [a for a in iter_articles(paths) if isinstance(a, Article)]
    if ORANGESUM.exists():
        with gzip.open(ORANGESUM, "rt", encoding="utf-8") as fh:
            for n, line in enumerate(fh):
                if n >= 12:
                    break
                obj = json.loads(line)
                arts.append(Article(doc=f"orangesum#{obj['id']}", raw=obj["text"], published=obj["published"]))
    return arts


@pytest.fixture(scope="module")
def texts(pipelines) -> list[str]:
    fast, _ = pipelines
    return [s.text for a in _articles() for s in fast.stories(a)[0]]


def test_lemmatizer_index_is_a_set(pipelines):
    lookups = pipelines[0].nlp.get_pipe("lemmatizer").lookups
    table = lookups.get_table("lemma_index")
    assert all(not isinstance(table[k], list) for k in table.keys())
    assert "maison" in table["noun"]


def test_prefilter_keeps_every_sentence_with_a_trigger(pipelines, texts):
    from annales.events.triggers import find_candidates

    fast, full = pipelines
    lexicon = fast.coder.lexicon
    found = 0
    for doc in full.nlp.pipe(texts):
        for sent in doc.sents:
            if find_candidates(sent, lexicon):
                found += 1
                assert fast.trigger_filter.sentence(sent), sent.text
    assert found >= 10   # the examples and seeds are full of events


def test_selective_parse_matches_the_full_parse(pipelines, texts):
    from annales.nlp.prefilter import PARSED_KEY

    fast, full = pipelines
    parsed = 0
    for a, b in zip(full.nlp.pipe(texts), fast.selective.pipe(texts)):
        assert [t.is_sent_start for t in a] == [t.is_sent_start for t in b]
        assert [(t.pos_, t.lemma_, str(t.morph), t.ent_iob_, t.ent_type_) for t in a] == \
               [(t.pos_, t.lemma_, str(t.morph), t.ent_iob_, t.ent_type_) for t in b]
        assert len(list(a.sents)) == len(list(b.sents))
        for sa, sb in zip(a.sents, b.sents):
            assert (sa.start, sa.end) == (sb.start, sb.end)
            if fast.trigger_filter.sentence(sb):
                parsed += 1
                assert [(t.head.i, t.dep_) for t in sa] == [(t.head.i, t.dep_) for t in sb], sb.text
            else:   # a flat tree inside the sentence
                assert all(sb.start <= t.head.i < sb.end for t in sb)
        assert b.user_data[PARSED_KEY] >= 0
    assert parsed
    stats = fast.selective.stats
    assert 0 < stats["parsed_tokens"] < stats["tokens"]


def test_events_are_the_same_with_and_without_the_prefilter(pipelines):
    fast, full = pipelines
    arts = _articles()

    def coded(pipe):
        return [json.dumps(e.to_dict(), sort_keys=True) for r in pipe.process_many(copy.deepcopy(arts))
                for e in r.events]

    a, b = coded(full), coded(fast)
    assert a == b
    assert len(a) >= 10


def test_story_without_trigger_word_is_not_parsed(pipelines):
    from annales.nlp.prefilter import PARSED_KEY

    fast, _ = pipelines
    doc = next(fast.selective.pipe(["Il pleut sur la ville. Les arbres sont verts."]))
    assert doc.user_data[PARSED_KEY] == 0
    assert [len(s) for s in doc.sents] == [6, 5]
    assert all(t.dep_ in ("ROOT", "dep") for t in doc)
    art = Article(doc="t.txt", raw="Il pleut sur la ville. Les arbres sont verts.")
    assert fast.process(art).events == []


def test_sentences_to_parse_adds_mention_sentences_up_to_the_last_trigger(pipelines):
    from annales.nlp.prefilter import sentences_to_parse

    fast, _ = pipelines
    text = ("Le ministre Pham Binh Minh est arrivé hier. Le ciel est bleu. "
            "Il a rencontré son homologue. M. Lavrov est reparti.")
    doc = next(fast.selective.analyse([text]))
    mentions = fast.finder.find(doc, "2020-01-01")
    ranges = sentences_to_parse(doc, fast.trigger_filter, mentions)
    sents = [doc[s:e].text.strip() for s, e in ranges]
    assert "Il a rencontré son homologue." in sents
    assert "Le ciel est bleu." not in sents
    assert any("Pham Binh Minh" in s for s in sents)     # a mention before the trigger
    assert not any("Lavrov" in s for s in sents)         # after the last trigger
    assert sentences_to_parse(next(fast.selective.analyse(["Le ciel est bleu."])), fast.trigger_filter) == []


def test_trigger_filter_on_a_small_lexicon(pipelines):
    from annales.events.lexicon import Lexicon, Trigger
    from annales.nlp.prefilter import TriggerFilter

    lex = Lexicon(triggers=[Trigger(id="v", lemmas=frozenset({"rencontrer"}), pos="VERB", cameo="040", roles="meeting"),
                            Trigger(id="n", lemmas=frozenset({"visite"}), pos="NOUN", cameo="042", roles="host",
                                    stems=("entretien",))], codes={})
    tf = TriggerFilter(lex)
    doc = pipelines[0].nlp("Elle a rencontré le maire. Une visite. Des entretiens. Il dort.")
    assert [tf.sentence(s) for s in doc.sents] == [True, True, True, False]


def test_parse_mode_is_checked():
    from annales.pipeline import Pipeline

    with pytest.raises(ValueError):
        Pipeline(parse="some")
