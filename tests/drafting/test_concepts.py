"""Issue 16: every number in a draft is read with what it counts (NUM-CONCEPT), complete or cut;
years other than the report year outside a comparison, and a statistical period of another year."""

from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage

from assistant.drafting import Drafter
from assistant.drafting.llm import ChatClient
from tests.drafting.conftest import FakeChat


def draft(report, reply, section="requests", *, cut=False):
    model = (GenericFakeChatModel if cut else FakeChat)(messages=iter([AIMessage(content=reply)]))
    return Drafter(report, chat=ChatClient(model, name="fake", max_retries=0, backoff=0)).draft(section)


def codes(d):
    return [f.code for f in d.findings]


def test_a_value_right_for_another_concept_is_flagged_in_a_cut_draft(demo_report):
    # 19 is the number 办结 (表三 总计); 21 were received: the value exists, the concept is wrong
    d = draft(demo_report, "本年度共收到政府信息公开申请19件，其中", cut=True)
    assert not d.complete
    assert codes(d) == ["DRAFT-INCOMPLETE", "NUM-CONCEPT"]
    f = d.findings[1]
    assert d.text[f.span.start:f.span.end] == "收到政府信息公开申请19件"
    assert f.args["actual"] == 21 and f.args["stated"] == 19
    assert "{{t3.new.total}}" in f.message and "（七）总计" in f.message


def test_concepts_a_draft_states_beyond_the_validator_rows(demo_report):
    d = draft(demo_report, "本年度办结申请21件。被申请行政复议4件。制发规范性文件12件，现行有效4件。")
    assert codes(d) == ["NUM-CONCEPT"] * 4
    assert [f.args["row"] for f in d.findings] == ["办结", "行政复议", "本年制发规范性文件", "现行有效规范性文件"]
    assert "NUM-UNSUPPORTED" not in codes(d)  # one number, one finding


def test_right_concepts_pass(demo_report):
    d = draft(demo_report, "本年度共收到政府信息公开申请{{t3.new.total}}件，办结19件，结转下年度继续办理2件；"
                           "被申请行政复议1件。制发规范性文件4件，现行有效12件。")
    assert d.findings == []


def test_a_wrong_number_not_in_the_tables_at_all_is_one_concept_finding(demo_report):
    d = draft(demo_report, "本年度共收到政府信息公开申请99件。")
    assert codes(d) == ["NUM-CONCEPT"]
    assert d.findings[0].args["other"] == ""


def test_last_years_period_is_flagged_once(demo_report):
    d = draft(demo_report, "本报告统计期限自2021年1月1日起至2021年12月31日止。", section="intro")
    assert codes(d) == ["NUM-YEAR"]
    assert d.findings[0].args["raw"].startswith("本报告统计期限自2021年1月1日")
    assert "2022年1月1日至2022年12月31日" in d.findings[0].message
    ok = draft(demo_report, "本报告统计期限自2022年1月1日起至2022年12月31日止。", section="intro")
    assert ok.findings == []


def test_a_previous_year_outside_a_comparison_is_flagged(demo_report):
    d = draft(demo_report, "全年新收申请{{t3.new.total}}件，2021年的做法继续沿用。")
    assert codes(d) == ["NUM-YEAR"]
    compared = draft(demo_report, "全年新收申请{{t3.new.total}}件，较2021年有所增加。")
    assert compared.findings == []
