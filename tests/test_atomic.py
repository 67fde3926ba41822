"""Atomic writes: the old file survives a failed write, and no temporary file is left."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.atomic import atomic_path, write_lines, write_text


def test_atomic_exception_keeps_old_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "records.jsonl"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(RuntimeError, match="boom"):
        with atomic_path(target) as temporary:
            temporary.write_text("half-written", encoding="utf-8")
            raise RuntimeError("boom")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["records.jsonl"]


def test_atomic_exception_before_any_write_creates_no_file(tmp_path: Path) -> None:
    target = tmp_path / "out" / "table.csv"
    with pytest.raises(KeyboardInterrupt):
        with atomic_path(target):
            raise KeyboardInterrupt
    assert not target.exists()
    assert list(target.parent.iterdir()) == []


def test_atomic_success_replaces_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "records.jsonl"
    target.write_text("old\n", encoding="utf-8")
    with atomic_path(target) as temporary:
        assert temporary.parent == target.parent and temporary != target
        temporary.write_text("new\n", encoding="utf-8")
        assert target.read_text(encoding="utf-8") == "old\n"
    assert target.read_text(encoding="utf-8") == "new\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["records.jsonl"]


def test_atomic_write_lines_ends_every_line_with_lf(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "errors.jsonl"
    write_lines(target, ["{\"a\": 1}", "信访"])
    assert target.read_bytes() == "{\"a\": 1}\n信访\n".encode("utf-8")


def test_atomic_write_lines_of_nothing_writes_empty_file(tmp_path: Path) -> None:
    target = tmp_path / "errors.jsonl"
    write_lines(target, [])
    assert target.read_bytes() == b""


def test_atomic_write_text_keeps_lf_newlines(tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    write_text(target, "a\nb\n")
    assert target.read_bytes() == b"a\nb\n"
