"""The comparison basis a text names (resources/<lang>/series.yaml) and the period it points to."""

from __future__ import annotations

import string

import pytest

from pipeline.i18n_resources import messages
from pipeline.checks.basis import basis_cues, basis_target, bases_in, target_slot
from pipeline.checks.rulebook import rule_book
from pipeline.series import Slot

H1_2021, H2_2021, Y2021 = Slot("half", 2021, 1), Slot("half", 2021, 2), Slot("year", 2021, 0)


@pytest.mark.parametrize("lang, text, slot, expected", [
    ("zh", "受理187件，同比下降12.6%", H1_2021, Slot("half", 2020, 1)),
    ("zh", "去年同期214件", H1_2021, Slot("half", 2020, 1)),
    ("zh", "环比上升5.2%", H1_2021, Slot("half", 2020, 2)),
    ("zh", "较上半年下降5%", H2_2021, H1_2021),
    ("zh", "比上年减少9件", Y2021, Slot("year", 2020, 0)),
    ("zh", "比上年减少9件", H1_2021, None),  # "last year" of a half: unclear
    ("zh", "较2019年下降8.1%", Y2021, Slot("year", 2019, 0)),
    ("zh", "较2019年同期下降8.1%", H1_2021, Slot("half", 2019, 1)),
    ("zh", "较2022年下降8.1%", Y2021, None),  # a later year is no basis
    ("zh", "下降12.6%", Y2021, None),
    ("zh", "同比、环比均下降12.6%", H1_2021, None),
    ("zh", "环比下降3%", Y2021, None),
    ("en", "down 31.4 percent year on year", H1_2021, Slot("half", 2020, 1)),
    ("en", "9 fewer than the same period last year", H1_2021, Slot("half", 2020, 1)),
    ("en", "up 5 percent on the previous quarter", Slot("quarter", 2021, 1), Slot("quarter", 2020, 4)),
    ("en", "12 fewer than last year", Y2021, Slot("year", 2020, 0)),
    ("en", "12 fewer than last year", H1_2021, None),
    ("en", "a drop of 8.1% compared with 2019", Y2021, Slot("year", 2019, 0)),
    ("en", "down 10 percent", Y2021, None),
    ("en", "down 10 percent year on year and 3 percent on the previous quarter", Slot("quarter", 2021, 2), None),
])
def test_basis_target_of_a_stated_change(lang: str, text: str, slot: Slot, expected: Slot | None) -> None:
    target, words = basis_target(text, len(text) - 1, len(text), slot, lang)
    assert target == expected
    assert bool(words) == bool(bases_in(text, basis_cues(lang)))


def test_basis_is_read_from_the_clause_of_the_figure() -> None:
    text = "受理187件，同比下降12.6%，环比上升3%"
    at = text.index("12.6%")
    assert basis_target(text, at, at + 5, H1_2021, "zh")[0] == Slot("half", 2020, 1)
    at = text.index("3%")
    assert basis_target(text, at, at + 2, H1_2021, "zh")[0] == Slot("half", 2020, 2)


def test_basis_falls_back_to_the_sentence_before_the_figure() -> None:
    text = "与去年同期相比，受理信访事项减少12件。"
    at = text.index("12件")
    assert basis_target(text, at, at + 3, H1_2021, "zh")[0] == Slot("half", 2020, 1)


def test_basis_unclear_bases_give_no_target() -> None:
    assert target_slot(H1_2021, set()) is None
    assert target_slot(None, {"same_period_last_year"}) is None


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_basis_resource_examples_are_read_as_labelled(lang: str) -> None:
    assert basis_cues(lang)  # loading checks every example


def test_series_messages_in_chinese_have_the_fields_of_the_english_templates() -> None:
    names = lambda t: {f for _, f, _, _ in string.Formatter().parse(t) if f}  # noqa: E731
    series = {rule for rule, spec in rule_book().rules.items() if spec.family == "series"}
    zh, en = messages("zh").rules, messages("en").rules
    assert series and series <= set(zh) and series <= set(en)
    for rule in series:
        assert names(zh[rule].message) == names(en[rule].message), rule
        assert zh[rule].title.strip() and zh[rule].explanation.strip()
