"""The time stage on the cases of its brief: exact values, rules and spans."""
from __future__ import annotations

import pytest

from annales.time import resolve_timexes


def one(text, anchor):
    found = resolve_timexes(text, anchor)
    assert len(found) == 1, [(t.text, t.value) for t in found]
    return found[0]


def values(text, anchor):
    return [(t.text, t.value) for t in resolve_timexes(text, anchor)]


@pytest.mark.parametrize("text,anchor,value", [
    ("le 6 juillet", "2023-07", "2023-07-06"),
    ("le 28 décembre", "2023-01", "2022-12-28"),        # year rollover: the recent past
    ("le 3 janvier", "2022-12-20", "2023-01-03"),       # ... or the very near future
    ("le 7 novembre", "2002-09-07", "2002-11-07"),
    ("le 6 mai", "1999-05-29", "1999-05-06"),
    ("le 1er juillet", "2023-07-10", "2023-07-01"),
    ("le 26 septembre dernier", "2002-02-09", "2001-09-26"),
    ("le 1er septembre prochain", "2003-02-07", "2003-09-01"),
    ("le 27 mai 1998", "1999-05-22", "1998-05-27"),
    ("le 10 novembre 93", "2002-01-21", "1993-11-10"),
    ("le 17/09/2025", "2023", "2025-09-17"),
    ("le 17.09.2025", None, "2025-09-17"),
    ("le 2025-09-17", None, "2025-09-17"),
    ("a eu lieu 12 octobre", None, "XXXX-10-12"),
    ("ce mercredi 17 septembre", None, "XXXX-09-17"),
    ("ce mercredi 17 septembre", "2025", "2025-09-17"),
    ("ce mercredi 17 septembre", "2025-09-20", "2025-09-17"),
])
def test_day_month(text, anchor, value):
    assert one(text, anchor).value == value


def test_a_count_after_a_day_is_no_two_digit_year():
    # "le 18 mars 50 véhicules": fifty vehicles on 18 March, not 18 March 1950
    assert one("a remis le 18 mars 50 véhicules au ministère", "2024-03").value == "2024-03-18"
    assert values("le 7 août 98 et lui", "2002-01") == [("le 7 août 98", "1998-08-07")]


def test_year_less_anchor_never_borrows_a_year():
    for t in resolve_timexes("Le 6 juillet, puis le 28 décembre et en juillet.", None):
        assert t.value.startswith("XXXX"), t


def test_inferred_year_lowers_confidence():
    explicit = one("le 6 juillet 2023", "2023-07")
    guessed = one("le 6 juillet", "2023-07")
    assert explicit.confidence == 1.0 and guessed.confidence < 1.0
    assert "inferred" in guessed.rule


def test_weekday_checks_the_year():
    # "samedi 5 juin" is 1999-06-05 (a Saturday), not 1998-06-05
    assert one("le samedi 5 juin", "1999-01-10").value == "1999-06-05"
    # with only the year known the weekday decides between neighbouring years
    assert one("lundi 17 octobre", "2023").value == "2022-10-17"


def test_wrong_weekday_in_the_reports_month():
    # 17 October 2023 was a Tuesday: in an October 2023 story the copy's weekday is a slip,
    # not a sign of October 2022
    assert one("lundi 17 octobre", "2023-10").value == "2023-10-17"


def test_weekday_part_of_day_and_comma_before_the_date():
    t = one("a eu une rencontre lundi après-midi, 17 octobre.", "2023-10")
    assert (t.text, t.value) == ("lundi après-midi, 17 octobre", "2023-10-17")


@pytest.mark.parametrize("text,anchor,value,end_value", [
    ("du 5 au 7 juillet", "2023-07", "2023-07-05", "2023-07-07"),
    ("du 28 juin au 2 juillet", "2023-07", "2023-06-28", "2023-07-02"),
    ("les 5 et 6 juillet", "2023-07", "2023-07-05", "2023-07-06"),
    ("entre le 3 et le 5 mai", "2023-07", "2023-05-03", "2023-05-05"),
    ("du 30 décembre au 2 janvier", "2023-01-10", "2022-12-30", "2023-01-02"),
    ("du mercredi 3 avril au samedi 6 avril", "2002-04-03", "2002-04-03", "2002-04-06"),
    ("2019-2020", "2023", "2019", "2020"),
    ("le plan 2026-2030", None, "2026", "2030"),
])
def test_ranges(text, anchor, value, end_value):
    found = [t for t in resolve_timexes(text, anchor) if t.end_value]
    assert len(found) == 1
    assert (found[0].value, found[0].end_value) == (value, end_value)


def test_span_inside_longer_phrase():
    text = "Dans la matinée du 6 juillet, la police est intervenue."
    t = one(text, "2023-07")
    assert t.value == "2023-07-06"
    assert text[t.start:t.end] == t.text and "6 juillet" in t.text


@pytest.mark.parametrize("text,value", [
    ("hier", "2023-07-05"),
    ("aujourd'hui", "2023-07-06"),
    ("aujourd’hui", "2023-07-06"),
    ("demain", "2023-07-07"),
    ("avant-hier", "2023-07-04"),
    ("lundi dernier", "2023-07-03"),
    ("mardi prochain", "2023-07-11"),
    ("ce matin", "2023-07-06"),
    ("hier soir", "2023-07-05"),
    ("il y a une semaine", "2023-06-29"),
    ("dans trois jours", "2023-07-09"),
    ("cette semaine", "2023-W27"),
    ("la semaine dernière", "2023-W26"),
    ("le mois prochain", "2023-08"),
    ("l'année dernière", "2022"),
    ("l'an prochain", "2024"),
    ("cette année", "2023"),
])
def test_deictic(text, value):
    # anchor 2023-07-06 is a Thursday
    assert one(text, "2023-07-06").value == value


def test_iso_week_of_brief():
    assert one("cette semaine", "1999-05-17").value == "1999-W20"


@pytest.mark.parametrize("text,value,rule", [
    ("Le ministre a déclaré mercredi que rien ne changerait.", "2023-07-05", "weekday_past_default"),
    ("Le conseil se réunira samedi à la mairie.", "2023-07-08", "weekday_future_tense"),
    ("Les modifications annoncées mercredi vont tout changer.", "2023-07-05", "weekday_past_default"),
    ("Le magasin est fermé depuis lundi.", "2023-07-03", "weekday_past_default"),
    ("Le marché a lieu ce jeudi.", "2023-07-06", "weekday_today"),
])
def test_weekday_direction(text, value, rule):
    t = [t for t in resolve_timexes(text, "2023-07-06") if t.type == "DATE"][0]
    assert (t.value, t.rule) == (value, rule)
    assert t.confidence < 1.0


def test_month_only_anchor_gives_month_precision():
    for text in ("hier", "mercredi", "cette semaine"):
        t = one(text, "2023-07")
        assert t.value == "2023-07" and t.confidence <= 0.3


def test_no_anchor_deictic_is_unresolved():
    assert one("hier", None).value is None
    assert one("mercredi", None).value == "XXXX-WXX-3"


@pytest.mark.parametrize("text,anchor,value", [
    ("en juillet", "2023-07-20", "2023-07"),
    ("en juillet", None, "XXXX-07"),
    ("juillet 2023", None, "2023-07"),
    ("en 2017", None, "2017"),
    ("octobre 98", "1999-05-23", "1998-10"),
    ("juin prochain", "1999-05-23", "1999-06"),
    ("septembre dernier", "2002-02-09", "2001-09"),
    ("les années 60", "1999", "196X"),
    ("la fin du XIXe siècle", "1999", "18XX"),
    ("ce week-end", "2003-02-04", "2003-W05-WE"),
    ("cet été", "2003-02-04", "2003-SU"),
])
def test_coarse_dates(text, anchor, value):
    t = [t for t in resolve_timexes(text, anchor) if t.type == "DATE"][-1]
    assert t.value == value


def test_times_durations_sets():
    found = resolve_timexes("Samedi 24 juillet à 15 h 45, pendant deux ans, tous les jeudis.", "1999-07-23")
    got = [(t.text, t.value, t.type) for t in found]
    assert got == [("Samedi 24 juillet", "1999-07-24", "DATE"),
                   ("15 h 45", "1999-07-24T15:45", "TIME"),
                   ("deux ans", "P2Y", "DURATION"),
                   ("tous les jeudis", "XXXX-WXX-4", "SET")]


def test_two_days_named_without_their_month_are_days_of_the_reports_month():
    t = one("Le ministre s'est rendu les 24 et 25 à Jakarta.", "2015-06")
    assert (t.value, t.end_value, t.rule) == ("2015-06-24", "2015-06-25", "range_days_no_month")
    assert t.confidence < 0.9                      # the month is guessed


@pytest.mark.parametrize("text,anchor", [
    ("Il a cité les 2 et 3 pays de la région.", "2015-06"),     # a count, not days
    ("Il s'est rendu les 24 et 25 à Jakarta.", "2015-06-20"),   # after the report: not this month's
])
def test_day_numbers_without_a_month_that_are_not_days(text, anchor):
    assert values(text, anchor) == []
