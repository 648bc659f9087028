"""The seed sample through every rule gives exactly what REPORT_FORMAT.md says:
S-NUMBERING for "（1）" then "（二）" in 总体情况 and for the "6、" heading, and S-FEE-REPORT."""

from __future__ import annotations

import json
from pathlib import Path

from assistant.report.io import read_report
from assistant.validate import Severity, summarize, validate

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "sample-2021.yaml"


def test_seed_sample_findings_are_exactly_the_documented_ones():
    report = read_report(SAMPLE)
    findings = validate(report)
    assert sorted(f.code for f in findings) == ["S-FEE-REPORT", "S-NUMBERING", "S-NUMBERING"]
    assert summarize(findings) == {"error": 0, "inconsistency": 0, "warning": 1, "info": 2}

    numbering = [f for f in findings if f.code == "S-NUMBERING"]
    by_section = {f.span.section: f for f in numbering}
    assert set(by_section) == {"overview", "other"}
    overview = report.sections.overview
    item = by_section["overview"]
    assert overview[item.span.start : item.span.end] == "（二）"
    assert item.args["previous"] == "（1）" and "（1）" in item.message and item.severity is Severity.INFO
    heading = by_section["other"]
    assert heading.args["heading"] == "6、 其他需要报告的事项" and heading.args["marker"] == "6、"

    (fee,) = [f for f in findings if f.code == "S-FEE-REPORT"]
    assert fee.severity is Severity.WARNING and fee.span.section == "other"
    assert "信息处理费" in fee.message


def test_sample_numbers_in_prose_do_not_trip_table_rules():
    report = read_report(SAMPLE)
    other = report.sections.other
    # the prose does carry counts — just none about 表三
    assert "共受理市长公开电话1414件" in other and "回复率100%" in other
    assert not [f for f in validate(report) if f.code.startswith("N-")]


def test_findings_serialise_with_spans():
    findings = validate(read_report(SAMPLE))
    data = json.loads(json.dumps([f.to_json() for f in findings], ensure_ascii=False))
    assert all(set(d) == {"code", "severity", "message", "args", "cells", "span"} for d in data)
    assert all(d["span"] and set(d["span"]) == {"section", "start", "end"} for d in data)
