"""PNG timeline plot. matplotlib is optional (not a dependency of annales)."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence


def plot_timeline(rows: Sequence[dict[str, Any]], path: str | Path, title: str | None = None) -> Path:
    """Bars: events per month by type (stacked); line: mean score. Writes a PNG at `path`.

    Raises RuntimeError with an install hint when matplotlib is not importable.
    """
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError as e:
        raise RuntimeError("plot_timeline needs matplotlib, which annales does not install: "
                           "pip install matplotlib (or export the rows with pandas and plot elsewhere)") from e
    months = [r["month"] for r in rows]
    types = sorted({t for r in rows for t in r.get("types", {})})
    fig, ax = plt.subplots(figsize=(max(6, 0.4 * len(months) + 2), 4))
    bottom = [0] * len(rows)
    for t in types:
        vals = [r.get("types", {}).get(t, 0) for r in rows]
        ax.bar(months, vals, bottom=bottom, label=t)
        bottom = [b + v for b, v in zip(bottom, vals)]
    ax.set_ylabel("events")
    ax.tick_params(axis="x", rotation=90)
    ax2 = ax.twinx()
    ax2.plot(months, [r.get("mean_score") for r in rows], color="black", marker="o", label="mean score")
    ax2.set_ylabel("mean score")
    if types:
        ax.legend(loc="upper left", fontsize="small")
    if title:
        ax.set_title(title)
    fig.tight_layout()
    path = Path(path)
    fig.savefig(path, format="png")
    plt.close(fig)
    return path
