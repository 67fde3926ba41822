"""The real development set: manifest, texts by sha256, gold checks, scoring per split, the CLI;
and the committed corpus/real itself (valid, facts only, consistent with its texts when present)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.gold import draft_gold
from cli.main import app
from pipeline.evaluation_real import evaluate_real, merge_records, records_per_document
from pipeline.errors import InputError
from pipeline.gold import GoldDocument, GoldFile, load_gold_file
from pipeline.ingest import read_file_text
from pipeline.realset import (ManifestEntry, check_texts, gold_problems, load_manifest, merged_manifest, split_of,
                              text_sha256)

ROOT = Path(__file__).resolve().parents[1]
REAL, REAL_TEXTS = ROOT / "corpus" / "real", ROOT / "real-texts"

# written for these tests, in the genre
TEXT_ONE = ("城南街道2022年上半年信访工作总结\n一、基本情况\n上半年共受理群众来信来访48件，办结45件，办结率93.8%。\n"
            "二、主要做法\n一是落实领导接访制度。二是开展矛盾纠纷排查。\n三、存在问题\n基层力量薄弱。\n")
TEXT_TWO = ("河口镇信访工作情况\n全年受理信访事项30件，其中来信12件，来访20件，办结率100%。\n")


def _write_set(root: Path, texts: dict[str, str], drafted: bool = True) -> tuple[Path, Path]:
    real, folder = root / "real", root / "texts"
    (real / "gold").mkdir(parents=True)
    folder.mkdir()
    entries = []
    for index, (name, body) in enumerate(texts.items()):
        path = folder / f"{name}.txt"
        path.write_text(body, encoding="utf-8")
        entries.append(ManifestEntry(id=name, query="q", url=f"http://example.org/{name}", sha256=text_sha256(path),
                                     length=len(body), language="zh", split="test" if index else "dev",
                                     gathered="2026-12-07"))
        if drafted:
            gold = draft_gold(path)
            (real / "gold" / f"{name}.json").write_text(gold.model_dump_json(), encoding="utf-8")
    (real / "manifest.jsonl").write_text("".join(e.model_dump_json() + "\n" for e in entries), encoding="utf-8")
    return real, folder


def test_realset_scores_each_split_against_its_own_draft(tmp_path: Path) -> None:
    real, texts = _write_set(tmp_path, {"r1": TEXT_ONE, "r2": TEXT_TWO})
    evaluation = evaluate_real(real, texts)
    assert not evaluation.unavailable
    assert set(evaluation.tallies) >= {"dev", "test", "all", "dev zh", "test zh"}
    for tally in evaluation.tallies.values():
        assert tally.precision == tally.recall == 1.0
        assert tally.gold > 0


def test_realset_pages_outside_the_genre_are_scored_apart(tmp_path: Path) -> None:
    real, texts = _write_set(tmp_path, {"r1": TEXT_ONE, "r2": TEXT_TWO})
    entries = load_manifest(real)
    essay = entries[1].model_copy(update={"kind": "essay"})
    (real / "manifest.jsonl").write_text(entries[0].model_dump_json() + "\n" + essay.model_dump_json() + "\n",
                                         encoding="utf-8")
    evaluation = evaluate_real(real, texts)
    assert "test" not in evaluation.tallies and evaluation.tallies["all"].documents == 1
    assert evaluation.tallies["other pages (test)"].documents == 1
    assert entries[0].of_the_genre and not essay.of_the_genre


def test_realset_gold_disagreeing_with_the_pipeline_lowers_the_scores(tmp_path: Path) -> None:
    real, texts = _write_set(tmp_path, {"r1": TEXT_ONE})
    gold = load_gold_file(real / "gold" / "r1.json")
    document = gold.documents[0]
    wrong = document.facts[0].model_copy(update={"indicator": "letters"})
    changed = document.model_copy(update={"facts": (wrong, *document.facts[1:])})
    (real / "gold" / "r1.json").write_text(gold.model_copy(update={"documents": (changed,)}).model_dump_json())
    tally = evaluate_real(real, texts).tallies["dev"]
    assert tally.indicator_right == tally.matched - 1


def test_realset_reports_missing_and_changed_texts_without_failing(tmp_path: Path) -> None:
    real, texts = _write_set(tmp_path, {"r1": TEXT_ONE, "r2": TEXT_TWO})
    (texts / "r1.txt").unlink()
    (texts / "r2.txt").write_text(TEXT_TWO + "多", encoding="utf-8")
    states = {s.entry.id: s.state for s in check_texts(load_manifest(real), texts)}
    assert states == {"r1": "missing", "r2": "changed"}
    result = CliRunner().invoke(app, ["evaluate", str(real), "--texts", str(texts)])
    assert result.exit_code == 0
    assert "r1: text missing" in result.stdout and "r2: text changed" in result.stdout
    assert "No text could be scored" in result.stdout


def test_realset_cli_prints_the_tables_and_dev_details_only(tmp_path: Path) -> None:
    real, texts = _write_set(tmp_path, {"r1": TEXT_ONE, "r2": TEXT_TWO})
    result = CliRunner().invoke(app, ["evaluate", str(real), "--texts", str(texts), "--details"])
    assert result.exit_code == 0, result.stdout
    assert "| dev |" in result.stdout and "| test |" in result.stdout
    assert "### dev: missed" in result.stdout and "### test" not in result.stdout


def test_gold_problems_name_a_wrong_offset_and_an_unknown_reference() -> None:
    text = "共受理来信来访48件，办结45件。"
    start = text.index("48件")
    fact = dict(surface="48件", start=start + 1, end=start + 4, value=48, kind="count")
    other = dict(id="f2", surface="45件", start=text.index("45件"), end=text.index("45件") + 3, value=45,
                 kind="count", part_of="f9")
    gold = GoldFile(file="x.txt", documents=(GoldDocument(part=1, language="zh",
                                                          facts=({"id": "f1", **fact}, other)),))
    problems = gold_problems(gold, text)
    assert any(p.startswith("f1: text[") for p in problems)
    assert any("unknown fact f9" in p for p in problems)
    fixed = GoldFile(file="x.txt", documents=(GoldDocument(part=1, language="zh", facts=(
        {"id": "f1", **fact, "start": start, "end": start + 3},)),))
    assert gold_problems(fixed, text) == []


def test_records_go_to_the_gold_document_they_overlap_most(tmp_path: Path) -> None:
    path = tmp_path / "two.txt"
    path.write_text("某网站\n篇一\n" + TEXT_ONE + "\n篇二\n" + TEXT_TWO, encoding="utf-8")
    gold = draft_gold(path)
    from pipeline.process import process_file

    records = process_file(path)
    groups = records_per_document(records, gold)
    assert [len(group) for group in groups] == [1] * len(gold.documents)
    merged = merge_records(records)
    assert merged is not None and len(merged.facts) == sum(len(r.facts) for r in records)
    assert len({f.id for f in merged.facts}) == len(merged.facts)


def test_merged_manifest_keeps_one_entry_per_url_in_the_split_its_url_gives() -> None:
    entries = [ManifestEntry(id=f"x{i:03}", query="q", url=f"http://example.org/{i}", sha256="0" * 64, length=1,
                             language="zh", split="dev", gathered="2026-12-07") for i in range(300)]
    merged = merged_manifest(entries + entries[:3])
    assert len(merged) == 300
    assert merged == merged_manifest(list(reversed(entries)))
    assert 0.28 < sum(e.split == "test" for e in merged) / 300 < 0.42
    assert all(e.split == split_of(e.url) for e in merged)


# units: a span of their document, labels from the vocabulary of their kind (plans plan measures)
UNIT_CASES = [
    ({"kind": "measure", "start": 5, "end": 40, "categories": ["reception"]}, None),
    ({"kind": "problem", "start": 5, "end": 40, "categories": ["staffing_shortage"]}, None),
    ({"kind": "plan", "start": 60, "end": 90, "categories": ["training_staff"]}, None),
    ({"kind": "plan", "start": 60, "end": 90, "categories": []}, None),
    ({"kind": "measure", "start": 2, "end": 40, "categories": []}, "outside the document"),
    ({"kind": "problem", "start": 90, "end": 120, "categories": ["other"]}, "outside the document"),
    ({"kind": "measure", "start": 40, "end": 40, "categories": []}, "not a span"),
    ({"kind": "problem", "start": 5, "end": 40, "categories": ["reception"]}, "unknown categories"),
    ({"kind": "measure", "start": 5, "end": 40, "categories": ["staff_capability"]}, "unknown categories"),
    ({"kind": "plan", "start": 5, "end": 40, "categories": ["backlog_repeat_cases"]}, "unknown categories"),
]


@pytest.mark.parametrize("unit, message", UNIT_CASES)
def test_gold_units_lie_in_their_document_and_use_their_kinds_vocabulary(tmp_path: Path, unit: dict,
                                                                        message: str | None) -> None:
    gold = {"file": "x.txt", "documents": [{"part": 1, "start": 3, "end": 100, "language": "zh", "units": [unit]}]}
    path = tmp_path / "x.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    if message is None:
        assert load_gold_file(path).documents[0].units[0].start == unit["start"]
    else:
        with pytest.raises(InputError, match=message):
            load_gold_file(path)


# --- the committed real set -------------------------------------------------------------------------

CJK_RUN = re.compile(r"[\u4e00-\u9fff]{9,}")


def _committed() -> list[ManifestEntry]:
    if not (REAL / "manifest.jsonl").is_file():
        pytest.skip("no real-set manifest committed yet")
    return load_manifest(REAL)


def test_committed_realset_has_gold_for_every_entry_and_a_test_split_of_twenty() -> None:
    manifest = _committed()
    assert len({e.id for e in manifest}) == len(manifest) and len({e.url for e in manifest}) == len(manifest)
    assert sum(e.split == "test" for e in manifest) >= 20
    golds = {path.stem for path in (REAL / "gold").glob("*.json")}
    assert golds == {e.id for e in manifest}


def test_committed_realset_gold_holds_facts_not_sentences() -> None:
    """No sentence of a page enters the repo: surfaces are short quantities, notes hold no prose."""
    _committed()
    for path in sorted((REAL / "gold").glob("*.json")):
        gold = load_gold_file(path)
        for document in gold.documents:
            for fact in document.facts:
                assert len(fact.surface) <= 24, (path.name, fact.id)
            for error in document.arithmetic_errors:
                assert not CJK_RUN.search(error.note), (path.name, error.note)
        assert not CJK_RUN.search(json.dumps([d.township for d in gold.documents], ensure_ascii=False)), path.name


def _strings(value: object):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def test_committed_realset_gold_holds_no_prose_anywhere() -> None:
    """Units are offsets and labels: no string in any gold file carries a run of text."""
    _committed()
    for path in sorted((REAL / "gold").glob("*.json")):
        for value in _strings(json.loads(path.read_text(encoding="utf-8"))):
            assert not CJK_RUN.search(value), (path.name, value)


def test_committed_realset_units_are_disjoint_and_their_labels_reach_the_summary() -> None:
    """Units of a summary do not overlap, and the summary reports every category its units carry."""
    _committed()
    for path in sorted((REAL / "gold").glob("*.json")):
        for document in load_gold_file(path).documents:
            units = sorted(document.units, key=lambda unit: unit.start)
            assert all(a.end <= b.start for a, b in zip(units, units[1:])), path.name
            for kind, reported in (("measure", document.measure_categories),
                                   ("problem", document.problem_categories)):
                labelled = {c for unit in units if unit.kind == kind for c in unit.categories}
                assert labelled <= set(reported), (path.name, sorted(labelled - set(reported)))


def test_committed_realset_units_are_trimmed_spans_of_the_texts_present() -> None:
    manifest = _committed()
    checked = 0
    for status in check_texts(manifest, REAL_TEXTS):
        if status.state != "ok":
            continue
        text = read_file_text(status.path)[0]
        for document in load_gold_file(REAL / "gold" / f"{status.entry.id}.json").documents:
            for unit in document.units:
                surface = text[unit.start:unit.end]
                assert unit.end <= len(text) and surface == surface.strip(), (status.entry.id, unit)
                checked += 1
    if not checked:
        pytest.skip("the real texts are not on this machine (corpus/real/README.md says how to gather them)")


def test_committed_realset_gold_agrees_with_the_texts_present() -> None:
    manifest = _committed()
    checked = 0
    for status in check_texts(manifest, REAL_TEXTS):
        if status.state != "ok":
            continue
        gold = load_gold_file(REAL / "gold" / f"{status.entry.id}.json")
        assert gold_problems(gold, read_file_text(status.path)[0]) == [], status.entry.id
        checked += 1
    if not checked:
        pytest.skip("the real texts are not on this machine (corpus/real/README.md says how to gather them)")


def test_gold_merge_folds_fragments_into_the_manifest_and_the_query_log(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    entry = ManifestEntry(id="x01", query="q", url="http://example.org/x01", sha256="0" * 64, length=1,
                          language="zh", split="dev", gathered="2026-12-07")
    (real / "manifest.jsonl").write_text(entry.model_dump_json() + "\n", encoding="utf-8")
    second = entry.model_copy(update={"id": "y01", "url": "http://example.org/y01"})
    (real / "manifest.y.jsonl").write_text(second.model_dump_json() + "\n", encoding="utf-8")
    (real / "queries.y.jsonl").write_text('{"query": "q2", "results": 8, "kept": ["y01"]}\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["gold", "merge", str(real)])
    assert result.exit_code == 0, result.stdout
    assert sorted(p.name for p in real.iterdir()) == ["manifest.jsonl", "queries.jsonl"]
    merged = load_manifest(real)
    assert [e.id for e in merged] == ["x01", "y01"]
    assert all(e.split == split_of(e.url) for e in merged)
    assert "q2" in (real / "queries.jsonl").read_text(encoding="utf-8")


LABEL_RUN = {"zh": 20, "en": 80}  # characters: a labelled unit sharing a run this long with a real text copies it


def test_labels_written_here_copy_no_run_of_the_real_texts_present() -> None:
    """The labels (corpus/labels, issue 15's real-style units included) are written in our own
    words: none shares a run of LABEL_RUN characters with a real text."""
    from pipeline.fold import fold

    texts = [re.sub(r"\s+", " ", fold(read_file_text(status.path)[0]))
             for status in check_texts(_committed(), REAL_TEXTS) if status.state == "ok"]
    if not texts:
        pytest.skip("the real texts are not on this machine (corpus/real/README.md says how to gather them)")
    runs = {lang: {t[i:i + size] for t in texts for i in range(len(t) - size + 1)} for lang, size in LABEL_RUN.items()}
    for path in sorted((ROOT / "corpus" / "labels").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            unit = json.loads(line)
            text, size = re.sub(r"\s+", " ", fold(unit["text"])), LABEL_RUN[unit["lang"]]
            copied = next((text[i:i + size] for i in range(len(text) - size + 1)
                           if text[i:i + size] in runs[unit["lang"]]), None)
            assert copied is None, (path.name, unit["id"], copied)
