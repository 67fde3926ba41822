"""Finding tables in a text: tab rows, pipe rows, markdown rules, captions; prose is no table."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.tables import find_tables


def test_tables_tab_rows_are_a_table_with_every_cell_spanned() -> None:
    text = "表1 信访情况\n渠道\t件数\n来信\t14\n来访\t58\n全年受理72件。"
    (table,) = find_tables(text)
    assert [[c.text for c in row] for row in table.rows] == [["渠道", "件数"], ["来信", "14"], ["来访", "58"]]
    assert table.caption is not None and text[slice(*table.caption)] == "表1 信访情况"
    assert all(text[c.start:c.end] == c.text for row in table.rows for c in row)


def test_tables_pipe_rows_with_a_markdown_rule() -> None:
    text = "| Channel | Number |\n|---|:---:|\n| Letters | 14 |\n| Visits |  |\n"
    (table,) = find_tables(text)
    assert [[c.text for c in row] for row in table.rows] == [["Channel", "Number"], ["Letters", "14"], ["Visits", ""]]
    blank = table.rows[2][1]
    assert blank.start == blank.end  # an empty cell keeps its place


def test_tables_short_rows_are_padded_and_a_leading_blank_cell_kept() -> None:
    text = "\t2022年\t2023年\n信访总量\t96\t86\n集体访\t5"
    (table,) = find_tables(text)
    assert table.width == 3 and [c.text for c in table.rows[0]] == ["", "2022年", "2023年"]
    assert [c.text for c in table.rows[2]] == ["集体访", "5", ""]


@pytest.mark.parametrize("text", [
    "\t全年共受理群众信访事项86件。\n\t已办结84件，办结率97.7%。",  # paragraphs indented with a tab
    "渠道\t件数",  # one row
    "首页 | 新闻 | 联系我们",  # a site's menu, not between pipes
    "来信\t" + "很长的说明文字" * 20 + "\n来访\t" + "很长的说明文字" * 20,  # prose cells
], ids=["indented-prose", "one-row", "menu", "long-cells"])
def test_tables_prose_is_no_table(text: str) -> None:
    assert find_tables(text) == []


def test_tables_a_sentence_before_a_table_is_no_caption() -> None:
    text = "受理和办理情况见下表。\n渠道\t件数\n来信\t14"
    (table,) = find_tables(text)
    assert table.caption is None


@given(st.lists(st.lists(st.text(alphabet="信访12 .%|", max_size=6), min_size=1, max_size=4), min_size=1, max_size=6),
       st.sampled_from(["\t", " | "]))
@settings(max_examples=150, deadline=None)
def test_tables_every_cell_span_is_its_text(rows: list[list[str]], separator: str) -> None:
    wrap = (lambda cells: "| " + separator.join(cells) + " |") if separator != "\t" else separator.join
    text = "\n".join(wrap(cells) for cells in rows)
    for table in find_tables(text):
        widths = {len(row) for row in table.rows}
        assert len(widths) == 1
        for row in table.rows:
            for cell in row:
                assert text[cell.start:cell.end] == cell.text and cell.text == cell.text.strip()
