"""The comparison charts in a real headless Chromium, in Chinese and English, on the corpus and on
10,000 generated summaries: charts present, sizes bounded, Chinese glyphs rendered, search works."""

from __future__ import annotations

import base64
import struct
from pathlib import Path

import pytest

from pipeline.report.charts import TOP
from pipeline.report.html import build_report, render_report
from synthetic_batch import synthetic_summaries
from test_browser import CHROMIUM, COLOURS_JS
from test_corpus import processed_corpus

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason=f"{CHROMIUM} is absent (install it with .ci/install-browser.sh)")

CARDS = ("#rates", "#volume", "#heatmap", "#problem-shares")
MAX_CARD_PX = 900  # a card's height whatever the batch: the grid scrolls inside it
MAX_OVERVIEW_PX = 6_000  # from the top of the page to the first summary shown in full
MAX_PAGE_BYTES = 15_000_000

# Han characters of an element drawn in the page's own font: real glyphs differ from one another and
# from a private-use character (drawn as the font's empty box); missing fonts draw one box for all.
GLYPHS_JS = """(selector) => {
  const text = document.querySelector(selector).textContent;
  const font = getComputedStyle(document.body).fontFamily;
  const draw = (ch) => {
    const c = document.createElement('canvas'); c.width = 40; c.height = 40;
    const x = c.getContext('2d'); x.font = '28px ' + font; x.fillStyle = '#000'; x.fillText(ch, 4, 32);
    const d = x.getImageData(0, 0, 40, 40).data; let ink = 0, key = '';
    for (let i = 3; i < d.length; i += 4) { if (d[i] > 96) { ink++; key += i + ','; } }
    return [ink, key];
  };
  const chars = [...new Set(Array.from(text).filter(ch => /[\\u4e00-\\u9fff]/.test(ch)))].slice(0, 8);
  const drawn = chars.map(draw), box = draw('\\ue000')[1];
  return {chars: chars.length, distinct: new Set(drawn.map(d => d[1])).size,
          inked: drawn.filter(d => d[0] > 20).length, boxes: drawn.filter(d => d[1] === box).length};
}"""

CARD_JS = """(selector) => {
  const card = document.querySelector(selector);
  const rows = card.querySelectorAll('tbody tr');
  const visible = Array.from(rows).filter(r => !r.hidden && r.getBoundingClientRect().height > 0);
  return {height: card.getBoundingClientRect().height, rows: rows.length, visible: visible.length,
          marks: card.querySelectorAll('.b, td.h[style]').length};
}"""


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("charts")
    files = processed_corpus()
    records = [record for item in files for record in item.records]
    texts = {record.source: item.text for item in files for record in item.records}
    batch = synthetic_summaries(10_000)
    made = {}
    for lang in ("zh", "en"):
        made[f"corpus-{lang}"] = folder / f"corpus-{lang}.html"
        made[f"corpus-{lang}"].write_text(build_report(records, texts, lang), encoding="utf-8")
        made[f"large-{lang}"] = folder / f"large-{lang}.html"
        made[f"large-{lang}"].write_text(render_report(batch, {}, lang), encoding="utf-8")
    return made



@pytest.fixture(scope="module", params=["corpus-zh", "corpus-en", "large-zh", "large-en"])
def opened(request, browser, pages):
    page = browser.new_page(viewport={"width": 1360, "height": 900})
    page.set_default_timeout(60_000)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(pages[request.param].as_uri())
    page.wait_for_load_state("load")
    yield request.param, page, errors
    page.close()


def png_size(data: bytes) -> tuple[int, int]:
    return struct.unpack(">II", data[16:24])


def test_browser_charts_are_present_bounded_and_drawn(opened, browser, tmp_path: Path) -> None:
    name, page, errors = opened
    for selector in CARDS:
        card = page.evaluate(CARD_JS, selector)
        assert card["rows"] > 0 and 0 < card["visible"] <= TOP, (name, selector, card)
        assert card["height"] <= MAX_CARD_PX and card["marks"] > 0, (name, selector, card)
    assert page.evaluate("document.querySelector('#doc-1, #summaries').getBoundingClientRect().top "
                         "+ window.scrollY") < MAX_OVERVIEW_PX
    shot = page.locator("#rates").screenshot(path=str(tmp_path / f"{name}-rates.png"))
    width, height = png_size(shot)
    assert width <= 1360 and 200 < height <= MAX_CARD_PX
    blank = browser.new_page()
    colours, commonest = blank.evaluate(COLOURS_JS, "data:image/png;base64," + base64.b64encode(shot).decode())
    blank.close()
    assert colours > 20 and commonest < 0.95  # bars, gap marks and text, not an empty card
    assert errors == []


def test_browser_rates_axis_is_scaled_to_the_data(opened) -> None:
    _name, page, _errors = opened
    low, high = page.evaluate("Array.from(document.querySelector('#rates thead .ax').children)"
                              ".map(i => parseFloat(i.textContent))")
    assert 0 < low < high <= 110


def test_browser_chinese_glyphs_are_rendered(opened) -> None:
    name, page, _errors = opened
    selector = "header.page h1" if name.endswith("zh") else "#rates tbody th"
    glyphs = page.evaluate(GLYPHS_JS, selector)
    assert glyphs["chars"] >= 3, glyphs
    assert glyphs["distinct"] == glyphs["chars"] == glyphs["inked"] and glyphs["boxes"] == 0, glyphs


def test_browser_search_finds_a_township_past_the_top(opened) -> None:
    name, page, _errors = opened
    hidden = page.locator("#rates tbody tr[hidden]")
    if not hidden.count():
        pytest.skip(f"{name}: every township is shown")
    target = hidden.first.locator("th").inner_text().strip()
    page.fill("#township-search", target)
    visible = page.eval_on_selector_all("#rates tbody tr", "rows => rows.filter(r => !r.hidden)"
                                        ".map(r => r.querySelector('th').textContent.trim())")
    assert target in visible and len(visible) < TOP
    page.fill("#township-search", "")
    assert page.locator("#rates tbody tr:not([hidden])").count() == TOP


def test_browser_large_report_stays_within_its_size(pages) -> None:
    for lang in ("zh", "en"):
        assert pages[f"large-{lang}"].stat().st_size < MAX_PAGE_BYTES
