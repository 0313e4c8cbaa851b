"""Offices learned from the text: which person mentions are evidence of an office, and the
YAML export of what was learned in the format of `data/actors/persons.yaml`.

A mention is evidence when the text itself names the office of a named person, as in an
apposition ("Phan Van Giang, ministre de la Défense") or a preceding title ("le ministre
russe de la Défense Sergueï Choïgou"). The actor finder's `rule` tells where the title came
from (`annales.actors.finder`):

  person:ID+office:KEY(text)...   a known person, office read in the text (the dictionary
                                  has no matching office for the date)        -> basis "text"
  name+office:KEY / ner:PER+office:KEY
                                  an unknown person with an office in the text -> basis "text"
  person:ID+tenure:KEY...         the dictionary's office on the date. Evidence only when the
                                  mention holds more than the name (an office word beside it:
                                  the text confirms the dictionary)  -> basis "text+dictionary";
                                  a bare name ("Phan Van Giang", "général Phan Van Giang")
                                  gives nothing
  office:KEY@C+holder:ID / +antecedent / +unnamed / +unresolved
                                  a description resolved through the dictionary or an earlier
                                  mention: the name is not in the text, nothing is learned

The evidence date is the date of an event of the same sentence in which the person takes
part (when it has a year), else the story's publication date, else the article's.
"""
from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from typing import Any, Iterable

from ..model import Event, Mention

_OFFICE_KEY = re.compile(r"\+(?:office|tenure):([A-Za-z0-9_]+(?:@[A-Za-z0-9_.\-]+)?)")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)
_YEAR = re.compile(r"^\d{4}")

# Words beside a name that are not an office: articles, honorifics, military ranks.
_NOT_OFFICE = {
    "le", "la", "les", "l", "de", "du", "des", "d", "et", "a", "au", "aux", "son", "sa", "ses",
    "m", "mm", "mme", "mmes", "mlle", "monsieur", "madame", "messieurs", "dr", "docteur",
    "professeur", "pr", "excellence", "camarade", "feu",
    "general", "generale", "colonel", "lieutenant", "amiral", "vice-amiral", "contre-amiral",
    "marechal", "capitaine", "major", "commandant", "sergent", "corps", "armee", "division",
    "brigade", "lieutenant-general", "general-major", "lieutenant-colonel", "senior", "superieur",
}
# Capitalised words that are offices all the same ("Président Vo Van Thuong").
_OFFICE_HEADS = {
    "president", "presidente", "vice-president", "vice-presidente", "ministre", "vice-ministre",
    "secretaire", "ambassadeur", "ambassadrice", "chef", "roi", "reine", "gouverneur",
    "chancelier", "chanceliere", "directeur", "directrice", "premier", "emir", "sultan",
}


def _fold(text: str) -> str:
    t = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in t if not unicodedata.combining(c))


def mention_id(story_id: str, start: int, end: int) -> str:
    return hashlib.sha1(f"{story_id}|{start}|{end}".encode()).hexdigest()[:16]


def names_an_office(text: str, name: str | None = None) -> bool:
    """Does the mention text hold an office word besides the person's name?

    Lower-case words other than articles, honorifics and ranks count ("ministre russe de la
    Défense Sergueï Choïgou"); capitalised words are taken as the name (any transliteration)
    unless they are an office head ("Président", "Premier ministre").
    """
    name_words = {_fold(w) for w in _WORD.findall(name or "")}
    for w in _WORD.findall(text):
        f = _fold(w)
        if f in name_words or f in _NOT_OFFICE:
            continue
        if w[0].isupper() and f not in _OFFICE_HEADS:
            continue
        if len(f) >= 2:
            return True
    return False


def office_basis(m: Mention) -> str | None:
    """'text', 'text+dictionary' or None (not evidence): see the module docstring."""
    a = m.actor
    if a is None or a.kind != "person" or not a.name or not a.title:
        return None
    rule = a.rule or ""
    if any(x in rule for x in ("+holder:", "+antecedent", "+unnamed", "+unresolved")):
        return None
    if rule.startswith(("person:", "person-short:")):
        if "(text)" in rule:
            return "text"
        if "+tenure:" in rule and names_an_office(m.text, a.name):
            return "text+dictionary"
        return None
    if rule.startswith(("name", "ner:")) and "+office:" in rule:
        return "text"
    return None


def office_key(rule: str) -> str | None:
    """The offices.yaml key a rule names (`+office:KEY` or `+tenure:KEY`), if any."""
    m = _OFFICE_KEY.search(rule or "")
    return m.group(1) if m else None


def _takes_part(ev: Event, a: Any) -> bool:
    people = list(ev.actors) + list(ev.recipients)
    people += [x for p in list(people) for x in (p.members or [])]
    for p in people:
        if a.actor_id and p.actor_id == a.actor_id:
            return True
        if p.name and p.name == a.name and p.kind == "person":
            return True
    return False


def evidence_date(m: Mention, events: Iterable[Event], story_published: str | None,
                  article_published: str | None) -> tuple[str | None, str | None]:
    """(date, source): an event of the mention's sentence naming the person, else publication."""
    for ev in events:
        s0, s1 = ev.sentence_span
        if s0 <= m.start < s1 and ev.date and _YEAR.match(ev.date) and _takes_part(ev, m.actor):
            return ev.date, "event"
    if story_published:
        return story_published, "story"
    if article_published:
        return article_published, "article"
    return None, None


def evidence_row(m: Mention, article_id: str, story_id: str, events: Iterable[Event],
                 story_published: str | None, article_published: str | None) -> dict[str, Any] | None:
    """The `offices_learned` row of a mention, or None when it is not evidence of an office."""
    basis = office_basis(m)
    if basis is None:
        return None
    a = m.actor
    date, source = evidence_date(m, events, story_published, article_published)
    return {
        "mention_id": mention_id(story_id, m.start, m.end), "name": a.name, "actor_id": a.actor_id,
        "country": a.country, "title": a.title, "sector": a.sector, "office": office_key(a.rule),
        "basis": basis, "evidence_date": date, "date_source": source, "article_id": article_id,
        "story_id": story_id, "start": int(m.start), "end": int(m.end), "text": m.text,
        "rule": a.rule, "confidence": float(a.confidence),
    }


# ----------------------------------------------------------------------------- YAML export

_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9 _.'\-]*$")


def _y(v: Any) -> str:
    """A YAML scalar: plain when safe, else a JSON string (valid YAML)."""
    if v is None:
        return "null"
    s = str(v)
    if _PLAIN.match(s) and s.lower() not in ("null", "true", "false", "yes", "no", "on", "off", "y", "n"):
        return s
    if re.match(r"^\d{4}(-\d{2}(-\d{2})?)?$", s):
        return s
    return json.dumps(s, ensure_ascii=False)


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", _fold(name)).strip("_")


def to_yaml(groups: list[dict[str, Any]]) -> str:
    """Offices learned (`Store.offices()` records) as persons.yaml entries to review and merge.

    Only offices read in the text (basis "text") and dated are written: those the dictionary
    already gives for the date add nothing, and an undated one would read as "always".
    `start`/`end` are the first and last evidence dates, the span the text attests, not the
    tenure: hence `uncertain: true`.
    """
    people: dict[str, dict[str, Any]] = {}
    for g in groups:
        if g.get("basis") != "text" or not g.get("first_date"):
            continue   # nothing new, or no date to bound the office with
        pid = g.get("actor_id") or slug(g["name"])
        p = people.setdefault(pid, {"id": pid, "name": g["name"], "country": g.get("country"),
                                    "known": bool(g.get("actor_id")), "offices": []})
        p["offices"].append(g)
    lines = [
        "# Offices learned from the text by `annales offices --format yaml`.",
        "# REVIEW before merging into src/annales/data/actors/persons.yaml (schema in its header).",
        "# start/end: the first and last dates the text attests the office, not the tenure.",
        "# Persons already in the dictionary are commented out: an entry with the same id in an",
        "# --actors file replaces the shipped one, so merge their offices into that entry by hand.",
        "# The new persons below can be used as they are: annales ingest --actors THIS_FILE ...",
    ]
    for pid, p in people.items():
        c = "# " if p["known"] else ""
        block = [f"- id: {_y(pid)}" + ("   # known: merge into the existing entry" if p["known"] else ""),
                 f"  name: {_y(p['name'])}"]
        if p["country"]:
            block.append(f"  country: {_y(p['country'])}")
        block.append("  offices:")
        for g in p["offices"]:
            key = g.get("office") or slug(g["title"])
            item: list[tuple[str, Any]] = [("office", key)]
            if "@" in key:   # an office composed with a body: base key, title from the text
                item = [("office", key.split("@", 1)[0]), ("title", g["title"])]
            if g.get("sector"):
                item.append(("sector", g["sector"]))
            if g.get("first_date"):
                item.append(("start", g["first_date"]))
            if g.get("last_date"):
                item.append(("end", g["last_date"]))
            body = ", ".join(f"{k}: {_y(v)}" for k, v in item) + ", uncertain: true"
            n = g.get("articles") or g.get("count")
            example = " ".join(str((g.get("texts") or [""])[0]).split())
            block.append(f"    - {{{body}}}   # {g['title']}; {n} article(s): {example}")
        lines.append("")
        lines += [c + b for b in block]
    if not any(not p["known"] for p in people.values()):
        lines += ["", "[]"]   # still a valid (empty) dictionary file
    return "\n".join(lines).rstrip() + "\n"
