"""The user's township alias table (townships.csv: name, alias) read into stems, with coded errors."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Iterable

from pipeline.errors import AliasTableError
from pipeline.townships import alias_stems

TABLE_NAME = "townships.csv"
COLUMNS = ("name", "alias")
MAX_BYTES = 10 * 1024 * 1024


def _decode(data: bytes, path: Path) -> str:
    """UTF-8 (with or without BOM), else GB18030: what Excel on Chinese Windows saves as CSV."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise AliasTableError("is neither UTF-8 nor GB18030 text; save it as CSV UTF-8", path)


def read_alias_pairs(path: Path) -> list[tuple[str, str]]:
    """The (name, alias) rows of one table; a header row `name,alias` comes first."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise AliasTableError(f"is larger than {MAX_BYTES // 2**20} MB; an alias table holds names", path)
        data = path.read_bytes()
    except OSError as error:
        raise AliasTableError(f"cannot be read ({error.strerror or error}); fix the path given with "
                              "--townships or the file's permissions", path) from error
    rows = list(csv.reader(io.StringIO(_decode(data, path))))
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows or tuple(cell.strip().lower() for cell in rows[0]) != COLUMNS:
        found = ",".join(rows[0]) if rows else "nothing"
        raise AliasTableError(f"must start with the header row 'name,alias' (found {found!r}); each row "
                              "then gives a township's name and another name of it, e.g. 白鹭镇,Bailu Town", path)
    pairs = []
    for line, row in enumerate(rows[1:], 2):
        cells = [cell.strip() for cell in row]
        if len(cells) != 2 or not all(cells):
            raise AliasTableError(f"row {line} must hold two names, a township's name and an alias "
                                  f"(found {','.join(row)!r})", path)
        pairs.append((cells[0], cells[1]))
    return pairs


def alias_tables(paths: Iterable[Path], explicit: Path | None = None) -> list[Path]:
    """The tables a batch reads: the one given with --townships, else townships.csv in each folder given."""
    if explicit is not None:
        return [explicit]
    return [folder / TABLE_NAME for folder in paths if folder.is_dir() and (folder / TABLE_NAME).is_file()]


def load_aliases(paths: Iterable[Path], explicit: Path | None = None) -> dict[str, str]:
    """{alias stem: name stem} from every table of the batch (later tables win on a conflict)."""
    pairs = [pair for table in alias_tables(paths, explicit) for pair in read_alias_pairs(table)]
    return alias_stems(pairs)
