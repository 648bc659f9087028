"""Helpers shared by the narrative rules (S-…, N-…): which text to read and where sentences end."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from ..report.format import SECTION_KEYS, SECTION_LABELS
from ..report.model import Report

_SENTENCE_END = re.compile(r"[。！？!?\n]")
_CLAUSE_END = re.compile(r"[。！？!?\n；;，,]")


def has_narrative(report: Report) -> bool:
    """A report file with every section null and no headings holds tables only (e.g. filled
    from a ledger before anyone wrote text); narrative rules have nothing to read there.
    Empty strings (the stubs `nianbao new` writes) do count as narrative to be written."""
    return bool(report.headings) or any(text is not None for _, text in report.sections.items())


def narrative_sections(report: Report) -> list[tuple[str, str]]:
    """(section key, text) for every non-empty section, in printed order."""
    return [(k, report.sections.text(k)) for k in SECTION_KEYS if report.sections.text(k).strip()]


def section_label(key: str) -> str:
    return SECTION_LABELS[key] if key == "intro" else f"「{SECTION_LABELS[key]}」部分"


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """[start, end) of the sentence around `pos` (end includes the full stop)."""
    ends = _ends(text, _SENTENCE_END)
    i = bisect_right(ends, pos)  # the marks before `pos`; a mark at `pos` ends this sentence
    start = ends[i - 1] if i else 0
    return start, (ends[i] if i < len(ends) else len(text))


def clause_start(text: str, pos: int) -> int:
    """Start of the clause (between commas/semicolons/full stops) that ends at `pos`."""
    return mark_before(text, pos, _CLAUSE_END)


def mark_before(text: str, pos: int, marks: re.Pattern) -> int:
    """Where the last of `marks` before `pos` ends (0 when none)."""
    ends = _ends(text, marks)
    i = bisect_right(ends, pos)
    return ends[i - 1] if i else 0


@lru_cache(maxsize=16)
def _ends(text: str, marks: re.Pattern) -> list[int]:
    """Where each mark ends, once per text: every rule asks for many positions of the same
    text, and rescanning from its start for each made validating quadratic in its length."""
    return [m.end() for m in marks.finditer(text)]
