"""HTML report: escaping, nested markup from overlapping spans, finding links, determinism, labels."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import re

import pytest
import yaml

from pipeline.lexicon import RESOURCE_DIR
from pipeline.process import process_path, with_batch_findings
from pipeline.report import write_report
from pipeline.report.html import build_report
from pipeline.report.overview import DocumentSummary
from pipeline.report.labels import column_labels, report_labels
from pipeline.report.markup import Mark, render
from pipeline.schema import Fact, Finding, Measure, Placeholder, Plan, Problem, Record

PREFIX = "Site title: county petition bureau\n"
BODY = (
    "Hexi Town 2021 Petition Work Summary\n"
    "In 2021 the town accepted 31 letters and visits and settled 30 of them, a settlement rate of 103%.\n"
    "<script>alert(1)</script> & \"quoted\" 'single' text stays text.\n"
    "First, strengthen leadership: leaders received 12 visitors from XX villages every month.\n"
    "Next year we will train more petition officers.\n"
)
TEXT = PREFIX + BODY
SOURCE = "synthetic/hexi_2021_annual.txt"
VOID = {"meta", "link", "br", "img", "input", "hr", "col", "wbr", "area", "base", "source"}


def span(surface: str, text: str = TEXT) -> tuple[int, int]:
    start = text.index(surface)
    return start, start + len(surface)


def fact(fid: str, surface: str, indicator: str | None, value: float, kind: str, unit: str | None,
         scope: str | None = None) -> Fact:
    start, end = span(surface)
    return Fact(id=fid, indicator=indicator, value=value, kind=kind, unit=unit, start=start, end=end, surface=surface,
                scope=scope)


def synthetic_record() -> Record:
    """A record whose spans nest (figure in measure), cross (problem across measure) and touch."""
    measure = span("First, strengthen leadership: leaders received 12 visitors from XX villages every month.")
    problem = (span("12 visitors")[0], span("Next year")[0] + 4)
    placeholder = span("XX villages")[0]
    return Record(
        doc_id="hexi_2021_annual#1", source=SOURCE, part=1, start=len(PREFIX), end=len(TEXT), language="en",
        title="Hexi Town 2021 Petition Work Summary", township="Hexi Town <b>",
        facts=(
            fact("f1", "31 letters and visits", "petitions_total", 31, "count", "case"),
            fact("f2", "30", "cases_settled", 30, "count", None),
            fact("f3", "103%", "settlement_rate", 103, "rate", "%"),
            fact("f4", "12 visitors", "leader_receptions", 12, "count", "person", scope="target"),
        ),
        placeholders=(Placeholder(start=placeholder, end=placeholder + 2, surface="XX"),),
        measures=(Measure(id="m1", text=TEXT[measure[0]:measure[1]], start=measure[0], end=measure[1],
                          categories=("leadership_responsibility", "reception"),
                          scores={"leadership_responsibility": 0.9, "reception": 0.6}),),
        problems=(Problem(id="p1", text=TEXT[problem[0]:problem[1]], start=problem[0], end=problem[1],
                          categories=("other",)),),
        plans=(Plan(id="n1", text="Next year we will train more petition officers.",
                    start=span("Next year")[0], end=len(TEXT) - 1),),
        findings=(
            Finding(rule="rate-over-100", severity="error", message="settlement_rate 103% <over>",
                    start=span("103%")[0], end=span("103%")[1], facts=("f3",)),
            Finding(rule="placeholder", severity="error", message='unfilled template marker "XX"',
                    start=placeholder, end=placeholder + 2),
            Finding(rule="parts-short-of-total", severity="warning", message="parts fall short",
                    start=span("31 letters")[0], end=span("settled 30")[1], facts=("f1", "f2")),
            Finding(rule="missing-section", severity="info", message="no results section",
                    start=len(PREFIX), end=len(PREFIX)),
            Finding(rule="template-copy", severity="warning", message="outside the record",
                    start=0, end=5),
        ),
    )


class PageParser(HTMLParser):
    """Checks that every tag closes in order; collects ids, finding links and each text block."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.ids: list[str] = []
        self.links: list[str] = []
        self.texts: list[str] = []
        self._text_depth: int | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        values = dict(attrs)
        if "id" in values:
            self.ids.append(values["id"])
        classes = (values.get("class") or "").split()
        if tag == "a" and "fl" in classes:
            self.links.append(values["href"])
        if tag in VOID:
            return
        self.stack.append(tag)
        if tag == "div" and "text" in classes:
            self._text_depth = len(self.stack)
            self.texts.append("")

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
            return
        if self._text_depth == len(self.stack):
            self._text_depth = None
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self._text_depth is not None:
            self.texts[-1] += data


def parse(page: str) -> PageParser:
    parser = PageParser()
    parser.feed(page)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def page() -> str:
    return build_report([synthetic_record()], {SOURCE: TEXT})


def test_html_escapes_script_in_document_text(page: str) -> None:
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert" not in page
    assert page.count("<script>") == 1


def test_html_escapes_strings_from_the_record(page: str) -> None:
    assert "Hexi Town &lt;b&gt;" in page
    assert "settlement_rate 103% &lt;over&gt;" in page
    assert "Hexi Town <b>" not in page


def test_html_tags_are_balanced_with_nested_and_crossing_spans(page: str) -> None:
    parser = parse(page)
    assert parser.errors == []
    assert parser.stack == []


def test_html_text_block_reproduces_the_record_text(page: str) -> None:
    assert parse(page).texts == [BODY]


def test_html_ids_are_unique(page: str) -> None:
    ids = parse(page).ids
    assert len(ids) == len(set(ids))


def test_html_every_finding_link_has_a_target(page: str) -> None:
    parser = parse(page)
    assert len(parser.links) == len(synthetic_record().findings)
    for link in parser.links:
        assert link.startswith("#") and link[1:] in parser.ids


def test_html_figure_tooltip_names_indicator_value_kind_unit(page: str) -> None:
    assert "Figure 103%&#10;Indicator: Settlement rate (%)&#10;Value: 103&#10;Kind: rate&#10;Unit: %" in page


def test_html_figure_tooltip_names_a_scope_only_when_there_is_one(page: str) -> None:
    assert "Kind: count&#10;Unit: persons&#10;Scope: target or plan" in page
    assert page.count("Scope: ") == 1  # a result of the period says nothing about scope


def test_html_is_deterministic(tmp_path: Path) -> None:
    first, second = tmp_path / "a.html", tmp_path / "b.html"
    write_report([synthetic_record()], {SOURCE: TEXT}, first)
    write_report([synthetic_record()], {SOURCE: TEXT}, second)
    assert first.read_bytes() == second.read_bytes()


def test_html_needs_the_text_of_every_source() -> None:
    with pytest.raises(ValueError, match="no text given"):
        build_report([synthetic_record()], {})


def test_html_zh_labels_give_a_chinese_page() -> None:
    page = build_report([synthetic_record()], {SOURCE: TEXT}, labels="zh")
    assert '<html lang="zh-CN">' in page
    assert report_labels("zh").title in page
    assert "批次总览" in page


def test_html_empty_batch_still_renders() -> None:
    parser = parse(build_report([], {}))
    assert parser.errors == [] and parser.stack == []


def test_markup_splits_crossing_spans_and_keeps_one_id() -> None:
    marks = [Mark(0, 5, 1, "a"), Mark(3, 8, 1, "b", anchor="x"), Mark(4, 4, 0, "z")]
    out = render("abcdefghij", marks)
    assert out == ('<span class="a">abc<span class="b" id="x" data-ev="x">d<span class="z"></span>e</span>'
                   '</span><span class="b" data-ev="x">fgh</span>ij')


def test_markup_puts_lower_rank_outside_over_the_same_range() -> None:
    out = render("xy", [Mark(0, 2, 3, "inner"), Mark(0, 2, 0, "outer")])
    assert out == '<span class="outer"><span class="inner">xy</span></span>'


def test_markup_clips_marks_to_the_text_and_escapes() -> None:
    out = render("<a&b>", [Mark(90, 102, 0, "m"), Mark(200, 210, 0, "gone")], offset=100)
    assert out == '<span class="m">&lt;a</span>&amp;b&gt;'


@pytest.fixture(scope="module")
def corpus_page(repo_root: Path) -> tuple[str, list[Record], dict[str, str]]:
    names = ["en_gaopo_2018_annual.txt", "zh_baiyang_2021_annual.txt", "zh_qingshui_2021_annual.txt",
             "en_yanjing_2015_annual.txt"]
    files = with_batch_findings([process_path(repo_root / "corpus" / name) for name in names])
    records = [record for item in files for record in item.records]
    texts = {record.source: item.text for item in files for record in item.records}
    return build_report(records, texts), records, texts


def test_html_corpus_page_is_balanced_and_links_resolve(corpus_page) -> None:
    page, records, _texts = corpus_page
    parser = parse(page)
    assert parser.errors == [] and parser.stack == []
    assert len(parser.ids) == len(set(parser.ids))
    assert len(parser.links) == sum(len(r.findings) for r in records) > 0
    assert all(link[1:] in parser.ids for link in parser.links)


def test_html_corpus_text_blocks_reproduce_every_summary(corpus_page) -> None:
    page, records, texts = corpus_page
    blocks = parse(page).texts
    assert blocks == [texts[r.source][r.start:r.end] for r in records]


def test_report_resources_agree_between_languages() -> None:
    en, zh = report_labels("en"), report_labels("zh")
    assert [(f.id, f.indicators) for f in en.families] == [(f.id, f.indicators) for f in zh.families]
    for field in ("nav", "headings", "columns", "severity", "categories", "marks", "fields", "kinds", "qualifiers"):
        assert set(getattr(en, field)) == set(getattr(zh, field)), field
    assert set(column_labels("en")) == set(column_labels("zh"))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_column_labels_name_every_indicator(lang: str) -> None:
    data = yaml.safe_load((RESOURCE_DIR / lang / "indicators.yaml").read_text(encoding="utf-8"))
    ids = {entry["id"] for entry in data["indicators"]}
    assert ids <= set(column_labels(lang))


def _hrefs(page: str) -> list[str]:
    return re.findall(r'href="#(doc-\d+)"', page)


def test_html_limit_shows_the_summaries_with_the_most_serious_findings_zh_and_en(corpus_page) -> None:
    from pipeline.report.html import shown_documents

    _page, records, texts = corpus_page
    gravity = [tuple(-sum(f.severity == s for f in r.findings) for s in ("error", "warning", "info")) for r in records]
    ranked = sorted(range(1, len(records) + 1), key=lambda n: (*gravity[n - 1], n))
    shown = shown_documents([DocumentSummary.of(r) for r in records], 2)
    assert shown == set(ranked[:2])
    for labels in ("en", "zh"):
        page = build_report(records, texts, labels, limit=2)
        parser = parse(page)
        assert parser.errors == [] and parser.stack == []
        assert len(parser.texts) == 2  # two summaries in full, in batch order
        assert parser.texts == [texts[r.source][r.start:r.end] for n, r in enumerate(records, 1) if n in shown]
        assert {f"doc-{n}" for n in shown} <= set(parser.ids)
        assert set(_hrefs(page)) == {f"doc-{n}" for n in shown}  # no link leads to a summary not shown
        assert all(link[1:] in parser.ids for link in parser.links)
        notice = page.split('id="summaries"')[1].split("</p>")[0]  # says how many, and which
        assert str(len(records)) in notice and ("shown in full here" in notice or "份全文" in notice)
        for record in records:  # every summary is still in the overview table
            assert f'data-v="{record.doc_id}"' in page


def test_html_limit_zero_or_above_the_batch_shows_every_summary(corpus_page) -> None:
    from pipeline.report.html import shown_documents

    page, records, texts = corpus_page
    summaries = [DocumentSummary.of(r) for r in records]
    assert shown_documents(summaries, 0) == shown_documents(summaries, len(records)) == set(range(1, len(records) + 1))
    assert build_report(records, texts, limit=0) == build_report(records, texts, limit=len(records)) == page
    assert "shown in full here" not in page and len(parse(page).texts) == len(records)
    with pytest.raises(ValueError, match="report limit"):
        shown_documents(summaries, -1)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_page_written_part_by_part_is_the_rendered_page(tmp_path: Path, lang: str) -> None:
    from pipeline.report.html import render_report, write_summaries_report

    record = synthetic_record()
    summaries = [DocumentSummary.of(record), DocumentSummary.of(record.model_copy(update={"doc_id": "other#1"}))]
    documents = {1: (record, TEXT)}  # the second summary only in the overview
    write_summaries_report(summaries, documents, tmp_path / "report.html", labels=lang, hashes={SOURCE: "ab" * 32})
    page = render_report(summaries, documents, lang, {SOURCE: "ab" * 32})
    assert (tmp_path / "report.html").read_bytes() == page.encode("utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.endswith("</html>\n") and "summaries_limited" not in page
