"""Writers for real ledger files (xlsx via openpyxl, csv in a chosen encoding)."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

HEADER = ["编号", "收到日期", "申请人类型", "办理结果", "答复日期", "申请内容"]
ROOT = Path(__file__).resolve().parents[2]
SAMPLE_2021 = ROOT / "tests" / "fixtures" / "sample-2021.yaml"
EXAMPLE_LEDGER = ROOT / "examples" / "台账-示例.xlsx"
EXAMPLE_CASES = ROOT / "examples" / "复议诉讼-示例.xlsx"


def _write_xlsx(path: Path, rows: list[list], sheet: str = "台账", extra_sheets: dict | None = None) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    for name, more in (extra_sheets or {}).items():
        other = wb.create_sheet(name)
        for row in more:
            other.append(row)
    wb.save(path)
    return path


def _write_csv(path: Path, rows: list[list], encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as fh:
        writer = csv.writer(fh)
        for row in rows:
            writer.writerow(["" if v is None else (v.isoformat() if isinstance(v, dt.date) else v) for v in row])
    return path


@pytest.fixture
def write_xlsx():
    return _write_xlsx


@pytest.fixture
def write_csv():
    return _write_csv


@pytest.fixture
def paths():
    return {"sample_2021": SAMPLE_2021, "ledger": EXAMPLE_LEDGER, "cases": EXAMPLE_CASES, "root": ROOT}
