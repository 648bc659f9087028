"""Web tests: helper modules importable (importlib mode); a live server and headless Chromium."""

from __future__ import annotations

import socket
import sys
import threading
import time
from pathlib import Path

import pytest
import uvicorn

HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:
    sys.path.insert(0, HERE)


# -- a real server on a loopback port and real headless Chromium (Debian's chromium) --------

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


@pytest.fixture
def server(settings):
    from assistant.web import create_app

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
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    yield context.new_page()
    context.close()


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


# -- an office in the workspace: two agencies, their people, a report each --------------------

from office import PASSWORD, XSS  # noqa: E402


@pytest.fixture
def office(settings):
    """甲: drafter_a (起草人), reviewer_a (审核人), admin_a (管理员); 乙: drafter_b. A 2024 report each,
    a section text and a pending suggestion in 甲's."""
    from assistant.services import workspace as ws
    from assistant.services import workspace_reports as reports
    from assistant.services import workspace_review as review

    ws.init(settings, admin="admin_a", password=PASSWORD, agency="甲区人民政府")
    ws.add_user(settings, "admin_a", "drafter_a", roles=["起草人"], agencies=["甲区人民政府"], password=PASSWORD)
    ws.add_user(settings, "admin_a", "reviewer_a", roles=["审核人"], agencies=["甲区人民政府"], password=PASSWORD)
    ws.add_agency(settings, "admin_a", "乙县" + XSS, issuer_kind="人民政府")
    ws.add_user(settings, "admin_a", "drafter_b", roles=["起草人", "审核人"], agencies=["乙县" + XSS], password=PASSWORD)
    ws.set_roles(settings, "admin_a", "admin_a", leave=["乙县" + XSS])
    a = reports.create(settings, "drafter_a", "甲区人民政府", 2024)
    b = reports.create(settings, "drafter_b", "乙县" + XSS, 2024)
    reports.edit_section(settings, "drafter_a", str(a.id), "overview", "本机关认真贯彻《条例》。" + XSS, base=1)
    sug = review.suggest(settings, "drafter_a", str(a.id), "overview", "本机关全面贯彻《条例》，主动公开政府信息。")
    yield {"settings": settings, "a": a.id, "b": b.id, "suggestion": sug.id}
    ws.close_stores()
