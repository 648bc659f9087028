"""What is printed, in order, independent of the output format.

The title, the opening paragraph, the six parts with their headings as recorded (or
the template's), each part's paragraphs and, after them, the part's table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..report.format import PART_HEADINGS, PART_KEYS, TABLE_NAMES, TABLE_TITLES
from ..report.model import Report
from .layout import TABLE_OF_PART, Grid, GRIDS

# A second-level sub-item such as （一）… or （1）…: its lead-in sentence is set in 楷体.
_SUBITEM = re.compile(r"^\s*[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[）)]")
_LEAD_MAX = 40  # longer first sentences are body text, not a sub-heading


@dataclass(frozen=True)
class Paragraph:
    lead: str  # second-level heading text (楷体), may be ""
    rest: str

    @property
    def text(self) -> str:
        return self.lead + self.rest


@dataclass
class Part:
    key: str
    heading: str | None  # None for the opening paragraph
    paragraphs: list[Paragraph] = field(default_factory=list)
    table: Grid | None = None
    table_caption: str = ""


@dataclass
class Outline:
    title: str
    agency: str
    parts: list[Part]

    @property
    def title_rest(self) -> str:
        """The title after the agency name: 〈year〉年政府信息公开工作年度报告."""
        return self.title[len(self.agency) :]


def paragraphs(text: str | None) -> list[Paragraph]:
    """One paragraph per non-empty line; lines keep their own characters exactly."""
    out = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        out.append(split_lead(line))
    return out


def split_lead(line: str) -> Paragraph:
    if not _SUBITEM.match(line):
        return Paragraph("", line)
    end = line.find("。")
    if 0 < end < _LEAD_MAX:
        return Paragraph(line[: end + 1], line[end + 1 :])
    if len(line) <= _LEAD_MAX:
        return Paragraph(line, "")
    return Paragraph("", line)


def heading_of(report: Report, key: str) -> str:
    return report.headings.get(key) or PART_HEADINGS[key]


def outline(report: Report) -> Outline:
    parts = [Part("intro", None, paragraphs(report.sections.intro))]
    for key in PART_KEYS:
        part = Part(key, heading_of(report, key), paragraphs(report.sections.text(key)))
        table = TABLE_OF_PART.get(key)
        if table:
            part.table = GRIDS[table](report)
            part.table_caption = f"{TABLE_NAMES[table]} {TABLE_TITLES[table]}"
        parts.append(part)
    return Outline(report.title, report.agency, parts)
