import csv
from decimal import Decimal

from assistant.report.cells import CellValue
from assistant.report.format import cell_keys
from assistant.report.io import read_report, write_report
from assistant.report.model import blank_report
from assistant.validate import validate


def _zeros(year, agency):
    r = blank_report(year, agency, "部门")
    for key in cell_keys(r.format):
        r.set(key, 0)
    return r


def _write(tmp_path, report, name):
    path = tmp_path / name
    write_report(report, path)
    return path


def test_rollup_sums_every_table_and_writes_the_breakdown(tmp_path, run_cli):
    a, b = _zeros(2022, "甲局"), _zeros(2022, "乙局")
    for r, n in ((a, 2), (b, 3)):
        r.set("t3.new.natural", n)
        r.set("t3.new.total", n)
        r.set("t3.granted.natural", n)
        r.set("t3.granted.total", n)
        r.set("t3.results_total.natural", n)
        r.set("t3.results_total.total", n)
        r.set("t4.review.upheld", n - 1)
        r.set("t4.review.total", n - 1)
        r.set("t2.licensing.decisions", n * 100)
    a.set("t2.fees.amount", Decimal("12.50"))
    b.set("t2.fees.amount", Decimal("0.75"))
    out = tmp_path / "total" / "区政府.yaml"
    out.parent.mkdir()
    pa, pb = _write(tmp_path, a, "a.yaml"), _write(tmp_path, b, "b.yaml")
    code, stdout, err = run_cli("rollup", pa, pb, "-o", out, "--agency", "某某区人民政府")
    assert code == 0, err
    total = read_report(out)
    assert total.agency == "某某区人民政府" and total.issuer_kind == "人民政府" and total.year == 2022
    assert total.number("t3.new.natural") == 5 and total.number("t3.results_total.total") == 5
    assert total.number("t4.review.total") == 3 and total.number("t2.licensing.decisions") == 500
    assert total.cells["t2.fees.amount"].display() == "13.25"
    assert total.number("t3.carried_out.total") == 0
    assert validate(total, codes={"T3-ROW-TOTAL", "T3-RESULTS-TOTAL", "T3-BALANCE", "T4-BLOCK-TOTAL"}) == []
    assert "甲局" in stdout and "乙局" in stdout
    with (out.parent / "rollup.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = {row[0]: row for row in csv.reader(fh)}
    assert rows["单元格"][2:] == ["甲局", "乙局", "合计"]
    assert rows["t3.new.natural"][2:] == ["2", "3", "5"]
    assert rows["t2.fees.amount"][2:] == ["12.50", "0.75", "13.25"]
    assert "表三" in rows["t3.new.natural"][1]


def test_blank_and_na_cells(tmp_path, run_cli):
    a, b = _zeros(2022, "甲局"), _zeros(2022, "乙局")
    a.set("t3.new.commercial", None)  # blank in one input: reported, the other's number is the total
    b.set("t3.new.commercial", 4)
    a.set("t3.new.research", None)
    b.set("t3.new.research", None)  # blank everywhere: stays blank
    a.set("t2.fees.amount", CellValue.na("/"))
    b.set("t2.fees.amount", CellValue.na("/"))  # n/a everywhere: stays n/a
    a.set("t2.rules.issued", CellValue.na("—"))
    b.set("t2.rules.issued", 2)  # n/a does not add
    out = tmp_path / "t.yaml"
    code, stdout, err = run_cli("rollup", _write(tmp_path, a, "a.yaml"), _write(tmp_path, b, "b.yaml"), "-o", out)
    assert code == 0, err
    total = read_report(out)
    assert total.number("t3.new.commercial") == 4
    assert total.cells["t3.new.research"].is_blank
    assert total.cells["t2.fees.amount"].is_na
    assert total.number("t2.rules.issued") == 2
    blank_lines = [line for line in stdout.splitlines() if "本年新收政府信息公开申请数量」行「商业企业」列：" in line]
    assert blank_lines and "甲局" in blank_lines[0] and "乙局" not in blank_lines[0]
    assert not any("本年新收政府信息公开申请数量」行「科研机构」列：" in line for line in stdout.splitlines())


def test_2019_format_sums_signed_changes_and_money(tmp_path, run_cli):
    a, b = _zeros(2020, "甲局"), _zeros(2020, "乙局")
    a.set("t2.licensing.previous", 10)
    b.set("t2.licensing.previous", 5)
    a.set("t2.licensing.change", -3)
    b.set("t2.licensing.change", 1)
    a.set("t2.procurement.amount", Decimal("100.5"))
    b.set("t2.procurement.amount", Decimal("0.25"))
    out = tmp_path / "t.json"
    code, _, err = run_cli("rollup", _write(tmp_path, a, "a.yaml"), _write(tmp_path, b, "b.yaml"), "-o", out)
    assert code == 0, err
    total = read_report(out)
    assert total.format.value == "2019"
    assert total.number("t2.licensing.previous") == 15 and total.number("t2.licensing.change") == -2
    assert total.number("t2.procurement.amount") == Decimal("100.75")


def test_rollup_refuses_mixed_years_or_formats_naming_the_files(tmp_path, run_cli):
    pa = _write(tmp_path, _zeros(2022, "甲局"), "甲.yaml")
    pb = _write(tmp_path, _zeros(2021, "乙局"), "乙.yaml")
    pc = _write(tmp_path, _zeros(2020, "丙局"), "丙.yaml")
    out = tmp_path / "t.yaml"
    code, _, err = run_cli("rollup", pa, pb, "-o", out)
    assert code == 2 and str(pa) in err and str(pb) in err and "2021" in err
    code, _, err = run_cli("rollup", pb, pc, "-o", out)
    assert code == 2 and "2019 版" in err and "2021 版" in err
    assert not out.exists() and not (tmp_path / "rollup.csv").exists()


def test_rollup_refuses_double_counting(tmp_path, run_cli):
    pa = _write(tmp_path, _zeros(2022, "甲局"), "a.yaml")
    pa2 = _write(tmp_path, _zeros(2022, "甲局"), "a2.yaml")
    code, _, err = run_cli("rollup", pa, pa, "-o", tmp_path / "t.yaml")
    assert code == 2 and "不止一次" in err
    code, _, err = run_cli("rollup", pa, pa2, "-o", tmp_path / "t.yaml")
    assert code == 2 and "甲局" in err and "两次" in err


def test_rollup_lists_each_agencys_findings(tmp_path, run_cli):
    a, b = _zeros(2022, "甲局"), _zeros(2022, "乙局")
    b.set("t3.new.natural", 1)  # row total and balance no longer hold in 乙局's report
    out = tmp_path / "t.yaml"
    code, stdout, err = run_cli("rollup", _write(tmp_path, a, "a.yaml"), _write(tmp_path, b, "b.yaml"), "-o", out)
    assert code == 0, err
    section = stdout.split("乙局（")[1]
    assert "T3-ROW-TOTAL" in section
    assert "T3-ROW-TOTAL" not in stdout.split("乙局（")[0]
