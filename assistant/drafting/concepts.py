"""NUM-CONCEPT: a number in a draft is read with what it counts and compared with that cell.

The value-exists check (NUM-UNSUPPORTED) passes 「共收到政府信息公开申请19件」 when 19 is the
number 办结 and 21 were received. Here every quantity is read by the validator's own reader
(N-TABLE-MISMATCH: 收到/新收/受理 申请 → 表三 本年新收, 予以公开, 结转, 复议, 诉讼 …), with
the rows a draft also states (规范性文件), and without asking the sentence to say that
it speaks of this office's requests: a draft of this report speaks of nothing else. It runs
on every draft, complete or cut off.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..report.format import cell_specs
from ..report.model import Report
from ..validate.catalogue import make
from ..validate.finding import Finding, Span
from ..validate.rules.n_table_mismatch import _FILL, _JOINED, _ROWS, NTableMismatch
from .figures import FigureSet


def _t2(column: str):
    return lambda v: [k for k in (f"t2.normative_docs.{column}",) if k in cell_specs(v)]


_DRAFT_ROWS = [
    (r"(?:制发|印发|出台|制定|发布)了?(?:行政)?规范性文件", "本年制发规范性文件", _t2("issued"), "any"),
    (r"废止了?(?:行政)?规范性文件", "本年废止规范性文件", _t2("repealed"), "any"),
    (r"现行有效的?(?:行政)?(?:规范性文件)?", "现行有效规范性文件", _t2("in_force"), "any"),
]


class DraftReader(NTableMismatch):
    """The table-mismatch reader, sure of its subject and with the draft's extra rows."""

    adjacent = NTableMismatch.adjacent + [
        (re.compile(rf"(?P<label>{label}){_FILL}$"), name, cells, about) for label, name, cells, about in _DRAFT_ROWS
    ]
    joined = _JOINED
    sure_of_subject = True


_READER = DraftReader()
assert len(_READER.adjacent) == len(_ROWS) + len(_DRAFT_ROWS)


def check_concepts(report: Report, section: str, text: str, figures: FigureSet) -> list[Finding]:
    specs = cell_specs(report.format)
    out = []
    for start, end, stated, actual, name, cells in _READER.mismatches(report, section, text):
        label = "、".join(specs[k].label for k in cells) + (" 之和" if len(cells) > 1 else "")
        other = _other_concept(stated, figures, cells)
        key = cells[0] if len(cells) == 1 else None
        out.append(make(
            "NUM-CONCEPT",
            variant="other" if other else None,
            cells=cells,
            span=Span(section=section, start=start, end=end),
            text=text[start:end], row=name, stated=_plain(stated), actual=_plain(actual), cell_label=label,
            other=other or "", placeholder="{{" + key + "}}" if key else "占位符",
        ))
    return out


def _other_concept(value: Decimal, figures: FigureSet, cells: list[str]) -> str | None:
    """What the stated value is right for, when it is some other figure's."""
    for f in figures:
        if f.family == "count" and f.value == value and f.key not in cells and f.description:
            return f.description
    return None


def _plain(value: Decimal):
    return int(value) if value == value.to_integral_value() else value
