"""What the batch rules keep of each summary: the template-copy view plus the figures its township's series reads."""

from __future__ import annotations

from dataclasses import dataclass, fields

from pipeline.checks.copies import CopyView
from pipeline.schema import Record
from pipeline.series import SeriesFact, Slot, series_facts, slot_of


@dataclass(frozen=True, slots=True)
class BatchView(CopyView):
    """A CopyView with the summary's id, township, comparable period and series figures (under 1 KB more)."""

    doc_id: str = ""
    township: str | None = None
    slot: Slot | None = None
    series_facts: tuple[SeriesFact, ...] = ()

    @classmethod
    def of(cls, record: Record) -> BatchView:
        base = CopyView.of(record)
        return cls(**{f.name: getattr(base, f.name) for f in fields(CopyView)}, doc_id=record.doc_id,
                   township=record.township, slot=slot_of(record.period), series_facts=series_facts(record.facts))
