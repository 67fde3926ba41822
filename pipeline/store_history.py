"""The store's earlier summaries read back as series items: the history a batch is checked against."""

from __future__ import annotations

from pathlib import Path

from pipeline.errors import HistoryStoreError
from pipeline.schema import Record
from pipeline.series import SeriesItem, series_item

# one row per stored summary, in the order it was stored, with the md5 of its text (substring counts
# characters, as Python does); documents without their file's text get no hash and are kept apart
_QUERY = """
SELECT d.record_json, md5(substring(f.text, d."start" + 1, d."end" - d."start"))
FROM documents d LEFT JOIN (SELECT DISTINCT path, text FROM files) f ON f.path = d.path
WHERE d.township IS NOT NULL AND d.year IS NOT NULL
ORDER BY d.rowid
"""


def history_items(con) -> tuple[SeriesItem, ...]:
    """Every stored summary with a township and a year, as an item of its township's series."""
    items = []
    for order, (record_json, digest) in enumerate(con.execute(_QUERY).fetchall()):
        record = Record.model_validate_json(record_json)
        items.append(series_item(record, None, order, earlier=True, digest=digest))
    return tuple(items)


def load_history(path: Path) -> tuple[SeriesItem, ...]:
    """The earlier summaries of a store file, read only; a bad file raises HistoryStoreError."""
    try:
        import duckdb
    except ImportError as error:
        raise HistoryStoreError("reading a store needs duckdb: install the extra with "
                                "`pip install -e '.[store]'`", path) from error
    if not Path(path).is_file():
        raise HistoryStoreError("no such store file; give the petitions.duckdb a run wrote "
                                "(run --db, or OUT/petitions.duckdb)", path)
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as error:
        raise HistoryStoreError(f"cannot be opened as a DuckDB store ({str(error).splitlines()[0]}); "
                                "give the petitions.duckdb a run wrote", path) from error
    try:
        return history_items(con)
    except duckdb.Error as error:
        raise HistoryStoreError("is not a Petition Miner store (no documents table with summaries); "
                                "give the petitions.duckdb a run wrote", path) from error
    finally:
        con.close()
