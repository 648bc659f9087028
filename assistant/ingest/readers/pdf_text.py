"""Characters of a PDF page -> text lines (the building block of paragraphs and cells).

pdfplumber gives positioned characters. Chinese text has no spaces between words, and
justified lines spread characters apart ("号 ， 邮 编 ："), so spacing is rebuilt here
instead of taken from the PDF: a space only between two Latin letters/digits that are
visibly apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

Char = dict[str, Any]


@dataclass
class Line:
    chars: list[Char]
    x0: float
    top: float
    x1: float
    bottom: float
    text: str = ""
    size: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (self.x0, self.top, self.x1, self.bottom)


def _is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def line_text(chars: list[Char]) -> str:
    """The chars of one line (sorted left to right) as text."""
    out: list[str] = []
    prev: Char | None = None
    for c in chars:
        t = c["text"]
        if prev is not None and out:
            gap = c["x0"] - prev["x1"]
            size = max(prev.get("size") or 10.0, 1.0)
            if gap > 0.25 * size and _is_latin(out[-1][-1:]) and _is_latin(t[:1]):
                out.append(" ")
        out.append(t)
        prev = c
    return "".join(out)


def visible(chars: list[Char]) -> list[Char]:
    """Drop whitespace chars: spacing is rebuilt from positions."""
    return [c for c in chars if c["text"].strip()]


def group_lines(chars: list[Char]) -> list[Line]:
    """Cluster chars into lines by their vertical middle; lines top to bottom."""
    chars = sorted(visible(chars), key=lambda c: ((c["top"] + c["bottom"]) / 2, c["x0"]))
    lines: list[list[Char]] = []
    mids: list[float] = []
    for c in chars:
        mid = (c["top"] + c["bottom"]) / 2
        size = max(c.get("size") or (c["bottom"] - c["top"]), 1.0)
        if lines and abs(mid - mids[-1]) <= 0.45 * size:
            lines[-1].append(c)
            n = len(lines[-1])
            mids[-1] = mids[-1] + (mid - mids[-1]) / n
        else:
            lines.append([c])
            mids.append(mid)
    out: list[Line] = []
    for group in lines:
        group.sort(key=lambda c: c["x0"])
        out.append(
            Line(
                chars=group,
                x0=min(c["x0"] for c in group),
                top=min(c["top"] for c in group),
                x1=max(c["x1"] for c in group),
                bottom=max(c["bottom"] for c in group),
                text=line_text(group),
                size=_median([c.get("size") or (c["bottom"] - c["top"]) for c in group]),
            )
        )
    return out


def _median(values: list[float]) -> float:
    values = sorted(values)
    return values[len(values) // 2] if values else 0.0


def cell_text(chars: list[Char]) -> str:
    """Text of a table cell: lines joined with "\\n"; vertical text (one char a line) joined."""
    lines = group_lines(chars)
    if not lines:
        return ""
    texts = [ln.text for ln in lines]
    if len(texts) > 1 and all(len(t) == 1 for t in texts):
        return "".join(texts)  # vertical header: 申/请/人/情/况
    return "\n".join(texts)


_DASHES = "-－—–─‐·•"
_PAGE_MARK = re.compile(
    rf"^(?:[{_DASHES}]\s*\d{{1,4}}\s*[{_DASHES}]"  # - 3 -, —3—
    r"|第\s*\d{1,4}\s*页(?:\s*[,，、/／]?\s*共\s*\d{1,4}\s*页)?"  # 第 3 页 / 第3页 共5页
    r"|\d{1,4}\s*[/／]\s*\d{1,4}"  # 3/5
    r"|(?:page|Page|PAGE)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?"
    r")$"
)
_BARE_NUMBER = re.compile(r"^\d{1,4}$")


def is_page_mark(text: str, page_number: int | None = None) -> bool:
    """A page number or footer mark ("- 3 -", "第 3 页", "3/5"); a bare number only when it
    is the page's own number (a bare "550" might be a table value)."""
    t = text.strip()
    if _PAGE_MARK.match(t):
        return True
    return page_number is not None and bool(_BARE_NUMBER.match(t)) and int(t) == page_number
