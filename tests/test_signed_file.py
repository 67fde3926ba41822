"""Self-checking cache files (pipeline/signed_file.py): round trip, damage, and disks that refuse."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.signed_file import DIGEST_BYTES, read_signed, write_signed


@pytest.mark.parametrize("value", [(1, "信访", 2.5), {"a": [1, 2]}, b"\x00\xff", ()])
def test_a_written_value_reads_back_equal(tmp_path: Path, value: object) -> None:
    write_signed(tmp_path / "sub" / "entry", value)
    assert read_signed(tmp_path / "sub" / "entry") == value


def test_a_missing_torn_or_altered_file_reads_as_nothing(tmp_path: Path) -> None:
    path = tmp_path / "entry"
    assert read_signed(path) is None
    write_signed(path, (1, 2, 3))
    data = path.read_bytes()
    path.write_bytes(data[:-1])  # torn
    assert read_signed(path) is None
    path.write_bytes(data[:DIGEST_BYTES] + data[DIGEST_BYTES:].replace(b"\x03", b"\x04"))  # altered
    assert read_signed(path) is None


def test_a_value_marshal_cannot_write_or_an_unwritable_place_stores_nothing(tmp_path: Path) -> None:
    write_signed(tmp_path / "entry", object())  # marshal refuses: nothing stored, nothing raised
    assert not (tmp_path / "entry").exists()
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    write_signed(blocker / "entry", (1,))  # its folder cannot be made
    assert read_signed(blocker / "entry") is None
