import datetime as dt

from openpyxl import load_workbook

from assistant.ledger import count_ledger
from assistant.ledger.vocab import result_key
from assistant.report.format import FormatVersion, t3_result_rows


def _list_values(wb, formula):
    sheet, ref = formula.split("!")
    ws = wb[sheet.strip("'")]
    return [c[0].value for c in ws[ref.replace("$", "")]]


def _validations(ws):
    return {str(dv.sqref).split(":")[0][0]: dv for dv in ws.data_validations.dataValidation}


def test_template_has_header_dropdowns_dates_frozen_row_and_instructions(tmp_path, run_cli):
    out = tmp_path / "台账模板.xlsx"
    code, _, err = run_cli("ledger", "template", "-o", out, "--year", "2022")
    assert code == 0, err
    wb = load_workbook(out)
    ws = wb["台账"]
    header = [c.value for c in ws[1]]
    assert header[:5] == ["编号", "收到日期", "申请人类型", "办理结果", "答复日期"]
    assert ws.freeze_panes == "A2"
    dvs = _validations(ws)
    applicants = _list_values(wb, dvs["C"].formula1)
    assert dvs["C"].type == "list" and applicants == ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    results = _list_values(wb, dvs["D"].formula1)
    assert dvs["D"].type == "list"
    # every result row of the 2021 format is offered, and each entry reads back as that row
    assert [result_key(r) for r in results] == [r.key for r in t3_result_rows(FormatVersion.V2021)]
    assert len("、".join(results)) > 255  # why the list lives on its own sheet
    assert wb["选项"].sheet_state == "hidden"
    assert dvs["B"].type == "date" and dvs["E"].type == "date"
    assert ws["B2"].number_format == "yyyy-mm-dd" and ws["E100"].number_format == "yyyy-mm-dd"
    help_text = "\n".join(str(c.value) for c in wb["填写说明"]["A"] if c.value)
    assert "尚未办结" in help_text and "nianbao fill" in help_text


def test_2019_template_offers_the_single_other_row(tmp_path, run_cli):
    out = tmp_path / "t.xlsx"
    assert run_cli("ledger", "template", "-o", out, "--year", "2020")[0] == 0
    wb = load_workbook(out)
    results = _list_values(wb, _validations(wb["台账"])["D"].formula1)
    assert results[-1] == "其他处理" and "其他" not in results
    assert len(results) == len(t3_result_rows(FormatVersion.V2019))


def test_a_filled_in_template_is_a_ledger(tmp_path, run_cli):
    out = tmp_path / "t.xlsx"
    assert run_cli("ledger", "template", "-o", out)[0] == 0
    wb = load_workbook(out)
    ws = wb["台账"]
    ws.append(["1", dt.date(2022, 3, 1), "自然人", "予以公开", dt.date(2022, 3, 9)])
    ws["A2"], ws["B2"], ws["C2"] = "2", dt.date(2022, 4, 1), "商业企业"
    wb.save(out)
    t = count_ledger(out, 2022)
    assert t.problems == [] and t.counts["t3.new.total"] == 2 and t.counts["t3.carried_out.commercial"] == 1


def test_template_refuses_other_extensions(tmp_path, run_cli):
    code, _, err = run_cli("ledger", "template", "-o", tmp_path / "t.csv")
    assert code == 2 and ".xlsx" in err


def test_bundled_examples_are_what_the_script_makes(tmp_path, paths):
    import subprocess
    import sys

    script = paths["root"] / "scripts" / "make_sample_ledger.py"
    subprocess.run([sys.executable, str(script), str(tmp_path)], check=True, capture_output=True)
    for name in ("台账-示例.xlsx", "复议诉讼-示例.xlsx"):
        made = [list(r) for r in load_workbook(tmp_path / name).active.iter_rows(values_only=True)]
        bundled = [list(r) for r in load_workbook(paths["root"] / "examples" / name).active.iter_rows(values_only=True)]
        assert made == bundled and len(made) > 5
    names = [r[5] for r in load_workbook(tmp_path / "台账-示例.xlsx")["台账"].iter_rows(min_row=2, values_only=True) if r[0]]
    assert names and all(n.startswith("示例申请人") for n in names)
