"""What the batch rules keep of each summary: the template-copy view plus the figures its township's series reads."""

from __future__ import annotations

from dataclasses import dataclass, fields

from pipeline.checks.copies import CopyView
from pipeline.schema import Fact, Period, Record
from pipeline.series import series_facts


@dataclass(frozen=True, slots=True)
class BatchView(CopyView):
    """A CopyView with the summary's id, township, period and series figures (a few KB more)."""

    doc_id: str = ""
    township: str | None = None
    period: Period | None = None
    series_facts: tuple[Fact, ...] = ()

    @classmethod
    def of(cls, record: Record) -> BatchView:
        base = CopyView.of(record)
        return cls(**{f.name: getattr(base, f.name) for f in fields(CopyView)}, doc_id=record.doc_id,
                   township=record.township, period=record.period, series_facts=series_facts(record.facts))
