"""Numeral arithmetic: the tokens of one numeral span to its value, or to both ends of an approximate range."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

Token = tuple[str, Decimal, str]  # (kind: value | small | large | point, value, surface)
Reading = tuple[Decimal, Decimal | None]  # (value or lower end, upper end of an approximate range)
TEN = Decimal(10)


@dataclass(frozen=True)
class Style:
    """How a language writes numerals: which neighbouring digit words mean 'this or that'
    (二三十), and whether a bare last digit is abbreviated (两千四百五 = 2450, not 2405)."""
    pairs: frozenset[tuple[int, int]] = frozenset()
    abbreviated_tail: bool = False


PLAIN = Style()


def digit_string(tokens: Sequence[Token]) -> str | None:
    """二〇一九 / 二00七 / the decimals of 九十七点四: digits one after another, no multipliers."""
    if any(kind != "value" or not (raw.isdigit() or value < 10) for kind, value, raw in tokens):
        return None
    return "".join(raw if raw.isdigit() else str(int(value)) for _, value, raw in tokens)


def _merge_large(tokens: Sequence[Token]) -> list[Token]:
    """Large multipliers written one after another multiply: 万亿 = 10^12, 万万 = 10^8."""
    merged: list[Token] = []
    for token in tokens:
        if token[0] == "large" and merged and merged[-1][0] == "large":
            kind, value, raw = merged.pop()
            token = (kind, value * token[1], raw + token[2])
        merged.append(token)
    return merged


def _bare_digit(tokens: Sequence[Token]) -> bool:
    """One word digit (not 零, not written in figures) standing alone: the 三 of 一万三 or 两千四百五."""
    return len(tokens) == 1 and tokens[0][0] == "value" and tokens[0][1] != 0 and not tokens[0][2][0].isdigit()


def _section(tokens: Sequence[Token], style: Style) -> Decimal | None:
    """A numeral without large multipliers: 三千二百一十六, 一百零五, twenty-one; in the abbreviated
    style a bare last digit takes a tenth of the multiplier before it (两千四百五 = 2450), unless
    零 stands between (一百零五)."""
    total, number, last_small, zero, last = Decimal(0), None, None, False, None
    for token in tokens:
        kind, value, _ = token
        if kind == "value":
            if value == 0:
                zero = True
                continue
            if number is not None and number < 10 and value < 10:
                return None  # two digits in a row (三五): only an approximate range reads them
            number, last = (number or 0) + value, token
        elif kind == "small":
            if last_small is not None and value >= last_small:
                return None
            total, number, last_small, zero = total + (1 if number is None else number) * value, None, value, False
        else:
            return None
    if number is not None:
        tail = style.abbreviated_tail and last_small is not None and not zero and _bare_digit([last])
        total += number * (last_small / TEN if tail else 1)
    return total


def combine(tokens: Sequence[Token], style: Style = PLAIN) -> Decimal | None:
    """Value of a numeral without a decimal point: 三万二千 = 3*10^4 + 2*10^3, 4.78万亿, 5万4千6百;
    the largest multiplier splits it (一万二千亿 = 12000 * 10^8); None when malformed."""
    if len(tokens) > 1 and all(kind == "value" and value < 10 for kind, value, _ in tokens):
        digits = digit_string(tokens)  # 二〇一九, 二00七; but 三五 (three or five) is no number
        return Decimal(digits) if digits and (len(digits) > 2 or "0" in digits) else None
    tokens = _merge_large(tokens)
    larges = [i for i, token in enumerate(tokens) if token[0] == "large"]
    if not larges:
        return _section(tokens, style)
    top = max(larges, key=lambda i: (tokens[i][1], -i))  # the largest, its first occurrence
    multiplier, left, right = tokens[top][1], tokens[:top], tokens[top + 1 :]
    high = combine(left, style) if left else Decimal(1)
    if style.abbreviated_tail and _bare_digit(right):
        low: Decimal | None = right[0][1] * multiplier / TEN  # 一万三 = 13000, 九十二万四
    else:
        low = combine(right, style) if right else Decimal(0)
    if high is None or low is None or low >= multiplier or high == 0:
        return None
    return high * multiplier + low


def _range_at(tokens: Sequence[Token], pairs: frozenset[tuple[int, int]]) -> int | None:
    """Index of the first of two neighbouring digit words read as 'this or that' (二三十, 十七八, 三五)."""
    for i, (first, second) in enumerate(zip(tokens, tokens[1:])):
        if first[0] == second[0] == "value" and not (first[2][0].isdigit() or second[2][0].isdigit()) \
                and (int(first[1]), int(second[1])) in pairs:
            return i
    return None


def combine_range(tokens: Sequence[Token], style: Style) -> Reading | None:
    """(value, None), or both ends of an approximate range: 二三十 -> (20, 30), 一百五六十 -> (150, 160)."""
    at = _range_at(tokens, style.pairs) if len(tokens) > 1 else None
    if at is None or (all(kind == "value" for kind, _, _ in tokens) and len(tokens) > 2):
        value = combine(tokens, style)
        return None if value is None else (value, None)
    low = combine([*tokens[: at + 1], *tokens[at + 2 :]], style)
    high = combine([*tokens[:at], *tokens[at + 1 :]], style)
    return None if low is None or high is None or high <= low else (low, high)


def read(tokens: Sequence[Token], style: Style = PLAIN) -> Reading | None:
    """Value of a numeral with an optional decimal point and scale after it: 十五点七亿 = 1.57 * 10^9."""
    points = [i for i, token in enumerate(tokens) if token[0] == "point"]
    if len(points) > 1:
        return None
    whole, fraction = (list(tokens[: points[0]]), list(tokens[points[0] + 1 :])) if points else (list(tokens), [])
    scale = Decimal(1)
    while points and fraction and fraction[-1][0] == "large":
        scale *= fraction.pop()[1]
    if points and not fraction:
        return None
    decimals = digit_string(fraction) if fraction else ""
    if decimals is None:
        return None
    if not whole:
        return (Decimal(f"0.{decimals}") * scale, None) if decimals else None
    reading = combine_range(whole, style)
    if reading is None or (decimals and reading[1] is not None):
        return None
    value = (reading[0] + Decimal(f"0.{decimals}")) * scale if decimals else reading[0]
    return value, reading[1]


def trailing_scale(tokens: Sequence[Token]) -> Decimal:
    """The product of the multipliers a numeral ends with: 三百 -> 100, 三十万 -> 10^5, 30 -> 1."""
    scale = Decimal(1)
    for kind, value, _ in reversed(tokens):
        if kind not in ("small", "large"):
            break
        scale *= value
    return scale
