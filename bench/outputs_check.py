"""`python -m bench.outputs_check BEFORE AFTER [--cells] [--db BEFORE.duckdb AFTER.duckdb]`: two `run` output folders compared (speed work keeps every output identical).

Every file of the folders byte for byte (records, findings, facts, the table, the report, errors);
the workbook by its zip parts, each decompressed and compared byte for byte (the zip's own bytes,
which depend on the compression level, are not), and with --cells also as openpyxl reads it: sheet
names, cell values, styles, comments, links, frozen panes, column widths, filters. With --db the
DuckDB stores table by table (files.settings, which hashes the pipeline's code, left out). Exits 1
and names each difference when anything differs."""

from __future__ import annotations

import argparse
import sys
import zipfile
from pathlib import Path

WORKBOOK = "table.xlsx"
IGNORED_STORE_COLUMNS = {("files", "settings")}  # the settings key hashes the pipeline's code


def compare_files(before: Path, after: Path) -> list[str]:
    """Differences between the two folders' files, the workbook compared by its parts."""
    problems = []
    names = sorted({p.name for p in before.iterdir() if p.is_file()} | {p.name for p in after.iterdir() if p.is_file()})
    for name in names:
        one, two = before / name, after / name
        if not one.exists() or not two.exists():
            problems.append(f"{name}: only in {'after' if not one.exists() else 'before'}")
        elif name == WORKBOOK:
            problems += compare_workbook_parts(one, two)
        elif one.read_bytes() != two.read_bytes():
            problems.append(f"{name}: bytes differ")
    return problems


def compare_workbook_parts(before: Path, after: Path) -> list[str]:
    """The workbooks' zip parts: the same names in the same order, each the same bytes once decompressed."""
    with zipfile.ZipFile(before) as one, zipfile.ZipFile(after) as two:
        names = [info.filename for info in one.infolist()]
        if names != [info.filename for info in two.infolist()]:
            return [f"{WORKBOOK}: parts differ ({names} vs {two.namelist()})"]
        return [f"{WORKBOOK}: part {name} differs" for name in names if one.read(name) != two.read(name)]


def _style(cell) -> tuple:
    return (repr(cell.font), repr(cell.fill), repr(cell.border), repr(cell.alignment), cell.number_format,
            repr(cell.protection))


def _comment(cell) -> tuple | None:
    c = cell.comment
    return None if c is None else (c.text, c.author, c.width, c.height)


def _link(cell) -> tuple | None:
    h = cell.hyperlink
    return None if h is None else (h.ref, h.location, h.target, h.display)


def compare_workbook_cells(before: Path, after: Path) -> list[str]:
    """The workbooks as openpyxl reads them: sheets, every cell's value, style, comment and link,
    the frozen panes, column widths and filters."""
    from openpyxl import load_workbook

    one, two = load_workbook(before), load_workbook(after)
    if one.sheetnames != two.sheetnames:
        return [f"sheets differ: {one.sheetnames} vs {two.sheetnames}"]
    problems = []
    for name in one.sheetnames:
        a, b = one[name], two[name]
        if (a.max_row, a.max_column, a.freeze_panes, a.auto_filter.ref) != \
                (b.max_row, b.max_column, b.freeze_panes, b.auto_filter.ref):
            problems.append(f"{name}: size, panes or filter differ")
        widths = [(k, d.width) for k, d in sorted(a.column_dimensions.items())]
        if widths != [(k, d.width) for k, d in sorted(b.column_dimensions.items())]:
            problems.append(f"{name}: column widths differ")
        for row_a, row_b in zip(a.iter_rows(), b.iter_rows()):
            for x, y in zip(row_a, row_b):
                if (x.value, _style(x), _comment(x), _link(x)) != (y.value, _style(y), _comment(y), _link(y)):
                    problems.append(f"{name}!{x.coordinate}: {x.value!r} vs {y.value!r} (or its style, comment, link)")
                    if len(problems) > 20:
                        return problems
    return problems


def compare_stores(before: Path, after: Path) -> list[str]:
    """The two DuckDB stores table by table, rows in a sorted order."""
    import duckdb

    problems = []
    with duckdb.connect(str(before), read_only=True) as one, duckdb.connect(str(after), read_only=True) as two:
        tables = [row[0] for row in one.execute("SELECT table_name FROM information_schema.tables ORDER BY 1").fetchall()]
        other = [row[0] for row in two.execute("SELECT table_name FROM information_schema.tables ORDER BY 1").fetchall()]
        if tables != other:
            return [f"store tables differ: {tables} vs {other}"]
        for table in tables:
            columns = [row[0] for row in one.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
                [table]).fetchall() if (table, row[0]) not in IGNORED_STORE_COLUMNS]
            quoted = ", ".join(f'"{column}"' for column in columns)
            query = f'SELECT {quoted} FROM "{table}" ORDER BY ALL'
            if one.execute(query).fetchall() != two.execute(query).fetchall():
                problems.append(f"store table {table} differs")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.outputs_check", description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--cells", action="store_true", help="also compare the workbooks cell by cell (openpyxl)")
    parser.add_argument("--db", nargs=2, type=Path, metavar=("BEFORE", "AFTER"), help="DuckDB stores to compare")
    args = parser.parse_args(argv)
    problems = compare_files(args.before, args.after)
    differing = {problem.split(":", 1)[0] for problem in problems}
    if args.cells:
        cells = compare_workbook_cells(args.before / WORKBOOK, args.after / WORKBOOK)
        differing |= {WORKBOOK} if cells else set()
        problems += cells
    stores = compare_stores(*args.db) if args.db else []
    problems += stores
    for problem in problems:
        print(problem)
    compared = sorted(p.name for p in args.before.iterdir() if p.is_file())
    same = [name for name in compared if name not in differing]
    print(f"identical: {', '.join(same) or '-'}" + (" (workbook cell by cell too)" if args.cells else "")
          + ("; the stores table by table" + (" DIFFER" if stores else " too") if args.db else "")
          + (f"; DIFFERENT: {', '.join(sorted(differing))}" if differing else ""))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
