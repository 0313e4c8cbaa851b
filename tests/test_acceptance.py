"""End to end, as a user runs it: the `annales` command on real files, scored against gold."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ANNALES = [sys.executable, "-m", "annales"]
needs_shared = pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="../shared is absent")


def run(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([*ANNALES, *args], capture_output=True, text=True, cwd=ROOT, timeout=900, **kw)


@pytest.fixture(scope="module")
def seed_events() -> list[dict]:
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared is absent")
    out = run("extract", *sorted(str(p) for p in (SHARED / "seeds").glob("*.txt")))
    assert out.returncode == 0, out.stderr
    return [json.loads(line) for line in out.stdout.splitlines()]


@needs_shared
def test_seed_articles_score_with_the_official_scorer(seed_events, tmp_path):
    pred = tmp_path / "events.jsonl"
    pred.write_text("".join(json.dumps(e) + "\n" for e in seed_events))
    out = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), "--gold",
                          str(SHARED / "eval" / "seeds.gold.jsonl"), "--pred", str(pred)],
                         capture_output=True, text=True, check=True)
    scores = json.loads(out.stdout.strip().splitlines()[-1])
    assert scores["f1"] >= 0.85, scores
    ok, n = map(int, scores["actor_names"].split("/"))
    assert ok == n, scores
    ok, n = map(int, scores["locations"].split("/"))
    assert ok == n, scores


@needs_shared
def test_every_seed_event_is_traceable(seed_events):
    for e in seed_events:
        assert e["trigger"] and e["sentence"] and e["rule"]
        start, end = e["span"]
        assert end > start


def test_examples_shipped_with_the_repo_score_against_their_gold():
    out = run("eval", "events", "--gold", "examples/gold.jsonl", "examples/articles")
    assert out.returncode == 0, out.stderr
    scores = json.loads(out.stdout.strip().splitlines()[-1])
    assert scores["gold"] >= 8
    assert scores["f1"] >= 0.7, out.stdout


def test_bad_inputs_get_one_line_each_and_good_files_still_go_through(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(" date 2023-07\nHanoï (VNA) - Le Premier ministre Pham Minh Chinh a reçu le 3 juillet "
                    "à Hanoï l'ambassadeur de France au Vietnam.\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    (tmp_path / "latin.txt").write_bytes(b"\xff\xfe\xfa\xfb caf\xe9 \x81\x8d\x8f")
    (tmp_path / "broken.jsonl").write_text('{"id": "a", "text": "Bonjour"\n', encoding="utf-8")
    missing = tmp_path / "nowhere.txt"
    out = run("extract", str(good), str(tmp_path / "empty.txt"), str(tmp_path / "binary.txt"),
              str(tmp_path / "latin.txt"), str(tmp_path / "broken.jsonl"), str(missing))
    assert out.returncode == 1
    assert "Traceback" not in out.stderr
    errors = [line for line in out.stderr.splitlines() if line.strip()]
    for name in ("empty.txt", "binary.txt", "latin.txt", "broken.jsonl", "nowhere.txt"):
        assert sum(name in line for line in errors) == 1, (name, errors)
    events = [json.loads(line) for line in out.stdout.splitlines()]
    assert any(e["cameo"] == "043" and e["doc"].endswith("good.txt") for e in events)


def test_timex_offsets_point_into_the_file_as_read(tmp_path):
    f = tmp_path / "a.txt"
    text = " date 2023-07\nHanoï (VNA) - Le ministre effectue du 5 au 7 juillet une visite en Russie.\n"
    f.write_text(text, encoding="utf-8")
    out = run("timex", str(f))
    assert out.returncode == 0, out.stderr
    recs = [json.loads(line) for line in out.stdout.splitlines()]
    rng = next(r for r in recs if r["value"] == "2023-07-05")
    assert rng["end_value"] == "2023-07-07"
    assert text[rng["start"]:rng["end"]] == rng["text"] and "5" in rng["text"]
