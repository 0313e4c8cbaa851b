"""PETRARCH/TABARI actors importer."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from annales.actors import ActorDictionary
from annales.actors.petrarch import convert, main, parse_actors, parse_role

SHARED = Path(__file__).resolve().parents[2] / "shared"
PHOENIX = SHARED / "data" / "petrarch" / "Phoenix.Countries.actors.txt"

SAMPLE = """# a comment
VIETNAM_  [VNM]
+VIET_NAM_
PHUNG_QUANG_THANH_  # CountryInfo.txt
\t[VNMGOVMIL >030101]
SERGEY_SHOYGU_  # CountryInfo.txt
+SERGEY_KUZHUGETOVICH_SHOYGU_
\t[RUSGOVMIL >030101]
NGUYEN_TAN_DUNG_
\t[VNMELI 670101-000101]
\t[VNMGOV >060627]
TONY_ABBOTT
\t[AUSGOVLEG 19940314-20130918]
AFGHAN_NATIONAL_ARMY
+ANA
\t[AFGMIL]
OLD_LEADER_
\t[USRARM <900823]
"""


def test_parse_role():
    assert parse_role("RUSGOVMIL >030101") == {"country": "RUS", "office": "petrarch_govmil", "sector": "MIL",
                                               "title": "RUSGOVMIL", "start": "2003-01-01"}
    r = parse_role("VNMGOV 860714-861218")
    assert (r["start"], r["end"], r["sector"]) == ("1986-07-14", "1986-12-18", "GOV")
    assert parse_role("USRARM <900823")["end"] == "1990-08-23"
    assert parse_role("AUSGOVLEG 19940314-20130918")["start"] == "1994-03-14"


def test_parse_sample():
    es = {e["name"]: e for e in parse_actors(SAMPLE.splitlines())}
    assert "Vietnam" not in es                      # country entries are skipped
    s = es["Sergey Shoygu"]
    assert s["country"] == "RUS" and s["variants"] == ["Sergey Kuzhugetovich Shoygu"]
    assert s["offices"][0]["office"] == "petrarch_govmil" and s["offices"][0]["start"] == "2003-01-01"
    assert len(es["Nguyen Tan Dung"]["offices"]) == 2
    assert es["Afghan National Army"]["offices"][0]["sector"] == "MIL"


def test_convert_and_load_sample(tmp_path):
    src = tmp_path / "x.actors.txt"
    src.write_text(SAMPLE, encoding="utf-8")
    out = tmp_path / "x.yaml"
    assert main([str(src), str(out)]) == 0
    d = ActorDictionary.load([out], env=False)
    p = d.persons["petrarch_phung_quang_thanh"]
    assert p.country == "VNM" and p.offices[0].sector == "MIL"
    assert "petrarch_tony_abbott" in {x.id for x in d.lookup("Tony Abbott")}


@pytest.mark.skipif(not PHOENIX.exists(), reason="shared PETRARCH data not available")
def test_convert_phoenix(tmp_path):
    out = tmp_path / "phoenix.yaml"
    n = convert(PHOENIX, out)
    assert n > 10000
    entries = yaml.load(out.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    shoygu = next(e for e in entries if e["name"] == "Sergey Shoygu")
    assert shoygu["country"] == "RUS"
    assert "Sergey Kuzhugetovich Shoygu" in shoygu["variants"]
    assert shoygu["offices"] == [{"country": "RUS", "office": "petrarch_govmil", "sector": "MIL",
                                  "title": "RUSGOVMIL", "start": "2003-01-01"}]
    d = ActorDictionary.load([out], env=False)
    assert "petrarch_sergey_shoygu" in {p.id for p in d.lookup("Sergey Kuzhugetovich Shoygu")}
