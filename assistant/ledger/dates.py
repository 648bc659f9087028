"""Dates as offices write them in a ledger: real Excel dates or common text forms.

Read: Excel dates (with or without a time), Excel day numbers that lost their format (a
time part too), 2024-03-05 / 2024年3月5日 / 2024/3/5 / 2024.3.5, and 20240305 as text or
number. Refused: 3/5/2024 and other day-month orders (which is the month?), and anything else.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

_TEXT = re.compile(
    r"^(?P<y>\d{4})\s*(?:[-/.]|年)\s*(?P<m>\d{1,2})\s*(?:[-/.]|月)\s*(?P<d>\d{1,2})\s*日?"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"  # a time part, as CSV exports of Excel write
)
# Excel day numbers for 1950..2100: a date cell that lost its date format.
_SERIAL_RANGE = (18264, 73415)
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_COMPACT = re.compile(r"^(?P<y>(?:19|20)\d{2})(?P<m>\d{2})(?P<d>\d{2})$")  # 20240305
_YEAR_LAST = re.compile(r"^\d{1,2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{4}")


class NotADate(ValueError):
    def __init__(self, value: str, why: str = "") -> None:
        super().__init__(value)
        self.why = why


def parse_date(value: object) -> dt.date | None:
    """The date in a cell; None when empty; NotADate when there is something else."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise NotADate(str(value))
    if isinstance(value, (int, float)):
        if _SERIAL_RANGE[0] <= value <= _SERIAL_RANGE[1]:  # a day number; a fraction is the time
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
        if float(value).is_integer():
            compact = _COMPACT.match(str(int(value)))
            if compact:
                return _ymd(compact, str(int(value)))
        raise NotADate(str(value))
    text = unicodedata.normalize("NFKC", str(value)).strip()
    if not text:
        return None
    match = _TEXT.match(text) or _COMPACT.match(text)
    if not match:
        if _YEAR_LAST.match(text):
            raise NotADate(text, "月和日的先后无法确定")
        raise NotADate(str(value))
    return _ymd(match, str(value))


def _ymd(match: re.Match, shown: str) -> dt.date:
    try:
        return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        raise NotADate(shown) from None
