"""Township keys: folded traditional characters, kind suffixes in zh and en, aliases, pinyin, in case tables."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.lexicon import load_resource
from pipeline.townships import (TownshipSuffixes, alias_stems, assign_township_keys, pinyin_of, township_keys,
                                township_stem)

STEMS = [
    ("鳳台鎮", "凤台"), ("凤台镇", "凤台"), ("白鷺鎮", "白鹭"), ("凤台乡", "凤台"), ("城关街道", "城关"), ("城关街道办事处", "城关"),
    ("民主民族乡", "民主"), (" 白鹭镇 ", "白鹭"), ("白 鹭镇", "白鹭"),
    ("Bailu Town", "bailu"), ("Bailu Township", "bailu"), ("Bai-lu Town", "bailu"), ("bailu town", "bailu"),
    ("Chengguan Subdistrict", "chengguan"), ("Chengguan Sub-district", "chengguan"), ("Wangjiang Street", "wangjiang"),
    ("Xi'an Street", "xian"),
    # negatives: a suffix alone, or inside a word, is no suffix
    ("镇", "镇"), ("Town", "town"), ("Newtown", "newtown"), ("镇远", "镇远"), ("Townsend", "townsend"),
]


@pytest.mark.parametrize("name, stem", STEMS, ids=[s[0].strip() for s in STEMS])
def test_township_stem(name: str, stem: str) -> None:
    assert township_stem(name) == stem


@pytest.mark.parametrize("name", [None, "", "   "])
def test_township_stem_of_no_name_is_none(name) -> None:
    assert township_stem(name) is None


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_township_resource_examples_give_their_keys(lang: str) -> None:
    examples = load_resource(lang, "townships", TownshipSuffixes).examples
    assert examples
    for example in examples:
        assert township_stem(example.name) == example.key


def test_township_keys_group_a_translation_with_its_original_by_pinyin() -> None:
    pytest.importorskip("pypinyin")
    keys = township_keys(["白鹭镇", "Bailu Town", "鳳台鎮", "凤台镇", "Fengtai Township", "Zishi Township"])
    assert keys["Bailu Town"] == keys["白鹭镇"] == "白鹭"
    assert keys["Fengtai Township"] == keys["鳳台鎮"] == keys["凤台镇"] == "凤台"
    assert keys["Zishi Township"] == "zishi"  # no Chinese name spells zishi: its own key


def test_township_keys_leave_an_ambiguous_pinyin_alone() -> None:
    pytest.importorskip("pypinyin")
    keys = township_keys(["白鹭镇", "百路乡", "Bailu Town"])
    assert keys["Bailu Town"] == "bailu" and keys["白鹭镇"] != keys["百路乡"]


@pytest.mark.parametrize("names, reads", [
    (["白鹭镇", "鳳台鎮", "凤台镇"], False), (["白鹭镇"], False),  # all Chinese: no pinyin is read
    (["白鹭镇", "Bailu Town"], True), (["Bailu Town"], False),  # no Chinese key to spell
])
def test_township_keys_read_pinyin_only_for_a_latin_key(names, reads, monkeypatch) -> None:
    """A cold `check` of Chinese summaries never loads pypinyin (about 0.3 s): only a Latin key needs it."""
    spelled = []
    monkeypatch.setattr("pipeline.townships.pinyin_of", lambda stem: spelled.append(stem) or None)
    keys = township_keys(names)
    assert bool(spelled) is reads
    assert keys == {name: township_stem(name) for name in names}


def test_township_keys_follow_the_alias_table_first() -> None:
    aliases = alias_stems([("白鹭镇", "Egret Town"), ("白鹭镇", "白露镇")])
    keys = township_keys(["白鹭镇", "Egret Town", "白露镇", "Heron Town"], aliases)
    assert keys["Egret Town"] == keys["白露镇"] == keys["白鹭镇"] == "白鹭"
    assert keys["Heron Town"] == "heron"


def test_township_keys_alias_to_a_name_absent_from_the_batch() -> None:
    keys = township_keys(["Egret Town"], alias_stems([("白鹭镇", "Egret Town")]))
    assert keys == {"Egret Town": "白鹭"}


def test_assign_township_keys_sets_every_row() -> None:
    rows = [{"township": "Bailu Town"}, {"township": "白鹭镇"}, {"township": None}]
    assign_township_keys(rows, alias_stems([("白鹭镇", "Bailu Town")]))
    assert [row["township_key"] for row in rows] == ["白鹭", "白鹭", None]


def test_pinyin_of_needs_han_characters_only() -> None:
    pytest.importorskip("pypinyin")
    assert pinyin_of("白鹭") == "bailu"
    assert pinyin_of("绿水") == "lushui"  # ü as u
    assert pinyin_of("bailu") is None and pinyin_of("白鹭A") is None


@given(st.text(max_size=12))
def test_township_stem_never_fails_and_is_stable(name: str) -> None:
    stem = township_stem(name)
    assert stem is None or (stem and township_stem(stem) is not None)
