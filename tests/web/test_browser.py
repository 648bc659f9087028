"""The staff page in real headless Chromium against the real app on a loopback port."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest
import uvicorn

from assistant.web import create_app

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture
def server(settings):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "web server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def page(tmp_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser.new_page()
        browser.close()


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
