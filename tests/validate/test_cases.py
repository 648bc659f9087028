"""Hand-made defective reports (tests/validate/cases/): `nianbao validate` finds each defect."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
SAMPLE_2021 = HERE.parent / "fixtures" / "sample-2021.yaml"

# file -> (code, a cell the finding must name, exit code)
CASES = {
    "cell-invalid": ("CELL-INVALID", "t2.fees.amount", 1),
    "cell-blank": ("CELL-BLANK", "t3.granted.public_interest", 0),
    "t3-row-total": ("T3-ROW-TOTAL", "t3.granted.total", 1),
    "t3-results-total": ("T3-RESULTS-TOTAL", "t3.results_total.natural", 1),
    "t3-balance": ("T3-BALANCE", "t3.carried_out.commercial", 1),
    "t4-block-total": ("T4-BLOCK-TOTAL", "t4.review.corrected", 1),
    "x-carry-over": ("X-CARRY-OVER", "t3.carried_in.natural", 1),
    "x-in-force": ("X-IN-FORCE", "t2.rules.in_force", 0),
    "s-format-version": ("S-FORMAT-VERSION", None, 1),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_case_file_shows_its_defect(run_cli, name):
    code, cell, exit_code = CASES[name]
    args = ["validate", HERE / "cases" / f"{name}.yaml", "--format", "json"]
    if name.startswith("x-"):
        args += ["--previous", SAMPLE_2021]
    status, out, err = run_cli(*args)
    findings = [f for f in json.loads(out)["findings"] if f["code"] == code]
    assert findings, f"{name}: no {code} finding"
    if cell:
        assert any(cell in f["cells"] for f in findings)
    table_blocking = [f for f in json.loads(out)["findings"] if f["severity"] in ("error", "inconsistency")]
    if exit_code == 1:
        assert status == 1
    else:  # only warnings from the table rules; narrative rules may add their own findings
        assert not [f for f in table_blocking if not f["code"].startswith(("N-", "S-"))]
    status, text, _ = run_cli(*args[:2], *args[4:])
    assert code in text
