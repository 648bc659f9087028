"""Property tests: consistent random 表三/表四 pass; any single changed cell is caught."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.report.cells import CellValue
from assistant.report.format import (
    T3_APPLICANT_COLUMNS,
    T4_BLOCKS,
    FormatVersion,
    cell_keys,
    t3_result_rows,
)
from assistant.report.model import Report
from assistant.validate import validate

ARITHMETIC = {"T3-ROW-TOTAL", "T3-RESULTS-TOTAL", "T3-BALANCE", "T4-BLOCK-TOTAL"}
TABLE_CODES = ARITHMETIC | {"CELL-INVALID", "CELL-BLANK", "S-FORMAT-VERSION"}
counts = st.integers(min_value=0, max_value=500)


@st.composite
def consistent_reports(draw) -> Report:
    version = draw(st.sampled_from(list(FormatVersion)))
    year = 2020 if version is FormatVersion.V2019 else 2023
    values: dict[str, int] = {k: 0 for k in cell_keys(version) if not k.startswith("t2.")}
    results = t3_result_rows(version)
    for col in T3_APPLICANT_COLUMNS:
        handled = 0
        for row in results:
            n = draw(counts)
            values[f"t3.{row.key}.{col}"] = n
            handled += n
        values[f"t3.results_total.{col}"] = handled
        carried_out = draw(counts)
        values[f"t3.carried_out.{col}"] = carried_out
        # 一 + 二 = 三 + 四: split the other side between new and carried-in
        carried_in = draw(st.integers(min_value=0, max_value=handled + carried_out))
        values[f"t3.carried_in.{col}"] = carried_in
        values[f"t3.new.{col}"] = handled + carried_out - carried_in
    for key in list(values):
        if key.startswith("t3.") and not key.endswith(".total"):
            row = key[3 : key.rindex(".")]
            values[f"t3.{row}.total"] = sum(values[f"t3.{row}.{c}"] for c in T3_APPLICANT_COLUMNS)
    for block, _ in T4_BLOCKS:
        parts = [draw(counts) for _ in range(4)]
        for col, n in zip(("upheld", "corrected", "other", "pending"), parts):
            values[f"t4.{block}.{col}"] = n
        values[f"t4.{block}.total"] = sum(parts)
    cells = {k: CellValue.of(v) for k, v in values.items()}
    cells.update({k: CellValue.of(draw(counts)) for k in cell_keys(version) if k.startswith("t2.")})
    return Report(agency="某某县人民政府", issuer_kind="人民政府", year=year, format=version, cells=cells)


@settings(max_examples=60, deadline=None)
@given(consistent_reports())
def test_consistent_tables_pass_every_arithmetic_rule(report):
    assert validate(report, codes=ARITHMETIC) == []
    assert validate(report, codes=TABLE_CODES) == []


@settings(max_examples=150, deadline=None)
@given(consistent_reports(), st.data())
def test_any_single_changed_cell_is_caught(report, data):
    key = data.draw(st.sampled_from([k for k in report.cells if not k.startswith("t2.")]))
    old = report.number(key)
    delta = data.draw(st.integers(min_value=1, max_value=50))
    new = old + delta if old < delta or data.draw(st.booleans()) else old - delta
    report.set(key, new)
    found = validate(report, codes=ARITHMETIC)
    assert found, f"changing {key} from {old} to {new} went unnoticed"
    assert any(key in f.cells for f in found)
