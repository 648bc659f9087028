"""split_items / heading_number / numbering_breaks on real-shaped section text."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from assistant.text.structure import heading_number, numbering_breaks, split_items

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "sample-2021.yaml"


def sections():
    return yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))["sections"]


def test_sample_overview_items():
    text = sections()["overview"]
    items = split_items(text)
    assert [(i.marker, i.style, i.number) for i in items] == [
        ("（1）", "（1）", 1),
        ("一是", "一是", 1),
        ("二是", "一是", 2),
        ("三要", "一要", 3),
        ("四要", "一要", 4),
        ("（二）", "（一）", 2),
        ("（三）", "（一）", 3),
        ("（四）", "（一）", 4),
        ("（五）", "（一）", 5),
    ]
    first = items[0]
    assert first.heading == "组织推动政府信息公开工作"
    assert text[first.start : first.start + 3] == "（1）"
    # an item runs to the next item of its level or higher; inline points end at the next point
    assert items[1].end == items[2].start
    assert text[items[5].start : items[5].end].startswith("（二）积极推动政府信息主动公开")
    assert items[5].end == items[6].start


def test_sub_items_restart_under_each_parent():
    text = sections()["problems"]
    items = split_items(text)
    assert [(i.marker, i.level) for i in items] == [
        ("（一）", 2), ("一是", 6), ("二是", 6), ("（二）", 2), ("一是", 6), ("二是", 6),
    ]
    assert numbering_breaks(items) == []


def test_references_are_not_items():
    text = "依据第二十条第（一）项和第三十六条（二）的规定，统一是基础。1.5倍"
    assert split_items(text) == []


def test_line_start_styles():
    text = "一、总体情况\n（一）主动公开\n1.规章\n2、文件\n（1）细项\n①一点"
    assert [(i.style, i.level, i.number) for i in split_items(text)] == [
        ("一、", 1, 1), ("（一）", 2, 1), ("1.", 3, 1), ("1、", 3, 2), ("（1）", 4, 1), ("①", 5, 1),
    ]


@pytest.mark.parametrize(
    "heading,expected",
    [
        ("一、总体情况", ("一、", 1)),
        ("一、 总体情况", ("一、", 1)),
        ("6、 其他需要报告的事项", ("1、", 6)),
        ("（二）积极推动政府信息主动公开", ("（一）", 2)),
        ("(3)其他", ("（1）", 3)),
        ("十、附则", ("一、", 10)),
        ("总体情况", None),
        ("", None),
    ],
)
def test_heading_number(heading, expected):
    assert heading_number(heading) == expected


def test_numbering_break_names_the_mismatched_previous_item():
    (brk,) = numbering_breaks(split_items(sections()["overview"]))
    assert brk.item.marker == "（二）" and brk.expected == 1
    assert brk.previous is not None and brk.previous.marker == "（1）"


def test_numbering_gap_and_clean_sequence():
    assert numbering_breaks(split_items("（一）甲。（二）乙。（三）丙。")) == []
    (brk,) = numbering_breaks(split_items("（一）甲。（二）乙。（四）丁。"))
    assert (brk.item.marker, brk.expected, brk.previous) == ("（四）", 3, None)
