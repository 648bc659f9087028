"""Plain Chinese numerals (一百二十三, 两千零五, 三万四千, 十二) read without cn2an.

cn2an costs 0.3–0.8 s to import (its text preprocessor builds large tables), which was most
of `nianbao validate`'s start-up; the numerals a report prints are the plain kind read here.
A numeral is accepted only if it is exactly how its value is normally written; anything
else (decimals, 1万 mixes, colloquial 两百九) returns None and callers fall back to cn2an.
"""

from __future__ import annotations

DIGITS = "零一二三四五六七八九"
VALUE = {ch: n for n, ch in enumerate(DIGITS)} | {"两": 2, "〇": 0}  # not ○: cn2an refuses it too
UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}


def render(n: int) -> str | None:
    """The standard writing of 0 <= n < 10^12 (一百零五, 二十万三千零一), or None beyond."""
    if not 0 <= n < 10 ** 12:
        return None
    if n == 0:
        return "零"
    out, started, gap = "", False, False
    for group, unit in ((n // 10 ** 8, "亿"), (n // 10 ** 4 % 10 ** 4, "万"), (n % 10 ** 4, "")):
        if group == 0:
            gap = gap or started
            continue
        if started and (gap or group < 1000):
            out += "零"
        out += _four(group) + unit
        started, gap = True, False
    return out[1:] if out.startswith("一十") else out


def _four(group: int) -> str:
    out, started, zero = "", False, False
    for digit, unit in ((group // 1000, "千"), (group // 100 % 10, "百"), (group // 10 % 10, "十"), (group % 10, "")):
        if digit == 0:
            zero = zero or started
            continue
        if zero:
            out += "零"
        out += DIGITS[digit] + unit
        started, zero = True, False
    return out


def _value(numeral: str) -> int | None:
    total = section = 0
    digit: int | None = None
    for ch in numeral:
        if ch in VALUE:
            digit = VALUE[ch]
        elif ch in ("万", "亿"):
            total += (section + (digit or 0)) * UNITS[ch]
            section, digit = 0, None
        elif ch in UNITS:
            section += (1 if digit is None else digit) * UNITS[ch]
            digit = None
        else:
            return None
    return total + section + (digit or 0)


def parse(numeral: str) -> int | None:
    """The integer a plain Chinese numeral writes, or None when it is not written the standard way."""
    value = _value(numeral) if numeral else None
    if value is None:
        return None
    written = numeral.replace("两", "二").replace("〇", "零")
    standard = render(value)
    if standard is not None and (written == standard or (standard.startswith("十") and written == "一" + standard)):
        return value
    return None
