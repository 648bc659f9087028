"""Issue 16: a model's draft with findings is asked for once more, with the findings in plain Chinese."""

import json

from langchain_core.messages import AIMessage

from assistant.drafting import Drafter
from assistant.drafting.llm import ChatClient
from tests.drafting.conftest import FakeChat


def client(*replies):
    return ChatClient(FakeChat(messages=iter([AIMessage(content=r) for r in replies])), name="fake",
                      max_retries=0, backoff=0)


def asking_again(demo_files, openai_server, monkeypatch):
    monkeypatch.setenv("NIANBAO_LLM_BASE_URL", openai_server.base_url)
    monkeypatch.setenv("NIANBAO_LLM_MODEL", "test-model")
    monkeypatch.setenv("NIANBAO_LLM_ASK_AGAIN", "1")
    return demo_files[0]


def test_a_draft_with_findings_is_asked_again_and_keeps_both_attempts_findings(demo_report):
    notices = []
    d = Drafter(demo_report, chat=client("**本年度**共收到政府信息公开申请19件。\n1. 表四「行政复议」「总计」：1\n"
                                         "2. 表四「行政诉讼」「总计」：0",
                                         "本年度共收到政府信息公开申请{{t3.new.total}}件。"),
                ask_again=True, notify=notices.append).draft("requests")
    assert d.text == "本年度共收到政府信息公开申请21件。" and d.findings == []
    assert [f.code for f in d.earlier_findings] == ["NUM-CONCEPT", "FORM-DATA-BLOCK"]
    assert "重写一次" in d.notice and d.to_json()["earlier_findings"][0]["code"] == "NUM-CONCEPT"
    assert any("2 处问题" in n for n in notices)


def test_a_clean_draft_or_one_the_model_cannot_mend_is_not_asked_again(demo_report):
    # one reply only: a second request would fail the fake
    clean = Drafter(demo_report, chat=client("本年度共收到政府信息公开申请{{t3.new.total}}件。"), ask_again=True)
    assert clean.draft("requests").earlier_findings == []
    claim = Drafter(demo_report, chat=client("本年度纳入绩效考核。"), ask_again=True).draft("overview")
    assert [f.code for f in claim.findings] == ["DRAFT-CLAIM"] and claim.earlier_findings == []


def test_the_second_request_tells_the_findings_through_a_real_server(run_cli, demo_files, openai_server, script,
                                                                      monkeypatch):
    cur = asking_again(demo_files, openai_server, monkeypatch)
    openai_server.push(script("统计期限自2021年1月1日起至2021年12月31日止。共收到政府信息公开申请19件。"),
                       script("本年度共收到政府信息公开申请{{t3.new.total}}件。"))
    code, out, err = run_cli("draft", cur, "--section", "requests", "--format", "json")
    assert code == 0, err
    d = json.loads(out)
    assert d["text"] == "本年度共收到政府信息公开申请21件。" and d["findings"] == []
    assert sorted(f["code"] for f in d["earlier_findings"]) == ["NUM-CONCEPT", "NUM-YEAR"]
    assert len(openai_server.requests) == 2
    asked = openai_server.requests[1]["body"]["messages"][1]["content"]
    assert "{{t3.new.total}}" in asked and "应为 21" in asked and "2022年1月1日至2022年12月31日" in asked
    assert "共收到政府信息公开申请19件" in asked  # the first draft, fenced as material


def test_a_draft_cut_at_the_output_limit_is_continued_up_to_a_limit(run_cli, demo_files, openai_server, script,
                                                                     monkeypatch):
    cur = asking_again(demo_files, openai_server, monkeypatch)
    openai_server.push(script("本年度共收到政府信息公开申请{{t3.new.total}}件，", finish_reason="length"),
                       script("结转下年度继续办理{{t3.carried_out.total}}件。"))
    code, out, err = run_cli("draft", cur, "--section", "requests", "--format", "json")
    assert code == 0, err
    d = json.loads(out)
    assert d["complete"] and d["text"] == "本年度共收到政府信息公开申请21件，结转下年度继续办理2件。"
    assert "接着写" in err and len(openai_server.requests) == 2
    assert "本年度共收到政府信息公开申请{{t3.new.total}}件，" in openai_server.requests[1]["body"]["messages"][1]["content"]
    # always cut: two continuations, then the fragment is delivered as incomplete
    openai_server.push(*[script("公开。", finish_reason="length") for _ in range(3)])
    code, out, err = run_cli("draft", cur, "--section", "requests", "--format", "json")
    d = json.loads(out)
    assert not d["complete"] and d["text"] == "公开。公开。公开。" and len(openai_server.requests) == 5
    assert d["findings"][0]["code"] == "DRAFT-INCOMPLETE"
