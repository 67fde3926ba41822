"""Quantity parsing: golden case tables in both languages, resource examples, numerals, properties."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from pipeline.lexicon import load_resource
from pipeline.numbers import (
    NumberResource,
    _fragments,
    expand,
    find_numbers,
    find_quantities,
    parse_numeral,
)

CASES_DIR = Path(__file__).resolve().parent / "cases"
from seed_location import SEED_PATH  # noqa: E402  (the shared sample, or its copy in tests/data)
LANGS = ("zh", "en")


def _load_cases(lang: str) -> list[tuple[str, dict]]:
    rows = json.loads((CASES_DIR / f"numbers_{lang}.json").read_text(encoding="utf-8"))
    return [(f"{lang}-{i:03d}-{'neg' if not row['expected'] else 'pos'}-{row['text'][:24]}", row)
            for i, row in enumerate(rows)]


CASES = [case for lang in LANGS for case in _load_cases(lang)]


def _resource(lang: str) -> NumberResource:
    return load_resource(lang, "numbers", NumberResource)


def _flags(lang: str) -> int:
    return re.IGNORECASE if _resource(lang).ignore_case else 0


@pytest.mark.parametrize("case_id, row", CASES, ids=[c[0] for c in CASES])
def test_numbers_case_table(case_id: str, row: dict) -> None:
    lang = case_id[:2]
    text = row["text"]
    mentions = find_numbers(text, lang)
    figures = [m for m in mentions if m.role == "figure"]
    assert [m.surface for m in figures] == [e["surface"] for e in row["expected"]], \
        [(m.surface, m.role) for m in mentions]
    for mention, expected in zip(figures, row["expected"]):
        quantity = mention.quantity
        assert quantity is not None and text[quantity.start : quantity.end] == mention.surface
        for key, value in expected.items():
            if key != "surface":
                assert getattr(quantity, key) == value, (mention.surface, key)
    roles = {m.role for m in mentions}
    assert set(row.get("roles", [])) <= roles, [(m.surface, m.role) for m in mentions]


def test_numbers_case_tables_are_large_enough() -> None:
    negatives = sum(1 for _, row in CASES if not row["expected"])
    assert len(CASES) >= 170 and negatives >= 60


PATTERN_ENTRIES = [(lang, entry) for lang in LANGS for entry in _resource(lang).patterns]


@pytest.mark.parametrize("lang, entry", PATTERN_ENTRIES, ids=[f"{l}-{e.name}" for l, e in PATTERN_ENTRIES])
def test_numbers_pattern_example_matches_own_pattern(lang: str, entry) -> None:
    pattern = re.compile(expand(entry.pattern, _fragments(_resource(lang))), _flags(lang))
    assert pattern.search(entry.example), entry.example
    assert entry.role in {m.role for m in find_numbers(entry.example, lang)}


UNIT_ENTRIES = [(lang, entry) for lang in LANGS for entry in _resource(lang).units]


@pytest.mark.parametrize("lang, entry", UNIT_ENTRIES, ids=[f"{l}-{e.unit}-{e.words[0]}" for l, e in UNIT_ENTRIES])
def test_numbers_unit_example_gives_its_unit(lang: str, entry) -> None:
    units = [(q.unit, q.unit_surface) for q in find_quantities(entry.example, lang)]
    assert any(unit == entry.unit for unit, _ in units), units


QUALIFIER_ENTRIES = [(lang, entry) for lang in LANGS for entry in _resource(lang).qualifiers]


@pytest.mark.parametrize("lang, entry", QUALIFIER_ENTRIES,
                         ids=[f"{l}-{e.position}-{e.words[0]}" for l, e in QUALIFIER_ENTRIES])
def test_numbers_qualifier_example_gives_its_qualifier(lang: str, entry) -> None:
    pattern = re.compile(expand(f"{{qualifier_{entry.position}}}", _fragments(_resource(lang))), _flags(lang))
    assert pattern.search(entry.example)
    assert entry.qualifier in {q.qualifier for q in find_quantities(entry.example, lang)}


NUMERALS = [
    ("2,316", "zh", 2316), ("97.4", "zh", 97.4), ("31", "zh", 31), ("三十一", "zh", 31),
    ("二千三百一十六", "zh", 2316), ("十二", "zh", 12), ("两", "zh", 2), ("兩", "zh", 2), ("〇", "zh", 0),
    ("零", "zh", 0), ("一百零五", "zh", 105), ("三万二千", "zh", 32000), ("3万2千", "zh", 32000),
    ("1.5万", "zh", 15000), ("2.3万", "zh", 23000), ("1.2萬", "zh", 12000), ("百分之百", "zh", 100),
    ("百分之九十七点四", "zh", 97.4), ("二〇一九", "zh", 2019), ("二00七", "zh", 2007), ("一亿三千万", "zh", 130000000),
    ("十万", "zh", 100000), ("thirty-one", "en", 31), ("Thirty-One", "en", 31), ("a hundred", "en", 100),
    ("one hundred and five", "en", 105), ("two thousand three hundred and sixteen", "en", 2316),
    ("1.5 million", "en", 1500000), ("2,316", "en", 2316), ("twelve", "en", 12), ("ninety", "en", 90),
]
NOT_NUMERALS = [("abc", "en"), ("one two", "en"), ("hundred", "en"), ("", "zh"), ("件", "zh"), ("1,23", "zh"),
                ("X", "en"), ("三包", "zh")]


@pytest.mark.parametrize("surface, lang, value", NUMERALS, ids=[n[0] for n in NUMERALS])
def test_numbers_parse_numeral_value(surface: str, lang: str, value: float | int) -> None:
    parsed = parse_numeral(surface, lang)
    assert parsed == value and type(parsed) is type(value)


@pytest.mark.parametrize("surface, lang", NOT_NUMERALS, ids=[n[0] or "empty" for n in NOT_NUMERALS])
def test_numbers_parse_numeral_rejects_non_numerals(surface: str, lang: str) -> None:
    assert parse_numeral(surface, lang) is None


def test_numbers_unknown_language_is_an_error() -> None:
    with pytest.raises(ValueError):
        find_numbers("31件", "fr")


def test_numbers_bad_pattern_names_the_entry() -> None:
    data = _resource("zh").model_dump()
    data["patterns"] = data["patterns"] + [{"name": "broken_entry", "role": "year", "pattern": "(", "example": "x"}]
    with pytest.raises(ValidationError, match="broken_entry"):
        NumberResource.model_validate(data)


def test_numbers_pattern_that_could_start_anywhere_is_rejected() -> None:
    data = _resource("zh").model_dump()
    data["patterns"] = [{"name": "anything", "role": "debris", "pattern": ".[0-9]", "example": "a1"}]
    with pytest.raises(ValidationError, match="anything"):
        NumberResource.model_validate(data)


def test_numbers_seed_file_figures_and_non_figures() -> None:
    if not SEED_PATH.is_file():
        pytest.skip(f"seed file not found at {SEED_PATH}")
    text = SEED_PATH.read_text(encoding="utf-8")
    mentions = find_numbers(text, "en")
    figures = [m.surface for m in mentions if m.role == "figure"]
    assert "31 letters and visits" in figures and "more than 100" in figures and "two trainings" in figures
    assert not any(m.role == "figure" and "XX" in text[m.start - 2 : m.end + 2] for m in mentions)
    by_role = {m.surface: m.role for m in mentions}
    assert by_role["National Highway 318"] == "doc_number" and by_role["Route 318"] == "doc_number"
    assert by_role["20XX"] == "placeholder_fragment" and by_role["four-line"] == "slogan"
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.surface


ALPHABET = list("0123456789,.%-～至年月日号件次人名个万亿百千十一二两三四五六七八九零〇成余多近约以上内"
                "（）()、。，：；\n XxabcdefghinoprstuvwAB\"“”《》+*?") + [
    "百分之", "个百分点", "热线", "one", "two", "thirty", "hundred", "percent", "cases", "more than ",
    "people", "within ", "Article ", "No. ", "March ", "20XX", "12345", "三包", "一是", "第"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(ALPHABET), max_size=60).map("".join), st.sampled_from(LANGS))
def test_numbers_mentions_are_sorted_grounded_and_disjoint(text: str, lang: str) -> None:
    mentions = find_numbers(text, lang)
    previous_end = 0
    for mention in mentions:
        assert 0 <= previous_end <= mention.start < mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.surface
        assert (mention.role == "figure") == (mention.quantity is not None)
        if mention.quantity is not None:
            q = mention.quantity
            assert q.start <= q.number_start < q.number_end <= q.end
        previous_end = mention.end


@given(st.integers(min_value=0, max_value=10**7), st.sampled_from(LANGS))
def test_numbers_arabic_integers_round_trip(number: int, lang: str) -> None:
    assert parse_numeral(str(number), lang) == number
    assert parse_numeral(f"{number:,}", lang) == number
