"""The store's township keys and its `summaries` and `series` views: recomputed over every stored summary at each run."""

from __future__ import annotations

from pipeline.errors import StoreError
from pipeline.store_series import create_series_view
from pipeline.townships import township_keys

SUMMARIES_VIEW = """
CREATE OR REPLACE VIEW summaries AS
SELECT d.doc_id, d.path, d.source, d.township, t.township_key, d.year, d.half, d.quarter,
       json_extract_string(d.record_json, '$.period.kind') AS period_kind, d.period_raw, d.language
FROM documents d LEFT JOIN townships t USING (township)
"""


def refresh_township_keys(con, aliases: dict[str, str], path=None) -> int:
    """refresh_keys, a failure of DuckDB's (a full disk) a StoreError naming the store."""
    import duckdb

    try:
        return refresh_keys(con, aliases)
    except duckdb.Error as error:
        raise StoreError(f"cannot write the township keys ({error})", path) from error


def refresh_keys(con, aliases: dict[str, str]) -> int:
    """Rewrite `townships` (township, township_key) from every township name of `documents` and
    the alias table, inside the open transaction, and (re)create the `summaries` view. Returns the
    number of names."""
    import pandas as pd

    con.execute("CREATE TABLE IF NOT EXISTS townships (township VARCHAR, township_key VARCHAR)")
    names = [row[0] for row in con.execute(
        "SELECT DISTINCT township FROM documents WHERE township IS NOT NULL ORDER BY township").fetchall()]
    keys = township_keys(names, aliases)
    con.execute("DELETE FROM townships")
    if names:
        frame = pd.DataFrame({"township": names, "township_key": [keys.get(name) for name in names]}, dtype=object)
        con.from_df(frame).project("CAST(township AS VARCHAR), CAST(township_key AS VARCHAR)").insert_into("townships")
    con.execute(SUMMARIES_VIEW)
    create_series_view(con)
    return len(names)
