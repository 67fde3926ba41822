"""DuckDB persistence of a batch: records, facts, measures, problems, findings and file texts."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from pipeline.errors import ConfigError, StoreError
from pipeline.process import ProcessedFile
from pipeline.schema import Record
from pipeline.store_identity import SCHEMA_VERSION, gone, identity, migrate_from_1, under
from pipeline.store_rows import RECORD_TABLES, TABLES, ToJson, _Pending, without_batch_findings  # noqa: F401

DEFAULT_NAME = "petitions.duckdb"
FLUSH_ROWS = 50_000  # rows queued before a save writes them (within its one transaction)
MEMORY_LIMIT_MB = 512  # DuckDB's own memory; past it the open transaction spills to DB.tmp/
PACKAGE_DIR = Path(__file__).resolve().parent


def duckdb_memory_limit() -> str:
    """DuckDB's memory limit: MEMORY_LIMIT_MB, or a quarter of the process's address-space limit when
    one is set (ulimit -v, a container): DuckDB sizes itself by the machine's RAM and would otherwise
    fail to allocate, not spill, once the process nears its limit."""
    try:
        import resource

        soft, _ = resource.getrlimit(resource.RLIMIT_AS)
        unlimited = soft < 0 or soft == resource.RLIM_INFINITY
    except (ImportError, OSError, ValueError):  # no resource module (Windows)
        soft, unlimited = 0, True
    if unlimited:
        return f"{MEMORY_LIMIT_MB}MB"
    return f"{max(64, min(MEMORY_LIMIT_MB, soft // (4 * 1024 * 1024)))}MB"

def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def settings_key(classify: bool, config=None) -> str:
    """What the stored records depend on besides the file: pipeline code, resources, models, options."""
    from pipeline.classifiers.scorer import MODELS_DIR

    digest = hashlib.sha256(f"classify={classify}\n".encode())
    digest.update((config.model_dump_json() if config is not None else "default-config").encode())
    files = sorted(p for suffix in ("*.py", "*.yaml") for p in PACKAGE_DIR.rglob(suffix)
                   if "report" not in p.relative_to(PACKAGE_DIR).parts)
    files += sorted(Path(MODELS_DIR).glob("*.skops")) + sorted(Path(MODELS_DIR).glob("*.scorer.npz"))
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class _Reused:
    """What stored() gave for a file: where it was stored, under which name, its records' JSON."""

    path: str
    source: str
    jsons: tuple[str, ...]
    doc_ids: tuple[str, ...]


@dataclass(frozen=True)
class _Catalogue:
    """The files table without its texts: path -> (content hash, settings), and the paths of each
    content hash in path order (where a renamed file is looked for)."""

    keys: dict[str, tuple[str, str]]
    by_hash: dict[str, list[str]]

    @classmethod
    def of(cls, rows: Iterable[tuple[str, str, str]]) -> _Catalogue:
        keys: dict[str, tuple[str, str]] = {}
        by_hash: dict[str, list[str]] = {}
        for path, digest, settings in sorted(rows):
            keys[path] = (digest, settings)
            by_hash.setdefault(digest, []).append(path)
        return cls(keys, by_hash)

    def renamed(self, digest: str, settings: str, key: str) -> list[str]:
        """Paths other than `key` stored with these bytes and settings, in path order."""
        return [path for path in self.by_hash.get(digest, ()) if path != key and self.keys[path][1] == settings]


@dataclass
class SaveStats:
    replaced: int = 0  # files whose rows were written anew
    refreshed: int = 0  # unchanged files whose cross-document findings changed
    removed: int = 0  # files that became unreadable: their rows are gone
    moved: int = 0  # files stored under a path that is gone and found again under another (renamed)


class Store:
    """One DuckDB file; every write is one transaction."""

    def __init__(self, path: Path) -> None:
        try:
            import duckdb
        except ImportError as error:
            raise ConfigError("the DuckDB store needs duckdb: install the extra with "
                              "`pip install -e '.[store]'`") from error
        self.path = Path(path)
        if self.path.is_dir():
            raise ConfigError(f"the store path {self.path} is a folder; pass a file with --db")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise ConfigError(f"cannot make the folder of the store {self.path} ({error.strerror or error}); "
                              "pass another file with --db") from error
        try:
            # one thread: the rows come from this process one batch at a time, and each DuckDB thread
            # reserves address space of its own (under ulimit -v a second one made a commit fail)
            self.con = duckdb.connect(str(self.path), config={"memory_limit": duckdb_memory_limit(), "threads": 1})
        except duckdb.Error as error:
            raise ConfigError(f"cannot open the store {self.path} ({error}); another run may be using it, "
                              "or it is not a DuckDB file: pass another file with --db") from error
        self._reused: dict[str, _Reused] = {}  # path -> what stored() gave for it
        self._catalogue: _Catalogue | None = None  # the files table without texts, read at the first look-up
        self.notes: list[str] = []  # what the user should know about the store (a migration)
        self._create()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def _create(self) -> None:
        self.con.execute("CREATE TABLE IF NOT EXISTS store_info (key VARCHAR, value VARCHAR)")
        found = self.con.execute("SELECT value FROM store_info WHERE key = 'schema_version'").fetchone()
        if found is None:
            self.con.execute("INSERT INTO store_info VALUES ('schema_version', ?)", [SCHEMA_VERSION])
        elif found[0] == "1":
            self._migrate()
        elif found[0] != SCHEMA_VERSION:
            raise ConfigError(f"the store {self.path} has schema version {found[0]}, this version writes "
                              f"{SCHEMA_VERSION}: pass a new file with --db or delete the old one")
        for table, columns in TABLES.items():
            spec = ", ".join(f'"{name}" {kind}' for name, kind in columns)
            self.con.execute(f"CREATE TABLE IF NOT EXISTS {table} ({spec})")

    def _migrate(self) -> None:
        """Rewrite a schema 1 store as this schema, in one transaction (see store_identity)."""
        import duckdb

        try:
            self.con.begin()
            self.notes.append(migrate_from_1(self.con, TABLES))
            self.con.execute("UPDATE store_info SET value = ? WHERE key = 'schema_version'", [SCHEMA_VERSION])
            self.con.commit()
        except duckdb.Error as error:
            self.con.rollback()
            raise StoreError(f"cannot migrate the store from schema 1 ({error}); it keeps its previous content",
                             self.path) from error

    def _files(self) -> _Catalogue:
        """Every stored file's path, content hash and settings, read in one query at the first
        look-up (not one query per input file); a save or a prune reads it again."""
        if self._catalogue is None:
            self._catalogue = _Catalogue.of(self.con.execute("SELECT path, content_hash, settings FROM files").fetchall())
        return self._catalogue

    def stored(self, source: str, content_hash: str, settings: str, path: Path | None = None,
               base: str | None = None) -> ProcessedFile | None:
        """The stored text and records of a file whose bytes and settings are unchanged, else None:
        the file stored at its resolved path, or for a path not stored yet, a file with the same
        bytes stored under a path that is gone (it was renamed or moved). The records are named as this batch names them
        (`source`; doc_ids `base#part` when `base` is given)."""
        key = identity(path if path is not None else source)
        files = self._files()
        found = files.keys.get(key)
        if found is None:  # a new path: the file may have been renamed
            found = next(((other, content_hash, settings) for other in files.renamed(content_hash, settings, key)
                          if gone(other)), None)
        else:
            found = (key, *found)
        if found is None or found[1] != content_hash or found[2] != settings:
            return None
        row = self.con.execute("SELECT source, text FROM files WHERE path = ?", [found[0]]).fetchone()
        jsons = tuple(r[0] for r in self.con.execute(
            "SELECT record_json FROM documents WHERE path = ? ORDER BY part", [found[0]]).fetchall())
        if row is None or not jsons:
            return None
        records = tuple(without_batch_findings(Record.model_validate_json(j)) for j in jsons)
        self._reused[key] = _Reused(found[0], row[0], jsons, tuple(r.doc_id for r in records))
        named = tuple(r.model_copy(update={"source": source, "doc_id": f"{base}#{r.part}" if base else r.doc_id})
                      for r in records)
        return ProcessedFile(Path(source), row[1], named)

    def save(self, results: Iterable, settings: str | Callable[[str | None], str], commit: bool = True,
             to_json: ToJson = Record.to_json) -> SaveStats:
        """Write a finished batch (FileResults carrying their final records) in one transaction
        (`settings` the settings key, or a function of each file's content hash giving its key),
        FLUSH_ROWS rows at a time; DuckDB keeps the open transaction within its memory limit (it
        spills to disk past it), so a large batch is not held in memory twice. With commit=False
        the transaction stays open until commit() or rollback(). `to_json` gives a record's JSON (a
        caller that wrote records.jsonl first passes what it wrote, so it is not made twice)."""
        import duckdb

        self._catalogue = None  # the save changes the files table
        stats = SaveStats()
        pending = _Pending()
        done: list[str] = []
        seen: set[str] = set()
        self._begin()
        try:
            # only these can have rows to delete: each flush then scans the tables only when needed
            stored: dict[str, str] = dict(self.con.execute("SELECT path, content_hash FROM files").fetchall())
            by_hash: dict[str, list[str]] = {}
            for path, digest in stored.items():
                by_hash.setdefault(digest, []).append(path)
            for result in results:
                key = identity(result.path)
                if key in seen:  # the same file given twice (or by two names) is stored once
                    continue
                seen.add(key)
                self._add_result(pending, result, key, settings, stats, to_json)
                if key not in stored and result.status != "error":  # a new path: a renamed file's old rows go
                    moved = [p for p in by_hash.get(result.content_hash, ()) if p not in seen and gone(p)]
                    pending.replace += moved
                    stats.moved += len(moved)
                if pending.size >= FLUSH_ROWS:
                    done += self._flush(pending, stored)
                    pending = _Pending()
            done += self._flush(pending, stored)
            if commit:
                self.commit()
        except duckdb.Error as error:
            self.rollback()
            raise StoreError(f"cannot write the store ({error}); it keeps its previous content", self.path) from error
        except BaseException:
            self.rollback()
            raise
        for key in done:
            self._reused.pop(key, None)
        return stats

    def prune(self, roots: list[Path]) -> int:
        """Within the open save, remove the files stored under `roots` (folders, or files given by
        name) that no longer exist; the number removed."""
        self._catalogue = None
        keys = [identity(root) for root in roots]
        paths = [row[0] for row in self.con.execute("SELECT path FROM files").fetchall()]
        doomed = [path for path in paths if under(path, keys) and gone(path)]
        for table in TABLES:
            self._delete(table, doomed)
        return len(doomed)

    def _begin(self) -> None:
        import duckdb

        try:
            self.con.begin()
            self._open = True
        except duckdb.Error as error:
            raise StoreError(f"cannot write the store ({error})", self.path) from error

    def commit(self) -> None:
        """Commit the open save; a failure (a full disk) is a StoreError and nothing is kept."""
        import duckdb

        if not getattr(self, "_open", False):
            return
        try:
            self.con.commit()
            self._open = False
        except duckdb.Error as error:
            self.rollback()
            raise StoreError(f"cannot commit the store ({error}); it keeps its previous content", self.path) from error

    def rollback(self) -> None:
        """Undo the open save, if any; a transaction DuckDB already aborted needs nothing more."""
        import duckdb

        if not getattr(self, "_open", False):
            return
        self._open = False
        self._catalogue = None
        try:
            self.con.rollback()
        except duckdb.Error:
            pass

    def _add_result(self, pending: _Pending, result, key: str, settings, stats: SaveStats,
                    to_json: ToJson = Record.to_json) -> None:
        """Queue the rows (and the deletions) one file's result asks for; `key` is its path."""
        if result.status == "error":
            if result.content_hash is not None:  # read but unreadable now; a missing path keeps its rows
                pending.replace.append(key)
                stats.removed += 1
            return
        records = result.file.records
        reused = self._reused.get(key)
        if result.status == "skipped" and reused is not None and reused.path == key and reused.source == result.source \
                and tuple(r.doc_id for r in records) == reused.doc_ids:
            if tuple(map(to_json, records)) == reused.jsons:
                return
            pending.refresh.append(key)
            stats.refreshed += 1
            pending.add(records, result.content_hash, sha256_text(result.file.text), key, ("documents", "findings"),
                        to_json)
            return
        # processed, or stored under another path or name: every row is written anew
        pending.replace.append(key)
        stats.replaced += 1
        text_hash = sha256_text(result.file.text)
        own = settings if isinstance(settings, str) else settings(result.content_hash)
        pending.rows["files"].append((result.source, result.content_hash, result.file.text, text_hash, own, key))
        pending.add(records, result.content_hash, text_hash, key, RECORD_TABLES, to_json)

    def _flush(self, pending: _Pending, stored) -> list[str]:
        """Delete the rows the queued files replace (those `stored` before this save), insert the
        queued rows; the paths done."""
        replace = [path for path in pending.replace if path in stored]
        refresh = [path for path in pending.refresh if path in stored]
        self._delete("files", replace)
        for table in RECORD_TABLES:
            self._delete(table, replace)
        for table in ("documents", "findings"):
            self._delete(table, refresh)
        for table, items in pending.rows.items():
            self._insert(table, items)
        return pending.replace + pending.refresh

    def _delete(self, table: str, paths: list[str]) -> None:
        if paths:
            self.con.execute(f"DELETE FROM {table} WHERE path IN (SELECT unnest(?::VARCHAR[]))", [paths])

    def _insert(self, table: str, items: list[tuple]) -> None:
        """Bulk insert through a DataFrame (executemany is slow in DuckDB), casting to the schema.
        Through a relation, not a registered view: a view dropped inside the transaction stays in
        its catalog until the commit, and with it the DataFrame and every string of the batch."""
        if not items:
            return
        columns = TABLES[table]
        casts = ", ".join(f"CAST(c{n} AS {kind})" for n, (_, kind) in enumerate(columns))
        self.con.from_df(_staging_frame(items, len(columns))).project(casts).insert_into(table)

    def set_township_keys(self, aliases: dict[str, str]) -> None:
        """The townships table and the summaries view over every stored summary (pipeline.store_keys)."""
        from pipeline.store_keys import refresh_township_keys

        refresh_township_keys(self.con, aliases, self.path)

    def count(self, table: str) -> int:
        return self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def _staging_frame(items: list[tuple], width: int):
    """The rows as a DataFrame of Python objects, columns c0, c1, ...; cast by the insert."""
    import pandas as pd

    return pd.DataFrame(items, columns=[f"c{n}" for n in range(width)], dtype=object)


def default_path(out: Path) -> Path:
    return Path(out) / DEFAULT_NAME
