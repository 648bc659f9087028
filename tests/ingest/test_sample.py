"""The seed sample (web-copied text) imports exactly: every cell, headings, parts, metadata."""

from __future__ import annotations

from import_paths import SAMPLE_TXT, SEED_YAML

from assistant.ingest import import_report
from assistant.report.format import cell_keys
from assistant.report.io import read_report


def test_sample_cells_all_read_and_zero():
    result = import_report(SAMPLE_TXT)
    report = result.report
    expected = read_report(SEED_YAML)
    assert report.format.value == "2021"
    assert result.summary.cells_read == len(cell_keys("2021")) == 200
    assert result.summary.not_found == []
    assert report.cells == expected.cells
    assert all(v.is_number and v.number == 0 for v in report.cells.values())
    assert result.findings == []
    assert result.summary.confidence == 1.0


def test_sample_metadata_headings_and_parts():
    report = import_report(SAMPLE_TXT).report
    expected = read_report(SEED_YAML)
    assert report.agency == "中韩示范区党政综合办公室"
    assert report.year == 2021
    assert report.issuer_kind == "部门"
    assert report.contact == expected.contact
    assert list(report.headings.items()) == list(expected.headings.items())
    assert report.headings["other"] == "6、 其他需要报告的事项"
    assert report.sections == expected.sections
    assert report.source == SAMPLE_TXT.name


def test_sample_import_cli_writes_report_file(run_cli, tmp_path):
    out = tmp_path / "2021.yaml"
    code, stdout, stderr = run_cli("import", SAMPLE_TXT, "-o", out)
    assert code == 0, stderr
    assert "读取单元格 200/200" in stderr
    again = read_report(out)
    assert again.cells == read_report(SEED_YAML).cells
    assert again.provenance["t3.new.total"]["kind"] == "text"


def test_sample_report_validates_like_the_seed(run_cli, tmp_path):
    from assistant.validate import validate

    imported = import_report(SAMPLE_TXT).report
    seed = read_report(SEED_YAML)
    assert sorted(f.code for f in validate(imported)) == sorted(f.code for f in validate(seed))
