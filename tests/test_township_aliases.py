"""The township alias table: UTF-8 with or without BOM, GB18030, and coded errors naming the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.errors import AliasTableError
from pipeline.township_aliases import TABLE_NAME, alias_tables, load_aliases, read_alias_pairs

TABLE = "name,alias\n白鹭镇,Bailu Town\n凤台镇, Fengtai Township \n\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_alias_table_reads_the_encodings_excel_saves(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / TABLE_NAME
    path.write_bytes(TABLE.encode(encoding))
    assert read_alias_pairs(path) == [("白鹭镇", "Bailu Town"), ("凤台镇", "Fengtai Township")]


@pytest.mark.parametrize("content, said", [
    ("", "header row"),
    ("township,other\n白鹭镇,Bailu Town\n", "header row"),
    ("name,alias\n白鹭镇\n", "row 2"),
    ("name,alias\n白鹭镇,Bailu Town\n凤台镇,,x\n", "row 3"),
    ("name,alias\n,Bailu Town\n", "row 2"),
])
def test_alias_table_refuses_bad_rows_with_a_coded_message(tmp_path: Path, content: str, said: str) -> None:
    path = tmp_path / TABLE_NAME
    path.write_text(content, encoding="utf-8")
    with pytest.raises(AliasTableError) as caught:
        read_alias_pairs(path)
    assert said in caught.value.message and str(path) in caught.value.format() and "E410" in caught.value.format()


def test_alias_table_missing_file_is_a_coded_error(tmp_path: Path) -> None:
    with pytest.raises(AliasTableError, match="cannot be read"):
        load_aliases([tmp_path], tmp_path / "none.csv")


def test_alias_tables_found_in_the_folders_given_unless_one_is_named(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / TABLE_NAME).write_text(TABLE, encoding="utf-8")
    named = tmp_path / "mine.csv"
    named.write_text("name,alias\n白鹭镇,Egret Town\n", encoding="utf-8")
    folders = [tmp_path / "a", tmp_path / "b", tmp_path / "a" / TABLE_NAME]
    assert alias_tables(folders) == [tmp_path / "a" / TABLE_NAME]
    assert load_aliases(folders) == {"bailu": "白鹭", "fengtai": "凤台"}
    assert load_aliases(folders, named) == {"egret": "白鹭"}
