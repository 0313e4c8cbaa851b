"""actors stage: failures seen on real VNA copy (initials, chairs of bodies, coordinated titles,
country anaphors, places before names, lists of ambassadors, long titles)."""
from __future__ import annotations

import pytest

from annales.actors import ActorDictionary, ActorFinder


@pytest.fixture(scope="module")
def find():
    from annales.nlp import load_nlp
    nlp = load_nlp()
    finder = ActorFinder(ActorDictionary.load(env=False))

    def run(text, date=None, default_country="VNM"):
        return finder.find(nlp(text), date, default_country=default_country)
    return run


def by_text(mentions, text):
    hits = [m for m in mentions if m.text == text]
    assert hits, f"no mention {text!r} in {[m.text for m in mentions]}"
    return hits[0].actor


def persons(mentions):
    return [m for m in mentions if m.actor.kind == "person"]


# ------------------------------------------------------------------ 1. middle initials
def test_middle_initial_of_unknown_name_stays_in_the_name(find):
    ms = find("Hanoï (VNA) - Le vice-ministre a reçu le 2 mars l'ambassadeur australien "
              "Andrew J. Goledzinowski, qui quitte ses fonctions.", "2023-03-02")
    a = by_text(ms, "ambassadeur australien Andrew J. Goledzinowski")
    assert (a.name, a.country, a.title) == ("Andrew J. Goledzinowski", "AUS", "Ambassador")
    assert not [m for m in ms if m.text.endswith("Andrew J") or m.text == "Goledzinowski"]


def test_middle_initial_is_ignored_when_matching_the_dictionary(find):
    # persons.yaml knows "Gennady Bezdetko" and "Gennady Stepanovich Bezdetko", not "Gennady S. Bezdetko"
    ms = find("Le général Phan Van Giang a reçu le 4 avril l'ambassadeur russe Gennady S. Bezdetko.",
              "2023-04-04")
    a = by_text(ms, "ambassadeur russe Gennady S. Bezdetko")
    assert a.actor_id == "gennady_bezdetko"
    assert len(persons(ms)) == 2


# ------------------------------------------------------------------ 2. "président de <body>"
def test_chair_of_an_unknown_body_is_not_a_head_of_state(find):
    ms = find("Hanoï (VNA) - Le président de la Chambre des conseillers du Japon, Sekiguchi Masakazu, "
              "a rencontré le 12 mars le Premier ministre.", "2025-03-12")
    a = by_text(ms, "président de la Chambre des conseillers du Japon, Sekiguchi Masakazu")
    assert (a.name, a.country, a.sector) == ("Sekiguchi Masakazu", "JPN", "LEG")
    assert a.title == "President of the House of Councillors"
    assert "head_of_state" not in a.rule and "default_country" not in a.rule
    assert not [m for m in ms if "head_of_state" in m.actor.rule]


def test_chair_without_a_name_never_falls_back_to_the_home_head_of_state(find):
    ms = find("Hanoï (VNA) - Le président du sous-comité Laos a pris la parole. Le président du "
              "groupe d'amitié a salué les résultats.", "2023-07-07")
    a = by_text(ms, "président du sous-comité Laos")
    assert a.country == "LAO" and a.actor_id is None
    assert not [m for m in persons(ms) if m.actor.actor_id or "head_of_state" in m.actor.rule]


def test_plural_chairs_of_bodies_of_two_states(find):
    ms = find("Hanoï (VNA) - Les présidents des Commissions des affaires étrangères des Assemblées "
              "nationales (AN) vietnamienne et cambodgienne ont eu un entretien le 3 mai.", "2023-05-03")
    groups = [m.actor for m in ms if m.actor.kind == "group"]
    assert len(groups) == 1 and groups[0].sector == "LEG"
    assert [x.country for x in groups[0].members] == ["VNM", "KHM"]
    assert not [x for x in groups[0].members if x.actor_id]


# ------------------------------------------------------------------ 3. coordinated titles
def test_coordinated_titles_before_a_name_are_one_person(find):
    ms = find("Le vice-Premier ministre et ministre des Affaires étrangères, Pham Binh Minh, s'est "
              "entretenu le 9 avril avec son homologue lao.", "2020-04-09")
    assert not [m for m in ms if "unresolved" in m.actor.rule]
    a = by_text(ms, "vice-Premier ministre et ministre des Affaires étrangères, Pham Binh Minh")
    assert a.actor_id == "pham_binh_minh"


def test_coordinated_titles_without_a_name_are_one_description(find):
    ms = find("Hanoï (VNA) - Le vice-Premier ministre et ministre des Affaires étrangères a accueilli "
              "le 9 avril une délégation.", "2020-04-09")
    a = by_text(ms, "vice-Premier ministre et ministre des Affaires étrangères")
    assert a.actor_id == "pham_binh_minh"
    assert len(persons(ms)) == 1


# ------------------------------------------------------------------ 4. "ce pays"
def test_country_anaphors(find):
    ms = find("Hanoï (VNA) - Le Vietnam remercie la Corée du Sud pour son aide. Cet État a déjà "
              "fourni 2 millions de doses. Le pays enverra aussi des respirateurs.", "2021-08-01")
    for phrase in ("Cet État", "Le pays"):
        a = by_text(ms, phrase)
        assert (a.country, a.kind, a.confidence) == ("KOR", "country", 0.6)
        assert a.rule.startswith("anaphor:")
    assert by_text(ms, "Cet État").rule == "anaphor:cet etat"


def test_country_anaphor_without_antecedent_is_dropped(find):
    ms = find("Ce pays a envoyé une aide.", "2021")
    assert ms == []


# ------------------------------------------------------------------ 5. place before a name
def test_place_is_not_glued_to_the_name_after_it(find):
    ms = find("Hanoï (VNA) - Le vice-ministre a reçu le 3 mai à Da Nang Somchai Wongsawat, "
              "ambassadeur de Thaïlande.", "2022-05-03")
    a = by_text(ms, "Somchai Wongsawat, ambassadeur de Thaïlande")
    assert (a.name, a.country) == ("Somchai Wongsawat", "THA")
    assert not [m for m in ms if "Nang" in m.text]


def test_city_is_not_a_person(find):
    ms = find("Les deux délégations se sont rendues le 4 mai à Hô Chi Minh-Ville.", "2022-05-04")
    assert not [m for m in ms if "Minh" in m.text]


# ------------------------------------------------------------------ 6. list of ambassadors
def test_plural_office_with_a_list_of_demonyms(find):
    ms = find("Le ministre a reçu les ambassadeurs japonais Yamada Takio, malaisien Tan Yang Thai "
              "et canadien Shawn Steil.", "2022-06-01")
    got = [(m.actor.name, m.actor.country, m.actor.title) for m in persons(ms) if m.actor.name]
    assert ("Yamada Takio", "JPN", "Ambassador") in got
    assert ("Tan Yang Thai", "MYS", "Ambassador") in got
    assert ("Shawn Steil", "CAN", "Ambassador") in got
    assert not [m for m in ms if m.actor.kind == "country"]


# ------------------------------------------------------------------ 7. long title then name
def test_long_title_then_name(find):
    ms = find("Hanoï (VNA) - Le ministre a reçu le 5 mai le conseiller de l'Alliance parlementaire "
              "d'amitié Inde-Vietnam Rajesh Kumar Singh.", "2023-05-05")
    a = [m.actor for m in persons(ms) if m.actor.name == "Rajesh Kumar Singh"]
    assert a and (a[0].country, a[0].sector) == ("IND", "LEG")
    assert not [m for m in ms if "member_of_parliament" in m.actor.rule]


def test_conseiller_the_verb_is_no_office(find):
    ms = find("Il est chargé de conseiller le gouvernement.", "2023")
    assert not [m for m in ms if m.actor.title == "Advisor"]


# ------------------------------------------------------------------ 8. new offices
def test_national_security_advisor_and_crown_prince(find):
    ms = find("Le conseiller américain à la sécurité nationale Jake Sullivan a rencontré le prince "
              "héritier.", "2023-05-05")
    a = by_text(ms, "conseiller américain à la sécurité nationale Jake Sullivan")
    assert (a.actor_id, a.title) == ("jake_sullivan", "National Security Advisor")
    a = by_text(ms, "prince héritier")   # an office of Japan unless the text says otherwise
    assert (a.actor_id, a.title) == ("fumihito", "Crown Prince")


# ------------------------------------------------------------------ 8. an unknown name met twice
def test_an_epithet_between_a_body_and_its_demonym(find):
    ms = find("La visite a eu lieu à l'invitation du général Vong Pisen, commandant en chef de l'Armée "
              "royale cambodgienne.", "2019-10-30")
    a = [m.actor for m in persons(ms) if m.actor.name == "Vong Pisen"]
    assert [x.country for x in a] == ["KHM"]


def test_an_unknown_name_keeps_the_state_it_was_first_given(find):
    ms = find("La visite a eu lieu à l'invitation du général Vong Pisen, commandant en chef de l'Armée "
              "royale cambodgienne. Le 31 octobre, le ministre s'est entretenu avec le général Vong Pisen.",
              "2019-10-30")
    a = [m.actor for m in persons(ms) if m.actor.name == "Vong Pisen"]
    assert [x.country for x in a] == ["KHM", "KHM"]
    assert "+earlier-mention" in a[1].rule


def test_a_bare_vietnamese_name_in_vna_copy_is_vietnamese(find):
    ms = find("Au nom du Parti, le vice-président permanent de la Commission des relations extérieures du "
              "Comité central du Parti, Nguyen Huy Tang, a remis une enveloppe.", "2021-04-23")
    a = [m.actor for m in persons(ms) if m.actor.name == "Nguyen Huy Tang"]
    assert a and a[0].country == "VNM" and a[0].confidence <= 0.4
    ms = find("Le général Vong Pisen a reçu la délégation.", "2019-10-30")
    assert [m.actor.country for m in persons(ms) if m.actor.name == "Vong Pisen"] == [None]


def test_korean_alone_is_south_korea_and_a_glued_demonym(find):
    ms = find("Le gouvernement et le peuple coréens ont fait don de vaccins. La ministre néozélandaise des "
              "Affaires étrangères, Nanaia Mahuta, et le dirigeant nord-coréen.", "2021-10-13")
    got = {m.text: m.actor.country for m in ms}
    assert got["coréens"] == "KOR"
    assert any(c == "NZL" for t, c in got.items() if "Mahuta" in t)
    assert any(c == "PRK" for t, c in got.items() if "nord-coréen" in t)


def test_an_office_of_an_unknown_foreign_body_takes_its_demonym(find):
    ms = find("Le ministre To Lam et le directeur du Service fédéral de sécurité russe, le général Ivan "
              "Petrovsky, se sont entretenus à Hanoï.", "2019-12-03")
    a = by_text(ms, "directeur du Service fédéral de sécurité russe, le général Ivan Petrovsky")
    assert (a.name, a.country) == ("Ivan Petrovsky", "RUS")


def test_a_surname_alone_is_the_person_named_before(find):
    ms = find("Le directeur de la Garde nationale russe, le général Ivan Petrovsky, a reçu le ministre To Lam. "
              "Le ministre To Lam et le directeur Petrovsky ont signé un mémorandum.", "2019-12-03")
    a = by_text(ms, "directeur Petrovsky")
    assert (a.name, a.country) == ("Ivan Petrovsky", "RUS")
    assert "short-of-earlier" in a.rule


def test_coordinated_demonyms_after_a_body_make_two_bodies(find):
    ms = find("Les Garde-côtes vietnamienne et chinoise ont commencé leur patrouille conjointe.", "2022-11-03")
    a = by_text(ms, "Garde-côtes vietnamienne et chinoise")
    assert a.kind == "group"
    assert sorted(m.country for m in a.members) == ["CHN", "VNM"]


def test_an_unknown_portfolio_between_the_office_and_the_name(find):
    ms = find("Le ministre a reçu le vice-Premier ministre et ministre slovène des Finances, Klemen Boštjančič.",
              "2024-03-05")
    a = [m.actor for m in persons(ms) if m.actor.name == "Klemen Bostjancic"][0]
    assert a.country == "SVN"


def test_a_state_given_later_to_a_name_holds_for_its_first_mention(find):
    ms = find("Batbayar Ganbold a terminé sa visite. Le ministre Bui Thanh Son et son homologue mongol "
              "Batbayar Ganbold ont signé un mémorandum.", "2024-03-05")
    first = persons(ms)[0].actor
    assert (first.name, first.country) == ("Batbayar Ganbold", "MNG")


def test_a_region_of_the_compass_is_no_country():
    from annales.actors import lookup_country
    assert lookup_country("Est") is None            # "l'Asie du Sud-Est", never Estonia
    assert lookup_country("EST") == ("EST", "Estonia")


def test_a_chair_of_a_two_word_body_named_by_its_demonym(find):
    ms = find("Le président du Grand Khoural d'État mongol a terminé sa visite.", "2018-01-23")
    a = [m.actor for m in persons(ms)][0]
    assert a.country == "MNG"


def test_an_acronym_in_brackets_abbreviates_the_name_before_it(find):
    ms = find("Pham Minh Chinh a rencontré le premier secrétaire du Parti communiste de Cuba (PCC). "
              "Le PCC a salué les relations.", "2025-07-06")
    parties = [m.actor for m in ms if m.actor.kind == "org"]
    assert [a.country for a in parties] == ["CUB", "CUB"]      # never the Chinese party
    assert [m.text for m in ms if m.actor.kind == "org"] == ["Parti communiste de Cuba", "PCC"]


def test_an_office_inside_a_known_body_of_a_state(find):
    ms = find("Le ministre a reçu le directeur de la Direction des opérations conjointes des Forces armées "
              "royales thaïlandaises, le général Somchai Rattanakul.", "2018-07-19")
    a = [m.actor for m in persons(ms) if m.actor.name == "Somchai Rattanakul"][0]
    assert a.country == "THA"


# ------------------------------------------------------------------ names told apart from places and parts
def test_a_given_name_after_a_comma_keeps_a_surname_the_dictionary_knows_alone(find):
    # "Zhao" alone is a short form of Zhao Leji; "Liu Zhao" is someone else
    ms = find("Le vice-ministre s'est entretenu à Pékin avec son homologue chinois, Liu Zhao.", "2019-04-25")
    names = [m.actor.name for m in persons(ms)]
    assert "Liu Zhao" in names and "Zhao Leji" not in names


def test_provinces_are_neither_persons_nor_laos(find):
    ms = find("La réunion du groupe de travail entre les provinces vietnamiennes de Lai Chau, Ha Giang, "
              "Lao Cai et le Yunnan (Chine) a eu lieu le 12 décembre.", "2018-12-12")
    assert "LAO" not in {m.actor.country for m in ms}            # "Lao Cai" is not "lao"
    assert not [m for m in persons(ms) if m.text in ("Ha Giang", "Lao Cai")]


def test_an_ordinal_before_the_office_in_apposition_still_describes_the_name(find):
    ms = find("Le président de l'Assemblée nationale a reçu Andrey Yatskin, premier vice-président du "
              "Conseil de la Fédération de Russie.", "2023-02-17")
    assert [(m.actor.name, m.actor.country) for m in persons(ms) if "Yatskin" in m.text] == [("Andrey Yatskin", "RUS")]


def test_a_long_unknown_portfolio_between_office_and_name(find):
    ms = find("La secrétaire d'État adjointe aux affaires de politique et de défense, Jessica Lewis, est "
              "arrivée.", "2023-03-30")
    a = [m.actor for m in persons(ms) if "Jessica Lewis" in m.text]
    assert a and a[0].title == "Secretary of State"
    assert a[0].country != "VNM"     # the office alone no longer defaults to the wire's state


def test_a_regnal_numeral_is_no_short_form_of_a_monarch(find):
    ms = find("Le navire de la II e Région navale a quitté le port. L'ambassadeur a présenté ses lettres de "
              "créance à la reine Elizabeth II.", "2021-11-18")
    assert [(m.text, m.actor.country) for m in persons(ms) if m.actor.name] == [("reine Elizabeth II", "GBR")]


def test_a_french_spelling_of_a_head_of_state_resolves_with_his_office_on_the_date(find):
    ms = find("Le président biélorusse Alexandre Loukachenko a reçu l'ambassadeur.", "2019-06-10")
    a = [m.actor for m in persons(ms) if "Loukachenko" in m.text][0]
    assert (a.name, a.country, a.title) == ("Alexander Lukashenko", "BLR", "President")


def test_a_local_office_takes_the_country_of_its_town_or_region(find):
    ms = find("L'ambassadeur a rencontré le gouverneur de Voronezh, Alexander Gusev, la maire adjointe de "
              "Los Angeles, Erin Bromaghim, et le gouverneur de la province de Moscou, Andreï Vorobiov.",
              "2019-11-25", default_country=None)
    got = {m.actor.name: (m.actor.country, m.actor.title) for m in persons(ms) if m.actor.name}
    assert got["Alexander Gusev"] == ("RUS", "Governor")
    assert got["Erin Bromaghim"] == ("USA", "Deputy Mayor")
    assert got["Andrei Vorobiov"] == ("RUS", "Governor")     # "Moscou" read as a capital unit


def test_a_central_bank_governor_is_no_local_office(find):
    ms = find("Le gouverneur de la Banque d'État du Vietnam Nguyen Thi Hong a reçu la délégation.", "2023-05-02")
    a = [m.actor for m in persons(ms) if m.actor.name][0]
    assert (a.name, a.country, a.title) == ("Nguyen Thi Hong", "VNM", "Central Bank Governor")


def test_a_province_acts_for_its_state_but_a_province_visited_is_a_place(find):
    ms = find("Une délégation de la province de Kon Tum a signé un mémorandum avec la province lao d'Attapeu. "
              "Elle s'est ensuite rendue dans la province de Quang Ninh.", "2022-10-26", default_country=None)
    got = [(m.text, m.actor.country) for m in ms]
    assert ("délégation de la province de Kon Tum", "VNM") in got
    assert ("province lao d'Attapeu", "LAO") in got        # the demonym, and the gazetteer's region
    assert not any("Quang Ninh" in t for t, _ in got)


def test_a_local_office_needs_the_whole_name_of_its_place(find):
    ms = find("Il a rencontré le gouverneur de la province de Luang Namtha, Phout Simmalavong.", "2024-08-22",
              default_country=None)
    a = [m.actor for m in persons(ms) if m.actor.name][0]
    assert (a.name, a.country) == ("Phout Simmalavong", "LAO")    # not "Luang", a town in France


def test_le_is_a_vietnamese_name_not_an_article_when_names_follow_or_precede_it(find):
    ms = find("Le président du Comité populaire de la province de Quang Nam, Le Tri Thanh, a reçu Nguyen Thi Le. "
              "Le Premier ministre Pham Minh Chinh était présent.", "2022-08-22")
    names = [m.actor.name for m in persons(ms) if m.actor.name]
    assert names[:2] == ["Le Tri Thanh", "Nguyen Thi Le"]
    assert "Pham Minh Chinh" in names and not any(n.startswith("Le Premier") for n in names)


def test_an_ambassador_with_a_vietnamese_name_in_vna_copy_is_vietnam_s(find):
    ms = find("L'ambassadeur Nguyen Huy Tang a été reçu par le roi Norodom Sihamoni.", "2024-12-09")
    a = [m.actor for m in persons(ms) if m.actor.name == "Nguyen Huy Tang"][0]
    assert a.country == "VNM"
    ms = find("L'ambassadeur Pierre Dumontel a été reçu par le ministre.", "2024-12-09")
    assert [m.actor.country for m in persons(ms) if m.actor.name == "Pierre Dumontel"] == [None]
