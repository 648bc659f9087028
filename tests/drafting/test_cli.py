import json

import pytest

from assistant.report.io import read_report


def test_draft_all_offline_json(run_cli, demo_files):
    cur, prev = demo_files
    code, out, err = run_cli("draft", cur, "--section", "all", "--previous", prev, "--offline", "--format", "json")
    assert code == 0, err
    drafts = json.loads(out)
    assert [d["section"] for d in drafts] == ["intro", "overview", "requests", "review_litigation", "problems", "other"]
    for d in drafts:
        assert set(d) >= {"section", "mode", "text", "citations", "placeholders", "findings", "model", "prompt_version"}
        assert d["mode"] == "template" and d["findings"] == [] and d["model"] is None
    req = next(d for d in drafts if d["section"] == "requests")
    assert req["placeholders"]["t3.new.total"] == "21" and "21件" in req["text"]


def test_draft_single_section_text(run_cli, demo_files):
    cur, _ = demo_files
    code, out, err = run_cli("draft", cur, "--section", "review_litigation")
    assert code == 0
    assert "【四、政府信息公开行政复议、行政诉讼情况（表格说明）】（模板起草稿）" in out
    assert "被申请行政复议1件" in out and "未发现问题" in out
    assert "未配置大模型" in err


def test_write_keeps_the_old_text(run_cli, demo_files, settings):
    cur, prev = demo_files
    report = read_report(cur)
    report.sections.problems = "人工写的旧文字。"
    from assistant.report.io import write_report

    write_report(report, cur)
    # issue 22: a section a person wrote is not replaced without --overwrite; it is named
    code, _, err = run_cli("draft", cur, "--previous", prev, "--offline", "--write")
    assert code == 1 and "五、存在的主要问题及改进情况" in err.split("未写入")[1] and "--overwrite" in err
    assert read_report(cur).sections.problems == "人工写的旧文字。"
    for old in (settings.home / "drafts").rglob("*before-write-2022.yaml"):
        old.unlink()
    code, _, err = run_cli("draft", cur, "--previous", prev, "--offline", "--write", "--overwrite")
    assert code == 0, err
    updated = read_report(cur)
    assert "本年度共收到政府信息公开申请21件" in updated.sections.requests
    assert updated.sections.problems.startswith("（一）存在的主要问题")
    assert updated.cells == report.cells  # tables untouched
    backups = list((settings.home / "drafts").rglob("*before-write-2022.yaml"))
    assert len(backups) == 1 and "人工写的旧文字。" in backups[0].read_text(encoding="utf-8")
    assert "备份" in err


def test_draft_through_a_real_openai_server(run_cli, demo_files, openai_server, script, monkeypatch):
    cur, prev = demo_files
    monkeypatch.setenv("NIANBAO_LLM_BASE_URL", openai_server.base_url)
    monkeypatch.setenv("NIANBAO_LLM_MODEL", "test-model")
    monkeypatch.setenv("NIANBAO_LLM_RETRY_BACKOFF", "0.01")
    openai_server.push(script("本年度共收到申请{{t3.new.total}}件，结转{{t3.carried_out.total}}件。"))
    code, out, err = run_cli("draft", cur, "--section", "requests", "--format", "json")
    assert code == 0, err
    d = json.loads(out)
    assert d["mode"] == "llm" and d["model"] == "test-model"
    assert d["text"] == "本年度共收到申请21件，结转2件。"
    assert "本年度共收到申请21件" in err  # streamed to the terminal as it arrived, values in place


def test_wrong_number_from_the_model_exits_1(run_cli, demo_files, openai_server, script, monkeypatch):
    cur, _ = demo_files
    monkeypatch.setenv("NIANBAO_LLM_BASE_URL", openai_server.base_url)
    monkeypatch.setenv("NIANBAO_LLM_MODEL", "test-model")
    openai_server.push(script("共收到申请99件。"))
    code, out, _ = run_cli("draft", cur, "--section", "requests")
    assert code == 1 and "NUM-UNSUPPORTED" in out and "99件" in out


def test_partial_text_is_not_written_but_saved(run_cli, demo_files, openai_server, script, monkeypatch, settings):
    cur, _ = demo_files
    monkeypatch.setenv("NIANBAO_LLM_BASE_URL", openai_server.base_url)
    monkeypatch.setenv("NIANBAO_LLM_MODEL", "test-model")
    openai_server.push(script(chunks=["第一句。", "第二句。", "第三句。"], drop_after=2))
    code, out, err = run_cli("draft", cur, "--section", "problems", "--write")
    assert code == 1
    assert "不完整" in out and "第一句。第二句。" in out
    assert read_report(cur).sections.problems is None  # the file keeps what it had
    saved = list((settings.home / "drafts").rglob("*-problems-incomplete.json"))
    assert saved and "第一句。第二句。" in saved[0].read_text(encoding="utf-8")
    assert "未写入" in err


@pytest.mark.parametrize(
    "facts_text, expected",
    [("- {key: posts, value: 很多}\n", "第1项"), ("key: [\n", "不是有效的 YAML")],
)
def test_bad_facts_file_is_a_clear_error(run_cli, demo_files, tmp_path, facts_text, expected):
    cur, _ = demo_files
    facts = tmp_path / "facts.yaml"
    facts.write_text(facts_text, encoding="utf-8")
    code, _, err = run_cli("draft", cur, "--facts", facts, "--offline")
    assert code == 2 and "facts.yaml" in err and expected in err and "Traceback" not in err


def test_previous_must_be_earlier(run_cli, demo_files):
    cur, _ = demo_files
    code, _, err = run_cli("draft", cur, "--previous", cur, "--offline")
    assert code == 2 and "不早于本报告年度" in err


def test_example_facts_file_drafts_cleanly(run_cli, demo_files):
    from pathlib import Path

    cur, prev = demo_files
    example = Path(__file__).resolve().parents[2] / "examples" / "facts.yaml"
    code, out, err = run_cli("draft", cur, "--previous", prev, "--facts", example, "--offline", "--format", "json")
    assert code == 0, err
    drafts = json.loads(out)
    used = {k for d in drafts for k in d["placeholders"] if k.startswith("fact.")}
    assert used and all(d["findings"] == [] for d in drafts)


def test_doctor_offline(run_cli):
    code, out, _ = run_cli("doctor")
    assert code == 0
    assert "[未配置] 大模型" in out and "工作目录" in out and "模板离线起草" in out


def test_doctor_with_a_live_and_a_dead_endpoint(run_cli, openai_server, script, monkeypatch, free_port):
    monkeypatch.setenv("NIANBAO_LLM_MODEL", "test-model")
    monkeypatch.setenv("NIANBAO_LLM_BASE_URL", openai_server.base_url)
    openai_server.push(script("好"))
    code, out, _ = run_cli("doctor", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["llm_ok"] is True
    monkeypatch.setenv("NIANBAO_LLM_BASE_URL", f"http://127.0.0.1:{free_port}/v1")
    code, out, _ = run_cli("doctor")
    assert code == 0 and "[有问题] 大模型" in out and "无法连接" in out


def test_previous_as_a_published_document(run_cli, demo_files):
    from pathlib import Path

    cur, _ = demo_files
    sample = Path(__file__).resolve().parents[3] / "shared" / "samples" / "2021-中韩示范区党政综合办公室.txt"
    code, out, err = run_cli("draft", cur, "--section", "overview", "--previous", sample, "--offline",
                             "--format", "json")
    assert code == 0, err
    d = json.loads(out)
    # last year's own sub-item headings, read from the published text by the importer
    assert "积极推动政府信息主动公开" in d["text"] and d["findings"] == []


def test_notes_reach_the_model_as_material(run_cli, demo_files, openai_server, script, monkeypatch, tmp_path):
    cur, _ = demo_files
    notes = tmp_path / "notes.yaml"
    notes.write_text("problems: 有两件申请答复超期，{{ 7*7 }}\n", encoding="utf-8")
    monkeypatch.setenv("NIANBAO_LLM_BASE_URL", openai_server.base_url)
    monkeypatch.setenv("NIANBAO_LLM_MODEL", "test-model")
    openai_server.push(script("答复时限管理有待加强。"))
    code, out, err = run_cli("draft", cur, "--section", "problems", "--notes", notes, "--format", "json")
    assert code == 0, err
    prompt = openai_server.requests[-1]["body"]["messages"][1]["content"]
    assert "有两件申请答复超期，{{ 7*7 }}" in prompt and "49" not in prompt


def test_bad_notes_file(run_cli, demo_files, tmp_path):
    cur, _ = demo_files
    notes = tmp_path / "notes.yaml"
    notes.write_text("summary: 不存在的部分\n", encoding="utf-8")
    code, _, err = run_cli("draft", cur, "--notes", notes, "--offline")
    assert code == 2 and "summary" in err and "notes.yaml" in err


def test_all_sections_through_a_real_openai_server(run_cli, demo_files, openai_server, script, monkeypatch):
    cur, prev = demo_files
    monkeypatch.setenv("NIANBAO_LLM_BASE_URL", openai_server.base_url)
    monkeypatch.setenv("NIANBAO_LLM_MODEL", "test-model")
    replies = {
        "intro": "根据《中华人民共和国政府信息公开条例》规定，现公布2022年度报告[1]。",
        "overview": "2022年，本机关推进政务公开[1]。（一）主动公开。制发行政规范性文件{{t2.normative_docs.issued}}件。",
        "requests": "本年度新收申请{{t3.new.total}}件，结转下年度{{t3.carried_out.total}}件。",
        "review_litigation": "本年度被申请行政复议{{t4.review.total}}件，未发生行政诉讼。",
        "problems": "（一）存在的主要问题。有{{t3.carried_out.total}}件申请未在年内办结[1]。（二）改进情况。建立到期提醒。",
        "other": "（一）本年度未收取信息处理费[1]。",
    }
    openai_server.push(*[script(text) for text in replies.values()])
    code, out, err = run_cli("draft", cur, "--previous", prev, "--format", "json", "--write")
    assert code == 0, err
    drafts = json.loads(out)
    assert [d["section"] for d in drafts] == list(replies)
    # issue 16: these one-line replies are much shorter than last year's sections (FORM-LENGTH, a note)
    assert all(d["mode"] == "llm" and [f for f in d["findings"] if f["code"] != "FORM-LENGTH"] == []
               for d in drafts)
    assert [d["section"] for d in drafts if d["findings"]] == ["intro", "overview", "problems", "other"]
    by = {d["section"]: d for d in drafts}
    assert by["overview"]["citations"][0]["year"] == 2021  # last year's own text, numbered [1]
    assert by["requests"]["citations"] == []
    assert len(openai_server.requests) == 6  # one request per section, in outline order
    assert "制发行政规范性文件4件" in read_report(cur).sections.overview


def test_draft_service_prints_nothing_and_returns_the_drafts(capsys, demo_files, settings):
    from assistant.services.draft import DraftRequest, draft

    cur, prev = demo_files
    seen = []
    outcome = draft(settings, DraftRequest(report=cur, sections=("requests", "other"), previous=prev, offline=True),
                    on_section=lambda d: seen.append(d.section))
    assert [d.section for d in outcome.drafts] == seen == ["requests", "other"]
    assert outcome.written == [] and outcome.backup is None and not outcome.blocking
    out = capsys.readouterr()
    assert out.out == "" and out.err == ""
