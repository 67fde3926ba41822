"""pipeline/i18n.py: the language from the locale, finding messages and labels in Chinese and English,
resource files that name the same ids in every language."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

import pipeline.lexicon
from pipeline import i18n_resources
from pipeline.checks.rulebook import rule_book
from pipeline.errors import CorruptDocxError, InputError, MissingPathError, ResourceError
from pipeline.i18n import (category_label, column_label, error_message, finding_message, indicator_label,
                           locale_lang, render_message, resolve_lang, rule_title, severity_label, text, unit_label)
from pipeline.lexicon import RESOURCE_DIR, load_resource
from pipeline.schema import MEASURE_CATEGORIES, PROBLEM_CATEGORIES, Finding

ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")


@pytest.mark.parametrize("environ, expected", [
    ({"LANG": "zh_CN.UTF-8"}, "zh"),
    ({"LANG": "zh_TW.Big5"}, "zh"),
    ({"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),  # LC_ALL comes first
    ({"LC_MESSAGES": "zh_CN.GB18030", "LANG": "en_US.UTF-8"}, "zh"),
    ({"LANG": "en_US.UTF-8"}, "en"),
    ({"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}, "en"),  # negative: LC_ALL overrides a Chinese LANG
    ({"LC_ALL": "", "LANG": "zh_CN.UTF-8"}, "zh"),  # an empty variable is unset
    ({"LANG": "C.UTF-8"}, "en"),
    ({}, "en"),
])
def test_locale_lang_reads_lc_all_lc_messages_lang_in_order(environ: dict, expected: str) -> None:
    assert locale_lang(environ) == expected


@pytest.mark.parametrize("option, configured, environ, expected", [
    ("en", "zh", {"LANG": "zh_CN.UTF-8"}, "en"),  # the option wins
    (None, "en", {"LANG": "zh_CN.UTF-8"}, "en"),  # then the configuration file
    (None, None, {"LANG": "zh_CN.UTF-8"}, "zh"),  # then the locale
    (None, None, {}, "en"),
])
def test_resolve_lang_option_over_configuration_over_locale(option, configured, environ, expected) -> None:
    assert resolve_lang(option, configured, environ) == expected


def test_resolve_lang_refuses_an_unknown_language() -> None:
    with pytest.raises(ResourceError, match="unknown language 'fr'"):
        resolve_lang("fr")


# One case per rule and variant: the finding's args (ids and values), its English and Chinese messages.
MESSAGES = [
    ("missing-section", None, {"missing": ("problems", "plans"), "required": ("overview", "problems", "plans")},
     "missing required sections: problems, plans (required: overview, problems, plans)",
     "缺少必备部分：存在问题、下一步打算（要求包含：基本情况、存在问题、下一步打算）"),
    ("no-case-figures", None, {"indicators": ("petitions_total", "cases_settled")},
     "no case figures: none of petitions received, cases settled is stated", "没有案件数字：信访总量、办结件数均未写明"),
    ("placeholder", None, {"surface": "XX"}, 'unfilled template marker "XX"', "模板占位符“XX”未填写"),
    ("rate-over-100", None, {"what": "satisfaction_rate", "stated": "103", "surface": "103%"},
     "satisfaction rate stated as 103% (103%); a rate or share cannot exceed 100%",
     "满意率写为103%（103%）；比率或占比不能超过100%"),
    ("rate-over-100", "more_than", {"what": "share", "stated": "100", "surface": "100%以上"},
     "share stated as more than 100% (100%以上); a rate or share cannot exceed 100%",
     "占比写为100%以上（100%以上）；比率或占比不能超过100%"),
    ("parts-exceed-total", None, {"parts": "11 + 49", "sum": "60", "total": "57", "total_surface": "57件"},
     "parts 11 + 49 = 60 exceed the total 57 (57件)", "分项 11 + 49 = 60，超过总数 57（57件）"),
    ("parts-exceed-total", "approximate", {"parts": "30 + 40", "sum": "70", "total": "60", "total_surface": "60余件"},
     "parts 30 + 40 = 70 exceed the total 60 (60余件) even reading the approximate figures at their bounds",
     "分项 30 + 40 = 70，即使按约数的上下限计算仍超过总数 60（60余件）"),
    ("parts-short-of-total", None, {"parts": "15 + 8", "sum": "23", "total": "30", "total_surface": "30件"},
     "parts listed as complete 15 + 8 = 23 fall short of the total 30 (30件)",
     "列为完整分项的 15 + 8 = 23，少于总数 30（30件）"),
    ("share-mismatch", None, {"stated": "41.2", "part": "14", "total": "40", "computed": "35.00"},
     "stated 41.2% but 14/40 = 35.00%", "写明占比41.2%，但 14/40 = 35.00%"),
    ("rate-mismatch", None, {"indicator": "settlement_rate", "stated": "97.8", "numerator": "161",
                             "denominator": "174", "computed": "92.53"},
     "settlement rate stated 97.8% but 161/174 = 92.53%", "办结率写明97.8%，但 161/174 = 92.53%"),
    ("rate-mismatch", "upper", {"indicator": "on_time_settlement_rate", "stated": "92.0", "numerator": "45",
                                "denominator": "50", "computed": "90.00"},
     "on-time settlement rate stated 92.0% but it can be at most 45/50 = 90.00%",
     "按期办结率写明92.0%，但最多只能是 45/50 = 90.00%"),
    ("change-mismatch", None, {"stated": "-6.2", "current": "128", "previous": "141", "computed": "-9.22", "unit": "percent"},
     "stated change -6.2% but (128-141)/141 = -9.22%", "写明变化-6.2%，但 (128-141)/141 = -9.22%"),
    ("change-mismatch", "difference", {"stated": "-2", "current": "95", "previous": "96", "computed": "-1", "unit": "pp"},
     "stated change -2 percentage points but 95-96 = -1 percentage points", "写明变化-2个百分点，但 95-96 = -1个百分点"),
    ("settled-exceeds-received", None, {"settled": "59", "settled_surface": "59件", "received": "57",
                                        "received_surface": "57件"},
     "59 cases settled (59件) but only 57 received (57件)", "办结59件（59件），但受理只有57件（57件）"),
    ("percent-sign-missing", None, {"surface": "96", "value": "96"},
     "96 is a rate written without its percent sign (read as 96%)", "96是比率，但缺少百分号（按96%理解）"),
    ("conflicting-values", None, {"indicator": "petitions_total", "values": ("92件", "96件")},
     "petitions received is stated with different values: 92件, 96件", "信访总量出现不同的数值：92件、96件"),
    ("future-date", None, {"date": "2021年3月", "period": "2019年", "period_end": "2019-12"},
     "2021年3月 lies after the report period 2019年 (which ends 2019-12)", "2021年3月晚于报告期2019年（报告期截至2019-12）"),
    ("future-date", "order", {"surface": "2019-2017年", "first": 2019, "last": 2017},
     "year range 2019-2017年 runs backwards: 2019 comes after 2017", "年份范围2019-2017年前后颠倒：2019在2017之后"),
    ("template-copy", None, {"share": 98, "jaccard": "0.96", "other": "b.txt", "other_part": 2,
                             "differences": (("petitions_total", "126件", "98件"), ("", "3", "4")), "more": 5},
     "98% of this summary's text is also in b.txt (part 2) (shingle Jaccard 0.96); differing figures: "
     "petitions received 126件 vs 98件; 3 vs 4; and 5 more",
     "本总结98%的文字也出现在b.txt（第2篇）中（文本相似度 0.96）；不同的数字：信访总量126件与98件；3与4；另有5处"),
    ("template-copy", "same_figures", {"share": 90, "jaccard": "0.88", "other": "b.txt", "other_part": 0,
                                       "differences": (), "more": 0},
     "90% of this summary's text is also in b.txt (shingle Jaccard 0.88); no differing figures found",
     "本总结90%的文字也出现在b.txt中（文本相似度 0.88）；未发现不同的数字"),
]


@pytest.mark.parametrize("rule, variant, args, english, chinese", MESSAGES)
def test_render_message_in_english_and_chinese(rule, variant, args, english, chinese) -> None:
    assert render_message(rule, variant, args, "en") == english
    assert render_message(rule, variant, args, "zh") == chinese


def test_message_cases_cover_every_rule_and_variant() -> None:
    covered = {(rule, variant) for rule, variant, *_ in MESSAGES}
    wanted = {(rule, variant) for rule, spec in rule_book().rules.items() for variant in (None, *spec.variants)}
    assert covered == wanted


@pytest.mark.parametrize("rule, variant, args, english, chinese", MESSAGES)
def test_chinese_messages_hold_no_english_word_and_no_id(rule, variant, args, english, chinese) -> None:
    shown = render_message(rule, variant, args, "zh")
    words = set(ENGLISH_WORD.findall(shown)) - {"XX", "txt"}  # a marker and a file name from the text
    assert not words, words
    assert not re.search(r"\bf\d+\b", shown)  # no internal fact id


def test_finding_message_names_facts_by_label_and_surface_never_by_id() -> None:
    finding = Finding(rule="conflicting-values", severity="warning", message="-", start=0, end=3,
                      facts=("f1", "f17"), args={"indicator": "petitions_total", "values": ("92件", "96件")})
    for lang in ("en", "zh"):
        shown = finding_message(finding, lang)
        assert "f1" not in shown and "f17" not in shown and "92件" in shown
        assert indicator_label("petitions_total", lang) in shown


@pytest.mark.parametrize("lang, expected", [("en", "parts fall short"), ("zh", "完整分项少于总数")])
def test_finding_without_args_shows_its_stored_message_in_english_and_its_title_otherwise(lang, expected) -> None:
    stored = Finding(rule="parts-short-of-total", severity="warning", message="parts fall short", start=0, end=1)
    assert finding_message(stored, lang) == expected


def test_render_message_of_an_unknown_variant_raises_a_resource_error() -> None:
    with pytest.raises(ResourceError, match="rules.placeholder.variants.nope"):
        render_message("placeholder", "nope", {"surface": "XX"}, "en")


@pytest.mark.parametrize("lang, label, expected", [
    ("en", severity_label("error", "en"), "error"), ("zh", severity_label("warning", "zh"), "警告"),
    ("en", indicator_label("settlement_rate", "en"), "settlement rate"), ("zh", indicator_label("settlement_rate", "zh"), "办结率"),
    ("en", category_label("staffing_shortage", "en"), "staffing shortage"), ("zh", category_label("reception", "zh"), "接访"),
    ("en", column_label("petitions_total", "en"), "Petitions received"), ("zh", column_label("settlement_rate", "zh"), "办结率（%）"),
    ("en", unit_label("person_time", "en"), "person-times"), ("zh", unit_label("pp", "zh"), "个百分点"),
    ("en", rule_title("rate-over-100", "en"), "Rate over 100%"), ("zh", rule_title("template-copy", "zh"), "文字雷同"),
    ("zh", indicator_label("not_an_indicator", "zh"), "not_an_indicator"),  # negative: an unknown id stays as it is
    ("zh", column_label("mystery_column", "zh"), "mystery_column"),
])
def test_labels_in_both_languages(lang: str, label: str, expected: str) -> None:
    assert label == expected


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_indicator_unit_and_category_has_a_label(lang: str) -> None:
    indicators = {entry["id"] for entry in yaml.safe_load(
        (RESOURCE_DIR / lang / "indicators.yaml").read_text(encoding="utf-8"))["indicators"]}
    units = set()
    for source in ("zh", "en"):
        numbers = yaml.safe_load((RESOURCE_DIR / source / "numbers.yaml").read_text(encoding="utf-8"))
        units |= {entry["unit"] for entry in numbers["units"]}
    labels = i18n_resources.labels(lang)
    assert indicators <= set(labels.indicators)
    assert units | {"percent", "pp"} <= set(labels.units)
    assert set(MEASURE_CATEGORIES + PROBLEM_CATEGORIES) <= set(labels.categories)
    assert indicators <= set(i18n_resources.columns(lang))


@pytest.mark.parametrize("n, english, chinese", [(1, "1 error", "错误 1 条"), (2, "2 errors", "错误 2 条"),
                                                 (0, "0 errors", "错误 0 条")])
def test_text_picks_the_plural_form_by_count(n: int, english: str, chinese: str) -> None:
    assert text("count_error", "en", n=n) == english
    assert text("count_error", "zh", n=n) == chinese


@pytest.mark.parametrize("error, lang, expected", [
    (MissingPathError("no such file or directory", "a/b.txt"), "en", "a/b.txt: no such file or directory [E101]"),
    (MissingPathError("no such file or directory", "a/b.txt"), "zh", "a/b.txt：文件或文件夹不存在 [E101]"),
    (CorruptDocxError("not a readable .docx (BadZipFile)", "x.docx"), "zh", "x.docx：.docx 文件已损坏 [E106]"),
    # a generic code keeps its details after the description
    (InputError("cannot read the file (Permission denied)", "c.txt"), "zh",
     "c.txt：无法作为总结读取该文件（详情：cannot read the file (Permission denied)） [E100]"),
])
def test_error_message_names_the_file_and_the_code(error, lang: str, expected: str) -> None:
    assert error_message(error, lang) == expected


@pytest.fixture
def resource_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the resources that a test may break; the caches are emptied before and after."""
    copy = tmp_path / "resources"
    shutil.copytree(RESOURCE_DIR, copy)
    monkeypatch.setattr(pipeline.lexicon, "RESOURCE_DIR", copy)
    _clear_caches()
    yield copy
    _clear_caches()


def _clear_caches() -> None:
    for cached in (load_resource, i18n_resources.messages, i18n_resources.labels, i18n_resources.texts):
        cached.cache_clear()


def _edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_a_rule_missing_from_the_chinese_messages_is_a_coded_resource_error(resource_copy: Path) -> None:
    _edit(resource_copy / "zh" / "messages.yaml", lambda data: data["rules"].pop("future-date"))
    with pytest.raises(ResourceError, match=r"zh/messages.yaml: entry rules: missing \['future-date'\]"):
        i18n_resources.messages("zh")


def test_a_translated_template_with_other_fields_is_a_coded_resource_error(resource_copy: Path) -> None:
    def change(data):
        data["rules"]["placeholder"]["message"] = "占位符 {marker}"
    _edit(resource_copy / "zh" / "messages.yaml", change)
    with pytest.raises(ResourceError, match="rules.placeholder.message fields"):
        i18n_resources.messages("zh")


def test_a_label_missing_in_chinese_is_a_coded_resource_error(resource_copy: Path) -> None:
    _edit(resource_copy / "zh" / "labels.yaml", lambda data: data["units"].pop("mu"))
    with pytest.raises(ResourceError, match=r"entry units: missing \['mu'\]"):
        i18n_resources.labels("zh")


def test_the_english_texts_load_unchanged(resource_copy: Path) -> None:  # negative: nothing to report
    assert i18n_resources.texts("en").texts and i18n_resources.messages("en").rules
