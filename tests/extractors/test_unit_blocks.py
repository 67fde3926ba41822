"""Blocks, pieces and heading runs of real-shaped paragraphs (zh and en), offsets kept."""

from __future__ import annotations

import pytest

from pipeline.extractors.unit_blocks import blocks, pieces, runs
from pipeline.extractors.unit_kinds import unit_cues
from pipeline.ingest import load_source
from pipeline.segment import segment


def _doc(tmp_path, text: str):
    path = tmp_path / "t.txt"
    path.write_text(text, encoding="utf-8")
    doc = load_source(path).documents[0]
    return doc, segment(doc)


def _pieces(doc, seg) -> list[list[str]]:
    cues = unit_cues(doc.language)
    return [[doc.file_text[p.start:p.end] for p in pieces(doc, block, cues.pieces)] for block in blocks(doc, seg)]


def test_unit_blocks_clause_markers_are_dropped_and_kept_as_markers(tmp_path) -> None:
    doc, seg = _doc(tmp_path, "今年以来，我镇信访形势平稳。\n一是建立台账，逐一销号；二是开展排查。\n")
    found = blocks(doc, seg)
    assert [b.marker for b in found] == ["", "一是", "二是"]
    assert doc.file_text[found[1].start:found[1].end].startswith("建立台账")


def test_unit_blocks_a_lone_clause_marker_opening_a_line_is_dropped(tmp_path) -> None:
    doc, seg = _doc(tmp_path, "下一步打算如下：\n一是抓好农田管理，减少灾害损失。\n二是加强综合治理。\n")
    assert [b.marker for b in blocks(doc, seg)][-2:] == ["一是", "二是"]


@pytest.mark.parametrize("text, expected", [
    ("各村党群服务中心悬挂维稳宣传标语5条以上；村居公示栏统一张贴专项整治的目的、要求和具体措施。",
     ["各村党群服务中心悬挂维稳宣传标语5条以上", "村居公示栏统一张贴专项整治的目的、要求和具体措施"]),
    ("能当场解决的，当场解决；需部门配合解决的，协调后答复。", ["能当场解决的，当场解决；需部门配合解决的，协调后答复"]),
    ("中心启动联动机制联系村支书；协调派出所；工作人员同时联系当事人本人。",
     ["中心启动联动机制联系村支书；协调派出所；工作人员同时联系当事人本人"]),
    ("调解员当天到场调解，双方握手言和。（编辑：张某）", ["调解员当天到场调解，双方握手言和"]),
], ids=["two-actions", "condition-continues", "short-parts-join", "credit-trimmed"])
def test_unit_blocks_pieces_zh(tmp_path, text: str, expected: list[str]) -> None:
    doc, seg = _doc(tmp_path, "今年以来，我镇信访形势平稳。\n" + text + "\n")
    assert _pieces(doc, seg)[-1] == expected


def test_unit_blocks_pieces_en_semicolon_and_sentences(tmp_path) -> None:
    doc, seg = _doc(tmp_path, "This year the town kept petitions stable.\n"
                              "The town set up a ledger of disputes; the village mediators settled twelve of them. "
                              "Leaders received visitors every Monday.\n")
    assert _pieces(doc, seg)[-1] == ["The town set up a ledger of disputes", "the village mediators settled twelve of them",
                                     "Leaders received visitors every Monday"]


def test_unit_blocks_a_short_piece_before_a_longer_one_opens_a_run(tmp_path) -> None:
    doc, seg = _doc(tmp_path, "今年以来，我镇信访形势平稳。\n强化责任机制。做到制度到人、责任到人、考核到人，落实专人负责信访接待工作；完善信访网络。"
                              "充实明确镇村信访干部和信访联络员，并通过培训提高他们的业务水平。\n")
    block = blocks(doc, seg)[-1]
    cues = unit_cues("zh")
    found = runs(doc.file_text, pieces(doc, block, cues.pieces), "zh", cues.raw.heading_piece_size)
    assert [doc.file_text[r.heading.start:r.heading.end] for r in found] == ["强化责任机制", "完善信访网络"]
    assert [len(r.pieces) for r in found] == [1, 1]


def test_unit_blocks_no_block_spans_two_sections(tmp_path) -> None:
    doc, seg = _doc(tmp_path, "青石镇信访工作总结\n\n一、主要做法\n成立领导小组，实行包案制度。\n\n二、存在问题\n信访干部力量不足。\n")
    for block in blocks(doc, seg):
        section = seg.sections[block.section]
        assert section.start <= block.start < block.end <= section.end


BULLETED = {
    "en": ("The town set up a mediation hall in 2020 and staffed it with four mediators from the villages.\n\n"
           "The hall was given three tasks\n\n"
           "  • to receive villagers who bring a dispute and register it the same day\n"
           "  • if a dispute is settled, to visit both sides again after a month\n\n"
           "Since then the hall has settled 120 disputes.\n"),
    "zh": ("镇里在二〇二〇年建起调解大厅，从各村抽调四名调解员常驻。\n\n大厅承担以下几项任务\n\n"
           "• 接待带着纠纷来的村民并当天登记\n• 纠纷调处成功后一个月内回访双方\n\n此后大厅共调处纠纷120起。\n"),
}


TITLES = {"en": "The hall was given three tasks", "zh": "大厅承担以下几项任务"}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_unit_blocks_a_bulleted_line_is_an_item_not_a_title(tmp_path, lang: str) -> None:
    doc, seg = _doc(tmp_path, BULLETED[lang])
    items = [line.strip().lstrip("•").strip() for line in BULLETED[lang].splitlines() if line.strip().startswith("•")]
    with_bullets = [doc.file_text[b.start:b.end].strip() for b in blocks(doc, seg, unit_cues(lang).bullet)]
    without = [doc.file_text[b.start:b.end].strip() for b in blocks(doc, seg)]
    assert len(items) == 2 and all(item in with_bullets for item in items)  # each item a block, its bullet left out
    assert not any(item in text for item in items for text in without)  # short lines without the rule: titles
    assert TITLES[lang] not in with_bullets  # a short line with no bullet stays a title


@pytest.mark.parametrize("text, last, kept", [
    # a page saved up to a length stops mid-sentence: its last line is running text, however short
    ("青石镇坚持每月开展一次矛盾纠纷排查。\n该镇坚持班子成员轮流接访,当天值班的", "该镇坚持班子成员轮流接访,当天值班的", True),
    ("The town screens disputes every month.\nLast year, the town set up a", "Last year, the town set up a", True),
    # a short last line with no comma is a title or a caption; a cut line that the file goes on after is none
    ("青石镇坚持每月开展一次矛盾纠纷排查。\n扫一扫在手机打开当前页", "扫一扫在手机打开当前页", False),
    ("青石镇坚持每月开展一次矛盾纠纷排查。\n压实责任,狠抓落实\n镇里每周调度一次。\n", "压实责任,狠抓落实", False),
], ids=["zh-cut", "en-cut", "zh-caption", "zh-heading-inside"])
def test_unit_blocks_the_cut_off_last_line_of_a_page_is_a_block(tmp_path, text: str, last: str, kept: bool) -> None:
    doc, seg = _doc(tmp_path, text)
    found = [doc.file_text[b.start:b.end] for b in blocks(doc, seg)]
    assert (last in found) is kept
