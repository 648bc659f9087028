"""Which column is which field: the header names offices use, and finding the header row.

Each field has one table of accepted names (data, listed in docs/ledger.md and tested).
A header cell matches when, after NFKC, without spaces and line breaks, without a leading
number and a trailing note in brackets (「办理结果\\n（按表三口径）」), it equals an accepted
name. The header is the first row (or the first two rows, for a two-level merged header)
within the first HEADER_SEARCH_ROWS rows that has every required field.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .vocab import (
    CASE_DATE,
    CASE_ID,
    CASE_KIND,
    CASE_RESULT,
    CASE_YEAR,
    COL_ANSWERED,
    COL_APPLICANT,
    COL_ID,
    COL_RECEIVED,
    COL_RESULT,
)

HEADER_SEARCH_ROWS = 30  # notes and titles above the header are common; eleven lines are seen


@dataclass(frozen=True)
class Field:
    name: str  # the name used in messages and in the template
    names: tuple[str, ...]  # accepted header names, best first
    required: bool = True
    per_sheet: tuple[str, ...] = ()  # names whose numbers restart on every sheet (序号)
    date: bool = False  # holds dates: a header word there marks a repeated header row


LEDGER_FIELDS = (
    Field(COL_ID, ("编号", "申请编号", "登记编号", "受理编号", "流水号", "序号"), per_sheet=("序号",)),
    Field(
        COL_RECEIVED,
        ("收到日期", "收到时间", "申请日期", "申请时间", "受理日期", "受理时间", "登记日期", "登记时间", "收件日期"),
        date=True,
    ),
    Field(COL_APPLICANT, ("申请人类型", "申请人性质", "申请主体", "申请人类别", "申请主体类型", "申请人身份")),
    Field(COL_RESULT, ("办理结果", "答复结果", "处理结果", "答复类型", "办理结果类型", "答复情况")),
    Field(COL_ANSWERED, ("答复日期", "答复时间", "办结日期", "办结时间", "回复日期", "答复办结日期"), date=True),
)

CASE_FIELDS = (
    Field(CASE_ID, ("编号", "案号", "案件编号", "序号"), per_sheet=("序号",)),
    Field(CASE_KIND, ("类型", "案件类型", "案件类别")),
    Field(CASE_RESULT, ("结果", "审理结果", "案件结果", "结案结果", "办理结果")),
    Field(CASE_YEAR, ("年度", "统计年度"), required=False),
    Field(CASE_DATE, ("收案日期", "立案日期", "收案时间", "立案时间", "受理日期"), required=False, date=True),
)

_SPACE = re.compile(r"\s+")
_LEADING_NUMBER = re.compile(r"^(?:\d+[.、．]|[(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、)")
_TRAILING_NOTE = re.compile(r"[(（\[【][^)）\]】]*[)）\]】]$")
_MARKS = re.compile(r"[*＊:：\"'“”「」]")


def header_key(value: object) -> str:
    """The comparable form of a header cell."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value))
    text = _MARKS.sub("", _SPACE.sub("", text))
    text = _LEADING_NUMBER.sub("", text)
    while True:
        shorter = _TRAILING_NOTE.sub("", text)
        if shorter == text or not shorter:
            return text
        text = shorter


def field_for(value: object, fields: tuple[Field, ...]) -> tuple[Field, int] | None:
    """The field a header cell names, with the rank of the name (0 = best)."""
    key = header_key(value)
    if not key:
        return None
    for f in fields:
        for rank, name in enumerate(f.names):
            if key == name:
                return f, rank
    return None


@dataclass(frozen=True)
class Column:
    index: int
    title: str  # as printed (one line)
    rank: int


@dataclass
class Header:
    first_row: int  # Excel row number of the (first) header row
    last_row: int  # = first_row, or first_row + 1 for a two-level header
    candidates: dict[str, list[Column]]  # field name -> every column that can be it

    @property
    def rows_text(self) -> str:
        return f"第{self.first_row}行" if self.first_row == self.last_row else f"第{self.first_row}–{self.last_row}行"


def _titles(cells: list[object]) -> list[str]:
    return ["" if c is None else _SPACE.sub(" ", str(c)).strip() for c in cells]


def _match(titles: list[str], fields: tuple[Field, ...]) -> dict[str, list[Column]]:
    found: dict[str, list[Column]] = {}
    for i, title in enumerate(titles):
        hit = field_for(title, fields)
        if hit is not None:
            found.setdefault(hit[0].name, []).append(Column(i, title, hit[1]))
    return found


def _complete(found: dict[str, list[Column]], fields: tuple[Field, ...]) -> bool:
    return all(f.name in found for f in fields if f.required)


def _two_level(upper: list[object], lower: list[object]) -> list[str]:
    """A two-level header read column by column: the lower title, else the upper one (a cell
    merged down over both rows, or a group title over several columns)."""
    up, low = _titles(upper), _titles(lower)
    width = max(len(up), len(low))
    up += [""] * (width - len(up))
    low += [""] * (width - len(low))
    return [lo or hi for hi, lo in zip(up, low, strict=True)]


def find_header(rows: list[tuple[int, list[object]]], fields: tuple[Field, ...]) -> Header | None:
    """The header among the first rows (number, cells), or None."""
    singles = [(n, _match(_titles(c), fields)) for n, c in rows]
    for i, (number, found) in enumerate(singles):
        if _complete(found, fields):
            return Header(number, number, found)
        if i + 1 < len(rows) and not _complete(singles[i + 1][1], fields):
            pair = _match(_two_level(rows[i][1], rows[i + 1][1]), fields)
            if _complete(pair, fields) and rows[i + 1][0] == number + 1:
                return Header(number, number + 1, pair)
    return None


def best_guess(rows: list[tuple[int, list[object]]], fields: tuple[Field, ...]) -> tuple[int, list[str], int] | None:
    """The row most like a header (row number, its titles, fields matched), for a complaint."""
    best = None
    for number, cells in rows:
        matched = len(_match(_titles(cells), fields))
        if matched and (best is None or matched > best[2]):
            best = (number, [t for t in _titles(cells) if t], matched)
    return best


def accepted_names(fields: tuple[Field, ...]) -> list[str]:
    return [f"「{f.name}」可写作：{'、'.join(f.names)}" for f in fields]
