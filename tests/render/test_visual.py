"""Visual checks in a real headless Chromium: the page renders, and merged cells span on screen.

Structural, not pixel-by-pixel: the boxes of merged cells must cover the boxes of the
rows and columns they span; the PNG must exist and not be blank.
"""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from render_gen import zero_report

from assistant.render import render
from assistant.report.io import read_report

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "sample-2021.yaml"
CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def not_blank(png: bytes) -> bool:
    image = Image.open(io.BytesIO(png)).convert("L")
    low, high = image.getextrema()
    return high - low > 100  # black text on white paper


def test_chromium_cli_screenshot(tmp_path):
    page = tmp_path / "report.html"
    page.write_bytes(render(read_report(SAMPLE), "html", draft=True))
    shot = tmp_path / "shot.png"
    result = subprocess.run(
        [CHROMIUM, "--headless", *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={shot}",
         "--window-size=1000,1600", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    data = shot.read_bytes()
    assert Image.open(io.BytesIO(data)).size == (1000, 1600)
    assert not_blank(data)


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield instance
        instance.close()


BOXES = """() => {
  const box = (sel) => { const r = document.querySelector(sel).getBoundingClientRect();
                         return {x: r.x, y: r.y, w: r.width, h: r.height}; };
  const cell = (table, text) => [...document.querySelectorAll(`table.${table} th`)].find(e => e.textContent === text);
  const rect = (e) => { const r = e.getBoundingClientRect(); return {x: r.x, y: r.y, w: r.width, h: r.height}; };
  const rows = (table) => [...document.querySelectorAll(`table.${table} tr`)].map(tr => rect(tr));
  const scripts = document.querySelectorAll('script').length;
  return {
    note: rect(document.querySelector('table.t3 th')),
    applicants: rect(cell('t3', '申请人情况')),
    legal: rect(cell('t3', '法人或其他组织')),
    natural: rect(cell('t3', '自然人')),
    results: rect(cell('t3', '三、本年度办理结果')),
    t3rows: rows('t3'),
    t3cells: [...document.querySelectorAll('table.t3 tr')[2].children].map(rect),
    review: rect(cell('t4', '行政复议')),
    suits: rect(cell('t4', '行政诉讼')),
    t4data: [...document.querySelectorAll('table.t4 td')].map(rect),
    scripts,
    alerted: window.__alerted === true,
  };
}"""


@pytest.mark.parametrize("year,result_rows", [(2021, 22), (2020, 20)])
def test_merged_cells_span_on_screen(browser, tmp_path, year, result_rows):
    report = zero_report(year)
    report.sections.other = '<script>window.__alerted = true</script><img src=x onerror="window.__alerted=true">无。'
    path = tmp_path / "report.html"
    path.write_bytes(render(report, "html"))
    page = browser.new_page(viewport={"width": 1100, "height": 1400})
    page.goto(path.as_uri())
    b = page.evaluate(BOXES)
    rows = b["t3rows"]
    close = lambda a, c: abs(a - c) <= 2  # noqa: E731 - pixel rounding
    # 3×3 note cell: as tall as the three header rows, left of 申请人情况
    assert close(b["note"]["h"], rows[2]["y"] + rows[2]["h"] - rows[0]["y"])
    assert close(b["note"]["x"] + b["note"]["w"], b["applicants"]["x"])
    # 申请人情况 over 自然人 + the five 法人 columns + 总计; 法人或其他组织 over its five
    five = b["t3cells"]
    assert close(b["legal"]["w"], five[-1]["x"] + five[-1]["w"] - five[0]["x"])
    assert b["applicants"]["w"] > b["legal"]["w"] + b["natural"]["w"]
    # 三、本年度办理结果 spans its result rows
    first = 5
    last = first + result_rows - 1
    assert close(b["results"]["y"], rows[first]["y"])
    assert close(b["results"]["h"], rows[last]["y"] + rows[last]["h"] - rows[first]["y"])
    # 表四: 行政诉讼 twice as wide as 行政复议, fifteen figures in one row
    assert close(b["suits"]["w"], 2 * b["review"]["w"])
    assert len(b["t4data"]) == 15 and len({round(d["y"]) for d in b["t4data"]}) == 1
    # the script in the section text stayed text
    assert b["scripts"] == 0 and not b["alerted"]
    assert "window.__alerted = true" in page.inner_text("section.part-other")
    assert not_blank(page.screenshot(full_page=True))
    page.close()
