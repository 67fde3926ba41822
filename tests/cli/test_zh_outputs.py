"""With --lang zh, what people read holds no English: the report, the workbook, `check` and the closing
summary of `run`, on Chinese summaries of the corpus that raise every rule. Words of the summaries
themselves and ids (files, documents, facts, rule ids) are exempt; machine outputs keep their ids."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from cli.main import app
from pipeline.checks import rule_ids
from pipeline.ingest import read_file_text

SUBSET = ("zh_matang_2020_annual.txt", "zh_shiqiao_2021_h1.txt", "zh_hexi_2022_h1.txt", "zh_nanguan_2022_h1.txt",
          "zh_dongba_2022_annual.txt", "zh_jinping_2021_annual.txt", "zh_lianhua_2019_annual.txt",
          "zh_shuikou_2020_h1.txt", "web_zh_qinglong_2018_annual.txt", "zh_xiaohe_2022_annual.docx")
WORD = re.compile(r"[A-Za-z][A-Za-z0-9_'\-]*")
OPTION = re.compile(r"--[a-z][a-z-]*")  # a command-line option, typed as it is in any language
FILE_NAME = re.compile(r"\b[\w-]+\.(?:csv|toml|xlsx|jsonl|parquet|html|duckdb)\b")  # a file the user names, as typed
PRODUCT = {"Petition", "Miner"}  # the program's name


class VisibleText(HTMLParser):
    """What a reader of the page sees: text outside scripts and styles, titles and labels of elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hidden = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.hidden += tag in ("script", "style")
        self.parts += [value for name, value in attrs if name in ("title", "aria-label", "placeholder") and value]

    def handle_endtag(self, tag: str) -> None:
        self.hidden -= tag in ("script", "style")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def report_text(path: Path) -> str:
    parser = VisibleText()
    parser.feed(path.read_text(encoding="utf-8"))
    return "\n".join(parser.parts)


def workbook_text(path: Path) -> str:
    book = load_workbook(path)
    parts = list(book.sheetnames)
    for sheet in book:
        for row in sheet.iter_rows():
            parts += [cell.value for cell in row if isinstance(cell.value, str)]
            parts += [cell.comment.text for cell in row if cell.comment]
    return "\n".join(parts)


@pytest.fixture(scope="module")
def batch(tmp_path_factory, repo_root: Path) -> Path:
    folder = tmp_path_factory.mktemp("zh") / "submissions"
    folder.mkdir()
    for name in SUBSET:
        shutil.copy(repo_root / "corpus" / name, folder / name)
    return folder


@pytest.fixture(scope="module")
def outputs(batch: Path) -> dict:
    """The zh run (its stderr, the out folder) and the zh check output, once for the module."""
    runner, out = CliRunner(), batch.parent / "out"
    ran = runner.invoke(app, ["run", str(batch), "--out", str(out), "--lang", "zh"])
    assert ran.exit_code == 0, ran.output
    checked = runner.invoke(app, ["check", str(batch), "--lang", "zh"])
    assert checked.exit_code == 1, checked.output
    return {"out": out, "summary": ran.stderr, "check": checked.stdout + checked.stderr}


@pytest.fixture(scope="module")
def exempt(batch: Path, outputs: dict) -> set[str]:
    """Words of the summaries' text, and every id and path the outputs may name."""
    words = set(PRODUCT)
    for path in batch.iterdir():
        words |= set(WORD.findall(read_file_text(path)[0]))
    for line in (outputs["out"] / "records.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        words |= set(WORD.findall(f"{record['doc_id']} {record['source']}"))
        words |= {fact["id"] for fact in record["facts"]}
    names = " ".join(path.name for path in outputs["out"].iterdir())  # the outputs the summary lists
    words |= set(rule_ids()) | set(WORD.findall(f"{batch} {outputs['out']} {names}"))
    return words


def english(text: str, exempt: set[str]) -> set[str]:
    return set(WORD.findall(FILE_NAME.sub(" ", OPTION.sub(" ", text)))) - exempt


def test_the_subset_raises_every_rule(outputs: dict) -> None:
    rules = {row["rule"] for row in map(json.loads, (outputs["out"] / "findings.jsonl").read_text(
        encoding="utf-8").splitlines())}
    assert rules == set(rule_ids())


@pytest.mark.parametrize("what", ["report", "workbook", "check", "summary"])
def test_zh_outputs_hold_no_english_message_label_or_sheet_name(outputs: dict, exempt: set[str], what: str) -> None:
    text = {"report": lambda: report_text(outputs["out"] / "report.html"),
            "workbook": lambda: workbook_text(outputs["out"] / "table.xlsx"),
            "check": lambda: outputs["check"], "summary": lambda: outputs["summary"]}[what]()
    assert re.search(r"[\u4e00-\u9fff]", text)
    assert english(text, exempt) == set()


def test_the_scan_finds_english_in_english_outputs(batch: Path, exempt: set[str]) -> None:  # negative
    checked = CliRunner().invoke(app, ["check", str(batch / "web_zh_qinglong_2018_annual.txt"), "--lang", "en"])
    assert {"error", "warning", "unfilled", "template", "marker"} <= english(checked.stdout, exempt)


def test_machine_outputs_keep_ids_under_zh(outputs: dict) -> None:
    findings = [json.loads(line) for line in (outputs["out"] / "findings.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {f["severity"] for f in findings} <= {"error", "warning", "info"}
    conflict = next(f for f in findings if f["rule"] == "conflicting-values")
    assert conflict["args"]["indicator"] == "petitions_total" and conflict["facts"]
    facts = (outputs["out"] / "facts.csv").read_text(encoding="utf-8")
    assert "petitions_total" in facts and "信访总量" not in facts.splitlines()[0]
