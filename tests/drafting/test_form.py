"""Issue 16: 公文 form of a model's draft — harmless Markdown repaired (and said so), the rest flagged."""

from langchain_core.messages import AIMessage

from assistant.drafting import Drafter
from assistant.drafting.form import check_form, repair
from assistant.drafting.llm import ChatClient
from tests.drafting.conftest import FakeChat


def draft(report, reply, section="overview", previous=None):
    model = FakeChat(messages=iter([AIMessage(content=reply)]))
    return Drafter(report, previous=previous, chat=ChatClient(model, name="fake", max_retries=0, backoff=0)).draft(section)


def codes(findings):
    return [f.code for f in findings]


def test_markdown_emphasis_headings_and_bullets_are_repaired_and_shown(demo_report):
    reply = ("### （一）主动公开\n**本年度**制发行政规范性文件{{t2.normative_docs.issued}}件。主要做法：\n"
             "- 加强政策解读；\n* 规范公开流程\n1. 做好保密审查。")
    d = draft(demo_report, reply)
    assert d.text == ("（一）主动公开\n本年度制发行政规范性文件4件。主要做法：\n"
                      "一是加强政策解读；二是规范公开流程；三是做好保密审查。")
    assert d.findings == []
    assert d.repairs == ["去掉了 1 处 Markdown 加粗标记", "去掉了 1 个 Markdown 标题符号（#）",
                         "把 1 组 Markdown 列表改为“一是……二是……”的写法"]
    assert "已自动调整格式" in d.notice and d.to_json()["repairs"] == d.repairs
    assert d.raw == reply  # the model's own text is kept as it came


def test_a_restated_data_block_is_flagged_not_made_prose(demo_report):
    reply = ("1. 表四「行政复议」「结果维持」：1\n2. 表四「行政复议」「总计」：1\n- 表四「行政诉讼」「总计」：0\n"
             "（四）未发生")
    d = draft(demo_report, reply, section="review_litigation")
    assert "FORM-DATA-BLOCK" in codes(d.findings)
    f = next(f for f in d.findings if f.code == "FORM-DATA-BLOCK")
    assert f.args["lines"] == 3 and "一是" not in d.text and d.repairs == []


def test_english_words_and_emoji_are_flagged_acronyms_and_addresses_are_not():
    text = "推进open data工作😀，政务APP和网站www.example.gov.cn运行正常，〔请填写 processing_fee〕。"
    found = check_form(text, "overview")
    assert codes(found) == ["FORM-ENGLISH", "FORM-EMOJI"]
    assert found[0].args["words"] == "open、data" and found[1].args["count"] == 1
    assert check_form("政务APP和网站www.example.gov.cn运行正常。", "overview") == []


def test_markdown_that_cannot_be_repaired_is_flagged():
    text, repairs = repair("| 项目 | 数量 |\n|---|---|\n| 新收 | 21 |")
    assert repairs == []
    assert "FORM-MARKDOWN" in codes(check_form(text, "requests"))


def test_headings_that_break_the_numbering_or_restate_the_part():
    found = check_form("（一）主动公开。公开文件。\n（三）依申请公开。依法答复。", "overview")
    assert codes(found) == ["FORM-HEADING"] and found[0].args["expected"] == 2
    part = check_form("收到和处理政府信息公开申请情况\n本年度依法答复。", "requests")
    assert codes(part) == ["FORM-HEADING"] and part[0].args["label"] == "收到和处理政府信息公开申请情况"
    assert check_form("（一）主动公开。公开文件。\n（二）依申请公开。依法答复。", "overview") == []


def test_length_against_the_agencys_own_section_last_year():
    last = "按照规定办理政府信息公开申请。" * 20  # 300 characters
    assert codes(check_form("依法答复。", "requests", last)) == ["FORM-LENGTH"]
    long = check_form("依法答复申请。" * 200, "requests", last)
    assert codes(long) == ["FORM-LENGTH"] and "长得多" in long[0].message
    assert check_form("按照规定答复申请。" * 20, "requests", last) == []
    assert check_form("依法答复。", "requests", "短。") == []  # too short last year to compare
