"""Importing PDF reports end to end: every cell exact, against hand-made expected files."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.ingest import import_report
from assistant.report.io import read_report

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SAMPLE_PDF = ROOT.parent / "shared" / "samples" / "2023-洪泽区人民政府.pdf"
FIX = ROOT / "tests" / "fixtures" / "import" / "pdf"
ALL_PDFS = [SAMPLE_PDF, *sorted(FIX.glob("20*.pdf"))]


def expected_for(pdf: Path):
    return read_report(FIX / f"{pdf.stem}.expected.yaml")


@pytest.mark.parametrize("pdf", ALL_PDFS, ids=lambda p: p.stem)
def test_every_cell_exact(pdf):
    expected = expected_for(pdf)
    result = import_report(pdf)
    report = result.report
    wrong = {
        k: (report.cells[k].display(), v.display()) for k, v in expected.cells.items() if report.cells[k] != v
    }
    assert wrong == {}
    assert (report.agency, report.issuer_kind, report.year, report.format) == (
        expected.agency,
        expected.issuer_kind,
        expected.year,
        expected.format,
    )
    # every cell read has PDF provenance; nothing else was filled in
    read = {k for k, v in report.cells.items() if not v.is_blank}
    assert set(report.provenance) == read
    for key in read:
        prov = report.provenance[key]
        assert prov["kind"] == "pdf" and prov["page"] >= 1 and "bbox" in prov
    assert result.summary.cells_read == len(read)


def test_sample_metadata_and_parts():
    expected = expected_for(SAMPLE_PDF)
    report = import_report(SAMPLE_PDF).report
    assert report.headings == expected.headings
    assert report.contact.phone == expected.contact.phone
    assert report.contact.postcode == expected.contact.postcode
    assert "信息处理费0元" in report.sections.other.replace(" ", "")
    # the one-row （六）其他处理 is reported as a deviation, not forced into other.*
    assert all(report.cells[f"t3.other.other.{c}"].is_blank for c in ("natural", "total"))


def test_sample_table_cells_come_from_their_pages():
    report = import_report(SAMPLE_PDF).report
    assert report.provenance["t2.licensing.decisions"]["page"] == 2
    assert report.provenance["t2.fees.amount"]["page"] == 3
    assert report.provenance["t3.new.total"]["page"] == 3
    assert report.provenance["t3.results_total.total"]["page"] == 4
    assert report.provenance["t4.review.upheld"]["page"] == 4


def test_cli_import_pdf(run_cli, tmp_path):
    out = tmp_path / "洪泽区2023.yaml"
    code, stdout, stderr = run_cli("import", SAMPLE_PDF, "-o", out)
    assert code == 0, stderr
    assert read_report(out).cells == expected_for(SAMPLE_PDF).cells


@pytest.mark.parametrize(
    "name, words",
    [("扫描件.pdf", "没有文字层，可能是扫描件"), ("损坏.pdf", "已损坏"), ("加密.pdf", "设有密码")],
)
def test_cli_refuses_unusable_pdf(run_cli, tmp_path, name, words):
    out = tmp_path / "out.yaml"
    code, stdout, stderr = run_cli("import", FIX / name, "-o", out)
    assert code == 2
    assert words in stderr and name in stderr
    assert "Traceback" not in stderr + stdout
    assert not out.exists()
