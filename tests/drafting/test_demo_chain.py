"""The demo chain: new -> fill -> draft --write -> validate; the drafts raise no text findings."""

import json
from pathlib import Path

from assistant.report.io import read_report

ROOT = Path(__file__).resolve().parents[2]
PREVIOUS = ROOT / "tests" / "fixtures" / "sample-2021.yaml"
TEXT_RULES = {"S-FEE-REPORT", "S-PROBLEMS-EMPTY", "S-PERIOD", "S-NUMBERING", "S-GOV-ASSESSMENT",
              "N-TABLE-MISMATCH", "N-STALE-YEAR", "N-SIMILAR-LAST-YEAR"}


def test_new_fill_draft_validate(run_cli, tmp_path):
    report = tmp_path / "2022.yaml"
    assert run_cli("new", "--year", "2022", "--agency", "中韩示范区党政综合办公室", "-o", report)[0] == 0
    code, _, err = run_cli("fill", report, "--ledger", ROOT / "examples" / "台账-示例.xlsx",
                           "--cases", ROOT / "examples" / "复议诉讼-示例.xlsx", "--previous", PREVIOUS)
    assert code == 0, err
    code, _, err = run_cli("draft", report, "--section", "all", "--previous", PREVIOUS,
                           "--facts", ROOT / "examples" / "facts.yaml", "--offline", "--write")
    assert code == 0, err
    drafted = read_report(report)
    for key in ("intro", "overview", "requests", "review_litigation", "problems", "other"):
        assert getattr(drafted.sections, key)
    # the contact details come from last year's report of the same agency
    assert "0431-81186305" in drafted.sections.intro
    code, out, _ = run_cli("validate", report, "--previous", PREVIOUS, "--format", "json")
    payload = json.loads(out)
    findings = payload["findings"] if isinstance(payload, dict) else payload
    text_findings = [f for f in findings if f["code"] in TEXT_RULES]
    assert text_findings == [], text_findings
