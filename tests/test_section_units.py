"""Section kinds from their units (pipeline/section_units.py): a part no heading names whose units
nearly all are problems is a problems part; headed parts and mixed parts keep their kind. Texts
written for these tests."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from pipeline.process import process_path
from pipeline.schema import Section
from pipeline.section_cues import UnitsConsensus
from pipeline.section_units import kind_by_units, sections_by_units

CONSENSUS = UnitsConsensus(min_units=3, ratio=3.0, kinds=("problems",), from_kinds=("measures", "results", "other"))


@dataclass(frozen=True)
class _Unit:
    start: int


def _section(kind: str = "measures", kind_by: str = "content") -> Section:
    return Section(kind=kind, heading=None, level=0, start=100, end=500, kind_by=kind_by)


def _units(measures: int, problems: int, plans: int = 0) -> dict:
    at = iter(range(110, 490, 10))
    return {"measures": [_Unit(next(at)) for _ in range(measures)],
            "problems": [_Unit(next(at)) for _ in range(problems)],
            "plans": [_Unit(next(at)) for _ in range(plans)]}


@pytest.mark.parametrize("measures, problems, plans, kind_by, expected", [
    (0, 3, 0, "content", "problems"),     # three problems, nothing else
    (4, 12, 0, "position", "problems"),   # three times the rest
    (1, 2, 0, "content", None),           # too few to decide
    (2, 5, 0, "content", None),           # less than three times the measures
    (1, 2, 1, "content", None),
    (0, 6, 0, "heading", None),           # a heading named it: it keeps its kind
])
def test_kind_by_units(measures, problems, plans, kind_by, expected) -> None:
    assert kind_by_units(_section(kind_by=kind_by), _units(measures, problems, plans), CONSENSUS) == expected


def test_overview_and_plans_keep_their_kind() -> None:
    for kind in ("overview", "plans", "problems"):
        assert kind_by_units(_section(kind=kind), _units(0, 6), CONSENSUS) is None


def test_units_outside_the_section_do_not_count() -> None:
    units = {"measures": [], "problems": [_Unit(20), _Unit(40), _Unit(600)], "plans": []}
    assert kind_by_units(_section(), units, CONSENSUS) is None


def test_relabelled_section_keeps_its_span() -> None:
    (section,) = sections_by_units([_section()], _units(0, 4), "zh")
    assert (section.kind, section.kind_by, section.start, section.end) == ("problems", "content", 100, 500)


COMMENTARY_ZH = (
    "乡镇信访工作面临的几个难题\n"
    "近年来，基层信访工作总体平稳，但一些深层次问题也逐渐显现出来，值得认真研究。\n"
    "一是责任压力过重。按照属地管理原则，很多信访事项的责任最终都落实到了乡镇，但乡镇手中的权限却越来越少，"
    "责大权小的矛盾十分突出。"
    "二是部分历史遗留问题化解难度大。一些涉及土地和拆迁的老问题时间跨度长、政策依据不清，当事人诉求期望过高。"
    "三是少数群众依法信访意识不强。有的群众不按程序反映问题，反复到上级机关上访，给基层带来很大压力。"
    "四是考核排名压力层层传导。一些地方把信访数量简单作为考核依据，乡镇干部疲于应付。\n"
)


def test_commentary_of_problems_is_a_problems_part(tmp_path: Path) -> None:
    text = COMMENTARY_ZH
    path = tmp_path / "commentary.txt"
    path.write_text(text, encoding="utf-8")
    (record,) = process_path(path, classify=False).records
    kinds = [s.kind for s in record.sections]
    assert "problems" in kinds and "measures" not in kinds, (kinds, len(record.problems), len(record.measures))


def test_news_item_with_one_problem_keeps_its_measures(tmp_path: Path) -> None:
    path = tmp_path / "news.txt"
    path.write_text(
        "青溪镇扎实开展矛盾纠纷排查\n"
        "本报讯 今年以来，青溪镇多措并举做好信访工作。\n"
        "镇里建立了班子成员包村联户制度，每名班子成员联系两个村，定期走访群众。"
        "同时，镇综治中心整合司法所、派出所力量，对排查出的纠纷逐件登记，限期调处。"
        "针对部分村干部调解能力不足的问题，镇里组织了两期专题培训。\n", encoding="utf-8")
    (record,) = process_path(path, classify=False).records
    assert "measures" in [s.kind for s in record.sections]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_section_units_a_whole_item_read_as_its_overview_ends_where_its_first_measure_begins(lang: str) -> None:
    overview = Section(kind="overview", heading=None, level=0, start=0, end=500, kind_by="position")
    units = {"measures": [_Unit(240), _Unit(380)], "problems": [], "plans": []}
    out = sections_by_units([overview], units, lang)
    assert [(s.kind, s.kind_by, s.start, s.end) for s in out] == [
        ("overview", "position", 0, 240), ("measures", "content", 240, 500)]


@pytest.mark.parametrize("sections, measures", [
    ([Section(kind="overview", heading=None, level=0, start=0, end=500, kind_by="position")], []),
    ([Section(kind="overview", heading=None, level=0, start=0, end=500, kind_by="heading")], [240]),
    ([Section(kind="overview", heading=None, level=0, start=0, end=200, kind_by="position"),
      Section(kind="measures", heading=None, level=0, start=200, end=500, kind_by="content")], [240]),
], ids=["no_measure", "overview_named_by_a_heading", "already_cut"])
def test_section_units_other_overviews_are_not_cut(sections, measures) -> None:
    units = {"measures": [_Unit(m) for m in measures], "problems": [], "plans": []}
    assert list(sections_by_units(sections, units, "en")) == sections
