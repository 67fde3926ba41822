"""The report's review controls in headless Chromium: the corrections file it downloads applies in the next run."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from cli.main import app
from test_browser import CHROMIUM

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason=f"{CHROMIUM} is absent (install it with .ci/install-browser.sh)")

SOURCE = "en_yanjing_2015_annual.txt"


def _run(folder: Path, out: Path) -> list[dict]:
    result = CliRunner().invoke(app, ["run", str(folder), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in (out / "records.jsonl").read_text(encoding="utf-8").splitlines()]



def test_browser_review_downloads_corrections_that_apply(browser, repo_root: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(repo_root / "corpus" / SOURCE, folder / SOURCE)
    before = _run(folder, tmp_path / "out")
    second = before[1]
    finding, fact = second["findings"][0], second["facts"][0]
    page = browser.new_page(viewport={"width": 1360, "height": 800})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto((tmp_path / "out" / "report.html").as_uri())
    article = page.locator("#doc-2")
    assert page.locator("#pm-download").is_disabled()
    article.locator("ol.findings > li").first.locator("input.reason").fill("the year is in the title")
    article.locator("details.review-figures > summary").click()
    article.locator("details.review-figures li").first.locator("input.indicator").fill("letters")
    assert page.locator("#pm-review-panel b").inner_text() == "2"
    with page.expect_download() as download:
        page.locator("#pm-download").click()
    saved = folder / "corrections.yaml"
    download.value.save_as(saved)
    page.close()
    assert not errors
    entries = yaml.safe_load(saved.read_text(encoding="utf-8"))["entries"]
    assert {e["action"] for e in entries} == {"dismiss", "set_fact"}
    after = _run(folder, tmp_path / "out")[1]
    assert not any((f["rule"], f["start"], f["end"]) == (finding["rule"], finding["start"], finding["end"])
                   for f in after["findings"])
    fixed = next(f for f in after["facts"] if (f["start"], f["end"]) == (fact["start"], fact["end"]))
    assert fixed["indicator"] == "letters" and "corrected" in fixed["flags"]
    assert {m["reason"] for m in after["corrections"] if m["target"] == "finding"} == {"the year is in the title"}
    page = browser.new_page()
    page.goto((tmp_path / "out" / "report.html").as_uri())
    assert page.locator("#doc-2 p.corrected").inner_text().endswith(": 2")
    assert page.locator("#doc-2 details.review-figures li").first.locator("span.corrected").count() == 1
    assert page.locator("#doc-1 p.corrected").count() == 0
    page.close()
