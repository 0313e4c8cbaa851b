"""Text that remembers where each of its characters came from.

`MappedText(text, offsets)`: `offsets[i]` is the index in the article's raw text of
character i. Edits keep the map exact: deleted characters take their offsets with them,
inserted characters (a space between glued words, a paragraph break) map to their left
neighbour. So a character is "inserted" exactly when its offset equals the previous one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_WS = re.compile(r"\s+")


@dataclass
class MappedText:
    text: str = ""
    offsets: list[int] = field(default_factory=list)

    @classmethod
    def from_raw(cls, raw: str, start: int, end: int) -> "MappedText":
        return cls(raw[start:end], list(range(start, end)))

    def __len__(self) -> int:
        return len(self.text)

    def slice(self, start: int, end: int | None = None) -> "MappedText":
        end = len(self.text) if end is None else end
        return MappedText(self.text[start:end], self.offsets[start:end])

    def strip(self) -> "MappedText":
        s = len(self.text) - len(self.text.lstrip())
        e = len(self.text.rstrip())
        return self.slice(s, max(s, e))

    def delete(self, ranges: list[tuple[int, int]]) -> "MappedText":
        """Remove [start, end) ranges (any order, may overlap)."""
        if not ranges:
            return self
        keep = [True] * len(self.text)
        for s, e in ranges:
            for i in range(max(s, 0), min(e, len(keep))):
                keep[i] = False
        return MappedText("".join(c for c, k in zip(self.text, keep) if k),
                          [o for o, k in zip(self.offsets, keep) if k])

    def insert(self, inserts: dict[int, str]) -> "MappedText":
        """Insert strings before the given positions; each maps to its left neighbour."""
        if not inserts:
            return self
        chars: list[str] = []
        offs: list[int] = []
        for i, (c, o) in enumerate(zip(self.text, self.offsets)):
            add = inserts.get(i)
            if add and offs:
                chars.extend(add)
                offs.extend([offs[-1]] * len(add))
            chars.append(c)
            offs.append(o)
        add = inserts.get(len(self.text))
        if add and offs:
            chars.extend(add)
            offs.extend([offs[-1]] * len(add))
        return MappedText("".join(chars), offs)

    def collapse_spaces(self) -> "MappedText":
        """Every run of whitespace becomes one ' ' mapped to the run's first character."""
        chars: list[str] = []
        offs: list[int] = []
        pos = 0
        for m in _WS.finditer(self.text):
            chars.append(self.text[pos:m.start()])
            offs.extend(self.offsets[pos:m.start()])
            chars.append(" ")
            offs.append(self.offsets[m.start()])
            pos = m.end()
        chars.append(self.text[pos:])
        offs.extend(self.offsets[pos:])
        return MappedText("".join(chars), offs).strip()

    def __add__(self, other: "MappedText") -> "MappedText":
        return MappedText(self.text + other.text, self.offsets + other.offsets)

    def append_inserted(self, s: str) -> "MappedText":
        if not self.offsets:
            return self
        return MappedText(self.text + s, self.offsets + [self.offsets[-1]] * len(s))


def join(parts: list[MappedText], sep: str) -> MappedText:
    """Join non-empty parts with an inserted separator."""
    out = MappedText()
    for p in parts:
        if not p.text:
            continue
        if out.text:
            out = out.append_inserted(sep)
        out = out + p
    return out
