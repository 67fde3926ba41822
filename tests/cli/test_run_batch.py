"""`petition-miner run` as a batch job: workers, bad files, re-runs from the store, Dask, outputs."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.main import app
from cli.run import _module_ready
from pipeline.engine import process_many

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
SUBSET = ("en_cuiping_2017_h1.txt", "zh_anxi_2020_h1.txt", "zh_xinzhai_2017_annual.txt")
TEXT_OUTPUTS = ("records.jsonl", "facts.csv", "table.csv", "findings.jsonl", "errors.jsonl", "report.html")
BAD_CODES = {"empty.txt": "E102", "binary.txt": "E103", "corrupt.docx": "E106",
             "undecodable.txt": "E104", "missing.txt": "E101"}
runner = CliRunner()
needs_store = pytest.mark.skipif(not _module_ready("duckdb"), reason="the store needs the `store` extra (duckdb)")


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def counts(stderr: str) -> dict[str, int]:
    """processed and skipped documents from the closing summary."""
    match = re.search(r"documents\s+(\d+) \((\d+) processed, (\d+) skipped\)", stderr)
    assert match, stderr
    return {"documents": int(match[1]), "processed": int(match[2]), "skipped": int(match[3])}


def run(*args: str):
    result = runner.invoke(app, ["run", *args])
    assert "Traceback" not in result.output, result.output
    return result


def snapshot(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in TEXT_OUTPUTS if (out / name).exists()}


def xlsx_values(path: Path) -> dict[str, list[tuple]]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}


@pytest.fixture(scope="module")
def bad_inputs(tmp_path_factory) -> list[Path]:
    """A folder with an empty, a binary, a corrupt .docx and an undecodable file, and a missing path."""
    folder = tmp_path_factory.mktemp("bad")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 16)
    (folder / "corrupt.docx").write_bytes(bytes(range(0, 256, 3)) * 10)
    (folder / "undecodable.txt").write_bytes(bytes(range(0x80, 0x100)) * 2)
    return [folder, folder / "missing.txt"]


@pytest.fixture(scope="module")
def batch(tmp_path_factory, bad_inputs):
    """The corpus plus five bad files, run with one worker, with two, and once more unchanged."""
    root = tmp_path_factory.mktemp("batch")
    inputs = [str(CORPUS), *map(str, bad_inputs)]
    one = run(*inputs, "--out", str(root / "one"))
    first = snapshot(root / "one")
    first_xlsx = xlsx_values(root / "one" / "table.xlsx") if (root / "one" / "table.xlsx").exists() else None
    two = run(*inputs, "--out", str(root / "two"), "--workers", "2")
    again = run(*inputs, "--out", str(root / "one"))
    return {"root": root, "one": one, "two": two, "again": again, "first": first, "first_xlsx": first_xlsx}


def test_run_batch_exits_0_with_bad_files(batch) -> None:
    assert [batch[k].exit_code for k in ("one", "two", "again")] == [0, 0, 0], batch["one"].output


def test_run_batch_table_is_byte_identical_with_one_and_two_workers(batch) -> None:
    one, two = batch["root"] / "one", batch["root"] / "two"
    assert (one / "table.csv").read_bytes() == (two / "table.csv").read_bytes()
    assert (one / "records.jsonl").read_bytes() == (two / "records.jsonl").read_bytes()


def test_run_batch_keeps_every_good_record_and_writes_exactly_five_error_rows(batch) -> None:
    expected = [r.doc_id for result in process_many([CORPUS]) for r in result.records]
    for name in ("one", "two"):
        out = batch["root"] / name
        assert [row["doc_id"] for row in read_jsonl(out / "records.jsonl")] == expected
        errors = read_jsonl(out / "errors.jsonl")
        assert {Path(row["source"]).name: row["code"] for row in errors} == BAD_CODES
        assert len(errors) == 5 and all(row["message"] for row in errors)


def test_run_batch_summary_names_each_bad_file_and_where_the_outputs_are(batch) -> None:
    stderr, out = batch["one"].stderr, batch["root"] / "one"
    for name in BAD_CODES:
        assert re.search(rf"{re.escape(name)}: .*\[{BAD_CODES[name]}\]", stderr), stderr
    assert re.search(r"errors\s+5", stderr) and re.search(r"findings\s+\d+ error, \d+ warning, \d+ info", stderr)
    assert str(out / "table.csv") in stderr
    stages = re.search(r"elapsed\s+[\d.]+s \((.*)\)", stderr)
    assert stages, stderr
    named = [part.rsplit(" ", 1)[0] for part in stages.group(1).split(", ")]
    assert named == ["processing", "batch findings", "outputs", "workbook", "report"], named
    if _module_ready("duckdb"):
        assert str(out / "petitions.duckdb") in stderr
    if (out / "report.html").exists():
        assert str(out / "report.html") in stderr and str(out / "table.xlsx") in stderr


def test_run_batch_writes_every_output(batch) -> None:
    out = batch["root"] / "one"
    names = {p.name for p in out.iterdir()}
    assert {"records.jsonl", "facts.csv", "table.csv", "findings.jsonl", "errors.jsonl"} <= names
    assert ("petitions.duckdb" in names) == _module_ready("duckdb")
    if _module_ready("pipeline.report.html"):
        assert {"report.html", "table.xlsx"} <= names
    assert not [name for name in names if name.startswith(".")]


@needs_store
def test_run_batch_second_run_skips_every_document_and_writes_identical_outputs(batch) -> None:
    first, again = counts(batch["one"].stderr), counts(batch["again"].stderr)
    assert first["processed"] == first["documents"] > 0 and first["skipped"] == 0
    assert again == {"documents": first["documents"], "processed": 0, "skipped": first["documents"]}
    out = batch["root"] / "one"
    assert snapshot(out) == batch["first"]
    if batch["first_xlsx"] is not None:
        assert xlsx_values(out / "table.xlsx") == batch["first_xlsx"]


@pytest.fixture
def subset(tmp_path: Path) -> Path:
    folder = tmp_path / "submissions"
    folder.mkdir()
    for name in SUBSET:
        shutil.copy(CORPUS / name, folder / name)
    return folder


@needs_store
def test_run_batch_replaces_the_rows_of_a_changed_file(subset: Path, tmp_path: Path) -> None:
    import duckdb

    out = tmp_path / "out"
    assert run(str(subset), "--out", str(out)).exit_code == 0
    changed = subset / SUBSET[1]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n全年共培训信访干部99人次。\n", encoding="utf-8")
    result = run(str(subset), "--out", str(out))
    assert result.exit_code == 0
    assert counts(result.stderr)["processed"] == 1
    con = duckdb.connect(str(out / "petitions.duckdb"), read_only=True)
    try:
        facts = con.execute("SELECT surface FROM facts WHERE source = ?", [str(changed)]).fetchall()
        documents = con.execute("SELECT source, count(*) FROM documents GROUP BY source ORDER BY source").fetchall()
    finally:
        con.close()
    assert ("99人次",) in facts
    records = read_jsonl(out / "records.jsonl")
    assert documents == sorted((source, sum(r["source"] == source for r in records))
                               for source in {r["source"] for r in records})
    assert any(f["surface"] == "99人次" for r in records if r["source"] == str(changed) for f in r["facts"])


@needs_store
def test_run_batch_db_option_moves_the_store(subset: Path, tmp_path: Path) -> None:
    db = tmp_path / "elsewhere" / "store.duckdb"
    assert run(str(subset), "--out", str(tmp_path / "out"), "--db", str(db)).exit_code == 0
    assert db.is_file() and not (tmp_path / "out" / "petitions.duckdb").exists()


def test_run_batch_labels_zh_gives_chinese_workbook_headers_and_id_csv_headers(subset: Path, tmp_path: Path) -> None:
    if not _module_ready("pipeline.report.excel"):
        pytest.skip("Chinese column labels come with pipeline.report.excel")
    from openpyxl import load_workbook

    from pipeline.report.excel import column_labels

    runs = {}
    for labels in ("en", "zh"):
        out = tmp_path / labels
        assert run(str(subset), "--out", str(out), "--labels", labels).exit_code == 0
        runs[labels] = out
    csv_headers = {labels: (out / "table.csv").read_text(encoding="utf-8-sig").splitlines()[0] for labels, out in runs.items()}
    assert csv_headers["zh"] == csv_headers["en"] and "township" in csv_headers["zh"].split(",")
    sheet = load_workbook(runs["zh"] / "table.xlsx", read_only=True).worksheets[0]
    assert column_labels("zh")["township"] in [cell.value for cell in next(sheet.iter_rows(max_row=1))]


@pytest.mark.parametrize("args, option", [
    (["--out", "{file}"], "--out"),
    (["--out", "{dir}", "--scheduler", "tcp://127.0.0.1:8786"], "--scheduler"),
    (["--out", "{dir}", "--workers", "0"], "--workers"),
    (["--out", "{dir}", "--engine", "spark"], "--engine"),
])
def test_run_batch_usage_errors_exit_2(subset: Path, tmp_path: Path, args: list[str], option: str) -> None:
    a_file = tmp_path / "a_file.txt"
    a_file.write_text("x", encoding="utf-8")
    filled = [arg.format(file=a_file, dir=tmp_path / "out") for arg in args]
    result = runner.invoke(app, ["run", str(subset), *filled])
    assert result.exit_code == 2
    assert option in result.output
    assert not (tmp_path / "out" / "records.jsonl").exists()


def test_run_batch_dask_engine_writes_the_records_of_the_local_engine(subset: Path, tmp_path: Path) -> None:
    distributed = pytest.importorskip("dask.distributed")
    local = run(str(subset), "--out", str(tmp_path / "local"), "--db", str(tmp_path / "local.duckdb"))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        dask = run(str(subset), "--out", str(tmp_path / "dask"), "--db", str(tmp_path / "dask.duckdb"),
                   "--engine", "dask", "--scheduler", cluster.scheduler_address)
        extracted = runner.invoke(app, ["extract", str(subset), "--engine", "dask",
                                        "--scheduler", cluster.scheduler_address])
    assert local.exit_code == dask.exit_code == extracted.exit_code == 0
    records = (tmp_path / "local" / "records.jsonl").read_text(encoding="utf-8")
    assert (tmp_path / "dask" / "records.jsonl").read_text(encoding="utf-8") == records
    assert extracted.stdout == records


@pytest.mark.parametrize("absent, missing_output", [
    ("duckdb", "petitions.duckdb"),
    ("pipeline.report.html", "report.html"),
    ("pipeline.report.excel", "table.xlsx"),
])
def test_run_batch_without_an_optional_part_writes_the_rest(subset: Path, tmp_path: Path, monkeypatch,
                                                            absent: str, missing_output: str) -> None:
    import cli.run

    real = cli.run._module_ready
    monkeypatch.setattr(cli.run, "_module_ready", lambda name: name != absent and real(name))
    out = tmp_path / "out"
    result = run(str(subset), "--out", str(out))
    assert result.exit_code == 0
    assert not (out / missing_output).exists()
    assert (out / "records.jsonl").read_text(encoding="utf-8").count("\n") >= len(SUBSET)
    assert missing_output in result.stderr or "duckdb is not installed" in result.stderr


@pytest.mark.skipif(not _module_ready("pipeline.report.html"), reason="the report writer is not installed")
def test_run_report_limit_shows_that_many_summaries_in_full(tmp_path: Path) -> None:
    from cli.run import REPORT_LIMIT
    from pipeline.report.html import DOCUMENT_VIEWS

    assert REPORT_LIMIT == DOCUMENT_VIEWS
    names = ["zh_baiyang_2021_annual.txt", "en_gaopo_2018_annual.txt", "zh_qingshui_2021_annual.txt"]
    result = run(*(str(CORPUS / name) for name in names), "--out", str(tmp_path / "out"), "--report-limit", "1",
                 "--db", str(tmp_path / "p.duckdb"))
    assert result.exit_code == 0, result.output
    page = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert page.count('<article class="doc"') == 1
    assert "1 of the 3 summaries are shown in full" in page


@pytest.mark.skipif(not _module_ready("pipeline.report.html"), reason="the report writers are not installed")
def test_run_streamed_outputs_equal_the_writers_over_every_record_in_memory(tmp_path: Path) -> None:
    """run parks the records on disk and writes each output in one pass: every file must be the
    one the writers make from the whole batch held in memory (template copies, zh and en)."""
    from pipeline.process import process_path, with_batch_findings
    from pipeline.report import write_excel, write_report
    from pipeline.table import build_table, write_facts

    names = ["zh_baiyang_2021_annual.txt", "en_gaopo_2018_annual.txt", "zh_qingshui_2021_annual.txt",
             "en_cuiping_2017_h1.txt"]
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in names:
        shutil.copy(CORPUS / name, corpus / name)
    out = tmp_path / "out"
    result = run(str(corpus), "--out", str(out), "--report-limit", "2", "--db", str(tmp_path / "p.duckdb"))
    assert result.exit_code == 0, result.output
    merged = with_batch_findings([process_path(path) for path in sorted(corpus.iterdir())])
    records = [r for item in merged for r in item.records]
    assert any(f.rule == "template-copy" for r in records for f in r.findings)
    expected = tmp_path / "expected"
    expected.mkdir()
    write_facts(records, expected / "facts.csv")
    import hashlib  # the review controls key the corrections they build by each file's sha256

    hashes = {item.records[0].source: hashlib.sha256(item.path.read_bytes()).hexdigest() for item in merged}
    texts = {item.records[0].source: item.text for item in merged}
    write_report(records, texts, expected / "report.html", limit=2, hashes=hashes)
    write_excel(records, build_table(records, texts=texts), expected / "table.xlsx")
    assert (out / "records.jsonl").read_text(encoding="utf-8") == "".join(r.to_json() + "\n" for r in records)
    for name in ("facts.csv", "report.html", "table.xlsx"):
        assert (out / name).read_bytes() == (expected / name).read_bytes(), name
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")]  # no parked records left
