"""Table figures: each numeric cell bound by its row and column headers (case tables in zh and en, negatives included)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pipeline.extractors.table_figures import read_table
from pipeline.extractors.table_layout import TableCueFile, header_unit, read_layout, table_cues
from pipeline.lexicon import load_resource
from pipeline.numbers import find_quantities
from pipeline.process import process_path
from pipeline.tables import find_tables

CASES = Path(__file__).resolve().parents[1] / "cases"


def _cases(lang: str) -> list[dict]:
    return json.loads((CASES / f"table_headers_{lang}.json").read_text(encoding="utf-8"))


def _figures(text: str, lang: str, year: int | None) -> dict[str, tuple]:
    """cell "row,column" -> (indicator, kind, scope, part_of cell, refers_to cell, value)."""
    found = {}
    for table in find_tables(text):
        read = read_table(table, text, lang, year)
        if read is None:
            continue
        _, figures = read
        cell = lambda index: None if index is None else f"{figures[index].row},{figures[index].column}"  # noqa: E731
        for figure in figures:
            found[f"{figure.row},{figure.column}"] = (figure.indicator, figure.kind, figure.scope,
                                                      cell(figure.part_of), cell(figure.refers_to), figure.value)
    return found


@pytest.mark.parametrize(("lang", "case"), [(lang, case) for lang in ("zh", "en") for case in _cases(lang)],
                         ids=[f"{lang}-{case['name']}" for lang in ("zh", "en") for case in _cases(lang)])
def test_table_figures_bind_cells_by_their_headers(lang: str, case: dict) -> None:
    found = _figures(case["text"], lang, case.get("year"))
    if not case["expect"]:
        assert found == {}  # a table of words: no figure at all
    for field, position in (("expect", 0), ("kinds", 1), ("scopes", 2), ("parts", 3), ("refers", 4), ("values", 5)):
        for cell, wanted in case.get(field, {}).items():
            assert cell in found, f"{case['name']}: no figure in cell {cell}"
            assert found[cell][position] == wanted, f"{case['name']}: cell {cell} {field} {found[cell]}"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_table_figures_resource_examples_give_their_roles_and_units(lang: str) -> None:
    raw = load_resource(lang, "tables", TableCueFile)
    cues = table_cues(lang)
    for example in raw.examples:
        if example.unit is not None:
            word = "1" + example.unit if lang == "zh" else "1 " + example.unit
            assert header_unit(example.header, lang, cues) == find_quantities(word, lang)[0].unit, example
        if example.role is not None:
            text = f"{example.header}\t{example.header}\n{example.header}\t12\nX\t3"
            layout = read_layout(find_tables(text)[0], text, lang, 2023)
            roles = {line.role for line in (*layout.rows.values(), *layout.columns.values())}
            assert example.role in roles, (example, roles)
    for pattern in (raw.total, raw.change, raw.share, raw.year, raw.target, raw.current, raw.percent, raw.blank,
                    raw.minus, raw.caption, *raw.unit):
        re.compile(pattern)


@pytest.mark.parametrize(("lang", "text", "rule"), [
    ("zh", "渠道\t受理（件）\t办结（件）\t办结率\n来信\t14\t14\t100%\n来访\t38\t37\t95.4%\n合计\t52\t51\t98.1%", "rate-mismatch"),
    ("en", "| Channel | Accepted (cases) | Settled (cases) | Settlement rate |\n| Letters | 14 | 14 | 100% |\n"
           "| Visits | 38 | 37 | 95.4% |\n| Total | 52 | 51 | 98.1% |", "rate-mismatch"),
], ids=["zh", "en"])
def test_table_figures_a_rate_is_checked_against_the_counts_of_its_row(tmp_path: Path, lang: str, text: str,
                                                                     rule: str) -> None:
    opening = "清河镇2023年信访工作总结\n全年信访情况如下。\n" if lang == "zh" else \
        "Qinghe Town: Summary of Petition Work in 2023\nThe petitions of the year were as follows.\n"
    path = tmp_path / "summary.txt"
    path.write_text(opening + text + "\n", encoding="utf-8")
    (record,) = process_path(path, classify=False).records
    flagged = [f for f in record.findings if f.rule == rule]
    assert len(flagged) == 1 and "95.4" in flagged[0].message and "37/38" in flagged[0].message
    rate = next(f for f in record.facts if f.id == flagged[0].facts[0])
    assert rate.surface == "95.4%"
    # the other rows hold: their rates recompute (14/14, 51/52), and the total row is not flagged twice
    sound = path.read_text(encoding="utf-8").replace("95.4%", "97.4%")
    path.write_text(sound, encoding="utf-8")
    (record,) = process_path(path, classify=False).records
    assert not [f for f in record.findings if f.rule == rule]


def test_table_figures_offsets_of_every_cell_and_figure_are_true(tmp_path: Path) -> None:
    text = ("清河镇2023年信访工作总结\n表1 信访情况\n| 渠道 | 件数 | 占比 |\n|---|---|---|\n| 来信 | 14 | 19.4% |\n"
            "| 来访 | 58 | 80.6% |\n| 合计 | 72 | 100% |\n")
    path = tmp_path / "pipes.txt"
    path.write_text(text, encoding="utf-8")
    processed = process_path(path, classify=False)
    (record,) = processed.records
    (table,) = record.tables
    assert table.caption == "表1 信访情况" and (table.rows, table.columns, table.header_rows) == (4, 3, 1)
    for cell in table.cells:
        assert processed.text[cell.start:cell.end] == cell.text
    in_table = [f for f in record.facts if table.start <= f.start < table.end]
    assert [f.surface for f in in_table] == ["14", "19.4%", "58", "80.6%", "72", "100%"]
    for fact in record.facts:
        assert processed.text[fact.start:fact.end] == fact.surface
    assert not [f for f in record.findings if f.severity == "error"]


@pytest.mark.parametrize(("lang", "before", "prose"), [
    ("zh", "", "全年受理信访52件，其中来信14件，来访38件。"),
    ("zh", "| 渠道 | 件数 |\n|---|---|\n| 来信 | 14 |\n| 来访 | 38 |\n", "全年受理信访52件，其中来信14件，来访38件。"),
    ("en", "", "The town accepted 52 petitions, of which 14 were letters and 38 were visits."),
    ("en", "| Channel | Cases |\n|---|---|\n| Letters | 14 |\n| Visits | 38 |\n",
     "The town accepted 52 petitions, of which 14 were letters and 38 were visits."),
], ids=["zh-prose", "zh-table-first", "en-prose", "en-table-first"])
def test_table_figures_number_prose_facts_after_the_tables_before_them(tmp_path: Path, lang: str, before: str,
                                                                       prose: str) -> None:
    title = "清河镇2023年信访工作总结\n" if lang == "zh" else "Qinghe Town: Summary of Petition Work in 2023\n"
    path = tmp_path / "summary.txt"
    path.write_text(title + before + prose + "\n", encoding="utf-8")
    (record,) = process_path(path, classify=False).records
    assert [f.id for f in record.facts] == [f"f{n}" for n in range(1, len(record.facts) + 1)]
    by_id = {f.id: f for f in record.facts}
    text = path.read_text(encoding="utf-8")
    prose_facts = [f for f in record.facts if f.start >= text.index(prose)]
    assert [f.value for f in prose_facts] == [52, 14, 38]
    total = prose_facts[0]
    # the parts point at the prose total under its final number, the table's figures numbered first
    assert [by_id[f.part_of].value if f.part_of else None for f in prose_facts] == [None, 52, 52]
    assert total.id == f"f{len(record.facts) - 2}"
