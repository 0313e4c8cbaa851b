"""TimeBank glue: header offsets, and the acceptance run against French TimeBank."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from annales.time.timebank import predict_file

SHARED = Path(__file__).resolve().parents[2] / "shared"
SCORER = SHARED / "eval" / "score_timebank.py"


def test_predict_file_offsets_include_header(tmp_path):
    f = tmp_path / "a.txt"
    raw = " date 1999-05-21\nLe conseil s'est réuni hier, du 19 au 23 juillet.\n"
    f.write_text(raw, encoding="utf-8")
    recs = predict_file(str(f))
    assert [(raw[r["start"]:r["end"]], r["value"]) for r in recs] == [
        ("hier", "1999-05-20"), ("du 19", "1999-07-19"), ("23 juillet", "1999-07-23")]


@pytest.mark.shared
def test_timebank_day_accuracy(tmp_path):
    if not SCORER.exists():
        pytest.skip("../shared (French TimeBank scorer) is absent")
    out = tmp_path / "tb"
    files = subprocess.run([sys.executable, str(SCORER), "export", str(out)], check=True,
                           capture_output=True, text=True).stdout.split()
    pred = tmp_path / "pred.jsonl"
    with open(pred, "w", encoding="utf-8") as fh:
        for f in files:
            for rec in predict_file(f):
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    res = json.loads(subprocess.run([sys.executable, str(SCORER), "score", str(pred)], check=True,
                                    capture_output=True, text=True).stdout)
    assert res["day_gold"] == 150
    assert res["day_accuracy"] >= 0.80, res
