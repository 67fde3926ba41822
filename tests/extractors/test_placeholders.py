"""Unfilled template markers: resource examples, positive and negative cases, the seed file, properties."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from pipeline.extractors.placeholders import PlaceholderResource, find_placeholders
from pipeline.lexicon import load_resource

from seed_location import SEED_PATH  # noqa: E402  (the shared sample, or its copy in tests/data)
ENTRIES = load_resource("common", "placeholders", PlaceholderResource).patterns


def _surfaces(text: str) -> list[str]:
    return [text[start:end] for start, end in find_placeholders(text)]


@pytest.mark.parametrize("entry", ENTRIES, ids=[e.name for e in ENTRIES])
def test_placeholders_example_matches_own_pattern(entry) -> None:
    assert re.search(entry.pattern, entry.example), entry.example
    assert bool(find_placeholders(entry.example)) == entry.placeholder


POSITIVES = [
    ("xx town is located in the southwest of xx county", ["xx", "xx"]),
    ("XX kilometers away from XX city", ["XX", "XX"]),
    ("The town covers an area of ??XX square kilometers.", ["??XX"]),
    ("jurisdiction over XX villages, X neighborhood committees", ["XX", "X"]),
    ("the leaders listened to the work reports X times", ["X"]),
    ("In 20XX, the petition work in our township", ["20XX"]),
    ("In the past year, the township *** has accepted 31 letters", ["***"]),
    ("XX镇20XX年上半年信访工作总结", ["XX", "20XX"]),
    ("XXXX年XX月XX日", ["XXXX", "XX", "XX"]),
    ("共受理信访××件，办结率x.x%", ["××", "x.x%"]),
    ("群众满意率达XX.X%", ["XX.X%"]),
    ("共受理信访??件，同比下降？？%", ["??", "？？"]),
    ("于x月x日召开会议", ["x", "x"]),
    ("X村发生矛盾纠纷X起", ["X", "X"]),
    ("办结率XX%", ["XX%"]),
    ("□□村村民反映", ["□□"]),
    ("□村村民反映土地纠纷，镇里派员调查。", ["□"]),
    ("全镇共有8*0户，20*年上半年", ["*", "*"]),
    ("王*镇党委书记带队接访", ["*"]),
    ("以[x]17号文件精神为指导", ["[x]"]),
    ("开头\n共受理信访??件", ["??"]),
    ("标题\n??镇信访工作总结", ["??"]),
    ("the spirit of the xx National Congress", ["xx"]),
    ("全镇X+个村", ["X"]),
    ("共有X个村，X+1个社区", ["X", "X"]),
    ("共化解矛盾纠纷____起，办结率__%", ["____", "__%"]),
    ("In 20__, the town received __ petitions.", ["20__", "__"]),
    ("共受理信访事项（ ）件，办结率（　）%", ["（ ）", "（\u3000）"]),
]
NEGATIVES = [
    "Xinjiang", "the next step", "size XXL", "an X-ray machine", "the Box office", "3×4 grid",
    "二○○八年", "Max and Rex", "X. Remarkable achievements in petition work",
    "IX. Plans for next year", "XII、下一步打算", "x-axis", "3x4", "the examination", "Expo 2020",
    "COVID-19", "No. 318", "共受理31件",
    "??? 该镇把信访工作列为全年重点", "*注：数据截至6月底", "2 * 3 = 6", "see note (x) below", "标题\n？？？ 镇里成立了工作专班", "□记者 王明 李红\n正文",
    "推行“1+X”调解模式", "“1+N+X”联动机制", "the X+1 service model", "a 1 + X team",
    "the file my_report__v2.doc", "调解员（）负责登记", "（一）调解工作", "__init__",
]


@pytest.mark.parametrize("text, expected", POSITIVES, ids=[p[0][:24] for p in POSITIVES])
def test_placeholders_finds_markers(text: str, expected: list[str]) -> None:
    assert _surfaces(text) == expected


@pytest.mark.parametrize("text", NEGATIVES)
def test_placeholders_ignores_look_alikes(text: str) -> None:
    assert _surfaces(text) == []


def test_placeholders_roman_heading_only_at_line_start() -> None:
    assert _surfaces("Summary\nX. Remarkable achievements") == []
    assert _surfaces("reports X. The next") == ["X"]


def test_placeholders_every_marker_of_the_seed_file_is_found() -> None:
    if not SEED_PATH.is_file():
        pytest.skip(f"seed file not found at {SEED_PATH}")
    text = SEED_PATH.read_text(encoding="utf-8")
    spans = find_placeholders(text)
    oracle = [m.span() for m in re.finditer(r"\?\?XX|20XX|\*\*\*|(?<![A-Za-z?0-9])(?:XX|xx|X)(?![A-Za-z])", text)]
    assert oracle and all(any(s <= a and b <= e for s, e in spans) for a, b in oracle)
    assert len(spans) == len(oracle) == 27
    assert all(re.fullmatch(r"\?\?XX|20XX|\*\*\*|XX|xx|X", text[s:e]) for s, e in spans)


def test_placeholders_bad_pattern_names_the_entry() -> None:
    with pytest.raises(ValidationError, match="broken"):
        PlaceholderResource.model_validate({"patterns": [{"name": "broken", "pattern": "[", "example": "x"}]})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("Xx×?？*□○.%0123456789 \n-aeinrt镇年月、") + ["XX", "20", "???"]),
                max_size=50).map("".join))
def test_placeholders_spans_are_sorted_disjoint_and_inside(text: str) -> None:
    previous_end = 0
    for start, end in find_placeholders(text):
        assert previous_end <= start < end <= len(text)
        previous_end = end
