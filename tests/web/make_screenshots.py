"""Screenshots of the office's pages for docs/ (run by hand: python tests/web/make_screenshots.py).

A temporary workspace with the demo agency, a 起草人 and a 审核人, last year's imported report
and this year's report with drafted suggestions; uvicorn on a loopback port; Debian's chromium.
"""

from __future__ import annotations

import re
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
SAMPLE = ROOT.parent / "shared" / "samples" / "2021-中韩示范区党政综合办公室.txt"
AGENCY = "中韩示范区党政综合办公室"
PASSWORD = "demo-password-2024"


def main() -> None:
    import uvicorn
    from playwright.sync_api import sync_playwright

    from assistant.ingest import import_report
    from assistant.report.cells import CellValue
    from assistant.services import workspace as ws
    from assistant.services import workspace_reports as reports
    from assistant.services import workspace_review as review
    from assistant.settings import Settings
    from assistant.web import create_app

    home = Path(tempfile.mkdtemp(prefix="nianbao-shots-"))
    settings = Settings(home=home)
    ws.init(settings, admin="管理员", password=PASSWORD, agency=AGENCY, issuer_kind="部门")
    ws.add_user(settings, "管理员", "李起草", roles=["起草人"], agencies=[AGENCY], password=PASSWORD)
    ws.add_user(settings, "管理员", "张审核", roles=["审核人"], agencies=[AGENCY], password=PASSWORD)
    last = import_report(SAMPLE).report
    reports.create(settings, "李起草", AGENCY, report=last, source="import")
    this = reports.create(settings, "李起草", AGENCY, 2022)
    reports.set_cells(settings, "李起草", str(this.id), {"t3.new.natural": CellValue.of(5), "t3.new.total": CellValue.of(4)})
    reports.edit_section(settings, "李起草", str(this.id), "overview", "2022年，本办认真贯彻落实《条例》。", base=1)
    review.suggest(settings, "李起草", str(this.id), "overview",
                   "2022年，本办认真贯彻落实《中华人民共和国政府信息公开条例》，主动公开政府信息。")

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    flags = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync"]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=flags)
        page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
        page.goto(base + "/")
        page.screenshot(path=str(DOCS / "screenshot-web-login.png"))
        page.fill("#name", "张审核")
        page.fill("#password", PASSWORD)
        page.click("#sign-in")
        page.wait_for_selector("#reports")
        page.screenshot(path=str(DOCS / "screenshot-web-dashboard.png"))
        page.goto(f"{base}/reports/{this.id}")
        page.screenshot(path=str(DOCS / "screenshot-web-report.png"), full_page=False)
        page.goto(f"{base}/reports/{this.id}/review")
        page.screenshot(path=str(DOCS / "screenshot-web-review.png"))
        browser.close()
    server.should_exit = True
    print("docs/screenshot-web-{login,dashboard,report,review}.png")


if __name__ == "__main__":
    sys.exit(main())
