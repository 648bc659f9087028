"""The six parts are declared once (assistant/report/parts.py) and read from there everywhere."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from assistant.ingest.recognition.narrative import heading_key
from assistant.report import format as fmt
from assistant.report.parts import BY_KEY, PART_HEADINGS, PARTS, SECTION_KEYS, part_of_heading
from assistant.retrieval.sources import part_headings

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT.parent / "shared" / "format" / "REPORT_FORMAT.md"


def test_six_parts_in_printed_order():
    assert [p.number for p in PARTS] == [1, 2, 3, 4, 5, 6]
    assert SECTION_KEYS == ("intro", "overview", "active", "requests", "review_litigation", "problems", "other")
    assert PART_HEADINGS["problems"] == "五、存在的主要问题及改进情况"
    # the format module answers the same objects, not copies
    assert fmt.PART_HEADINGS is PART_HEADINGS and fmt.SECTION_KEYS is SECTION_KEYS
    assert fmt.TABLE_TITLES == {"t2": BY_KEY["active"].label, "t3": BY_KEY["requests"].label,
                                "t4": BY_KEY["review_litigation"].label}


@pytest.mark.skipif(not SPEC.exists(), reason="shared format spec not mounted")
def test_headings_are_the_specs():
    spec = SPEC.read_text(encoding="utf-8")
    for heading in PART_HEADINGS.values():
        assert heading.split("、", 1)[1] in spec, heading


@pytest.mark.parametrize("text,key", [
    ("四、因政府信息公开工作被申请行政复议和提起行政诉讼情况", "review_litigation"),
    ("五、政府信息公开工作存在的主要问题及改进情况", "problems"),
    ("三、依申请公开情况", "requests"),
    ("主动公开政府信息情况", "active"),
    ("主动公开", None),  # unnumbered: a sub-item of 总体情况
])
def test_variants_read_alike_by_importer_and_index(text, key):
    assert heading_key(text) == key
    numbered = re.match(r"^[一二三四五六]、", text)
    if numbered:
        found = part_headings("一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n" + text + "\n")
        assert key in [k for k, _, _ in found]
        assert part_of_heading(text[2:]) == key


def _heading_strings() -> set[str]:
    """Strings that only name a part (not the 表四 labels 行政复议/行政诉讼, not sub-items)."""
    out: set[str] = set()
    for part in PARTS:
        out |= {part.label, part.heading, part.short_heading, *part.names}
        out |= {w for w in (*part.words, *part.full_words, part.mark) if len(w) >= 4 and w not in ("行政复议", "行政诉讼")}
    return out - {"主动公开", "依申请公开"}


def test_no_other_module_declares_a_part_heading():
    """grep-like: no string constant outside parts.py is a part heading or one of its variants."""
    words = _heading_strings()
    found = []
    for path in (ROOT / "assistant").rglob("*.py"):
        if path == ROOT / "assistant" / "report" / "parts.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in words:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.value}")
    assert found == []
