"""Issue 21, validator items 6, 8 and 11: no false alarm, one finding per fact, messages
that say what the document printed."""

from __future__ import annotations

from pathlib import Path

from assistant.ingest import import_report
from assistant.report.io import read_report
from assistant.report.model import blank_report
from assistant.validate import Severity, validate

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "fixtures" / "sample-2021.yaml"
ONE_ROW = ROOT / "fixtures" / "import" / "2023-某市住房和城乡建设局.docx"


def only(findings, code):
    return [f for f in findings if f.code == code]


# -- 6. S-FEE-REPORT: 2021-format reports only ------------------------------------------


def test_fee_statement_not_asked_of_reports_before_the_fee_rules():
    report = read_report(SAMPLE)
    assert report.sections.other and "处理费" not in report.sections.other
    assert len(only(validate(report), "S-FEE-REPORT")) == 1  # 2021 format: asked
    for year in (2019, 2020):
        old = blank_report(year, report.agency, report.issuer_kind)
        old.sections = report.sections.model_copy()
        assert only(validate(old), "S-FEE-REPORT") == [], year


# -- 8. one fact, one finding ----------------------------------------------------------


def test_other_printed_as_one_row_is_one_info_finding_not_three_blank_rows():
    result = import_report(ONE_ROW)
    [note] = [f for f in result.findings if "（六）其他处理" in f.message]
    assert note.code == "IMPORT-DEVIATION" and note.severity is Severity.INFO
    blank = only(validate(result.report), "CELL-BLANK")
    about_other = [f for f in blank if any(c.startswith("t3.other.") for c in f.cells)]
    assert len(about_other) == 1, [f.message for f in blank]
    assert about_other[0].severity is Severity.INFO and len(about_other[0].cells) == 21
    assert "印为一行" in about_other[0].message
    # the audit joins the importer's and the validator's findings: the fact once
    from assistant.validate.catalogue import merge

    joined = merge(result.findings, validate(result.report))
    assert [f.code for f in joined if any(c.startswith("t3.other.") for c in f.cells)] == ["IMPORT-DEVIATION"]


def test_a_column_blank_in_every_row_is_one_finding_naming_it(make_busy):
    report = make_busy(2022)
    legal = [k for k in report.cells if k.startswith("t3.") and k.endswith((".legal_service", ".research"))]
    for key in legal:
        report.set(key, None)
    report.set("t3.granted.natural", None)
    found = only(validate(report), "CELL-BLANK")
    assert len(found) == 2, [f.message for f in found]
    column, row = found
    assert sorted(column.cells) == sorted(legal) and "「科研机构」、「法律服务机构」列整列空白" in column.message
    assert column.args["column_keys"] == ["research", "legal_service"]
    assert row.cells == ["t3.granted.natural"]


# -- 11. messages list what was printed ------------------------------------------------


def test_one_row_message_lists_the_seven_printed_values(tmp_path):
    from tests.ingest.layouts import Style, html_page

    report = read_report(SAMPLE)
    for key, n in (("t3.other.no_correction.natural", 2), ("t3.other.no_correction.total", 2)):
        report.set(key, n)
    page = html_page(report, Style(other_one_row=True, chrome=False))
    # Word's export: the label's merged cell printed as a label cell and an empty one
    label = '<td colspan="2" style="border:1px solid #000"><p class="MsoNormal" align="center"><span>（六）其他处理</span></p></td>'
    assert label in page
    page = page.replace(label, label.replace(' colspan="2"', "") + '<td style="border:1px solid #000"></td>')
    path = tmp_path / "2021-某局.html"
    path.write_text(page, encoding="utf-8")
    [note] = [f for f in import_report(path).findings if "（六）其他处理" in f.message]
    assert "印为一行（2、0、0、0、0、0、2）" in note.message and note.args["values"] == ["2", "0", "0", "0", "0", "0", "2"]
