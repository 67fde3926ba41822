"""Figures through the real pipeline: case tables of Chinese and English sentences, negatives included.

Each case of tests/cases/figures_{zh,en}.json is written to a file and run through
`process_path`; the facts are compared by surface, in text order. A case may carry
`"xfail": reason` for a known bug: it then runs as a strict xfail.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pipeline.extractors.indicator_cues import indicator_cues
from pipeline.process import process_path
from pipeline.schema import Fact

CASES_DIR = Path(__file__).resolve().parents[1] / "cases"
RELATION_DEFAULTS = {"qualifier": None, "per": None, "scope": None, "part_of": None, "refers_to": None, "flags": []}
OPTIONAL_KEYS = ("unit", "value_max")  # checked only when the case gives them (English units depend on the noun)


def _load(lang: str) -> list:
    cases = json.loads((CASES_DIR / f"figures_{lang}.json").read_text(encoding="utf-8"))
    params = []
    for case in cases:
        marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if "xfail" in case else []
        params.append(pytest.param(case, id=case["id"], marks=marks))
    return params


def _run(text: str, tmp_path: Path) -> tuple[list[Fact], str, list[str]]:
    """(facts of every record, file text, record languages) of one case written to a file."""
    path = tmp_path / "case.txt"
    path.write_text(text, encoding="utf-8")
    processed = process_path(path, classify=False)
    facts = [fact for record in processed.records for fact in record.facts]
    return facts, processed.text, [record.language for record in processed.records]


def _projected(facts: list[Fact], expected: list[dict]) -> list[dict]:
    """Each fact as a dict with the keys its expected entry checks; ids mapped to surfaces."""
    surfaces = {fact.id: fact.surface for fact in facts}
    out = []
    for index, fact in enumerate(facts):
        want = expected[index] if index < len(expected) else {}
        got = {
            "surface": fact.surface, "value": fact.value, "indicator": fact.indicator, "kind": fact.kind,
            "qualifier": fact.qualifier, "per": fact.per, "scope": fact.scope,
            "part_of": surfaces.get(fact.part_of), "refers_to": surfaces.get(fact.refers_to),
            "flags": list(fact.flags),
        }
        got.update({key: getattr(fact, key) for key in OPTIONAL_KEYS if key in want})
        out.append(got)
    return out


def _normalised(expected: list[dict]) -> list[dict]:
    return [{**RELATION_DEFAULTS, **entry} for entry in expected]


def _check(case: dict, lang: str, tmp_path: Path) -> None:
    facts, text, languages = _run(case["text"], tmp_path)
    assert set(languages) == {lang}, f"language detected as {languages}"
    for fact in facts:
        assert text[fact.start : fact.end] == fact.surface
    expected = _normalised(case["expected"])
    assert [f.surface for f in facts] == [e["surface"] for e in expected]
    assert _projected(facts, expected) == expected


@pytest.mark.parametrize("case", _load("zh"))
def test_figures_zh_case(case: dict, tmp_path: Path) -> None:
    _check(case, "zh", tmp_path)


@pytest.mark.parametrize("case", _load("en"))
def test_figures_en_case(case: dict, tmp_path: Path) -> None:
    _check(case, "en", tmp_path)


@pytest.mark.parametrize("lang, minimum", [("zh", 60), ("en", 40)])
def test_figures_case_tables_are_large_enough_and_have_negatives(lang: str, minimum: int) -> None:
    cases = [p.values[0] for p in _load(lang)]
    ids = [case["id"] for case in cases]
    assert len(ids) == len(set(ids)), "case ids are unique"
    assert len(cases) >= minimum
    negatives = [case for case in cases if not case["expected"] and "xfail" not in case]
    assert len(negatives) >= 10


# Examples whose entry requires words in the sentence that the example itself lacks.
EXAMPLE_NEEDS_CONTEXT = {
}


def _indicator_examples() -> list:
    params = []
    for lang in ("zh", "en"):
        for compiled in indicator_cues(lang).indicators:
            entry = compiled.entry
            reason = EXAMPLE_NEEDS_CONTEXT.get((lang, entry.id))
            marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
            params.append(pytest.param(lang, entry.id, entry.example, id=f"{lang}-{entry.id}", marks=marks))
    return params


@pytest.mark.parametrize("lang, indicator, example", _indicator_examples())
def test_figures_indicator_example_binds_its_own_indicator(lang: str, indicator: str, example: str,
                                                           tmp_path: Path) -> None:
    facts, _, _ = _run(example, tmp_path)
    assert indicator in [fact.indicator for fact in facts], [(f.surface, f.indicator) for f in facts]


def test_figures_offsets_point_into_the_file_after_a_title_line(tmp_path: Path) -> None:
    text = "网站首页 > 总结范文\n\n某某镇2021年信访工作总结\n\n今年以来，我镇共受理群众来信来访68件，其中来信12件，来访56件。\n"
    facts, file_text, _ = _run(text, tmp_path)
    assert [f.surface for f in facts] == ["68件", "12件", "56件"]
    for fact in facts:
        assert file_text[fact.start : fact.end] == fact.surface
        assert fact.start == text.index(fact.surface)


def test_figures_full_width_digits_are_grounded_in_the_normalised_text(tmp_path: Path) -> None:
    facts, file_text, _ = _run("全年共受理信访事项１２６件，办结率为９８．４％。", tmp_path)
    assert [(f.surface, f.value, f.indicator) for f in facts] == [
        ("126件", 126, "petitions_total"), ("98.4%", 98.4, "settlement_rate")]
    for fact in facts:
        assert file_text[fact.start : fact.end] == fact.surface


def test_figures_ids_are_sequential_and_relations_point_backwards(tmp_path: Path) -> None:
    facts, _, _ = _run("全年共受理信访事项126件，其中上级交办40件，本级受理86件，同比下降6.2%。", tmp_path)
    assert [f.id for f in facts] == [f"f{n}" for n in range(1, len(facts) + 1)]
    ids = [f.id for f in facts]
    for fact in facts:
        for target in (fact.part_of, fact.refers_to):
            if target is not None:
                assert ids.index(target) < ids.index(fact.id)


@pytest.mark.parametrize(("patterns", "joined"), [
    ((("day", re.compile("每天|每日", re.I)), ("week", re.compile("每周", re.I))), True),
    ((("day", re.compile("every day", re.I)), ("year", re.compile("a year(?! ago)", re.I))), True),
    ((("day", re.compile("每(天)", re.I)),), False),  # a group: a backreference could change meaning
    ((("day", re.compile("每天", re.I)), ("week", re.compile("每周"))), False),  # flags differ
    ((), False),
])
def test_any_of_matches_exactly_when_one_named_pattern_does(patterns, joined: bool) -> None:
    from pipeline.extractors.figures import _any_of

    screen = _any_of(patterns)
    assert (screen is not None) == joined
    if screen is None:
        return
    for text in ("平均每天接待3批", "每周一次", "每月", "EVERY DAY", "a year ago", "once a year", ""):
        assert (screen.search(text) is not None) == any(p.search(text) for _, p in patterns)
