"""Regular expressions for French time expressions, built from the lexicon.

One compiled pattern per rule; the rule's name is what `Timex.rule` reports, so a wrong
value can be traced to the pattern that fired. Patterns only find spans and capture parts;
the meaning (which year, which weekday) is decided in `resolve.py`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import lexicon

B = r"(?<![\w])"          # left word boundary that also works before accented letters
E = r"(?![\w])"           # right word boundary
AP = "['\u2019]"          # straight or typographic apostrophe


@dataclass(frozen=True)
class Rule:
    name: str
    regex: re.Pattern
    priority: int = 0      # breaks ties between equally long overlapping matches


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    lx = lexicon()
    month = lx.alternation("months")
    abbr = lx.alternation("month_abbreviations")
    monthx = rf"(?:{month}|{abbr}\.?)"
    wd = lx.alternation("weekdays")
    day = r"(?:1er|1re|premier|[12]\d|3[01]|0?[1-9])"
    year4 = r"(?:1[0-9]\d\d|20\d\d|21\d\d)"
    # a two-digit year ("10 novembre 93"), but not a count opening a noun phrase ("a remis
    # le 18 mars 50 véhicules")
    year = rf"(?:{year4}|{AP}?\d\d(?!\s+(?!(?:et|à|au|aux|en|dans|par|pour|sur|avec|lors)\b)[a-zà-ÿ]))"
    rel = rf"(?:{lx.alternation('relative_past')}|{lx.alternation('relative_future')})"
    part = lx.alternation("day_parts")
    num = rf"(?:\d+|{lx.alternation('numbers')})"
    unit = lx.alternation("units")
    deictic = lx.alternation("deictic_days")
    anaphora = lx.alternation("anaphora_days")
    season = lx.alternation("seasons")
    period = lx.alternation("period_words")

    def c(p: str) -> re.Pattern:
        return re.compile(B + p + E, re.IGNORECASE)

    table = [
        # "du 28 juin au 2 juillet 2023", "entre le 3 et le 5 mai", "les 5 et 6 juillet"
        Rule("range_day_month", c(
            rf"(?:du|entre(?: le)?|les)\s+(?:{wd}\s+)?(?P<d1>{day})(?:\s+(?P<m1>{monthx})(?:\s+(?P<y1>{year4}))?)?"
            rf"\s+(?:au|et(?: le)?|-)\s+(?:{wd}\s+)?(?P<d2>{day})\s+(?P<m2>{monthx})"
            rf"(?:\s+(?P<y2>{year}))?(?:\s+(?P<rel>{rel}))?"), 5),
        # "s'est rendu les 24 et 25 à Jakarta": two days of the month of the report, named
        # without it (only before a preposition or punctuation, not "les 2 et 3 pays")
        Rule("range_days_no_month", c(
            rf"(?:du|les)\s+(?P<d1>{day})\s+(?:au|et)\s+(?P<d2>{day})(?=\s*(?:[,.;:)]|à\s|au\s|en\s|dans\s|pour\s))"), 2),
        # "17/09/2025", "17.09.2025", "17-09-25"
        Rule("date_numeric_dmy", c(r"(?P<d>[0-3]?\d)(?P<sep>[/.])(?P<m>[01]?\d)(?P=sep)(?P<y>\d{4}|\d\d)"), 4),
        # "2025-09-17"
        Rule("date_iso", c(r"(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)"), 4),
        # "le mercredi 1er mai 2002", "6 juillet", "10 novembre 93", "26 septembre dernier",
        # "lundi après-midi, 17 octobre"
        Rule("date_day_month", c(
            rf"(?:(?:le|ce|dès le|au|depuis le)\s+)?(?:(?P<wd>{wd})(?:\s+(?:{part}))?,?\s+)?(?P<d>{day})\s+(?P<m>{monthx})"
            rf"(?:\s+(?P<y>{year}))?(?:\s+(?P<rel>{rel}))?"), 3),
        # "en juillet", "juillet 2023", "octobre 98", "juin prochain", "début octobre"
        Rule("month", c(
            rf"(?:(?P<prep>en|début|fin|mi-|courant|au mois de|le mois de|mois de|depuis)\s*)?(?P<m>{month})"
            rf"(?:\s+(?P<y>{year}))?(?:\s+(?P<rel>{rel}))?"), 1),
        # "2019-2020", "2026-2030", "de 2019 à 2021", "entre 2019 et 2021"
        Rule("year_range", c(
            rf"(?:(?:de|entre)\s+)?(?P<y1>{year4})\s*(?:-|–|à|et)\s*(?P<y2>{year4})"), 2),
        # "en 2017", "l'année 2001", "l'an 2000", "1975"
        Rule("year", c(rf"(?:(?:en|l{AP}année|l{AP}an|année)\s+)?(?P<y>{year4})"), 0),
        # "les années 60", "les années 1990"
        Rule("decade", c(r"(?:(?:au |le )?(?:début|milieu|fin) des |les |des |dans les )?années\s+(?P<y>(?:19|20)?\d0)"), 1),
        # "le XIXe siècle", "au XXIe siècle"
        Rule("century", c(r"(?:(?:le|au|du)\s+)?(?P<c>[XVI]+)e\s+siècle"), 1),
        # "hier", "hier soir", "aujourd'hui vendredi", "demain matin"
        Rule("deictic_day", c(rf"(?P<w>{deictic})(?:\s+(?P<part>{part}|{wd}))?"), 2),
        # "ce matin", "ce soir", "cet après-midi", "cette nuit"
        Rule("deictic_part", c(rf"(?:ce|cet|cette)\s+(?P<part>{part})"), 2),
        # "le même jour", "le lendemain (matin)", "la veille"
        Rule("anaphora_day", c(rf"(?P<w>{anaphora})(?:\s+(?P<part>{part}))?"), 2),
        Rule("anaphora_lendemain", c(r"lendemain"), -1),
        # "deux jours plus tard", "trois semaines auparavant"
        Rule("anaphora_shift", c(
            rf"(?P<n>{num})\s+(?P<u>jours?|semaines?|mois|ans?|années?)\s+(?P<dir>plus tard|après|plus tôt|auparavant|avant)"), 3),
        # "il y a une semaine", "dans trois jours"
        Rule("deictic_shift", c(rf"(?P<dir>il y a|dans)\s+(?P<n>{num})\s+(?P<u>jours?|semaines?|mois|ans?|années?)"), 3),
        # "mercredi", "lundi dernier", "mardi prochain", "ce dimanche", "mardi soir"
        Rule("weekday", c(
            rf"(?:(?P<this>ce|cette)\s+)?(?:(?P<same>même)\s+)?(?P<wd>{wd})(?:\s+(?P<rel>{rel}))?(?:\s+(?P<part>{part}))?"), 1),
        # "tous les jeudis", "chaque lundi"
        Rule("set_weekday", c(rf"(?:tous les|chaque)\s+(?P<wd>{wd})s?"), 3),
        Rule("set_period", c(rf"(?:tous les|toutes les|chaque)\s+(?P<u>jours?|semaines?|mois|ans|années?)"), 3),
        # "l'année dernière", "le mois prochain", "cette semaine", "ce week-end", "l'an dernier"
        Rule("relative_period", c(
            rf"(?:(?P<this>cette|cet|ce)\s+|(?:l{AP}|le\s+|la\s+))(?P<p>{period})(?:\s+(?P<rel>{rel}))?"), 1),
        # "cet été", "l'automne", "au printemps 2003"
        Rule("season", c(rf"(?:(?P<this>cet|ce|cette)\s+|l{AP}|au\s+|en\s+)(?P<s>{season})(?:\s+(?P<y>{year4}))?(?:\s+(?P<rel>{rel}))?"), 1),
        # "maintenant", "actuellement", "désormais"
        Rule("present_ref", c(rf"(?:maintenant|actuellement|désormais|à présent|pour l{AP}instant|pour le moment|de nos jours)"), 0),
        # "22 h", "21 h 45", "14h30", "midi", "minuit"
        Rule("clock_time", c(r"(?P<h>[01]?\d|2[0-4])\s?h(?:\s?(?P<mi>[0-5]\d))?(?![\w/])|(?:à|vers|avant|après|dès|jusqu'à)\s+(?P<noon>midi|minuit)"), 0),
        # "deux ans", "30,4 secondes", "six mois"
        Rule("duration", c(rf"(?P<n>\d+(?:,\d+)?|{num})\s+(?P<u>{unit})"), -1),
    ]
    return tuple(table)
