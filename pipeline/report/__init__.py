"""Reviewer-facing outputs: the self-contained HTML report and the Excel workbook."""

from pipeline.report.excel import column_labels, write_excel
from pipeline.report.html import write_report

__all__ = ["column_labels", "write_excel", "write_report"]
