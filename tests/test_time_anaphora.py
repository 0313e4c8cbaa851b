"""Narrative anaphora, false-year guards and a round trip on a small news text."""
from __future__ import annotations

from annales.time import resolve_timexes


def test_anaphora_chain_follows_previous_date():
    text = ("Le 6 juillet, les manifestants se sont rassemblés. Le lendemain, la police a "
            "chargé. Deux jours plus tard, le préfet a parlé. Le même jour, un accord a été "
            "signé. La veille, rien ne laissait prévoir la crise.")
    got = [(t.text, t.value) for t in resolve_timexes(text, "2023-07-20")]
    assert got == [("Le 6 juillet", "2023-07-06"), ("Le lendemain", "2023-07-07"),
                   ("Deux jours plus tard", "2023-07-09"), ("Le même jour", "2023-07-09"),
                   ("La veille", "2023-07-08")]
    assert all("anaphora" in t.rule for t in resolve_timexes(text, "2023-07-20")[1:])


def test_anaphora_without_previous_date_uses_day_anchor():
    t = resolve_timexes("Le lendemain, il est reparti.", "2023-07-06")[0]
    assert (t.value, t.rule) == ("2023-07-07", "anaphora_day")
    assert t.confidence < 0.85


def test_anaphora_without_any_anchor_is_unresolved():
    t = resolve_timexes("Le lendemain, il est reparti.", None)[0]
    assert t.value is None and "anaphora" in t.rule


def test_anaphora_on_year_less_teaser_keeps_no_year():
    text = "Le 12 octobre, un accord a été signé. Le lendemain, il a été dénoncé."
    got = [t.value for t in resolve_timexes(text, None)]
    assert got == ["XXXX-10-12", None]


def test_au_lendemain_de_in_apposition_restates_the_date():
    text = "Le scénario tenait la corde hier, au lendemain de la démission du gouvernement."
    got = [(t.text, t.value) for t in resolve_timexes(text, "1999-05-21")]
    assert got == [("hier", "1999-05-20"), ("au lendemain", "1999-05-20")]


def test_false_years_are_not_dates():
    text = ("Le budget atteint 100 millions d'euros pour 399 délégués et 2000 habitants; "
            "plus de 1500 personnes étaient là, sur 2 500 000 inscrits.")
    assert resolve_timexes(text, "2023") == []


def test_true_years_survive_guards():
    got = [(t.text, t.value, t.end_value) for t in resolve_timexes(
        "Les Army Games 2021 et le plan 2026-2030, comme en 1998 les Bleus.", "2023")]
    assert got == [("2021", "2021", None), ("2026-2030", "2026", "2030"), ("en 1998", "1998", None)]


def test_round_trip_news_text():
    text = ("Paris, 6 juillet. Le président a reçu hier le Premier ministre. Les deux hommes "
            "se reverront mardi prochain, avant le sommet prévu du 20 au 22 juillet à Bruxelles. "
            "En 2017, une rencontre semblable avait eu lieu le 14 mars. Le lendemain, un "
            "communiqué commun avait été publié.")
    found = resolve_timexes(text, "2023-07-06")
    for t in found:
        assert text[t.start:t.end] == t.text
    assert [t.start for t in found] == sorted(t.start for t in found)
    got = [(t.text, t.value, t.end_value) for t in found]
    assert got == [("6 juillet", "2023-07-06", None),
                   ("hier", "2023-07-05", None),
                   ("mardi prochain", "2023-07-11", None),
                   ("du 20 au 22 juillet", "2023-07-20", "2023-07-22"),
                   ("En 2017", "2017", None),
                   ("le 14 mars", "2023-03-14", None),
                   ("Le lendemain", "2023-03-15", None)]


def test_typographic_apostrophe_and_chained_anaphora():
    got = [(t.text, t.value) for t in resolve_timexes("l'avant-veille, puis L’avant-veille", "2023-07-06")]
    assert got == [("l'avant-veille", "2023-07-04"), ("L’avant-veille", "2023-07-02")]


def test_shift_counted_from_an_event_is_a_duration():
    found = resolve_timexes("Le 6 juillet 2020. Six ans après sa victoire, il revient.", "2023")
    t = found[1]
    assert (t.text, t.value, t.type) == ("Six ans après", "P6Y", "DURATION")


def test_empty_and_dateless_text():
    assert resolve_timexes("", "2023-07-06") == []
    assert resolve_timexes("Le chat dort sur le canapé.", None) == []
