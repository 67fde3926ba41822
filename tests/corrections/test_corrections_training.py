"""Corrections feed the project: evaluate --corrections scores a batch against its corrected records,
train --corrections adds the corrected units to the training data and the model card says so."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from corrections_corpus import EN_FILE, sha
from cli.main import app
from pipeline.corrections.files import validate_entries
from pipeline.corrections.training import corrected_units

LABELS = Path(__file__).resolve().parents[2] / "corpus" / "labels"
ZH_UNIT = "镇里每月组织一次信访干部业务培训，提升依法办事能力。"
EN_UNIT = "The town held a training course on the petition regulations for all village cadres."


def _unit(digest: str, start: int, surface: str, categories: list[str], unit: str = "measure") -> dict:
    return {"action": "set_unit", "file": digest, "unit": unit, "start": start, "end": start + len(surface),
            "surface": surface, "categories": categories}


@pytest.mark.parametrize("surface, categories, lang, kept", [
    (ZH_UNIT, ["training_staff"], "zh", 1),
    (EN_UNIT, ["training_staff", "publicity_legal_education"], "en", 1),
    (EN_UNIT, [], "en", 0),  # no category: no training example
])
def test_corrected_units_become_labelled_units(surface, categories, lang, kept):
    units, skipped = corrected_units(validate_entries([_unit("a" * 64, 10, surface, categories)], EN_FILE))
    assert len(units["measures"]) == kept and skipped == 1 - kept and not units["problems"]
    if kept:
        assert units["measures"][0].lang == lang and units["measures"][0].categories == tuple(categories)


def test_train_with_corrections_adds_the_units_and_says_so(tmp_path: Path):
    labels = tmp_path / "labels"
    labels.mkdir()
    for path in LABELS.glob("*.jsonl"):
        lines = path.read_text(encoding="utf-8").splitlines()[:60]
        (labels / path.name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    fixes = tmp_path / "corrections.yaml"
    fixes.write_text(yaml.safe_dump({"entries": [_unit("b" * 64, 0, ZH_UNIT, ["training_staff"]),
                                                 _unit("b" * 64, 99, EN_UNIT, ["training_staff"])]},
                                    allow_unicode=True), encoding="utf-8")
    runner = CliRunner()
    plain = runner.invoke(app, ["train", "--labels", str(labels), "--models", str(tmp_path / "m1")])
    corrected = runner.invoke(app, ["train", "--labels", str(labels), "--models", str(tmp_path / "m2"),
                                    "--corrections", str(fixes)])
    assert plain.exit_code == 0 and corrected.exit_code == 0, corrected.output
    before = json.loads((tmp_path / "m1" / "model_card.json").read_text(encoding="utf-8"))
    after = json.loads((tmp_path / "m2" / "model_card.json").read_text(encoding="utf-8"))
    assert "extra_units" not in before and "corrections.yaml" in after["extra_units"]["note"]
    assert after["extra_units"]["n_units"] == {"measures": 2, "problems": 0}
    grown = {lang: after["models"]["measures"]["n_units"][lang] - before["models"]["measures"]["n_units"][lang]
             for lang in ("zh", "en")}
    assert grown == {"zh": 1, "en": 1}


def test_evaluate_against_corrections_counts_what_the_reviewer_changed(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(EN_FILE, folder / EN_FILE.name)
    digest = sha(EN_FILE)
    fixes = tmp_path / "corrections.yaml"
    fixes.write_text(yaml.safe_dump({"entries": [
        {"action": "dismiss", "file": digest, "rule": "placeholder", "start": 3503, "end": 3507, "reason": "title"},
        {"action": "set_fact", "file": digest, "start": 4797, "end": 4801, "set": {"indicator": "resolution_rate"}},
        {"action": "remove_fact", "file": digest, "start": 849, "end": 870},
    ]}), encoding="utf-8")
    plain = CliRunner().invoke(app, ["extract", str(folder)])
    records = [json.loads(line) for line in plain.stdout.splitlines()]
    facts = sum(len(r["facts"]) for r in records)
    findings = sum(len(r["findings"]) for r in records)
    result = CliRunner().invoke(app, ["evaluate", str(folder), "--corrections", str(fixes)])
    assert result.exit_code == 0, result.output
    rows = dict(line.strip("|").split(" | ") for line in result.stdout.splitlines() if line.startswith("| ")
                and "---" not in line and "measure | value" not in line)
    rows = {k.strip(): v.strip() for k, v in rows.items()}
    assert rows["summaries reviewed"] == "2"
    assert rows["figure precision"] == f"{(facts - 1) / facts:.3f}" and rows["figure recall"] == "1.000"
    assert rows["indicator accuracy (matched figures)"] == f"{(facts - 2) / (facts - 1):.3f}"
    assert rows["finding precision (not dismissed)"] == f"{(findings - 1) / findings:.3f}"
