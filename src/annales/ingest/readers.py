"""One reader per input format. Each yields Articles or IngestErrors and never raises."""
from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Iterator

from ..model import Article
from .dates import HEADER, normalise_date
from .decode import DecodeError, decode_text
from .errors import IngestError
from .language import detect_language

Result = Article | IngestError


def _read_text(path: Path) -> str | IngestError:
    try:
        data = path.read_bytes()
    except OSError as exc:
        return IngestError(str(path), f"cannot read ({exc.strerror or exc})")
    if not data.strip():
        return IngestError(str(path), "empty file")
    try:
        return decode_text(data)
    except DecodeError as exc:
        return IngestError(str(path), str(exc))


def read_txt(path: Path) -> Iterator[Result]:
    """Plain text; an optional ` date YYYY[-MM[-DD]]` header gives `published`."""
    text = _read_text(path)
    if isinstance(text, IngestError):
        yield text
        return
    published, body_start = None, 0
    m = HEADER.match(text)
    if m:
        published, body_start = normalise_date(m.group(1)), m.end()
    if not text[body_start:].strip():
        yield IngestError(str(path), "no text after the date header")
        return
    yield Article(doc=str(path), raw=text, published=published, body_start=body_start,
                  lang=detect_language(text[body_start:]))


def read_html(path: Path) -> Iterator[Result]:
    """HTML page: main text, title and date through trafilatura; raw = the extracted text."""
    html = _read_text(path)
    if isinstance(html, IngestError):
        yield html
        return
    try:
        import trafilatura

        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                          include_tables=False)
        if doc is not None and not isinstance(doc, dict):
            doc = doc.as_dict()
    except Exception as exc:  # trafilatura/lxml failures on odd markup
        yield IngestError(str(path), f"HTML extraction failed ({type(exc).__name__}: {exc})")
        return
    text = (doc or {}).get("text") or ""
    if not text.strip():
        yield IngestError(str(path), "no main text found in the HTML page")
        return
    yield Article(doc=str(path), raw=text, title=(doc.get("title") or None),
                  published=normalise_date(doc.get("date")), url=doc.get("url") or None,
                  lang=detect_language(text))


def _open_lines(path: Path):
    if path.name.endswith(".gz"):
        return gzip.open(path, "rb")
    return path.open("rb")


def read_jsonl(path: Path) -> Iterator[Result]:
    """JSON Lines (optionally gzipped), streamed: one article per line, bad lines reported."""
    try:
        fh = _open_lines(path)
    except OSError as exc:
        yield IngestError(str(path), f"cannot read ({exc.strerror or exc})")
        return
    seen_any = False
    with fh:
        n = 0
        while True:
            n += 1
            try:
                line = fh.readline()
            except (OSError, EOFError, gzip.BadGzipFile) as exc:
                yield IngestError(f"{path}:line {n}", f"cannot read further ({exc})")
                return
            if not line:
                break
            if not line.strip():
                continue
            seen_any = True
            yield _jsonl_record(path, n, line)
    if not seen_any:
        yield IngestError(str(path), "empty file")


def _jsonl_record(path: Path, n: int, line: bytes) -> Result:
    where = f"{path}:line {n}"
    if b"\x00" in line:
        return IngestError(where, "binary data (NUL bytes), not JSON")
    try:
        obj = json.loads(line.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        return IngestError(where, f"not valid UTF-8 (byte 0x{line[exc.start]:02x})")
    except json.JSONDecodeError as exc:
        return IngestError(where, f"malformed JSON ({exc.msg} at column {exc.colno})")
    if not isinstance(obj, dict):
        return IngestError(where, f"expected a JSON object, got {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        return IngestError(where, "no `text` field" if text is None else "empty or non-string `text`")
    sid = obj.get("id")
    sid = None if sid is None else str(sid)
    title = obj.get("title")
    url = obj.get("url")
    return Article(
        doc=f"{path}#{sid if sid is not None else f'line{n}'}",
        raw=text,
        published=normalise_date(obj.get("published")),
        title=title if isinstance(title, str) and title.strip() else None,
        url=url if isinstance(url, str) and url else None,
        lang=detect_language(text),
        source_id=sid,
    )
