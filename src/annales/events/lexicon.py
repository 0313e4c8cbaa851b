"""Loads the event knowledge: trigger lexicon, CAMEO code table, PLOVER context cues.

All of it lives in `annales/data/events/`; a user adds a trigger or a code by editing those
files (or pointing ANNALES_TRIGGERS at an extra YAML file of the same shape).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from ..text import fold

ROLE_SCHEMES = {"directed", "host", "symmetric", "meeting"}
DEFAULT_CONSULT_INTENT = "036"


@dataclass(frozen=True)
class Trigger:
    id: str
    lemmas: frozenset[str]
    pos: str
    cameo: str
    roles: str
    stems: tuple[str, ...] = ()
    reflexive: bool = False
    reflexive_for: frozenset[str] = frozenset()
    obj: frozenset[str] = frozenset()
    not_obj: frozenset[str] = frozenset()
    obl: frozenset[str] = frozenset()
    governor: frozenset[str] = frozenset()
    needs: tuple[str, ...] = ()
    mode: str | None = None
    intent: str | None = None
    place_is_recipient: bool = False
    deep_obj: bool = False
    not_statement: bool = False
    dated: bool = False
    unless: frozenset[str] = frozenset()
    joint: bool = False
    partnered: bool = False
    not_to: bool = False

    @property
    def is_gift(self) -> bool:
        """An aid entry (CAMEO 07x): its goods, giver and receiver follow the gift rules."""
        return self.cameo.startswith("07")


@dataclass(frozen=True)
class Code:
    cameo: str
    type: str
    mode: str | None
    context: str | None
    score: float
    label: str


@dataclass
class Lexicon:
    triggers: list[Trigger]
    codes: dict[str, Code]
    contexts: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._by_lemma: dict[str, list[int]] = {}
        for n, t in enumerate(self.triggers):
            for key in t.lemmas:
                self._by_lemma.setdefault(key, []).append(n)
        self._by_stem = [(n, t.stems) for n, t in enumerate(self.triggers) if t.stems]

    def entries_for(self, lem: str, word: str) -> list[Trigger]:
        """The entries a word could match, in lexicon order: looked up by lemma and by form,
        plus the few entries known by word beginnings (so a sentence costs one dict look-up
        per word rather than one test per entry)."""
        hits = set(self._by_lemma.get(lem, ())) | set(self._by_lemma.get(word, ()))
        hits |= {n for n, stems in self._by_stem if word.startswith(stems)}
        return [self.triggers[n] for n in sorted(hits)]

    @property
    def event_nouns(self) -> frozenset[str]:
        """Nouns that name an event of their own (visite, réunion, conversation…)."""
        out: set[str] = set()
        for t in self.triggers:
            out |= t.obj if t.pos == "VERB" else t.lemmas
        return frozenset(out)

    def code(self, cameo: str) -> Code:
        try:
            return self.codes[cameo]
        except KeyError:
            raise KeyError(f"CAMEO code {cameo!r} used by a trigger is missing from cameo.tsv") from None


def _words(values) -> frozenset[str]:
    return frozenset(fold(v) for v in (values or []))


def _trigger(entry: dict, source: str) -> Trigger:
    missing = [k for k in ("id", "lemma", "pos", "cameo", "roles") if k not in entry]
    if missing:
        raise ValueError(f"{source}: trigger {entry.get('id', '?')} lacks {', '.join(missing)}")
    if entry["roles"] not in ROLE_SCHEMES:
        raise ValueError(f"{source}: trigger {entry['id']}: roles must be one of {sorted(ROLE_SCHEMES)}")
    return Trigger(
        id=entry["id"], lemmas=_words(entry["lemma"]), pos=entry["pos"].upper(),
        cameo=str(entry["cameo"]), roles=entry["roles"],
        stems=tuple(fold(s) for s in entry.get("stems", [])),
        reflexive=bool(entry.get("reflexive", False)),
        reflexive_for=_words(entry.get("reflexive_for")),
        obj=_words(entry.get("obj")), not_obj=_words(entry.get("not_obj")),
        obl=_words(entry.get("obl")), governor=_words(entry.get("governor")),
        needs=tuple(fold(n) for n in entry.get("needs", [])),
        mode=entry.get("mode"), intent=str(entry["intent"]) if entry.get("intent") else None,
        place_is_recipient=bool(entry.get("place_is_recipient", False)),
        deep_obj=bool(entry.get("deep_obj", False)),
        not_statement=bool(entry.get("not_statement", False)),
        dated=bool(entry.get("dated", False)),
        unless=_words(entry.get("unless")),
        joint=bool(entry.get("joint", False)),
        partnered=bool(entry.get("partnered", False)),
        not_to=bool(entry.get("not_to", False)),
    )


def _data(name: str) -> str:
    return resources.files("annales").joinpath("data", "events", name).read_text(encoding="utf-8")


def _codes(text: str) -> dict[str, Code]:
    codes = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cameo, typ, mode, context, score, label = (line.split("\t") + [""] * 6)[:6]
        codes[cameo] = Code(cameo, typ, mode or None, context or None, float(score), label)
    return codes


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The shipped lexicon, plus any files named in ANNALES_TRIGGERS (os.pathsep-separated)."""
    entries = [(e, "triggers.yaml") for e in yaml.safe_load(_data("triggers.yaml"))]
    for extra in filter(None, os.environ.get("ANNALES_TRIGGERS", "").split(os.pathsep)):
        # user entries come first so they can override the shipped ones
        entries = [(e, extra) for e in yaml.safe_load(Path(extra).read_text(encoding="utf-8"))] + entries
    codes = _codes(_data("cameo.tsv"))
    triggers = []
    for e, src in entries:  # fail at load time, not in the middle of a corpus
        t = _trigger(e, src)
        for cameo in filter(None, (t.cameo, t.intent)):
            if cameo not in codes:
                raise KeyError(f"{src}: trigger {t.id} uses CAMEO code {cameo!r}, missing from cameo.tsv")
        if not t.intent and codes[t.cameo].type == "CONSULT":
            # an undated future meeting of any kind is an intent to meet (AGREE 036)
            t = replace(t, intent=DEFAULT_CONSULT_INTENT)
        triggers.append(t)
    lex = Lexicon(
        triggers=triggers, codes=codes,
        contexts={k: tuple(fold(w) for w in v) for k, v in yaml.safe_load(_data("contexts.yaml")).items()},
    )
    return lex
