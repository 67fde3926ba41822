"""Sections typed by content in texts without numbered headings: news items and headless summaries
(pipeline/content_sections.py through segment()), with negatives; texts written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.content_sections import sentence_kind
from pipeline.ingest import load_source
from pipeline.section_cues import section_cues
from pipeline.segment import segment

TITLE = "青溪镇多措并举化解矛盾纠纷"
LEAD = "本报讯 近日，青溪镇围绕“矛盾不上交”目标，扎实推进信访矛盾排查化解工作，全镇社会大局保持稳定。"
ACTION_ONE = "镇里建立了班子成员包村联户制度，每名班子成员联系两个村，定期走访群众，收集诉求。"
ACTION_TWO = "同时，镇综治中心整合司法所、派出所力量，对排查出的纠纷逐件登记，限期调处。"
RESULT = "截至目前，该镇共排查矛盾纠纷46起，成功化解44起，化解率达95.7%。"
TOTALS = "全镇辖11个行政村，今年以来共受理信访事项31件，办结29件，办结率达93.5%。"


def _kinds(tmp_path: Path, *paragraphs: str) -> list[str]:
    path = tmp_path / "item.txt"
    path.write_text("\n".join(paragraphs) + "\n", encoding="utf-8")
    (doc,) = load_source(path).documents
    seg = segment(doc)
    text = doc.file_text
    for section in seg.sections:  # grounded and tiling
        assert doc.start <= section.start < section.end <= doc.end
        assert text[section.start : section.end].strip()
    assert [s.start for s in seg.sections][0] == doc.start and seg.sections[-1].end == doc.end
    assert all(a.end == b.start for a, b in zip(seg.sections, seg.sections[1:]))
    return [s.kind for s in seg.sections]


def test_content_sections_news_item_has_lead_measures_and_results(tmp_path: Path) -> None:
    assert _kinds(tmp_path, TITLE, LEAD, ACTION_ONE, ACTION_TWO, RESULT) == ["overview", "measures", "results"]


def test_content_sections_result_sentence_inside_a_measures_paragraph_opens_results(tmp_path: Path) -> None:
    assert _kinds(tmp_path, TITLE, LEAD, ACTION_ONE, ACTION_TWO + RESULT) == ["overview", "measures", "results"]


def test_content_sections_totals_before_any_measure_stay_in_the_overview(tmp_path: Path) -> None:
    assert _kinds(tmp_path, LEAD, TOTALS, ACTION_ONE, ACTION_TWO) == ["overview", "measures"]


def test_content_sections_a_lead_opening_an_enumeration_is_a_measure(tmp_path: Path) -> None:
    first = "一是压实责任。镇党委把信访工作列入重要议事日程，书记亲自抓。"
    assert _kinds(tmp_path, first, ACTION_ONE, RESULT) == ["measures", "results"]


def test_content_sections_an_action_later_in_the_lead_opens_the_measures(tmp_path: Path) -> None:
    lead = ("为拉近干群距离，柳岸乡在全乡推行“周五说事日”。乡里制定了说事日工作规程，"
            "要求班子成员轮流到村坐班。")
    story = "周五上午，村民老周来到村部，反映自家承包地被邻居占用的事，驻村干部当场约双方面谈。"
    assert _kinds(tmp_path, TITLE, lead, story) == ["overview", "measures"]


def test_content_sections_a_lead_without_an_action_stays_the_overview(tmp_path: Path) -> None:
    lead = "柳岸乡地处山区，辖9个行政村。全乡外出务工人员较多，邻里纠纷时有发生。"
    story = "周五上午，村民老周来到村部，反映自家承包地被邻居占用的事，驻村干部当场约双方面谈。"
    assert _kinds(tmp_path, TITLE, lead, story) == ["overview"]


NUMBERED = ("2023年上半年信访工作总结", "今年以来，我镇信访形势总体平稳。", "一、主要做法",
            "（一）压实排查责任。镇村两级每月开展一次矛盾纠纷集中排查，建立问题清单。")


def test_content_sections_a_result_inside_a_numbered_measure_opens_results(tmp_path: Path) -> None:
    result = "上半年共排查矛盾纠纷52起，化解49起，化解率94.2%。"
    nxt = "（二）畅通诉求渠道。镇里开通了网上信访平台，安排专人受理。"
    kinds = _kinds(tmp_path, *NUMBERED[:3], NUMBERED[3] + result, nxt)
    assert kinds[-3:] == ["measures", "results", "measures"]


def test_content_sections_a_plan_paragraph_closing_a_measure_opens_plans(tmp_path: Path) -> None:
    plan = "下一步，我镇将继续推行周例会制度，把矛盾化解在萌芽状态。"
    assert _kinds(tmp_path, *NUMBERED, plan)[-2:] == ["measures", "plans"]


def test_content_sections_a_numbered_measure_without_outcomes_stays_whole(tmp_path: Path) -> None:
    action = "镇里为每个村配备了信访信息员，共落实联络员16名，信息做到及时上报。"
    assert _kinds(tmp_path, *NUMBERED, action)[-1:] == ["measures"]
    assert "results" not in _kinds(tmp_path, *NUMBERED, action)


def test_content_sections_image_marks_and_captions_are_skipped(tmp_path: Path) -> None:
    assert _kinds(tmp_path, TITLE, LEAD, "![]() |", "| 图为接访现场 |", ACTION_ONE, RESULT) == [
        "overview", "measures", "results"]


def test_content_sections_problems_and_plans_close_a_news_item(tmp_path: Path) -> None:
    problems = "但该镇信访工作仍存在一些短板，村级调解员力量薄弱。"
    plans = "下一步，青溪镇将继续深化网格化管理，把矛盾化解在萌芽状态。"
    assert _kinds(tmp_path, LEAD, ACTION_ONE, problems, plans) == ["overview", "measures", "problems", "plans"]


def test_content_sections_numbered_summary_keeps_its_heading_kinds(tmp_path: Path) -> None:
    kinds = _kinds(tmp_path, "青溪镇2021年信访工作总结", LEAD, "一、主要做法", ACTION_ONE, "二、存在问题",
                   "村级调解员力量薄弱。")
    assert kinds == ["overview", "measures", "problems"]


def test_content_sections_a_purpose_clause_opens_the_measures(tmp_path: Path) -> None:
    purpose = "为了让群众少跑路，他们在便民服务中心设了接访窗口，由驻村干部轮流坐班。"
    assert _kinds(tmp_path, TITLE, LEAD, purpose) == ["overview", "measures"]


def test_content_sections_background_after_the_lead_stays_the_overview(tmp_path: Path) -> None:
    background = "该镇辖12个行政村，户籍人口3.2万，外出务工人员较多，土地流转纠纷时有发生。"
    assert _kinds(tmp_path, TITLE, LEAD, background) == ["overview"]


def test_content_sections_a_paragraph_the_page_cut_off_still_counts(tmp_path: Path) -> None:
    cut = "下一步，该镇将继续完善接访制度，推动矛盾纠纷就地化解，持续"
    assert _kinds(tmp_path, TITLE, LEAD, ACTION_ONE, cut) == ["overview", "measures", "plans"]


def test_content_sections_a_short_closing_line_without_a_full_stop_is_no_text(tmp_path: Path) -> None:
    assert _kinds(tmp_path, TITLE, LEAD, ACTION_ONE, "责任编辑：王明") == ["overview", "measures"]


@pytest.mark.parametrize("sentence, kind", [
    ("截至目前，共化解矛盾纠纷12起", "results"),
    ("活动开展以来，累计接待群众85人次", "results"),
    ("矛盾纠纷化解率达98%", "results"),
    ("今年来，镇调委会共受理各类信访事项近百件", "results"),
    ("今年5月以来，召开调度会3次，化解积案3件", "results"),
    ("2023年，全镇各排查队伍共疏导化解问题40个", "results"),
    ("全镇初信初访化解率90%以上", "results"),
    ("近年来，该镇在创新求变中构筑信访工作发力点", None),
    ("下一步，我镇将持续推进信访法治化建设", "plans"),
    ("力争全年实现零越级访", "plans"),
    ("但仍存在基层力量薄弱等问题", "problems"),
    ("接下来，该镇将把接访窗口延伸到每个村", "plans"),
    ("“矛盾解决了，服务不能停。”镇信访办主任表示，将继续推行领导包案制度", "plans"),
    ("他介绍说，下一步要进一步压实村级调解责任", "plans"),
    # negatives: what a speaker says of the past or of the work in general is no plan
    ("镇长表示，信访工作是民生大事", None),
    ("他说，过去群众有事要跑好几趟", None),
    # negatives: purpose clauses and intentions inside a measure are no plans or results
    ("镇里深入各村排查隐患，力争做到早发现、早化解", None),
    ("实行网格管理，实现信访工作“零死角”", None),
    ("镇党委高度重视信访工作，定期召开专题会议", None),
    # a story's outcome after the mediation is its result; the mediation itself is none
    ("最终双方达成一致意见，由李某承担维修费用", "results"),
    ("经过调解员三次上门沟通，两家握手言和", "results"),
    ("调解员随后约双方到调解室沟通", None),
])
def test_content_sections_sentence_kind(sentence: str, kind: str | None) -> None:
    assert sentence_kind(sentence, section_cues("zh")) == kind


@pytest.mark.parametrize("sentence, kind", [
    ("In the first half of the year, the town received a total of 41 letters and visits.", "results"),
    ("A total of 27 disputes were mediated and 25 of them resolved.", "results"),
    ("The settlement rate reached 96.5%.", "results"),
    ("Going forward, the office will extend the reception desk to every village.", "plans"),
    ("The director of the office said that the town will continue to hold open reception days.", "plans"),
    # negatives: a speaker's words on what happened, or on the work in general, are no plan
    ("The director said that most visitors came about land contracts.", None),
    ("The mayor noted that petition work concerns every household.", None),
    # negatives: a total of people or money put into a measure is no outcome
    ("The town set aside 20,000 yuan and arranged a total of 12 liaison officers in the villages.", None),
    ("A total of 3 reception rooms were refurbished with new furniture.", None),
    # since a date or a launch, what was received or resolved is an outcome
    ("Since March 2019, the village stations have received 212 complaints and mediated 147 disputes.", "results"),
    ("Since the start of the campaign, 86 land disputes were resolved.", "results"),
    ("Since 2016, 73 disputes were resolved, 12 of which involved petitions.", "results"),
    # negatives: a date since when a body exists, or a period summed up with no outcome
    ("Since 2016, the town has had a mediation room in every village.", None),
    ("Since the beginning of this year, the town has paid close attention to stability.", None),
    # over a recent span, or by the statistics, what was handled; an honour won
    ("In the past three months, the mediation room has handled 52 complaints, most of them resolved.", "results"),
    ("Statistics show the street office has resolved more than 900 disputes in this way.", "results"),
    ("The village mediation committee was rated as an outstanding mediation committee of the province.", "results"),
    # negatives: a span with no outcome, an honour's name used as a goal
    ("In the past two years, the town has trained its grid members twice a month.", None),
    ("The town aims to build an outstanding mediation team.", None),
    # a story's outcome, and a later sentence giving a year's totals
    ("In the end, both households reached an agreement to split the bill.", "results"),
    ("After three rounds of mediation, the neighbours signed a mediation agreement.", "results"),
    ("Throughout 2024, the hall fielded more than 3,000 requests from residents.", "results"),
    # negatives: the mediation itself, a year that dates an action
    ("The mediator then invited both families to the mediation room.", None),
    ("In 2024, the town built a new reception hall for residents.", None),
])
def test_content_sections_sentence_kind_en(sentence: str, kind: str | None) -> None:
    assert sentence_kind(sentence, section_cues("en")) == kind


def test_content_sections_an_english_enumerated_clause_opens_the_measures(tmp_path: Path) -> None:
    lead = "Since the beginning of the year, the town has handled 41 letters and visits, and the petition situation is stable."
    first = "The first is to hold a petition analysis meeting every month, and leaders take turns receiving visitors."
    background = "The town lies in the north of the county and has a population of 26,000, most of them farmers."
    assert _kinds(tmp_path, lead, first) == ["overview", "measures"]
    assert _kinds(tmp_path, lead, background) == ["overview"]


def test_content_sections_an_english_action_later_in_a_sentence_opens_the_measures(tmp_path: Path) -> None:
    lead = "Petition numbers in Hexi Town fell by a fifth last year, officials said."
    story = ("A farmer in Nanwan Village complained that a neighbour had blocked his irrigation ditch. "
             "After taking the call, the town's mediation centre immediately dispatched two mediators to the field.")
    assert _kinds(tmp_path, lead, story) == ["overview", "measures"]


def test_content_sections_an_english_sentence_summing_up_the_period_stays_the_overview(tmp_path: Path) -> None:
    lead = ("Since the beginning of this year, under the guidance of the county bureau, the town has "
            "carried out its petition work steadily and kept the situation stable.")
    totals = "From January to June the town received 41 letters and visits, 3 fewer than a year earlier."
    assert _kinds(tmp_path, lead, totals) == ["overview"]


@pytest.mark.parametrize("sentence, kind", [
    ("每月开一次例会，梳理全镇工作里暴露的短板和问题，定出整改办法", None),
    ("组织干部查找工作中存在的问题，逐条整改", None),
    # negatives: a problem stated as one stays a problem
    ("一是村级调解力量薄弱，人手不足", "problems"),
    ("工作中还存在一些问题和不足", "problems"),
])
def test_content_sections_problems_a_measure_analyses_are_the_measures(sentence: str, kind: str | None) -> None:
    assert sentence_kind(sentence, section_cues("zh")) == kind


def test_content_sections_an_action_after_a_result_in_its_paragraph_opens_the_measures(tmp_path: Path) -> None:
    later = RESULT + "镇里还举办调解员培训班2期，邀请律师授课。"
    assert _kinds(tmp_path, TITLE, LEAD, ACTION_ONE, later) == ["overview", "measures", "results", "measures"]


def test_content_sections_a_second_result_stays_in_the_results(tmp_path: Path) -> None:
    later = RESULT + "群众满意率达98.1%。"
    assert _kinds(tmp_path, TITLE, LEAD, ACTION_ONE, later) == ["overview", "measures", "results"]


def test_content_sections_an_english_action_dated_by_its_year_is_a_measure(tmp_path: Path) -> None:
    lead = "Petition numbers in Hexi Town fell by a fifth last year, officials said."
    dated = "In 2019, the town set up a mediation room in every village and trained 40 mediators."
    assert _kinds(tmp_path, lead, dated) == ["overview", "measures"]


def test_content_sections_a_comma_touching_a_sentence_opener_ends_the_sentence(tmp_path: Path) -> None:
    lead = ("The county justice bureau ran a spring campaign against village disputes over land, "
            "wages and family matters,Since the launch of the campaign, a total of 312 disputes have "
            "been investigated and 287 resolved.")
    assert _kinds(tmp_path, lead) == ["overview", "results"]
    # negatives: a comma with its space, or before a word that opens no sentence, joins nothing
    spaced = lead.replace(",Since", ", since")
    assert _kinds(tmp_path, spaced) == ["overview"]
    place = ("Hexi Town,Qingshui County has built a mediation room in every village and a total of "
             "312 disputes were investigated.")
    assert _kinds(tmp_path, place) == ["overview"]


def test_content_sections_a_rule_for_staff_opens_the_measures(tmp_path: Path) -> None:
    lead = "Hexi Town set up a duty roster for its villages last spring."
    rule = ("Two officials stay on duty at night. When a villager calls, they are required to reach "
            "the house within half an hour.")
    assert _kinds(tmp_path, lead, rule) == ["overview", "measures"]


@pytest.mark.parametrize("sentence, shows", [
    ("Duty officers are required to reach the village within one hour of a call.", True),
    ("The county bureau is obliged to answer each letter in writing.", True),
    # negatives: what was required of the town from above, or a need, states no action taken
    ("The requirements of the county are high.", False),
    ("More mediators are needed in the mountain villages.", False),
])
def test_content_sections_a_rule_for_staff_is_a_measure_sentence(sentence: str, shows: bool) -> None:
    assert bool(section_cues("en").sentence_kind["measures"].search(sentence)) is shows


def test_content_sections_a_full_stop_touching_the_next_sentence_still_ends_it() -> None:
    from pipeline.paragraphs import sentence_ends
    text = "Serve the residents first.Over two years, the street opened 7 mediation rooms.Visitors came in 2.5 hours."
    ends = sentence_ends(text, section_cues("en"))
    assert text[: ends[0]] == "Serve the residents first."
    assert text[ends[0] : ends[1]] == "Over two years, the street opened 7 mediation rooms."
    assert len(ends) == 3  # no sentence ends inside 2.5: a digit after the stop


def test_content_sections_a_one_paragraph_item_with_a_story_has_measures(tmp_path: Path) -> None:
    from pipeline.process import analyse, build_record
    text = ("Qingshi Street promotes mediation at the source\n"
            "In recent years, Qingshi Street has taken steps to settle disputes early. The street set up "
            "7 mediation rooms in its communities and trained 40 mediators. Mediators visit residents every week "
            "and record their complaints. In the end, most quarrels were settled on the spot.\n")
    path = tmp_path / "one_paragraph.txt"
    path.write_text(text, encoding="utf-8")
    (doc,) = load_source(path).documents
    record = build_record(analyse(doc))
    kinds = [s.kind for s in record.sections]
    assert kinds[0] == "overview" and "measures" in kinds
    assert all(a.end == b.start for a, b in zip(record.sections, record.sections[1:]))
    assert not any(s.start < u.start < s.end < u.end for u in record.measures for s in record.sections)

