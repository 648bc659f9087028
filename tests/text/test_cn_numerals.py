"""The plain Chinese numeral reader agrees with cn2an wherever it answers, and answers for every standard writing."""

from __future__ import annotations

import cn2an
from hypothesis import given
from hypothesis import strategies as st

from assistant.text.cn_numerals import parse, render


@given(st.integers(min_value=0, max_value=10 ** 12 - 1))
def test_every_standard_writing_is_read(n):
    assert render(n) == cn2an.an2cn(n)
    assert parse(cn2an.an2cn(n)) == n


@given(st.text(alphabet="零〇○一二两三四五六七八九十百千万亿", min_size=1, max_size=9))
def test_agrees_with_cn2an_wherever_it_answers(numeral):
    value = parse(numeral)
    if value is not None:
        assert int(cn2an.cn2an(numeral, "smart")) == value


def test_examples():
    assert [parse(s) for s in ("十二", "一十二", "两千零五", "三万四千", "二十万三千零一", "一亿零五百万", "〇")] == \
        [12, 12, 2005, 34000, 203001, 105000000, 0]
    # not the standard writing: left to cn2an
    assert [parse(s) for s in ("一二", "两百九", "三百二千", "百", "", "1万", "三点五")] == [None] * 7
