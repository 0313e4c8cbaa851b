import gzip
import json
from pathlib import Path

import pytest

from annales.ingest import IngestError, detect_language, iter_articles
from annales.ingest.dates import normalise_date
from annales.model import Article

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = Path(__file__).resolve().parents[2] / "shared"


def _all(paths):
    return list(iter_articles(paths))


def test_txt_header_and_offsets(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(" date 2023-07\nHanoï (VNA) - Le ministre a reçu son homologue.\n", "utf-8")
    [a] = _all([p])
    assert isinstance(a, Article)
    assert a.published == "2023-07"
    assert a.raw.startswith(" date 2023-07")
    assert a.raw[a.body_start:].startswith("Hanoï")
    assert a.id and a.source_id is None


@pytest.mark.parametrize("raw,published,body", [
    (" date 2023-07-06 Hanoï (VNA) - Le ministre est arrivé.", "2023-07-06", "Hanoï"),
    # a crawl that knew only the year: the header is still a header, not a date in the text
    (" date 2017\nLa Havane (VNA) - Le don a été annoncé l'année dernière.\n", "2017", "La Havane"),
])
def test_txt_header_forms(tmp_path, raw, published, body):
    p = tmp_path / "b.txt"
    p.write_text(raw, "utf-8")
    [a] = _all([p])
    assert a.published == published
    assert a.raw[a.body_start:].startswith(body)


def test_txt_without_header(tmp_path):
    p = tmp_path / "c.txt"
    p.write_text("Un texte sans date.", "utf-8")
    [a] = _all([p])
    assert a.published is None and a.body_start == 0


def test_bad_inputs_do_not_stop(tmp_path):
    (tmp_path / "empty.txt").write_text("", "utf-8")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02abc")
    (tmp_path / "bad.txt").write_bytes(b"caf\xc3 \x81\x8d\x00"[:6] + b"\x81\x8d")
    (tmp_path / "good.txt").write_text("Le ministre a reçu l'ambassadeur.", "utf-8")
    out = _all([tmp_path, tmp_path / "missing.txt"])
    errors = {Path(e.doc).name: e.reason for e in out if isinstance(e, IngestError)}
    assert "empty" in errors["empty.txt"]
    assert "binary" in errors["bin.txt"]
    assert "UTF-8" in errors["bad.txt"]
    assert "no such file" in errors["missing.txt"]
    assert [Path(a.doc).name for a in out if isinstance(a, Article)] == ["good.txt"]
    err = next(e for e in out if isinstance(e, IngestError))
    assert str(err).startswith("annales: ") and "\n" not in str(err)


def test_cp1252_fallback(tmp_path):
    p = tmp_path / "latin.txt"
    p.write_bytes("Le général a été reçu à Hanoï.".encode("cp1252"))
    [a] = _all([p])
    assert isinstance(a, Article) and a.raw == "Le général a été reçu à Hanoï."


def test_utf8_bom(tmp_path):
    p = tmp_path / "bom.txt"
    p.write_bytes(b"\xef\xbb\xbf date 2021-08\nTexte.")
    [a] = _all([p])
    assert a.published == "2021-08"


def test_directory_sorted_recursive_and_filtered(tmp_path):
    (tmp_path / "z").mkdir()
    (tmp_path / "z" / "b.txt").write_text("Deux.", "utf-8")
    (tmp_path / "a.txt").write_text("Un.", "utf-8")
    (tmp_path / "notes.md").write_text("ignoré", "utf-8")
    names = [Path(a.doc).name for a in _all([tmp_path])]
    assert names == ["a.txt", "b.txt"]


def test_jsonl_lines_and_errors(tmp_path):
    p = tmp_path / "c.jsonl"
    lines = [
        json.dumps({"id": "7", "published": "2020-07-02T10:00:00", "title": "T", "text": "Un texte.",
                    "url": "https://x.org/a"}),
        "{not json",
        json.dumps({"id": "8", "title": "sans texte"}),
        "",
        json.dumps({"id": 9, "published": "02/07/2020", "text": "Autre texte."}),
    ]
    p.write_text("\n".join(lines) + "\n", "utf-8")
    out = _all([p])
    arts = [a for a in out if isinstance(a, Article)]
    errs = [e for e in out if isinstance(e, IngestError)]
    assert [a.doc for a in arts] == [f"{p}#7", f"{p}#9"]
    assert arts[0].published == "2020-07-02" and arts[0].url == "https://x.org/a"
    assert arts[0].source_id == "7" and arts[0].id != "7"
    assert arts[1].published == "2020-07-02"
    assert [e.doc for e in errs] == [f"{p}:line 2", f"{p}:line 3"]
    assert "malformed JSON" in errs[0].reason and "text" in errs[1].reason


def test_jsonl_gz_streams(tmp_path):
    p = tmp_path / "c.jsonl.gz"
    with gzip.open(p, "wt", encoding="utf-8") as fh:
        for i in range(3):
            fh.write(json.dumps({"id": str(i), "text": f"Texte numéro {i}."}) + "\n")
    it = iter_articles([p])
    first = next(it)
    assert first.source_id == "0"
    assert [a.source_id for a in it] == ["1", "2"]


def test_html_example():
    [a] = _all([EXAMPLES / "articles" / "06_inde_dialogue.html"])
    assert isinstance(a, Article)
    assert "Rajnath Singh" in a.raw
    assert "Accueil" not in a.raw and "droits réservés" not in a.raw
    assert a.title and "Inde" in a.title
    assert a.published == "2022-06-08"


def test_examples_ingest():
    out = _all([EXAMPLES / "articles", EXAMPLES / "articles.jsonl"])
    assert not [e for e in out if isinstance(e, IngestError)]
    assert len(out) == 8
    assert all(a.lang == "fr" for a in out)
    assert [a.published for a in out[:5]] == ["2023-03", "2022-09", "2021-06", "2022-11", "2021-09"]


def test_normalise_date():
    assert normalise_date("2020-07-02") == "2020-07-02"
    assert normalise_date("2020-7") == "2020-07"
    assert normalise_date(2020) == "2020"
    assert normalise_date("yesterday") is None
    assert normalise_date("2020-13-01") is None


@pytest.mark.parametrize("text,lang", [
    ("Le ministre a reçu l'ambassadeur de Russie et les deux parties ont convenu de renforcer la coopération.", "fr"),
    ("The minister said that the talks were useful and that both sides would meet again in the spring.", "en"),
    ("El ministro dijo que las conversaciones fueron útiles y que los dos países se reunirán de nuevo.", "es"),
    ("Der Minister sagte, dass die Gespräche nützlich waren und dass sich beide Seiten wieder treffen werden.", "de"),
    ("Il ministro ha detto che i colloqui sono stati utili e che le due parti si incontreranno di nuovo.", "it"),
    ("O ministro disse que as conversações foram úteis e que os dois países vão se encontrar de novo.", "pt"),
    ("Bộ trưởng Quốc phòng đã có cuộc điện đàm với người đồng cấp của Nga về các vấn đề hợp tác trong năm nay.", "vi"),
])
def test_detect_language(text, lang):
    assert detect_language(text) == lang


def test_detect_language_too_short():
    assert detect_language("Hanoï") is None
    assert detect_language("") is None


@pytest.mark.shared
@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="../shared absent")
def test_seeds_ingest():
    out = _all([SHARED / "seeds"])
    assert len(out) == 5 and all(isinstance(a, Article) for a in out)
    assert [a.published for a in out] == ["2023-07", "2021-08", None, "2020-10", None]
    for a in out:
        assert a.lang == "fr"
        assert a.raw == (SHARED / "seeds" / Path(a.doc).name).read_text("utf-8")


@pytest.mark.shared
@pytest.mark.skipif(not (SHARED / "data/orangesum/articles.jsonl.gz").is_file(), reason="../shared absent")
def test_orangesum_first_articles():
    it = iter_articles([SHARED / "data/orangesum/articles.jsonl.gz"])
    arts = [next(it) for _ in range(20)]
    assert all(isinstance(a, Article) for a in arts)
    assert all(len(a.published) == 10 for a in arts)
    assert all(a.doc.endswith("#" + a.source_id) for a in arts)
