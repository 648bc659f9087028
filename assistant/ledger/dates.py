"""Dates as offices write them in a ledger: real Excel dates or common text forms."""

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


class NotADate(ValueError):
    pass


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
        if _SERIAL_RANGE[0] <= value <= _SERIAL_RANGE[1] and float(value).is_integer():
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
        raise NotADate(str(value))
    text = unicodedata.normalize("NFKC", str(value)).strip()
    if not text:
        return None
    match = _TEXT.match(text)
    if not match:
        raise NotADate(str(value))
    try:
        return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        raise NotADate(str(value)) from None
