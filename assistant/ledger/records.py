"""One ledger row as an application, or the reasons it cannot be one.

Every problem names the sheet, row and column. A row with several problems gets them
all; duplicates of 编号 are caught by `read_ledger` (it has seen the earlier rows). The
same problem on many rows (an unknown word, a formula without its result) is one problem
with its rows listed (`ProblemLog`), not one line per row.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .dates import NotADate, parse_date
from .headers import LEDGER_FIELDS
from .table import Place, ReadNotes, Row, iter_rows
from .vocab import (
    APPLICANT_LABELS,
    COL_ANSWERED,
    COL_APPLICANT,
    COL_ID,
    COL_RECEIVED,
    COL_RESULT,
    applicant_key,
    result_key,
    result_labels,
)
from .words import EXCLUDED, PENDING, WORDS_FILE, Words, load_words

UNSAVED_FORMULA = (
    "是公式，但文件中没有保存公式的计算结果（文件可能由其他程序生成，没有在 Excel 或 WPS 中保存过），"
    "读出来是空的。请用 Excel 或 WPS 打开这个文件，保存后再试"
)
SHOWN_ROWS = 10  # rows listed for a problem that repeats
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True, slots=True)
class Problem:
    place: Place
    message: str
    group: str | None = None  # same group = the same problem on another row
    count: int = 1  # rows with this problem
    more: tuple[Place, ...] = ()  # a few of the other rows

    def text(self) -> str:
        text = f"{self.place.text()}：{self.message}"
        if self.count > 1:
            rows = [f"第{self.place.row}行"]
            rows += [p.text() if p.sheet != self.place.sheet else f"第{p.row}行" for p in self.more]
            text += f"（共 {self.count} 行：{'、'.join(rows)}{' 等' if self.count > len(rows) else ''}）"
        return text


class ProblemLog:
    """Problems in the order found; a grouped problem is kept once, with its rows counted."""

    def __init__(self) -> None:
        self._items: list[Problem] = []
        self._groups: dict[str, tuple[int, int, list[Place]]] = {}  # group -> (index, count, more)

    def add(self, problem: Problem) -> None:
        if problem.group is None:
            self._items.append(problem)
            return
        seen = self._groups.get(problem.group)
        if seen is None:
            self._groups[problem.group] = (len(self._items), 1, [])
            self._items.append(problem)
            return
        index, count, more = seen
        if len(more) < SHOWN_ROWS - 1:
            more.append(problem.place)
        self._groups[problem.group] = (index, count + 1, more)

    def extend(self, problems) -> None:
        for p in problems:
            self.add(p)

    def __bool__(self) -> bool:
        return bool(self._items)

    def problems(self) -> list[Problem]:
        out = list(self._items)
        for index, count, more in self._groups.values():
            if count > 1:
                p = out[index]
                out[index] = Problem(p.place, p.message, p.group, count, tuple(more))
        return out


@dataclass(frozen=True, slots=True)
class Application:
    id: str
    received: dt.date
    applicant: str  # 表三 column key, e.g. natural
    result: str | None  # canonical result key (see vocab), None while open
    answered: dt.date | None
    place: Place  # the row, for messages

    def open_at(self, day: dt.date) -> bool:
        """Received by `day` and not answered by then."""
        return self.received <= day and (self.answered is None or self.answered > day)


def _hint(text: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(text, choices, n=1, cutoff=0.5)
    return f"，是否应为「{close[0]}」？" if close else ""


def id_text(value: object) -> str:
    # 12.0 from Excel is the number 12, not "12.0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value).strip()


class _Words:
    """Cell words to keys, remembered per distinct text (a register repeats a handful of
    words a hundred thousand times); words read through the office-word table are counted."""

    LIMIT = 10_000

    def __init__(self, words: Words) -> None:
        self.words = words
        self.cache: dict[tuple[str, str], tuple[str | None, str | None]] = {}

    def key(self, column: str, text: str) -> str | None:
        hit = self.cache.get((column, text))
        if hit is None:
            exact = applicant_key if column == COL_APPLICANT else result_key
            key, meaning = exact(text), None
            if key is None:
                meaning = self.words.lookup(column, text)
                key = meaning if meaning in (PENDING, EXCLUDED) else (exact(meaning) if meaning else None)
            hit = (key, meaning)
            if len(self.cache) < self.LIMIT:
                self.cache[(column, text)] = hit
        if hit[1] is not None:
            self.words.used[(column, text, hit[1])] += 1
        return hit[0]


def _text(value: object) -> str:
    # str values arrive stripped (see table._sheet_rows)
    return value if value.__class__ is str else ("" if value is None else str(value).strip())


def _date(row: Row, column: str, problems: list[Problem]) -> dt.date | None:
    value = row.values.get(column)
    if value.__class__ is dt.date:  # the common case, read as a date by the spreadsheet reader
        return value
    try:
        return parse_date(value)
    except NotADate as exc:
        why = f"：{exc.why}" if exc.why else ""
        problems.append(
            Problem(
                row.place(column),
                f"「{exc}」不是日期{why}（应为日期格式，或写成 2022-03-15、2022年3月15日、2022/3/15、20220315）",
                f"date:{column}:{_DIGITS.sub('9', str(exc))}" if exc.why else None,
            )
        )
        return None


def parse_row(row: Row, words: Words | _Words | None = None) -> tuple[Application | None, list[Problem]]:
    """(application, []), or (None, problems), or (None, []) for a row the office's words
    file marks as not counted (a void entry)."""
    problems: list[Problem] = []
    lookup = words if isinstance(words, _Words) else _Words(words or load_words(None))

    def bad(column: str, message: str, group: str | None = None) -> None:
        problems.append(Problem(row.place(column), message, group))

    if row.unsaved:
        for column in row.unsaved:
            bad(column, UNSAVED_FORMULA, f"formula:{column}")
        return None, problems

    values = row.values
    app_id = id_text(values.get(COL_ID))
    if not app_id:
        bad(COL_ID, "编号为空")

    received = _date(row, COL_RECEIVED, problems)
    if received is None and values.get(COL_RECEIVED) is None:
        bad(COL_RECEIVED, "收到日期为空")
    answered = _date(row, COL_ANSWERED, problems)
    answered_given = values.get(COL_ANSWERED) is not None

    applicant_text = _text(values.get(COL_APPLICANT))
    applicant = lookup.key(COL_APPLICANT, applicant_text) if applicant_text else None
    if not applicant_text:
        bad(COL_APPLICANT, "申请人类型为空")
    elif applicant is None:
        choices = list(APPLICANT_LABELS.values())
        bad(
            COL_APPLICANT,
            f"不认识的申请人类型「{applicant_text}」{_hint(applicant_text, choices)}"
            f"（可填：{'、'.join(choices)}；本单位的其他写法可写入 {WORDS_FILE}）",
            f"applicant:{applicant_text}",
        )

    result_text = _text(values.get(COL_RESULT))
    result = lookup.key(COL_RESULT, result_text) if result_text else None
    if result == EXCLUDED:  # the office's word for a void entry: not an application at all
        return None, []
    pending = result == PENDING
    if pending:  # 「正在办理」: no result yet
        if answered_given:
            bad(COL_RESULT, f"办理结果为「{result_text}」（尚未办结），却填了答复日期")
        result_text, result = "", None
    elif result_text and result is None:
        bad(
            COL_RESULT,
            f"不认识的办理结果「{result_text}」{_hint(result_text, result_labels('2021'))}"
            f"（本单位的其他写法可写入 {WORDS_FILE}）",
            f"result:{result_text}",
        )
    if result_text and not answered_given:
        bad(COL_RESULT, f"申请尚未答复（「{COL_ANSWERED}」为空），却填了办理结果「{result_text}」")
    if answered_given and not result_text and not pending:
        bad(COL_RESULT, "已有答复日期，但办理结果为空")
    if received and answered and answered < received:
        bad(COL_ANSWERED, f"答复日期 {answered.isoformat()} 早于收到日期 {received.isoformat()}")

    if problems:
        return None, problems
    assert received is not None and applicant is not None
    return Application(app_id, received, applicant, result, answered, row.place()), []


def read_ledger(
    path: str | Path,
    *,
    notes: ReadNotes | None = None,
    words: Words | None = None,
    include_hidden: bool = False,
    sheets: tuple[str, ...] = (),
) -> Iterator[tuple[Application | None, list[Problem]]]:
    """Each non-empty row: (application, []) or (None, problems), duplicate 编号 included;
    (None, []) for a void entry the office's words file marks 不计入."""
    # 编号 -> where first seen, packed as one int (sheet index, row) to keep the index small:
    # it is the only thing that grows with the ledger.
    first_seen: dict[str, int] = {}
    seen_sheets: list[str | None] = []
    lookup = _Words(words if words is not None else load_words(Path(path)))
    for row in iter_rows(path, LEDGER_FIELDS, "台账", notes, include_hidden, sheets):
        app, problems = parse_row(row, lookup)
        app_id = app.id if app is not None else id_text(row.values.get(COL_ID))
        if app_id and (app is not None or problems):  # a void entry does not claim its 编号
            # 序号 restarts on every sheet (quarter sheets): unique within its sheet only
            key = f"{row.sheet}\x00{app_id}" if COL_ID in row.per_sheet else app_id
            earlier = first_seen.get(key)
            if earlier is not None:
                where = Place(seen_sheets[earlier >> 32], earlier & 0xFFFFFFFF).text()
                problems = problems + [Problem(row.place(COL_ID), f"编号「{app_id}」重复，{where}已有同一编号")]
                app = None
            else:
                if not seen_sheets or seen_sheets[-1] != row.sheet:
                    seen_sheets.append(row.sheet)
                first_seen[key] = (len(seen_sheets) - 1) << 32 | row.number
        yield app, problems
