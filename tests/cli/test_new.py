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


def test_an_unwritable_output_is_a_clear_message_not_a_traceback(run_cli, tmp_path, monkeypatch):
    # under pytest tracebacks are let through on purpose; switch that off as a user has it
    monkeypatch.delenv("PYTEST_CURRENT_TEST", raising=False)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = run_cli("new", "--year", "2024", "--agency", "某某局", "-o", blocker / "sub" / "r.yaml")
    assert code == 2
    assert "无法读写文件" in err and "Traceback" not in err


def test_an_internal_error_has_its_own_exit_code(run_cli, tmp_path, monkeypatch):
    import assistant.services.new as service

    monkeypatch.delenv("PYTEST_CURRENT_TEST", raising=False)

    def broken(settings, request):
        raise RuntimeError("a defect, not the user's input")

    monkeypatch.setattr(service, "new_report", broken)
    code, _, err = run_cli("new", "--year", "2024", "--agency", "某某局")
    assert code == 3  # not 1 (findings) nor 2 (bad input)
    assert "内部错误" in err and "Traceback" not in err


def test_a_bad_setting_is_named_not_an_internal_error(run_cli, monkeypatch):
    monkeypatch.setenv("NIANBAO_LLM_TIMEOUT", "很久")
    code, _, err = run_cli("new", "--year", "2024", "--agency", "某某局")
    assert code == 2 and "NIANBAO_LLM_TIMEOUT" in err and "很久" in err


def test_json_callers_get_the_error_body_on_stdout(run_cli, tmp_path):
    import json

    for args in (("validate", tmp_path / "missing.yaml", "--format", "json"),
                 ("doctor", "--format=json", "--bogus"),
                 ("import", tmp_path / "missing.txt", "--format", "json")):
        code, out, err = run_cli(*args)
        assert code == 2 and "错误：" in err
        if "--bogus" in args:
            assert out == ""  # a usage error is for the person at the terminal
            continue
        body = json.loads(out)
        assert body["ok"] is False and "missing" in body["error"]["file"], args
