"""report helpers over hand-made event dicts."""
from __future__ import annotations

import builtins

import pytest

from annales.report import dyad_matrix, plot_timeline, timeline


def ev(date, type_, score, actors, recipients):
    return {"date": date, "type": type_, "score": score,
            "actors": [{"name": None, "country": c} for c in actors],
            "recipients": [{"name": None, "country": c} for c in recipients], "location": None}


EVENTS = [
    ev("2023-07-06", "CONSULT", 4.0, ["VNM"], ["RUS"]),
    ev("2023-07-20", "AGREE", 6.0, ["RUS"], ["VNM"]),
    ev("2023-07-21", "CONSULT", None, ["VNM"], ["RUS", "CHN"]),
    ev("2023-09-16", "COOPERATE", 5.0, ["VNM"], ["RUS"]),
    ev("2023-09-17", "CONSULT", 1.0, ["VNM"], ["USA"]),
    ev("2023", "CONSULT", 1.0, ["VNM"], ["RUS"]),          # no month: skipped by timeline
    ev(None, "CONSULT", 1.0, ["VNM"], ["RUS"]),
    {"date": "2023-08-01", "type": "CONSULT"},             # no parties at all
]


def test_timeline_dyad_undirected():
    rows = timeline(EVENTS, dyad=("VNM", "RUS"))
    assert [r["month"] for r in rows] == ["2023-07", "2023-09"]
    jul, sep = rows
    assert jul["n"] == 3 and jul["types"] == {"AGREE": 1, "CONSULT": 2}
    assert jul["mean_score"] == pytest.approx(5.0)        # None score ignored
    assert sep == {"month": "2023-09", "n": 1, "mean_score": 5.0, "types": {"COOPERATE": 1}}


def test_timeline_directed_and_all():
    rows = timeline(EVENTS, dyad=("RUS", "VNM"), directed=True)
    assert [(r["month"], r["n"]) for r in rows] == [("2023-07", 1)]
    all_rows = timeline(EVENTS)
    assert [(r["month"], r["n"]) for r in all_rows] == [("2023-07", 3), ("2023-08", 1), ("2023-09", 2)]
    assert all_rows[1]["mean_score"] is None
    assert timeline([]) == []


def test_dyad_matrix():
    m = dyad_matrix(EVENTS)
    assert m[("VNM", "RUS")] == 5 and m[("RUS", "VNM")] == 1
    assert m[("VNM", "CHN")] == 1 and m[("VNM", "USA")] == 1
    u = dyad_matrix(EVENTS, directed=False)
    assert u[("RUS", "VNM")] == 6 and ("VNM", "RUS") not in u


def test_plot_timeline_without_matplotlib(monkeypatch, tmp_path):
    real_import = builtins.__import__

    def fake_import(name, *a, **k):
        if name.startswith("matplotlib"):
            raise ImportError("no matplotlib")
        return real_import(name, *a, **k)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    with pytest.raises(RuntimeError, match="matplotlib"):
        plot_timeline(timeline(EVENTS), tmp_path / "t.png")


def test_plot_timeline_png(tmp_path):
    pytest.importorskip("matplotlib")
    out = plot_timeline(timeline(EVENTS, dyad=("VNM", "RUS")), tmp_path / "t.png", title="VNM-RUS")
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
