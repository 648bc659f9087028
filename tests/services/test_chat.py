"""The report conversation: deterministic routing, questions answered from the validator and the
derived values (with the number check), drafting requests landing as suggestions (template
without a model, a real OpenAI-protocol server with one)."""

from __future__ import annotations

import pytest

from assistant.services import chat

PASSWORD = "correct-horse-battery"


@pytest.mark.parametrize(("text", "intent", "section", "table"), [
    ("起草总体情况，重点写政策解读和平台建设", "draft", "overview", None),
    ("把第五部分改得更具体一些", "draft", "problems", None),
    ("表三有什么问题", "findings", "requests", "t3"),
    ("和去年比依申请公开有什么变化", "yoy", "requests", "t3"),
    ("表四的数字是多少", "figures", "review_litigation", "t4"),
    ("请写一下存在的主要问题及改进情况", "draft", "problems", None),
    ("第三部分有没有问题", "findings", "requests", "t3"),
    ("你好", "help", None, None),
])
def test_requests_are_routed_by_their_words(text, intent, section, table):
    routed = chat.route(text)
    assert (routed.intent, routed.section, routed.table) == (intent, section, table)


def test_a_selection_makes_a_rewrite_of_that_section():
    routed = chat.route("改得更简洁", (3, 9), "overview")
    assert routed.intent == "rewrite" and routed.section == "overview" and routed.selection == (3, 9)


@pytest.fixture
def office(settings):
    from assistant.report.cells import CellValue
    from assistant.services import workspace as ws
    from assistant.services import workspace_reports as reports

    ws.init(settings, admin="admin_a", password=PASSWORD, agency="甲区人民政府")
    ws.add_user(settings, "admin_a", "drafter_a", roles=["起草人"], agencies=["甲区人民政府"], password=PASSWORD)
    ws.add_agency(settings, "admin_a", "乙县人民政府", issuer_kind="人民政府")
    ws.add_user(settings, "admin_a", "drafter_b", roles=["起草人"], agencies=["乙县人民政府"], password=PASSWORD)
    last = reports.create(settings, "drafter_a", "甲区人民政府", 2023)
    this = reports.create(settings, "drafter_a", "甲区人民政府", 2024)
    reports.set_cells(settings, "drafter_a", str(last.id), {
        "t3.new.natural": CellValue.of(10), "t3.new.total": CellValue.of(10)})
    reports.set_cells(settings, "drafter_a", str(this.id), {
        "t3.new.natural": CellValue.of(14), "t3.new.total": CellValue.of(15)})  # 14 ≠ 15: a broken row
    yield {"settings": settings, "ref": str(this.id), "last": str(last.id)}
    ws.close_stores()


def _ask(office, text, user="drafter_a", **kw):
    pieces: list[str] = []
    _, reply = chat.ask(office["settings"], user, office["ref"], text, **kw)
    done = chat.answer(office["settings"], user, office["ref"], reply.id, on_text=pieces.append)
    assert "".join(pieces) == done.text  # what streamed is what is kept
    return done


def test_table_question_is_answered_by_the_validator(office):
    from assistant.services import workspace_reports as reports

    done = _ask(office, "表三有什么问题")
    _, found = reports.check(office["settings"], "drafter_a", office["ref"])
    t3 = [f for f in found if any(c.startswith("t3.") for c in f.cells)]
    assert t3 and done.status == "完成" and done.detail["source"] == "validator"
    assert [f["code"] for f in done.detail["findings"]] == [f.code for f in t3]
    for f in t3:
        assert f.message in done.text


def test_year_over_year_numbers_come_from_the_derived_values_and_pass_the_number_check(office):
    done = _ask(office, "和去年比依申请公开有什么变化")
    assert done.status == "完成" and done.detail["number_check"] is True
    assert "本年 15，上年 10，增加 5，增加50.0%" in done.text
    assert done.detail["findings"] == []  # every number found in the figures


def test_the_number_check_flags_a_number_without_a_source(office):
    from assistant.drafting.figures import build_figures
    from assistant.services import workspace_reports as reports

    report, previous = reports.load(office["settings"], "drafter_a", office["ref"])
    flagged = chat._number_check("本年新收申请 999 件。", build_figures(report, previous), "requests")
    assert [f["code"] for f in flagged] == ["NUM-UNSUPPORTED"]


def test_without_a_model_a_draft_uses_the_template_says_so_and_lands_as_a_suggestion(office):
    from assistant.services import workspace_reports as reports
    from assistant.services import workspace_review as review

    before = {s.key: s.text for s in reports.show(office["settings"], "drafter_a", office["ref"]).sections}
    done = _ask(office, "起草总体情况，重点写政策解读和平台建设")
    assert done.status == "完成" and done.detail["mode"] == "template"
    assert "模板起草" in done.text and any("未配置大模型" in n for n in done.detail["notices"])
    [sid] = done.detail["suggestions"]
    sug = review.show(office["settings"], "drafter_a", sid)
    assert sug.section == "overview" and sug.status == "待处理" and sug.new_text in done.text
    after = {s.key: s.text for s in reports.show(office["settings"], "drafter_a", office["ref"]).sections}
    assert after == before  # a suggestion, never an edit


def test_another_agencys_report_is_not_found(office):
    from assistant.errors import NianbaoError

    with pytest.raises(NianbaoError) as caught:
        chat.ask(office["settings"], "drafter_b", office["ref"], "表三有什么问题")
    assert caught.value.status == 404
    _, reply = chat.ask(office["settings"], "drafter_a", office["ref"], "表三有什么问题")
    with pytest.raises(NianbaoError) as caught:
        chat.message(office["settings"], "drafter_b", office["ref"], reply.id)
    assert caught.value.status == 404


def test_an_answer_nobody_is_writing_is_kept_and_marked_incomplete(office):
    from sqlalchemy import update

    from assistant.services.workspace import store
    from assistant.workspace.models import ChatMessage

    _, reply = chat.ask(office["settings"], "drafter_a", office["ref"], "表三有什么问题")
    with store(office["settings"]).write() as session:  # a process died after writing this much
        session.execute(update(ChatMessage).where(ChatMessage.id == reply.id).values(text="检查程序在表三"))
    still = chat.messages(office["settings"], "drafter_a", office["ref"], live=lambda i: True)
    assert still[-1].status == "进行中"
    gone = chat.messages(office["settings"], "drafter_a", office["ref"], live=lambda i: False)
    assert gone[-1].status == "未完成" and gone[-1].text == "检查程序在表三"


def test_empty_and_oversized_requests_are_refused(office):
    from assistant.errors import NianbaoError

    for text in ("   ", "字" * (chat.MAX_TEXT + 1)):
        with pytest.raises(NianbaoError) as caught:
            chat.ask(office["settings"], "drafter_a", office["ref"], text)
        assert caught.value.status == 422
