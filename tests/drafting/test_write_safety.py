"""Issue 15 item 1 and issue 22 item 3: what `draft --write` refuses, what it records, and what
`validate` re-checks afterwards in a file edited by hand."""

import json

from assistant.report.io import read_report, write_report


def _llm(monkeypatch, server):
    monkeypatch.setenv("NIANBAO_LLM_BASE_URL", server.base_url)
    monkeypatch.setenv("NIANBAO_LLM_MODEL", "test-model")
    monkeypatch.setenv("NIANBAO_LLM_RETRY_BACKOFF", "0.01")


def _findings(run_cli, path, *extra):
    code, out, _ = run_cli("validate", path, "--format", "json", *extra)
    payload = json.loads(out)
    return code, payload["findings"] if isinstance(payload, dict) else payload


def test_write_refuses_a_flagged_draft_unless_accepted_and_logs_who(run_cli, demo_files, openai_server, script,
                                                                     monkeypatch):
    cur, _ = demo_files
    _llm(monkeypatch, openai_server)
    reply = "（一）信息处理费收取情况。本年度共收取信息处理费999万元。"
    openai_server.push(script(reply))
    code, out, err = run_cli("draft", cur, "--section", "other", "--write")
    assert code == 1 and "NUM-UNSUPPORTED" in out and "--accept-flagged" in err
    assert not read_report(cur).sections.other  # nothing written

    openai_server.push(script(reply))
    code, _, err = run_cli("draft", cur, "--section", "other", "--write", "--accept-flagged")
    report = read_report(cur)
    assert "999万元" in report.sections.other
    accepted = report.provenance["sections.other"]["accepted_flagged"]
    assert "NUM-UNSUPPORTED" in accepted["codes"] and accepted["by"]
    # the number a person accepted is 「entered by a person」: validate does not flag it again
    _, findings = _findings(run_cli, cur)
    assert not [f for f in findings if f["code"] == "N-NUMBER-SUPPORT"]


def test_validate_rechecks_every_number_of_a_hand_edited_section(run_cli, demo_files):
    cur, prev = demo_files
    code, _, err = run_cli("draft", cur, "--previous", prev, "--offline", "--write")
    assert code == 0, err
    _, before = _findings(run_cli, cur, "--previous", prev)
    assert not [f for f in before if f["code"] in ("N-NUMBER-SUPPORT", "N-CLAIM")]
    report = read_report(cur)
    report.sections.other += "\n门户网站发布信息999条。将政务公开工作纳入绩效考核。"
    write_report(report, cur)
    code, after = _findings(run_cli, cur, "--previous", prev)
    assert code == 1
    unsupported = [f for f in after if f["code"] == "N-NUMBER-SUPPORT"]
    assert len(unsupported) == 1 and "999条" in unsupported[0]["message"]
    claims = [f for f in after if f["code"] == "N-CLAIM"]
    assert len(claims) == 1 and "纳入" in claims[0]["message"]


def test_a_number_left_behind_after_the_table_changed_is_flagged(run_cli, demo_files):
    cur, prev = demo_files
    run_cli("draft", cur, "--previous", prev, "--offline", "--write", "--section", "overview")
    assert "行政事业性收费金额12.50万元" in read_report(cur).sections.overview
    assert run_cli("set", cur, "t2.fees.amount=13.00")[0] == 0
    _, findings = _findings(run_cli, cur, "--previous", prev)
    flagged = [f for f in findings if f["code"] == "N-NUMBER-SUPPORT"]
    assert len(flagged) == 1 and "12.50万元" in flagged[0]["message"]


def test_a_stream_without_a_finish_reason_is_incomplete(run_cli, demo_files, openai_server, script, monkeypatch):
    cur, _ = demo_files
    _llm(monkeypatch, openai_server)
    openai_server.push(script("本年度共收到申请{{t3.new.total}}件，结转{{t3.", clean_cut=True))
    code, out, err = run_cli("draft", cur, "--section", "requests", "--write")
    assert code == 1 and "不完整" in out and "没有正常结束" in out
    assert read_report(cur).sections.requests is None


def test_a_person_edit_is_not_overwritten_without_asking(run_cli, demo_files):
    cur, prev = demo_files
    assert run_cli("draft", cur, "--previous", prev, "--offline", "--write")[0] == 0
    # a re-draft over untouched drafts is fine
    assert run_cli("draft", cur, "--previous", prev, "--offline", "--write")[0] == 0
    report = read_report(cur)
    report.sections.other = report.sections.other.replace("〔请补充本年度政务公开工作创新做法〕", "推行“一网通查”。")
    write_report(report, cur)
    code, _, err = run_cli("draft", cur, "--previous", prev, "--offline", "--write")
    assert code == 1
    refused = err.split("未写入")[1]
    assert "六、其他需要报告的事项" in refused and "--overwrite" in refused and "一、总体情况" not in refused
    assert "推行“一网通查”。" in read_report(cur).sections.other
    code, _, err = run_cli("draft", cur, "--previous", prev, "--offline", "--write", "--overwrite")
    assert code == 0 and "原文件备份在" in err
    backup = err.split("原文件备份在 ")[1].split()[0]
    assert "推行“一网通查”。" in open(backup, encoding="utf-8").read()
