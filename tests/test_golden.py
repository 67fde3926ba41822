"""Golden files: the records of every corpus file, compared with tests/golden/<stem>.json.

Regenerate on purpose with `pytest tests/test_golden.py --update-golden` and review the diff.
The measures' and problems' `scores` are left out (they move with every retraining); their
categories stay."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.schema import Record
from test_corpus import corpus_paths, processed_corpus  # the session's single run over the corpus

GOLDEN_DIR = Path(__file__).resolve().parent / "golden"
MAX_REPORTED = 12


def golden_form(record: Record) -> dict:
    data = record.model_dump(mode="json")
    for key in ("measures", "problems"):
        for unit in data[key]:
            unit.pop("scores", None)
    return data


def _dump(records: list[dict]) -> str:
    return json.dumps(records, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def _differences(expected, actual, path: str = "$") -> list[str]:
    """Paths where two JSON values differ (first few only)."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        out = []
        for key in sorted(set(expected) | set(actual)):
            if key not in actual or key not in expected:
                out.append(f"{path}.{key}: {'missing' if key not in actual else 'unexpected'}")
            else:
                out += _differences(expected[key], actual[key], f"{path}.{key}")
        return out
    if isinstance(expected, list) and isinstance(actual, list):
        out = [] if len(expected) == len(actual) else [f"{path}: length {len(expected)} -> {len(actual)}"]
        for index, (left, right) in enumerate(zip(expected, actual)):
            out += _differences(left, right, f"{path}[{index}]")
        return out
    return [] if expected == actual else [f"{path}: {expected!r} -> {actual!r}"]


@pytest.fixture(scope="module")
def current() -> dict[str, list[dict]]:
    """stem -> the records of that corpus file in golden form."""
    return {item.path.stem: [golden_form(record) for record in item.records] for item in processed_corpus()}


@pytest.mark.parametrize("stem", [path.stem for path in corpus_paths()])
def test_golden_records_match(current: dict[str, list[dict]], stem: str, update_golden: bool) -> None:
    path = GOLDEN_DIR / f"{stem}.json"
    actual = current[stem]
    if update_golden:
        GOLDEN_DIR.mkdir(exist_ok=True)
        path.write_text(_dump(actual), encoding="utf-8")
        return
    assert path.is_file(), f"{path.name} missing: run pytest --update-golden and review it"
    expected = json.loads(path.read_text(encoding="utf-8"))
    differences = _differences(expected, json.loads(_dump(actual)))
    assert not differences, (f"{stem}: {len(differences)} differences (pytest --update-golden to accept):\n"
                             + "\n".join(differences[:MAX_REPORTED]))


def test_golden_has_no_file_without_a_corpus_summary(update_golden: bool) -> None:
    stems = {path.stem for path in corpus_paths(every=True)}  # a .doc's golden file stays without LibreOffice
    orphans = sorted(p for p in GOLDEN_DIR.glob("*.json") if p.stem not in stems)
    if update_golden:
        for orphan in orphans:
            orphan.unlink()
        return
    assert not orphans, f"golden files without a corpus summary: {[p.name for p in orphans]}"


def test_golden_form_drops_scores_and_keeps_categories(current: dict[str, list[dict]]) -> None:
    units = [unit for records in current.values() for record in records
             for unit in (*record["measures"], *record["problems"])]
    assert units and all("scores" not in unit and "categories" in unit for unit in units)
    assert any(unit["categories"] for unit in units)
