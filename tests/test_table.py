"""Records -> the comparison table and the long table of facts: rows, columns, types, atomic writes."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from pipeline.process import process_path
from pipeline.schema import MEASURE_CATEGORIES, Fact, Finding, Measure, Period, Record
from pipeline.table import FACT_COLUMNS, build_table, record_row, write_facts, write_table

ZH_TEXT = ("青石镇2021年信访工作总结\n\n"
           "今年以来，我镇共受理群众来信来访68件，其中来信12件，来访56件，办结率为98.5%，去年同期为75件。\n")
EN_TEXT = ("Summary of Petition Work of Bailu Town in 2020\n\n"
           "The town accepted 31 letters and visits, and the satisfaction rate was 96%. "
           "The town has 3 full-time petition officers.\n")


def _fact(fact_id: str, indicator: str | None, value, kind: str = "count", **extra) -> Fact:
    return Fact(id=fact_id, indicator=indicator, value=value, kind=kind, start=0, end=1, surface="x", **extra)


def _record(doc_id: str, facts: tuple[Fact, ...] = (), half: int | None = None, **extra) -> Record:
    return Record(doc_id=doc_id, source=f"{doc_id}.txt", part=1, start=0, end=10, language="zh",
                  period=Period(year=2021, half=half, raw="2021年"), facts=facts, **extra)


@pytest.fixture(scope="module")
def pipeline_records(tmp_path_factory: pytest.TempPathFactory) -> list[Record]:
    folder = tmp_path_factory.mktemp("table")
    records = []
    for name, text in (("zh_qingshi.txt", ZH_TEXT), ("en_bailu.txt", EN_TEXT)):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        records.extend(process_path(path, classify=False).records)
    return records


def test_table_one_row_per_record_in_order(pipeline_records) -> None:
    table = build_table(pipeline_records)
    assert len(table) == len(pipeline_records) == 2
    assert list(table["doc_id"]) == [r.doc_id for r in pipeline_records]
    assert list(table["township"]) == ["青石镇", "Bailu Town"]
    assert list(table["language"]) == ["zh", "en"]


def test_table_indicator_columns_hold_current_values(pipeline_records) -> None:
    table = build_table(pipeline_records).set_index("doc_id")
    zh, en = (r.doc_id for r in pipeline_records)
    assert table.loc[zh, "petitions_total"] == 68  # not the previous period's 75
    assert table.loc[zh, "letters"] == 12 and table.loc[zh, "visits"] == 56
    assert table.loc[zh, "settlement_rate"] == pytest.approx(98.5)
    assert table.loc[en, "petitions_total"] == 31
    assert table.loc[en, "satisfaction_rate"] == 96
    assert table.loc[en, "petition_staff"] == 3
    assert pd.isna(table.loc[en, "letters"]) and pd.isna(table.loc[zh, "petition_staff"])


def test_table_indicator_columns_sit_between_sections_and_measures(pipeline_records) -> None:
    columns = list(build_table(pipeline_records).columns)
    indicators = ["letters", "petition_staff", "petitions_total", "satisfaction_rate", "settlement_rate", "visits"]
    start = columns.index("has_plans") + 1
    assert columns[start : start + len(indicators)] == indicators
    assert columns[start + len(indicators)] == "settlement_rate_recomputed"  # beside the stated figures
    assert columns[start + len(indicators) + 1] == f"measures_{MEASURE_CATEGORIES[0]}"
    for fixed in ("doc_id", "source", "part", "township", "year", "half", "period", "language",
                  "problem_categories", "findings_error", "findings_warning", "findings_info", "placeholders"):
        assert fixed in columns


def test_table_integral_columns_are_integers_not_floats(pipeline_records) -> None:
    table = build_table(pipeline_records)
    for column in ("year", "petitions_total", "letters", "visits", "petition_staff", "satisfaction_rate", "part"):
        assert pd.api.types.is_integer_dtype(table[column]), (column, table[column].dtype)
    assert pd.api.types.is_float_dtype(table["settlement_rate"])


def test_table_csv_writes_whole_numbers_without_decimal_point(pipeline_records, tmp_path: Path) -> None:
    path = tmp_path / "out" / "table.csv"
    write_table(pipeline_records, path)
    rows = list(csv.DictReader(path.open(encoding="utf-8-sig")))
    assert [row["doc_id"] for row in rows] == [r.doc_id for r in pipeline_records]
    assert rows[0]["year"] == "2021" and rows[0]["petitions_total"] == "68" and rows[0]["settlement_rate"] == "98.5"
    assert rows[1]["letters"] == "" and rows[1]["satisfaction_rate"] == "96"
    assert not any(value.endswith(".0") for row in rows for value in row.values())


def test_table_skips_previous_period_share_and_change_facts() -> None:
    record = _record("a#1", (
        _fact("f1", "petitions_total", 75, scope="previous_period"),
        _fact("f2", "petitions_total", -6.2, kind="change", unit="percent", refers_to="f3"),
        _fact("f3", "petitions_total", 70),
        _fact("f4", "petitions_total", 99),  # a second mention: the first one is kept
        _fact("f5", None, 40),
    ))
    row = record_row(record)
    assert row["petitions_total"] == 70
    assert all(isinstance(column, str) for column in row)


@pytest.mark.parametrize("lang, text", [
    ("zh", "一、工作情况\n全年组织信访业务培训3次。\n二、下步打算\n全年组织培训不少于4次。\n"),
    ("en", "I. Work done\nThe town held 3 trainings.\nII. Plans for next year\nHold at least 4 trainings next year.\n"),
    ("zh", "今年力争组织培训4次，全年组织信访业务培训3次。"),
    ("en", "The town aims to hold 4 trainings; it held 3 trainings this year."),
], ids=["zh_plans_section", "en_plans_section", "zh_target_cue", "en_target_cue"])
def test_table_leaves_out_targets(tmp_path: Path, lang: str, text: str) -> None:
    path = tmp_path / f"{lang}.txt"
    path.write_text(text, encoding="utf-8")
    [record] = process_path(path, classify=False).records
    trainings = sorted((fact.value, fact.scope) for fact in record.facts if fact.indicator == "trainings")
    assert trainings == [(3, None), (4, "target")]  # both are facts of the record
    assert record_row(record)["trainings"] == 3


@pytest.mark.parametrize("lang, text", [("zh", "力争明年组织信访业务培训4次。"),
                                        ("en", "The town aims to hold 4 trainings next year.")], ids=["zh", "en"])
def test_table_a_target_alone_gives_no_value(tmp_path: Path, lang: str, text: str) -> None:
    path = tmp_path / f"{lang}.txt"
    path.write_text(text, encoding="utf-8")
    [record] = process_path(path, classify=False).records
    assert [(f.indicator, f.scope) for f in record.facts] == [("trainings", "target")]
    assert "trainings" not in record_row(record)


def test_table_prefers_a_count_to_a_frequency_of_the_same_indicator() -> None:
    record = _record("a#1", (
        _fact("f1", "disputes_screened", 1, kind="frequency", per="week"),
        _fact("f2", "disputes_screened", 236),
        _fact("f3", "meetings", 2, kind="frequency", per="month"),
    ))
    row = record_row(record)
    assert row["disputes_screened"] == 236 and row["meetings"] == 2  # a frequency alone still shows


def test_table_half_and_sparse_indicators_stay_integral() -> None:
    records = [_record("a#1", (_fact("f1", "petitions_total", 10),), half=1),
               _record("b#1", (_fact("f1", "letters", 3),), half=None)]
    table = build_table(records)
    assert str(table["half"].dtype) == "Int64" and str(table["petitions_total"].dtype) == "Int64"
    assert table["half"].tolist()[0] == 1 and pd.isna(table["half"].tolist()[1])


def test_table_counts_measures_findings_and_placeholders() -> None:
    record = _record(
        "a#1",
        measures=(Measure(id="m1", text="x", start=0, end=1, categories=("reception", "coordination")),
                  Measure(id="m2", text="y", start=1, end=2, categories=("reception",))),
        findings=(Finding(rule="placeholder", severity="error", message="m", start=0, end=1),
                  Finding(rule="missing-section", severity="warning", message="m", start=0, end=1)),
    )
    row = record_row(record)
    assert row["measures_reception"] == 2 and row["measures_coordination"] == 1 and row["measures_training_staff"] == 0
    assert (row["findings_error"], row["findings_warning"], row["findings_info"]) == (1, 1, 0)
    assert row["placeholders"] == 0


def test_table_empty_batch_gives_an_empty_table() -> None:
    assert build_table([]).empty


def test_facts_csv_has_the_fact_columns_one_row_per_fact(pipeline_records, tmp_path: Path) -> None:
    path = tmp_path / "facts.csv"
    write_facts(pipeline_records, path)
    with path.open(encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames) == FACT_COLUMNS
        rows = list(reader)
    facts = [(r.doc_id, f) for r in pipeline_records for f in r.facts]
    assert len(rows) == len(facts)
    for row, (doc_id, fact) in zip(rows, facts):
        assert (row["doc_id"], row["id"], row["surface"]) == (doc_id, fact.id, fact.surface)
        assert (int(row["start"]), int(row["end"])) == (fact.start, fact.end)
        assert row["part_of"] == (fact.part_of or "") and row["scope"] == (fact.scope or "")


def test_facts_csv_joins_flags_with_semicolons(tmp_path: Path) -> None:
    record = _record("a#1", (_fact("f1", "settlement_rate", 96, kind="rate", unit="percent",
                                   flags=("percent_sign_missing", "complete_breakdown")),))
    path = tmp_path / "facts.csv"
    write_facts([record], path)
    [row] = list(csv.DictReader(path.open(encoding="utf-8-sig")))
    assert row["fact_flags"] == "percent_sign_missing;complete_breakdown"


def test_facts_csv_of_no_records_has_only_the_header(tmp_path: Path) -> None:
    path = tmp_path / "facts.csv"
    write_facts([], path)
    assert path.read_text(encoding="utf-8") == "\ufeff" + ",".join(FACT_COLUMNS) + "\n"


def test_facts_csv_writes_whole_values_without_decimal_point(pipeline_records, tmp_path: Path) -> None:
    path = tmp_path / "facts.csv"
    write_facts(pipeline_records, path)
    values = {row["surface"]: row["value"] for row in csv.DictReader(path.open(encoding="utf-8-sig"))}
    assert values["68件"] == "68" and values["98.5%"] == "98.5"


@pytest.mark.parametrize("writer", [write_table, write_facts], ids=["table", "facts"])
def test_table_writes_are_atomic(writer, pipeline_records, tmp_path: Path, monkeypatch) -> None:
    import pipeline.table

    path = tmp_path / "out.csv"
    path.write_text("previous content\n", encoding="utf-8")

    def broken(self, target, *args, **kwargs):
        Path(target).write_text("half a tab", encoding="utf-8")
        raise OSError("disk full")

    def broken_rows(records):  # facts.csv is streamed: the disk fills after the first rows
        yield from list(original_rows(records))[:2]
        raise OSError("disk full")

    original_rows = pipeline.table.fact_rows
    monkeypatch.setattr(pd.DataFrame, "to_csv", broken)
    monkeypatch.setattr(pipeline.table, "fact_rows", broken_rows)
    with pytest.raises(OSError, match="disk full"):
        writer(pipeline_records, path)
    assert path.read_text(encoding="utf-8") == "previous content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"], "no temporary file is left behind"


@pytest.mark.parametrize("writer", [write_table, write_facts], ids=["table", "facts"])
def test_table_writes_create_missing_folders_and_replace_files(writer, pipeline_records, tmp_path: Path) -> None:
    path = tmp_path / "new" / "folder" / "out.csv"
    writer(pipeline_records, path)
    first = path.read_text(encoding="utf-8")
    writer(pipeline_records[:1], path)
    assert path.read_text(encoding="utf-8") != first
    assert sorted(p.name for p in path.parent.iterdir()) == ["out.csv"]


def test_facts_csv_is_written_as_pandas_writes_it_awkward_cells_included(pipeline_records, tmp_path: Path) -> None:
    awkward = _record("b#1", (_fact("f1", "petitions_total", 12.5, subject='来信, "重复"\n访', unit="case"),
                              Fact(id="f2", indicator=None, value=3, kind="count", start=0, end=1, surface="3,000"),
                              _fact("f3", "population", 2**53 + 1)))  # an int no float holds exactly
    records = [*pipeline_records, awkward]
    path = tmp_path / "facts.csv"
    write_facts(iter(records), path)  # any iterable: the rows are streamed
    rows = []
    for record in records:
        for fact in record.facts:
            row = {"doc_id": record.doc_id, "source": record.source, **fact.model_dump()}
            row["fact_flags"] = ";".join(row.pop("flags"))
            row["value"] = str(int(fact.value)) if float(fact.value).is_integer() else repr(float(fact.value))
            rows.append(row)
    expected = pd.DataFrame(rows, columns=list(FACT_COLUMNS)).to_csv(index=False, lineterminator="\n")
    assert path.read_text(encoding="utf-8") == "\ufeff" + expected
