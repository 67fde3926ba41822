"""Numeral arithmetic: Chinese numerals written by a reference writer read back, in 万/亿 forms,
with decimals, with 余/多/几 and units, and as approximate ranges."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.numbers import find_quantities, parse_numeral

DIGITS = "零一二三四五六七八九"
WAN, YI = 10**4, 10**8


def _below_wan(number: int) -> str:
    out, zero = "", False
    for unit, size in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
        digit = number // size % 10
        if digit == 0:
            zero = bool(out)
            continue
        word = "" if (digit == 1 and size == 10 and not out) else DIGITS[digit]  # 十五, not 一十五
        out += ("零" if zero else "") + word + unit
        zero = False
    return out


def _rest(low: int, unit: int) -> str:
    """What follows 万 or 亿: 零 when the next group does not start at its top digit (一万零五百)."""
    if low == 0:
        return ""
    return ("零" if low < unit // 10 else "") + to_chinese(low)


def to_chinese(number: int) -> str:
    """A reference writer of Chinese numerals: 三十一, 一万零五百, 一千万零一, 一万二千亿."""
    if number == 0:
        return "零"
    if number >= YI:
        high, low = divmod(number, YI)
        return to_chinese(high) + "亿" + _rest(low, YI)
    if number >= WAN:
        high, low = divmod(number, WAN)
        return to_chinese(high) + "万" + _rest(low, WAN)
    return _below_wan(number)


def decimal_to_chinese(value: Decimal) -> str:
    """十二点零五, 零点五: the whole part as a numeral, the decimals digit by digit."""
    whole, _, fraction = f"{value:f}".partition(".")
    fraction = fraction.rstrip("0")
    return to_chinese(int(whole)) + ("点" + "".join(DIGITS[int(d)] for d in fraction) if fraction else "")


def _number(value: Decimal) -> float | int:
    return int(value) if value == value.to_integral_value() else float(value)


@pytest.mark.parametrize(("number", "written"), [
    (31, "三十一"), (10500, "一万零五百"), (10000001, "一千万零一"), (1_200_000_000_000, "一万二千亿"),
    (100010000, "一亿零一万"), (15, "十五"), (110, "一百一十"),
])
def test_numerals_reference_writer(number: int, written: str) -> None:
    assert to_chinese(number) == written


@settings(deadline=None)
@given(st.integers(min_value=0, max_value=10**12))
def test_numerals_chinese_integers_round_trip(number: int) -> None:
    assert parse_numeral(to_chinese(number), "zh") == number


DECIMALS = st.decimals(min_value=0, max_value=10**8, places=3, allow_nan=False, allow_infinity=False)


@settings(deadline=None)
@given(DECIMALS)
def test_numerals_chinese_decimals_round_trip(value: Decimal) -> None:
    assert parse_numeral(decimal_to_chinese(value), "zh") == _number(value)


SCALES = st.sampled_from([("万", WAN), ("亿", YI), ("万亿", WAN * YI)])
MANTISSAS = st.decimals(min_value=Decimal("0.001"), max_value=9999, places=3, allow_nan=False, allow_infinity=False)
UNITS = st.sampled_from([("人", "person"), ("件", "case"), ("人次", "person_time"), ("户", "household"),
                         ("元", "yuan")])


@settings(max_examples=200, deadline=None)
@given(MANTISSAS, SCALES, st.booleans())
def test_numerals_scaled_decimals_round_trip(mantissa: Decimal, scale: tuple[str, int], arabic: bool) -> None:
    """一点二五万 and 1.25万 = 12500, 四点七八万亿 = 4.78 * 10^12, without a unit."""
    word, size = scale
    written = (f"{mantissa.normalize():f}" if arabic else decimal_to_chinese(mantissa)) + word
    assert parse_numeral(written, "zh") == _number(mantissa * size)


@settings(max_examples=200, deadline=None)
@given(MANTISSAS, SCALES, UNITS, st.booleans())
def test_numerals_scaled_decimals_with_a_unit(mantissa: Decimal, scale: tuple[str, int], unit: tuple[str, str],
                                              arabic: bool) -> None:
    """共受理一点二五万件 -> 12500 case; 十点五万元 stays 10.5 wan_yuan."""
    word, size = scale
    written = (f"{mantissa.normalize():f}" if arabic else decimal_to_chinese(mantissa)) + word
    text = f"全年共计{written}{unit[0]}。"
    quantities = find_quantities(text, "zh")
    if word == "万" and unit[0] == "元":
        expected = [(_number(mantissa), "wan_yuan", None)]
    else:
        expected = [(_number(mantissa * size), unit[1], None)]
    assert [(q.value, q.unit, q.qualifier) for q in quantities] == expected
    assert text[quantities[0].start : quantities[0].end] == written + unit[0]


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=999).map(lambda n: n * 10), st.sampled_from(["余", "多", "几"]),
       SCALES, UNITS, st.booleans())
def test_numerals_more_than_with_a_scale(number: int, bound: str, scale: tuple[str, int], unit: tuple[str, str],
                                         arabic: bool) -> None:
    """十余万人 -> more than 100,000 person; 500余万人次; 三百多亿元; 十余万元 -> more than 10 wan_yuan."""
    word, size = scale
    written = f"{str(number) if arabic else to_chinese(number)}{bound}{word}{unit[0]}"
    quantities = find_quantities(f"累计{written}，", "zh")
    if word == "万" and unit[0] == "元":
        expected = [(number, "wan_yuan", "more_than")]
    else:
        expected = [(number * size, unit[1], "more_than")]
    assert [(q.value, q.unit, q.qualifier) for q in quantities] == expected


@settings(deadline=None)
@given(st.integers(min_value=1, max_value=999_999))
def test_numerals_chinese_numeral_with_unit_is_a_figure(number: int) -> None:
    text = f"共受理{to_chinese(number)}件。"
    quantities = find_quantities(text, "zh")
    assert [(q.value, q.unit) for q in quantities] == [(number, "case")]


@settings(deadline=None)
@given(st.integers(min_value=1, max_value=8), st.sampled_from([("十", 10), ("百", 100), ("千", 1000), ("万", WAN)]))
def test_numerals_neighbouring_digits_are_a_range(digit: int, multiplier: tuple[str, int]) -> None:
    """二三十名 -> 20 to 30, about; never their sum."""
    word, size = multiplier
    text = f"约有{DIGITS[digit]}{DIGITS[digit + 1]}{word}名群众参加。"
    quantities = find_quantities(text, "zh")
    assert [(q.value, q.value_high, q.unit) for q in quantities] == [(digit * size, (digit + 1) * size, "person")]
