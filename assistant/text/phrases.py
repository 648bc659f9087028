"""Fixed phrases that contain numerals but are not quantities.

One list, one place: add a phrase here and every reader of numbers (validator,
drafting, retrieval) stops treating its numerals as amounts.
"""

from __future__ import annotations

import re
from functools import cache

# Slogans, names of document types, idioms. Longer phrases first is not required:
# the matcher sorts them.
FIXED_PHRASES: tuple[str, ...] = (
    "三审三校",
    "三安全一稳定",
    "三类内部事务信息",
    "四类过程性信息",
    "一网通办",
    "一网统管",
    "一网协同",
    "一站式",
    "一把手",
    "一体化",
    "一件事",
    "一次办",
    "一次性",
    "一窗受理",
    "一条龙",
    "一起",
    "一张网",
    "一网",
    "一门",
    "一窗",
    "最多跑一次",
    "两个维护",
    "两个确立",
    "四个意识",
    "四个自信",
    "三个代表",
    "三公经费",
    "六稳六保",
    "五公开",
    "12345热线",
    "12345政务服务便民热线",
    "12345市民热线",
    "12345",
    "12315",
    "12366",
    "12348",
)


@cache
def _pattern() -> re.Pattern[str]:
    alternatives = sorted(set(FIXED_PHRASES), key=len, reverse=True)
    return re.compile("|".join(re.escape(p) for p in alternatives))


def fixed_phrase_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) of every fixed phrase in the text."""
    return [m.span() for m in _pattern().finditer(text)]
