"""Round trip: a random consistent report, printed in each layout, imports to the same cells."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from layouts import Style, docx_file, html_page, text_cells, text_pipe, text_tabs

from assistant.ingest import import_report
from assistant.report.cells import CellValue
from assistant.report.format import T3_APPLICANT_COLUMNS, FormatVersion, cell_specs, t3_result_rows
from assistant.report.model import Contact, blank_report

COUNT = st.integers(min_value=0, max_value=3000)
SMALL = st.integers(min_value=0, max_value=40)


@st.composite
def reports(draw, version: FormatVersion):
    year = draw(st.integers(2019, 2020)) if version is FormatVersion.V2019 else draw(st.integers(2021, 2025))
    agency = draw(st.sampled_from(["某市教育局", "某县人民政府", "某区财政局", "某某管委会"]))
    kind = "人民政府" if agency.endswith(("人民政府", "管委会")) else "部门"
    r = blank_report(year, agency, kind)
    r.contact = Contact(address="某市某路1号", phone="0512-12345678", postcode="215000")
    r.published = dt.date(year + 1, 1, draw(st.integers(1, 28)))
    for key, spec in cell_specs(version).items():
        if spec.table != "t2":
            continue
        if draw(st.integers(0, 9)) == 0:
            r.set(key, CellValue.na(draw(st.sampled_from(["/", "—", "无"]))))
        elif spec.kind == "money":
            r.set(key, Decimal(draw(st.integers(0, 10**6))) / Decimal(draw(st.sampled_from([1, 10, 100]))))
        elif spec.kind == "signed":
            r.set(key, draw(st.integers(-50, 50)))
        else:
            r.set(key, draw(COUNT))
    results = [row.key for row in t3_result_rows(version)]
    for col in T3_APPLICANT_COLUMNS:
        sparse = col != "natural"
        values = {k: (draw(st.integers(0, 3)) if sparse else draw(SMALL)) for k in results}
        carried_in = draw(st.integers(0, 5))
        carried_out = draw(st.integers(0, 5))
        total = sum(values.values())
        new = max(total + carried_out - carried_in, 0)
        carried_out = new + carried_in - total
        for k, v in values.items():
            r.set(f"t3.{k}.{col}", v)
        r.set(f"t3.results_total.{col}", total)
        r.set(f"t3.new.{col}", new)
        r.set(f"t3.carried_in.{col}", carried_in)
        r.set(f"t3.carried_out.{col}", carried_out)
    for row in {k.split(".")[1] if k.count(".") == 2 else ".".join(k.split(".")[1:3]) for k in r.cells if k.startswith("t3.")}:
        r.set(f"t3.{row}.total", sum(r.number(f"t3.{row}.{c}") for c in T3_APPLICANT_COLUMNS))
    for block in ("review", "suit_direct", "suit_after_review"):
        parts = [draw(st.integers(0, 9)) for _ in range(4)]
        for col, v in zip(("upheld", "corrected", "other", "pending"), parts):
            r.set(f"t4.{block}.{col}", v)
        r.set(f"t4.{block}.total", sum(parts))
    return r


STYLES = st.builds(
    Style,
    fullwidth=st.booleans(),
    thousands=st.booleans(),
    split_labels=st.booleans(),
    pad=st.booleans(),
    chrome=st.booleans(),
    t4_by_block=st.booleans(),
)
LAYOUTS = ["text", "pipe", "tabs", "html", "docx"]


def render(report, layout: str, style: Style, folder) -> object:
    name = f"{report.year}-{report.agency}"
    if layout == "docx":
        return docx_file(report, folder / f"{name}.docx", style)
    if layout == "html":
        path = folder / f"{name}.html"
        path.write_text(html_page(report, style), encoding="utf-8")
        return path
    writer = {"text": text_cells, "pipe": text_pipe, "tabs": text_tabs}[layout]
    path = folder / f"{name}.txt"
    path.write_text(writer(report, style), encoding="utf-8")
    return path


def check(report, layout, style, tmp_path_factory):
    path = render(report, layout, style, tmp_path_factory.mktemp(layout))
    result = import_report(path)
    got = result.report
    wrong = {k: (report.cells[k].display(), got.cells[k].display()) for k in report.cells if report.cells[k] != got.cells[k]}
    assert wrong == {}
    assert result.summary.not_found == []
    assert (got.agency, got.year, got.format, got.issuer_kind) == (report.agency, report.year, report.format, report.issuer_kind)
    assert got.published == report.published
    assert set(got.provenance) == set(report.cells)


SETTINGS = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@SETTINGS
@given(report=reports(FormatVersion.V2021), layout=st.sampled_from(LAYOUTS), style=STYLES)
def test_roundtrip_2021(report, layout, style, tmp_path_factory):
    check(report, layout, style, tmp_path_factory)


@SETTINGS
@given(report=reports(FormatVersion.V2019), layout=st.sampled_from(LAYOUTS), style=STYLES)
def test_roundtrip_2019(report, layout, style, tmp_path_factory):
    check(report, layout, style, tmp_path_factory)
