"""The review rules: suggestions, optimistic concurrency, re-anchoring, overrides, status."""

from __future__ import annotations

import pytest

from assistant.errors import NianbaoError
from assistant.services import workspace_reports as reports
from assistant.services import workspace_review as rv

A = "甲区人民政府/2024"
TEXT = "2024年，本区加强政策解读工作。全年主动公开政府信息120条。加强平台建设，优化栏目设置。"


def _with_text(settings, text=TEXT):
    return reports.edit_section(settings, "drafter_a", A, "overview", text, base=1)


def test_a_suggestion_changes_nothing_until_accepted(office):
    _with_text(office)
    sug = rv.suggest(office, "drafter_a", A, "overview", "加强政务新媒体建设", start=TEXT.index("加强平台建设"),
                     end=TEXT.index("加强平台建设") + 6)
    assert sug.quote == "加强平台建设" and sug.status == "待处理" and sug.base_revision == 2
    assert reports.show(office, "drafter_a", A).sections[1].text == TEXT
    result = rv.accept(office, "reviewer_a", sug.id, base=2)
    expected = TEXT.replace("加强平台建设", "加强政务新媒体建设")
    assert result.text == expected and result.revision == 3
    assert result.suggestion.status == "已采纳" and result.suggestion.resolved_by == "reviewer_a"
    assert result.suggestion.produced_revision == 3
    assert isinstance(result.summary, dict) and "error" in result.summary
    view = reports.show(office, "reviewer_a", A)
    assert view.sections[1].text == expected and view.sections[1].version == 3
    history = reports.history(office, "reviewer_a", A, "overview")
    assert [h.number for h in history] == [1, 2, 3]
    assert history[2].author == "reviewer_a" and history[2].note == f"修改建议 #{sug.id}"


def test_a_change_based_on_an_old_revision_is_refused_with_the_newer_text(office):
    _with_text(office)
    with pytest.raises(rv.ConflictError) as caught:
        reports.edit_section(office, "drafter_a", A, "overview", "别的文字", base=1)
    assert caught.value.current_version == 2 and caught.value.current_text == TEXT
    assert caught.value.status == 409 and TEXT in str(caught.value)
    assert reports.show(office, "drafter_a", A).sections[1].text == TEXT


def test_pending_suggestions_follow_their_quote_or_go_stale(office):
    _with_text(office)
    keep = rv.suggest(office, "drafter_a", A, "overview", "平台", start=TEXT.index("加强平台建设"), end=TEXT.index("加强平台建设") + 6)
    lose = rv.suggest(office, "drafter_a", A, "overview", "解读", start=TEXT.index("政策解读"), end=TEXT.index("政策解读") + 4)
    edited = "本区高度重视政务公开。" + TEXT.replace("政策解读", "政策宣讲")
    reports.edit_section(office, "drafter_a", A, "overview", edited, base=2)
    moved = rv.show(office, "reviewer_a", keep.id)
    assert moved.status == "待处理" and moved.anchor_revision == 3
    assert edited[moved.start : moved.end] == "加强平台建设"
    assert rv.show(office, "reviewer_a", lose.id).status == "已过时"
    with pytest.raises(NianbaoError, match="已过时"):
        rv.accept(office, "reviewer_a", lose.id, base=3)
    result = rv.accept(office, "reviewer_a", keep.id, base=3)
    assert result.text == edited.replace("加强平台建设", "平台")


def test_two_accepts_against_the_same_revision_one_wins_the_other_is_told(office):
    _with_text(office)
    first = rv.suggest(office, "drafter_a", A, "overview", "甲", start=0, end=5)
    second = rv.suggest(office, "drafter_a", A, "overview", "乙", start=len(TEXT) - 5, end=len(TEXT))
    rv.accept(office, "reviewer_a", first.id, base=2)
    with pytest.raises(rv.ConflictError) as caught:
        rv.accept(office, "reviewer_a", second.id, base=2)
    assert caught.value.current_text.startswith("甲")
    again = rv.show(office, "reviewer_a", second.id)
    assert again.status == "待处理" and again.anchor_revision == 3  # nothing lost: it can be accepted now
    result = rv.accept(office, "reviewer_a", second.id, base=3)
    assert result.text == "甲" + TEXT[5:-5] + "乙"


def test_number_check_errors_need_an_override_with_a_reason_which_is_logged(office):
    from assistant.drafting.result import SectionDraft
    from assistant.validate.finding import Finding, Severity, Span

    draft = SectionDraft(
        section="overview", mode="llm", text="全年主动公开政府信息999条。", raw="", prompt_version="v1", model="m",
        findings=[Finding(code="NUM-UNSUPPORTED", severity=Severity.INCONSISTENCY, message="「999条」不是表格数据",
                          args={"raw": "999条"}, span=Span(section="overview", start=10, end=14))],
    )
    [sug] = rv.suggest_drafts(office, "drafter_a", A, [draft])
    assert sug.source == "llm" and sug.model == "m" and sug.findings[0]["code"] == "NUM-UNSUPPORTED"
    with pytest.raises(NianbaoError, match="数字核对有 1 个问题") as caught:
        rv.accept(office, "reviewer_a", sug.id, base=1)
    assert "999条" in str(caught.value)
    assert rv.show(office, "reviewer_a", sug.id).status == "待处理"
    # an edit that removes the unsupported number needs no override
    done = rv.accept_edited(office, "reviewer_a", sug.id, "全年主动公开政府信息〔请填写〕条。", base=1)
    assert done.suggestion.status == "修改后采纳" and done.suggestion.applied_text.startswith("全年")
    [again] = rv.suggest_drafts(office, "drafter_a", A, [draft])
    result = rv.accept(office, "reviewer_a", again.id, base=2, override="已与台账核对，999条无误")
    assert result.suggestion.reason == "已与台账核对，999条无误"
    log = rv.audit_log(office, "reviewer_a", A)
    overrides = [e for e in log if e.action == "suggestion.override"]
    assert len(overrides) == 1 and overrides[0].user == "reviewer_a"
    assert overrides[0].detail["reason"] == "已与台账核对，999条无误"


def test_roles(office):
    _with_text(office)
    sug = rv.suggest(office, "drafter_a", A, "overview", "新文字")
    with pytest.raises(NianbaoError, match="没有权限") as caught:
        rv.accept(office, "drafter_a", sug.id, base=2)
    assert caught.value.status == 403
    with pytest.raises(NianbaoError, match="没有权限"):
        rv.reject(office, "drafter_a", sug.id)
    rejected = rv.reject(office, "reviewer_a", sug.id, reason="不符合实际")
    assert rejected.status == "已驳回" and rejected.reason == "不符合实际"
    with pytest.raises(NianbaoError, match="已驳回"):
        rv.accept(office, "reviewer_a", sug.id, base=2)


def test_final_is_read_only_until_an_admin_reopens_it(office, monkeypatch):
    from assistant.services import workspace_reports

    # an empty report has blocking findings; this test is about the status rules alone
    monkeypatch.setattr(workspace_reports, "blocking", lambda findings: False)
    _with_text(office)
    reports.set_status(office, "drafter_a", A, "审核中")
    with pytest.raises(NianbaoError, match="没有权限"):
        reports.set_status(office, "drafter_a", A, "定稿")
    pending = rv.suggest(office, "drafter_a", A, "overview", "新文字")
    with pytest.raises(NianbaoError, match="待处理"):
        reports.set_status(office, "reviewer_a", A, "定稿")
    rv.reject(office, "reviewer_a", pending.id)
    assert reports.set_status(office, "reviewer_a", A, "定稿").status == "定稿"
    for attempt in (
        lambda: reports.edit_section(office, "drafter_a", A, "overview", "改", base=2),
        lambda: rv.suggest(office, "drafter_a", A, "overview", "改"),
        lambda: reports.set_cells(office, "drafter_a", A, {}),
    ):
        with pytest.raises(NianbaoError, match="已定稿"):
            attempt()
    with pytest.raises(NianbaoError, match="没有权限"):
        reports.set_status(office, "reviewer_a", A, "起草中", reason="再改")
    with pytest.raises(NianbaoError, match="理由"):
        reports.set_status(office, "admin_a", A, "起草中")
    assert reports.set_status(office, "admin_a", A, "起草中", reason="数据有误").status == "起草中"
    entries = [e for e in rv.audit_log(office, "admin_a", A) if e.action == "report.status"]
    assert entries[-1].user == "admin_a" and entries[-1].detail["reason"] == "数据有误"


def test_finalizing_is_refused_while_the_validator_finds_errors(office):
    reports.set_status(office, "drafter_a", A, "审核中")
    with pytest.raises(NianbaoError, match="不能定稿") as caught:
        reports.set_status(office, "reviewer_a", A, "定稿")
    assert caught.value.details
    assert reports.list_reports(office, "reviewer_a")[0].status == "审核中"


def test_comments_on_a_suggestion_and_on_a_span(office):
    _with_text(office)
    sug = rv.suggest(office, "drafter_a", A, "overview", "新文字")
    rv.comment(office, "reviewer_a", "请补充数据来源", suggestion_id=sug.id)
    span = rv.comment(office, "reviewer_a", "这里要具体", ref=A, section="overview", start=0, end=5)
    assert span.quote == TEXT[:5] and span.revision == 2
    shown = rv.show(office, "drafter_a", sug.id)
    assert [c.text for c in shown.comments] == ["请补充数据来源"]
    assert len(rv.comments(office, "drafter_a", A)) == 2


def test_diff_is_character_level(office):
    _with_text(office)
    start = TEXT.index("120")
    sug = rv.suggest(office, "drafter_a", A, "overview", "135", start=start, end=start + 3)
    view, current, runs = rv.diff(office, "reviewer_a", sug.id)
    assert current == TEXT
    changed = [(r.op, r.text) for r in runs if r.op != "equal"]
    assert ("delete", "20") in changed and ("insert", "35") in changed
    assert "".join(r.text for r in runs if r.op != "insert") == TEXT
