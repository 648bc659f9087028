"""Every hand-made fixture document imports to its expected report: cells, parts, metadata.

Deviating fixtures (run-together cells that cannot be split, a missing 总计 column,
（六）其他处理 printed as one row) must leave exactly those cells blank and say so.
"""

from __future__ import annotations

import pytest
from import_paths import IMPORT_FIXTURES

from assistant.ingest import import_report
from assistant.report.io import read_report

EXPECTED = sorted(IMPORT_FIXTURES.glob("*.expected.yaml"))


def _pair(path):
    expected = read_report(path)
    return IMPORT_FIXTURES / expected.source, expected


def test_fixture_set_covers_every_layout_and_both_formats():
    pairs = [_pair(p) for p in EXPECTED]
    suffixes = {src.suffix for src, _ in pairs}
    assert {".txt", ".md", ".html", ".docx"} <= suffixes
    assert {e.format.value for _, e in pairs} == {"2019", "2021"}
    texts = [src.read_text(encoding="utf-8") for src, _ in pairs if src.suffix in (".txt", ".md")]
    assert any("| 规章 |" in t for t in texts), "a pipe-table fixture"
    assert any("\t规章\n" in t for t in texts), "a one-cell-per-line fixture"
    assert any("规章\t" in t for t in texts), "a tab-row fixture"


@pytest.mark.parametrize("path", EXPECTED, ids=lambda p: p.name.replace(".expected.yaml", ""))
def test_fixture_imports_exactly(path):
    source, expected = _pair(path)
    result = import_report(source)
    report = result.report
    wrong = {k: (str(expected.cells[k]), str(report.cells[k])) for k in expected.cells if expected.cells[k] != report.cells[k]}
    assert wrong == {}
    for field in ("agency", "year", "format", "issuer_kind", "published", "contact"):
        assert getattr(report, field) == getattr(expected, field), field
    assert list(report.headings.items()) == list(expected.headings.items())
    assert report.sections == expected.sections
    # cells blank in the expected file were not printed: not found, never guessed
    missing = [k for k, v in expected.cells.items() if v.is_blank]
    assert sorted(result.summary.not_found) == sorted(missing)
    assert all(k in report.provenance for k in expected.cells if k not in missing)


@pytest.mark.parametrize("path", EXPECTED, ids=lambda p: p.name.replace(".expected.yaml", ""))
def test_deviations_are_reported_with_their_cells(path):
    source, expected = _pair(path)
    result = import_report(source)
    missing = {k for k, v in expected.cells.items() if v.is_blank}
    flagged = {c for f in result.findings if f.code == "IMPORT-DEVIATION" for c in f.cells}
    assert missing <= flagged
    if not missing:
        assert [f.code for f in result.findings] == []
        assert result.summary.confidence == 1.0
    else:
        assert result.summary.confidence < 1.0


def test_other_processing_printed_as_one_row_keeps_the_printed_numbers_in_the_finding():
    result = import_report(IMPORT_FIXTURES / "2023-某市住房和城乡建设局.docx")
    (finding,) = [f for f in result.findings if "其他处理" in f.message]
    assert finding.args["values"] == ["2", "1", "0", "0", "0", "0", "3"]
    assert all(result.report.cells[k].is_blank for k in finding.cells)
    assert "t3.other.no_correction.natural" in finding.cells


def test_missing_total_column_is_a_deviation_not_a_shift():
    result = import_report(IMPORT_FIXTURES / "2021-某县农业农村局-缺总计列.html")
    report = result.report
    assert report.cells["t3.new.natural"].as_int() == 5
    assert report.cells["t3.new.other_org"].as_int() == 0
    assert report.cells["t3.new.total"].is_blank
    assert any("总计" in f.message for f in result.findings)


def test_ambiguous_run_together_row_is_refused_and_the_rest_kept():
    result = import_report(IMPORT_FIXTURES / "2019-某镇人民政府-制表符.txt")
    report = result.report
    assert report.cells["t3.granted.natural"].is_blank
    assert report.cells["t3.new.natural"].as_int() == 12
    assert any("无法唯一地分开" in f.message for f in result.findings)
