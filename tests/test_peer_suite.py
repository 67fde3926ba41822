"""bench/peer_suite.py: it says where the peer's files go when they are absent, groups forms, and
scores a suite written here in the peer's format (no peer sentence is kept in this repository)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.peer_suite import GROUPS, group_of, main, run


def test_peer_suite_says_where_to_put_the_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--peer", str(tmp_path)]) == 2
    message = capsys.readouterr().err
    assert "NumberModel.json" in message and str(tmp_path) in message and "Recognizers-Text" in message


@pytest.mark.parametrize(("text", "group"), [
    ("全年受理三十一件", GROUPS[0]), ("办结率百分之九十八点五", GROUPS[0]), ("十余万人", GROUPS[0]),
    ("三打鸡蛋", GROUPS[1]), ("五兆", GROUPS[1]), ("叁佰元", GROUPS[1]), ("3e5", GROUPS[1]), ("八折", GROUPS[1]),
])
def test_peer_suite_groups_report_forms_apart(text: str, group: str) -> None:
    assert group_of(text)[0] == group


def _result(text: str, value: str, type_name: str) -> dict:
    return {"Text": text, "TypeName": type_name, "Resolution": {"value": value}}


def test_peer_suite_scores_right_wrong_missed_and_extra(tmp_path: Path) -> None:
    number = [
        {"Input": "全年受理信访事项三十一件", "Results": [_result("三十一", "31", "number")]},       # right
        {"Input": "走访群众十余万人", "Results": [_result("十余万", "100000", "number")]},          # right
        {"Input": "共有三十一", "Results": [_result("三十一", "31", "number")]},                  # missed by design
        {"Input": "共有两千四百五户", "Results": [_result("两千四百五", "2405", "number")]},        # wrong (2450)
        {"Input": "一切正常", "Results": []},
        {"Input": "办结12件", "Results": []},                                                   # extra
    ]
    percent = [{"Input": "满意率达九成", "Results": [_result("九成", "90%", "percentage")]}]
    (tmp_path / "NumberModel.json").write_text(json.dumps(number, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "PercentModel.json").write_text(json.dumps(percent, ensure_ascii=False), encoding="utf-8")
    tallies, _ = run(tmp_path)
    numbers = tallies[("NumberModel", GROUPS[0])]
    assert (numbers.right, numbers.wrong, numbers.missed, numbers.missed_bare, numbers.extra) == (2, 1, 0, 1, 1)
    percents = tallies[("PercentModel", GROUPS[0])]
    assert (percents.right, percents.wrong) == (1, 0)
