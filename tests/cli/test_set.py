from decimal import Decimal

from assistant.report.format import cell_specs
from assistant.report.io import read_report


def _new(run_cli, tmp_path, year="2022"):
    tmp_path.mkdir(exist_ok=True)
    path = tmp_path / "r.yaml"
    code, _, err = run_cli("new", "--year", year, "--agency", "某某局", "-o", path)
    assert code == 0, err
    return path


def test_set_assignments_and_file_keep_decimals(run_cli, tmp_path):
    path = _new(run_cli, tmp_path)
    values = tmp_path / "t2.yaml"
    values.write_text("t2.fees.amount: 12.50\nt2.rules.in_force: 3\n", encoding="utf-8")
    code, _, err = run_cli("set", path, "t2.rules.issued=1", "t2.licensing.decisions=/", "--from", values)
    assert code == 0, err
    report = read_report(path)
    assert report.cell("t2.fees.amount").display() == "12.50"
    assert report.number("t2.rules.issued") == Decimal(1)
    assert report.cell("t2.licensing.decisions").na_mark == "/"
    assert "本年收费金额" in err and "共改动 4 个单元格" in err


def test_set_refuses_bad_input_and_leaves_the_file_untouched(run_cli, tmp_path):
    path = _new(run_cli, tmp_path)
    before = path.read_bytes()
    code, _, err = run_cli("set", path, "t2.rules.issued=1", "t2.rules.isued=2", "t3.other.total=1", "t2.fees.amount=很多")
    assert code == 2
    assert "t2.rules.isued" in err and "t2.rules.issued" in err  # suggestion
    assert "2019 版" in err  # t3.other is a 2019-format row
    assert "很多" in err
    assert path.read_bytes() == before


def test_set_needs_something_to_set(run_cli, tmp_path):
    path = _new(run_cli, tmp_path)
    code, _, err = run_cli("set", path)
    assert code == 2 and "键=数值" in err


def test_set_runs_each_cells_own_checks_before_writing(run_cli, tmp_path):
    path = _new(run_cli, tmp_path)
    before = path.read_bytes()
    code, _, err = run_cli("set", path, "t2.rules.issued=1", "t2.licensing.decisions=-1", "t3.new.natural=1.5")
    assert code == 2
    assert "t2.licensing.decisions" in err and "件数不能是负数" in err
    assert "t3.new.natural" in err and "件数应是整数" in err
    assert "t2.rules.issued" not in err  # the sound value is not blamed, but not written either
    assert path.read_bytes() == before
    code, _, err = run_cli("set", path, "t2.fees.amount=-3")
    assert code == 2 and "金额不能是负数" in err and path.read_bytes() == before


def test_set_money_may_have_decimals_and_2019_changes_may_be_negative(run_cli, tmp_path):
    path = _new(run_cli, tmp_path)
    code, _, err = run_cli("set", path, "t2.fees.amount=0.35")
    assert code == 0, err
    assert read_report(path).cell("t2.fees.amount").display() == "0.35"
    old = _new(run_cli, tmp_path / "old", year="2020")
    signed = next(k for k, s in cell_specs("2019").items() if s.kind == "signed")
    code, _, err = run_cli("set", old, f"{signed}=-2")
    assert code == 0, err
    assert read_report(old).number(signed) == Decimal(-2)
