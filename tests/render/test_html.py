"""The HTML page: self-contained, parts in order, tables in place, values as recorded, inert text."""

from __future__ import annotations

import os
import re
from decimal import Decimal

import pytest
from lxml import html as lhtml
from render_gen import zero_report
from render_structure import golden, html_tables, spans

from assistant.errors import NianbaoError
from assistant.render import render
from assistant.report.cells import CellValue
from assistant.report.format import PART_HEADINGS
from assistant.report.io import read_report
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "sample-2021.yaml"
UPDATE = os.environ.get("NIANBAO_UPDATE_GOLDEN") == "1"


def page(report, **kw):
    return render(report, "html", **kw).decode("utf-8")


def test_title_intro_parts_in_order_with_tables_after_their_text():
    report = read_report(SAMPLE)
    doc = lhtml.fromstring(page(report))
    assert doc.findtext(".//title") == "中韩示范区党政综合办公室2021年政府信息公开工作年度报告"
    assert doc.xpath("string(//h1)") == report.title
    headings = [h.text_content() for h in doc.xpath("//h2")]
    assert headings == [report.headings[k] for k in PART_HEADINGS]  # as recorded, e.g. "6、 其他需要报告的事项"
    assert doc.xpath("string(//section[@class='part-intro']/p[1])") == report.sections.intro
    for key, table in (("active", "t2"), ("requests", "t3"), ("review_litigation", "t4")):
        section = doc.xpath(f"//section[@class='part-{key}']")[0]
        children = [el.tag for el in section]
        assert children[0] == "h2" and children[-1] == "table"
        assert section[-1].get("data-table") == table
    problems = doc.xpath("//section[@class='part-problems']/p")
    assert [p.text_content() for p in problems] == report.sections.problems.splitlines()
    assert problems[0].xpath("string(span[@class='sub'])") == "（一）存在的主要问题。"


def test_default_headings_when_none_recorded():
    doc = lhtml.fromstring(page(zero_report(2023)))
    assert [h.text_content() for h in doc.xpath("//h2")] == list(PART_HEADINGS.values())


def test_self_contained_no_external_resources():
    text = page(read_report(SAMPLE))
    doc = lhtml.fromstring(text)
    assert not doc.xpath("//script | //link | //iframe | //img[not(starts-with(@src, 'data:'))]")
    assert not re.search(r"(?i)(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", text)
    assert "@font-face" not in text and "url(" not in text
    assert "<style>" in text and "@page" in text


@pytest.mark.parametrize("year", [2021, 2020])
def test_table_structure_matches_golden(year):
    tables = html_tables(page(zero_report(year)))
    assert len(tables) == 3
    expected = golden(f"html-{year}", tables, UPDATE)
    assert tables == expected
    assert spans(tables) == spans(expected)


def test_blank_na_and_money_print_as_recorded():
    report = zero_report(2022)
    report.set("t2.fees.amount", Decimal("12.50"))
    report.set("t2.rules.issued", CellValue.na("/"))
    report.set("t2.rules.repealed", CellValue())  # blank: a warning, not blocking
    report.set("t2.licensing.decisions", CellValue.na("—"))
    doc = lhtml.fromstring(page(report))

    def cell(key):
        (td,) = doc.xpath(f"//td[@data-cell='{key}']")
        return td.text_content()

    assert cell("t2.fees.amount") == "12.50"
    assert cell("t2.rules.issued") == "/"
    assert cell("t2.rules.repealed") == ""
    assert cell("t2.licensing.decisions") == "—"
    assert cell("t2.rules.in_force") == "0"
    assert len(doc.xpath("//td[@data-cell]")) == len(report.cells)


def test_script_in_a_section_renders_inert():
    report = zero_report(2022)
    report.sections.overview = '<script>alert("x")</script><img src=x onerror=alert(1)>本年度工作。'
    report.agency = "某某局<b>粗体</b>"
    text = page(report)
    doc = lhtml.fromstring(text)
    assert not doc.xpath("//script") and not doc.xpath("//b") and not doc.xpath("//img")
    assert "&lt;script&gt;" in text
    assert '<script>alert("x")</script>' in doc.xpath("string(//section[@class='part-overview'])")


def test_final_refuses_inconsistent_report_and_lists_findings():
    report = zero_report(2022)
    report.set("t3.new.natural", 3)  # row total and balance no longer hold
    with pytest.raises(NianbaoError) as caught:
        render(report, "html")
    error = caught.value
    assert error.exit_code == 1
    assert "--draft" in error.message
    assert any("T3-ROW-TOTAL" in d for d in error.details)
    assert any("T3-BALANCE" in d for d in error.details)


def test_draft_renders_anyway_with_mark():
    report = zero_report(2022)
    report.set("t3.new.natural", 3)
    text = page(report, draft=True)
    doc = lhtml.fromstring(text)
    assert doc.xpath("string(//div[@class='draft-mark'])") == "草稿"
    assert "position: fixed" in text  # repeated on every printed page
    assert doc.xpath("string(//td[@data-cell='t3.new.natural'])") == "3"
    assert "草稿" not in page(zero_report(2022))


def test_compare_appendix_figures_and_chart():
    last, this = zero_report(2021), zero_report(2022)
    for key, a, b in (("natural", 4, 6), ("commercial", 0, 1)):
        for row in ("new", "granted", "results_total"):
            last.set(f"t3.{row}.{key}", a)
            this.set(f"t3.{row}.{key}", b)
    for row in ("new", "granted", "results_total"):
        last.set(f"t3.{row}.total", 4)
        this.set(f"t3.{row}.total", 7)
    last.set("t4.suit_direct.total", 0)
    this.set("t2.licensing.decisions", CellValue.na("/"))
    doc = lhtml.fromstring(page(this, previous=last))
    (appendix,) = doc.xpath("//section[@class='appendix']")
    assert appendix.xpath("string(h2)") == "附：2022年与2021年主要数据对比"
    rows = {tr[0].text_content(): [td.text_content() for td in tr[1:]] for tr in appendix.xpath(".//tr")[1:]}
    assert rows["本年新收政府信息公开申请"] == ["4", "7", "+3", "+75.0%"]
    assert rows["行政复议"] == ["0", "0", "0", "—"]
    assert rows["行政许可处理决定"] == ["0", "/", "无法比较", "—"]
    (img,) = appendix.xpath(".//img")
    assert img.get("src").startswith("data:image/png;base64,iVBOR")
