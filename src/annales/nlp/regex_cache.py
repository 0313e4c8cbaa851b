"""Keep the compiled form of spaCy's large French tokenizer regexes between runs.

Importing `spacy.lang.fr` compiles a regular expression of about 100 kB (hyphenated and
elided words over every Unicode letter), and loading the model compiles the prefix, suffix
and infix patterns: about 3 s of pure Python in `re`'s compiler, paid again by every
process, so by every worker of a run. The compiler's output is a list of integers that
`_sre.compile` turns into a pattern object; this module keeps those lists in the annales
cache (`annales.cache`), keyed by the pattern text and flags, and hands them straight to
`_sre.compile` on the next load. The pattern objects are the same as a fresh compile's.

Only patterns of at least `MIN_LENGTH` characters are cached, only while `cached_regexes()`
is active (around `spacy.load`), and only on the CPython versions whose internal compiler
call we have checked (`SUPPORTED`); anywhere else this is a no-op.
"""
from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Iterator

from .. import cache

MIN_LENGTH = 1000
SUPPORTED = {(3, 11)}
CACHE_NAME = "regex"


@contextmanager
def cached_regexes() -> Iterator[dict]:
    """While active, large patterns compiled by `re` come from (and go to) the cache.
    Yields counters {"hit": n, "miss": n}."""
    counts = {"hit": 0, "miss": 0}
    if sys.implementation.name != "cpython" or sys.version_info[:2] not in SUPPORTED \
            or cache.cache_dir() is None:
        yield counts
        return
    import _sre
    from re import _compiler, _parser

    key = cache.digest(CACHE_NAME, "v1")
    programs: dict = cache.load(CACHE_NAME, key) or {}
    original = _compiler.compile

    def compile_cached(p, flags=0):
        if not isinstance(p, str) or len(p) < MIN_LENGTH or flags & _compiler.SRE_FLAG_DEBUG:
            return original(p, flags)
        pkey = cache.digest(str(int(flags)), p)
        args = programs.get(pkey)
        if args is None:
            counts["miss"] += 1
            parsed = _parser.parse(p, flags)
            code = _compiler._code(parsed, flags)
            groupindex = dict(parsed.state.groupdict)
            indexgroup = [None] * parsed.state.groups
            for name, i in groupindex.items():
                indexgroup[i] = name
            args = (int(flags | parsed.state.flags), [int(c) for c in code],
                    parsed.state.groups - 1, groupindex, tuple(indexgroup))
            programs[pkey] = args
        else:
            counts["hit"] += 1
        return _sre.compile(p, args[0], list(args[1]), args[2], dict(args[3]), tuple(args[4]))

    _compiler.compile = compile_cached
    try:
        yield counts
    finally:
        _compiler.compile = original
        if counts["miss"]:
            cache.store(CACHE_NAME, key, programs)
