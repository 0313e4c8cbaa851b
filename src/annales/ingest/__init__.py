"""ingest stage: files -> Article records, one bad input never stops the run.

    for item in iter_articles(["examples/articles", "corpus.jsonl.gz"]):
        if isinstance(item, IngestError):
            print(item)            # annales: corpus.jsonl.gz:line 12: malformed JSON (...)
        else:
            ...                    # an Article

Formats: `.txt` (optional ` date YYYY[-MM[-DD]]` first line), `.html`/`.htm` (main text via
trafilatura), `.jsonl`/`.jsonl.gz` (streamed, one article per line: id, published, title,
text, url). Directories are walked recursively in sorted order.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

from ..model import Article
from .errors import IngestError
from .language import detect_language
from .readers import read_html, read_jsonl, read_txt

__all__ = ["iter_articles", "IngestError", "detect_language", "SUFFIXES"]

SUFFIXES = (".jsonl.gz", ".jsonl", ".html", ".htm", ".txt")


def _reader(path: Path):
    name = path.name.lower()
    if name.endswith((".jsonl.gz", ".jsonl")):
        return read_jsonl
    if name.endswith((".html", ".htm")):
        return read_html
    if name.endswith(".txt"):
        return read_txt
    return None


def _expand(path: Path) -> Iterator[Path]:
    if path.is_dir():
        for p in sorted(path.rglob("*")):
            if p.is_file() and _reader(p) is not None:
                yield p
    else:
        yield path


def iter_articles(paths: Iterable[str | Path]) -> Iterator[Article | IngestError]:
    """Yield an Article per readable document and an IngestError per bad input, lazily."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    for given in paths:
        path = Path(given)
        if not path.exists():
            yield IngestError(str(path), "no such file or directory")
            continue
        for p in _expand(path):
            reader = _reader(p)
            if reader is None:
                yield IngestError(str(p), "unsupported file type (expected .txt, .html, "
                                          ".htm, .jsonl or .jsonl.gz)")
                continue
            try:
                yield from reader(p)
            except Exception as exc:  # last resort: a reader bug must not stop the run
                yield IngestError(str(p), f"unexpected error ({type(exc).__name__}: {exc})")
