"""A file is one file in the store whatever it is called: relative or absolute path, renamed; deleted files go with --prune; a schema 1 store is migrated."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

pytest.importorskip("duckdb")

from cli.main import app  # noqa: E402
from pipeline.store import TABLES, Store  # noqa: E402
from pipeline.store_identity import identity  # noqa: E402

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
NAMES = ("zh_anxi_2020_h1.txt", "en_cuiping_2017_h1.txt")
runner = CliRunner()


@pytest.fixture
def work(tmp_path: Path, monkeypatch) -> Path:
    """A working directory with a folder of two summaries in it."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name in NAMES:
        (folder / name).write_bytes((CORPUS / name).read_bytes())
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str) -> str:
    result = runner.invoke(app, ["run", *args, "--out", "out", "--db", "store.duckdb"])
    assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    return result.stderr


def table(sql: str) -> list[tuple]:
    import duckdb

    with duckdb.connect("store.duckdb", read_only=True) as con:
        return con.execute(sql).fetchall()


def per_file() -> dict[str, tuple]:
    """path -> (source, documents) as the store holds them."""
    return {path: (source, n) for path, source, n in table(
        "SELECT f.path, f.source, count(d.doc_id) FROM files f JOIN documents d USING (path) GROUP BY ALL")}


def test_store_keeps_one_copy_of_a_folder_given_relative_then_absolute(work: Path) -> None:
    run("in")
    first = per_file()
    stderr = run(str(work / "in"))
    assert "skipped    2 documents in 2 files" in stderr  # not processed again
    again = per_file()
    assert set(again) == set(first) == {identity(work / "in" / name) for name in NAMES}
    assert {source for source, _ in again.values()} == {str(work / "in" / name) for name in NAMES}
    assert table("SELECT count(*) FROM documents")[0][0] == 2
    facts = table("SELECT count(*) FROM facts")[0][0]
    joined = table("SELECT count(*) FROM documents d JOIN facts f USING (doc_id, path)")[0][0]
    assert joined == facts  # the README's joins count each summary's figures once
    assert table("SELECT DISTINCT source FROM facts WHERE path = ?".replace("?", f"'{identity(work / 'in' / NAMES[0])}'")) \
        == [(str(work / "in" / NAMES[0]),)]


def test_store_follows_a_renamed_file_without_processing_it_again(work: Path) -> None:
    run("in")
    os.rename(work / "in" / NAMES[0], work / "in" / "renamed.txt")
    stderr = run("in")
    assert "skipped    2 documents in 2 files" in stderr and "1 files found under a new name" in stderr
    files = per_file()
    assert set(files) == {identity(work / "in" / "renamed.txt"), identity(work / "in" / NAMES[1])}
    assert files[identity(work / "in" / "renamed.txt")] == ("in/renamed.txt", 1)
    assert table("SELECT DISTINCT doc_id FROM facts WHERE source = 'in/renamed.txt'") == [("renamed#1",)]
    assert table("SELECT count(*) FROM documents")[0][0] == 2
    fresh = runner.invoke(app, ["run", "in", "--out", "fresh", "--db", "fresh.duckdb"])
    assert fresh.exit_code == 0
    for name in ("records.jsonl", "findings.jsonl", "facts.csv", "table.csv"):  # reused as a fresh run writes them
        assert (work / "out" / name).read_bytes() == (work / "fresh" / name).read_bytes(), name


def test_store_keeps_a_deleted_file_unless_run_with_prune(work: Path) -> None:
    run("in")
    (work / "in" / NAMES[0]).unlink()
    run("in")
    assert len(per_file()) == 2  # kept by default: one store can gather many runs
    stderr = run("in", "--prune")
    assert "1 files no longer present" in stderr
    assert set(per_file()) == {identity(work / "in" / NAMES[1])}
    for name in TABLES:
        assert table(f"SELECT count(*) FROM {name} WHERE path = '{identity(work / 'in' / NAMES[0])}'")[0][0] == 0


def test_prune_leaves_files_outside_the_paths_given(work: Path) -> None:
    other = work / "other"
    other.mkdir()
    (other / "x.txt").write_bytes((CORPUS / NAMES[0]).read_bytes())
    run("in", "other")
    (other / "x.txt").unlink()
    run("in", "--prune")  # other/ was not given: its file stays
    assert identity(other / "x.txt") in per_file()


def _schema_1_copy(new: Path, old: Path, duplicate_as: dict[str, str]) -> None:
    """A store as the previous version wrote it (no path column), with each file of
    `duplicate_as` stored a second time under another name (relative and absolute)."""
    import duckdb

    with duckdb.connect(str(old)) as con:
        con.execute(f"ATTACH '{new}' AS new (READ_ONLY)")
        con.execute("CREATE TABLE store_info AS SELECT * FROM new.store_info")
        con.execute("UPDATE store_info SET value = '1' WHERE key = 'schema_version'")
        for name in TABLES:
            con.execute(f"CREATE TABLE {name} AS SELECT * EXCLUDE (path) FROM new.{name}")
            for source, alias in duplicate_as.items():
                con.execute(f"INSERT INTO {name} SELECT * EXCLUDE (path) REPLACE ('{alias}' AS source) "
                            f"FROM new.{name} WHERE source = '{source}'")


def test_store_migrates_a_schema_1_store_and_drops_its_duplicate_copies(work: Path) -> None:
    run("in")
    Path("store.duckdb").rename("new.duckdb")
    absolute = str(work / "in" / NAMES[0])
    _schema_1_copy(work / "new.duckdb", work / "store.duckdb", {f"in/{NAMES[0]}": absolute})
    assert table("SELECT count(*) FROM files")[0][0] == 3  # the old way: one file twice
    with Store(Path("store.duckdb")) as store:
        assert store.notes and "migrated to schema 2" in store.notes[0] and "1 duplicate copies removed" in store.notes[0]
        assert store.count("files") == 2 and store.count("documents") == 2
        assert [c for c, _ in TABLES["files"]] == [row[0] for row in store.con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'files' ORDER BY ordinal_position"
        ).fetchall()]
    stderr = run("in")
    assert "skipped    2 documents in 2 files" in stderr  # the migrated rows are reused
    assert table("SELECT count(*) FROM documents")[0][0] == 2


def _sql_blocks(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return [block.split("```", 1)[0] for block in text.split("```sql\n")[1:]]


def test_the_documented_queries_count_each_summary_once_after_two_names(work: Path) -> None:
    """The README's and docs/run.md's SQL run on the store and count a summary given by two names once."""
    import duckdb

    run("in")
    run(str(work / "in"))
    root = Path(__file__).resolve().parents[1]
    statements = [statement for path in (root / "README.md", root / "docs" / "run.md")
                  for block in _sql_blocks(path) for statement in block.split(";")
                  if statement.strip() and "'out/" not in statement]  # queries of the store, not of out/ files
    assert len(statements) == 4
    with duckdb.connect("store.duckdb", read_only=True) as con:
        for statement in statements:
            assert con.execute(statement).fetchall()
        by_year = con.execute(statements[3]).fetchall()  # docs/run.md: measure categories by year
        assert {row[4] for row in by_year} == {100.0}  # one summary a year: a second copy would halve it


def test_a_stored_path_that_is_not_utf8_is_not_taken_for_gone(tmp_path: Path) -> None:
    from pipeline.store_identity import gone

    folder = os.fsencode(tmp_path)
    for name in ("报告".encode("gbk") + b".txt", b"\xff\xfe.txt"):  # shown as GB18030, and as \xNN escapes
        os.close(os.open(os.path.join(folder, name), os.O_CREAT | os.O_WRONLY))
        key = identity(os.fsdecode(os.path.join(folder, name)))
        assert not gone(key)
        os.unlink(os.path.join(folder, name))
        assert gone(key)
