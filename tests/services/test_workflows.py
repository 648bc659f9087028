"""The services the CLI and the web share: typed results, NianbaoError only, nothing printed."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from assistant.errors import NianbaoError
from assistant.report.io import read_report
from assistant.services.new import NewRequest, new_report
from assistant.services.set_cells import SetRequest, set_cells
from assistant.services.validate import ValidateRequest, validate_file, validate_upload

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "sample-2021.yaml"


def test_new_then_set_then_validate_print_nothing(settings, tmp_path, capsys):
    path = tmp_path / "r.yaml"
    created = new_report(settings, NewRequest(2022, " 某某局 ", output=path))
    assert created.written == path and created.report.agency == "某某局"
    result = set_cells(settings, SetRequest(path, ["t2.rules.issued=2", "t2.fees.amount=1.50"]))
    assert [c.key for c in result.changes] == ["t2.rules.issued", "t2.fees.amount"]
    assert read_report(path).cell("t2.fees.amount").number == Decimal("1.50")
    checked = validate_file(settings, ValidateRequest(path))
    assert checked.blocking and checked.to_json()["report"]["path"] == str(path)
    assert capsys.readouterr() == ("", "")


def test_new_without_output_writes_nothing(settings, tmp_path):
    result = new_report(settings, NewRequest(2024, "某某区人民政府", "人民政府"))
    assert result.written is None and result.report.format.value == "2021"
    assert list(tmp_path.iterdir()) == []


def test_set_reads_its_value_file_through_the_report_reader(settings, tmp_path):
    path = tmp_path / "r.yaml"
    new_report(settings, NewRequest(2022, "某某局", output=path))
    values = tmp_path / "v.yaml"
    values.write_text("t2.fees.amount: 12.50\nt2.rules.in_force: 3\n", encoding="utf-8")
    out = tmp_path / "out.yaml"
    result = set_cells(settings, SetRequest(path, (), values, out))
    assert result.written == out
    assert read_report(out).cell("t2.fees.amount").display() == "12.50"
    values.write_bytes(b"\xff\xfe not utf-8")
    with pytest.raises(NianbaoError, match="UTF-8"):
        set_cells(settings, SetRequest(path, (), values))


def test_validate_upload_is_the_file_result(settings):
    upload = validate_upload(settings, FIXTURE.read_bytes(), "sample-2021.yaml")
    on_disk = validate_file(settings, ValidateRequest(FIXTURE))
    assert [f.code for f in upload.findings] == [f.code for f in on_disk.findings]
    assert upload.to_json()["report"]["path"] == "sample-2021.yaml"


def test_doctor_offline_result(settings):
    from assistant.services.doctor import doctor

    result = doctor(settings)
    assert result.offline_ok and not result.llm_ok
    assert {c.name for c in result.checks} >= {"工作目录", "提示词模板", "大模型"}
    assert result.to_json()["checks"][0]["name"] == "工作目录"


@pytest.mark.parametrize("name", ["..", "../x.txt", "a\x00.txt", ""])
def test_import_upload_takes_only_a_plain_file_name(settings, name):
    from assistant.services.import_report import import_upload

    with pytest.raises(NianbaoError, match="文件名"):
        import_upload(settings, b"x", name)
