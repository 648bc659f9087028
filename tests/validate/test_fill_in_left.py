from assistant.report.model import blank_report
from assistant.validate import validate


def _report(other: str):
    report = blank_report(2024, "某某局", "部门")
    report.sections.other = other
    return report


def test_fill_in_notes_and_placeholders_are_found_with_their_span():
    text = "（一）信息处理费。本年度未收取信息处理费。（二）创新情况。〔请补充本年度政务公开工作创新做法〕共{{fact.x}}项。"
    findings = [f for f in validate(_report(text), codes={"S-FILL-IN"})]
    notes = [text[f.span.start : f.span.end] for f in findings]
    assert notes == ["〔请补充本年度政务公开工作创新做法〕", "{{fact.x}}"]
    assert all(f.span.section == "other" and f.severity.value == "warning" for f in findings)
    assert "其他需要报告的事项" in findings[0].message


def test_document_numbers_in_brackets_are_not_fill_in_notes():
    text = "依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），本年度未收取信息处理费。"
    assert validate(_report(text), codes={"S-FILL-IN"}) == []
