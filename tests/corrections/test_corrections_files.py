"""Corrections files: found beside the inputs or through petition-miner.toml; YAML round-trips; CSV rows group into entries."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.corrections.files import dump_yaml, find_corrections, read_corrections, validate_entries
from pipeline.corrections.model import CorrectionsFile
from pipeline.errors import CorrectionsError

DIGEST = "c" * 64


def test_found_beside_a_folder_or_a_file_and_named_by_the_toml(tmp_path: Path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text("x", encoding="utf-8")
    (inputs / "corrections.yaml").write_text("entries: []\n", encoding="utf-8")
    elsewhere = tmp_path / "work"
    elsewhere.mkdir()
    assert find_corrections([inputs], cwd=elsewhere) == [inputs / "corrections.yaml"]
    assert find_corrections([inputs / "a.txt"], cwd=elsewhere) == [inputs / "corrections.yaml"]
    (elsewhere / "petition-miner.toml").write_text('[corrections]\nfile = "mine.csv"\n', encoding="utf-8")
    assert find_corrections([inputs], cwd=elsewhere) == [elsewhere / "mine.csv"]
    assert find_corrections([inputs], given=tmp_path / "x.yaml", cwd=elsewhere) == [tmp_path / "x.yaml"]
    assert find_corrections([tmp_path / "none"], cwd=tmp_path) == []


surfaces = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12)


@settings(max_examples=60, deadline=None)
@given(surface=surfaces, reason=surfaces, start=st.integers(0, 10_000), value=st.floats(-1e6, 1e6) | st.integers(),
       indicator=st.none() | st.sampled_from(["letters", "visits", "settlement_rate"]))
def test_yaml_round_trips_any_entry(tmp_path_factory, surface, reason, start, value, indicator):
    end = start + len(surface)
    corrections = validate_entries([
        {"action": "set_fact", "file": DIGEST, "start": start, "end": end, "surface": surface,
         "set": {"indicator": indicator, "value": value}},
        {"action": "add_fact", "file": DIGEST, "start": start, "end": end, "surface": surface, "value": value},
        {"action": "dismiss", "file": DIGEST, "rule": "placeholder", "start": start, "end": end, "reason": reason},
        {"action": "set_record", "file": DIGEST, "part": 2, "township": surface},
    ], Path("x.yaml"))
    path = tmp_path_factory.mktemp("yaml") / "corrections.yaml"
    path.write_text(dump_yaml(corrections), encoding="utf-8")
    again = read_corrections(path)
    assert again == corrections
    assert again.entries[0].set.model_fields_set == {"indicator", "value"}


@pytest.mark.parametrize("rows, expected", [
    (["set_fact,{d},,,5,9,,,indicator,", "set_fact,{d},,,5,9,,,kind,rate"],
     {"action": "set_fact", "set": {"indicator": None, "kind": "rate"}}),
    (["set_unit,{d},,,5,9,,,problem,staffing_shortage;funding_facilities"],
     {"action": "set_unit", "unit": "problem", "categories": ("staffing_shortage", "funding_facilities")}),
    (["set_record,{d},,1,,,,,period.year,2021", "set_record,{d},,1,,,,,township,城关镇"],
     {"action": "set_record", "township": "城关镇"}),
])
def test_csv_rows_group_into_entries(tmp_path: Path, rows, expected):
    path = tmp_path / "corrections.csv"
    path.write_text("action,file,source,part,start,end,surface,rule,field,value,reason\n"
                    + "\n".join(row.format(d=DIGEST) for row in rows) + "\n", encoding="utf-8")
    (entry,) = read_corrections(path).entries
    for key, value in expected.items():
        got = getattr(entry, key)
        assert (got.given() if key == "set" else got) == value


@pytest.mark.parametrize("text, expected", [
    ("file,start\n1,2\n", "lacks action"),
    ("action,file\nset_fact,abc\n", "entry 1 (set_fact)"),
])
def test_a_bad_csv_is_a_coded_error(tmp_path: Path, text: str, expected: str):
    path = tmp_path / "corrections.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CorrectionsError) as caught:
        read_corrections(path)
    assert caught.value.code == "E421" and expected in str(caught.value) and "corrections.csv" in str(caught.value)


def test_an_empty_file_has_no_entries(tmp_path: Path):
    (tmp_path / "corrections.yaml").write_text("", encoding="utf-8")
    assert read_corrections(tmp_path / "corrections.yaml") == CorrectionsFile()
