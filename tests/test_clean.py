import json
from pathlib import Path

import pytest

from annales.clean import clean_article
from annales.clean.glue import find_inserts, repair
from annales.ingest import iter_articles
from annales.model import Article

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = Path(__file__).resolve().parents[2] / "shared"
RESIDUE = ("Photo", "ảnh", "Voir plus", "VNA)", "-VNA", "- VNA", "\nsource")


def check_offsets(article, story):
    """Every character not inserted by the cleaner is the raw character it maps to."""
    assert len(story.offsets) == len(story.text)
    prev = -1
    for i, (ch, off) in enumerate(zip(story.text, story.offsets)):
        assert off >= prev
        if off == prev:               # inserted: maps to its left neighbour
            assert ch in " .\n", (i, ch)
        else:
            raw = article.raw[off]
            assert raw == ch or (ch == " " and raw.isspace()), (i, ch, raw)
        prev = off


def art(raw, **kw):
    return Article(doc="t.txt", raw=raw, **kw)


WIRE = (" date 2023-03\n"
        "Le ministre reçoit l'ambassadeur. Photo: VNA\n\n"
        "Hanoï (VNA) - Le ministre a eu uneconversation avec son homologue.Les deux parties "
        "ont convenu de coopérer. -VNA\n\nsource\n\nVoir plus\n\n"
        "Une cérémonie à Hanoï. Photo : VNA\n\n"
        "Le Vietnam et l'Inde renforcent leur coopération\n\n"
        "Les deux pays ont signé un accord le 5 mars.\n\n"
        "Des élèves en classe. (Photo: VNA)\n\n"
        "Rentrée scolaire dans le Nord\n")


def test_main_and_teasers():
    a = art(WIRE, published="2023-03", body_start=14)
    main, t1, t2 = clean_article(a)
    assert main.story_id == f"{a.id}-m" and not main.is_teaser
    assert main.published == "2023-03"
    assert main.text == ("Hanoï. Le ministre a eu une conversation avec son homologue. "
                         "Les deux parties ont convenu de coopérer.")
    assert t1.story_id == f"{a.id}-t1" and t1.is_teaser and t1.published is None
    assert t1.title == "Le Vietnam et l'Inde renforcent leur coopération"
    assert t1.text == "Les deux pays ont signé un accord le 5 mars."
    assert t2.title == t2.text == "Rentrée scolaire dans le Nord"
    for s in (main, t1, t2):
        check_offsets(a, s)
        assert not any(r in s.text for r in RESIDUE)


def test_headline_becomes_title_and_opens_the_text():
    # the headline stays as the text's first paragraph (a crawl that lost the lead keeps
    # its facts only there); its repeat above the caption goes
    a = art("Le Vietnam et le Laos renforcent leur coopération\n\nLe ministre a reçu son "
            "homologue lao le 3 mars.\nLe Vietnam et le Laos renforcent leur coopération ảnh 1"
            "Le ministre et son homologue. Photo : VNA\n\nLes deux pays ont signé un accord.")
    [main] = clean_article(a)
    assert main.title == "Le Vietnam et le Laos renforcent leur coopération"
    assert main.text == ("Le Vietnam et le Laos renforcent leur coopération\n\n"
                         "Le ministre a reçu son homologue lao le 3 mars.\n\nLes deux pays ont signé un accord.")
    check_offsets(a, main)


def test_captions_and_credits():
    a = art("Texte un.\n\nLe port de Hai Phong. Photo d'archives\n\nUne vue de Hué. Source: VNA\n\n"
            "Le Premier ministre. (Photo: VNA)\n\nTexte deux.")
    [main] = clean_article(a)
    assert main.text == "Texte un.\n\nTexte deux."


def test_signoff_keeps_sentence_and_glued_headline():
    a = art("Le ministre est arrivé.-VNALe Vietnam et le Japon renforcent leur coopération\n\n"
            "Le Japon a offert des vaccins au Vietnam.")
    main, teaser = clean_article(a)
    assert main.text == "Le ministre est arrivé."
    assert teaser.title == "Le Vietnam et le Japon renforcent leur coopération"
    assert teaser.text == "Le Japon a offert des vaccins au Vietnam."


def test_whitespace_collapsed():
    a = art("Un   texte\u00a0;  ici.\n\n\n\n\nDeux.")
    [main] = clean_article(a)
    assert main.text == "Un texte ; ici.\n\nDeux."
    check_offsets(a, main)


def test_apostrophes_kept():
    a = art("L’ambassadeur et l'attaché.")
    assert clean_article(a)[0].text == "L’ambassadeur et l'attaché."


@pytest.mark.parametrize("glued,fixed", [
    ("Départementgénéral", "Département général"),
    ("uneconversation", "une conversation"),
    ("évaluéque", "évalué que"),
    ("dedéfense", "de défense"),
    ("Festivalinternational", "Festival international"),
    ("futures.Le 7 juillet", "futures. Le 7 juillet"),
    ("Kartapolov,vice-ministre", "Kartapolov, vice-ministre"),
    ("afin demaintenir", "afin de maintenir"),
    ("dela puissance", "de la puissance"),
    ("le17 septembre", "le 17 septembre"),
    ("COVID-19;participé", "COVID-19; participé"),
])
def test_glue_repaired(glued, fixed):
    assert repair(glued) == fixed


@pytest.mark.parametrize("word", [
    "intergouvernemental", "coprésideront", "Spoutnik", "YouTube", "McCain", "DiCaprio",
    "Dupont", "Laporte", "cela", "surtout", "lorsqu'il", "jusqu'à", "quelqu'un", "3,5",
    "haut-parleur", "neurodéveloppementaux", "recruteuse", "Champrenault", "TerraMar",
    "www.vietnamplus.vn", "entrain", "devin", "à l'aune de",
])
def test_glue_leaves_real_words(word):
    assert find_inserts(word) == []


def test_camel_names_need_context():
    assert repair("LuongCuong") == "LuongCuong"
    assert repair("LuongCuong", ) == "LuongCuong"
    assert find_inserts("LuongCuong", "Luong Cuong et Andrey") == [5]
    assert repair("publicComme") == "public Comme"


def _ingested(paths):
    return [a for a in iter_articles(paths) if isinstance(a, Article)]


def test_examples_clean():
    arts = _ingested([EXAMPLES / "articles"])
    gold = [json.loads(l) for l in (EXAMPLES / "gold.jsonl").read_text("utf-8").splitlines()]
    assert [g["file"] for g in gold] == [Path(a.doc).name for a in arts[:5]]
    for a in arts:
        stories = clean_article(a)
        for s in stories:
            check_offsets(a, s)
            assert not any(r in s.text for r in RESIDUE), (a.doc, s.text)
        if a.doc.endswith(".txt"):
            assert len(stories) == 3
            assert stories[0].text.startswith("Hanoï. ")
            assert all(s.is_teaser and s.published is None for s in stories[1:])
            for word in ("unevisite", "dedéfense", "évaluéque", "cettecoopération",
                         "duministère", "dela "):
                assert word not in stories[0].text


SEEDS = SHARED / "seeds"
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared absent")


@pytest.fixture(scope="module")
def seeds():
    arts = _ingested([SEEDS])
    return {Path(a.doc).name[:3]: (a, clean_article(a)) for a in arts}


@pytest.mark.shared
@needs_seeds
def test_seeds_no_residue_and_offsets(seeds):
    assert len(seeds) == 5
    for a, stories in seeds.values():
        assert stories[0].text and not stories[0].is_teaser
        assert stories[0].published == a.published
        for s in stories:
            check_offsets(a, s)
            assert not any(r in s.text for r in RESIDUE), s.text
            assert "  " not in s.text and "\n\n\n" not in s.text


@pytest.mark.shared
@needs_seeds
def test_seeds_glue_repaired(seeds):
    text = seeds["004"][1][0].text
    for fixed in ("Département général", "une conversation", "évalué que", "de défense",
                  "Luong Cuong et Andrey", "Festival international", "Kartapolov, vice-ministre"):
        assert fixed in text
    for glued in ("Départementgénéral", "uneconversation", "évaluéque", "dedéfense",
                  "LuongCuong", "Festivalinternational"):
        assert glued not in text
    assert "futures. Le 7 juillet" in seeds["000"][1][0].text
    assert "intergouvernemental" in seeds["000"][1][0].text
    assert "Spoutnik" in seeds["003"][1][0].text


@pytest.mark.shared
@needs_seeds
def test_seeds_titles_and_teasers(seeds):
    main002, *teasers002 = seeds["002"][1]
    assert main002.title == "Vietnam et Russie renforcent leur coopération technique militaire"
    assert main002.text.startswith(main002.title + "\n\nLa 19e réunion")   # the headline opens the text
    assert len(teasers002) == 2
    main004, *teasers004 = seeds["004"][1]
    assert main004.title.startswith("Vietnam – Russie : Renforcement")
    assert main004.text.startswith(main004.title + "\n\n") and main004.text.count(main004.title) == 1
    assert len(teasers004) == 6
    for s in teasers002 + teasers004:
        assert s.is_teaser and s.published is None and s.title and s.text
        assert s.title not in s.text
    assert any("Brunei" in s.text and "du 16 au 18 septembre" in s.text for s in teasers004)
    assert any("Kuala Lumpur" in s.text for s in teasers004)
    assert "Cao Bang" not in main004.text
    # seeds without "Voir plus" have the main story only
    assert len(seeds["000"][1]) == len(seeds["001"][1]) == len(seeds["003"][1]) == 1
    assert seeds["000"][1][0].text.startswith("Hanoï. A l'invitation")
    assert seeds["001"][1][0].text.startswith("Hanoï. Le ministre de la Défense, le général")


def test_related_article_links_are_dropped():
    from annales.clean import clean_article
    from annales.model import Article

    raw = (" date 2024-05\nHanoï (VNA) - Le Premier ministre a reçu le 3 mai l'ambassadeur de Cuba.\n\n"
           ">> Le président reçoit une délégation russe\n\nLes deux parties ont convenu de renforcer les échanges.\n")
    article = Article(doc="x.txt", raw=raw, published="2024-05", body_start=raw.index("\n") + 1)
    text = " ".join(s.text for s in clean_article(article))
    assert "délégation russe" not in text
    assert "ambassadeur de Cuba" in text and "renforcer les échanges" in text


def test_a_determiner_glued_to_de_is_split():
    from annales.clean.glue import repair
    assert repair("lors deleur entretien") == "lors de leur entretien"
    assert repair("dans le cadre desa visite") == "dans le cadre de sa visite"
    assert repair("parleur") == "parleur"      # a word of its own stays


def test_a_month_glued_to_its_year_is_split():
    from annales.clean.glue import repair
    assert repair("En janvier2022, le 17septembre2021") == "En janvier 2022, le 17 septembre 2021"
    assert repair("COVID-19, les 2e et 3e") == "COVID-19, les 2e et 3e"
