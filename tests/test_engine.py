"""process_many: input order, errors as results, stored files skipped, Dask equal to local."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import engine as engine_module
from pipeline import tasks as tasks_module
from pipeline.engine import FileResult, Job, _Deferred, _ordered, chunk_size_for, content_hash, process_many
from pipeline.errors import ConfigError
from pipeline.process import ProcessedFile

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
SUBSET = ("en_cuiping_2017_h1.txt", "zh_anxi_2020_h1.txt", "zh_xinzhai_2017_annual.txt")


def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*.txt"))


def record_lines(results: list[FileResult]) -> list[str]:
    return [record.to_json() for result in results for record in result.records]


@pytest.fixture(scope="module")
def local_corpus() -> list[FileResult]:
    return list(process_many(corpus_files()))


@pytest.fixture
def mixed(tmp_path: Path) -> list[Path]:
    """Good summaries with an empty file, a binary file and a missing path between them."""
    empty, binary = tmp_path / "empty.txt", tmp_path / "binary.txt"
    empty.write_bytes(b"")
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" * 20)
    good = [CORPUS / name for name in SUBSET]
    return [good[0], empty, good[1], tmp_path / "missing.txt", binary, good[2]]


def test_process_many_yields_one_result_per_path_in_input_order(mixed: list[Path]) -> None:
    results = list(process_many(mixed))
    assert [r.path for r in results] == mixed
    assert [r.status for r in results] == ["processed", "error", "processed", "error", "error", "processed"]
    assert [r.error.code for r in results if r.error] == ["E102", "E101", "E103"]
    assert all(r.error.path == str(r.path) for r in results if r.error)
    assert all(rec.source == str(r.path) for r in results for rec in r.records)


def test_process_many_hashes_file_bytes_and_not_missing_paths(mixed: list[Path]) -> None:
    results = {r.path: r for r in process_many(mixed)}
    good = CORPUS / SUBSET[0]
    assert results[good].content_hash == content_hash(good.read_bytes())
    assert results[mixed[3]].content_hash is None


def test_process_many_skips_files_the_lookup_returns(mixed: list[Path]) -> None:
    stored = ProcessedFile(mixed[0], "stored text", ())
    asked: list[tuple[str, str]] = []

    def skip(source: str, digest: str, *_):
        asked.append((source, digest))
        return stored if source == str(mixed[0]) else None

    results = list(process_many(mixed, skip=skip))
    assert results[0].status == "skipped" and results[0].file is stored
    assert results[2].status == "processed"
    assert (str(mixed[0]), content_hash(mixed[0].read_bytes())) in asked
    assert str(mixed[3]) not in [source for source, _ in asked]  # a missing path has no hash to look up


def test_process_many_reports_an_extractor_crash_as_an_error_result(monkeypatch, mixed: list[Path]) -> None:
    def broken(path, source=None, config=None, classify=True, data=None, doc_base=None, limits=None):
        raise RuntimeError("boom")

    monkeypatch.setattr(tasks_module, "process_path", broken)
    results = list(process_many([CORPUS / SUBSET[0]]))
    assert results[0].status == "error" and results[0].error.code == "E000"
    assert "boom" in results[0].error.message


def test_ordered_keeps_order_when_skipped_files_run_ahead_of_a_partial_chunk(tmp_path: Path) -> None:
    paths = []
    for n in range(12):
        path = tmp_path / f"f{n:02}.txt"
        path.write_text(f"file {n}", encoding="utf-8")
        paths.append(path)
    processed_odd = {str(p) for p in paths[1::4]}  # most files are "stored", a few are processed
    sent: list[list[str]] = []

    def skip(source: str, _digest: str, *_):
        return None if source in processed_odd else ProcessedFile(Path(source), "stored", ())

    def submit(jobs: list[Job]):
        sent.append([job.source for job in jobs])
        return _Deferred(lambda: [("ok", job.data.decode(), ()) for job in jobs])

    results = list(_ordered(paths, skip, submit, chunk_size=2, window=1))
    assert [r.path for r in results] == paths
    assert [r.file.text for r in results if r.status == "processed"] == ["file 1", "file 5", "file 9"]
    assert sorted(source for chunk in sent for source in chunk) == sorted(processed_odd)


def test_chunk_size_for_gives_about_four_chunks_per_worker() -> None:
    assert chunk_size_for(40, 2) == 5
    assert chunk_size_for(3, 8) == 1
    assert chunk_size_for(100_000, 2) == engine_module.MAX_CHUNK


def test_process_many_rejects_an_unknown_engine() -> None:
    with pytest.raises(ValueError, match="unknown engine"):
        list(process_many([CORPUS / SUBSET[0]], engine="spark"))


@pytest.fixture(scope="module")
def dask_cluster():
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        yield cluster


def test_dask_engine_gives_the_records_of_the_local_engine_on_the_corpus(dask_cluster, local_corpus) -> None:
    results = list(process_many(corpus_files(), engine="dask", scheduler=dask_cluster.scheduler_address))
    assert [r.path for r in results] == [r.path for r in local_corpus]
    assert record_lines(results) == record_lines(local_corpus)
    assert [r.text for r in (x.file for x in results)] == [r.text for r in (x.file for x in local_corpus)]


def test_dask_engine_returns_bad_files_as_error_results(dask_cluster, mixed: list[Path]) -> None:
    results = list(process_many(mixed, engine="dask", scheduler=dask_cluster.scheduler_address))
    local = list(process_many(mixed))
    assert [(r.status, r.error and r.error.format()) for r in results] == \
        [(r.status, r.error and r.error.format()) for r in local]


def test_dask_engine_names_an_unreachable_scheduler(monkeypatch) -> None:
    pytest.importorskip("dask.distributed")
    from pipeline import dask_engine

    monkeypatch.setattr(dask_engine, "CONNECT_TIMEOUT", "1s")
    with pytest.raises(ConfigError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        list(process_many([CORPUS / SUBSET[0]], engine="dask", scheduler="tcp://127.0.0.1:9"))


@pytest.mark.parametrize("stop_early", [False, True])
def test_engine_one_worker_keeps_what_is_loaded_out_of_the_collections_while_it_runs(stop_early: bool) -> None:
    import gc

    files = corpus_files()[:2]
    assert gc.get_freeze_count() == 0
    results = process_many(files, workers=1, classify=False)
    next(results)
    assert gc.get_freeze_count() > 0  # frozen while the files are processed
    if stop_early:
        results.close()
    else:
        assert len(list(results)) == len(files) - 1
    assert gc.get_freeze_count() == 0  # and thawed when the caller is done
