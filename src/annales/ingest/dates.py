"""Publication dates of inputs normalised to "YYYY", "YYYY-MM" or "YYYY-MM-DD"."""
from __future__ import annotations

import re

_ISO = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ].*)?\s*$")
_DMY = re.compile(r"^\s*(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b")
# ` date 2023-07`, ` date 2023-07-06` or (a crawl that knew only the year) ` date 2023` at the
# very start of a .txt file
HEADER = re.compile(r"^[ \t]*date[ \t]+(\d{4}(?:-\d{2}(?:-\d{2})?)?)\b[ \t]*(\r?\n)?")


def normalise_date(value: object) -> str | None:
    """"2020-07-02", "2020-07-02T10:00:00Z", "02/07/2020", 2020 -> ISO prefix, else None."""
    if value is None:
        return None
    s = str(value)
    m = _ISO.match(s)
    if m:
        y, mo, d = m.groups()
        if mo is None:
            return y
        if not 1 <= int(mo) <= 12:
            return None
        if d is None:
            return f"{y}-{int(mo):02d}"
        return f"{y}-{int(mo):02d}-{int(d):02d}" if 1 <= int(d) <= 31 else f"{y}-{int(mo):02d}"
    m = _DMY.match(s)
    if m:
        d, mo, y = m.groups()
        if 1 <= int(mo) <= 12 and 1 <= int(d) <= 31:
            return f"{y}-{int(mo):02d}-{int(d):02d}"
    return None
