"""Relations of two neighbouring figures (pipeline/extractors/pairs.py) through whole extraction:
a shared change, from one level to another, a parallel item; texts written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.process import process_path


def _facts(tmp_path: Path, text: str) -> list[tuple]:
    path = tmp_path / "pair.txt"
    path.write_text(text + "\n", encoding="utf-8")
    (record,) = process_path(path, classify=False).records
    return [(f.surface, f.value, f.kind, f.indicator, f.scope) for f in record.facts]


@pytest.mark.parametrize("text, expected", [
    ("来信量和来访量分别下降5%与2%。", [("5%", -5, "change", "letters", None), ("2%", -2, "change", None, None)]),
    ("群众满意率由81%提升至94%。", [("81%", 81, "rate", "satisfaction_rate", "previous_period"),
                                    ("94%", 94, "rate", "satisfaction_rate", None)]),
    ("The satisfaction rate rose from 81% to 94%.", [("81%", 81, "rate", "satisfaction_rate", "previous_period"),
                                                     ("94%", 94, "rate", "satisfaction_rate", None)]),
    ("化解社区邻里纠纷40件，其他纠纷12件。", [("40件", 40, "count", "disputes_resolved", None),
                                        ("12件", 12, "count", "disputes_resolved", None)]),
    # negatives: a rate after a change, a second verb, a level reached without a level before
    ("信访总量下降5%，满意率达94%。", [("5%", -5, "change", "petitions_total", None),
                                       ("94%", 94, "rate", "satisfaction_rate", None)]),
    ("排查矛盾纠纷40件，化解矛盾纠纷38件。", [("40件", 40, "count", "disputes_screened", None),
                                            ("38件", 38, "count", "disputes_resolved", None)]),
    ("群众满意率提升至94%。", [("94%", 94, "rate", "satisfaction_rate", None)]),
])
def test_pairs(tmp_path: Path, text: str, expected: list[tuple]) -> None:
    assert _facts(tmp_path, text) == expected
