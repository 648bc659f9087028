"""The staff page in real headless Chromium against the real app on a loopback port."""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_staff_page_validates_an_uploaded_report(server, page):
    page.goto(server + "/tools")
    assert page.title() == "年报助手"
    page.set_input_files("#report-file", str(FIXTURES / "sample-2021.yaml"))
    page.click("#validate")
    page.wait_for_selector("#findings:not([hidden])")
    codes = page.locator("#findings tbody tr td:nth-child(2)").all_inner_texts()
    assert sorted(codes) == ["S-FEE-REPORT", "S-NUMBERING", "S-NUMBERING"]
    assert "警告 1 项" in page.inner_text("#status")


def test_staff_page_shows_the_readers_error_for_a_bad_file(server, page, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("agency: 某局\nissuer_kind: 部门\nyear: 2024\nformat: '2021'\ncells:\n  t3.new.totl: 1\n", encoding="utf-8")
    page.goto(server + "/tools")
    page.set_input_files("#report-file", str(bad))
    page.click("#validate")
    page.wait_for_function("document.querySelector('#status').textContent.includes('第6行')")
    text = page.inner_text("#status")
    assert "bad.yaml" in text and "t3.new.totl" in text and "t3.new.total" in text
