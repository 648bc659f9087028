"""Builders for hand-made reports used by the table-rule tests."""

from __future__ import annotations

import pytest

from assistant.report.cells import CellValue
from assistant.report.format import FormatVersion, cell_keys
from assistant.report.model import Report


def zero_report(year: int = 2022, fmt: str | None = None, agency: str = "某某区市场监督管理局") -> Report:
    """Every cell 0: arithmetically consistent, nothing blank."""
    version = FormatVersion(fmt) if fmt else FormatVersion.for_year(year)
    cells = {k: CellValue.of(0) for k in cell_keys(version)}
    return Report(agency=agency, issuer_kind="部门", year=year, format=version, cells=cells)


def add_t3(report: Report, row: str, column: str, amount: int) -> None:
    """Add to one applicant cell and keep the row 总计 in step (row totals stay right)."""
    for key in (f"t3.{row}.{column}", f"t3.{row}.total"):
        report.set(key, report.number(key) + amount)


def busy_report(year: int = 2022, fmt: str | None = None) -> Report:
    """A consistent report with non-zero numbers in 表二, 表三 and 表四."""
    report = zero_report(year, fmt)
    for row, column, n in [
        ("new", "natural", 5),
        ("carried_in", "natural", 1),
        ("granted", "natural", 3),
        ("refused.third_party", "natural", 1),
        ("results_total", "natural", 4),
        ("carried_out", "natural", 2),
        ("new", "commercial", 2),
        ("granted", "commercial", 1),
        ("partly_granted", "commercial", 1),
        ("results_total", "commercial", 2),
    ]:
        add_t3(report, row, column, n)
    for key, n in [("t4.review.upheld", 1), ("t4.review.corrected", 1), ("t4.review.total", 2)]:
        report.set(key, n)
    if report.format is FormatVersion.V2021:
        for key, n in [("t2.rules.issued", 2), ("t2.rules.repealed", 1), ("t2.rules.in_force", 10)]:
            report.set(key, n)
    return report


def codes(findings) -> list[str]:
    return [f.code for f in findings]


@pytest.fixture
def make_zero():
    return zero_report


@pytest.fixture
def t3_add():
    return add_t3


@pytest.fixture
def make_busy():
    return busy_report
