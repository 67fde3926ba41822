"""The benchmark harness: a deterministic bilingual corpus the pipeline reads, and a JSON summary line."""

from __future__ import annotations

import hashlib
import json
import sys

from bench.generate import MAX_BYTES, MIN_BYTES, generate
from bench.harness import CONTRACT_STAGES, STAGES, run_benchmarks

REQUIRED = ("extract_docs_per_s", "rjieba_docs_per_s", "spacy_jieba_docs_per_s", "workers2_speedup",
            "peak_rss_mb", "check_cold_s")


def _digest(paths) -> str:
    sha = hashlib.sha256()
    for path in paths:
        sha.update(path.name.encode() + b"\0" + path.read_bytes())
    return sha.hexdigest()


def test_same_seed_same_bytes(tmp_path):
    first = generate(12, 7, tmp_path / "a")
    second = generate(12, 7, tmp_path / "b")
    assert _digest(first) == _digest(second)
    assert _digest(first) != _digest(generate(12, 8, tmp_path / "c"))


def test_prefix_of_a_larger_corpus(tmp_path):
    small = generate(4, 3, tmp_path / "small")
    large = generate(9, 3, tmp_path / "large")
    assert _digest(small) == _digest(large[:4])


def test_both_languages_and_sizes(tmp_path):
    paths = generate(40, 11, tmp_path)
    assert {path.stem.rsplit("_", 1)[1] for path in paths} == {"zh", "en"}
    for path in paths:
        assert MIN_BYTES <= path.stat().st_size <= MAX_BYTES, path.name
        text = path.read_text(encoding="utf-8")
        if path.stem.endswith("_zh"):
            assert "一、基本情况" in text and "其中" in text and "分别" in text and "一是" in text
        else:
            assert "I. Basic situation" in text and "among them" in text and "respectively" in text


def test_the_pipeline_reads_them_with_figures(tmp_path):
    from pipeline.process import process_path

    languages = set()
    for path in generate(4, 5, tmp_path):
        records = process_path(path, classify=False).records
        assert len(records) == 1, path.name
        record = records[0]
        languages.add(record.language)
        assert record.language == path.stem.rsplit("_", 1)[1]
        assert len(record.facts) >= 5
        assert record.measures and record.problems and record.plans
    assert languages == {"zh", "en"}


def test_tiny_run_has_the_required_keys(tmp_path):
    results = tmp_path / "RESULTS.md"
    result = run_benchmarks(quick=True, docs=10, sizes=(4, 10), subprocesses=False, results_path=results,
                            batch_sizes=(5, 10), long_mb=(0.02, 0.04), log=lambda message: None)
    line = json.loads(json.dumps(result["json"]))
    for key in REQUIRED:
        assert key in line
    assert line["extract_docs_per_s"] > 0 and line["rjieba_docs_per_s"] > 0 and line["spacy_jieba_docs_per_s"] > 0
    assert line["peak_rss_mb"] > 0
    assert line["workers2_speedup"] > 0 and line["engine2_docs_per_s"] > 0  # the engine runs in-process
    assert line["run_workers2_speedup"] is None and line["check_cold_s"] is None  # subprocesses skipped
    assert set(line["growth_docs_per_s"]) == {"4", "10"}
    assert set(line["batch_findings_docs_per_s"]) == {"5", "10"}
    stages = line["stage_ms_per_summary"]
    assert list(stages) == [stage.strip() for stage in STAGES + CONTRACT_STAGES]
    assert all(ms > 0 for ms in stages.values())
    table = results.read_text(encoding="utf-8")
    assert table == result["table"] and "extract vs rjieba" in table and "workers2 speedup" in table
    assert set(line["long_summary_mb_per_s"]) == {"0.02", "0.04"}
    assert all(rate > 0 for rate in line["long_summary_mb_per_s"].values())
    assert "| 0.04 |" in table and "One long summary" in table
    assert "Where extract's time goes" in table and "| of which the number scanner (inside the record stage) |" in table
    assert not list(tmp_path.glob(".RESULTS.md.*"))  # no temp file left behind


def test_run_stages_are_read_from_the_closing_summary():
    from bench.harness import run_stages

    summary = ("records    3\nelapsed    65.0s (processing 21.0s, batch findings 4.4s, records and tables 2.7s, "
               "store 3.1s, workbook 5.2s, report 3.7s)\nnote       x\n")
    assert run_stages(summary) == {"processing": 21.0, "batch findings": 4.4, "records and tables": 2.7,
                                   "store": 3.1, "workbook": 5.2, "report": 3.7}
    assert run_stages("elapsed    1.0s\n") == {}


def test_scale_run_reports_each_stage_of_a_real_run(tmp_path):
    from bench.harness import measure_scale_run

    paths = generate(4, 3, tmp_path / "corpus")
    result = measure_scale_run(paths, tmp_path / "scratch")
    assert result["rc"] == 0 and result["docs"] == 4
    assert list(result["stages"]) == ["processing", "batch findings", "outputs", "workbook", "report"]
    assert all(seconds >= 0 for seconds in result["stages"].values())


def test_command_line_passes_the_scale_run_size(monkeypatch, capsys):
    import bench.__main__ as command

    seen = {}

    def fake(**options):
        seen.update(options)
        return {"table": "", "json": {}}

    monkeypatch.setattr(command, "run_benchmarks", fake)
    assert command.main(["--quick", "--scale-run", "50000", "--results", "/dev/null"]) == 0
    assert seen["scale_docs"] == 50000 and seen["quick"] is True
    command.main(["--quick", "--results", "/dev/null"])
    assert seen["scale_docs"] is None  # the mode's default


def test_long_summary_case_times_one_summary_per_size():
    from bench.long_summary import measure_long_summaries

    rows = measure_long_summaries((0.01, 0.03), language="zh")
    assert [row["mb"] for row in rows] == [0.01, 0.03]
    for row in rows:
        assert set(row) == {"mb", "bytes", "seconds", "mb_per_s", "records", "facts"}
        assert row["records"] == 1 and row["facts"] > 0 and row["seconds"] > 0
        assert row["bytes"] >= row["mb"] * 1_000_000 and row["mb_per_s"] == row["bytes"] / 1e6 / row["seconds"]


def test_command_line_passes_the_long_summary_sizes(monkeypatch):
    import bench.__main__ as command

    seen = {}
    monkeypatch.setattr(command, "run_benchmarks", lambda **options: seen.update(options) or {"table": "", "json": {}})
    command.main(["--quick", "--long-mb", "0.5,1", "--results", "/dev/null"])
    assert seen["long_mb"] == (0.5, 1.0)


def test_records_check_names_the_files_whose_records_differ(tmp_path):
    from bench.records_check import compare

    rows = [{"source": f"s{n}.txt", "status": "processed", "records": [f'{{"doc_id":"s{n}#1"}}']} for n in range(3)]
    before, now = tmp_path / "before.jsonl", tmp_path / "now.jsonl"
    before.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    now.write_text(before.read_text(encoding="utf-8"), encoding="utf-8")
    assert compare(now, before) == []
    rows[1]["records"] = ['{"doc_id":"s1#1","township":"X"}']
    now.write_text("".join(json.dumps(row) + "\n" for row in rows[:2]), encoding="utf-8")
    assert compare(now, before) == ["s1.txt", "(line counts differ: 2 now, 3 before)"]


def test_a_command_timed_alone_gives_its_exit_code_peak_and_cpu(tmp_path):
    from bench.subprocesses import _timed_alone

    code = "import time; block = bytearray(60_000_000); time.sleep(0.2); raise SystemExit(3)"
    timed = _timed_alone([sys.executable, "-c", code], tmp_path)
    assert timed["rc"] == 3
    assert 0.2 <= timed["wall_s"] < 5
    assert timed["main_rss_mb"] > 60  # the block: the child's own peak, from the kernel
    assert 0 < timed["cpu_s"] < timed["wall_s"]  # asleep most of the time


def test_a_command_timed_alone_is_not_charged_with_the_benchs_own_memory(tmp_path):
    """The child's peak is its own, not the high-water mark of a large bench process it was forked from."""
    from bench.subprocesses import _timed_alone

    ballast = bytearray(300_000_000)  # the bench holding a large corpus when it times a cold check
    timed = _timed_alone([sys.executable, "-c", "raise SystemExit(0)"], tmp_path)
    assert timed["rc"] == 0
    assert timed["main_rss_mb"] < 150, timed
    del ballast
