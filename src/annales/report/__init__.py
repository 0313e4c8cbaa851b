"""Report helpers for analysts: pure functions over event dicts (the JSON Lines records).

    rows = timeline(events, dyad=("VNM", "RUS"))   # one row per month
    m = dyad_matrix(events)                        # {(actor_country, recipient_country): n}
    plot_timeline(rows, "vnm_rus.png")             # needs matplotlib (not a dependency)
"""
from annales.report.tables import dyad_matrix, event_countries, timeline
from annales.report.plot import plot_timeline

__all__ = ["timeline", "dyad_matrix", "event_countries", "plot_timeline"]
