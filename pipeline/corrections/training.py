"""A corrections file's corrected units as labelled units for the classifiers' training data."""

from __future__ import annotations

import re

from pipeline.classifiers.data import LabelledUnit
from pipeline.corrections.model import CorrectionsFile, SetUnit

CJK = re.compile(r"[\u3400-\u9fff]")
TASKS = {"measure": "measures", "problem": "problems"}


def corrected_units(corrections: CorrectionsFile) -> tuple[dict[str, list[LabelledUnit]], int]:
    """Units per task ('measures', 'problems') from the set_unit entries that carry their text
    (`surface`) and at least one category; and how many set_unit entries were left out."""
    units: dict[str, list[LabelledUnit]] = {task: [] for task in TASKS.values()}
    skipped = 0
    for entry in corrections.entries:
        if not isinstance(entry, SetUnit):
            continue
        if not entry.surface or not entry.surface.strip() or not entry.categories:
            skipped += 1
            continue
        lang = "zh" if CJK.search(entry.surface) else "en"
        units[TASKS[entry.unit]].append(LabelledUnit(id=f"corr-{entry.file[:12]}-{entry.start}", lang=lang,
                                                     text=entry.surface, categories=entry.categories))
    return units, skipped
