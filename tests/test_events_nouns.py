"""Events named by a noun phrase with its own date, told in an aside, or framed by another
event; and the participation and funding triggers. Sentences written for these tests, coded
by the whole real pipeline (spaCy fr_core_news_md)."""
from __future__ import annotations

from coding import code_text, triples


def code(pipeline, text: str, published: str = "2024-03") -> list[dict]:
    return code_text(pipeline, text, published)


def test_a_recalled_visit_with_its_own_date_is_coded_on_that_date(pipeline):
    ev = code(pipeline, "Paris (VNA) - L'ambassadeur Dinh Toan Thang a rappelé la visite en France du "
                        "secrétaire général Nguyen Phu Trong en mars 2018.")
    visit = [e for e in ev if e["cameo"] == "042"]
    assert len(visit) == 1
    e = visit[0]
    assert e["date"] == "2018-03"
    assert [a["name"] for a in e["actors"]] == ["Nguyen Phu Trong"]
    assert [a["country"] for a in e["recipients"]] == ["FRA"]
    assert "syntax:dated-noun" in e["rule"] and "date:own" in e["rule"]


def test_a_recalled_event_does_not_move_the_story_date(pipeline):
    ev = code(pipeline, "Hanoï (VNA) - Le vice-ministre de la Défense Hoang Xuan Chien et le vice-ministre "
                        "russe Alexander Fomin ont coprésidé le 6 mars à Hanoï le 7e dialogue. Les deux "
                        "parties ont passé en revue les résultats du 6e dialogue tenu en décembre 2022 à "
                        "Moscou. Elles ont convenu de renforcer la coopération.")
    got = triples(ev)
    pair = frozenset({"VNM", "RUS"})
    assert ("CONSULT", "2024-03-06", pair) in got
    assert ("CONSULT", "2022-12", pair) in got           # the recalled dialogue, its own date
    assert ("AGREE", "2024-03-06", pair) in got          # the agreement stays with today's talks


def test_plural_and_name_years_are_not_events(pipeline):
    ev = code(pipeline, "Hanoï (VNA) - Les deux parties se sont réjouies du partenariat Vietnam-Russie, "
                        "illustré par les visites de hauts dirigeants des deux pays en 2017. Le Vietnam a "
                        "envoyé une délégation au Forum technique militaire 2021 en Russie.")
    assert [e for e in ev if e["type"] == "CONSULT"] == []


def test_an_aside_visit_with_consistent_dates_is_coded(pipeline):
    ev = code(pipeline, "Hanoï (VNA) - Le ministre Phan Van Giang a reçu le 22 octobre à Hanoï le général "
                        "Andrey Kartapolov, vice-ministre russe de la Défense, en visite officielle au "
                        "Vietnam du 21 au 24 octobre.", published="2019-10")
    got = triples(ev)
    pair = frozenset({"VNM", "RUS"})
    assert ("CONSULT", "2019-10-22", pair) in got
    visit = next(e for e in ev if e["cameo"] == "042")
    assert (visit["date"], visit["date_end"]) == ("2019-10-21", "2019-10-24")
    assert [a["name"] for a in visit["actors"]] == ["Andrey Kartapolov"]


def test_an_aside_visit_contradicting_the_sentence_is_dropped(pipeline):
    ev = code(pipeline, "Hanoï (VNA) - La réunion du comité s'est tenue le 12 octobre à Hanoï. Elle était "
                        "coprésidée par le vice-ministre Be Xuan Truong et Vladimir Drozhzhov, en visite de "
                        "travail au Vietnam du 17 au 20 avril.", published="2019-10")
    assert not [e for e in ev if e["cameo"] == "042"]


def test_talks_inside_a_framing_visit_are_their_own_event(pipeline):
    ev = code(pipeline, "Hanoï (VNA) - Dans le cadre de la visite officielle en Russie du Premier ministre "
                        "Nguyen Xuan Phuc, du 29 novembre au 2 décembre, le ministre vietnamien de la "
                        "Défense, Phan Van Giang, a eu le 1er décembre un entretien avec son homologue "
                        "russe, le général Sergei Shoigu. Les deux ministres ont convenu de renforcer la "
                        "coopération.", published="2021-12")
    got = triples(ev)
    pair = frozenset({"VNM", "RUS"})
    assert ("CONSULT", "2021-11-29", pair) in got         # the visit
    assert ("CONSULT", "2021-12-01", pair) in got         # the talks
    assert ("AGREE", "2021-12-01", pair) in got
    talks = next(e for e in ev if e["date"] == "2021-12-01" and e["type"] == "CONSULT")
    assert {a["name"] for a in talks["actors"]} == {"Phan Van Giang", "Sergei Shoigu"}


def test_a_light_verb_cut_off_by_commas_still_holds_its_noun(pipeline):
    ev = code(pipeline, "Hanoï (VNA) - Le secrétaire général du Comité central du Parti communiste du "
                        "Vietnam, To Lam, a eu, vendredi soir 4 avril, une conversation téléphonique avec "
                        "le président américain Donald Trump.", published="2025-04")
    assert ("CONSULT", "2025-04-04", frozenset({"VNM", "USA"})) in triples(ev)


def test_a_press_conference_is_not_a_meeting(pipeline):
    ev = code(pipeline, "Washington (VNA) - Ces doses arriveront au Vietnam, a déclaré la porte-parole de "
                        "la Maison Blanche lors d'une conférence de presse tenue le 7 juillet.",
                        published="2021-07")
    assert not [e for e in ev if e["type"] == "CONSULT"]


def test_sending_teams_to_games_abroad_is_cooperation(pipeline):
    ev = code(pipeline, "Hanoï (VNA) - Le ministère vietnamien de la Défense a envoyé huit équipes aux Jeux "
                        "internationaux de l'Armée 2019 en Russie. Le vice-ministre Nguyen Chi Vinh a "
                        "assisté le 17 août à la cérémonie de clôture des Jeux à Moscou.", published="2019-08")
    coop = [e for e in ev if e["type"] == "COOPERATE"]
    assert {e["rule"].split(";")[0] for e in coop} == {"cooperate.send_to_games", "cooperate.attend_games"}
    assert all([a["country"] for a in e["recipients"]] == ["RUS"] for e in coop)
    assert all(a["name"] == "Russia" for e in coop for a in e["recipients"])


def test_a_patronymic_does_not_hide_a_known_person(pipeline):
    ev = code(pipeline, "Hanoï (VNA) - Le vice-ministre Hoang Xuan Chien et le vice-ministre russe de la "
                        "Défense Alexander Vasilyevich Fomin ont coprésidé le 6 mars à Hanoï le 7e dialogue.")
    names = {a["name"] for e in ev for a in e["actors"]}
    assert {"Hoang Xuan Chien", "Alexander Fomin"} <= names


def test_ambassadors_of_several_states_make_one_reception_each(pipeline):
    ev = code(pipeline, "Hanoï (VNA) - Le président Nguyen Phu Trong a reçu le 26 février à Hanoï les "
                        "nouveaux ambassadeurs du Cambodge, de la Suisse et de la Grèce, venus lui présenter "
                        "leurs lettres de créance.", published="2020-02")
    got = {t for t in triples(ev) if t[0] == "CONSULT"}
    assert got == {("CONSULT", "2020-02-26", frozenset({"VNM", c})) for c in ("KHM", "CHE", "GRC")}


def test_aid_to_several_states_is_one_transfer_each(pipeline):
    ev = code(pipeline, "Hanoï (VNA) - Le gouvernement vietnamien a offert le 5 mai 100 tonnes de riz au "
                        "Laos et au Cambodge.", published="2020-05")
    got = {t for t in triples(ev) if t[0] == "AID"}
    assert got == {("AID", "2020-05-05", frozenset({"VNM", "LAO"})), ("AID", "2020-05-05", frozenset({"VNM", "KHM"}))}


def test_a_handover_ceremony_is_aid(pipeline):
    ev = code(pipeline, "Hanoï (VNA) - Une cérémonie de remise de 500.000 masques offerts par le ministère "
                        "vietnamien de la Défense à la partie chinoise a eu lieu le 9 février à Hanoï.",
                        published="2020-02")
    assert ("AID", "2020-02-09", frozenset({"VNM", "CHN"})) in triples(ev)


def test_asking_for_a_signing_is_not_a_signing(pipeline):
    ev = code(pipeline, "Pékin (VNA) - Le vice-Premier ministre Pham Binh Minh et le ministre chinois Wang Yi "
                        "ont coprésidé le 17 avril la 10e réunion du Comité de pilotage. Pham Binh Minh a "
                        "demandé aux deux parties de signer un nouveau protocole sur la coopération.",
                        published="2017-04")
    assert not [e for e in ev if e["type"] == "SUPPORT"]
    assert ("CONSULT", "2017-04-17", frozenset({"VNM", "CHN"})) in triples(ev)


def test_what_was_agreed_before_is_not_a_new_agreement(pipeline):
    ev = code(pipeline, "Hanoï (VNA) - Le ministre Phan Van Giang a reçu le 17 décembre le ministre "
                        "biélorusse de la Défense Viktor Khrenin. Il a souhaité que les contenus convenus "
                        "par les deux parties soient bien mis en œuvre.", published="2024-12")
    assert not [e for e in ev if e["type"] == "AGREE"]
    khrenin = next(e for e in ev if e["type"] == "CONSULT")
    assert "Viktor Khrenin" in {a["name"] for a in khrenin["actors"]}


def test_a_participle_clause_dates_its_event(pipeline):
    ev = code(pipeline, "Moscou (VNA) - La délégation de l'Armée populaire du Vietnam a assisté à la cérémonie "
                        "de clôture des Jeux militaires internationaux 2019, organisée le 17 août à Moscou.",
                        published="2019-08")
    assert ("COOPERATE", "2019-08-17", frozenset({"VNM", "RUS"})) in triples(ev)


def test_a_framing_visit_without_dates_is_dated_by_month(pipeline):
    ev = code(pipeline, "Vientiane (VNA) - Le vice-ministre Hoang Xuan Chien a rendu le 12 janvier à "
                        "Vientiane une visite de courtoisie au ministre lao de la Défense Chansamone "
                        "Chanyalath. Cette activité s'inscrivait dans le cadre de la visite officielle au Laos "
                        "du Premier ministre Pham Minh Chinh.", published="2023-01")
    got = triples(ev)
    assert ("CONSULT", "2023-01-12", frozenset({"VNM", "LAO"})) in got
    assert ("CONSULT", "2023-01", frozenset({"VNM", "LAO"})) in got


def test_aid_arriving_from_a_named_donor(pipeline):
    ev = code(pipeline, "Hanoï (VNA) - Deux millions de doses du vaccin Moderna accordées par le gouvernement "
                        "américain au Vietnam sont arrivées le 10 juillet à l'aéroport international de Noi "
                        "Bai à Hanoï. Le ministre est arrivé le 11 juillet à Hanoï.", published="2021-07")
    aid = [e for e in ev if e["type"] == "AID"]
    assert [(e["date"], [a["country"] for a in e["actors"]]) for e in aid] == [("2021-07-10", ["USA"])]
    assert [a["country"] for a in aid[0]["recipients"]] == ["VNM"]


def test_leaders_at_a_signing_ceremony_sign(pipeline):
    ev = code(pipeline, "Paris (VNA) - Le secrétaire général To Lam et le président Emmanuel Macron ont "
                        "assisté le 7 octobre à Paris à la cérémonie de signature de 12 documents de "
                        "coopération.", published="2024-10")
    assert ("SUPPORT", "2024-10-07", frozenset({"VNM", "FRA"})) in triples(ev)


def test_a_date_between_light_verb_and_noun_keeps_the_noun(pipeline):
    # the parser hangs "conversation" on a word after it; the surface order decides
    ev = code(pipeline, "Hanoï (VNA) - Le Premier ministre Pham Minh Chinh a eu le 10 juillet une "
                        "conversation téléphonique avec son homologue indien Narendra Modi sur la coopération.",
              published="2021-07")
    assert ("CONSULT", "2021-07-10", frozenset({"VNM", "IND"})) in triples(ev)


def test_partitive_des_is_not_the_preposition_des(pipeline):
    # "des rencontres" (some meetings), not "dès" (since)
    ev = code(pipeline, "Vientiane (VNA) - Le ministre des Affaires étrangères Pham Binh Minh a eu mercredi "
                        "19 février à Vientiane des rencontres bilatérales avec le ministre chinois des "
                        "Affaires étrangères Wang Yi.", published="2020-02")
    assert ("CONSULT", "2020-02-19", frozenset({"VNM", "CHN"})) in triples(ev)


def test_leaving_for_a_visit_starts_it(pipeline):
    ev = code(pipeline, "Hanoï (VNA) - Le président de l'Assemblée nationale Vuong Dinh Hue a quitté Hanoï "
                        "dimanche 7 avril pour une visite officielle en Chine.", published="2024-04")
    visit = [e for e in ev if e["cameo"] == "042"]
    assert [(e["date"], [a["country"] for a in e["recipients"]]) for e in visit] == [("2024-04-07", ["CHN"])]


def test_a_trip_recalled_with_its_month_under_another_noun(pipeline):
    ev = code(pipeline, "Hanoï (VNA) - Le ministre a salué les résultats du voyage officiel de Phan Van Giang "
                        "aux États-Unis en septembre.", published="2025-02")
    assert ("CONSULT", "2024-09", frozenset({"VNM", "USA"})) in triples(ev)


def test_a_named_framing_visit_and_its_talks_are_two_events(pipeline):
    ev = code(pipeline, "Paris (VNA) - Dans le cadre de sa visite de travail en France, le ministre des "
                        "Affaires étrangères Bui Thanh Son a eu le 6 juin à Paris une entrevue avec le "
                        "président du Sénat français Gérard Larcher.", published="2023-06")
    got = triples(ev)
    assert ("CONSULT", "2023-06", frozenset({"VNM", "FRA"})) in got      # the visit: its month only
    assert ("CONSULT", "2023-06-06", frozenset({"VNM", "FRA"})) in got   # the talks: their day


def test_a_framing_visit_already_told_with_its_days_is_not_repeated(pipeline):
    ev = code(pipeline, "Paris (VNA) - Le ministre Bui Thanh Son a effectué du 5 au 7 juin une visite de "
                        "travail en France. Dans le cadre de sa visite en France, Bui Thanh Son a eu le 6 juin "
                        "une entrevue avec le président du Sénat français Gérard Larcher.", published="2023-06")
    visits = [e for e in ev if e["cameo"] == "042"]
    assert [(e["date"], e["date_end"]) for e in visits] == [("2023-06-05", "2023-06-07")]


def test_generic_meetings_in_a_frame_are_not_events(pipeline):
    ev = code(pipeline, "Hanoï (VNA) - Les deux ministres ont convenu de se coordonner étroitement lors des "
                        "réunions multilatérales.", published="2023-06")
    assert [e for e in ev if e["type"] == "CONSULT"] == []


def test_a_gift_named_by_its_donor_goes_to_the_receiving_clause(pipeline):
    ev = code(pipeline, "Ho Chi Minh-Ville (VNA) - Le Comité populaire de Ho Chi Minh-Ville a organisé le "
                        "19 juillet une cérémonie de réception de cadeaux offerts par le gouvernement et le "
                        "peuple du Cambodge.", published="2021-07")
    aid = [e for e in ev if e["type"] == "AID"]
    assert [([a["country"] for a in e["actors"]], [a["country"] for a in e["recipients"]]) for e in aid] \
        == [(["KHM"], ["VNM"])]


def test_doses_from_two_donors_are_two_gifts(pipeline):
    ev = code(pipeline, "Hanoï (VNA) - Une cérémonie de réception de doses de vaccin accordées par la Pologne "
                        "et la République de Corée au Vietnam a eu lieu le 15 octobre à Hanoï.", published="2021-10")
    got = triples(ev)
    assert ("AID", "2021-10-15", frozenset({"POL", "VNM"})) in got
    assert ("AID", "2021-10-15", frozenset({"KOR", "VNM"})) in got
    assert ("AID", "2021-10-15", frozenset({"POL", "KOR", "VNM"})) not in got


def test_a_past_session_since_which_things_changed_is_still_an_event(pipeline):
    ev = code(pipeline, "Hanoï (VNA) - Le ministre Bui Thanh Son et son homologue indien Subrahmanyam "
                        "Jaishankar ont évalué les relations depuis la 17e session du Comité mixte qui s'est "
                        "tenue en août 2020.", published="2023-10")
    assert ("CONSULT", "2020-08", frozenset({"VNM", "IND"})) in triples(ev)


def test_a_recalled_dialogue_inside_an_agreement_is_not_intended(pipeline):
    ev = code(pipeline, "Paris (VNA) - Le vice-ministre Hoang Xuan Chien et la directrice française Alice Rufo "
                        "ont convenu que depuis le deuxième dialogue, tenu en avril 2022, la coopération "
                        "s'est développée.", published="2023-12")
    got = triples(ev)
    assert ("CONSULT", "2022-04", frozenset({"VNM", "FRA"})) in got
    assert ("AGREE", "2022-04", frozenset({"VNM", "FRA"})) not in got


def test_a_forum_that_will_be_held_is_not_dated_by_its_clause(pipeline):
    ev = code(pipeline, "Singapour (VNA) - Le ministre Pham Binh Minh a invité les dirigeants chinois à "
                        "participer au Forum économique mondial sur l'ASEAN qui se tiendra du 11 au 13 "
                        "septembre à Hanoï.", published="2018-08")
    assert not any(e["date"] and e["date"].startswith("2018-09") and e["type"] == "CONSULT" for e in ev)


def test_presenting_credentials_is_received_by_the_host(pipeline):
    ev = code(pipeline, "Lisbonne (VNA) - L'ambassadeur du Vietnam au Portugal, Dinh Toan Thang, a présenté "
                        "le 20 octobre à Lisbonne ses lettres de créance au président portugais Marcelo Rebelo "
                        "de Sousa.", published="2021-10")
    cred = [e for e in ev if "consult.credentials" in e["rule"]]
    assert [(e["date"], e["cameo"], [a["country"] for a in e["actors"]], [a["country"] for a in e["recipients"]])
            for e in cred] == [("2021-10-20", "043", ["VNM"], ["PRT"])]


def test_a_recent_call_is_dated_by_the_report_year(pipeline):
    # "récent": some time before the report, perhaps the month before; only its year is safe
    ev = code(pipeline, "Hanoï (VNA) - L'ambassadeur s'est félicité du récent appel téléphonique entre le "
                        "secrétaire général Nguyen Phu Trong et le président français Emmanuel Macron.",
              published="2023-11")
    calls = [e for e in ev if e["cameo"] == "041"]
    assert [(e["date"], "date:recent" in e["rule"]) for e in calls] == [("2023", True)]
    assert {"VNM", "FRA"} <= {a["country"] for a in calls[0]["actors"]}


def test_a_guest_on_a_visit_is_a_visit_of_that_month(pipeline):
    ev = code(pipeline, "Hanoï (VNA) - Le Premier ministre Pham Minh Chinh a reçu le 24 juin à Hanoï Men Sam An, "
                        "vice-Première ministre cambodgienne, en visite officielle au Vietnam.", published="2022-06")
    got = triples(ev)
    assert ("CONSULT", "2022-06-24", frozenset({"KHM", "VNM"})) in got   # the reception
    visit = [e for e in ev if e["cameo"] == "042"]
    assert [(e["date"], [a["country"] for a in e["actors"]], [a["country"] for a in e["recipients"]])
            for e in visit] == [("2022-06", ["KHM"], ["VNM"])]


def test_a_joint_decision_is_an_agreement_but_one_sides_is_not(pipeline):
    ev = code(pipeline, "Nha Trang (VNA) - Le vice-ministre Le Hoai Trung et le vice-ministre chinois Liu Zhenmin "
                        "se sont rencontrés le 5 mars à Nha Trang. Les deux parties ont décidé d'encourager leurs "
                        "entreprises à coopérer.", published="2017-03")
    assert ("AGREE", "2017-03-05", frozenset({"VNM", "CHN"})) in triples(ev)
    ev = code(pipeline, "Hanoï (VNA) - Le Vietnam a décidé le 12 mai de contribuer 500.000 dollars à l'UNICEF "
                        "pour aider l'Ukraine.", published="2022-05")
    assert [e for e in ev if e["type"] == "AGREE"] == []


def test_an_organisation_framing_a_bilateral_call_is_not_a_party(pipeline):
    ev = code(pipeline, "Hanoï (VNA) - Le Premier ministre Anwar Ibrahim a informé son homologue vietnamien "
                        "Pham Minh Chinh des mesures prises par la Malaisie, en tant que président de l'ASEAN en "
                        "2025, pour résoudre les questions soulevées lors de leur entretien téléphonique du 6 "
                        "avril dernier.", published="2025-04")
    calls = [e for e in ev if e["cameo"] == "041"]
    assert [frozenset(a["country"] for a in e["actors"] + e["recipients"]) for e in calls] \
        == [frozenset({"VNM", "MYS"})]


def test_a_weekday_before_the_dateline_filing_day(pipeline):
    ev = code(pipeline, "Hanoi, 3 septembre (VNA) – Le Premier ministre indien Narendra Modi a entamé vendredi "
                        "sa visite officielle au Vietnam.", published="2016-09")
    visit = [e for e in ev if e["cameo"] == "042"]
    assert [e["date"] for e in visit] == ["2016-09-02"]      # 3 September 2016 was a Saturday


def test_a_past_visit_after_which_things_happened_is_an_event(pipeline):
    ev = code(pipeline, "Hanoï (VNA) - Le ministre a noté que la coopération s'était renforcée, en particulier "
                        "après la visite officielle en France en novembre 2021 du Premier ministre Pham Minh Chinh.",
              published="2022-04")
    assert ("CONSULT", "2021-11", frozenset({"VNM", "FRA"})) in triples(ev)


def test_a_call_dated_a_few_words_up(pipeline):
    ev = code(pipeline, "Hanoï (VNA) - Le vice-ministre Nguyen Chi Vinh et le secrétaire indien à la Défense Ajay "
                        "Kumar ont coprésidé le 12 janvier le 13e dialogue. Les deux parties ont convenu de "
                        "continuer à mener efficacement les résultats de la conversation téléphonique entre les "
                        "deux ministres de la Défense le 27 novembre 2020.", published="2021-01")
    assert ("CONSULT", "2020-11-27", frozenset({"VNM", "IND"})) in triples(ev)


def test_aid_to_the_one_it_helps(pipeline):
    ev = code(pipeline, "Hanoï (VNA) - Le ministère vietnamien de la Défense a offert le 20 mai des fournitures "
                        "médicales pour soutenir son homologue cambodgien dans la lutte contre le COVID-19.",
              published="2021-05")
    assert ("AID", "2021-05-20", frozenset({"VNM", "KHM"})) in triples(ev)


def test_the_dateline_is_the_place_of_last_resort(pipeline):
    ev = code(pipeline, "Hanoï (VNA) - Le ministre Bui Thanh Son a reçu le 16 juin l'ambassadrice australienne "
                        "Gillian Bird. Le même jour, il a eu un entretien téléphonique avec son homologue "
                        "japonais.", published="2025-06")
    got = {e["cameo"]: e for e in ev}
    assert got["043"]["location"]["name"] == "Hanoi" and "place:dateline" in got["043"]["rule"]
    assert got["041"]["location"] is None            # a call has no place


def test_a_date_hung_beside_the_visit_takes_the_phrases_after_it(pipeline):
    ev = code(pipeline, "Paris (VNA) - Cette visite vise à développer les résultats de la visite officielle en "
                        "février dernier en Italie du président de l'Assemblée nationale, Tran Thanh Man.")
    visit = [e for e in ev if e["date"] == "2024-02"]
    assert len(visit) == 1
    assert [a["name"] for a in visit[0]["actors"]] == ["Tran Thanh Man"]
    assert [a["country"] for a in visit[0]["recipients"]] == ["ITA"]


def test_a_date_set_off_by_a_comma_dates_a_recalled_talk(pipeline):
    ev = code(pipeline, "Hanoï (VNA) - Les deux parties sont convenues de mettre en œuvre les résultats de "
                        "l'entretien en ligne entre les deux Premiers ministres vietnamien et thaïlandais, le "
                        "14 novembre 2023.", published="2024-03")
    assert ("CONSULT", "2023-11-14", frozenset({"VNM", "THA"})) in triples(ev)


def test_a_date_set_off_after_a_frame_is_not_the_frame_s_own(pipeline):
    ev = code(pipeline, "Hambourg (VNA) - Le Premier ministre Nguyen Xuan Phuc a eu des rencontres avec le "
                        "président chinois Xi Jinping, en marge du Sommet du G20, le 8 juillet.",
              published="2017-07")
    assert all("G20" not in {a["country"] for a in e["actors"] + e["recipients"]} for e in ev)
    assert ("CONSULT", "2017-07-08", frozenset({"VNM", "CHN"})) in triples(ev)


def test_a_date_hung_on_a_name_inside_the_phrase_dates_it(pipeline):
    ev = code(pipeline, "Hanoï (VNA) - Les deux parties ont évalué les progrès réalisés depuis la visite "
                        "officielle au Vietnam du président chilien Gabriel Boric en octobre 2022.")
    assert ("CONSULT", "2022-10", frozenset({"CHL", "VNM"})) in triples(ev)


def test_a_stay_with_its_days_is_a_visit(pipeline):
    ev = code(pipeline, "Durant son séjour du 3 au 6 mars en Hongrie, le président Vo Van Thuong s'est "
                        "entretenu avec son homologue hongrois Tamas Sulyok.")
    visit = [e for e in ev if e["cameo"] == "042"]
    assert [(e["date"], e["date_end"]) for e in visit] == [("2024-03-03", "2024-03-06")]
    assert [a["country"] for a in visit[0]["recipients"]] == ["HUN"]


def test_a_coming_visit_named_in_passing_is_announced_in_the_report_s_year(pipeline):
    ev = code(pipeline, "Hanoï (VNA) - Le ministre a souligné l'importance de la prochaine visite au Vietnam "
                        "du président russe Vladimir Poutine.", "2017-10")
    assert [(e["type"], e["cameo"], e["date"]) for e in ev] == [("AGREE", "036", "2017")]
    assert "date:announced" in ev[0]["rule"]
    assert {a["country"] for a in ev[0]["actors"] + ev[0]["recipients"]} == {"RUS", "VNM"}


def test_a_coming_visit_with_its_own_date_is_a_visit_on_that_date(pipeline):
    ev = code(pipeline, "Hanoï (VNA) - La partie australienne a affirmé qu'elle saluait la prochaine visite en "
                        "Australie du Premier ministre Nguyên Tân Dung début 2015.", "2014-11")
    assert [(e["type"], e["cameo"], e["date"]) for e in ev] == [("CONSULT", "042", "2015")]
