"""One ledger row as an application, or the reasons it cannot be one.

Every problem names the sheet, row and column. A row with several problems gets them
all; duplicates of 编号 are caught by `Ledger` (it has seen the earlier rows).
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .dates import NotADate, parse_date
from .table import Place, Row, iter_rows
from .vocab import (
    APPLICANT_LABELS,
    COL_ANSWERED,
    COL_APPLICANT,
    COL_ID,
    COL_RECEIVED,
    COL_RESULT,
    LEDGER_COLUMNS,
    applicant_key,
    result_key,
    result_labels,
)


@dataclass(frozen=True, slots=True)
class Problem:
    place: Place
    message: str

    def text(self) -> str:
        return f"{self.place.text()}：{self.message}"


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


def parse_row(row: Row) -> tuple[Application | None, list[Problem]]:
    problems: list[Problem] = []

    def bad(column: str, message: str) -> None:
        problems.append(Problem(row.place(column), message))

    app_id = id_text(row.values.get(COL_ID))
    if not app_id:
        bad(COL_ID, "编号为空")

    def date(column: str) -> dt.date | None:
        try:
            return parse_date(row.values.get(column))
        except NotADate as exc:
            bad(column, f"「{exc}」不是日期（应为日期格式，或写成 2022-03-15、2022年3月15日、2022/3/15）")
            return None

    received = date(COL_RECEIVED)
    if received is None and row.values.get(COL_RECEIVED) is None:
        bad(COL_RECEIVED, "收到日期为空")
    answered = date(COL_ANSWERED)
    answered_given = row.values.get(COL_ANSWERED) is not None

    applicant_text = row.text(COL_APPLICANT)
    applicant = applicant_key(applicant_text) if applicant_text else None
    if not applicant_text:
        bad(COL_APPLICANT, "申请人类型为空")
    elif applicant is None:
        choices = list(APPLICANT_LABELS.values())
        bad(
            COL_APPLICANT,
            f"不认识的申请人类型「{applicant_text}」{_hint(applicant_text, choices)}"
            f"（可填：{'、'.join(choices)}）",
        )

    result_text = row.text(COL_RESULT)
    result = result_key(result_text) if result_text else None
    if result_text and result is None:
        bad(COL_RESULT, f"不认识的办理结果「{result_text}」{_hint(result_text, result_labels('2021'))}")
    if result_text and not answered_given:
        bad(COL_RESULT, f"申请尚未答复（「{COL_ANSWERED}」为空），却填了办理结果「{result_text}」")
    if answered_given and not result_text:
        bad(COL_RESULT, "已有答复日期，但办理结果为空")
    if received and answered and answered < received:
        bad(COL_ANSWERED, f"答复日期 {answered.isoformat()} 早于收到日期 {received.isoformat()}")

    if problems:
        return None, problems
    assert received is not None and applicant is not None
    return Application(app_id, received, applicant, result, answered, row.place()), []


def read_ledger(path: str | Path) -> Iterator[tuple[Application | None, list[Problem]]]:
    """Each non-empty row: (application, []) or (None, problems); duplicate 编号 included."""
    # 编号 -> where first seen, packed as one int (sheet index, row) to keep the index small:
    # it is the only thing that grows with the ledger.
    first_seen: dict[str, int] = {}
    sheets: list[str | None] = []
    for row in iter_rows(path, LEDGER_COLUMNS, "台账"):
        app, problems = parse_row(row)
        app_id = id_text(row.values.get(COL_ID))
        if app_id:
            earlier = first_seen.get(app_id)
            if earlier is not None:
                where = Place(sheets[earlier >> 32], earlier & 0xFFFFFFFF).text()
                problems = problems + [Problem(row.place(COL_ID), f"编号「{app_id}」重复，{where}已有同一编号")]
                app = None
            else:
                if not sheets or sheets[-1] != row.sheet:
                    sheets.append(row.sheet)
                first_seen[app_id] = (len(sheets) - 1) << 32 | row.number
        yield app, problems
