"""actors stage: dictionary, office holders, finder on VNA-style French sentences."""
from __future__ import annotations

from pathlib import Path

import pytest

from annales.actors import ActorDictionary, ActorFinder, lookup_country

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="module")
def dic():
    return ActorDictionary.load(env=False)


@pytest.fixture(scope="module")
def nlp():
    from annales.nlp import load_nlp
    return load_nlp()


@pytest.fixture(scope="module")
def find(dic, nlp):
    finder = ActorFinder(dic)

    def run(text, date=None, default_country=None):
        return finder.find(nlp(text), date, default_country=default_country)
    return run


def by_text(mentions, text):
    hits = [m for m in mentions if m.text == text]
    assert hits, f"no mention {text!r} in {[m.text for m in mentions]}"
    return hits[0].actor


# ------------------------------------------------------------------ countries
@pytest.mark.parametrize("name,code", [
    ("la Russie", "RUS"), ("Fédération de Russie", "RUS"), ("Viêt Nam", "VNM"), ("le Vietnam", "VNM"),
    ("États-Unis", "USA"), ("etats unis", "USA"), ("République de Corée", "KOR"), ("Laos", "LAO"),
    ("Cambodge", "KHM"), ("Timor-Leste", "TLS"), ("Côte d'Ivoire", "CIV"), ("ASEAN", "ASEAN"),
    ("Russia", "RUS"), ("Saint-Siège", "VAT"), ("Taïwan", "TWN"),
])
def test_lookup_country(name, code):
    assert lookup_country(name)[0] == code


def test_lookup_country_unknown():
    assert lookup_country("Atlantide") is None


def test_coverage(dic):
    st = dic.stats()
    assert st["countries"] >= 197 and st["igos"] >= 10
    assert st["persons"] >= 150 and st["offices"] >= 20


# ------------------------------------------------------------------ dictionary look-ups
@pytest.mark.parametrize("variant,pid", [
    ("Sergueï Choïgou", "sergei_shoigu"), ("Choïgou", "sergei_shoigu"), ("SHOYGU", "sergei_shoigu"),
    ("Hoàng Xuân Chiến", "hoang_xuan_chien"), ("hoang-xuan-chien", "hoang_xuan_chien"),
    ("Hoang Xuan Chiên", "hoang_xuan_chien"), ("Bezdetko Gennady Stepanovich", "gennady_bezdetko"),
    ("Gennady Bezdetko", "gennady_bezdetko"), ("Phan Văn Giang", "phan_van_giang"),
    ("Poutine", "vladimir_putin"), ("Konstantin Vnoukov", "konstantin_vnukov"),
])
def test_lookup_person(dic, variant, pid):
    assert [p.id for p in dic.lookup(variant)] == [pid]


def test_ambiguous_short_form_is_not_indexed(dic):
    # "Cuong": Luong Cuong and Nguyen Tan Cuong
    assert dic.lookup("Cuong") == []


@pytest.mark.parametrize("office,country,date,pid", [
    ("minister_of_defence", "RUS", "2020-10", "sergei_shoigu"),
    ("minister_of_defence", "RUS", "2025", "andrei_belousov"),
    ("minister_of_defence", "RUS", "2024-05-20", "andrei_belousov"),
    ("minister_of_defence", "RUS", "2024", "andrei_belousov"),   # longest tenure in the year
    ("minister_of_defence", "VNM", "2020", "ngo_xuan_lich"),
    ("minister_of_defence", "VNM", "2023-06-01", "phan_van_giang"),
    ("head_of_state", "VNM", "2024-12", "luong_cuong"),
    ("head_of_government", "VNM", "2022", "pham_minh_chinh"),
    ("foreign_minister", "CHN", "2023-03", "qin_gang"),
    ("us_secretary_of_state", "USA", "2022", "antony_blinken"),
    ("legislature_chair", "KHM", "2024", "khuon_sudary"),
    ("party_general_secretary", "VNM", "2025", "to_lam"),
])
def test_holder(dic, office, country, date, pid):
    assert dic.holder(office, country, date).id == pid


def test_holder_edge_cases(dic):
    assert dic.holder("minister_of_defence", "RUS", None) is None        # several holders ever
    assert dic.holder("minister_of_defence", "LAO", None).id == "chansamone_chanyalath"
    assert dic.holder("minister_of_defence", "RUS", "1990") is None
    assert dic.holder("deputy_minister_of_defence", "VNM", "2023") is None  # several at once
    assert dic.holder("no_such_office", "VNM", "2023") is None


# ------------------------------------------------------------------ finder: persons
def test_known_person_with_rank_and_title(find):
    ms = find("Le général de corps d'armée Hoang Xuân Chiên, vice-ministre de la Défense, "
              "a reçu mardi à Hanoï une délégation russe.", "2023-05-10")
    a = by_text(ms, "général de corps d'armée Hoang Xuân Chiên, vice-ministre de la Défense")
    assert (a.name, a.country, a.sector, a.title, a.actor_id) == (
        "Hoang Xuan Chien", "VNM", "MIL", "Deputy Minister of Defence", "hoang_xuan_chien")
    assert "rank:Colonel General" in a.rule
    assert len([m for m in ms if m.actor.kind == "person"]) == 1


def test_mention_offsets(find):
    text = "Hanoï, 5 octobre (VNA) - Le ministre Phan Van Giang a rencontré Sergueï Choïgou."
    ms = find(text, "2021-10-05")
    for m in ms:
        assert text[m.start:m.end] == m.text
    a = by_text(ms, "Sergueï Choïgou")
    assert (a.name, a.country, a.title) == ("Sergei Shoigu", "RUS", "Minister of Defence")
    a = by_text(ms, "ministre Phan Van Giang")
    assert a.actor_id == "phan_van_giang"


def test_unknown_person_with_apposed_title(find):
    ms = find("Le vice-ministre a reçu l'ambassadeur de Cuba au Vietnam, Orlando Nicolas Hernandez Guillen.",
              "2023-05-10", default_country="VNM")
    a = by_text(ms, "ambassadeur de Cuba au Vietnam, Orlando Nicolas Hernandez Guillen")
    assert (a.name, a.country, a.sector, a.title) == (
        "Orlando Nicolas Hernandez Guillen", "CUB", "DIP", "Ambassador")
    assert a.actor_id is None and a.confidence < 0.8


def test_unknown_person_name_first(find):
    ms = find("Khuon Sudary, présidente de l'Assemblée nationale du Cambodge, et Dang Thi Hoa, "
              "vice-présidente de l'Assemblée nationale du Laos, sont arrivées.", "2024-09-01")
    a = by_text(ms, "Khuon Sudary, présidente de l'Assemblée nationale du Cambodge")
    assert (a.name, a.country, a.sector) == ("Khuon Sudary", "KHM", "LEG")
    a = by_text(ms, "Dang Thi Hoa, vice-présidente de l'Assemblée nationale du Laos")
    # Vietnamese-style name kept in its written order, ASCII-folded
    assert (a.name, a.country, a.sector, a.actor_id) == ("Dang Thi Hoa", "LAO", "LEG", None)


def test_unknown_person_country_from_body(find):
    ms = find("Bounmy Phommachanh, chef du Département des affaires étrangères de l'Armée populaire lao, "
              "était présent.", "2023")
    names = [m.actor.name for m in ms]
    assert "Bounmy Phommachanh" in names or any(m.actor.country == "LAO" for m in ms)


# ------------------------------------------------------------------ finder: descriptions by date
def test_description_resolved_by_date(find):
    ms = find("Le ministre russe de la Défense a reçu son homologue vietnamien à Moscou.", "2020-10-05")
    a = by_text(ms, "ministre russe de la Défense")
    assert (a.name, a.country, a.sector) == ("Sergei Shoigu", "RUS", "MIL")
    assert a.rule.startswith("office:minister_of_defence@RUS")
    a = by_text(ms, "homologue vietnamien")
    assert (a.name, a.country) == ("Ngo Xuan Lich", "VNM")
    ms = find("Le ministre russe de la Défense a reçu son homologue vietnamien à Moscou.", "2025-03-01")
    assert by_text(ms, "ministre russe de la Défense").name == "Andrei Belousov"
    assert by_text(ms, "homologue vietnamien").name == "Phan Van Giang"


def test_anaphora_to_named_person(find):
    ms = find("Le général d'armée Phan Van Giang a rencontré Sergueï Choïgou. "
              "Le ministre russe a salué la coopération.", "2023-06-01")
    a = by_text(ms, "ministre russe")
    assert a.actor_id == "sergei_shoigu" and "antecedent" in a.rule


def test_counterpart_with_name(find):
    ms = find("Le ministre russe de la Défense a eu un entretien avec son homologue vietnamien, "
              "Phan Van Giang.", "2022-08-15")
    a = by_text(ms, "homologue vietnamien, Phan Van Giang")
    assert (a.name, a.country, a.title) == ("Phan Van Giang", "VNM", "Minister of Defence")


def test_ambassador_description(find):
    ms = find("L'ambassadeur russe a présenté ses lettres de créance.", "2023-01-10")
    a = by_text(ms, "ambassadeur russe")
    assert (a.country, a.sector, a.kind, a.name) == ("RUS", "DIP", "person", None)
    # with the host country, the dictionary's ambassador is used
    a = by_text(find("L'ambassadeur russe au Vietnam a présenté ses lettres.", "2023-01-10"),
                "ambassadeur russe au Vietnam")
    assert (a.name, a.country) == ("Gennady Bezdetko", "RUS")
    ms = find("L'ambassadeur russe, Gennady Bezdetko, a présenté ses lettres de créance.", "2023-01-10")
    a = by_text(ms, "ambassadeur russe, Gennady Bezdetko")
    assert (a.name, a.country, a.sector) == ("Gennady Bezdetko", "RUS", "DIP")


def test_default_country(find):
    s = "Le ministre de la Défense a reçu une délégation de l'armée laotienne."
    ms = find(s, "2020-06-01", default_country="VNM")
    a = by_text(ms, "ministre de la Défense")
    assert (a.name, a.country) == ("Ngo Xuan Lich", "VNM")
    assert "default_country" in a.rule and a.confidence < 0.85
    assert by_text(find(s, "2023-06-01", default_country="VNM"), "ministre de la Défense").name == "Phan Van Giang"
    # without a default, nothing is guessed
    assert by_text(find(s, "2023-06-01"), "ministre de la Défense").country is None
    # the demonym wins over the default
    a = by_text(find("Le ministre de la Défense du Laos est arrivé.", "2023", default_country="VNM"),
                "ministre de la Défense du Laos")
    assert (a.name, a.country) == ("Chansamone Chanyalath", "LAO")
    assert "default_country" not in a.rule


# ------------------------------------------------------------------ finder: bodies, states, groups
def test_bodies(find):
    ms = find("Le ministère russe de la Défense, le Service fédéral russe pour la coopération militaire "
              "et technique, l'Armée populaire du Vietnam, l'ambassade de Cuba à Hanoï, "
              "l'Assemblée nationale du Cambodge et le Parlement national du Timor-Leste.", "2023")
    assert (by_text(ms, "ministère russe de la Défense").country, by_text(ms, "ministère russe de la Défense").sector) == ("RUS", "MIL")
    a = by_text(ms, "Service fédéral russe pour la coopération militaire et technique")
    assert (a.country, a.sector, a.kind) == ("RUS", "MIL", "org")
    assert by_text(ms, "Armée populaire du Vietnam").country == "VNM"
    a = by_text(ms, "ambassade de Cuba à Hanoï")
    assert (a.country, a.sector) == ("CUB", "DIP")
    a = by_text(ms, "Assemblée nationale du Cambodge")
    assert (a.country, a.sector) == ("KHM", "LEG")
    assert by_text(ms, "Parlement national du Timor-Leste").country == "TLS"
    # "Vietnam" inside a body name is not a separate state mention
    assert not [m for m in ms if m.actor.kind == "country"]


def test_ministry_of_country(find):
    a = by_text(find("Le ministère de la Défense du Vietnam coopère avec la Russie.", "2023"),
                "ministère de la Défense du Vietnam")
    assert (a.country, a.sector, a.kind) == ("VNM", "MIL", "org")


def test_states_and_dyads(find):
    ms = find("Coopération Vietnam - Russie : la Russie et le Vietnam, ainsi que l'ASEAN, "
              "renforcent leurs liens.", "2023")
    assert [m.actor.country for m in ms] == ["VNM", "RUS", "RUS", "VNM", "ASEAN"]
    assert ms[0].actor.kind == "country" and ms[-1].actor.kind == "org"


def test_acronyms_need_capitals(find):
    ms = find("Il est arrivé au siège de l'UE avec un conseiller.", "2023")
    assert [m.actor.country for m in ms] == ["EU"]


def test_coordinated_ministries_is_one_group(find):
    ms = find("Les ministères vietnamien et russe de la Défense ont signé un plan.", "2023")
    a = by_text(ms, "ministères vietnamien et russe de la Défense")
    assert a.kind == "group"
    assert [(x.country, x.sector, x.kind) for x in a.members] == [("VNM", "MIL", "org"), ("RUS", "MIL", "org")]


def test_coordinated_ministers_is_one_group_of_persons(find):
    ms = find("Les ministres vietnamien et russe de la Défense ont coprésidé le dialogue.", "2020-10")
    a = by_text(ms, "ministres vietnamien et russe de la Défense")
    assert a.kind == "group"
    assert [x.name for x in a.members] == ["Ngo Xuan Lich", "Sergei Shoigu"]


def test_groups(find):
    ms = find("Le Vietnam et la Russie ont tenu un dialogue. Sergueï Choïgou a reçu son homologue "
              "vietnamien, Phan Van Giang. Les deux parties ont salué la coopération ; "
              "les deux ministres ont signé un protocole. Les deux pays sont des partenaires.", "2023-06")
    g = by_text(ms, "deux parties")
    assert g.kind == "group" and [x.country for x in g.members] == ["VNM", "RUS"]
    g = by_text(ms, "deux ministres")
    assert [x.name for x in g.members] == ["Phan Van Giang", "Sergei Shoigu"] or \
           sorted(x.name for x in g.members) == ["Phan Van Giang", "Sergei Shoigu"]
    assert all(x.kind == "person" for x in g.members)
    g = by_text(ms, "deux pays")
    assert sorted(x.country for x in g.members) == ["RUS", "VNM"]


def test_plain_string_input(dic):
    ms = ActorFinder(dic).find("Le président russe Vladimir Poutine a reçu le Premier ministre Pham Minh Chinh.",
                               "2023-10-10")
    assert [m.actor.actor_id for m in ms] == ["vladimir_putin", "pham_minh_chinh"]
    assert ms[0].actor.title == "President" and ms[1].actor.title == "Prime Minister"


# ------------------------------------------------------------------ user dictionaries
USER_PERSONS = """
- id: nguyen_van_test
  name: Nguyen Van Test
  country: VNM
  variants: [Nguyễn Văn Tét]
  offices:
    - {office: deputy_minister_of_defence, start: 2022-01-01}
- id: ivan_testov
  name: Ivan Testov
  country: RUS
  variants: [Ivan Testoff]
  offices:
    - {office: ambassador, host: VNM, start: 2024-01-01}
"""


def test_extra_dictionary(tmp_path, nlp):
    p = tmp_path / "mine.yaml"
    p.write_text(USER_PERSONS, encoding="utf-8")
    d = ActorDictionary.load([p], env=False)
    assert [x.id for x in d.lookup("Nguyễn Văn Tét")] == ["nguyen_van_test"]
    ms = ActorFinder(d).find(nlp("Le général Nguyen Van Tet a reçu M. Testoff, ambassadeur de Russie."),
                             "2024-03-01")
    a = by_text(ms, "général Nguyen Van Tet")
    assert (a.actor_id, a.title, a.sector) == ("nguyen_van_test", "Deputy Minister of Defence", "MIL")
    a = [m.actor for m in ms if m.actor.actor_id == "ivan_testov"][0]
    assert (a.country, a.sector) == ("RUS", "DIP")


def test_env_dictionary(tmp_path, monkeypatch):
    p = tmp_path / "env.yaml"
    p.write_text(USER_PERSONS, encoding="utf-8")
    monkeypatch.setenv("ANNALES_ACTORS", str(p))
    assert ActorDictionary.load().lookup("Ivan Testov")[0].id == "ivan_testov"


# ------------------------------------------------------------------ VNA style details
def test_apposition_across_party_rank(find):
    ms = find("Le général d'armée Phan Van Giang, membre du Bureau politique, ministre de la Défense, "
              "a reçu le général Andreï Belooussov, ministre de la Défense de la Fédération de Russie.",
              "2025-07-12")
    persons = [m for m in ms if m.actor.kind == "person"]
    assert [(m.actor.name, m.actor.title) for m in persons] == [
        ("Phan Van Giang", "Minister of Defence"), ("Andrei Belousov", "Minister of Defence")]
    assert persons[0].text.endswith("ministre de la Défense")
    assert persons[1].text.endswith("Fédération de Russie")


def test_short_vietnamese_name_needs_title(find):
    ms = find("Selon M. Giang, la coopération progresse. Giang est une province.", "2023-06-01")
    ids = [m.actor.actor_id for m in ms]
    assert ids.count("phan_van_giang") == 1
    assert by_text(ms, "M. Giang").actor_id == "phan_van_giang"


def test_bodies_of_both_countries(find):
    ms = find("Le Vietnam et la Russie coopèrent. Les ministères de la Défense des deux pays "
              "et les armées des deux pays ont signé un plan.", "2023")
    a = by_text(ms, "ministères de la Défense des deux pays")
    assert a.kind == "group" and [(x.country, x.sector) for x in a.members] == [("VNM", "MIL"), ("RUS", "MIL")]
    a = by_text(ms, "armées des deux pays")
    assert [x.country for x in a.members] == ["VNM", "RUS"]


def test_adjective_general_is_not_a_rank(find):
    ms = find("Le Département général de la politique a reçu le directeur général de Rosoboronexport.", "2023")
    assert not [m for m in ms if m.actor.title == "General"]
    a = by_text(ms, "Département général de la politique")
    assert (a.country, a.sector, a.kind) == ("VNM", "MIL", "org")


def test_office_of_body(find):
    ms = find("Le vice-amiral Tran Thanh Nghiem, commandant de la Marine, et Saysomphone Phomvihane, "
              "président de l'Assemblée nationale lao, étaient présents.", "2023", default_country="VNM")
    a = by_text(ms, "vice-amiral Tran Thanh Nghiem, commandant de la Marine")
    assert (a.name, a.country, a.sector, a.title) == ("Tran Thanh Nghiem", "VNM", "MIL", "Commander of the Navy")
    assert "default_country" in a.rule
    a = by_text(ms, "Saysomphone Phomvihane, président de l'Assemblée nationale lao")
    assert (a.country, a.sector, a.actor_id) == ("LAO", "LEG", "saysomphone_phomvihane")


def test_locative_country_is_flagged(find):
    ms = find("Le ministre russe est en visite au Vietnam.", "2023")
    a = by_text(ms, "Vietnam")
    assert a.rule.endswith("+locative") and a.confidence < 0.9


def test_lowercase_common_words_are_not_countries(find):
    ms = find("Une grenade a été trouvée; Maurice Dupont, un agriculteur, l'a signalée.", "2023")
    assert not [m for m in ms if m.actor.kind == "country"]


def test_counterpart_without_demonym(find):
    ms = find("Le Vietnam et le Laos ont renforcé leurs liens. Le ministre lao de la Défense "
              "a reçu son homologue.", "2022-05-01")
    a = by_text(ms, "homologue")
    assert (a.name, a.country) == ("Phan Van Giang", "VNM")


def test_empty_text(dic):
    assert ActorFinder(dic).find("", "2023") == []


def test_default_country_beats_foreign_antecedent_for_specific_office(find):
    ms = find("Sergueï Choïgou est arrivé à Hanoï. Le ministre de la Défense l'a accueilli. "
              "Le ministre a ensuite visité une usine.", "2022-03-01", default_country="VNM")
    assert by_text(ms, "ministre de la Défense").actor_id == "phan_van_giang"
    # a generic word goes to the latest minister named
    assert by_text(ms, "ministre").actor_id == "phan_van_giang"


def test_secretary_general(find):
    ms = find("Le secrétaire général To Lam a reçu une délégation. Le secrétaire général de l'ONU a salué "
              "le Vietnam.", "2025-04-20", default_country="VNM")
    a = by_text(ms, "secrétaire général To Lam")
    assert (a.actor_id, a.sector, a.title) == ("to_lam", "PTY", "General Secretary of the Party")
    a = by_text(ms, "secrétaire général de l'ONU")
    assert (a.country, a.name, a.title) == ("UN", None, "Secretary-General")
