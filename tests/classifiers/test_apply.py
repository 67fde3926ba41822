"""Labelling records: every unit labelled in one batch, traditional text read as its simplified form."""

from __future__ import annotations

import pytest

from pipeline.classifiers.apply import label_records
from pipeline.fold import fold
from pipeline.schema import Measure, Period, Problem, Record


def _record(measures: tuple[str, ...] = (), problems: tuple[str, ...] = ()) -> Record:
    text = "".join(measures + problems)
    spans, at = [], 0
    for unit in measures + problems:
        spans.append((at, at + len(unit)))
        at += len(unit)
    made_measures = tuple(Measure(id=f"m{n}", text=t, start=s, end=e)
                          for n, (t, (s, e)) in enumerate(zip(measures, spans), 1))
    made_problems = tuple(Problem(id=f"p{n}", text=t, start=s, end=e)
                          for n, (t, (s, e)) in enumerate(zip(problems, spans[len(measures):]), 1))
    return Record(doc_id="t#1", source="t.txt", part=1, start=0, end=len(text), language="zh", title=None,
                  township=None, period=Period(), sections=(), facts=(), placeholders=(),
                  measures=made_measures, problems=made_problems, plans=())


@pytest.mark.parametrize("traditional", [
    "二是健全工作網絡，在各村設立信訪代理員，形成鄉村兩級聯動的工作格局。",
    "三是開展矛盾糾紛大排查，對排查出的問題逐一登記，落實包案領導。",
    "2、加強隊伍建設，組織信訪幹部參加業務培訓兩次。",
])
def test_a_traditional_measure_gets_the_labels_of_its_simplified_form(traditional: str) -> None:
    simplified = fold(traditional)
    assert simplified != traditional
    [ours], [theirs] = label_records([_record((traditional,))]), label_records([_record((simplified,))])
    assert ours.measures[0].categories == theirs.measures[0].categories
    assert ours.measures[0].scores == theirs.measures[0].scores
    assert ours.measures[0].text == traditional  # the unit keeps the text as written


@pytest.mark.parametrize("traditional", ["一是信訪工作經費不足，接待場所條件簡陋。", "部分群眾法律意識淡薄，信訪不信法。"])
def test_a_traditional_problem_gets_the_labels_of_its_simplified_form(traditional: str) -> None:
    [ours], [theirs] = label_records([_record(problems=(traditional,))]), \
        label_records([_record(problems=(fold(traditional),))])
    assert ours.problems[0].categories == theirs.problems[0].categories
    assert ours.problems[0].text == traditional


def test_english_and_simplified_units_are_labelled_as_written() -> None:
    units = ("We set up a petition hotline and a reception room.", "开展矛盾纠纷排查化解。")
    [record] = label_records([_record(units)])
    assert [m.text for m in record.measures] == list(units)
    assert all(m.categories for m in record.measures)


@pytest.mark.parametrize("task, text", [
    ("problems", "这几年镇里的情况变化很快"),  # a vague statement: no category clears its threshold
    ("measures", "镇里召开了一次会议"),
])
def test_a_unit_below_every_threshold_takes_its_top_category_only_from_its_task_floor(monkeypatch, task: str,
                                                                                     text: str) -> None:
    """The floor of the top-category fallback is per task (apply.FALLBACK_FLOOR): at or under the top score
    the top category is taken, above it none."""
    from pipeline.classifiers import apply

    _, scores = apply.label([text], task)[0]
    top = max(scores, key=scores.get)
    thresholds = dict(zip(map(str, apply._scorer(task).classes), apply._scorer(task).thresholds))
    if any(scores[name] >= thresholds[name] for name in scores):
        pytest.skip("a category clears its threshold: no fallback to test")
    monkeypatch.setitem(apply.FALLBACK_FLOOR, task, scores[top] - 0.001)  # scores are rounded to 3 digits
    assert apply.label([text], task)[0][0] == (top,)
    monkeypatch.setitem(apply.FALLBACK_FLOOR, task, scores[top] + 0.001)
    assert apply.label([text], task)[0][0] == ()
