"""The DuckDB store: unchanged files come back as stored, changed files replace their rows, atomically."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("duckdb")

from pipeline.engine import FileResult, content_hash, process_many  # noqa: E402
from pipeline.errors import ConfigError, EmptyFileError  # noqa: E402
from pipeline.schema import Finding, Record  # noqa: E402
from pipeline.store import Store, settings_key, without_batch_findings  # noqa: E402

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
SETTINGS = "settings-under-test"


@pytest.fixture(scope="module")
def processed(tmp_path_factory) -> dict[str, FileResult]:
    """Two summaries and a second version of the first one (a figure changed)."""
    folder = tmp_path_factory.mktemp("store_inputs")
    first, second = folder / "zh_anxi_2020_h1.txt", folder / "en_cuiping_2017_h1.txt"
    first.write_bytes((CORPUS / first.name).read_bytes())
    second.write_bytes((CORPUS / second.name).read_bytes())
    results = {r.path.name: r for r in process_many([first, second])}
    changed = folder / "v2" / first.name
    changed.parent.mkdir()
    text = first.read_text(encoding="utf-8")
    changed.write_text(text + "\n全年共培训信访干部99人次。\n", encoding="utf-8")
    (result,) = process_many([changed])
    # the second version stands for the first file after an edit: same source, new bytes and records
    records = tuple(r.model_copy(update={"source": str(first)}) for r in result.records)
    results["v2"] = FileResult(first, str(first), result.content_hash,
                               "processed", file=result.file.__class__(first, result.file.text, records))
    return results


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "petitions.duckdb") as opened:
        yield opened


def rows(store: Store, sql: str, *params) -> list[tuple]:
    return store.con.execute(sql, list(params)).fetchall()


def test_store_returns_unchanged_files_with_their_records_and_text(store: Store, processed) -> None:
    first = processed["zh_anxi_2020_h1.txt"]
    store.save([first], SETTINGS)
    stored = store.stored(first.source, first.content_hash, SETTINGS)
    assert stored is not None and stored.text == first.file.text
    assert [r.to_json() for r in stored.records] == [r.to_json() for r in first.records]


def test_store_does_not_return_changed_bytes_or_settings(store: Store, processed) -> None:
    first = processed["zh_anxi_2020_h1.txt"]
    store.save([first], SETTINGS)
    assert store.stored(first.source, "0" * 64, SETTINGS) is None
    assert store.stored(first.source, first.content_hash, "other settings") is None
    assert store.stored("elsewhere.txt", first.content_hash, SETTINGS) is None


def test_store_writes_one_row_per_item_with_lists_for_categories(store: Store, processed) -> None:
    first, second = processed["zh_anxi_2020_h1.txt"], processed["en_cuiping_2017_h1.txt"]
    store.save([first, second], SETTINGS)
    records = [*first.records, *second.records]
    assert store.count("files") == 2
    assert store.count("documents") == len(records)
    assert store.count("facts") == sum(len(r.facts) for r in records)
    assert store.count("measures") == sum(len(r.measures) for r in records)
    assert store.count("problems") == sum(len(r.problems) for r in records)
    measure = records[0].measures[0]
    (categories,) = rows(store, "SELECT categories FROM measures WHERE doc_id = ? AND id = ?",
                         records[0].doc_id, measure.id)[0]
    assert categories == list(measure.categories)
    assert rows(store, "SELECT typeof(categories) FROM measures LIMIT 1")[0][0] == "VARCHAR[]"


def test_store_document_row_carries_period_and_the_record(store: Store, processed) -> None:
    first = processed["zh_anxi_2020_h1.txt"]
    store.save([first], SETTINGS)
    record = first.records[0]
    row = rows(store, 'SELECT township, year, half, period_raw, start, "end", content_hash, record_json '
                      "FROM documents WHERE doc_id = ?", record.doc_id)[0]
    assert row == (record.township, record.period.year, record.period.half, record.period.raw,
                   record.start, record.end, first.content_hash, record.to_json())


def test_store_replaces_the_rows_of_a_changed_file_and_keeps_the_others(store: Store, processed) -> None:
    first, second, changed = processed["zh_anxi_2020_h1.txt"], processed["en_cuiping_2017_h1.txt"], processed["v2"]
    assert [r.to_json() for r in changed.records] != [r.to_json() for r in first.records]
    store.save([first, second], SETTINGS)
    other_facts = rows(store, "SELECT count(*) FROM facts WHERE source = ?", second.source)
    store.save([changed, second], SETTINGS)
    assert rows(store, "SELECT DISTINCT content_hash FROM documents WHERE source = ?", first.source) == \
        [(changed.content_hash,)]
    assert rows(store, "SELECT count(*) FROM facts WHERE source = ?", first.source)[0][0] == \
        sum(len(r.facts) for r in changed.records)
    assert rows(store, "SELECT count(*) FROM files WHERE source = ?", first.source)[0][0] == 1
    assert rows(store, "SELECT count(*) FROM facts WHERE source = ?", second.source) == other_facts
    assert store.stored(first.source, changed.content_hash, SETTINGS) is not None


def test_store_rolls_back_a_failed_write(store: Store, processed, monkeypatch) -> None:
    first, changed = processed["zh_anxi_2020_h1.txt"], processed["v2"]
    store.save([first], SETTINGS)
    before = {table: store.count(table) for table in ("files", "documents", "facts", "measures")}
    real_insert = Store._insert

    def failing(self, table, items):
        if table == "measures":
            raise RuntimeError("disk full")
        real_insert(self, table, items)

    monkeypatch.setattr(Store, "_insert", failing)
    with pytest.raises(RuntimeError):
        store.save([changed], SETTINGS)
    assert {table: store.count(table) for table in before} == before
    assert store.stored(first.source, first.content_hash, SETTINGS) is not None


def _dump(store: Store) -> dict[str, list[tuple]]:
    from pipeline.store import TABLES

    return {table: sorted(map(repr, rows(store, f"SELECT * FROM {table}"))) for table in TABLES}


def test_store_writes_the_same_rows_however_often_a_save_flushes(tmp_path: Path, processed, monkeypatch) -> None:
    import pipeline.store

    batch = [processed["zh_anxi_2020_h1.txt"], processed["en_cuiping_2017_h1.txt"]]
    with Store(tmp_path / "whole.duckdb") as whole:
        whole.save(batch, SETTINGS)
        expected = _dump(whole)
    flushes = []
    monkeypatch.setattr(pipeline.store, "FLUSH_ROWS", 1)  # a flush after every file
    monkeypatch.setattr(Store, "_flush", lambda self, *args, real=Store._flush: flushes.append(1) or real(self, *args))
    with Store(tmp_path / "chunked.duckdb") as chunked:
        chunked.save(batch, SETTINGS)
        assert _dump(chunked) == expected
    assert len(flushes) == 3  # one per file, and the (empty) rest


def test_store_lets_go_of_each_flush_before_the_transaction_ends(tmp_path: Path, processed, monkeypatch) -> None:
    import gc
    import weakref

    import pipeline.store

    frames, alive_after_next_flush = [], []
    real_frame, real_flush = pipeline.store._staging_frame, Store._flush

    def tracked(items, width):
        frame = real_frame(items, width)
        frames.append(weakref.ref(frame))
        return frame

    def flush(self, *args):
        earlier = list(frames)
        done = real_flush(self, *args)
        gc.collect()
        alive_after_next_flush.append(sum(ref() is not None for ref in earlier))
        return done

    monkeypatch.setattr(pipeline.store, "FLUSH_ROWS", 1)
    monkeypatch.setattr(pipeline.store, "_staging_frame", tracked)
    monkeypatch.setattr(Store, "_flush", flush)
    with Store(tmp_path / "p.duckdb") as store:
        store.save([processed["zh_anxi_2020_h1.txt"], processed["en_cuiping_2017_h1.txt"]], SETTINGS)
        assert store.con.execute("SELECT current_setting('memory_limit')").fetchone()[0] != ""
    assert frames and alive_after_next_flush == [0] * len(alive_after_next_flush)


def test_store_deletes_only_the_rows_of_sources_stored_before(store: Store, processed, monkeypatch) -> None:
    first, second, changed = processed["zh_anxi_2020_h1.txt"], processed["en_cuiping_2017_h1.txt"], processed["v2"]
    deleted: list[tuple[str, list[str]]] = []
    real_delete = Store._delete
    monkeypatch.setattr(Store, "_delete", lambda self, table, sources: (deleted.append((table, sources)) if sources
                                                                         else None) or real_delete(self, table, sources))
    store.save([first], SETTINGS)
    assert deleted == []  # a new store: nothing to look for
    store.save([changed, second], SETTINGS)
    assert {sources[0] for _, sources in deleted} == {first.source} and all(len(s) == 1 for _, s in deleted)
    assert rows(store, "SELECT count(*) FROM files")[0][0] == 2


def test_store_rolls_back_every_flush_of_a_failed_save(store: Store, processed, monkeypatch) -> None:
    import pipeline.store

    first, second, changed = processed["zh_anxi_2020_h1.txt"], processed["en_cuiping_2017_h1.txt"], processed["v2"]
    store.save([first], SETTINGS)
    before = _dump(store)
    real_insert = Store._insert
    inserted = []

    def failing(self, table, items):
        if table == "files" and inserted:  # the second file's flush fails, after the first's was written
            raise RuntimeError("disk full")
        inserted.append(table) if table == "files" else None
        real_insert(self, table, items)

    monkeypatch.setattr(pipeline.store, "FLUSH_ROWS", 1)
    monkeypatch.setattr(Store, "_insert", failing)
    with pytest.raises(RuntimeError):
        store.save([changed, second], SETTINGS)
    assert inserted == ["files"] and _dump(store) == before


def test_store_drops_a_file_that_became_unreadable_but_keeps_a_missing_one(store: Store, processed) -> None:
    first, second = processed["zh_anxi_2020_h1.txt"], processed["en_cuiping_2017_h1.txt"]
    store.save([first, second], SETTINGS)
    emptied = FileResult(first.path, first.source, content_hash(b""), "error",
                         error=EmptyFileError("file is empty", first.source))
    missing = FileResult(second.path, second.source, None, "error",
                         error=EmptyFileError("no such file", second.source))
    store.save([emptied, missing], SETTINGS)
    assert rows(store, "SELECT count(*) FROM documents WHERE source = ?", first.source)[0][0] == 0
    assert rows(store, "SELECT count(*) FROM documents WHERE source = ?", second.source)[0][0] == len(second.records)


def test_store_refreshes_cross_document_findings_of_unchanged_files(store: Store, processed) -> None:
    first = processed["zh_anxi_2020_h1.txt"]
    store.save([first], SETTINGS)
    stored = store.stored(first.source, first.content_hash, SETTINGS)
    copy = Finding(rule="template-copy", severity="warning", message="copied", start=0, end=1)
    records = tuple(r.model_copy(update={"findings": r.findings + (copy,)}) for r in stored.records)
    skipped = FileResult(first.path, first.source, first.content_hash, "skipped",
                         file=stored.__class__(stored.path, stored.text, records))
    stats = store.save([skipped], SETTINGS)
    assert stats.refreshed == 1
    assert rows(store, "SELECT count(*) FROM findings WHERE source = ? AND rule = 'template-copy'",
                first.source)[0][0] == len(records)
    again = store.stored(first.source, first.content_hash, SETTINGS)
    assert all(f.rule != "template-copy" for r in again.records for f in r.findings)


def test_without_batch_findings_keeps_single_record_findings_in_order() -> None:
    findings = (Finding(rule="placeholder", severity="warning", message="a", start=0, end=1),
                Finding(rule="template-copy", severity="warning", message="b", start=0, end=1),
                Finding(rule="rate-over-100", severity="error", message="c", start=2, end=3))
    record = Record(doc_id="x#1", source="x.txt", part=1, start=0, end=3, language="zh", findings=findings)
    assert [f.rule for f in without_batch_findings(record).findings] == ["placeholder", "rate-over-100"]


def test_settings_key_depends_on_classify_and_config() -> None:
    from pipeline.checks import CheckConfig

    assert settings_key(True) == settings_key(True)
    assert settings_key(True) != settings_key(False)
    assert settings_key(True, CheckConfig(template_threshold=0.9)) != settings_key(True)


def test_store_refuses_a_folder_and_a_file_that_is_not_duckdb(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="is a folder"):
        Store(tmp_path)
    bogus = tmp_path / "not.duckdb"
    bogus.write_text("hello, not a database\n" * 100, encoding="utf-8")
    with pytest.raises(ConfigError, match="cannot open the store"):
        Store(bogus)


def test_store_looks_files_up_in_one_query_however_many_are_asked(store: Store, processed, monkeypatch) -> None:
    first, second = processed["zh_anxi_2020_h1.txt"], processed["en_cuiping_2017_h1.txt"]
    store.save([first], SETTINGS)
    store.commit()
    queries: list[str] = []
    real = store.con

    class Counting:  # counts the statements sent to DuckDB
        def __getattr__(self, name):
            return getattr(real, name)

        def execute(self, sql, *args):
            queries.append(sql)
            return real.execute(sql, *args)

    monkeypatch.setattr(store, "con", Counting())
    misses = [store.stored(f"/nowhere/{n}.txt", f"{n:064d}", SETTINGS) for n in range(20)]
    assert misses == [None] * 20 and len(queries) == 1  # the catalogue, read once
    assert store.stored(second.source, second.content_hash, SETTINGS) is None  # never stored
    found = store.stored(first.source, first.content_hash, SETTINGS)
    assert found is not None and [r.to_json() for r in found.records] == [r.to_json() for r in first.records]
    assert len(queries) == 3  # and the found file's text and records


def test_store_reads_its_catalogue_again_after_a_save(store: Store, processed) -> None:
    first, second = processed["zh_anxi_2020_h1.txt"], processed["en_cuiping_2017_h1.txt"]
    store.save([first], SETTINGS)
    assert store.stored(second.source, second.content_hash, SETTINGS) is None
    store.save([second], SETTINGS)
    assert store.stored(second.source, second.content_hash, SETTINGS) is not None


def test_store_rows_are_the_same_with_the_json_the_caller_made(tmp_path: Path, processed) -> None:
    """save(to_json=...) (run passes the lines records.jsonl got) stores what Record.to_json gives."""
    results = [processed["zh_anxi_2020_h1.txt"], processed["en_cuiping_2017_h1.txt"]]
    made: list[str] = []

    def given(record: Record) -> str:
        made.append(record.doc_id)
        return record.to_json()

    contents = []
    for name, kwargs in (("plain", {}), ("given", {"to_json": given})):
        with Store(tmp_path / f"{name}.duckdb") as opened:
            opened.save(results, SETTINGS, **kwargs)
            contents.append({table: rows(opened, f"SELECT * EXCLUDE (path) FROM {table} ORDER BY ALL")
                             for table in ("files", "documents", "facts", "measures", "problems", "findings")})
    assert contents[0] == contents[1] and contents[0]["documents"]
    assert made == [r.doc_id for result in results for r in result.records]


@pytest.mark.parametrize("soft_mb, expected", [(None, "512MB"), (4096, "512MB"), (1024, "256MB"), (100, "64MB")])
def test_store_duckdb_memory_limit_follows_the_address_space_limit(monkeypatch, soft_mb, expected) -> None:
    """DuckDB sizes itself by the machine's RAM; under `ulimit -v` it gets a quarter of the process's limit."""
    import resource

    from pipeline.store import duckdb_memory_limit

    soft = resource.RLIM_INFINITY if soft_mb is None else soft_mb * 1024 * 1024
    monkeypatch.setattr(resource, "getrlimit", lambda which: (soft, resource.RLIM_INFINITY))
    assert duckdb_memory_limit() == expected
