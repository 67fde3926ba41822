"""The streamed outputs of `run`: sheet rows parked on disk, files replaced only when the batch is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cli.outputs
from cli.outputs import RowSpool, StreamedOutputs
from pipeline.engine import FileResult
from pipeline.process import process_path

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
CELLS = st.one_of(st.none(), st.integers(), st.floats(allow_nan=False), st.text(max_size=12))


@settings(max_examples=60, deadline=None)
@given(batches=st.lists(st.lists(st.lists(CELLS, max_size=4), max_size=7), max_size=6),
       chunk=st.integers(min_value=1, max_value=5))
def test_row_spool_gives_back_every_row_in_order(batches, chunk, tmp_path_factory) -> None:
    folder = tmp_path_factory.mktemp("spool")
    previous, cli.outputs.SPOOL_CHUNK = cli.outputs.SPOOL_CHUNK, chunk
    try:
        spool = RowSpool(folder)
        for rows in batches:
            spool.add(iter(rows))
        expected = [row for rows in batches for row in rows]
        assert list(spool) == expected
        assert list(spool) == expected  # read twice, same rows
        spool.close()
    finally:
        cli.outputs.SPOOL_CHUNK = previous
    assert list(folder.iterdir()) == []


@pytest.fixture(scope="module")
def results() -> list[FileResult]:
    paths = [CORPUS / "zh_anxi_2020_h1.txt", CORPUS / "en_cuiping_2017_h1.txt"]
    return [FileResult(p, str(p), "digest", "processed", process_path(p)) for p in paths]


def test_streamed_outputs_write_every_record_on_commit_zh_and_en(results, tmp_path: Path) -> None:
    outputs = StreamedOutputs(tmp_path, workbook=True, report=True)
    for index, result in enumerate(results):
        assert outputs.add(index, result) is result
    assert not (tmp_path / "records.jsonl").exists()  # nothing replaced before the commit
    outputs.commit()
    records = [r for result in results for r in result.records]
    assert (tmp_path / "records.jsonl").read_text(encoding="utf-8") == "".join(r.to_json() + "\n" for r in records)
    assert [s.doc_id for s in outputs.summaries] == [r.doc_id for r in records]
    assert outputs.positions == [(0, 0), (1, 0)]
    assert len(list(outputs.fact_rows)) == sum(len(r.facts) for r in records)
    assert sum(outputs.severity.values()) == sum(len(r.findings) for r in records)
    outputs.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["facts.csv", "findings.jsonl", "records.jsonl"]


def test_streamed_outputs_abort_leaves_the_old_files(results, tmp_path: Path) -> None:
    for name in ("records.jsonl", "findings.jsonl", "facts.csv"):
        (tmp_path / name).write_text("old\n", encoding="utf-8")
    outputs = StreamedOutputs(tmp_path, workbook=True, report=False)
    outputs.add(0, results[0])
    outputs.abort(RuntimeError("the store failed"))
    assert {p.name: p.read_text(encoding="utf-8") for p in tmp_path.iterdir()} == \
        {"records.jsonl": "old\n", "findings.jsonl": "old\n", "facts.csv": "old\n"}


def test_streamed_outputs_keep_only_what_the_installed_writers_need(results, tmp_path: Path) -> None:
    outputs = StreamedOutputs(tmp_path, workbook=False, report=False)
    outputs.add(0, results[0])
    assert outputs.summaries is None and outputs.marks is None and outputs.fact_rows is None
    assert len(outputs.rows) == 1
    outputs.commit()
    outputs.close()


def _written(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("parquet", [False, True])
def test_facts_written_first_give_the_same_files_and_sheet_rows(results, tmp_path: Path, parquet: bool) -> None:
    made = {}
    for facts_first in (False, True):
        folder = tmp_path / str(facts_first)
        folder.mkdir()
        outputs = StreamedOutputs(folder, workbook=True, report=False, parquet=parquet, facts_first=facts_first)
        if facts_first:
            for result in results:
                outputs.add_facts(result.records)
        for index, result in enumerate(results):
            outputs.add(index, result)
        outputs.commit()
        made[facts_first] = (_written(folder), list(outputs.fact_rows))
        outputs.close()
    assert made[True] == made[False]
    assert made[True][1] and b"fact_flags" in made[True][0]["facts.csv"]


def test_facts_first_leaves_the_facts_out_of_add(results, tmp_path: Path) -> None:
    outputs = StreamedOutputs(tmp_path, workbook=True, report=False, facts_first=True)
    outputs.add(0, results[0])
    assert list(outputs.fact_rows) == []
    outputs.commit()
    outputs.close()
    assert (tmp_path / "facts.csv").read_text(encoding="utf-8-sig").count("\n") == 1  # the header alone


def test_json_of_gives_the_line_written_for_the_last_file_and_makes_any_other(results, tmp_path: Path) -> None:
    outputs = StreamedOutputs(tmp_path, workbook=False, report=False)
    outputs.add(0, results[0])
    last, other = results[0].records[0], results[1].records[0]
    line = outputs.json_of(last)
    assert line is outputs._jsons[id(last)][1] and line == last.to_json()
    assert outputs.json_of(other) == other.to_json()
    outputs.add(1, results[1])
    assert outputs.json_of(last) == last.to_json() and id(last) not in outputs._jsons
    outputs.commit()
    outputs.close()


def test_late_outputs_open_with_the_first_facts_and_abort_only_what_was_opened(results, tmp_path: Path) -> None:
    from cli.outputs import LateOutputs

    made: list[StreamedOutputs] = []

    def make() -> StreamedOutputs:
        made.append(StreamedOutputs(tmp_path, workbook=False, report=False, facts_first=True))
        return made[-1]

    never = LateOutputs(make)
    never.abort(RuntimeError("stopped before any file"))
    assert made == [] and list(tmp_path.iterdir()) == []
    late = LateOutputs(make)
    late.add_facts(results[0].records)
    late.add_facts(results[1].records)
    assert len(made) == 1 and late.opened() is made[0]
    late.abort(RuntimeError("stopped"))
    assert list(tmp_path.iterdir()) == []


def test_facts_parquet_opens_its_writer_with_the_first_row_group(results, tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    from pipeline.parquet import FactsParquet

    writer = FactsParquet(tmp_path / "facts.parquet")
    writer.add(results[0].records)
    assert writer._writer is None and not (tmp_path / "facts.parquet").exists()
    writer.close()
    assert pq.read_table(tmp_path / "facts.parquet").num_rows == len(results[0].records[0].facts)
    empty = FactsParquet(tmp_path / "empty.parquet")
    empty.close()
    assert pq.read_table(tmp_path / "empty.parquet").num_rows == 0


def test_the_fact_rows_made_once_are_left_as_made_by_every_writer(results, tmp_path: Path, monkeypatch) -> None:
    pytest.importorskip("pyarrow")
    import copy
    import io

    import pyarrow.parquet as pq

    from pipeline import parquet
    from pipeline.table import FACT_COLUMNS, FactsCsv, fact_rows

    records = [record for result in results for record in result.records]
    rows = list(fact_rows(records))
    made = copy.deepcopy(rows)
    monkeypatch.setattr(parquet, "ROW_GROUP", 2)  # several row groups, each flushed from the shared rows
    writer = parquet.FactsParquet(tmp_path / "facts.parquet")
    shared, own = io.StringIO(), io.StringIO()
    csv_writer = FactsCsv(shared)
    for n in range(0, len(rows), 3):
        writer.add_rows(rows[n:n + 3])
        csv_writer.add_rows(rows[n:n + 3])
    writer.close()
    FactsCsv(own).add(records)
    assert rows == made and len(rows) > 4
    assert shared.getvalue() == own.getvalue()
    table = pq.read_table(tmp_path / "facts.parquet")
    flags = FACT_COLUMNS.index("fact_flags")
    assert pq.ParquetFile(tmp_path / "facts.parquet").metadata.num_row_groups > 1
    assert [list(row.values()) for row in table.to_pylist()] == \
        [[*row[:flags], row[flags].split(";") if row[flags] else [], *row[flags + 1:]] for row in made]
