"""Evidence for 存在的主要问题: what the office's own records show, nothing else.

A reply is late only when it came after the time limit of 《条例》第三十三条: 20 working
days from the day after receipt, extendable by at most 20 more. The ledger does not record
whether an extension was granted, so only a reply beyond 20 + 20 working days (or a request
still open at year end beyond them) is late for certain. A request carried over because it
arrived in late December is inside the limit and is never a problem.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path

LIMIT_DAYS = 20
EXTENSION_DAYS = 20


@cache
def _calendar():
    try:
        import chinese_calendar
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    return chinese_calendar


def is_working_day(day: dt.date) -> bool:
    """Mainland working days: statutory holidays off, adjusted weekend days (调休) on; weekdays
    alone for years the calendar does not cover."""
    cal = _calendar()
    if cal is not None:
        try:
            return bool(cal.is_workday(day))
        except NotImplementedError:
            pass
    return day.weekday() < 5


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The `days`-th working day after `start` (the day of receipt is not counted)."""
    day, left = start, days
    while left > 0:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            left -= 1
    return day


@dataclass(frozen=True)
class LateReply:
    id: str
    received: dt.date
    answered: dt.date | None  # None: still open at year end
    deadline: dt.date


def late_replies(applications, year: int) -> list[LateReply]:
    """Requests of the report year answered (or still open at 31 December) after the
    extended limit of 20 + 20 working days."""
    year_end = dt.date(year, 12, 31)
    out = []
    for app in applications:
        if app is None:
            continue
        deadline = add_working_days(app.received, LIMIT_DAYS + EXTENSION_DAYS)
        if app.answered is not None:
            if app.answered.year == year and app.answered > deadline:
                out.append(LateReply(app.id, app.received, app.answered, deadline))
        elif app.received <= year_end and deadline < year_end:
            out.append(LateReply(app.id, app.received, None, deadline))
    return out


def ledger_late_replies(path: Path, year: int) -> list[LateReply]:
    """Late replies in a ledger file; rows with problems are left to `fill`, which reports them."""
    from ..ledger.records import read_ledger

    return late_replies((app for app, problems in read_ledger(path) if not problems), year)
