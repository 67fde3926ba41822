"""Pinyin glosses after characters (鎮(zhèn)): read without them, every offset true in the file."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.glosses import condense
from pipeline.ingest import read_file_text
from pipeline.process import process_file

# written for these tests: a glossed copy of a sentence in the genre
GLOSSED = ("青溪鎮(zhèn)今年共受理群眾來信來訪42件,辦(bàn)結(jié)40件,辦(bàn)結(jié)率達(dá)95.2%。"
           "鎮(zhèn)黨委書記親自包案。")


@pytest.mark.parametrize("text, kept", [
    ("鎮(zhèn)村兩級", "鎮村兩級"),
    ("辦（bàn）結（jié）率", "辦結率"),
    ("網(wǎng)格員", "網格員"),
    ("矛盾(纠纷)排查", None),      # a bracketed word is no gloss
    ("接访(2021年)", None),
    ("方案(a)和方案(b)", None),
    ("the (zhèn) word", None),      # only right after a Chinese character
])
def test_glosses_condense(text: str, kept: str | None) -> None:
    condensed = condense(text)
    if kept is None:
        assert condensed is None
        return
    assert condensed is not None and condensed.text == kept
    assert all(text[condensed.origin[i]] == ch for i, ch in enumerate(condensed.text))


def test_glosses_a_glossed_file_binds_through_the_glosses_and_stays_grounded(tmp_path: Path) -> None:
    path = tmp_path / "glossed.txt"
    path.write_text(GLOSSED, encoding="utf-8")
    (record,) = process_file(path)
    text = read_file_text(path)[0]
    facts = {f.surface: f for f in record.facts}
    assert facts["42件"].indicator == "petitions_total"
    assert facts["40件"].indicator == "cases_settled"
    assert facts["95.2%"].indicator == "settlement_rate"
    for item in (*record.facts, *record.placeholders):
        assert text[item.start : item.end] == item.surface
    for unit in (*record.measures, *record.problems, *record.plans):
        assert text[unit.start : unit.end] == unit.text
    for section in record.sections:
        assert 0 <= section.start < section.end <= len(text)
        if section.heading:
            assert text[section.start : section.start + len(section.heading)] == section.heading
    assert record.township == "青溪鎮"
    assert (record.start, record.end) == (0, len(text))


def test_glosses_the_same_text_without_glosses_gives_the_same_figures(tmp_path: Path) -> None:
    glossed, plain = tmp_path / "glossed.txt", tmp_path / "plain.txt"
    glossed.write_text(GLOSSED, encoding="utf-8")
    plain.write_text(condense(GLOSSED).text, encoding="utf-8")
    project = lambda record: [(f.indicator, f.value, f.kind) for f in record.facts]  # noqa: E731
    assert project(process_file(glossed)[0]) == project(process_file(plain)[0])


SYLLABLES = st.sampled_from(["zhèn", "bàn", "jié", "dá", "wǎng", "lǜ"])


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(list("镇办结率网格受理件")), st.one_of(st.none(), SYLLABLES)),
                min_size=1, max_size=30))
def test_glosses_origin_maps_every_kept_character_back(pieces) -> None:
    text = "".join(ch + (f"({gloss})" if gloss else "") for ch, gloss in pieces)
    condensed = condense(text)
    plain = "".join(ch for ch, _ in pieces)
    if condensed is None:
        assert text == plain
        return
    assert condensed.text == plain
    for i in range(len(plain)):
        assert text[condensed.start(i) : condensed.end(i + 1)].startswith(plain[i])
