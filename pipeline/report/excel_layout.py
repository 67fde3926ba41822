"""The Summaries sheet as staff read it: township, period and key figures first, rates in %, links to rows."""

from __future__ import annotations

from pipeline.table import RECOMPUTED_RATE

# township and period (frozen), then received, settled, stated and recomputed rate, satisfaction,
# errors and warnings; every other column after them in the table's order
LEAD_COLUMNS = ("township", "period", "petitions_total", "cases_settled", "settlement_rate", RECOMPUTED_RATE,
                "satisfaction_rate", "findings_error", "findings_warning")
FROZEN_COLUMNS = 2  # township and period stay in view
PERCENT_FORMAT = '0.0"%"'  # a rate is stored as stated (95.5 for 95.5%), shown with a % sign


def summary_columns(columns: list[str]) -> list[str]:
    """The lead columns (added when the batch lacks them, so that they always stand first), then the rest."""
    return list(LEAD_COLUMNS) + [column for column in columns if column not in LEAD_COLUMNS]


def summary_frame(table):
    """The table with its columns in summary_columns order; a lead column the batch lacks is empty."""
    return table.reindex(columns=summary_columns([str(column) for column in table.columns]))


def is_rate(column: str) -> bool:
    """A column of percentages: a stated rate (settlement_rate, satisfaction_rate, ...) or a recomputed one."""
    return column.endswith("_rate") or column == RECOMPUTED_RATE


def frozen_cell() -> str:
    """The top-left cell that is not frozen: below the header, right of township and period."""
    return f"{chr(ord('A') + FROZEN_COLUMNS)}2"


def row_links(doc_ids, sheet_rows: int, title: str = "Summaries") -> dict[str, str]:
    """doc_id -> the internal link to its row of the Summaries sheet (or its continuation sheet
    "Summaries (2)", ...), each holding sheet_rows - 1 data rows; the first row of a doc_id wins."""
    capacity, links = sheet_rows - 1, {}
    for index, doc_id in enumerate(doc_ids):
        number, row = divmod(index, capacity)
        name = title if number == 0 else f"{title} ({number + 1})"
        links.setdefault(doc_id, f"internal:'{name}'!A{row + 2}")
    return links
