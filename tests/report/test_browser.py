"""The HTML report in a real headless Chromium: renders, links scroll to evidence, scripts stay text."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.ingest import iter_paths
from pipeline.process import process_path, with_batch_findings
from pipeline.report import write_report

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCRIPT = "<script>alert(1)</script>"
EVIL = f"""Zhuyuan Township 2021 Petition Work Summary

In 2021, the township accepted 40 letters and visits {SCRIPT} and settled 38 of them; the settlement rate was 95%.
Visitors wrote <img src=x onerror=alert(2)> on the form.

I. Main practices

First, strengthen leadership. The township set up a leading group for petition work in XX villages.

II. Existing problems

The petition staff are insufficient.

III. Work plan for next year

We will strengthen the training of petition officers.
"""

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason=f"{CHROMIUM} is absent (install it with .ci/install-browser.sh)")

COLOURS_JS = """async (url) => {
  const img = new Image(); img.src = url; await img.decode();
  const canvas = document.createElement('canvas'); canvas.width = img.width; canvas.height = img.height;
  const ctx = canvas.getContext('2d'); ctx.drawImage(img, 0, 0);
  const data = ctx.getImageData(0, 0, img.width, img.height).data;
  const counts = new Map();
  for (let i = 0; i < data.length; i += 16) {
    const key = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
    counts.set(key, (counts.get(key) || 0) + 1);
  }
  return [counts.size, Math.max(...counts.values()) / (data.length / 16)];
}"""

# The finding link whose evidence lies furthest below it: clicking it must scroll.
FURTHEST_LINK_JS = """() => {
  let best = null, gap = -1;
  document.querySelectorAll('a.fl').forEach((a, n) => {
    const target = document.getElementById(a.dataset.ev);
    const d = target.getBoundingClientRect().top - a.getBoundingClientRect().top;
    if (d > gap) { gap = d; best = n; }
  });
  return best;
}"""

IN_VIEW_JS = """(id) => {
  const r = document.getElementById(id).getBoundingClientRect();
  const nav = document.querySelector('nav.top').getBoundingClientRect();
  return r.top >= nav.bottom && r.bottom <= window.innerHeight && r.height > 0;
}"""


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory, repo_root: Path) -> Path:
    folder = tmp_path_factory.mktemp("browser")
    evil = folder / "zhuyuan_2021_annual.txt"
    evil.write_text(EVIL, encoding="utf-8")
    paths = list(iter_paths([repo_root / "corpus"])) + [evil]
    files = with_batch_findings([process_path(path) for path in paths])
    records = [record for item in files for record in item.records]
    texts = {record.source: item.text for item in files for record in item.records}
    assert any(SCRIPT in texts[r.source][r.start:r.end] and r.findings for r in records)
    path = folder / "report.html"
    write_report(records, texts, path)
    return path



@pytest.fixture(scope="module")
def opened(browser, report: Path):
    """The report in a page, with every console error, page error and dialog recorded."""
    page = browser.new_page(viewport={"width": 1360, "height": 800})
    page.set_default_timeout(15000)
    events: dict[str, list[str]] = {"errors": [], "dialogs": []}
    page.on("console", lambda m: events["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: events["errors"].append(str(e)))
    page.on("dialog", lambda d: (events["dialogs"].append(d.message), d.dismiss()))
    page.goto(report.as_uri())
    page.wait_for_load_state("load")
    yield page, events
    page.close()


def test_browser_screenshot_is_not_blank(browser, opened, tmp_path: Path) -> None:
    page, _events = opened
    shot = tmp_path / "report.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    import base64

    blank = browser.new_page()
    url = "data:image/png;base64," + base64.b64encode(shot.read_bytes()).decode("ascii")
    colours, commonest = blank.evaluate(COLOURS_JS, url)
    blank.close()
    assert colours > 30 and commonest < 0.9


def test_browser_finding_link_scrolls_evidence_into_view(opened) -> None:
    page, _events = opened
    index = page.evaluate(FURTHEST_LINK_JS)
    link = page.locator("a.fl").nth(index)
    target = link.get_attribute("data-ev")
    page.evaluate("(id) => { document.getElementById(id).closest('details').open = false; }", target)
    link.scroll_into_view_if_needed()
    assert not page.evaluate(IN_VIEW_JS, target)
    link.click()
    page.wait_for_function("(id) => document.getElementById(id).classList.contains('flash')", arg=target)
    assert page.evaluate(IN_VIEW_JS, target)


def test_browser_shows_the_script_as_text_and_runs_no_dialog(opened) -> None:
    page, events = opened
    block = page.locator("div.text", has_text=SCRIPT)
    assert block.count() == 1
    block.scroll_into_view_if_needed()
    assert block.is_visible()
    assert page.evaluate("document.scripts.length") == 1
    assert page.evaluate("document.images.length") == 0
    assert events["dialogs"] == []


def test_browser_sorts_the_overview_table(opened) -> None:
    page, _events = opened
    header = page.locator("#overview thead th").nth(4)
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "ascending"
    values = page.eval_on_selector_all(
        "#overview tbody tr", "rows => rows.map(r => r.cells[4].dataset.v).filter(v => v !== '').map(Number)")
    assert values == sorted(values) and len(values) > 10


def test_browser_logs_no_console_error(opened) -> None:
    page, events = opened
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    assert events["errors"] == []
    assert events["dialogs"] == []
