"""benchmarks/bench.py: reads a corpus, measures both sides, writes its JSON report.

Speed itself is not asserted here (it is measured by `make bench`); only that the script
runs end to end on a tiny corpus and reports what the README quotes.
"""
from __future__ import annotations

import gzip
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ORANGESUM = ROOT.parent / "shared" / "data" / "orangesum" / "articles.jsonl.gz"


def _bench():
    spec = importlib.util.spec_from_file_location("annales_bench", ROOT / "benchmarks" / "bench.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_read_corpus_takes_the_first_articles_with_text(tmp_path):
    bench = _bench()
    path = tmp_path / "c.jsonl.gz"
    rows = [{"id": 1, "text": "Un."}, {"id": 2, "text": " "}, "not json", {"id": 3, "text": "Deux."},
            {"id": 4, "text": "Trois."}]
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for r in rows:
            fh.write((json.dumps(r) if isinstance(r, dict) else r) + "\n")
    lines = bench.read_corpus(path, 2)
    assert bench.texts_of(lines) == ["Un.", "Deux."]


def test_peak_rss_sees_the_children():
    bench = _bench()
    code = "import subprocess, sys, time; p = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(1)']); time.sleep(0.6); p.wait()"
    proc = subprocess.Popen([sys.executable, "-c", code])
    with bench.PeakRSS(proc.pid, interval=0.05) as rss:
        proc.wait()
    assert rss.peak > 0
    assert max(n for _, _, n in rss.samples) >= 2


@pytest.mark.skipif(not ORANGESUM.exists(), reason="../shared is absent")
def test_bench_writes_its_report(tmp_path):
    out = tmp_path / "results.json"
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench.py"), "--articles", "2",
                           "--workers", "1", "--out", str(out)], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=600)
    assert done.returncode == 0, done.stderr
    report = json.loads(out.read_text())
    assert report["articles"] == 2 and report["words"] > 0
    assert {"corpus", "parse", "machine", "runs"} <= set(report)
    run = report["runs"]["1"]
    assert {"spacy", "annales", "ratio", "ratio_wall"} <= set(run)
    for side in ("spacy", "annales"):
        assert {"seconds", "wall_s", "articles_per_s", "words_per_s", "peak_rss_mb"} <= set(run[side])
        assert run[side]["peak_rss_mb"] > 100     # a spaCy model is loaded
    assert run["spacy"]["load_s"] > 0 and run["annales"]["events"] >= 0
    assert "annales extract" in done.stdout
