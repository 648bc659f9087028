"""Round trip: render to HTML, DOCX and PDF, import back, get identical cells and section text.

Uses the importer (`assistant.ingest.import_report`) on files written by the renderer;
random consistent reports come from render_gen (both format versions, blanks, "/",
money with decimals, text with <, > and &).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from render_gen import cell_texts, reports, section_lines

from assistant.render import render
from assistant.report.format import SECTION_KEYS
from assistant.report.io import read_report

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "sample-2021.yaml"
FORMATS = ("html", "docx", "pdf")


def round_trip(report, fmt: str, folder: Path):
    from assistant.ingest import import_report

    path = folder / f"report.{fmt}"  # a neutral name: year and agency must come from the page
    path.write_bytes(render(report, fmt))
    return import_report(path).report


def assert_same(original, imported, fmt: str) -> None:
    assert imported.year == original.year, fmt
    assert imported.format == original.format, fmt
    assert imported.agency == original.agency, fmt
    expected, got = cell_texts(original), cell_texts(imported)
    wrong = {k: (expected[k], got.get(k)) for k in expected if got.get(k) != expected[k]}
    assert not wrong, f"{fmt}: {len(wrong)} cells differ, e.g. {dict(list(wrong.items())[:5])}"
    for key in SECTION_KEYS:
        got_lines, want_lines = section_lines(imported.sections.text(key)), section_lines(original.sections.text(key))
        if fmt == "pdf":  # PDF text carries no reliable spaces between CJK glyphs: compare without them
            got_lines, want_lines = ["".join(x.split()) for x in got_lines], ["".join(x.split()) for x in want_lines]
        assert got_lines == want_lines, (fmt, key)


@pytest.mark.parametrize("fmt", FORMATS)
def test_sample_round_trip(fmt, tmp_path):
    original = read_report(SAMPLE)
    imported = round_trip(original, fmt, tmp_path)
    assert_same(original, imported, fmt)
    squeeze = lambda d: {k: "".join(v.split()) for k, v in d.items()}  # noqa: E731
    assert squeeze(imported.headings) == squeeze(original.headings)  # printed as recorded, read back as printed


@pytest.mark.parametrize("fmt", ("html", "docx"))
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(report=reports())
def test_random_reports_round_trip(fmt, report, tmp_path_factory):
    assert_same(report, round_trip(report, fmt, tmp_path_factory.mktemp(fmt)), fmt)


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(report=reports())
def test_random_reports_round_trip_pdf(report, tmp_path_factory):
    assert_same(report, round_trip(report, "pdf", tmp_path_factory.mktemp("pdf")), "pdf")
