"""The store's earlier summaries read back as series items: the history a batch is checked against."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.errors import HistoryStoreError
from pipeline.schema import Period
from pipeline.series import SeriesItem, series_facts_of_dicts, slot_of

# one row per stored summary with a township and a year, in the order it was stored: its place,
# period, the md5 of its text (substring counts characters, as Python does; no hash without the
# file's text) and its facts as JSON (DuckDB reads them out of the record; the rest of the record,
# measures and problems, is never parsed)
_QUERY = """
SELECT d.doc_id, d.source, d.part, d."start", d."end", d.language, d.township, d.year, d.half, d.quarter,
       json_extract_string(d.record_json, '$.period.kind'),
       md5(substring(f.text, d."start" + 1, d."end" - d."start")),
       CAST(json_extract(d.record_json, '$.facts') AS VARCHAR)
FROM documents d LEFT JOIN (SELECT DISTINCT path, text FROM files) f ON f.path = d.path
WHERE d.township IS NOT NULL AND d.year IS NOT NULL
ORDER BY d.rowid
"""


def history_items(con) -> tuple[SeriesItem, ...]:
    """Every stored summary with a township and a year, as an item of its township's series."""
    items = []
    for order, row in enumerate(con.execute(_QUERY).fetchall()):
        doc_id, source, part, start, end, language, township, year, half, quarter, kind, digest, facts = row
        slot = slot_of(Period(year=year, half=half, quarter=quarter, kind=kind))
        if slot is None:
            continue
        items.append(SeriesItem(order, doc_id, source, part, start, end, language, township, slot,
                                series_facts_of_dicts(json.loads(facts or "[]")), digest or f"{source}#{part}",
                                earlier=True))
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
