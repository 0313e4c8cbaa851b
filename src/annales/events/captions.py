"""Photo captions as evidence of a meeting.

"Le Premier ministre Nguyên Xuân Phuc (droite) et l'ambassadeur de France, Jean-Noël Poirier,
le 25 août à Hanoï." has no verb, yet the photo shows the two sides together: wire pages
often tell the meeting's day only there. A caption with a position mark ("(droite)",
"(à gauche)", "(2e à droite)") naming persons of two states is read as their meeting."""
from __future__ import annotations

import re

from ..model import Actor

SIDE_MARK = re.compile(r"\((?:\d+\s*(?:e|ème|er)\s+)?(?:à\s+)?(?:droite|gauche|centre)\)", re.IGNORECASE)


def pictured_sides(text: str, actors: list[Actor]) -> list[Actor] | None:
    """The persons a caption shows together, when they act for at least two states."""
    if not SIDE_MARK.search(text):
        return None
    people: list[Actor] = []
    for a in actors:
        if a.kind == "person" and a.country and all((a.name, a.country) != (p.name, p.country) for p in people):
            people.append(a)
    return people if len({p.country for p in people}) >= 2 else None
