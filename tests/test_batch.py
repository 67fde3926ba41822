"""ParkedBatch: records parked on disk come back with the same findings as the in-memory batch."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.batch import ParkedBatch
from pipeline.engine import FileResult
from pipeline.errors import EmptyFileError
from pipeline.process import ProcessedFile, process_path, with_batch_findings

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
ZH_COPIES = ("zh_baiyang_2021_annual.txt", "zh_qingshui_2021_annual.txt", "zh_anxi_2020_h1.txt")
EN = "en_gaopo_2018_annual.txt"


def _en_copy(folder: Path) -> Path:
    """An English summary copied with every figure changed: a template copy in English."""
    text = process_path(CORPUS / EN, classify=False).text  # the file itself is UTF-16
    path = folder / "en_gaopo_copy.txt"
    path.write_text(re.sub(r"\d+", lambda m: str(int(m.group()) + 1), text), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def processed(tmp_path_factory) -> list[ProcessedFile]:
    folder = tmp_path_factory.mktemp("copies")
    paths = [CORPUS / name for name in ZH_COPIES] + [CORPUS / EN, _en_copy(folder)]
    return [process_path(path) for path in paths]


def _result(item: ProcessedFile, status: str = "processed") -> FileResult:
    return FileResult(item.path, str(item.path), "digest", status, item)


def _unreadable() -> FileResult:
    return FileResult(Path("empty.txt"), "empty.txt", "digest", "error", None,
                      EmptyFileError("the file is empty", "empty.txt"))


def test_parked_batch_gives_the_records_the_in_memory_batch_gives_zh_and_en(processed, tmp_path: Path) -> None:
    expected = with_batch_findings(processed)
    results = [_result(processed[0]), _unreadable(), *(_result(item) for item in processed[1:])]
    with ParkedBatch(tmp_path) as batch:
        for result in results:
            batch.add(result)
        batch.finish()
        assert len(batch) == len(results)
        assert batch.document_counts() == [1, 0, 1, 1, 1, 1]
        assert [r.status for r in batch.statuses()] == ["processed", "error", *["processed"] * 4]
        assert all(r.file is None for r in batch.statuses())  # the records are on disk
        got = list(batch.results())
        assert batch.result(3) == got[3]  # any file again, in any order
    assert got[1] == results[1]  # an unreadable file passes through
    readable = [got[0], *got[2:]]
    assert [r.records for r in readable] == [item.records for item in expected]
    assert [r.file.text for r in readable] == [item.text for item in expected]
    copies = {r.language for item in expected for r in item.records for f in r.findings if f.rule == "template-copy"}
    assert copies == {"zh", "en"}  # the comparison is exercised in both languages
    assert list(tmp_path.iterdir()) == []  # the parked records leave nothing behind


def test_parked_batch_of_stored_files_finds_copies_among_them(processed) -> None:
    """Skipped files (records from the store) take part in the batch findings like processed ones."""
    expected = with_batch_findings(processed[:2])
    with ParkedBatch() as batch:
        batch.add(_result(processed[0], "skipped"))
        batch.add(_result(processed[1]))
        batch.finish()
        got = [result.records for result in batch.results()]
    assert got == [item.records for item in expected]
    assert any(f.rule == "template-copy" for f in got[0][0].findings)


def test_parked_batch_refuses_misuse(processed) -> None:
    with ParkedBatch() as batch:
        batch.add(_result(processed[0]))
        with pytest.raises(RuntimeError, match="not finished"):
            batch.result(0)
        batch.finish()
        with pytest.raises(RuntimeError, match="finished"):
            batch.add(_result(processed[1]))


def test_parked_batch_keeps_little_of_each_record(processed) -> None:
    """What stays in memory per summary is the batch view, far smaller than the record."""
    import pickle

    from pipeline.checks import batch_view

    for item in processed:
        record = item.records[0]
        assert len(pickle.dumps(batch_view(record))) * 5 < len(pickle.dumps(record))


def test_parked_batch_of_no_file_is_empty() -> None:
    with ParkedBatch() as batch:
        batch.finish()
        assert list(batch.results()) == [] and batch.document_counts() == []


def test_parked_batch_result_is_a_copy_of_the_added_one(processed) -> None:
    with ParkedBatch() as batch:
        added = _result(processed[3])
        batch.add(added)
        batch.finish()
        back = batch.result(0)
    assert replace(back, file=None) == replace(added, file=None)
