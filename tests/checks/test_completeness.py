"""Completeness rules: missing-section, no-case-figures, placeholder (zh and en, both ways)."""

from __future__ import annotations

import pytest

from pipeline.schema import Measure, Problem

ZH_TOTAL = {"f1": dict(value=126, unit="case", kind="count", indicator="petitions_total")}
ZH_TEXT = "白鹭镇2021年信访工作总结\n\n全年共受理群众来信来访[[f1:126件]]，均已按程序办理。"
EN_TOTAL = {"f1": dict(value=126, unit="case", kind="count", indicator="petitions_total")}
EN_TEXT = "Work Summary of Bailu Town in 2021\n\nThe town accepted a total of [[f1:126]] letters and visits."


# missing-section

def test_missing_section_names_the_missing_kinds_zh(build, check) -> None:
    record, text = build(ZH_TEXT, ZH_TOTAL, sections=("overview", "measures"))
    [finding] = check(record, text, "missing-section")
    assert finding.severity == "warning"
    assert "problems, plans" in finding.message
    assert text[finding.start : finding.end] == "白鹭镇2021年信访工作总结"


def test_missing_section_silent_when_all_required_kinds_present_zh(build, check) -> None:
    record, text = build(ZH_TEXT, ZH_TOTAL, sections=("overview", "measures", "results", "problems", "plans"))
    assert check(record, text, "missing-section") == []


def test_missing_section_names_the_missing_kinds_en(build, check) -> None:
    record, text = build(EN_TEXT, EN_TOTAL, lang="en", sections=("overview", "measures", "plans"))
    [finding] = check(record, text, "missing-section")
    assert finding.message.startswith("missing required sections: problems ")
    assert text[finding.start : finding.end] == "Work Summary of Bailu Town in 2021"


def test_missing_section_silent_when_all_required_kinds_present_en(build, check) -> None:
    record, text = build(EN_TEXT, EN_TOTAL, lang="en")
    assert check(record, text, "missing-section") == []


def test_missing_section_follows_the_configured_required_kinds(build, check) -> None:
    record, text = build(ZH_TEXT, ZH_TOTAL, sections=("overview", "measures"))
    assert check(record, text, "missing-section", required_sections=("overview", "measures")) == []
    [finding] = check(record, text, "missing-section", required_sections=("results",))
    assert "missing required sections: results" in finding.message


def test_missing_section_evidence_is_inside_the_record_not_the_debris(build, check) -> None:
    record, text = build(ZH_TEXT, ZH_TOTAL, prefix="范文网 - 工作总结\n\n", sections=())
    [finding] = check(record, text, "missing-section")
    assert finding.start == record.start > 0
    assert text[finding.start : finding.end] == "白鹭镇2021年信访工作总结"


# no-case-figures

ZH_PROFILE_ONLY = ("某镇位于县城东北部，全镇面积[[f1:126.8平方公里]]，辖[[f2:14个]]行政村。"
                   "全镇信访形势总体平稳，未发生越级上访。")
ZH_PROFILE = {"f1": dict(value=126.8, unit="km2", kind="profile", indicator="area_km2"),
              "f2": dict(value=14, unit="village", kind="profile", indicator="villages")}


def test_no_case_figures_fires_on_profile_figures_only_zh(build, check) -> None:
    record, text = build(ZH_PROFILE_ONLY, ZH_PROFILE)
    [finding] = check(record, text, "no-case-figures")
    assert "petitions received" in finding.message and finding.severity == "warning"
    assert "petitions_total" in finding.args["indicators"]


def test_no_case_figures_silent_with_a_settled_count_zh(build, check) -> None:
    record, text = build("上半年共办结信访事项[[f1:58件]]，办结率[[f2:95.1%]]。", {
        "f1": dict(value=58, unit="case", kind="count", indicator="cases_settled"),
        "f2": dict(value=95.1, unit="percent", kind="rate", indicator="settlement_rate")})
    assert check(record, text, "no-case-figures") == []


def test_no_case_figures_fires_without_any_fact_en(build, check) -> None:
    record, text = build("In 20XX, the petition work of our township made steady progress.", lang="en")
    [finding] = check(record, text, "no-case-figures")
    assert finding.rule == "no-case-figures" and finding.facts == ()


def test_no_case_figures_silent_with_hotline_tickets_en(build, check) -> None:
    record, text = build("The street handled [[f1:584]] work orders of the 12345 hotline.", {
        "f1": dict(value=584, unit="case", kind="count", indicator="hotline_tickets")}, lang="en")
    assert check(record, text, "no-case-figures") == []


def test_no_case_figures_ignores_rates_without_counts_en(build, check) -> None:
    record, text = build("The settlement rate was [[f1:96.0%]].", {
        "f1": dict(value=96.0, unit="percent", kind="rate", indicator="settlement_rate")}, lang="en")
    assert len(check(record, text, "no-case-figures")) == 1


# placeholder

def test_placeholder_one_finding_per_marker_zh(build, check) -> None:
    record, text = build("{{XX}}镇位于{{XX}}县西南部，上半年共受理信访事项{{XX}}件，办结率{{x.x%}}。")
    findings = check(record, text, "placeholder")
    assert [text[f.start : f.end] for f in findings] == ["XX", "XX", "XX", "x.x%"]
    assert all(f.severity == "error" for f in findings)
    assert findings[-1].message == 'unfilled template marker "x.x%"'


def test_placeholder_silent_without_markers_zh(build, check) -> None:
    record, text = build(ZH_TEXT, ZH_TOTAL)
    assert check(record, text, "placeholder") == []


def test_placeholder_one_finding_per_marker_en(build, check) -> None:
    record, text = build("{{xx}} town is located in the southwest of {{xx}} county. In {{20XX}}, ...",
                         lang="en", prefix="Joke Collection Website - Bulletin headlines\n\n")
    findings = check(record, text, "placeholder")
    assert [text[f.start : f.end] for f in findings] == ["xx", "xx", "20XX"]
    assert findings[0].start == record.start > 0


def test_placeholder_silent_without_markers_en(build, check) -> None:
    record, text = build(EN_TEXT, EN_TOTAL, lang="en")
    assert check(record, text, "placeholder") == []


@pytest.mark.parametrize("lang, text, totals", [
    ("zh", ZH_TEXT, ZH_TOTAL), ("en", EN_TEXT, EN_TOTAL)])
def test_missing_section_counts_units_found_without_a_heading(build, check, lang, text, totals) -> None:
    """Measures found by their wording (一是…, first, ...) under no measures heading are there."""
    record, file_text = build(text, totals, lang=lang, sections=("overview", "problems", "plans"))
    assert len(check(record, file_text, "missing-section")) == 1
    unit = Measure(id="m1", text=file_text[record.start : record.start + 5], start=record.start,
                   end=record.start + 5)
    with_measures = record.model_copy(update={"measures": (unit,)})
    assert check(with_measures, file_text, "missing-section") == []
    without_plans = with_measures.model_copy(update={"sections": tuple(
        s for s in record.sections if s.kind != "plans")})
    [finding] = check(without_plans, file_text, "missing-section")
    assert finding.message.startswith("missing required sections: plans ")



@pytest.mark.parametrize("lang, text, totals", [
    ("zh", ZH_TEXT, ZH_TOTAL), ("en", EN_TEXT, EN_TOTAL)])
def test_missing_section_a_problem_remark_is_no_problems_section(build, check, lang, text, totals) -> None:
    """Negative case: a problem or plan unit found outside such a section does not stand for it."""
    record, file_text = build(text, totals, lang=lang, sections=("overview", "measures"))
    unit = Problem(id="p1", text=file_text[record.start : record.start + 5], start=record.start,
                   end=record.start + 5)
    [finding] = check(record.model_copy(update={"problems": (unit,)}), file_text, "missing-section")
    assert "problems, plans" in finding.message
