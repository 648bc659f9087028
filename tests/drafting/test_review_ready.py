"""Issue 20: offline drafts a reviewer signs. One test (at least) per observation."""

import datetime as dt
from decimal import Decimal

import pytest

from assistant.drafting import Drafter
from assistant.drafting.assertions import find
from assistant.drafting.evidence import add_working_days, late_replies
from assistant.drafting.facts import Fact
from assistant.drafting.lastyear import listed_problems


def codes(d):
    return [f.code for f in d.findings]


# 1. claims nobody made -----------------------------------------------------------------
@pytest.mark.parametrize("section", ["overview", "other", "problems"])
def test_template_makes_no_claim_without_a_source(demo_report, previous_report, section):
    demo_report.issuer_kind = "人民政府"
    d = Drafter(demo_report, previous=previous_report).draft(section)
    assert [f for f in find(d.text)] == [], d.text
    for phrase in ("纳入绩效考核", "开展社会评议", "组织开展业务学习培训", "办理结果已按规定公开", "未收取信息处理费",
                   "取得新进展"):
        assert phrase not in d.text
    assert "DRAFT-CLAIM" not in codes(d)


def test_a_fact_supports_its_claim(demo_report):
    facts = [Fact(key="training_sessions", value=3, unit="场"), Fact(key="processing_fee", value=0, unit="元")]
    drafts = {d.section: d for d in Drafter(demo_report, facts=facts).draft_all()}
    assert "组织政务公开业务培训3场" in drafts["overview"].text
    assert "未收取信息处理费" in drafts["other"].text
    assert drafts["other"].claims["fee"] == "事实数据 processing_fee"
    assert not [f for d in drafts.values() for f in d.findings if f.code.startswith("DRAFT-CLAIM")]


class _Chat:
    name = "fake"

    def __init__(self, text):
        self.text = text

    def generate(self, system, user, on_token=None):
        from assistant.drafting.llm import Generation

        return Generation(self.text, complete=True)


def test_a_model_claim_without_a_source_is_flagged(demo_report):
    text = "将政务公开工作纳入绩效考核，广泛听取社会公众意见开展社会评议；组织开展业务学习培训。"
    d = Drafter(demo_report, chat=_Chat(text)).draft("overview")
    flagged = [d.text[f.span.start:f.span.end] for f in d.findings if f.code == "DRAFT-CLAIM"]
    assert len(flagged) == 3 and any("考核" in x for x in flagged) and any("培训" in x for x in flagged)
    assert all(f.severity.blocks for f in d.findings if f.code == "DRAFT-CLAIM")


def test_last_years_own_claim_is_marked_for_checking(demo_report, previous_report):
    # last year's text speaks of training; a model repeating it gets a note, not an error
    d = Drafter(demo_report, previous=previous_report, chat=_Chat("加强业务学习和培训。")).draft("overview")
    # issue 16: one sentence against last year's 1237 characters is also noted (FORM-LENGTH)
    assert codes(d) == ["DRAFT-CLAIM-LAST-YEAR", "FORM-LENGTH"]
    assert d.claims["training"] == "上年报告原文" and "沿用上年" in d.notice


def test_duty_statements_are_not_claims():
    assert list(find("严格落实《条例》第二十条规定，及时公开重点领域信息。")) == []
    assert [f.id for f in find("本年度组织培训2次。")] == ["training"]


# 2. part 五 looks back, problems only from evidence --------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("（一）存在的主要问题。一是信息更新不及时。二是解读形式单一。\n（二）改进情况。一是加强。",
     ["信息更新不及时", "解读形式单一"]),
    ("一、存在的主要问题\n（一）信息公开的及时性有待提高。部分滞后。\n（二）政策解读质量不高。\n二、改进情况\n（一）加强培训。",
     ["信息公开的及时性有待提高", "政策解读质量不高"]),
    ("我局工作还存在一些问题，主要是栏目更新不够及时，解读不够深入。下一步，我局将加强。",
     ["栏目更新不够及时，解读不够深入"]),
    ("存在的问题：1.主动公开栏目更新不及时；2.答复文书不够规范。改进措施：1.建立机制。",
     ["主动公开栏目更新不及时", "答复文书不够规范"]),
])
def test_last_years_problems_are_read_in_every_shape(text, expected):
    assert listed_problems(text) == expected


def test_improvement_answers_each_of_last_years_problems(demo_report, previous_report):
    d = Drafter(demo_report, previous=previous_report).draft("problems")
    for problem in listed_problems(previous_report.sections.problems):
        assert f"针对上年度报告提出的“{problem}”问题，〔请填写本年度采取的措施和成效〕" in d.text


def test_carry_over_and_more_requests_are_no_problems(demo_report, previous_report):
    previous_report.set("t3.new.natural", 1)
    previous_report.set("t3.new.total", 1)  # 21 this year: 20 more
    d = Drafter(demo_report, previous=previous_report).draft("problems")
    problems_half = d.text.split("（二）")[0]
    assert "结转" not in problems_half and "办理进度" not in problems_half and "同比增加" not in problems_half
    assert "〔" in problems_half  # the office writes its problems; the records show none


def test_late_replies_count_working_days_with_the_extension():
    class App:
        def __init__(self, id_, received, answered):
            self.id, self.received, self.answered = id_, received, answered

    received = dt.date(2022, 3, 1)
    limit = add_working_days(received, 40)
    apps = [App("in-limit", received, add_working_days(received, 30)),  # within 20 + 20 working days
            App("late", received, limit + dt.timedelta(days=1)),
            App("december", dt.date(2022, 12, 20), None)]  # open at year end, inside the limit
    assert [x.id for x in late_replies(apps, 2022)] == ["late"]
    # 2022 National Day week: 10 calendar days hold only 5 working days
    assert add_working_days(dt.date(2022, 9, 30), 1) == dt.date(2022, 10, 8)


def test_late_replies_from_the_ledger_become_a_problem(demo_report, tmp_path):
    from assistant.drafting.evidence import LateReply

    late = [LateReply("2022-07", dt.date(2022, 3, 1), dt.date(2022, 6, 1), dt.date(2022, 4, 28))]
    d = Drafter(demo_report, late=late).draft("problems")
    assert "有1件政府信息公开申请超过《条例》第三十三条规定的答复期限" in d.text.split("（二）")[0]
    assert not codes(d) and any(c["kind"] == "ledger" for c in d.citations)


# 3. facts with meaning -----------------------------------------------------------------
def test_facts_stand_in_their_catalogued_place(demo_report):
    facts = [Fact(key="inspection_reports", value=4, unit="次", description="组织政务公开季度检查通报"),
             Fact(key="online_inquiries", value=175, unit="件", description="受理网络问政"),
             Fact(key="proposal_satisfaction", value=100, unit="%", description="建议提案办理满意率")]
    drafts = {d.section: d for d in Drafter(demo_report, facts=facts).draft_all()}
    overview, other = drafts["overview"].text, drafts["other"].text
    supervision = overview.split("（五）")[1]
    active = overview.split("（一）")[1].split("（二）")[0]
    assert "组织政务公开季度检查通报4次" in supervision
    assert "受理网络问政175件" in active
    assert "满意率为100%" in other.split("（三）")[1].split("（四）")[0]
    assert "网络问政" not in other and "100.0%" not in other


def test_unknown_fact_without_section_is_listed_not_placed(demo_report):
    said = []
    facts = [Fact(key="hotline_calls", value=1414, unit="件", description="受理市长公开电话"),
             Fact(key="open_days", value=2, unit="次", description="举办政府开放日", section="overview.active")]
    drafter = Drafter(demo_report, facts=facts, notify=said.append)
    drafts = drafter.draft_all()
    assert not any("1414" in d.text for d in drafts)
    assert any("hotline_calls" in m for m in said)
    assert all(d.unplaced_facts == ["hotline_calls"] for d in drafts)
    assert "举办政府开放日2次" in drafts[1].text.split("（二）")[0]


def test_facts_file_section_is_checked(tmp_path):
    from assistant.drafting.facts import load_facts
    from assistant.errors import NianbaoError

    good = tmp_path / "f.yaml"
    good.write_text("- {key: open_days, value: 2, unit: 次, description: 举办政府开放日, section: 主动公开}\n",
                    encoding="utf-8")
    assert load_facts(good)[0].place == "overview.active"
    bad = tmp_path / "g.yaml"
    bad.write_text("- {key: open_days, value: 2, section: 随便}\n", encoding="utf-8")
    with pytest.raises(NianbaoError) as err:
        load_facts(bad)
    assert "随便" in str(err.value.details)


# 4. a reused subheading only over text of its own subject -------------------------------
def test_reused_heading_must_match_the_subject_of_its_old_text(demo_report, previous_report):
    previous_report.sections.overview = (
        "（一）加强组织领导。落实保密审查制度，更新公开指南和公开目录，规范管理。\n"
        "（二）回应关切、接受监督。组织业务培训，加强队伍建设，落实监督责任。"
    )
    d = Drafter(demo_report, previous=previous_report).draft("overview")
    assert "加强组织领导" not in d.text  # its text was about 管理, not 监督保障
    assert "（五）回应关切、接受监督" in d.text  # its text was about training and supervision


# 5. insertions in proper Chinese ---------------------------------------------------------
@pytest.mark.parametrize("fact, expected", [
    (Fact(key="x_checks", value=4, unit="次", description="开展政府网站与政务新媒体季度检查", section="平台建设"),
     "开展政府网站与政务新媒体季度检查4次"),
    (Fact(key="x_closed", value=3, unit="个", description="关停整合政务新媒体账号数", section="平台建设"),
     "关停整合政务新媒体账号3个"),
    (Fact(key="x_innov", value=2, unit="项", description="政务公开创新举措", section="创新"), "政务公开创新举措2项"),
    (Fact(key="x_rate", value=Decimal("100.0"), unit="%", description="办理满意率", section="创新"), "办理满意率为100%"),
])
def test_fact_insertions_read_as_chinese(demo_report, fact, expected):
    text = "\n".join(d.text for d in Drafter(demo_report, facts=[fact]).draft_all())
    assert expected in text
    assert "为4次" not in text and "数为" not in text and "举措为" not in text and "100.0%" not in text


# 6. the contact office ----------------------------------------------------------------
def test_contact_keeps_last_years_office_and_details(demo_report, previous_report):
    previous_report.sections.intro = ("如对本报告有任何疑问，请与中韩（长春）国际合作示范区党政综合办公室联系"
                                      "（地址：长春市金汇大路1577号；咨询电话：0431-81186305；邮编：130000）。")
    d = Drafter(demo_report, previous=previous_report).draft("intro")
    assert "请与中韩（长春）国际合作示范区党政综合办公室联系" in d.text
    for value in ("长春市金汇大路1577号", "0431-81186305", "130000"):
        assert value in d.text


# 8. another agency's report as last year's ---------------------------------------------
def test_previous_of_another_agency_is_refused_unless_confirmed(run_cli, demo_files, tmp_path):
    from assistant.report.io import read_report, write_report

    cur, prev = demo_files
    other = read_report(prev)
    other.agency = "某某县农业农村局"
    other_path = tmp_path / "other.yaml"
    write_report(other, other_path)
    code, out, err = run_cli("draft", cur, "--previous", other_path, "--offline", "--section", "requests")
    assert code == 2 and "某某县农业农村局" in err and "--accept-previous" in err and "同比" not in out
    code, out, err = run_cli("draft", cur, "--previous", other_path, "--offline", "--section", "requests",
                             "--accept-previous")
    assert code == 0 and "已按您的确认使用它" in err


# 9. citations in Chinese --------------------------------------------------------------
def test_citation_list_names_parts_in_chinese(run_cli, demo_files):
    cur, prev = demo_files
    code, out, err = run_cli("draft", cur, "--previous", prev, "--offline", "--section", "overview")
    assert code == 0
    cited = out.split("参考依据：")[1].split("检查结果")[0]
    assert "总体情况" in cited and "overview" not in cited


# 7. the agency's kind -----------------------------------------------------------------
@pytest.mark.parametrize("name, kind", [
    ("某某区人民政府", "人民政府"), ("某某经济技术开发区管委会", "人民政府"), ("某某新区管理委员会", "人民政府"),
    ("某某街道办事处", "人民政府"), ("某某镇", "人民政府"), ("某某乡", "人民政府"),
    ("某县农业农村局", "部门"), ("某市住房和城乡建设局", "部门"), ("某某区人民政府办公室", "部门"),
])
def test_new_infers_the_issuer_kind_from_the_name(run_cli, tmp_path, name, kind):
    from assistant.report.io import read_report

    out = tmp_path / "r.yaml"
    code, _, err = run_cli("new", "--year", "2024", "--agency", name, "-o", out)
    assert code == 0 and read_report(out).issuer_kind == kind
    assert f"发布机关类型：{kind}" in err


def test_set_issuer_kind_works_and_is_checked(run_cli, tmp_path):
    from assistant.report.io import read_report

    out = tmp_path / "r.yaml"
    run_cli("new", "--year", "2024", "--agency", "某某局", "-o", out)
    code, _, err = run_cli("set", out, "issuer_kind=人民政府")
    assert code == 0 and read_report(out).issuer_kind == "人民政府" and "部门 → 人民政府" in err
    code, _, err = run_cli("set", out, "issuer_kind=政府")
    assert code == 2 and "可用的值" in err and read_report(out).issuer_kind == "人民政府"


def test_staff_notes_are_a_source_for_a_model_claim(demo_report):
    text = "组织政务公开业务培训，提升业务能力。"
    bare = Drafter(demo_report, chat=_Chat(text)).draft("overview")
    assert "DRAFT-CLAIM" in codes(bare)
    noted = Drafter(demo_report, chat=_Chat(text), notes={"overview": "本年度组织业务培训两次。"}).draft("overview")
    assert "DRAFT-CLAIM" not in codes(noted) and noted.claims["training"] == "工作人员补充说明"
