"""clean stage: an Article -> its main Story, then one Story per "Voir plus" teaser.

    stories = clean_article(article)
    main, teasers = stories[0], stories[1:]

What is removed: photo captions and credits ("… Photo: VNA", "(Photo: …)", "Photo
d'archives", "Source: VNA"), Vietnamese `ảnh N` residue lines, "source" / "Voir plus" /
"-VNA" furniture, the sign-off token (the sentence before it stays), repeated headlines.
The headline opening an article becomes the story's title and stays its first paragraph:
in a crawl that lost the lead, it is the only place the story's fact is told (the coder
lets its events count only where the body tells none between the same states).
What is repaired: glued words and missing spaces after punctuation (`annales.clean.glue`),
whitespace runs (one space; paragraphs separated by a blank line).
Decisions:
- the dateline "Hanoï (VNA) - Le ministre …" becomes "Hanoï. Le ministre …": the place
  stays as its own short sentence (the filing place is not the event place, so it must not
  sit inside the first sentence), the agency tag and dash go;
- apostrophes are kept as written (’ and '): downstream handles both, and the text keeps
  a one-to-one character map; every whitespace character becomes a plain space;
- the commas around a weekday's date go ("a terminé mardi, 23 janvier, sa visite" reads
  "a terminé mardi 23 janvier sa visite"), as the parser loses the clause's object at them;
- a teaser with a headline and no body is still a Story (its text is the headline).
`Story.offsets[i]` is the index in `article.raw` of character i; inserted characters (". "
of a dateline, spaces between glued words, paragraph breaks) map to their left neighbour.
"""
from __future__ import annotations

from ..model import Article, Story
from . import furniture as F
from .glue import find_inserts, repair
from .mapped import MappedText, join
from .segment import Line, classify, group_teasers, main_title, split_main

__all__ = ["clean_article", "clean_paragraph", "clean_line_text"]

PARAGRAPH_SEP = "\n\n"


def clean_paragraph(mt: MappedText, context: str = "") -> MappedText:
    """Dateline, whitespace and glue repair on one paragraph, offsets kept."""
    d = F.dateline(mt.text)
    if d is not None:
        place_end, body_start = d
        mt = mt.delete([(place_end, body_start)]).insert({place_end: ". "})
    mt = mt.collapse_spaces()
    mt = mt.delete(F.date_commas(mt.text))
    cuts = find_inserts(mt.text, context)
    if cuts:
        mt = mt.insert({k: " " for k in cuts})
    return mt


def clean_line_text(text: str) -> str:
    """The same cleaning for a plain string (titles)."""
    return repair(" ".join(text.split()))


def _paragraphs(raw: str, lines: list[Line]) -> MappedText:
    parts = []
    prev = None
    for ln in lines:
        if ln.kind not in ("text", "headline") or ln.start >= ln.end:
            continue
        text = raw[ln.start:ln.end]
        if text == prev:
            continue
        prev = text
        parts.append(clean_paragraph(MappedText.from_raw(raw, ln.start, ln.end), raw))
    return join(parts, PARAGRAPH_SEP)


def clean_article(article: Article) -> list[Story]:
    raw = article.raw
    lines = classify(raw, article.body_start)
    main_lines, rest = split_main(lines)
    head = main_title(raw, main_lines)
    title = clean_line_text(raw[head.start:head.end]) if head else None
    if title is None:
        anh = next((ln.anh_title for ln in main_lines if ln.anh_title), None)
        title = clean_line_text(anh) if anh and F.is_headline(anh) else article.title
    # a headline identical to the title repeated later in the body is dropped too
    body_lines = [ln for ln in main_lines
                  if not (head and ln is not head and ln.kind == "headline"
                          and raw[ln.start:ln.end] == raw[head.start:head.end])]
    body = _paragraphs(raw, body_lines)
    stories = [Story(article_id=article.id, story_id=f"{article.id}-m", doc=article.doc,
                     text=body.text, offsets=body.offsets, published=article.published,
                     title=title, is_teaser=False)]
    for n, item in enumerate(group_teasers(raw, rest), start=1):
        t_title = clean_line_text(raw[item.title.start:item.title.end]) if item.title else None
        text = _paragraphs(raw, item.body)
        if not text.text and item.title is not None:
            text = _paragraphs(raw, [item.title])
        if not text.text:
            continue
        stories.append(Story(article_id=article.id, story_id=f"{article.id}-t{n}",
                             doc=article.doc, text=text.text, offsets=text.offsets,
                             published=None, title=t_title, is_teaser=True))
    return stories
