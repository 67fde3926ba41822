"""The report shows a summary's tables as tables, the cells of flagged figures marked."""

from __future__ import annotations

import re

import pytest

from pipeline.process import process_path
from pipeline.report.html import build_report
from pipeline.report.tables_html import tables_section

TEXT = ("清河镇2023年信访工作总结\n全年信访情况如下。\n表1 信访情况\n渠道\t受理（件）\t办结（件）\t办结率\n来信\t14\t14\t100%\n"
        "来访\t38\t37\t95.4%\n合计\t52\t51\t98.1%\n")


@pytest.fixture(scope="module")
def processed(tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "table.txt"
    path.write_text(TEXT, encoding="utf-8")
    return process_path(path, classify=False)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_tables_html_marks_the_cell_of_a_flagged_figure(processed, lang: str) -> None:
    (record,) = processed.records
    html = tables_section(record, lang)
    assert html.count("<table") == 1 and "表1 信访情况" in html
    flagged = re.findall(r'<td class="fig flag sev-error"[^>]*>([^<]*)</td>', html)
    assert flagged == ["95.4%"]  # the rate its row does not give
    assert re.findall(r'<td class="fig inv sev-error"[^>]*>([^<]*)</td>', html) == ["38", "37"]  # its evidence
    assert html.count("<th") == 4 + 3  # the header row and the stub column
    assert re.findall(r'<td class="fig"[^>]*>([^<]*)</td>', html)[:2] == ["14", "14"]


def test_tables_html_is_part_of_the_report_and_absent_without_tables(processed) -> None:
    (record,) = processed.records
    page = build_report([record], {record.source: processed.text})
    assert 'class="st"' in page and "fig flag" in page
    assert tables_section(record.model_copy(update={"tables": ()})) == ""
