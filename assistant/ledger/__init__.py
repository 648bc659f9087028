"""The office's own records: the 依申请公开台账 (表三), the cases file (表四), and the roll-up
of departments' reports into the 本级政府 total."""

from __future__ import annotations

from .cases import CaseTally, count_cases
from .fill import Difference, Tally, apply, count_ledger, differences, tally
from .records import Application, Problem, read_ledger

__all__ = [
    "Application",
    "CaseTally",
    "Difference",
    "Problem",
    "Tally",
    "apply",
    "count_cases",
    "count_ledger",
    "differences",
    "read_ledger",
    "tally",
]
