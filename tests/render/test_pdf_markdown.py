"""PDF (WeasyPrint, from the HTML) and Markdown outputs."""

from __future__ import annotations

import builtins
import io
from pathlib import Path

import pdfplumber
import pytest
from render_gen import zero_report

from assistant.errors import NianbaoError
from assistant.render import render
from assistant.report.io import read_report

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "sample-2021.yaml"


def pdf_text(data: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def test_pdf_has_text_tables_and_page_numbers():
    report = read_report(SAMPLE)
    pages = pdf_text(render(report, "pdf"))
    assert len(pages) >= 3
    compact = "".join("".join(p.split()) for p in pages)
    assert "中韩示范区党政综合办公室2021年政府信息" in compact  # real text, CJK fonts embedded
    assert "申请人情况" in compact and "未经复议直接起诉" in compact
    for number, text in enumerate(pages, start=1):
        assert f"— {number} —" in text
    assert "草稿" not in compact


def test_pdf_draft_mark_on_every_page():
    report = zero_report(2022)
    report.set("t3.new.total", 9)
    pages = pdf_text(render(report, "pdf", draft=True))
    assert pages and all("草稿" in text for text in pages)


def test_pdf_without_weasyprint_names_the_extra(monkeypatch):
    real_import = builtins.__import__

    def no_weasyprint(name, *args, **kwargs):
        if name == "weasyprint" or name.startswith("weasyprint."):
            raise ImportError("No module named 'weasyprint'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_weasyprint)
    with pytest.raises(NianbaoError) as caught:
        render(zero_report(2022), "pdf")
    assert caught.value.exit_code == 2
    assert "pip install 'nianbao[pdf]'" in caught.value.message


def test_markdown_readable_with_html_tables_and_escaped_text():
    report = read_report(SAMPLE)
    report.sections.active = "<script>alert(1)</script>本年度主动公开信息。"
    text = render(report, "md").decode("utf-8")
    assert text.startswith(f"# {report.title}\n")
    for heading in report.headings.values():
        assert f"\n## {heading}\n" in text
    assert text.count("<table") == 3 and 'rowspan="3" colspan="3"' in text
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert report.sections.problems.splitlines()[1] in text
    # tables follow their part's text
    assert text.index("## 二、") < text.index('data-table="t2"') < text.index("## 三、")


def test_unknown_format_is_unusable_input():
    with pytest.raises(NianbaoError) as caught:
        render(zero_report(2022), "odt")
    assert caught.value.exit_code == 2 and "odt" in caught.value.message


def test_compare_with_a_report_that_is_not_earlier():
    with pytest.raises(NianbaoError) as caught:
        render(zero_report(2022), "html", previous=zero_report(2022))
    assert caught.value.exit_code == 2 and "2022" in caught.value.message
