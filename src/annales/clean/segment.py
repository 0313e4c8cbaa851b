"""Cut an article's body into classified lines, then into a main story and teasers.

Wire pages as crawled are: [headline] [chapeau] captions and paragraphs, a sign-off
("-VNA"), then optional furniture ("source", "Voir plus") and a block of teasers, each a
caption, a headline and a short paragraph. Lines are spans of `Article.raw`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import furniture as F

_LINE = re.compile(r"[^\n]+")


@dataclass
class Line:
    start: int
    end: int
    kind: str            # text, headline, caption, furniture, voirplus
    signoff: bool = False
    anh_title: str | None = None   # headline repeated before `ảnh N` in a caption


@dataclass
class Item:
    title: Line | None = None
    body: list[Line] = field(default_factory=list)


def _stripped(raw: str, s: int, e: int) -> tuple[int, int]:
    while s < e and raw[s].isspace():
        s += 1
    while e > s and raw[e - 1].isspace():
        e -= 1
    return s, e


def classify(raw: str, start: int) -> list[Line]:
    out: list[Line] = []
    for m in _LINE.finditer(raw, start):
        for a, b in F.split_glued(m.group()):
            s, e = _stripped(raw, m.start() + a, m.start() + b)
            cell = e
            while cell > s and raw[cell - 1] in " |":
                cell -= 1
            if cell < e and F.caption_cut(raw[s:cell]) is None:
                # "Le 6e Dialogue …, le 4 juillet à Tokyo. |": a table cell's edge in the crawl
                # (a caption cell ending in its credit stays as it was: its date is the story's)
                e = cell
            if s >= e:
                continue
            text = raw[s:e]
            if F.VOIR_PLUS.match(text):
                out.append(Line(s, e, "voirplus"))
                continue
            if F.is_furniture(text):
                out.append(Line(s, e, "furniture", signoff=bool(F.SIGNOFF_END.search(text)
                                                                 or text.strip("-–— ") == "VNA")))
                continue
            cut = F.caption_cut(text)
            if cut == 0:
                anh = F.ANH.search(text)
                title = text[:anh.start()].strip() if anh else None
                out.append(Line(s, e, "caption", anh_title=title or None))
                continue
            if cut is not None:
                s, e = _stripped(raw, s, s + cut)
                text = raw[s:e]
            sign = F.signoff(text)
            if sign is not None:
                e = s + sign
                s, e = _stripped(raw, s, e)
                text = raw[s:e]
            if s >= e:
                if sign is not None:
                    out.append(Line(s, s, "furniture", signoff=True))
                continue
            kind = "headline" if F.is_headline(text) else "text"
            out.append(Line(s, e, kind, signoff=sign is not None))
    return out


def split_main(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """Main-story lines, and the lines after the sign-off or the "Voir plus" line."""
    for i, ln in enumerate(lines):
        if ln.kind == "voirplus":
            return lines[:i], lines[i + 1:]
        if ln.signoff:
            return lines[:i + 1], lines[i + 1:]
    return lines, []


def main_title(raw: str, main: list[Line]) -> Line | None:
    """The first content line if it reads as a headline and more text follows."""
    content = [ln for ln in main if ln.kind in ("text", "headline")]
    if len(content) >= 2 and content[0].kind == "headline":
        return content[0]
    return None


def group_teasers(raw: str, lines: list[Line]) -> list[Item]:
    """caption -> headline -> paragraph(s) items; a repeated headline counts once."""
    items: list[Item] = []
    cur: Item | None = None
    fresh = True                      # the next content line starts a new item
    for ln in lines:
        if ln.kind in ("caption",):
            fresh = True
            continue
        if ln.kind in ("furniture", "voirplus"):
            continue
        text = raw[ln.start:ln.end]
        if ln.kind == "headline":
            if cur is not None and cur.title is not None and not cur.body \
                    and raw[cur.title.start:cur.title.end] == text:
                continue              # the same headline twice (caption without credit)
            if fresh or cur is None or cur.body or cur.title is not None:
                cur = Item(title=ln)
                items.append(cur)
            else:
                cur.title = ln
            fresh = False
        else:
            if cur is None or fresh:
                cur = Item()
                items.append(cur)
            cur.body.append(ln)
            fresh = False
    return items
