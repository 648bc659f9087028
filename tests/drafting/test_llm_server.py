"""The real ChatOpenAI client against a real OpenAI-protocol HTTP server on 127.0.0.1."""

import json
from pathlib import Path

import pytest

from assistant.drafting import Drafter
from assistant.drafting.llm import ChatClient, LLMUnavailable, chat_model
from assistant.drafting.store import DraftStore

REPLY = "本年度共收到政府信息公开申请{{t3.new.total}}件，上年结转{{t3.carried_in.total}}件。"
SUBSTITUTED = "本年度共收到政府信息公开申请21件，上年结转0件。"


def test_streaming_reply_reaches_the_terminal_and_the_draft(llm_settings, openai_server, script, demo_report):
    openai_server.push(script(REPLY))
    tokens = []
    drafter = Drafter(demo_report, chat=ChatClient.from_settings(llm_settings),
                      on_token=lambda sec, piece: tokens.append((sec, piece)))
    d = drafter.draft("requests")
    assert d.mode == "llm" and d.complete and d.text == SUBSTITUTED and d.findings == []
    assert d.model == "test-model"
    # streamed to the terminal with values in place of placeholders, even when split across chunks
    assert len(tokens) > 1 and "".join(p for _, p in tokens) == SUBSTITUTED
    body = openai_server.requests[-1]["body"]
    assert body["stream"] is True and body["model"] == "test-model"
    assert body["messages"][0]["role"] == "system" and "{{t3.new.total}} = 21" in body["messages"][1]["content"]


def test_non_streaming_client_works_too(llm_settings, openai_server, script):
    openai_server.push(script("好的，已收到。"))
    gen = ChatClient(chat_model(llm_settings, streaming=False), name="m", max_retries=0).generate("s", "u")
    assert gen.text == "好的，已收到。" and gen.complete
    assert openai_server.requests[-1]["body"].get("stream") in (None, False)


@pytest.mark.parametrize("status", [429, 500, 503])
def test_retries_before_the_first_token(llm_settings, openai_server, script, status):
    openai_server.push(script(status=status), script(status=status), script("第三次成功。"))
    gen = ChatClient.from_settings(llm_settings).generate("s", "u")
    assert gen.text == "第三次成功。" and gen.attempts == 3
    assert len(openai_server.requests) == 3


def test_gives_up_after_max_retries_and_falls_back_to_template(llm_settings, openai_server, script, demo_report):
    openai_server.push(*[script(status=500) for _ in range(3)])
    notices = []
    drafter = Drafter(demo_report, chat=ChatClient.from_settings(llm_settings), notify=notices.append)
    d = drafter.draft("requests")
    assert len(openai_server.requests) == 3  # 1 + llm_max_retries
    assert d.mode == "template" and "21件" in d.text and "HTTP 500" in d.notice
    assert notices and "模板" in notices[0]
    # the remaining sections do not knock on a dead endpoint again
    later = drafter.draft("other")
    assert later.mode == "template" and len(openai_server.requests) == 3 and "HTTP 500" in later.notice


def test_client_errors_are_not_retried(llm_settings, openai_server, script):
    openai_server.push(script(status=401))
    with pytest.raises(LLMUnavailable) as err:
        ChatClient.from_settings(llm_settings).generate("s", "u")
    assert "NIANBAO_LLM_API_KEY" in err.value.reason and len(openai_server.requests) == 1


def test_dropped_connection_mid_stream_keeps_the_partial_text(llm_settings, openai_server, script, demo_report):
    openai_server.push(script(REPLY, chunks=["本年度共收到", "政府信息公开申请", "{{t3.new.total}}件，", "上年结转"],
                              drop_after=3))
    store = DraftStore(llm_settings, demo_report)
    d = Drafter(demo_report, chat=ChatClient.from_settings(llm_settings), store=store).draft("requests")
    assert d.mode == "llm" and not d.complete
    assert d.text == "本年度共收到政府信息公开申请21件，"
    assert d.findings[0].code == "DRAFT-INCOMPLETE"
    assert len(openai_server.requests) == 1  # no retry after the first token: that would lose or repeat text
    saved = list(store.dir.glob("*-requests-incomplete.json"))
    assert len(saved) == 1
    data = json.loads(saved[0].read_text(encoding="utf-8"))
    assert data["text"] == d.text and data["complete"] is False


def test_malformed_chunk_mid_stream_is_reported_not_lost(llm_settings, openai_server, script):
    openai_server.push(script(chunks=["第一段。", "第二段。", "第三段。"], malformed_at=2))
    gen = ChatClient.from_settings(llm_settings).generate("s", "u")
    assert gen.text == "第一段。第二段。" and not gen.complete and gen.error


def test_truncated_by_length_is_incomplete(llm_settings, openai_server, script):
    openai_server.push(script("写到一半", finish_reason="length"))
    gen = ChatClient.from_settings(llm_settings).generate("s", "u")
    assert gen.text == "写到一半" and not gen.complete and "长度" in gen.error


def test_slow_server_times_out_then_retry_succeeds(llm_settings, openai_server, script):
    cfg = llm_settings.model_copy(update={"llm_timeout": 0.3})
    openai_server.push(script("太慢了。", delay=1.0), script("这次及时。"))
    gen = ChatClient.from_settings(cfg).generate("s", "u")
    assert gen.text == "这次及时。" and gen.attempts == 2


def test_unreachable_endpoint_falls_back(settings, free_port, demo_report):
    cfg = settings.model_copy(update={"llm_base_url": f"http://127.0.0.1:{free_port}/v1", "llm_model": "m",
                                      "llm_max_retries": 1, "llm_retry_backoff": 0.01})
    notices = []
    d = Drafter(demo_report, chat=ChatClient.from_settings(cfg), notify=notices.append).draft("requests")
    assert d.mode == "template" and "无法连接" in d.notice and "无法连接" in notices[0]


def test_no_token_counting_or_downloads(llm_settings, openai_server, script, monkeypatch, demo_report):
    import tiktoken

    def forbidden(*args, **kwargs):
        raise AssertionError("tiktoken must not be used")

    monkeypatch.setattr(tiktoken, "get_encoding", forbidden)
    monkeypatch.setattr(tiktoken, "encoding_for_model", forbidden)
    openai_server.push(script(REPLY))
    d = Drafter(demo_report, chat=ChatClient.from_settings(llm_settings)).draft("requests")
    assert d.text == SUBSTITUTED


def test_no_traces_leave_the_machine(openai_server, script, tmp_path):
    """LangSmith tracing switched on in the environment and pointed at our server: nothing
    but the chat request may arrive. A fresh interpreter, because langsmith caches its settings."""
    import os
    import subprocess
    import sys

    code = (
        "from assistant.settings import Settings\n"
        "from assistant.drafting.llm import ChatClient\n"
        f"cfg = Settings(home={str(tmp_path)!r}, llm_base_url={openai_server.base_url!r}, llm_model='m')\n"
        "print(ChatClient.from_settings(cfg).generate('s', 'u').text)\n"
        "from langchain_core.tracers.langchain import wait_for_all_tracers\n"
        "wait_for_all_tracers()\n"
    )
    env = dict(os.environ, LANGSMITH_TRACING="true", LANGCHAIN_TRACING_V2="true", LANGSMITH_API_KEY="test",
               LANGSMITH_ENDPOINT=openai_server.base_url.removesuffix("/v1"))
    openai_server.push(script("好的。"))
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120,
                          cwd=Path(__file__).resolve().parents[2])
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "好的。"
    assert [r["path"] for r in openai_server.requests] == ["/v1/chat/completions"]
