"""Helpers shared by the narrative rules (S-…, N-…): which text to read and where sentences end."""

from __future__ import annotations

import re

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
    start = 0
    for m in _SENTENCE_END.finditer(text, 0, pos):
        start = m.end()
    m = _SENTENCE_END.search(text, pos)
    return start, (m.end() if m else len(text))


def clause_start(text: str, pos: int) -> int:
    """Start of the clause (between commas/semicolons/full stops) that ends at `pos`."""
    start = 0
    for m in _CLAUSE_END.finditer(text, 0, pos):
        start = m.end()
    return start
