"""Issue 21, validator items 7 and 9 (S-GOV-ASSESSMENT): narrative counts compared with the
table they state, no wider and no narrower; a subject named is not a subject covered."""

from __future__ import annotations

from tests.validate.test_narrative_numbers import clean_report

from assistant.validate import validate


def mismatches(report):
    return [f for f in validate(report) if f.code == "N-TABLE-MISMATCH"]


def test_applicant_split_may_include_the_carry_over_like_its_total():
    report = clean_report()  # new: 自然人 20, 商业企业 1 (21)
    report.set("t3.carried_in.natural", 2)
    report.set("t3.carried_in.total", 2)
    report.sections.requests = "本年度共受理政府信息公开申请23件，其中自然人22件、法人或其他组织1件。"
    assert mismatches(report) == []
    report.sections.requests = "本年度共受理政府信息公开申请23件，其中自然人24件、法人或其他组织1件。"
    [wrong] = mismatches(report)
    assert wrong.args["row"] == "本年新收·自然人" and wrong.args["stated"] == 24


def test_a_narrower_scope_is_not_compared_with_the_whole_table():
    report = clean_report()
    report.issuer_kind = "人民政府"
    report.sections.requests = "全年新收政府信息公开申请21件，其中由区政府办公室代为受理政府信息公开申请17件。"
    assert mismatches(report) == []
    report.sections.requests = "全年新收政府信息公开申请25件。"
    assert len(mismatches(report)) == 1


def test_without_a_total_column_the_applicant_columns_are_the_total():
    report = clean_report()
    for key in [k for k in report.cells if k.startswith("t3.") and k.endswith(".total")]:
        report.set(key, None)
    report.sections.requests = "全年新收政府信息公开申请38件，予以公开32件。"
    found = mismatches(report)
    assert sorted(f.args["stated"] for f in found) == [32, 38]
    assert sorted(f.args["actual"] for f in found) == [15, 21]
    report.sections.requests = "全年新收政府信息公开申请21件，予以公开15件。"
    assert mismatches(report) == []


def test_gov_assessment_is_not_satisfied_by_its_own_heading_or_a_placeholder():
    report = clean_report()
    report.issuer_kind = "人民政府"
    base = report.sections.overview
    [before] = [f for f in validate(report) if f.code == "S-GOV-ASSESSMENT"]
    assert "社会评议" in before.args["topics"] and "责任追究" in before.args["topics"]
    report.sections.overview = base + "\n（五）监督保障（含工作考核、社会评议和责任追究结果情况）。〔请填写本年度社会评议开展情况和结果〕"
    [finding] = [f for f in validate(report) if f.code == "S-GOV-ASSESSMENT"]
    assert finding.args["topics"] == before.args["topics"]
    report.sections.overview = base + "\n（五）监督保障。将政务公开纳入绩效考核；开展社会评议1次；本年度未发生责任追究情况。"
    assert [f for f in validate(report) if f.code == "S-GOV-ASSESSMENT"] == []
