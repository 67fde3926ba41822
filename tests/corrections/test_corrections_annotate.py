"""export -> an annotation tool -> import: DocBin and JSONL round trips, edits come back as corrections."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from spacy.tokens import DocBin
from typer.testing import CliRunner

from corrections_corpus import EN_FILE, ZH_FILE
from cli.main import app
from pipeline.corrections.files import read_corrections
from pipeline.corrections.spacy_io import META_KEY
from pipeline.nlp import get_nlp


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("annotate") / "in"
    folder.mkdir()
    for path in (EN_FILE, ZH_FILE):
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture(scope="module")
def exported(folder: Path) -> dict[str, Path]:
    files = {}
    for format, suffix in (("spacy", ".spacy"), ("jsonl", ".jsonl")):
        files[format] = folder.parent / f"export{suffix}"
        result = CliRunner().invoke(app, ["export", str(folder), "--format", format, "--out", str(files[format])])
        assert result.exit_code == 0, result.output
        assert "exported 3 summaries" in result.output
    return files


def _docs(path: Path) -> list:
    return list(DocBin().from_disk(path).get_docs(get_nlp("en").vocab))


def test_docbin_holds_every_figure_and_unit_with_its_label_and_the_record(exported):
    docs = _docs(exported["spacy"])
    assert len(docs) == 3
    for doc in docs:
        meta = doc.user_data[META_KEY]
        record = meta["record"]
        offset = meta["offset"]
        figures = [(s.start_char + offset, s.end_char + offset, s.text, s.label_) for s in doc.spans["figures"]]
        assert figures == [(f["start"], f["end"], f["surface"], f["indicator"] or "NONE") for f in record["facts"]]
        measures = {(s.start_char + offset, s.label_) for s in doc.spans["measures"]}
        assert {(m["start"], c) for m in record["measures"] for c in m["categories"]} <= measures
        assert {s.label_ for s in doc.spans["findings"]} == {f["rule"] for f in record["findings"]}


@pytest.mark.parametrize("format", ["spacy", "jsonl"])
def test_an_unedited_export_imports_as_no_correction(exported, tmp_path: Path, format: str):
    out = tmp_path / "corrections.yaml"
    result = CliRunner().invoke(app, ["import", str(exported[format]), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert read_corrections(out).entries == ()


def _run_records(folder: Path, out: Path) -> list[dict]:
    result = CliRunner().invoke(app, ["run", str(folder), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in (out / "records.jsonl").read_text(encoding="utf-8").splitlines()]


def test_docbin_edit_import_run_gives_the_edited_record(exported, folder: Path, tmp_path: Path):
    docs = _docs(exported["spacy"])
    zh = next(doc for doc in docs if doc.user_data[META_KEY]["record"]["language"] == "zh")
    figures = list(zh.spans["figures"])
    relabelled = figures[2]  # 7件: letters -> visits
    figures[2] = zh.char_span(relabelled.start_char, relabelled.end_char, label="visits")
    added = zh.text.index("117")
    figures.append(zh.char_span(added, added + 3, label="villages"))
    zh.spans["figures"] = figures
    zh.spans["findings"] = list(zh.spans["findings"])[1:]  # the first finding dismissed
    zh.user_data[META_KEY]["township"] = "水口乡"
    edited = DocBin(store_user_data=True, docs=docs)
    edited.to_disk(tmp_path / "edited.spacy")
    work = tmp_path / "in"
    shutil.copytree(folder, work)
    result = CliRunner().invoke(app, ["import", str(tmp_path / "edited.spacy"), "--out", str(work / "corrections.yaml")])
    assert result.exit_code == 0, result.output
    actions = sorted(e.action for e in read_corrections(work / "corrections.yaml").entries)
    assert actions == ["add_fact", "dismiss", "set_fact", "set_record"]
    records = _run_records(work, tmp_path / "out")
    record = next(r for r in records if r["language"] == "zh")
    facts = {(f["start"], f["end"]): f for f in record["facts"]}
    assert facts[(relabelled.start_char, relabelled.end_char)]["indicator"] == "visits"
    assert facts[(added, added + 3)]["indicator"] == "villages" and facts[(added, added + 3)]["value"] == 117
    assert record["township"] == "水口乡"
    assert not any((f["start"], f["rule"]) == (24, "placeholder") for f in record["findings"])


def test_jsonl_edit_import_run_gives_the_edited_record(exported, folder: Path, tmp_path: Path):
    lines = [json.loads(line) for line in exported["jsonl"].read_text(encoding="utf-8").splitlines()]
    en = lines[1]  # en_yanjing's second summary
    rate = next(label for label in en["label"] if label[2] == "figures:settlement_rate")
    rate[2] = "figures:resolution_rate"
    en["label"] = [label for label in en["label"] if not label[2].startswith("findings:")]
    (tmp_path / "edited.jsonl").write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines),
                                           encoding="utf-8")
    work = tmp_path / "in"
    shutil.copytree(folder, work)
    assert CliRunner().invoke(app, ["import", str(tmp_path / "edited.jsonl"),
                                    "--out", str(work / "corrections.yaml")]).exit_code == 0
    records = _run_records(work, tmp_path / "out")
    second = next(r for r in records if r["doc_id"].endswith("en_yanjing_2015_annual#2"))
    offset = en["meta"]["offset"]
    fact = next(f for f in second["facts"] if f["start"] == rate[0] + offset)
    assert fact["indicator"] == "resolution_rate" and "corrected" in fact["flags"]
    assert second["findings"] == []


def test_a_label_studio_export_is_read(exported, tmp_path: Path):
    lines = [json.loads(line) for line in exported["jsonl"].read_text(encoding="utf-8").splitlines()]
    line = next(line for line in lines if any(name.startswith("findings:") for _, _, name in line["label"]))
    results = [{"value": {"start": s, "end": e, "labels": [name]}, "from_name": "label", "to_name": "text",
                "type": "labels"} for s, e, name in line["label"] if not name.startswith("findings:")]
    task = {"data": {"text": line["text"], "meta": line["meta"]}, "annotations": [{"result": results}]}
    (tmp_path / "ls.json").write_text(json.dumps([task], ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "corrections.yaml"
    assert CliRunner().invoke(app, ["import", str(tmp_path / "ls.json"), "--out", str(out)]).exit_code == 0
    entries = read_corrections(out).entries
    assert entries and {e.action for e in entries} == {"dismiss"}


@pytest.mark.parametrize("name, content, expected", [
    ("bad.jsonl", "{not json", "is neither JSONL"),
    ("bad.jsonl", json.dumps({"text": "x", "label": [[0, 1, "colour:red"]]}), "task 1: label 'colour:red'"),
    ("bad.jsonl", json.dumps({"text": "x", "label": []}), "no exported record"),
    ("bad.spacy", "not a docbin", "is no spaCy DocBin"),
])
def test_a_bad_annotation_file_is_a_coded_error(tmp_path: Path, name: str, content: str, expected: str):
    (tmp_path / name).write_text(content, encoding="utf-8")
    result = CliRunner().invoke(app, ["import", str(tmp_path / name), "--out", str(tmp_path / "c.yaml")])
    assert result.exit_code == 2 and "[E421]" in result.output and expected in result.output, result.output
    assert not (tmp_path / "c.yaml").exists()
