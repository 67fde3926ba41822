"""Series: comparable period slots, ordering, revisions, the store deduplicated against the batch."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from pipeline.schema import Fact, Period
from pipeline.series import SeriesItem, Slot, body_hash, build_series, series_facts, slot_of


def _item(order: int, township: str | None, period: Period, *, language: str = "zh", earlier: bool = False,
          text: str | None = None, facts: tuple[Fact, ...] = ()) -> SeriesItem:
    return SeriesItem(order, f"d{order}", f"s{order}.txt", 1, 0, 10, language, township, slot_of(period),
                      series_facts(facts),
                      body_hash(text or f"text {order}"), earlier, None if earlier else order)


@pytest.mark.parametrize("period, slot", [
    (Period(year=2021, kind="year"), Slot("year", 2021, 0)),
    (Period(year=2021, half=2, kind="half"), Slot("half", 2021, 2)),
    (Period(year=2021, quarter=3, kind="quarter"), Slot("quarter", 2021, 3)),
    (Period(year=2021, quarter=3, kind="nine_months"), Slot("nine_months", 2021, 0)),
    (Period(year=2021, kind="months", raw="1-10月"), None),
    (Period(year=None, kind="year"), None),
    (Period(year=2021, kind="half"), None),
    (None, None),
])
def test_series_slot_of_each_period_kind(period, slot) -> None:
    assert slot_of(period) == slot


@pytest.mark.parametrize("slot, years, steps, expected", [
    (Slot("half", 2021, 1), 1, 0, Slot("half", 2020, 1)),
    (Slot("half", 2021, 1), 0, 1, Slot("half", 2020, 2)),
    (Slot("half", 2021, 2), 0, 1, Slot("half", 2021, 1)),
    (Slot("quarter", 2021, 1), 0, 1, Slot("quarter", 2020, 4)),
    (Slot("year", 2021, 0), 0, 1, Slot("year", 2020, 0)),
    (Slot("nine_months", 2021, 0), 2, 0, Slot("nine_months", 2019, 0)),
])
def test_series_slot_shifts_within_its_kind(slot, years, steps, expected) -> None:
    assert slot.shifted(years, steps) == expected


@given(st.sampled_from(["half", "quarter", "year"]), st.integers(2000, 2030), st.integers(1, 4), st.integers(-9, 9))
def test_series_slot_shift_is_invertible_and_ordered(kind: str, year: int, index: int, steps: int) -> None:
    per_year = {"half": 2, "quarter": 4, "year": 1}[kind]
    slot = Slot(kind, year, min(index, per_year) if per_year > 1 else 0)
    moved = slot.shifted(steps=steps)
    assert moved.shifted(steps=-steps) == slot
    assert (moved.order() < slot.order()) == (steps > 0)


def test_series_orders_by_period_and_keeps_revisions() -> None:
    items = [_item(0, "青山镇", Period(year=2021, half=1, kind="half")),
             _item(1, "青山镇", Period(year=2020, kind="year")),
             _item(2, "青山镇", Period(year=2020, half=1, kind="half")),
             _item(3, "青山镇", Period(year=2021, half=1, kind="half")),
             _item(4, "白沙镇", Period(year=2020, kind="year"))]
    series = {s.key: s for s in build_series(items)}
    assert set(series) == {"青山", "白沙"}
    qingshan = series["青山"]
    assert [i.order for i in qingshan.items] == [2, 1, 0, 3]
    assert [i.order for i in qingshan.current()] == [2, 1, 3]
    assert [(old.order, new.order) for old, new in qingshan.revisions()] == [(0, 3)]
    assert qingshan.at(Slot("half", 2021, 1)).order == 3


def test_series_keeps_languages_apart_and_leaves_out_unknown_periods() -> None:
    items = [_item(0, "白鹭镇", Period(year=2021, kind="year")),
             _item(1, "Bailu Town", Period(year=2021, kind="year"), language="en"),
             _item(2, "白鹭镇", Period(year=None)),
             _item(3, None, Period(year=2021, kind="year"))]
    found = build_series(items)
    assert [(s.key, s.language, len(s.items)) for s in found] == [("白鹭", "en", 1), ("白鹭", "zh", 1)]


def test_series_store_copy_of_a_batch_summary_is_dropped() -> None:
    period = Period(year=2021, kind="year")
    items = [_item(0, "青山镇", period, earlier=True, text="same"),
             _item(1, "青山镇", Period(year=2020, kind="year"), earlier=True, text="older"),
             _item(2, "青山镇", period, text="same")]
    (series,) = build_series(items)
    assert [i.order for i in series.items] == [1, 2]


def test_series_facts_leave_out_targets_and_frequencies() -> None:
    def fact(n: int, **kw) -> Fact:
        return Fact(id=f"f{n}", value=1, start=0, end=1, surface="1", **kw)

    kept = series_facts([fact(1, indicator="petitions_total", kind="count"),
                         fact(2, indicator="petitions_total", kind="count", scope="target"),
                         fact(3, indicator="trainings", kind="frequency", per="year"),
                         fact(4, indicator=None, kind="count"),
                         fact(5, indicator="petitions_total", kind="change", unit="percent")])
    assert [f.id for f in kept] == ["f1", "f5"]


def test_series_facts_read_from_record_json_equal_those_of_the_record() -> None:
    import json
    from pathlib import Path

    from pipeline.process import process_path
    from pipeline.series import series_facts_of_dicts

    corpus = Path(__file__).resolve().parents[1] / "corpus"
    for name in ("zh_qingshi_2023_h1.txt", "en_hongqiao_2020_h1.txt", "zh_anxi_2020_h1.txt"):
        (record,) = process_path(corpus / name, classify=False).records
        stored = series_facts_of_dicts(json.loads(record.to_json())["facts"])
        assert stored == series_facts(record.facts) and stored
