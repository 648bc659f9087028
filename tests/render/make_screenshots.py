"""Regenerate docs/screenshot-html.png, screenshot-docx.png and screenshot-pdf.png (by hand, not a test).

    .venv/bin/python tests/render/make_screenshots.py [demo-out/2022.yaml demo-out/2021.yaml]

HTML: headless Chromium (playwright, /usr/bin/chromium). DOCX: LibreOffice -> PDF ->
pdftoppm. PDF: pdftoppm. With the demo's reports (after `make demo`) the Word and PDF pages
are those of the demo report (a 草稿: its text still holds 〔请填写…〕 notes); without them
the seed sample with a few figures filled in.
"""

from __future__ import annotations

import io
import subprocess
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from assistant.render import render  # noqa: E402
from assistant.report.cells import CellValue  # noqa: E402
from assistant.report.io import read_report  # noqa: E402

DOCS = ROOT / "docs"


def demo_report():
    report = read_report(ROOT / "tests" / "fixtures" / "sample-2021.yaml")
    for key, n in {"t2.normative_docs.issued": 3, "t2.normative_docs.in_force": 12, "t2.licensing.decisions": 41}.items():
        report.set(key, n)
    report.set("t2.fees.amount", Decimal("12.50"))
    report.set("t2.rules.issued", CellValue.na("/"))
    for row, natural, commercial in (("new", 9, 2), ("granted", 5, 1), ("unable.not_held", 3, 1), ("results_total", 8, 2),
                                     ("carried_out", 1, 0)):
        report.set(f"t3.{row}.natural", natural)
        report.set(f"t3.{row}.commercial", commercial)
        report.set(f"t3.{row}.total", natural + commercial)
    report.set("t4.review.upheld", 1)
    report.set("t4.review.total", 1)
    return report


def side_by_side(images: list[Image.Image], gap: int = 24) -> Image.Image:
    width = sum(i.width for i in images) + gap * (len(images) - 1)
    height = max(i.height for i in images)
    out = Image.new("RGB", (width, height), (230, 230, 230))
    x = 0
    for image in images:
        out.paste(image, (x, 0))
        x += image.width + gap
    return out


def html_shot(report, tmp: Path) -> None:
    from playwright.sync_api import sync_playwright

    page_file = tmp / "report.html"
    page_file.write_bytes(render(report, "html"))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 860, "height": 1200})
        page.goto(page_file.as_uri())
        top = Image.open(io.BytesIO(page.screenshot(full_page=True, clip={"x": 0, "y": 0, "width": 860, "height": 1250})))
        box = page.locator("section.part-requests").bounding_box()
        t3 = Image.open(io.BytesIO(page.screenshot(full_page=True, clip={"x": 0, "y": box["y"] - 10, "width": 860, "height": 1250})))
        browser.close()
    side_by_side([top, t3]).save(DOCS / "screenshot-html.png", optimize=True)


def docx_shot(report, tmp: Path, draft: bool = False) -> None:
    docx = tmp / "report.docx"
    docx.write_bytes(render(report, "docx", draft=draft))
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp}/lo", "--headless", "--convert-to", "pdf", "--outdir", str(tmp), str(docx)],
        check=True,
        capture_output=True,
    )
    pages_shot(tmp / "report.pdf", DOCS / "screenshot-docx.png")


def pages_shot(pdf: Path, target: Path, first: int = 1, count: int = 4) -> None:
    """Pages first..first+count-1 side by side: odd and even page numbers, a table across a page break."""
    prefix = pdf.with_name(pdf.stem + "-page")
    subprocess.run(["pdftoppm", "-r", "60", "-f", str(first), "-l", str(first + count - 1), "-png", str(pdf), str(prefix)],
                   check=True)
    pages = sorted(pdf.parent.glob(prefix.name + "-*.png"))
    side_by_side([Image.open(p).convert("RGB") for p in pages]).save(target, optimize=True)


def pdf_shot(report, tmp: Path, draft: bool, previous=None) -> None:
    pdf = tmp / "weasy.pdf"
    pdf.write_bytes(render(report, "pdf", draft=draft, previous=previous))
    pages_shot(pdf, DOCS / "screenshot-pdf.png")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        if len(sys.argv) > 1:  # the demo's report, a 草稿 while notes remain to be filled
            report, previous, draft = read_report(sys.argv[1]), read_report(sys.argv[2]), True
        else:
            report, previous, draft = demo_report(), None, False
        html_shot(demo_report(), Path(folder))
        docx_shot(report, Path(folder), draft)
        pdf_shot(report, Path(folder), draft, previous)
    print(f"已更新 {DOCS}/screenshot-html.png、screenshot-docx.png、screenshot-pdf.png")
