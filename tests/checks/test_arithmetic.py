"""Arithmetic rules on hand-built records: each rule fires on a real mistake and stays silent on a
consistent summary, in Chinese and in English."""

from __future__ import annotations

import pytest

from pipeline.i18n import finding_message


def count(value, indicator=None, unit="case", **extra):
    return dict(value=value, unit=unit, kind="count", indicator=indicator, **extra)


def pct(value, kind="rate", indicator=None, **extra):
    return dict(value=value, unit="percent", kind=kind, indicator=indicator, **extra)


# rate-over-100

def test_rate_over_100_flags_a_settlement_rate_of_102_zh(build, check) -> None:
    record, text = build("全年受理信访事项[[f1:47件]]，办结[[f2:48件]]，办结率达[[f3:102%]]。", {
        "f1": count(47, "petitions_total"), "f2": count(48, "cases_settled"), "f3": pct(102, indicator="settlement_rate")})
    [finding] = check(record, text, "rate-over-100")
    assert finding.facts == ("f3",) and finding.severity == "error"
    assert "102%" in finding.message and text[finding.start : finding.end] == "102%"


def test_rate_over_100_flags_more_than_100_percent_zh(build, check) -> None:
    record, text = build("群众满意率达[[f1:100%以上]]。", {"f1": pct(100, indicator="satisfaction_rate", qualifier="more_than")})
    [finding] = check(record, text, "rate-over-100")
    assert "more than 100" in finding.message


def test_rate_over_100_silent_on_100_percent_and_changes_zh(build, check) -> None:
    record, text = build("办结率[[f1:百分之百]]，网上信访同比上升[[f2:150%]]。", {
        "f1": pct(100, indicator="settlement_rate"),
        "f2": dict(value=150, unit="percent", kind="change", indicator="online_petitions")})
    assert check(record, text, "rate-over-100") == []


def test_rate_over_100_flags_a_share_above_100_en(build, check) -> None:
    record, text = build("Land disputes numbered [[f1:29]], accounting for [[f2:103.4%]] of the total.", {
        "f1": count(29), "f2": pct(103.4, kind="share", refers_to="f1")}, lang="en")
    [finding] = check(record, text, "rate-over-100")
    assert finding.facts == ("f2",)


def test_rate_over_100_silent_on_ordinary_rates_en(build, check) -> None:
    record, text = build("The settlement rate was [[f1:100 percent]] and satisfaction [[f2:more than 95%]].", {
        "f1": pct(100, indicator="settlement_rate"), "f2": pct(95, indicator="satisfaction_rate", qualifier="more_than")},
        lang="en")
    assert check(record, text, "rate-over-100") == []


# percent-sign-missing

def test_percent_sign_missing_flags_a_bare_rate_zh(build, check) -> None:
    record, text = build("共受理[[f1:25件]]，办结[[f2:24件]]，办结率为[[f3:96]]。", {
        "f1": count(25, "petitions_total"), "f2": count(24, "cases_settled"),
        "f3": dict(value=96, unit="percent", kind="rate", indicator="settlement_rate", flags=("percent_sign_missing",))})
    [finding] = check(record, text, "percent-sign-missing")
    assert finding.severity == "warning" and finding.facts == ("f3",)
    assert finding.message == "96 is a rate written without its percent sign (read as 96%)"


def test_percent_sign_missing_silent_with_the_sign_zh(build, check) -> None:
    record, text = build("办结率为[[f1:96%]]。", {"f1": pct(96, indicator="settlement_rate")})
    assert check(record, text, "percent-sign-missing") == []


def test_percent_sign_missing_flags_a_bare_rate_en(build, check) -> None:
    record, text = build("the satisfaction rate was [[f1:97]].", {
        "f1": dict(value=97, unit="percent", kind="rate", indicator="satisfaction_rate",
                   flags=("percent_sign_missing",))}, lang="en")
    assert len(check(record, text, "percent-sign-missing")) == 1


def test_percent_sign_missing_silent_with_the_sign_en(build, check) -> None:
    record, text = build("the satisfaction rate was [[f1:97 percent]].", {
        "f1": pct(97, indicator="satisfaction_rate")}, lang="en")
    assert check(record, text, "percent-sign-missing") == []


# parts-exceed-total

ZH_EXCEED = ("上半年共受理群众来信来访[[f1:64件]]，其中来信[[f2:11件]]，来访[[f3:49批]]，网上信访[[f4:9件]]。")


def test_parts_exceed_total_flags_other_parts_above_the_total_zh(build, check) -> None:
    record, text = build(ZH_EXCEED, {"f1": count(64, "petitions_total"), "f2": count(11, "letters", part_of="f1"),
                                     "f3": count(49, "visits", unit="batch", part_of="f1"),
                                     "f4": count(9, "online_petitions", part_of="f1")})
    [finding] = check(record, text, "parts-exceed-total")
    assert finding.message == "parts 11 + 49 + 9 = 69 exceed the total 64 (64件)"
    assert finding.severity == "error" and finding.facts == ("f2", "f3", "f4", "f1")
    assert text[finding.start : finding.end] == "11件"


def test_parts_exceed_total_silent_when_parts_add_up_zh(build, check) -> None:
    record, text = build("全年共受理[[f1:126件]]。其中来信[[f2:18件]]，来访[[f3:76批]][[f4:312人次]]，网上信访[[f5:32件]]。", {
        "f1": count(126, "petitions_total"), "f2": count(18, "letters", part_of="f1"),
        "f3": count(76, "visits", unit="batch", part_of="f1"), "f4": count(312, "visits", unit="person_time"),
        "f5": count(32, "online_petitions", part_of="f1")})
    assert check(record, text, "parts-exceed-total") == []


def test_parts_exceed_total_keeps_two_breakdowns_of_one_total_apart_zh(build, check) -> None:
    record, text = build(
        "全年共受理群众信访事项[[f1:52件]]，其中上级交办[[f2:18件]]，本乡受理[[f3:34件]]。"
        "从信访内容看，土地纠纷、婚姻家庭、劳资纠纷和其他问题分别为[[f4:15件]]、[[f5:8件]]、[[f6:6件]]、[[f7:23件]]。", {
            "f1": count(52, "petitions_total"), "f2": count(18, "cases_assigned", part_of="f1"),
            "f3": count(34, "cases_local", part_of="f1"),
            **{f"f{i}": count(v, part_of="f1", flags=("complete_breakdown",)) for i, v in ((4, 15), (5, 8), (6, 6), (7, 23))}})
    assert check(record, text, "parts-exceed-total") == []


def test_parts_exceed_total_keeps_clause_separated_breakdowns_apart_zh(build, check) -> None:
    record, text = build("共受理[[f1:40件]]，按渠道分来信[[f2:10件]]、来访[[f3:30件]]；按内容分土地纠纷[[f4:25件]]、其他[[f5:15件]]。", {
        "f1": count(40, "petitions_total"), "f2": count(10, "letters", part_of="f1"),
        "f3": count(30, "visits", part_of="f1"), "f4": count(25, part_of="f1"), "f5": count(15, part_of="f1")})
    assert check(record, text, "parts-exceed-total") == []


@pytest.mark.parametrize("marked, lang", [
    ("共受理[[f1:86件]]，其中来信[[f2:12件]]，来访[[f3:52件]]，电话信访[[f4:10件]]，网上信访[[f5:12件]]；"
     "其中上级转办[[f6:15件]]。", "zh"),
    ("共受理[[f1:86件]]，其中来信[[f2:12件]]、来访[[f3:52件]]、电话[[f4:10件]]、网上[[f5:12件]]，包括上级转办[[f6:15件]]。", "zh"),
    ("The town received [[f1:86]] petitions, of which [[f2:12]] were letters, [[f3:52]] visits, [[f4:10]] calls and "
     "[[f5:12]] online; among them [[f6:15]] were transferred by superiors.", "en"),
])
def test_parts_exceed_total_keeps_a_second_breakdown_cue_apart(build, check, marked, lang) -> None:
    record, text = build(marked, {"f1": count(86, "petitions_total"),
                                  **{f"f{i}": count(v, part_of="f1") for i, v in ((2, 12), (3, 52), (4, 10), (5, 12))},
                                  "f6": count(15, "cases_assigned", part_of="f1")}, lang=lang)
    assert check(record, text, "parts-exceed-total") == []


def test_parts_exceed_total_a_nested_cue_inside_a_list_keeps_the_list_whole_zh(build, check) -> None:
    record, text = build("全年共受理来信来访[[f1:50件]]，其中来信[[f2:30件]]，包括网上来信[[f3:5件]]，来访[[f4:25件]]。", {
        "f1": count(50, "petitions_total"), "f2": count(30, "letters", part_of="f1"),
        "f3": count(5, "online_petitions", part_of="f1"), "f4": count(25, "visits", part_of="f1")})
    [finding] = check(record, text, "parts-exceed-total")
    assert finding.facts == ("f2", "f3", "f4", "f1")


def test_parts_exceed_total_still_flags_the_list_that_exceeds_after_a_second_cue_zh(build, check) -> None:
    record, text = build("共受理[[f1:50件]]，其中来信[[f2:30件]]，来访[[f3:25件]]；其中上级转办[[f4:5件]]。", {
        "f1": count(50, "petitions_total"), "f2": count(30, "letters", part_of="f1"),
        "f3": count(25, "visits", part_of="f1"), "f4": count(5, "cases_assigned", part_of="f1")})
    [finding] = check(record, text, "parts-exceed-total")
    assert finding.facts == ("f2", "f3", "f1") and "30 + 25 = 55" in finding.message


def test_parts_exceed_total_ignores_a_total_given_as_a_lower_bound_zh(build, check) -> None:
    record, text = build("共受理信访事项[[f1:60余件]]，其中来信[[f2:40件]]，来访[[f3:25件]]。", {
        "f1": count(60, "petitions_total", qualifier="more_than"), "f2": count(40, "letters", part_of="f1"),
        "f3": count(25, "visits", part_of="f1")})
    assert check(record, text, "parts-exceed-total") == []


def test_parts_exceed_total_is_at_most_a_warning_with_approximate_parts_zh(build, check) -> None:
    record, text = build("共受理信访事项[[f1:50件]]，其中来信[[f2:30余件]]，来访[[f3:25件]]。", {
        "f1": count(50, "petitions_total"), "f2": count(30, "letters", part_of="f1", qualifier="more_than"),
        "f3": count(25, "visits", part_of="f1")})
    [finding] = check(record, text, "parts-exceed-total")
    assert finding.severity == "warning" and "approximate" in finding.message


def test_parts_exceed_total_flags_of_which_parts_en(build, check) -> None:
    record, text = build(
        "In the whole year, the town accepted a total of [[f1:63]] letters and visits, of which [[f2:15]] were "
        "letters, [[f3:41]] were visits and [[f4:12]] were online petitions.", {
            "f1": count(63, "petitions_total"), "f2": count(15, "letters", part_of="f1"),
            "f3": count(41, "visits", unit="batch", part_of="f1"), "f4": count(12, "online_petitions", part_of="f1")},
        lang="en")
    [finding] = check(record, text, "parts-exceed-total")
    assert "15 + 41 + 12 = 68 exceed the total 63" in finding.message


def test_parts_exceed_total_silent_when_parts_add_up_en(build, check) -> None:
    record, text = build(
        "The street received [[f1:96]] petitions, including [[f2:14]] letters, [[f3:64]] batches of visits and "
        "[[f4:18]] online petitions. The visits involved [[f5:237]] person-times.", {
            "f1": count(96, "petitions_total"), "f2": count(14, "letters", part_of="f1"),
            "f3": count(64, "visits", unit="batch", part_of="f1"), "f4": count(18, "online_petitions", part_of="f1"),
            "f5": count(237, "visits", unit="person_time")}, lang="en")
    assert check(record, text, "parts-exceed-total") == []


# parts-short-of-total

ZH_SHORT = ("全年共受理群众信访事项[[f1:52件]]。从信访内容看，土地纠纷、婚姻家庭、劳资纠纷和其他问题分别为"
            "[[f2:15件]]、[[f3:8件]]、[[f4:6件]]、[[f5:19件]]。")


def _short_facts(flags):
    return {"f1": count(52, "petitions_total"),
            **{f"f{i}": count(v, part_of="f1", flags=flags) for i, v in ((2, 15), (3, 8), (4, 6), (5, 19))}}


def test_parts_short_of_total_flags_a_complete_breakdown_below_its_total_zh(build, check) -> None:
    record, text = build(ZH_SHORT, _short_facts(("complete_breakdown",)))
    [finding] = check(record, text, "parts-short-of-total")
    assert finding.message == "parts listed as complete 15 + 8 + 6 + 19 = 48 fall short of the total 52 (52件)"
    assert finding.severity == "warning" and finding.facts == ("f2", "f3", "f4", "f5", "f1")


def test_parts_short_of_total_silent_on_an_ordinary_qizhong_list_zh(build, check) -> None:
    record, text = build(ZH_SHORT, _short_facts(()))
    assert check(record, text, "parts-short-of-total") == []


def test_parts_short_of_total_flags_a_respectively_list_en(build, check) -> None:
    record, text = build(
        "The town accepted [[f1:40]] petitions; letters, visits and online petitions numbered [[f2:10]], [[f3:20]] "
        "and [[f4:5]] respectively.", {
            "f1": count(40, "petitions_total"),
            **{f"f{i}": count(v, part_of="f1", flags=("complete_breakdown",)) for i, v in ((2, 10), (3, 20), (4, 5))}},
        lang="en")
    [finding] = check(record, text, "parts-short-of-total")
    assert "10 + 20 + 5 = 35 fall short of the total 40" in finding.message


def test_parts_short_of_total_silent_when_the_list_adds_up_en(build, check) -> None:
    record, text = build(
        "The town accepted [[f1:35]] petitions; letters, visits and online petitions numbered [[f2:10]], [[f3:20]] "
        "and [[f4:5]] respectively.", {
            "f1": count(35, "petitions_total"),
            **{f"f{i}": count(v, part_of="f1", flags=("complete_breakdown",)) for i, v in ((2, 10), (3, 20), (4, 5))}},
        lang="en")
    assert check(record, text, "parts-short-of-total") == []


# share-mismatch

def _share_text(stated: str) -> str:
    return f"共排查矛盾纠纷[[f1:34起]]，其中土地纠纷[[f2:12起]]，占[[f3:{stated}]]。"


def _share_facts(value: float) -> dict:
    return {"f1": count(34, "disputes_screened"), "f2": count(12, part_of="f1"),
            "f3": pct(value, kind="share", refers_to="f2")}


def test_share_mismatch_flags_a_share_that_does_not_recompute_zh(build, check) -> None:
    record, text = build(_share_text("38.5%"), _share_facts(38.5))
    [finding] = check(record, text, "share-mismatch")
    assert finding.message == "stated 38.5% but 12/34 = 35.29%"
    assert finding.facts == ("f3", "f2", "f1") and text[finding.start : finding.end] == "38.5%"


@pytest.mark.parametrize("stated, value", [("35.3%", 35.3), ("35%", 35), ("35.29%", 35.29)])
def test_share_mismatch_accepts_rounding_to_the_stated_precision_zh(build, check, stated, value) -> None:
    record, text = build(_share_text(stated), _share_facts(value))
    assert check(record, text, "share-mismatch") == []


def test_share_mismatch_tolerance_is_half_a_unit_of_precision_zh(build, check) -> None:
    record, text = build(_share_text("35.2%"), _share_facts(35.2))
    assert len(check(record, text, "share-mismatch")) == 1
    assert check(record, text, "share-mismatch", share_tolerance=0.1) == []


def test_share_mismatch_flags_a_share_that_does_not_recompute_en(build, check) -> None:
    record, text = build(
        "The street investigated [[f1:40]] disputes, of which [[f2:14]] were about property management, "
        "accounting for [[f3:41.2%]].", {"f1": count(40, "disputes_screened"), "f2": count(14, part_of="f1"),
                                         "f3": pct(41.2, kind="share", refers_to="f2")}, lang="en")
    [finding] = check(record, text, "share-mismatch")
    assert finding.message == "stated 41.2% but 14/40 = 35.00%"


def test_share_mismatch_silent_when_the_share_recomputes_en(build, check) -> None:
    record, text = build(
        "The town investigated [[f1:87]] disputes, including [[f2:29]] land disputes, accounting for [[f3:33.3%]].",
        {"f1": count(87, "disputes_screened"), "f2": count(29, part_of="f1"),
         "f3": pct(33.3, kind="share", refers_to="f2")}, lang="en")
    assert check(record, text, "share-mismatch") == []


# rate-mismatch

def _rate_text_zh(rate: str) -> str:
    return f"上半年共受理信访事项[[f1:174件]]，办结[[f2:161件]]，办结率[[f3:{rate}]]。"


def test_rate_mismatch_flags_a_settlement_rate_off_its_counts_zh(build, check) -> None:
    record, text = build(_rate_text_zh("97.8%"), {
        "f1": count(174, "petitions_total"), "f2": count(161, "cases_settled"), "f3": pct(97.8, indicator="settlement_rate")})
    [finding] = check(record, text, "rate-mismatch")
    assert finding.message == "settlement rate stated 97.8% but 161/174 = 92.53%"
    assert finding_message(finding, "zh") == "办结率写明97.8%，但 161/174 = 92.53%"
    assert finding.facts == ("f3", "f2", "f1") and finding.severity == "error"


def test_rate_mismatch_silent_when_the_rate_recomputes_zh(build, check) -> None:
    record, text = build(_rate_text_zh("92.5%"), {
        "f1": count(174, "petitions_total"), "f2": count(161, "cases_settled"), "f3": pct(92.5, indicator="settlement_rate")})
    assert check(record, text, "rate-mismatch") == []


def test_rate_mismatch_silent_when_a_count_is_ambiguous_zh(build, check) -> None:
    record, text = build("受理来信来访[[f1:174件]]，其中上级交办[[f4:40件]]。另受理网上信访事项[[f5:60件]]。"
                         "办结[[f2:161件]]，办结率[[f3:97.8%]]。", {
                             "f1": count(174, "petitions_total"), "f4": count(40, "cases_assigned", part_of="f1"),
                             "f5": count(60, "petitions_total"), "f2": count(161, "cases_settled"),
                             "f3": pct(97.8, indicator="settlement_rate")})
    assert check(record, text, "rate-mismatch") == []


def test_rate_mismatch_silent_when_another_plausible_base_matches_zh(build, check) -> None:
    record, text = build("受理群众来信来访[[f1:126件]]，本级受理[[f4:100件]]，上级交办[[f5:23件]]。办结[[f2:121件]]，"
                         "办结率[[f3:98.4%]]。", {
                             "f1": count(126, "petitions_total"), "f4": count(100, "cases_local"),
                             "f5": count(23, "cases_assigned"), "f2": count(121, "cases_settled"),
                             "f3": pct(98.4, indicator="settlement_rate")})
    assert check(record, text, "rate-mismatch") == []


@pytest.mark.parametrize("text, lang", [
    ("今年共调解纠纷[[f1:80件]]，调解成功[[f2:76件]]，调解成功率[[f3:97.5%]]。", "zh"),
    ("The committee mediated [[f1:80]] disputes this year, [[f2:76]] were resolved, a success rate of [[f3:97.5%]].", "en"),
], ids=["zh", "en"])
def test_rate_mismatch_takes_the_count_beside_its_numerator_when_no_base_is_named(build, check, text, lang) -> None:
    record, text = build(text, {"f1": count(80, None), "f2": count(76, "disputes_resolved"),
                                "f3": pct(97.5, indicator="resolution_rate")}, lang=lang)
    [finding] = check(record, text, "rate-mismatch")
    assert finding.facts == ("f3", "f2", "f1") and "76/80 = 95" in finding.message


@pytest.mark.parametrize("text", [
    "今年共调解纠纷[[f1:80件]]。调解成功[[f2:76件]]，调解成功率[[f3:97.5%]]。",  # another sentence
    "调解成功[[f2:76件]]，共调解纠纷[[f1:80件]]，调解成功率[[f3:97.5%]]。",  # not before the numerator
], ids=["count_in_another_sentence", "count_after_the_numerator"])
def test_rate_mismatch_silent_without_a_count_beside_its_numerator(build, check, text) -> None:
    record, text = build(text, {"f1": count(80, None), "f2": count(76, "disputes_resolved"),
                                "f3": pct(97.5, indicator="resolution_rate")})
    assert check(record, text, "rate-mismatch") == []


def test_rate_mismatch_flags_a_resolution_rate_en(build, check) -> None:
    record, text = build("The town investigated [[f1:95]] conflicts and disputes, and [[f2:91]] were resolved, the "
                         "resolution rate being [[f3:97.8%]].", {
                             "f1": count(95, "disputes_screened"), "f2": count(91, "disputes_resolved"),
                             "f3": pct(97.8, indicator="resolution_rate")}, lang="en")
    [finding] = check(record, text, "rate-mismatch")
    assert finding.message == "resolution rate stated 97.8% but 91/95 = 95.79%"


def test_rate_mismatch_silent_when_the_rate_recomputes_en(build, check) -> None:
    record, text = build("The town investigated [[f1:95]] conflicts and disputes, and [[f2:91]] were resolved, the "
                         "resolution rate being [[f3:95.8%]]. In the whole year [[f4:60]] of [[f5:63]] cases were "
                         "settled, a settlement rate of [[f6:95.2 percent]].", {
                             "f1": count(95, "disputes_screened"), "f2": count(91, "disputes_resolved"),
                             "f3": pct(95.8, indicator="resolution_rate"), "f4": count(60, "cases_settled"),
                             "f5": count(63, "petitions_total"), "f6": pct(95.2, indicator="settlement_rate")},
                         lang="en")
    assert check(record, text, "rate-mismatch") == []


def test_rate_mismatch_leaves_on_time_rates_alone_en(build, check) -> None:
    record, text = build("Of [[f1:584]] hotline tickets, [[f2:561]] were settled on time, an on-time settlement rate "
                         "of [[f3:96.1%]]; the settlement rate was [[f4:98.0%]].", {
                             "f1": count(584, "petitions_total"), "f2": count(561, "cases_settled"),
                             "f3": pct(96.1, indicator="on_time_settlement_rate"),
                             "f4": pct(98.0, indicator="settlement_rate")}, lang="en")
    findings = check(record, text, "rate-mismatch")
    assert [f.facts[0] for f in findings] == ["f4"]


# change-mismatch

def _change_facts(stated: float, unit: str = "percent") -> dict:
    return {"f1": count(128, "petitions_total"), "f2": count(141, "petitions_total", scope="previous_period"),
            "f3": dict(value=stated, unit=unit, kind="change", indicator="petitions_total", refers_to="f1")}


def test_change_mismatch_flags_a_wrong_decrease_zh(build, check) -> None:
    record, text = build("1-9月共受理信访事项[[f1:128件]]，去年同期为[[f2:141件]]，同比下降[[f3:6.2%]]。", _change_facts(-6.2))
    [finding] = check(record, text, "change-mismatch")
    assert finding.message == "stated change -6.2% but (128-141)/141 = -9.22%"
    assert finding.facts == ("f3", "f1", "f2")


def test_change_mismatch_silent_when_the_change_recomputes_zh(build, check) -> None:
    record, text = build("1-9月共受理信访事项[[f1:128件]]，去年同期为[[f2:141件]]，同比下降[[f3:9.2%]]。", _change_facts(-9.2))
    assert check(record, text, "change-mismatch") == []


def test_change_mismatch_flags_a_decrease_stated_as_an_increase_zh(build, check) -> None:
    record, text = build("1-9月共受理信访事项[[f1:128件]]，去年同期为[[f2:141件]]，同比上升[[f3:9.2%]]。", _change_facts(9.2))
    assert len(check(record, text, "change-mismatch")) == 1


def test_change_mismatch_compares_differences_in_cases_zh(build, check) -> None:
    text_ok = "受理信访事项[[f1:128件]]，比去年的[[f2:141件]]减少[[f3:13件]]。"
    record, text = build(text_ok, _change_facts(-13, unit="case"))
    assert check(record, text, "change-mismatch") == []
    record, text = build(text_ok.replace("13件", "15件"), _change_facts(-15, unit="case"))
    [finding] = check(record, text, "change-mismatch")
    assert finding.message == "stated change -15 cases but 128-141 = -13 cases"
    assert finding_message(finding, "zh") == "写明变化-15件，但 128-141 = -13件"


def test_change_mismatch_compares_percentage_points_zh(build, check) -> None:
    facts = {"f1": pct(95.2, indicator="satisfaction_rate"),
             "f2": pct(93.7, indicator="satisfaction_rate", scope="previous_period"),
             "f3": dict(value=1.5, unit="pp", kind="change", indicator="satisfaction_rate", refers_to="f1")}
    record, text = build("群众满意率[[f1:95.2%]]，较去年同期的[[f2:93.7%]]提高[[f3:1.5个百分点]]。", facts)
    assert check(record, text, "change-mismatch") == []
    facts["f3"] = dict(facts["f3"], value=2.5)
    record, text = build("群众满意率[[f1:95.2%]]，较去年同期的[[f2:93.7%]]提高[[f3:2.5个百分点]]。", facts)
    assert len(check(record, text, "change-mismatch")) == 1


def test_change_mismatch_flags_a_wrong_increase_en(build, check) -> None:
    facts = {"f1": count(31, "petitions_total"), "f2": count(29, "petitions_total", scope="previous_period"),
             "f3": dict(value=8.9, unit="percent", kind="change", indicator="petitions_total", refers_to="f1")}
    record, text = build("The street accepted [[f1:31]] petition matters, an increase of [[f3:8.9%]] over the "
                         "[[f2:29]] in the same period last year.", facts, lang="en")
    [finding] = check(record, text, "change-mismatch")
    assert "(31-29)/29 = 6.90%" in finding.message


def test_change_mismatch_silent_when_the_change_recomputes_en(build, check) -> None:
    facts = {"f1": count(63, "petitions_total"), "f2": count(70, "petitions_total", scope="previous_period"),
             "f3": dict(value=-10, unit="percent", kind="change", indicator="petitions_total", refers_to="f1")}
    record, text = build("The town accepted [[f1:63]] letters and visits, a decrease of [[f3:10 percent]] compared "
                         "with [[f2:70]] in the previous year.", facts, lang="en")
    assert check(record, text, "change-mismatch") == []


# settled-exceeds-received

def test_settled_exceeds_received_flags_more_settled_than_received_zh(build, check) -> None:
    record, text = build("全年共受理信访事项[[f1:57件]]，办结[[f2:59件]]。", {
        "f1": count(57, "petitions_total"), "f2": count(59, "cases_settled")})
    [finding] = check(record, text, "settled-exceeds-received")
    assert finding.message == "59 cases settled (59件) but only 57 received (57件)"
    assert finding.facts == ("f2", "f1") and finding.severity == "error"


def test_settled_exceeds_received_counts_assigned_cases_outside_the_total_zh(build, check) -> None:
    record, text = build("受理群众来信来访[[f1:126件]]。受理上级交办信访事项[[f3:23件]]。全年办结[[f2:140件]]。", {
        "f1": count(126, "petitions_total"), "f3": count(23, "cases_assigned"), "f2": count(140, "cases_settled")})
    assert check(record, text, "settled-exceeds-received") == []


def test_settled_exceeds_received_silent_on_approximate_or_consistent_counts_zh(build, check) -> None:
    record, text = build("全年共受理信访事项[[f1:57件]]，办结[[f2:60余件]]。", {
        "f1": count(57, "petitions_total"), "f2": count(60, "cases_settled", qualifier="more_than")})
    assert check(record, text, "settled-exceeds-received") == []
    record, text = build("全年共受理信访事项[[f1:126件]]，办结[[f2:121件]]。", {
        "f1": count(126, "petitions_total"), "f2": count(121, "cases_settled")})
    assert check(record, text, "settled-exceeds-received") == []


def test_settled_exceeds_received_flags_more_settled_than_received_en(build, check) -> None:
    record, text = build("The town accepted [[f1:47]] letters and visits and settled [[f2:52]] cases.", {
        "f1": count(47, "petitions_total"), "f2": count(52, "cases_settled")}, lang="en")
    assert len(check(record, text, "settled-exceeds-received")) == 1


def test_settled_exceeds_received_silent_when_settled_is_lower_en(build, check) -> None:
    record, text = build("The town accepted [[f1:47]] letters and visits and settled [[f2:45]] cases.", {
        "f1": count(47, "petitions_total"), "f2": count(45, "cases_settled")}, lang="en")
    assert check(record, text, "settled-exceeds-received") == []


def test_rate_mismatch_upper_bound_allows_lower_rates_only_en(build, check, monkeypatch) -> None:
    from pipeline.checks import arithmetic
    from pipeline.checks.base import RateSpec, rule_book

    book = rule_book()
    rates = {**book.rates, "on_time_settlement_rate": RateSpec(
        numerator="cases_settled", denominators=(("petitions_total",),), bound="upper")}
    monkeypatch.setattr(arithmetic, "rule_book", lambda: book.model_copy(update={"rates": rates}))
    facts = {"f1": count(50, "petitions_total"), "f2": count(45, "cases_settled"),
             "f3": pct(88.0, indicator="on_time_settlement_rate")}
    record, text = build("Of [[f1:50]] cases, [[f2:45]] were settled; the on-time rate was [[f3:88.0%]].", facts, lang="en")
    assert check(record, text, "rate-mismatch") == []
    facts["f3"] = pct(92.0, indicator="on_time_settlement_rate")
    record, text = build("Of [[f1:50]] cases, [[f2:45]] were settled; the on-time rate was [[f3:92.0%]].", facts, lang="en")
    [finding] = check(record, text, "rate-mismatch")
    assert finding.message == "on-time settlement rate stated 92.0% but it can be at most 45/50 = 90.00%"


def test_rate_mismatch_leaves_counts_above_their_base_to_settled_exceeds_received_zh(build, check) -> None:
    record, text = build("全年共受理信访事项[[f1:57件]]，办结[[f2:59件]]，办结率[[f3:96.5%]]。", {
        "f1": count(57, "petitions_total"), "f2": count(59, "cases_settled"), "f3": pct(96.5, indicator="settlement_rate")})
    assert check(record, text, "rate-mismatch") == []
    assert len(check(record, text, "settled-exceeds-received")) == 1


# targets (力争…, plans sections) through the whole pipeline: never a second stated rate, never recomputed

TARGET_CASES = {
    "zh_rate": ("一、工作情况\n化解矛盾纠纷60起，排查64起，化解率98.5%。\n二、下步打算\n力争化解率达到百分之九十八点五以上。\n",
                "rate-mismatch", 1),
    "en_rate": ("I. Work done\nThe town screened 64 disputes and resolved 60 of them, a resolution rate of 98.5%.\n"
                "II. Plans for next year\nWe will strive to keep the resolution rate at 98.5%.\n", "rate-mismatch", 1),
    "zh_change": ("全年受理信访事项90件，去年同期为100件，同比下降10%。力争明年信访总量下降20%。\n", "change-mismatch", 0),
    "zh_values": ("全年办结率为96%。力争办结率达到100%。\n", "conflicting-values", 0),
}


@pytest.mark.parametrize("text, rule, expected", TARGET_CASES.values(), ids=TARGET_CASES.keys())
def test_targets_are_not_results_of_the_period(tmp_path, text: str, rule: str, expected: int) -> None:
    from pipeline.process import process_path

    path = tmp_path / "summary.txt"
    path.write_text(text, encoding="utf-8")
    [record] = process_path(path, classify=False).records
    assert any(fact.scope == "target" for fact in record.facts)
    assert sum(finding.rule == rule for finding in record.findings) == expected


@pytest.mark.parametrize("text", [
    "全镇共发放宣传资料50份。全年受理信访事项45件，其中来信20件，来访30件。",
    "The town distributed 50 brochures. It received 45 petitions, of which 20 were letters and 30 were visits.",
], ids=["zh", "en"])
def test_parts_exceed_total_a_count_of_another_unit_equal_to_the_sum_is_no_total(tmp_path, text: str) -> None:
    """Negative case for the sum-matched total: 50 brochures is not what the 20 + 30 petitions add up to."""
    from pipeline.process import process_path

    path = tmp_path / "summary.txt"
    path.write_text(text, encoding="utf-8")
    [record] = process_path(path, classify=False).records
    assert [f.rule for f in record.findings if f.rule == "parts-exceed-total"] == ["parts-exceed-total"]


# certainty: an error needs a total the pipeline could bind; an unbound one gives a warning at most

def test_parts_exceed_total_on_an_unbound_total_is_a_warning_zh(build, check) -> None:
    record, text = build("全市[[f1:12个]]镇街开设镇长信箱，其中青溪镇收到群众来信[[f2:3480条]]。", {
        "f1": count(12, unit="item"), "f2": count(3480, "letters", unit="item", part_of="f1")})
    [finding] = check(record, text, "parts-exceed-total")
    assert finding.severity == "warning"


def test_parts_exceed_total_on_a_bound_total_stays_an_error_zh(build, check) -> None:
    record, text = build("共受理信访事项[[f1:40件]]，其中来信[[f2:25件]]，来访[[f3:21件]]。", {
        "f1": count(40, "petitions_total"), "f2": count(25, "letters", part_of="f1"),
        "f3": count(21, "visits", part_of="f1")})
    [finding] = check(record, text, "parts-exceed-total")
    assert finding.severity == "error" and set(finding.facts) == {"f1", "f2", "f3"}


def test_share_mismatch_on_an_unbound_total_is_a_warning_en(build, check) -> None:
    record, text = build("Of the [[f1:40]] items, [[f2:10]] concerned land, or [[f3:40%]].", {
        "f1": count(40), "f2": count(10, part_of="f1"), "f3": pct(40, kind="share", refers_to="f2")}, lang="en")
    [finding] = check(record, text, "share-mismatch")
    assert finding.severity == "warning"
