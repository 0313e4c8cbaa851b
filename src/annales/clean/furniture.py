"""Page furniture of wire copy: photo captions and credits, `ảnh N` residue, sign-offs,
datelines, "source" / "Voir plus" lines, headlines.

Every function works on one line of text and returns positions, so the caller can cut
while keeping its offset map.
"""
from __future__ import annotations

import re

_AGENCY = r"(?:VNA|AFP|Reuters|AP|CVN|VGP|TTXVN|Xinhua|VnExpress|VOV|VNA/CVN)"
# a credit at the end of a line: "Photo: VNA", "Photo : VNA", "(Photo: …)", "Photo d'archives",
# "Source: VNA"; optionally followed by a full stop
CREDIT_END = re.compile(
    r"(?:\(\s*(?:Photos?|Ảnh|Crédit(?:\s+photo)?)\s*:\s*[^()\n]{1,60}\)"
    r"|(?:Photos?|Ảnh|Crédit(?:\s+photo)?)\s*:\s*[\w./&' -]{1,40}?"
    r"|\(?\s*Photo\s+d[’']archives\s*\)?"
    r"|Source\s*:\s*" + _AGENCY + r")\s*\.?\s*$", re.I)
# a credit followed by more text on the same line (crawl glued two blocks): split after it
CREDIT_MID = re.compile(r"(?:\(\s*)?Photos?\s*:\s*" + _AGENCY + r"\s*\)?\.?(?=\s*[^\s).])")
ANH = re.compile(r"\s*\bảnh\s*\d+", re.I)
# sign-off at the end of a line: "… Comité.-VNA", "… monde. - VNA", "… -VNA"
SIGNOFF_END = re.compile(r"\s*[-–—]\s*" + _AGENCY + r"\s*$")
# sign-off glued to a following headline: "… Comité.-VNALe Vietnam et …"
SIGNOFF_MID = re.compile(r"(?<=[.!?…»\"])\s*[-–—]\s*" + _AGENCY + r"(?=\s*[A-ZÀ-ÖØ-Þ«])")
# "Hanoï (VNA) - ", "Ho Chi Minh-Ville (VNA) – ", "Hanoi, 3 septembre (VNA) – " (the filing
# day stays in the text, in the place's own short sentence: "vendredi" is resolved against it)
_MONTH_WORD = r"(?i:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre)"
DATELINE = re.compile(
    r"^(?P<place>[A-ZÀ-ÖØ-Þ][^\W\d_]*(?:[ -][A-ZÀ-ÖØ-Þa-zà-ÿ][^\W\d_]*){0,4})"
    r"(?P<when>,\s*\d{1,2}(?:er)?\s+" + _MONTH_WORD + r"(?:\s+\d{4})?)?"
    r",?\s*\(\s*" + _AGENCY + r"\s*\)\s*[-–—:,]?\s*")
FURNITURE = re.compile(
    r"^(?:sources?|voir plus|voir aussi|lire aussi|à lire aussi|a lire aussi|lire la suite"
    r"|partager|imprimer|[-–—]?\s*" + _AGENCY + r"|photos?\s*:\s*" + _AGENCY + r")\s*[.:]?$",
    re.I)
VOIR_PLUS = re.compile(r"^\s*voir plus\s*$", re.I)
_BOUNDARY = re.compile(r"(?<![\s.][A-ZÀ-Þ])[.!?…](?=\s+[«\"]?[A-ZÀ-ÖØ-Þ])")
_TERMINAL = re.compile(r"[.!?…:;,]\s*[»\"”)]?\s*$")
CAPTION_LINE_MAX = 400


def caption_cut(line: str) -> int | None:
    """Where the caption at the end of a line starts (0: the whole line), or None.

    Short lines ending in a credit are captions as a whole; on a long line only the last
    sentence before the credit goes. A line with `ảnh N` residue goes as a whole.
    """
    m = CREDIT_END.search(line)
    if not m:
        return 0 if ANH.search(line) else None
    if ANH.search(line[:m.start()]) or len(line) <= CAPTION_LINE_MAX:
        return 0
    head = line[:m.start()].rstrip(" .,")
    cut = 0
    for b in _BOUNDARY.finditer(head):
        cut = b.end()
    return cut


def split_glued(line: str) -> list[tuple[int, int]]:
    """Split a line where a credit or a sign-off is glued to more text: [(start, end), ...]."""
    cuts = []
    for rx in (CREDIT_MID, SIGNOFF_MID):
        cuts.extend(m.end() for m in rx.finditer(line))
    bounds = [0] + sorted(set(cuts)) + [len(line)]
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if line[a:b].strip()]


def signoff(line: str) -> int | None:
    """Start of a trailing sign-off ("-VNA"), or None."""
    m = SIGNOFF_END.search(line)
    return m.start() if m else None


def dateline(line: str) -> tuple[int, int] | None:
    """(end of the place name, start of the sentence) of a leading "Hanoï (VNA) - "."""
    m = DATELINE.match(line)
    if not m or m.end() >= len(line):
        return None
    return (m.end("when") if m.group("when") else m.end("place")), m.end()


# "a reçu vendredi, 17 février, à Hanoï": the wire sets a weekday's date between commas; the
# parser then cuts the clause at them (the object after the date loses its verb)
_WEEKDAY = r"(?i:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
DATE_COMMAS = re.compile(
    r"\b" + _WEEKDAY + r"(?:\s+(?:matin|après-midi|apres-midi|soir))?(?P<c1>\s*,)\s*"
    r"\d{1,2}(?:er)?\s+" + _MONTH_WORD + r"(?:\s+\d{4})?(?P<c2>\s*,)?")


def date_commas(line: str) -> list[tuple[int, int]]:
    """The commas around a weekday's date ("mardi, 23 janvier, sa visite"), to delete."""
    cuts = []
    for m in DATE_COMMAS.finditer(line):
        cuts.append(m.span("c1"))
        if m.group("c2"):
            cuts.append(m.span("c2"))
    return cuts


# ">> Le Premier ministre reçoit …": a link to a related article, not part of this one
RELATED_LINK = re.compile(r"^\s*(?:>>|»»|►|▶|→)\s*\S")


def is_furniture(line: str) -> bool:
    return bool(FURNITURE.match(line.strip()) or RELATED_LINK.match(line))


def is_headline(line: str) -> bool:
    """A short line without sentence-final punctuation, starting like a title."""
    s = line.strip()
    if not s or len(s) > 250 or len(s.split()) > 30 or len(s.split()) < 2:
        return False
    if not (s[0].isupper() or s[0].isdigit() or s[0] in "«\""):
        return False
    if s.endswith("»") and not re.search(r"[.!?…]\s*»$", s):
        return True
    return not _TERMINAL.search(s)
