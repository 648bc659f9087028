"""repeated_fraction / copied_passages: the measure the validator and drafting share."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.text.similarity import copied_passages, repeated_fraction

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "sample-2021.yaml"
LAW = Path(__file__).resolve().parents[3] / "shared" / "law"


def overview():
    return yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))["sections"]["overview"]


def law_text():
    path = next(p for p in sorted(LAW.glob("*.md")) if "条例" in p.name)
    return path.read_text(encoding="utf-8")


def test_identical_text_is_fully_repeated():
    text = overview()
    assert repeated_fraction(text, text) == 1.0
    assert copied_passages(text, text) == [(0, len(text) - 1)]  # the closing 。 is punctuation


def test_unrelated_text_is_not_repeated():
    # the report and the regulation share vocabulary but not sentences
    assert repeated_fraction(overview(), law_text()[:3000]) < 0.1
    assert repeated_fraction("今天天气很好，我们去公园散步，看看湖边的柳树和花。", overview()) == 0.0


def test_year_swapped_copy_is_still_a_copy():
    text = overview()
    swapped = text.replace("2021", "2022").replace("（二）", "(二)").replace("，", ", ")
    assert repeated_fraction(swapped, text) > 0.95
    (span,) = copied_passages(swapped, text)
    assert span[0] == 0 and span[1] >= len(swapped) - 2


def test_half_copied_text_and_passage_offsets():
    text = overview()
    copied = text[300:700]
    fresh = "本年度我们围绕群众关切，新建了依申请公开网上办理系统，实现申请、审核、答复全流程留痕，办理时限平均缩短五个工作日。" * 3
    mixed = fresh + copied
    fraction = repeated_fraction(mixed, text)
    assert 0.55 < fraction < 0.85
    (start, end) = copied_passages(mixed, text)[0]
    assert start == len(fresh)
    assert mixed[start:end].strip("。，") == copied.strip("。，")
    assert copied_passages(mixed, text, min_chars=len(copied) + 5) == []


def test_empty_inputs():
    assert repeated_fraction("", "abc") == 0.0
    assert repeated_fraction(overview(), "") == 0.0
    assert copied_passages("", overview()) == []


@settings(max_examples=40, deadline=None)
@given(st.text(min_size=0, max_size=200), st.text(min_size=0, max_size=200))
def test_fraction_is_a_share(a, b):
    value = repeated_fraction(a, b)
    assert 0.0 <= value <= 1.0
    for start, end in copied_passages(a, b, min_chars=10):
        assert 0 <= start < end <= len(a)
