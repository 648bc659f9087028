"""The text and JSON forms of findings: cell labels, text spans, JSON-safe args."""

from __future__ import annotations

import json
from decimal import Decimal

from assistant.report.io import dumps_json
from assistant.validate import Finding, Severity, Span
from assistant.validate.output import render_text, summary_line, validation_json
from assistant.validate.tables import describe_cells


def test_describe_cells_compresses_rows_and_tables(make_zero):
    version = make_zero().format
    t4 = [k for k in make_zero().cells if k.startswith("t4.")]
    assert describe_cells(t4, version) == ["表四：全表 15 个单元格"]
    row = [f"t3.granted.{c}" for c in ("natural", "commercial", "research", "public_interest",
                                      "legal_service", "other_org", "total")]
    assert describe_cells(row, version) == ["表三「（一）予以公开」行：整行 7 个单元格"]
    assert describe_cells(["t3.refused.third_party.natural", "t4.review.total"], version) == [
        "表三「（三）不予公开4.保护第三方合法权益」行：「自然人」列",
        "表四「行政复议」：「总计」",
    ]


def test_text_shows_span_excerpts_and_headings(make_zero):
    report = make_zero()
    report.sections.problems = "一是宣传不够。下一步将加强培训。"
    report.headings["other"] = "6、其他需要报告的事项"
    findings = [
        Finding(code="X-TEST", severity=Severity.INFO, message="示例提示",
                span=Span(section="problems", start=7, end=16)),
        Finding(code="Y-TEST", severity=Severity.INFO, message="编号提示", span=Span(section="other", start=0, end=0)),
    ]
    out = render_text(report, findings, width=240)
    assert "「存在的主要问题及改进情况」第 8–16 字：下一步将加强培训。" in out
    assert "「其他需要报告的事项」部分标题：6、其他需要报告的事项" in out
    assert "提示（2 项）" in out and summary_line(findings) in out


def test_json_args_are_plain_json(make_zero):
    finding = Finding(code="X", severity=Severity.WARNING, message="m",
                      args={"whole": Decimal("3"), "money": Decimal("12.50"), "list": [Decimal("1")]})
    data = validation_json(make_zero(), [finding], "r.yaml")
    text = json.dumps(data, ensure_ascii=False)  # the standard encoder copes: no Decimal left
    assert json.loads(text)["findings"][0]["args"] == {"whole": 3, "money": 12.5, "list": [1]}
    assert json.loads(dumps_json(data)) == json.loads(text)
    assert data["summary"] == {"error": 0, "inconsistency": 0, "warning": 1, "info": 0}
