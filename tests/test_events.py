"""The event coder on sentences written for these tests, through the whole real pipeline."""
from __future__ import annotations

from coding import code_text, triples


def code(pipeline, text: str, published: str | None = "2023-07") -> list[dict]:
    return code_text(pipeline, text, published)


def test_courtesy_visit_has_visitor_as_actor_and_host_as_recipient(pipeline):
    ev = code(pipeline, "Hanoï (VNA) - Dans la matinée du 12 juillet, à Moscou, le général Phan Van Giang, "
                        "ministre vietnamien de la Défense, a rendu une visite de courtoisie au ministre russe "
                        "des Affaires étrangères Sergueï Lavrov.")
    visit = [e for e in ev if e["cameo"] == "042"]
    assert len(visit) == 1
    e = visit[0]
    assert e["type"] == "CONSULT" and e["mode"] == "visit" and e["date"] == "2023-07-12"
    assert [a["country"] for a in e["actors"]] == ["VNM"]
    assert [a["country"] for a in e["recipients"]] == ["RUS"]
    assert e["location"]["name"] == "Moscow"
    assert e["rule"].startswith("consult.pay_visit")


def test_reception_makes_the_guest_the_actor(pipeline):
    ev = code(pipeline, "Le Premier ministre Pham Minh Chinh a reçu le 3 juillet à Hanoï l'ambassadeur "
                        "de France au Vietnam.")
    e = next(e for e in ev if e["cameo"] == "043")
    assert e["date"] == "2023-07-03"
    assert {a["country"] for a in e["actors"]} == {"FRA"}
    assert {a["country"] for a in e["recipients"]} == {"VNM"}
    assert e["location"]["name"] == "Hanoi"


def test_phone_call_is_symmetric_and_has_no_place(pipeline):
    ev = code(pipeline, "Le ministre des Affaires étrangères Bui Thanh Son a eu le 18 juillet un entretien "
                        "téléphonique avec son homologue chinois Wang Yi.")
    assert ("CONSULT", "2023-07-18", frozenset({"VNM", "CHN"})) in triples(ev)
    call = next(e for e in ev if e["type"] == "CONSULT")
    assert call["mode"] == "phone" and call["recipients"] == [] and call["location"] is None


def test_range_and_same_day_anaphora(pipeline):
    ev = code(pipeline, "Une délégation du ministère laotien de la Défense effectue du 10 au 13 juillet une "
                        "visite officielle au Vietnam. Le 11 juillet, la délégation a été reçue par le "
                        "ministère vietnamien de la Défense. Le même jour, les deux parties ont signé un "
                        "mémorandum de coopération dans la formation.")
    got = triples(ev)
    visit = next(e for e in ev if e["cameo"] == "042")
    assert visit["date"] == "2023-07-10" and visit["date_end"] == "2023-07-13"
    assert ("SUPPORT", "2023-07-11", frozenset({"VNM", "LAO"})) in got


def test_undated_teaser_style_item_keeps_no_year(pipeline):
    ev = code(pipeline, "La 5e réunion du Comité mixte Vietnam - Cambodge a eu lieu 14 octobre à Phnom Penh.",
              published=None)
    assert ("CONSULT", "XXXX-10-14", frozenset({"VNM", "KHM"})) in triples(ev)


def test_future_intent_without_date_is_agree(pipeline):
    ev = code(pipeline, "Le 6 juillet, le ministre russe de la Défense a reçu le général Phan Van Giang. "
                        "Il a accepté l'invitation à se rendre au Vietnam de son homologue vietnamien.")
    agree = [e for e in ev if e["type"] == "AGREE"]
    assert agree and agree[0]["cameo"] == "036"
    assert {a["country"] for a in agree[0]["actors"] + agree[0]["recipients"]} == {"RUS", "VNM"}


def test_praise_and_opinions_are_not_events(pipeline):
    ev = code(pipeline, "Le ministre a hautement apprécié les contributions de l'ambassadeur russe au "
                        "développement des relations entre les deux pays.")
    assert ev == []


def test_negated_event_is_flagged(pipeline):
    ev = code(pipeline, "Le 4 juillet, le Premier ministre Pham Minh Chinh n'a pas reçu l'ambassadeur de Chine.")
    assert ev and all(e["negated"] for e in ev)


def test_every_event_traces_to_its_sentence(pipeline):
    text = "Le 9 juillet, le président Vo Van Thuong a reçu à Hanoï l'ambassadeur du Japon au Vietnam."
    ev = code(pipeline, text)
    assert ev
    for e in ev:
        assert e["trigger"] and e["trigger"] in e["sentence"]
        assert e["sentence"] in text


def test_passive_reception_keeps_the_guest_as_actor(pipeline):
    ev = code(pipeline, "L'ambassadeur d'Arabie saoudite au Vietnam a été reçu le 30 juillet à Hanoï par le "
                        "ministre des Affaires étrangères Bui Thanh Son.")
    e = next(e for e in ev if e["cameo"] == "043")
    assert {a["country"] for a in e["actors"]} == {"SAU"}
    assert [a["name"] for a in e["recipients"]] == ["Bui Thanh Son"]
    assert "passive" in e["rule"]


def test_working_trip_abroad_has_the_destination_as_recipient(pipeline):
    ev = code(pipeline, "Le 16 juillet, le Premier ministre Pham Minh Chinh a quitté Hanoï pour entamer un "
                        "voyage de travail au Koweït.")
    e = next(e for e in ev if e["cameo"] == "042")
    assert e["date"] == "2023-07-16"
    assert [a["country"] for a in e["recipients"]] == ["KWT"]
    assert e["location"]["name"] == "Kuwait"


def test_aid_names_the_donor_and_the_receiving_state(pipeline):
    ev = code(pipeline, "Le 18 juillet, le Japon a offert au Vietnam 500.000 doses de vaccin contre le COVID-19.")
    e = next(e for e in ev if e["type"] == "AID")
    assert e["cameo"] == "073" and e["date"] == "2023-07-18"
    assert [a["country"] for a in e["actors"]] == ["JPN"]
    assert [a["country"] for a in e["recipients"]] == ["VNM"]
    assert "health" in e["context"]


def test_possible_aid_is_an_intent_to_give(pipeline):
    ev = code(pipeline, "Actuellement, le ministère russe de la Défense étudie la possibilité de remettre au "
                        "ministère vietnamien de la Défense des doses de vaccin.")
    e = next(e for e in ev if e["rule"].startswith("aid.give"))
    assert e["type"] == "AGREE" and e["cameo"] == "0333" and e["date"] == "2023-07"


def test_ainsi_que_makes_one_meeting_per_partner_state(pipeline):
    ev = code(pipeline, "Le 9 juillet, le général Phan Van Giang a rencontré le ministre lao de la Défense "
                        "Chansamone Chanyalath ainsi que le ministre cambodgien de la Défense Tea Banh.")
    got = triples(ev)
    assert ("CONSULT", "2023-07-09", frozenset({"VNM", "LAO"})) in got
    assert ("CONSULT", "2023-07-09", frozenset({"VNM", "KHM"})) in got


def test_future_signing_keeps_its_announced_year(pipeline):
    ev = code(pipeline, "Le Vietnam et le Laos signeront un plan de coopération en 2025.", published="2024-05")
    e = next(e for e in ev if e["cameo"] == "057")
    assert e["future"] and e["date"] == "2025"


def test_framing_noun_is_an_event(pipeline):
    ev = code(pipeline, "Le ministre indien de la Défense a fait cette déclaration lors d'une rencontre avec "
                        "le général Phan Van Giang le 5 juillet à New Delhi.")
    assert ("CONSULT", "2023-07-05", frozenset({"IND", "VNM"})) in triples(ev)


def test_weekday_is_placed_within_the_days_the_story_gives(pipeline):
    ev = code(pipeline, "Le ministre indonésien de la Défense effectue du 12 au 14 juillet une visite officielle "
                        "au Vietnam. Le général Phan Van Giang a présidé vendredi à Hanoï la cérémonie d'accueil "
                        "de son homologue indonésien.")
    # 14 July 2023 is the only Friday between the 12th and the 14th
    assert ("CONSULT", "2023-07-14", frozenset({"IDN", "VNM"})) in triples(ev)


def test_a_period_of_years_does_not_date_an_agreement(pipeline):
    ev = code(pipeline, "Le 3 juillet, le ministre lao de la Défense a rencontré le général Phan Van Giang. "
                        "Conformément au plan de coopération pour la période 2021-2025, les deux parties se sont "
                        "engagées à renforcer la formation.")
    agree = [e for e in ev if e["type"] == "AGREE"]
    assert agree and all(e["date"] == "2023-07-03" for e in agree)


def test_one_state_alone_is_not_an_interaction(pipeline):
    ev = code(pipeline, "Le 8 juillet, les États-Unis ont envoyé des millions de doses de vaccin dans de "
                        "nombreux pays.")
    assert ev == []


def test_co_chairs_of_a_held_dialogue_are_named(pipeline):
    ev = code(pipeline, "Le 4e dialogue sur la politique de défense Vietnam-Inde a eu lieu le 6 juillet à "
                        "Hanoï, sous l'égide du général Hoang Xuan Chien et du secrétaire indien à la Défense "
                        "Rajesh Kumar Singh.", published="2025-07")
    e = next(e for e in ev if e["type"] == "CONSULT")
    names = {a["name"] for a in e["actors"]}
    assert {"Hoang Xuan Chien", "Rajesh Kumar Singh"} <= names
    assert e["location"]["name"] == "Hanoi"


def test_talks_inside_a_framing_visit_are_coded_with_their_own_date(pipeline):
    ev = code(pipeline, "Dans le cadre de sa visite officielle en Chine, le président Vo Van Thuong s'est "
                        "entretenu le 20 juillet à Pékin avec le président chinois Xi Jinping.")
    talks = [e for e in ev if e["rule"].startswith("consult.talk_verb")]
    assert talks and talks[0]["date"] == "2023-07-20"
    assert {a["country"] for a in talks[0]["actors"]} == {"VNM", "CHN"}


def test_unknown_foreign_person_does_not_default_to_the_wire_home_country(pipeline):
    ev = code(pipeline, "Hanoï (VNA) - Le 17 juillet, le président Vo Van Thuong a reçu la présidente du "
                        "Conseil italien Giorgia Meloni.")
    e = next(e for e in ev if e["cameo"] == "043")
    assert [(a["name"], a["country"]) for a in e["actors"]] == [("Giorgia Meloni", "ITA")]


def test_a_secretary_of_state_is_american_only_when_said(pipeline):
    ev = code(pipeline, "Hanoï (VNA) - Le 16 juillet, le vice-ministre Nguyen Minh Vu a reçu Peter Sztaray, "
                        "secrétaire d'État au ministère hongrois des Affaires étrangères.")
    states = {a["country"] for e in ev for a in e["actors"] + e["recipients"]}
    assert "USA" not in states and "HUN" in states
