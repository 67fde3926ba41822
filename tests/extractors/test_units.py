"""Measure, problem and plan units on small summaries written for these tests (zh and en)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.ingest import load_source
from pipeline.process import analyse, build_record
from pipeline.schema import Record

ZH_SUMMARY = """青石镇2021年信访工作总结

一、基本情况
今年以来，我镇共受理群众来信来访68件，办结率为98.5%。我镇通过健全网络、压实责任、强化督办等措施，信访形势总体平稳。

二、主要做法
（一）加强组织领导
镇党委把信访工作列入重要议事日程，成立了由党委书记任组长的信访工作领导小组，实行领导包案制度。
（二）强化矛盾纠纷排查
一是每月开展一次矛盾纠纷大排查；二是建立矛盾纠纷台账，实行销号管理；三是对重点人员落实稳控措施。
（三）加大宣传力度
通过召开群众会、发放宣传资料等方式，广泛宣传《信访条例》，引导群众依法信访。

三、存在的问题
虽然取得了一定成绩，但仍存在一些不足，主要表现在：一是信访干部力量不足，专职人员少；二是部分村干部化解矛盾的能力不强。

四、下一步打算
下一步，我镇将重点抓好以下工作：一是进一步健全信访工作网络，充实村级信息员队伍；二是加强信访干部业务培训，提高依法处理信访问题的能力。

青石镇人民政府
2021年12月20日
"""

EN_SUMMARY = """Summary of Petition Work of Qingshi Town in 2021

I. Basic situation
Since the beginning of this year, the town has accepted 68 letters and visits from the masses, and the settlement rate was 98.5%. By improving the network, compacting responsibilities and strengthening supervision, the town kept the petition situation stable.

II. Main practices
1. Strengthen organizational leadership. The party committee put petition work on its important agenda and set up a leading group headed by the party secretary.
2. Strengthen the investigation of conflicts and disputes. First, carry out a dispute investigation every month; second, set up a ledger of disputes; third, implement control measures for key persons.
3. Increase publicity. The town publicized the Regulations on Letters and Calls by holding mass meetings and distributing brochures.

III. Existing problems
Although some results have been achieved, there are still shortcomings, and the main manifestations are as follows: first, the petition staff is insufficient; second, some village cadres have weak ability to resolve conflicts.

IV. Plans for next year
In the next step, we will focus on the following: first, we will further improve the petition work network and enrich the village information officers; second, we will strengthen the business training of petition cadres.

Qingshi Town People's Government
December 20, 2021
"""

ZH_HEADINGLESS = """今年以来，在县委、县政府的正确领导下，我镇信访工作保持平稳，共受理群众来信来访42件，办结40件。
我镇坚持把信访工作摆在重要位置，建立了党委书记负总责、分管领导具体抓的工作机制。镇里完善了村级信访信息员网络，每村配备信息员1名。同时，组织开展矛盾纠纷排查，全年排查矛盾纠纷36起，化解34起。
但是，我镇信访工作仍然存在一些问题，信访干部力量薄弱，业务能力有待提高。
下一步，我镇将进一步加强信访干部队伍建设，持续开展矛盾纠纷排查化解。
"""

EN_HEADINGLESS = """Since the beginning of this year, under the leadership of the county party committee, the petition work of our town has remained stable, and the town accepted 42 letters and visits from the masses.
The town established a working mechanism in which the party secretary takes overall responsibility. The town improved the network of village information officers. At the same time, the town carried out the investigation of conflicts and disputes and resolved 34 disputes.
However, there are still some shortcomings in our petition work: the petition staff is weak and their ability is insufficient.
Next year, our town will further strengthen the construction of the petition cadre team.
"""

# Numbered one-line items under a plans heading (a common layout of 下一步打算).
ZH_NUMBERED_PLANS = """青石镇2021年信访工作总结

一、主要做法
（一）加强组织领导
镇党委把信访工作列入重要议事日程，成立了由党委书记任组长的信访工作领导小组，实行领导包案制度。
（二）强化矛盾纠纷排查
每月开展一次矛盾纠纷大排查，建立矛盾纠纷台账，实行销号管理。

二、下一步打算
1.进一步健全信访工作网络。充实村级信息员队伍，做到村有信息员、组有联络员。
2.加强信访干部业务培训。每年组织两次业务培训，提高依法处理信访问题的能力。
3.推进信访积案化解。对排查出的积案逐件落实包案领导，限期化解。
"""

EN_NUMBERED_PLANS = """Summary of Petition Work of Qingshi Town in 2021

I. Main practices
1. Strengthen organizational leadership. The party committee put petition work on its important agenda and set up a leading group headed by the party secretary.
2. Strengthen the investigation of disputes. The town carries out a dispute investigation every month and keeps a ledger of disputes.

II. Plans for next year
1. Further improve the petition work network. We will enrich the village information officers.
2. Strengthen the training of petition cadres. We will organize two trainings every year.
"""

# The same with one-line items (no body sentence after the item's heading).
ZH_ONE_LINE_PLANS = """青石镇2021年信访工作总结

一、主要做法
镇党委把信访工作列入重要议事日程，成立了由党委书记任组长的信访工作领导小组，实行领导包案制度。

二、下一步打算
1.进一步畅通信访渠道，及时受理群众反映的问题。
2.继续开展矛盾纠纷排查化解，努力把问题解决在基层。
3.提高信访干部依法处理信访问题的能力。
"""

EN_ONE_LINE_PLANS = """Summary of Petition Work of Qingshi Town in 2021

I. Main practices
The party committee put petition work on its important agenda and set up a leading group headed by the party secretary.

II. Plans for next year
1. Keep the petition channels open and accept the problems of the masses in time.
2. Continue to investigate and resolve conflicts and disputes at the grassroots level.
"""

EN_ROMAN_ITEMS = """Summary of Petition Work of Heping Township in 2020

II. Main Practices

(I) Strengthen leadership and compact the responsibility.

The township set up a leading group for petition work headed by the party secretary.

(II) Insist on the leaders reception day.

Every Wednesday township leaders receive visitors in the reception room.

III. Existing Problems

Although certain achievements have been made, there are still some problems. First, the petition staff are too few. Second, some village cadres lack the skills to explain policy.
"""

ZH_PROBLEM_LEAD_IN = """和平乡2020年信访工作总结

一、主要做法
乡党委成立了由党委书记任组长的信访工作领导小组。

二、存在的问题
一年来，我乡信访工作虽然取得了一定成效，但也存在一些问题和不足。

部分群众法律意识淡薄，信访不信法。

信访干部力量不足，专职人员少。
"""

ZH_PROBLEMS_NOT_LEAD_INS = """和平乡2020年信访工作总结

一、主要做法
乡党委成立了由党委书记任组长的信访工作领导小组。

二、存在的问题
一是基层调解组织作用发挥仍有不足。二是信访干部队伍建设还存在短板。
"""

EN_PROBLEMS_NOT_LEAD_INS = """Summary of Petition Work of Heping Township in 2020

I. Main practices
The township set up a leading group for petition work headed by the party secretary.

II. Existing problems
In the handling of land acquisition cases there are still some shortcomings.

III. Shortcomings
In short, although much was done this year, there are still shortcomings.
"""

EN_MAIN_MEASURES_AND_PROBLEM = """Liuhe Township 2023 Half-Year Petition Work Summary

In the first half of 2023 the township received 23 petitions and settled 22.

Our main measures were to hold a reception day every Monday and to screen disputes monthly.

The main problem is that village mediators lack training. Some village cadres lack legal knowledge.

Next year we will train all mediators.
"""

SUMMARIES = {
    "zh": ZH_SUMMARY, "en": EN_SUMMARY, "zh_headingless": ZH_HEADINGLESS, "en_headingless": EN_HEADINGLESS,
    "zh_numbered_plans": ZH_NUMBERED_PLANS, "en_numbered_plans": EN_NUMBERED_PLANS,
    "zh_one_line_plans": ZH_ONE_LINE_PLANS, "en_one_line_plans": EN_ONE_LINE_PLANS,
    "en_roman_items": EN_ROMAN_ITEMS, "zh_problem_lead_in": ZH_PROBLEM_LEAD_IN,
    "zh_problems_not_lead_ins": ZH_PROBLEMS_NOT_LEAD_INS, "en_problems_not_lead_ins": EN_PROBLEMS_NOT_LEAD_INS,
    "en_main_measures_and_problem": EN_MAIN_MEASURES_AND_PROBLEM,
}


@pytest.fixture(scope="module")
def processed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Record, str]]:
    """name -> (the single record without classification, the file text)."""
    folder = tmp_path_factory.mktemp("units")
    out = {}
    for name, text in SUMMARIES.items():
        path = folder / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        loaded = load_source(path)
        assert len(loaded.documents) == 1, name
        out[name] = (build_record(analyse(loaded.documents[0])), loaded.text)
    return out


def _texts(units) -> list[str]:
    return [unit.text for unit in units]


def _paragraph_start(text: str, line: str) -> int:
    at = text.index(line)
    assert at == 0 or text[at - 1] == "\n", line
    return at


def _unit_at_paragraph(units, text: str, line: str) -> bool:
    """Some unit starts at the paragraph beginning with `line`, or inside it."""
    start = _paragraph_start(text, line)
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    return any(start <= unit.start < end for unit in units)


# --- every summary: grounding and no nesting ---------------------------------------------------

@pytest.mark.parametrize("name", list(SUMMARIES))
def test_units_are_grounded_trimmed_and_inside_the_record(processed, name: str) -> None:
    record, text = processed[name]
    for units in (record.measures, record.problems, record.plans):
        for unit in units:
            assert text[unit.start : unit.end] == unit.text
            assert record.start <= unit.start < unit.end <= record.end
            assert unit.text == unit.text.strip(" \t\n，,。.；;：:、"), unit.text


@pytest.mark.parametrize("name", list(SUMMARIES))
def test_units_no_unit_contains_another_of_its_kind(processed, name: str) -> None:
    record, _ = processed[name]
    for units in (record.measures, record.problems, record.plans):
        for unit in units:
            for other in units:
                if other is not unit:
                    assert not (other.start <= unit.start and unit.end <= other.end), (unit.text, other.text)


@pytest.mark.parametrize("name", list(SUMMARIES))
def test_units_ids_are_numbered_in_order(processed, name: str) -> None:
    record, _ = processed[name]
    for prefix, units in (("m", record.measures), ("p", record.problems), ("n", record.plans)):
        assert [u.id for u in units] == [f"{prefix}{n}" for n in range(1, len(units) + 1)]


# --- Chinese -----------------------------------------------------------------------------------

def test_units_zh_overview_sentence_lists_three_measures(processed) -> None:
    record, text = processed["zh"]
    overview = text.index("我镇通过")
    listed = [m.text for m in record.measures if overview <= m.start < text.index("信访形势总体平稳")]
    assert listed == ["健全网络", "压实责任", "强化督办"]


@pytest.mark.parametrize("item, body", [("（一）加强组织领导", "镇党委把信访工作列入"), ("（二）强化矛盾纠纷排查", "一是每月"),
                                        ("（三）加大宣传力度", "通过召开群众会")],
                         ids=["leadership", "dispute_screening", "publicity"])
def test_units_zh_numbered_item_heading_is_no_unit_its_body_yields_one(processed, item: str, body: str) -> None:
    record, text = processed["zh"]
    assert not _unit_at_paragraph(record.measures, text, item)
    assert _unit_at_paragraph(record.measures, text, body)


def test_units_zh_item_body_paragraph_is_one_unit_without_its_heading(processed) -> None:
    record, _ = processed["zh"]
    texts = _texts(record.measures)
    assert "镇党委把信访工作列入重要议事日程，成立了由党委书记任组长的信访工作领导小组，实行领导包案制度" in texts
    assert not any("加强组织领导" in t for t in texts)


def test_units_zh_enumeration_clauses_are_separate_measures(processed) -> None:
    record, _ = processed["zh"]
    texts = _texts(record.measures)
    for clause in ("每月开展一次矛盾纠纷大排查", "建立矛盾纠纷台账，实行销号管理", "对重点人员落实稳控措施"):
        assert clause in texts


def test_units_zh_heading_with_child_clauses_keeps_them_apart(processed) -> None:
    """（二）强化矛盾纠纷排查 is followed by 一是/二是/三是: no unit spans the heading and its clauses."""
    record, text = processed["zh"]
    heading = text.index("（二）强化矛盾纠纷排查")
    first_clause = text.index("一是每月")
    assert not any(m.start <= heading and first_clause < m.end for m in record.measures)


def test_units_zh_problems_lead_in_is_not_a_unit(processed) -> None:
    record, _ = processed["zh"]
    assert _texts(record.problems) == ["信访干部力量不足，专职人员少", "部分村干部化解矛盾的能力不强"]
    assert not any("主要表现在" in p.text for p in record.problems)


def test_units_zh_plans_are_the_clauses_after_the_lead_in(processed) -> None:
    record, _ = processed["zh"]
    assert _texts(record.plans) == ["进一步健全信访工作网络，充实村级信息员队伍",
                                    "加强信访干部业务培训，提高依法处理信访问题的能力"]


@pytest.mark.parametrize("name, signature", [("zh", "青石镇人民政府"), ("zh", "2021年12月20日"),
                                             ("en", "Qingshi Town People's Government"), ("en", "December 20, 2021")],
                         ids=["zh-office", "zh-date", "en-office", "en-date"])
def test_units_signature_line_is_no_unit(processed, name: str, signature: str) -> None:
    record, text = processed[name]
    at = text.rindex(signature)
    for units in (record.measures, record.problems, record.plans):
        assert not any(u.start < at + len(signature) and at < u.end for u in units), signature


def test_units_zh_headingless_summary_yields_measures_problem_and_plan(processed) -> None:
    record, _ = processed["zh_headingless"]
    assert _texts(record.measures) == [
        "我镇坚持把信访工作摆在重要位置，建立了党委书记负总责、分管领导具体抓的工作机制",
        "镇里完善了村级信访信息员网络，每村配备信息员1名",
        "同时，组织开展矛盾纠纷排查，全年排查矛盾纠纷36起，化解34起",
    ]
    assert _texts(record.problems) == ["但是，我镇信访工作仍然存在一些问题，信访干部力量薄弱，业务能力有待提高"]
    assert _texts(record.plans) == ["下一步，我镇将进一步加强信访干部队伍建设，持续开展矛盾纠纷排查化解"]


# --- English -----------------------------------------------------------------------------------

def test_units_en_overview_sentence_lists_three_measures(processed) -> None:
    record, text = processed["en"]
    overview = text.index("By improving")
    listed = [m.text for m in record.measures if overview <= m.start < text.index("the town kept")]
    assert listed == ["improving the network", "compacting responsibilities", "strengthening supervision"]


@pytest.mark.parametrize("item", ["1. Strengthen organizational leadership", "2. Strengthen the investigation",
                                  "3. Increase publicity"])
def test_units_en_numbered_item_yields_a_measure(processed, item: str) -> None:
    record, text = processed["en"]
    assert _unit_at_paragraph(record.measures, text, item)


def test_units_en_enumeration_clauses_are_separate_measures(processed) -> None:
    record, _ = processed["en"]
    texts = _texts(record.measures)
    for clause in ("carry out a dispute investigation every month", "set up a ledger of disputes",
                   "implement control measures for key persons"):
        assert clause in texts
    assert not any(t.startswith("Strengthen the investigation") for t in texts)  # a heading run into its clauses


def test_units_en_problems_lead_in_is_not_a_unit(processed) -> None:
    record, _ = processed["en"]
    assert _texts(record.problems) == ["the petition staff is insufficient",
                                       "some village cadres have weak ability to resolve conflicts"]


def test_units_en_plans_are_the_clauses_after_the_lead_in(processed) -> None:
    record, _ = processed["en"]
    assert _texts(record.plans) == [
        "we will further improve the petition work network and enrich the village information officers",
        "we will strengthen the business training of petition cadres",
    ]


def test_units_en_headingless_summary_yields_measures_problem_and_plan(processed) -> None:
    record, _ = processed["en_headingless"]
    assert _texts(record.measures) == [
        "The town established a working mechanism in which the party secretary takes overall responsibility",
        "The town improved the network of village information officers",
        "At the same time, the town carried out the investigation of conflicts and disputes and resolved 34 disputes",
    ]
    assert len(record.problems) == 1 and "shortcomings" in record.problems[0].text
    assert _texts(record.plans) == ["Next year, our town will further strengthen the construction of the petition cadre team"]


# --- formerly known bugs, kept as regressions --------------------------------------------------------------------------------

@pytest.mark.parametrize("name, heading", [("zh", "二、主要做法"), ("en", "II. Main practices")],
                         ids=["zh", "en"])
def test_units_generic_section_heading_is_not_a_measure(processed, name: str, heading: str) -> None:
    record, _ = processed[name]
    assert heading not in _texts(record.measures)


@pytest.mark.parametrize("name", ["zh_numbered_plans", "en_numbered_plans"])
def test_units_numbered_plan_items_are_not_measures(processed, name: str) -> None:
    record, text = processed[name]
    plans_start = text.index("二、下一步打算" if name.startswith("zh") else "II. Plans for next year")
    assert all(m.end <= plans_start for m in record.measures)


@pytest.mark.parametrize("name, items", [
    ("zh_numbered_plans", ["1.进一步健全信访工作网络", "2.加强信访干部业务培训", "3.推进信访积案化解"]),
    ("en_numbered_plans", ["1. Further improve the petition work network", "2. Strengthen the training of petition cadres"]),
], ids=["zh", "en"])
def test_units_numbered_plan_items_each_yield_a_plan(processed, name: str, items: list[str]) -> None:
    record, text = processed[name]
    for item in items:
        assert _unit_at_paragraph(record.plans, text, item), item


@pytest.mark.parametrize("name, items", [
    ("zh_one_line_plans", ["1.进一步畅通信访渠道", "2.继续开展矛盾纠纷排查化解", "3.提高信访干部"]),
    ("en_one_line_plans", ["1. Keep the petition channels open", "2. Continue to investigate"]),
], ids=["zh", "en"])
def test_units_one_line_plan_items_each_yield_a_plan(processed, name: str, items: list[str]) -> None:
    record, text = processed[name]
    for item in items:
        assert _unit_at_paragraph(record.plans, text, item), item


def test_units_en_parenthesised_roman_items_are_headings_their_bodies_the_units(processed) -> None:
    record, _ = processed["en_roman_items"]
    assert _texts(record.measures) == ["The township set up a leading group for petition work headed by the party secretary",
                                       "Every Wednesday township leaders receive visitors in the reception room"]


@pytest.mark.parametrize("name, problems", [
    ("en_roman_items", ["the petition staff are too few", "some village cadres lack the skills to explain policy"]),
    ("zh_problem_lead_in", ["部分群众法律意识淡薄，信访不信法", "信访干部力量不足，专职人员少"]),
], ids=["en", "zh"])
def test_units_a_there_are_still_problems_lead_in_is_no_problem(processed, name: str, problems: list[str]) -> None:
    record, _ = processed[name]
    assert _texts(record.problems) == problems


@pytest.mark.parametrize("name, problems", [
    ("zh_problems_not_lead_ins", ["基层调解组织作用发挥仍有不足", "信访干部队伍建设还存在短板"]),
    ("en_problems_not_lead_ins", ["In the handling of land acquisition cases there are still some shortcomings",
                                  "In short, although much was done this year, there are still shortcomings"]),
], ids=["zh", "en"])
def test_units_a_problem_stated_as_there_are_still_shortcomings_stays(processed, name: str, problems: list[str]) -> None:
    """Negative cases: a problem of its own, or a would-be lead-in with nothing after it, is a unit."""
    record, _ = processed[name]
    assert _texts(record.problems) == problems


def test_units_en_our_main_measures_and_the_main_problem_open_sections_by_content(processed) -> None:
    record, _ = processed["en_main_measures_and_problem"]
    assert [(s.kind, s.kind_by) for s in record.sections][1:] == [
        ("measures", "content"), ("problems", "content"), ("plans", "content")]
    assert _texts(record.measures) == [
        "Our main measures were to hold a reception day every Monday and to screen disputes monthly"]
    assert _texts(record.problems) == ["The main problem is that village mediators lack training",
                                       "Some village cadres lack legal knowledge"]



@pytest.mark.parametrize("text, fragment", [
    ("Qinghe Town news\nEdition: English  Fran?ais  Espa?ol\n"
     "Since spring the town has set up 3 mediation rooms. It trained 40 mediators in June.\n", "ais"),
    ("青溪镇新闻\n版本：中文 ?英 ?日\n今年以来，青溪镇成立了3个调解室。镇里开展矛盾纠纷排查4次。\n", "英"),
])
def test_units_a_fragment_shorter_than_an_item_is_no_unit(tmp_path: Path, text: str, fragment: str) -> None:
    """Debris cut short by mangled characters (the 'ais' of Fran?ais) yields no unit of any kind."""
    path = tmp_path / "debris.txt"
    path.write_text(text, encoding="utf-8")
    record = build_record(analyse(load_source(path).documents[0]))
    units = [*record.measures, *record.problems, *record.plans]
    assert units, "the summary's own measures are still found"
    assert all(len(unit.text) >= 3 and unit.text.strip() != fragment for unit in units)
