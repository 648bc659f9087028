"""The drafting tests' local OpenAI-protocol server (tests/drafting/conftest.py), reused by the
chat tests, and a reply streamed slowly enough to reload a page in the middle of it."""

from __future__ import annotations

import importlib.util
import time
from pathlib import Path

DRAFT = "本机关认真贯彻落实《中华人民共和国政府信息公开条例》，重点做好政策解读和平台建设工作。"


def drafting_fixtures():
    path = Path(__file__).resolve().parents[1] / "drafting" / "conftest.py"
    spec = importlib.util.spec_from_file_location("drafting_conftest_for_chat", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class SlowScript:
    """A scripted reply streamed piece by piece with a pause before each piece."""

    def __init__(self, base, text: str, pause: float):
        self.script = base(text)
        self.pause = pause

    def __getattr__(self, name):
        return getattr(self.script, name)

    def pieces(self):
        for piece in self.script.pieces():
            time.sleep(self.pause)
            yield piece


def with_model(settings, server):
    return settings.model_copy(update={
        "llm_base_url": server.base_url, "llm_model": "test-model", "llm_api_key": "k",
        "llm_timeout": 10.0, "llm_max_retries": 1, "llm_retry_backoff": 0.01,
    })
