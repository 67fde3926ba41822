"""Units in the shapes real pages have (issue 15): news items, essays, problems followed by plans."""

from __future__ import annotations

import pytest

from pipeline.ingest import load_source
from pipeline.process import analyse, build_record
from pipeline.schema import Record


def _texts(units) -> list[str]:
    return [unit.text for unit in units]


# --- units by content in real shapes (issue 15) -------------------------------------------------------------------

NEWS_ITEM = """今年以来，青石镇坚持把信访工作作为头等大事，采取有效措施化解矛盾纠纷。
强化责任机制。做到制度到人、责任到人、考核到人，落实专人负责信访接待工作；完善信访网络。各村明确一名信访信息员，每月召开一次例会；镇里为信息员统一配发工作手册，并开展两次业务培训。
杨书记强调：一要思想再重视，切实提高认识；二要措施再加强，增配值班人员。
截至目前，共化解矛盾纠纷26起，办结率达100%。（编辑：张某）
"""

ESSAY = """当前，群众维权意识不断增强，但对信访渠道却缺乏相应的认知，部分群众仍习惯于以闹访向政府施压。
乡镇责任大、权力小，很多问题的审批权在县里，乡镇只能做解释和稳控工作。少数上访人提出远超政策规定的要求，得不到满足就反复缠访。
基层调解力量薄弱，村干部怕得罪人，矛盾纠纷常常不能就地化解。
"""

PROBLEMS_THEN_PLANS = """上半年全镇共受理信访事项8件，全部办结，调处各类民间纠纷6件，群众满意率达到98%以上。
上半年，我镇虽然取得了较好的成绩，但仍然存在不少困难和问题。一是经济总量偏小，基础薄弱。二是历史遗留问题解决难度大。
一是抓好农作物的后期田间管理，减少自然灾害带来的损失。
二是继续加强社会治安综合治理，解决信访矛盾。
"""

NEWS_WITH_PROBLEMS = """近年来，随着经济快速发展，矛盾纠纷日益增多，柳河镇坚持每月开展一次矛盾纠纷大排查。
镇里在便民服务中心设立综合接待窗口，由专人登记群众诉求。过去，有的诉求靠一个部门无法解决，群众只能在几个窗口之间来回跑，心里难免有怨气。
尽管历史遗留问题较多，但镇村干部坚持逐户上门调解，今年已化解纠纷12起。
这里是柳河镇的调解室。这个镇地处三县交界，矛盾多发，曾是有名的信访大户。
"""

NEWS_EN = """In recent years the staff of the petition office has been insufficient, and Willow Town hired two liaison officers.
The town opened a reception window in its service centre. Earlier, some requests could not be resolved by one office, and funds for the work were insufficient.
Although many old cases remain unresolved and funds are insufficient, the town mediated every dispute reported this year.
Here is the mediation room. The town lies where three counties meet, and its petition funds were insufficient for years.
"""


STORY = """柳林街道：一把椅子解开邻里心结
发布时间：2025-03-02

近日，柳林街道网格员在走访中发现一起因楼道堆物引发的邻里矛盾，街道及时介入，把矛盾化解在萌芽状态。

在楼道里看到两户人家为堆放杂物争吵后，网格员当天就把此事报告给街道。街道干部接到报告后，马上和网格员一起上门察看，请双方坐下来当面说清。随后街道联合物业、社区召集两家人开协调会，经过耐心调解，两家人握手言和。“以后我们一定先请网格员来帮忙调解。”

柳林街道始终坚持把矛盾纠纷化解在基层，依托网格力量打造身边的调解队伍，努力做到小事不出网格。
"""

# the first line with a sentence end is a site's header (a link cut at its ?): no lead of a story
STORY_BEHIND_HEADER = """本站地址：http://www.example.cn/list.asp?id=35&page=2 柳林街道办事处主办
近日，柳林街道网格员在走访中发现一起因楼道堆物引发的邻里矛盾，街道及时介入，把矛盾化解在萌芽状态。

在楼道里看到两户人家为堆放杂物争吵后，网格员当天就把此事报告给街道。街道干部接到报告后，马上和网格员一起上门察看，请双方坐下来当面说清。

柳林街道始终坚持把矛盾纠纷化解在基层，依托网格力量打造身边的调解队伍，努力做到小事不出网格。
"""

# a summary's measures stand under its headings: its overview's second paragraph gives totals
SUMMARY_TOTALS = """青石镇2024年上半年信访工作总结

今年以来，在县委、县政府的领导下，我镇信访工作总体平稳。

上半年全镇共受理群众来信来访36件，其中县里交办8件，已办结34件，办结率94.4%。镇里还办理12345热线转办工单57件，按时答复率100%。

一、主要做法
（一）压实工作责任。镇党委每月召开一次信访工作专题会议，班子成员分片包村。
（二）强化矛盾排查。各村每周开展一次矛盾纠纷排查，发现苗头及时上报。
"""

# the one measure of the opening paragraph is followed by the sentence announcing the report
LEAD_IN_AFTER = """青石镇2024年信访工作总结

一年来，青石镇在县委、县政府领导下，信访形势总体平稳。镇党委坚持每月研究一次信访工作，全镇未发生越级上访。现将全年工作总结如下：

镇里建立了矛盾纠纷排查台账，每周排查一次。
"""

# a translated news item: a sentence that refers back (She has since…) goes on with the unit before it, one
# that opens news of its own (It is reported that…) or with a clause of its own (When a tenant calls, they…)
# does not; a list item whose full stop was lost (…is
# incomplete Third, …) is an item of its own
PROFILE_EN = """Mediator of the Year in Willow Town
Willow Town has kept village quarrels out of the courts for three years, officials said on Monday.
In 2015, when the town set up a mediation room, Zhou Lan was chosen as its first mediator. She has since settled quarrels between neighbours on most days of the week.
The town also organised monthly checks of unstable factors. It is reported that the town opened a hotline for tenants in May.
Two clerks team up with a police officer every night. When a tenant calls, they are required to reach the flat within an hour. If needed, they bring a mediator.
In the estate, there are three problems: first, owners and the property company distrust each other; second, the residents' committee lacks trained staff and the archive is incomplete Third, the funds for repairs are insufficient.
"""


@pytest.fixture(scope="module")
def shaped(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Record, str]]:
    folder = tmp_path_factory.mktemp("shaped")
    out = {}
    for name, text in (("news", NEWS_ITEM), ("essay", ESSAY), ("problems_then_plans", PROBLEMS_THEN_PLANS),
                       ("news_problems", NEWS_WITH_PROBLEMS), ("news_en", NEWS_EN), ("story", STORY),
                       ("story_behind_header", STORY_BEHIND_HEADER), ("summary_totals", SUMMARY_TOTALS),
                       ("lead_in_after", LEAD_IN_AFTER), ("profile_en", PROFILE_EN)):
        path = folder / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        loaded = load_source(path)
        out[name] = (build_record(analyse(loaded.documents[0])), loaded.text)
    return out


def test_units_news_lead_is_no_unit(shaped) -> None:
    record, text = shaped["news"]
    lead_end = text.index("\n")
    assert not any(u.start < lead_end for u in (*record.measures, *record.problems, *record.plans))


def test_units_news_heading_fused_with_its_one_measure_is_one_unit(shaped) -> None:
    record, _ = shaped["news"]
    assert "强化责任机制。做到制度到人、责任到人、考核到人，落实专人负责信访接待工作" in _texts(record.measures)


def test_units_news_heading_over_several_measures_labels_them_and_is_none(shaped) -> None:
    record, _ = shaped["news"]
    texts = _texts(record.measures)
    assert "各村明确一名信访信息员，每月召开一次例会" in texts
    assert "镇里为信息员统一配发工作手册，并开展两次业务培训" in texts
    assert not any(t.startswith("完善信访网络") for t in texts)


def test_units_news_directives_are_plans_and_result_totals_no_units(shaped) -> None:
    record, text = shaped["news"]
    assert _texts(record.plans) == ["思想再重视，切实提高认识", "措施再加强，增配值班人员"]
    totals = text.index("截至目前")
    assert not any(u.end > totals for u in (*record.measures, *record.problems))


def test_units_essay_states_problems_not_measures(shaped) -> None:
    record, _ = shaped["essay"]
    assert len(record.problems) >= 4 and not record.measures
    assert any(p.text.startswith("当前，群众维权意识不断增强") for p in record.problems)


def test_units_enumeration_restarting_after_the_problems_lists_plans(shaped) -> None:
    record, _ = shaped["problems_then_plans"]
    assert _texts(record.problems) == ["经济总量偏小，基础薄弱", "历史遗留问题解决难度大"]
    assert _texts(record.plans) == ["抓好农作物的后期田间管理，减少自然灾害带来的损失", "继续加强社会治安综合治理，解决信访矛盾"]


@pytest.mark.parametrize("name, problems, measures", [
    ("news_problems",
     ["近年来，随着经济快速发展，矛盾纠纷日益增多",  # the lead's opening clauses
      "过去，有的诉求靠一个部门无法解决，群众只能在几个窗口之间来回跑，心里难免有怨气",  # no action: negated
      "尽管历史遗留问题较多",  # a concession
      "这个镇地处三县交界，矛盾多发，曾是有名的信访大户"],  # alone, without the short piece before it
     ["镇里在便民服务中心设立综合接待窗口，由专人登记群众诉求"]),
    ("news_en",
     ["In recent years the staff of the petition office has been insufficient",
      "Earlier, some requests could not be resolved by one office, and funds for the work were insufficient",
      "Although many old cases remain unresolved and funds are insufficient",
      "The town lies where three counties meet, and its petition funds were insufficient for years"],
     ["The town opened a reception window in its service centre"]),
], ids=["zh", "en"])
def test_units_problems_in_running_text_wherever_they_stand(shaped, name, problems, measures) -> None:
    record, text = shaped[name]
    assert _texts(record.problems) == problems
    assert all(m in _texts(record.measures) for m in measures)
    assert not any(p in m for p in problems for m in _texts(record.measures))  # a problem is no measure
    assert all(text[u.start:u.end] == u.text for u in (*record.problems, *record.measures))


def test_units_story_after_a_news_lead_tells_measures_a_quotation_none(shaped) -> None:
    """A news item's story paragraph after its lead (still the overview by position) reports what was
    done, sentence by sentence; the lead stays no unit and what someone said is no measure."""
    record, text = shaped["story"]
    texts = _texts(record.measures)
    assert all(m in texts for m in ["在楼道里看到两户人家为堆放杂物争吵后，网格员当天就把此事报告给街道",
                                    "街道干部接到报告后，马上和网格员一起上门察看，请双方坐下来当面说清",
                                    "随后街道联合物业、社区召集两家人开协调会，经过耐心调解，两家人握手言和"])
    assert not any("以后我们一定先请网格员" in t for t in (*texts, *_texts(record.plans)))
    lead = text.index("近日")
    assert not any(u.start <= lead < u.end for u in (*record.measures, *record.problems, *record.plans))
    assert all(text[u.start:u.end] == u.text for u in record.measures)


def test_units_story_behind_a_header_line_is_not_read_for_measures(shaped) -> None:
    """When the opening line is a site's header (no sentence end closes it), the paragraphs after it
    may hold the real lead: they are not read as a story."""
    record, text = shaped["story_behind_header"]
    story = text.index("在楼道里")
    assert not any(u.start < text.index("柳林街道始终") and u.end > story for u in record.measures)
    assert not any(u.start <= text.index("近日") < u.end for u in record.measures)


def test_units_a_summarys_overview_totals_are_no_story(shaped) -> None:
    """With a measures heading the measures are under it; the overview's later paragraphs stay totals."""
    record, text = shaped["summary_totals"]
    assert _texts(record.measures) == ["压实工作责任。镇党委每月召开一次信访工作专题会议，班子成员分片包村",
                                       "强化矛盾排查。各村每周开展一次矛盾纠纷排查，发现苗头及时上报"]


def test_units_a_lead_in_after_a_runs_one_measure_is_no_part_of_it(shaped) -> None:
    """A run's one measure takes the pieces after it, but not a lead-in (现将…总结如下) that ends it."""
    record, _ = shaped["lead_in_after"]
    assert _texts(record.measures) == ["镇党委坚持每月研究一次信访工作，全镇未发生越级上访", "镇里建立了矛盾纠纷排查台账，每周排查一次"]


def test_units_en_a_sentence_referring_back_goes_on_with_the_unit_before_it(shaped) -> None:
    record, text = shaped["profile_en"]
    texts = _texts(record.measures)
    assert "In 2015, when the town set up a mediation room, Zhou Lan was chosen as its first mediator. She has " \
           "since settled quarrels between neighbours on most days of the week" in texts
    # negative: 'It is reported that…' opens news of its own, so the two measures stay apart
    assert "The town also organised monthly checks of unstable factors" in texts
    assert "It is reported that the town opened a hotline for tenants in May" in texts
    # … nor does a sentence opening with a clause of its own (When a tenant calls, they…)
    assert "When a tenant calls, they are required to reach the flat within an hour. If needed, they bring a mediator" \
           in texts  # (a short condition, If needed, is no clause of its own)
    assert all(text[u.start:u.end] == u.text for u in record.measures)


def test_units_en_a_list_item_whose_full_stop_was_lost_is_an_item_of_its_own(shaped) -> None:
    record, _ = shaped["profile_en"]
    assert _texts(record.problems)[-2:] == ["the residents' committee lacks trained staff and the archive is incomplete",
                                            "the funds for repairs are insufficient"]


def test_units_zh_sentences_stay_apart_though_the_second_refers_back(tmp_path) -> None:
    """In Chinese a unit is one sentence (no continuations in the zh cues): 她… starts a unit of its own."""
    path = tmp_path / "profile_zh.txt"
    path.write_text("柳河镇三年来没有一起纠纷闹到法院，镇干部周一介绍了经验。\n"
                    "镇里设立了调解室，周兰被选为第一名调解员。她每天上门调解邻里纠纷。\n", encoding="utf-8")
    loaded = load_source(path)
    record = build_record(analyse(loaded.documents[0]))
    assert _texts(record.measures) == ["镇里设立了调解室，周兰被选为第一名调解员", "她每天上门调解邻里纠纷"]


@pytest.mark.parametrize("piece, expected", [
    ("“镇里每周排查一次矛盾纠纷", "镇里每周排查一次矛盾纠纷"),  # a quotation opened before its first sentence
    ("我们还设立了两间调解室。”", "我们还设立了两间调解室"),  # … and closed after its last
    ("推行“", None),  # a page cut after an opening quote: 推行 alone is shorter than an item (3 characters)
    ("\u201cWe visit every household twice a year", "We visit every household twice a year"),
    ("he said the office opened a hotline.\u201d", "he said the office opened a hotline"),
    # negatives: balanced quotes stay, a quoted name inside a unit too
    ("“前几年，我们每月开一次联席会议”", "“前几年，我们每月开一次联席会议”"),
    ("镇里推行“一站式”接待", "镇里推行“一站式”接待"),
    ("The town opened a \u201cone-stop\u201d hall", "The town opened a \u201cone-stop\u201d hall"),
], ids=["zh-open", "zh-close", "zh-cut", "en-open", "en-close", "zh-balanced", "zh-name", "en-name"])
def test_units_an_unbalanced_quote_at_either_end_is_left_out(piece: str, expected: str | None) -> None:
    from pipeline.extractors.units import Span, _unquoted

    unit = _unquoted(piece, Span(0, len(piece)))
    found = None if unit is None or unit.end - unit.start < 3 else piece[unit.start : unit.end]
    assert found == expected



HEADLINES = {
    "en": ('"Warm governance"! Qingshi County\'s "talk corners" ease what worries its people\n'
           "Author: County Daily Time: 2022.07.13\n"
           '"If something bothers you, come to the corner and talk it over," villagers in Hexi Village often say.\n'
           'At the Hexi Village office, a "talk corner" drew many villagers. They said the corner helped '
           "them understand policies and settle quarrels between neighbours.\n"
           "The corner settled a dispute over soybean planting\n"
           "To ease the villagers' worries about planting more soybeans, the village secretary invited experts to "
           "explain the subsidy policy at the corner.\n"),
    "zh": ("“温情治理”！青石县“说事点”解开群众心头结\n作者：县日报 时间：2022.07.13\n"
           "“有啥烦心事，到说事点唠唠。”这是河西村村民最近常挂在嘴边的一句话。\n"
           "在河西村村委会，“说事点”吸引了不少村民。大家说，到这里唠唠烦心事、听听政策，心里亮堂了。\n"
           "说事点化解大豆种植纠纷\n为打消村民扩种大豆的顾虑，村书记请来专家在说事点讲解补贴政策。\n"),
}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_units_a_news_items_headline_is_no_unit(tmp_path, lang: str) -> None:
    path = tmp_path / f"headline_{lang}.txt"
    path.write_text(HEADLINES[lang], encoding="utf-8")
    loaded = load_source(path)
    record = build_record(analyse(loaded.documents[0]))
    headline_end = loaded.text.index("\n")
    units = (*record.measures, *record.problems, *record.plans)
    assert not any(u.start < headline_end for u in units)
    assert all(loaded.text[u.start : u.end] == u.text for u in units)
    if lang == "en":  # the story's measure below the headline stays
        assert any("subsidy policy" in u.text for u in record.measures)
