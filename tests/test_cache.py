"""annales.cache and its two users: spaCy's tokenizer regexes and the place index.

A cached result must be the very thing a fresh build gives, and a cache that is off,
stale or unwritable must cost nothing but time.
"""
from __future__ import annotations

import re
import subprocess
import sys
import textwrap

import pytest

from annales import cache
from annales.nlp.regex_cache import SUPPORTED, cached_regexes


@pytest.fixture
def cache_in(tmp_path, monkeypatch):
    d = tmp_path / "cache"
    monkeypatch.setenv("ANNALES_CACHE", str(d))
    return d


def test_store_then_load_gives_the_value_back(cache_in):
    value = {("a", "b"): [(True, False), "x", 1, 2.5, None], "k": frozenset({"u"})}
    assert cache.store("thing", "k1", value)
    assert cache.load("thing", "k1") == value
    assert list(cache_in.iterdir()) and not list(cache_in.glob("*.tmp"))


def test_another_key_is_a_miss(cache_in):
    cache.store("thing", cache.digest("one"), [1])
    assert cache.load("thing", cache.digest("two")) is None


def test_a_corrupt_file_is_a_miss(cache_in):
    key = cache.digest("one")
    cache.store("thing", key, [1])
    cache.path_for("thing", key).write_bytes(b"\x00garbage")
    assert cache.load("thing", key) is None


def test_off_stores_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("ANNALES_CACHE", "off")
    assert cache.cache_dir() is None
    assert not cache.store("thing", "k", [1])
    assert cache.load("thing", "k") is None


def test_an_unwritable_place_is_ignored(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("ANNALES_CACHE", str(blocker / "cache"))
    assert not cache.store("thing", "k", [1])
    assert cache.load("thing", "k") is None


def test_default_place_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv("ANNALES_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / "annales"


# -- regexes ------------------------------------------------------------------------------
BIG = "(?P<word>" + "|".join(f"mot{i}[-'][a-zé]+" for i in range(400)) + r")|(\d+)"
SAMPLES = ["mot7-été", "mot399'abc", "x mot12-z", "123", "mot401-a", "", "MOT7-été"]


def _behaviour(p: re.Pattern) -> list:
    return [p.pattern == BIG, p.flags, p.groups, dict(p.groupindex)] + [
        (m.span(), m.groups()) if (m := p.search(s)) else None for s in SAMPLES]


@pytest.mark.skipif(sys.version_info[:2] not in SUPPORTED, reason="regex cache is a no-op here")
def test_a_cached_regex_is_the_compiled_regex(cache_in):
    fresh = re._compiler.compile(BIG, re.IGNORECASE)
    with cached_regexes() as first:
        built = re._compiler.compile(BIG, re.IGNORECASE)
    with cached_regexes() as second:
        reread = re._compiler.compile(BIG, re.IGNORECASE)
    assert first == {"hit": 0, "miss": 1} and second == {"hit": 1, "miss": 0}
    assert _behaviour(reread) == _behaviour(built) == _behaviour(fresh)
    assert re._compiler.compile.__name__ == "compile"   # restored on exit


def test_regex_cache_off_compiles_as_usual(monkeypatch):
    monkeypatch.setenv("ANNALES_CACHE", "off")
    with cached_regexes() as counts:
        p = re._compiler.compile(BIG, 0)
    assert counts == {"hit": 0, "miss": 0}
    assert p.search("mot3-a")


def test_spacy_tokenizes_the_same_with_a_warm_cache(tmp_path):
    """Two fresh processes load the model with an empty, then a filled cache: same tokens."""
    code = textwrap.dedent("""
        from annales.nlp import load_nlp
        nlp = load_nlp()
        text = "Aujourd'hui, le porte-parole a-t-il dit qu'il viendra à Saint-Pétersbourg le 6 juillet ?"
        print("|".join(t.text for t in nlp.tokenizer(text)))
    """)
    env = {"ANNALES_CACHE": str(tmp_path / "c"), "PATH": "/usr/bin:/bin"}
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                           timeout=300) for _ in range(2)]
    assert all(r.returncode == 0 for r in runs), runs[0].stderr[-500:]
    assert runs[0].stdout == runs[1].stdout
    assert "a|-t|-il" in runs[0].stdout and "Saint-Pétersbourg" in runs[0].stdout
    if sys.version_info[:2] in SUPPORTED:
        assert list((tmp_path / "c").glob("regex-*.marshal"))


# -- place index ----------------------------------------------------------------------------
def test_place_table_from_the_cache_equals_a_fresh_build(cache_in):
    from annales.places import index as ix

    ddir = ix.data_dir()
    built = ix.build_table(ddir)
    assert ix.load_table(ddir) == built            # first call builds and stores
    assert list(cache_in.glob("places-*.marshal"))
    assert ix.load_table(ddir) == built            # second call reads the file


def test_entry_table_makes_the_entries_of_the_index(cache_in):
    from annales.places import index as ix

    ddir = ix.data_dir()
    _, by_tokens = ix.build_index(ix.build_entries(ix.GeoData(), ddir))
    table = ix.load_table(ddir)
    entries = ix.EntryTable(table["by_tokens"], table["records"])
    assert len(entries) == len(by_tokens)
    for toks in [("moscou",), ("hanoi",), ("ho", "chi", "minh", "ville"), ("vienne",), ("paris",)]:
        assert entries.get(toks) == by_tokens[toks]
    assert entries.get(("no", "such", "place")) is None
