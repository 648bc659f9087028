"""The 对话 page in real headless Chromium against uvicorn and a local OpenAI-protocol server:
ask for a draft of 总体情况 and see it stream, reload in the middle and see it go on (nothing
lost or repeated), the suggestion in the review list; a chat message with a script payload
stays text."""

from __future__ import annotations

import re

import pytest
from chat_model import DRAFT, SlowScript, drafting_fixtures, with_model
from office import XSS
from test_browser_office import sign_in


@pytest.fixture
def model():
    fixtures = drafting_fixtures()
    server = fixtures.OpenAIServer().start()
    yield server, fixtures.Script
    server.stop()


@pytest.fixture
def settings(settings, model):
    """Every part of the test (the office, the app) sees the model."""
    return with_model(settings, model[0])


def _answer(page):
    return page.locator("#chat .msg.assistant").last


def test_a_draft_streams_survives_a_reload_and_lands_in_the_review_list(office, server, page, model):
    openai, script = model
    openai.push(SlowScript(script, DRAFT, 0.35))  # 6 characters a piece: about 3 seconds in all
    sign_in(page, server, "drafter_a")
    page.goto(f"{server}/reports/{office['a']}")
    page.click("text=对话")
    page.fill("#chat-text", "起草总体情况，重点写政策解读和平台建设")
    page.click("#chat-send")
    page.wait_for_function(
        "() => { const m = [...document.querySelectorAll('#chat .msg.assistant')].pop();"
        " return m && m.querySelector('.text').textContent.includes('本机关认真'); }")
    seen = _answer(page).inner_text()
    assert DRAFT not in seen  # still being written
    page.reload()
    answer = _answer(page)
    assert answer.get_attribute("data-status") == "进行中"
    page.wait_for_selector("#chat .msg.assistant[data-status='完成']", timeout=20000)
    text = _answer(page).locator(".text").inner_text()
    assert text.count(DRAFT) == 1 and text.count("正在起草") == 1  # resumed, nothing repeated
    assert "已作为修改建议" in text
    page.locator("#chat .msg.assistant p.links a").last.click()  # the suggestion's link
    page.wait_for_url(re.compile(r"/review#s\d+$"))
    anchor = page.url.rsplit("#", 1)[1]
    assert "重点做好政策解读和平台建设工作" in page.inner_text(f"#{anchor}")  # in the character diff


def test_a_script_in_a_chat_message_stays_text(office, server, page, model):
    sign_in(page, server, "drafter_a")
    page.goto(f"{server}/reports/{office['a']}/chat")
    page.fill("#chat-text", "表三" + XSS)
    page.click("#chat-send")
    page.wait_for_selector("#chat .msg.assistant[data-status='完成']", timeout=20000)
    assert XSS in page.locator("#chat .msg.user").last.inner_text()  # shown as typed, not run
    page.reload()
    assert XSS in page.locator("#chat .msg.user").last.inner_text()
    assert page.evaluate("document.querySelectorAll('#chat script').length") == 0
