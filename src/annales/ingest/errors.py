"""The record yielded for an input that cannot be read."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class IngestError:
    """A bad input: `doc` names it (path, or `path:line N` for a JSON line), `reason` says why."""

    doc: str
    reason: str

    def __str__(self) -> str:
        return f"annales: {self.doc}: {self.reason}"
