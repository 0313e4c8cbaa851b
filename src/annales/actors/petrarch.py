"""Import a PETRARCH/TABARI ``.actors`` dictionary into the persons.yaml schema.

Format (e.g. Phoenix.Countries.actors.txt)::

    # comment                                  (also after any line: "NAME_  # CountryInfo.txt")
    SERGEY_SHOYGU_                             an entry: words joined by "_"
    +SERGEY_KUZHUGETOVICH_SHOYGU_              a variant of the entry above
    	[RUSGOVMIL >030101]                    a role code with optional date bounds:
    	[VNMGOV 860714-861218]                   ">YYMMDD" from, "<YYMMDD" until, "A-B" between
    AFGHANISTAN_  [AFG]                        a country entry (code on the name line)

Each entry with role codes becomes ``{id, name, country, variants, offices}``; a role code
``RUSGOVMIL`` gives country ``RUS`` (its first 3 letters), sector ``MIL`` (its last 3-letter
group) and office key ``petrarch_govmil`` with the code as title. Country entries (a bare
3-letter code on the name line) are skipped: ``countries.tsv`` covers states.

    python -m annales.actors.petrarch IN.actors.txt OUT.yaml
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

_CODE = re.compile(r"\[([^\]]*)\]")


def _date(s: str) -> str | None:
    s = s.strip()
    if not s.isdigit():
        return None
    if len(s) == 8:
        return f"{s[:4]}-{s[4:6]}-{s[6:]}"
    if len(s) == 6:
        yy = int(s[:2])
        year = 2000 + yy if yy <= 30 else 1900 + yy
        return f"{year}-{s[2:4]}-{s[4:]}"
    return None


def parse_role(code: str) -> dict | None:
    """'RUSGOVMIL >030101' -> {office, country, sector, title, start}."""
    parts = code.split()
    if not parts or not parts[0].isalpha():
        return None
    role = parts[0].upper()
    out: dict = {"country": role[:3]}
    rest = role[3:]
    chunks = [rest[i:i + 3] for i in range(0, len(rest), 3)]
    out["office"] = "petrarch_" + (rest.lower() or "member")
    out["sector"] = chunks[-1] if chunks else None
    out["title"] = role
    for p in parts[1:]:
        if p.startswith(">"):
            out["start"] = _date(p[1:])
        elif p.startswith("<"):
            out["end"] = _date(p[1:])
        elif "-" in p:
            a, _, b = p.partition("-")
            out["start"], out["end"] = _date(a), _date(b)
    return {k: v for k, v in out.items() if v is not None}


def _name(raw: str) -> str:
    words = [w for w in raw.strip().strip("_").split("_") if w]
    return " ".join(w.capitalize() if w.isupper() or w.islower() else w for w in words)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


def parse_actors(lines) -> list[dict]:
    """Entries of a PETRARCH actors file, in the persons.yaml schema."""
    entries: list[dict] = []
    cur: dict | None = None
    skip = False

    def close():
        if cur is not None and not skip and cur["offices"]:
            entries.append(cur)

    for line in lines:
        body = line.split("#", 1)[0].rstrip()
        if not body.strip():
            continue
        stripped = body.strip()
        if stripped.startswith("["):       # role code line
            if cur is not None and not skip:
                for code in _CODE.findall(stripped):
                    role = parse_role(code)
                    if role:
                        cur["offices"].append(role)
            continue
        if stripped.startswith("+"):       # variant
            if cur is not None and not skip:
                v = _name(_CODE.sub("", stripped[1:]))
                if v and v != cur["name"] and v not in cur["variants"]:
                    cur["variants"].append(v)
            continue
        close()
        codes = _CODE.findall(stripped)
        name = _name(_CODE.sub("", stripped))
        cur = {"id": "petrarch_" + _slug(name), "name": name, "country": None,
               "variants": [], "offices": []}
        skip = bool(codes) and all(len(c.split()[0]) == 3 and len(c.split()) == 1 for c in codes if c.split())
        for code in codes if not skip else []:
            role = parse_role(code)
            if role:
                cur["offices"].append(role)
    close()
    for e in entries:
        countries = [o["country"] for o in e["offices"]]
        e["country"] = max(set(countries), key=countries.count) if countries else None
        if not e["variants"]:
            del e["variants"]
    # keep ids unique
    seen: dict[str, int] = {}
    for e in entries:
        n = seen.get(e["id"], 0)
        seen[e["id"]] = n + 1
        if n:
            e["id"] = f"{e['id']}_{n + 1}"
    return entries


def convert(src: str | Path, dst: str | Path) -> int:
    """Convert a PETRARCH actors file to a persons YAML file; returns the number of entries."""
    with open(src, encoding="utf-8", errors="replace") as fh:
        entries = parse_actors(fh)
    header = (f"# Converted from {Path(src).name} (PETRARCH/TABARI actors format) by "
              f"annales.actors.petrarch. Schema: see data/actors/persons.yaml.\n")
    with open(dst, "w", encoding="utf-8") as fh:
        fh.write(header)
        yaml.safe_dump(entries, fh, allow_unicode=True, sort_keys=False, width=120)
    return len(entries)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if len(argv) != 2:
        print("usage: python -m annales.actors.petrarch IN.actors.txt OUT.yaml", file=sys.stderr)
        return 2
    n = convert(argv[0], argv[1])
    print(f"{n} entries written to {argv[1]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
