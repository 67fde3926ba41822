"""Which stored file an input is: its resolved path; renames by content hash; pruning; the schema 1 -> 2 migration."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from pipeline.reading import display_name

SCHEMA_VERSION = "2"  # 2: every table carries `path`, the file's resolved path, which identifies it


def identity(path: Path | str) -> str:
    """The key of a file in the store: its absolute path with symbolic links resolved, so that
    a folder given as a relative and as an absolute path, or through a link, is the same file."""
    return display_name(os.path.realpath(path))


def under(path: str, roots: list[str]) -> bool:
    """Whether a stored path is one of the roots or inside one of them."""
    return any(path == root or path.startswith(root.rstrip(os.sep) + os.sep) for root in roots)


def _escaped_bytes(path: str) -> bytes:
    """The bytes a name shown with \\xNN escapes stands for."""
    return re.sub(rb"\\x([0-9a-f]{2})", lambda m: bytes([int(m.group(1), 16)]), path.encode("utf-8"))


def gone(path: str) -> bool:
    """Whether a stored file is no longer on disk (a rename or a deletion). A path whose bytes are
    not UTF-8 is stored as display_name shows it (GB18030, or \\xNN escapes): its bytes are tried."""
    if os.path.lexists(path):
        return False
    candidates = []
    try:
        candidates.append(path.encode("gb18030"))
    except UnicodeEncodeError:
        pass
    if "\\x" in path:
        candidates.append(_escaped_bytes(path))
    return not any(os.path.lexists(name) for name in candidates)


def _disk_hash(path: str) -> str | None:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


def migrate_from_1(con, tables: dict) -> str:
    """Rewrite a schema 1 store (files keyed by the path as given) as schema 2, in the caller's
    transaction: each table gains `path`, the path as given resolved against the working
    directory; copies of one file stored under two names (a relative and an absolute path) are
    kept once, the copy whose bytes match the file on disk first. Returns a note for the user."""
    for table in tables:
        con.execute(f'ALTER TABLE {table} ADD COLUMN "path" VARCHAR')
    sources = [row[0] for row in con.execute("SELECT DISTINCT source FROM files").fetchall()]
    con.execute("CREATE TEMP TABLE source_path (source VARCHAR, path VARCHAR)")
    con.executemany("INSERT INTO source_path VALUES (?, ?)", [(s, identity(s)) for s in sources])
    for table in tables:
        con.execute(f"UPDATE {table} SET path = m.path FROM source_path m WHERE {table}.source = m.source")
    con.execute("DROP TABLE source_path")
    removed = 0
    clashes = con.execute("SELECT path, list(source ORDER BY source), list(content_hash ORDER BY source) "
                          "FROM files GROUP BY path HAVING count(*) > 1").fetchall()
    for path, names, hashes in clashes:
        current = _disk_hash(path)
        keep = next((name for name, digest in zip(names, hashes) if digest == current), names[0])
        for name in names:
            if name != keep:
                for table in tables:
                    con.execute(f"DELETE FROM {table} WHERE path = ? AND source = ?", [path, name])
                removed += 1
    return (f"the store was written by an older version (schema 1, files keyed by the path as given) and "
            f"was migrated to schema {SCHEMA_VERSION}: {len(sources)} files keyed by their resolved path "
            f"(relative paths resolved against {os.getcwd()}), {removed} duplicate copies removed")
