from assistant.report.io import loads_report


def test_new_writes_blank_report_of_the_years_format(run_cli, tmp_path):
    out = tmp_path / "r.yaml"
    code, _, err = run_cli("new", "--year", "2020", "--agency", "某某局", "-o", out)
    assert code == 0, err
    report = loads_report(out.read_text(encoding="utf-8"), "yaml")
    assert report.format.value == "2019"
    assert "t3.other.total" in report.cells
    assert all(c.is_blank for c in report.cells.values())


def test_new_to_stdout_json_shape(run_cli):
    code, out, _ = run_cli("new", "--year", "2024", "--agency", "某某区人民政府", "--issuer-kind", "人民政府")
    assert code == 0
    report = loads_report(out, "yaml")
    assert report.format.value == "2021" and report.is_government
    assert len(report.cells) == 10 + 25 * 7 + 15


def test_new_refuses_years_before_the_format(run_cli):
    code, _, err = run_cli("new", "--year", "2017", "--agency", "某某局")
    assert code == 2
    assert "2017" in err
