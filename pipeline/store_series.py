"""The store's `series` view: each township's figures by period, the previous period's value as stated and as reported."""

from __future__ import annotations

# One row per stored summary and indicator (its first exact current-period count or rate): the
# value, the previous-period value the summary states (去年同期214件), the change it states, and the
# value the township's own summary of the same period a year earlier reported (the latest stored
# one when that period was reported twice). The view compares same-period-a-year-earlier only;
# the basis a text names (环比, compared with 2019) is honoured by the series rules, not here.
SERIES_VIEW = """
CREATE OR REPLACE VIEW series AS
WITH current_values AS (
    SELECT d.rowid AS stored, d.doc_id, d.path, d.source, t.township_key, d.language, d.year, d.half,
           d.quarter, json_extract_string(d.record_json, '$.period.kind') AS period_kind,
           f.indicator, f.value, f.surface, f."start", f."end"
    FROM documents d JOIN townships t USING (township)
    JOIN facts f ON f.doc_id = d.doc_id AND f.path = d.path
    WHERE f.scope IS NULL AND f.kind IN ('count', 'rate') AND f.qualifier IS NULL
      AND f.indicator IS NOT NULL AND d.year IS NOT NULL AND t.township_key IS NOT NULL
    QUALIFY row_number() OVER (PARTITION BY d.doc_id, d.path, f.indicator ORDER BY f."start") = 1
),
stated AS (
    SELECT doc_id, path, indicator, value AS previous_stated, surface AS previous_stated_surface
    FROM facts WHERE scope = 'previous_period' AND kind IN ('count', 'rate') AND qualifier IS NULL
    QUALIFY row_number() OVER (PARTITION BY doc_id, path, indicator ORDER BY "start") = 1
),
changes AS (
    SELECT doc_id, path, indicator, value AS change_stated, unit AS change_unit, surface AS change_surface
    FROM facts WHERE kind = 'change' AND qualifier IS NULL AND scope IS NULL
    QUALIFY row_number() OVER (PARTITION BY doc_id, path, indicator ORDER BY "start") = 1
)
SELECT c.township_key, c.language, c.year, c.half, c.quarter, c.period_kind, c.indicator, c.value,
       c.surface, c.doc_id, c.source, c.path, s.previous_stated, s.previous_stated_surface,
       g.change_stated, g.change_unit, g.change_surface,
       p.value AS previous_reported, p.surface AS previous_reported_surface, p.doc_id AS previous_doc_id,
       p.source AS previous_source
FROM current_values c
LEFT JOIN stated s ON s.doc_id = c.doc_id AND s.path = c.path AND s.indicator = c.indicator
LEFT JOIN changes g ON g.doc_id = c.doc_id AND g.path = c.path AND g.indicator = c.indicator
LEFT JOIN current_values p ON p.township_key = c.township_key AND p.language = c.language
    AND p.indicator = c.indicator AND p.period_kind = c.period_kind AND p.year = c.year - 1
    AND p.half IS NOT DISTINCT FROM c.half AND p.quarter IS NOT DISTINCT FROM c.quarter
QUALIFY row_number() OVER (PARTITION BY c.doc_id, c.path, c.indicator ORDER BY p.stored DESC NULLS LAST) = 1
"""


def create_series_view(con) -> None:
    """(Re)create the view; it reads the townships table, so it follows the township keys."""
    con.execute(SERIES_VIEW)
