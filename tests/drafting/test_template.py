from assistant.drafting import Drafter, SECTION_ORDER
from assistant.drafting.facts import Fact
from assistant.text.similarity import copied_passages


def facts():
    return [
        Fact(key="website_posts", value=1234, unit="条", description="门户网站发布信息条数"),
        Fact(key="training_sessions", value=3, unit="场", description="组织政务公开培训场次"),
        Fact(key="npc_suggestions", value=5, unit="件", description="承办人大代表建议"),
        Fact(key="cppcc_proposals", value=7, unit="件", description="承办政协提案"),
    ]


def test_all_sections_offline_have_no_number_findings(demo_report, previous_report):
    drafts = Drafter(demo_report, previous=previous_report, facts=facts()).draft_all()
    assert [d.section for d in drafts] == list(SECTION_ORDER)
    for d in drafts:
        assert d.mode == "template" and d.complete and d.text.strip()
        assert [f.code for f in d.findings] == [], (d.section, [f.message for f in d.findings])
        assert "{{" not in d.text
        assert d.prompt_version and "模板" in d.notice


def test_template_content_uses_figures_and_facts(demo_report, previous_report):
    drafts = {d.section: d for d in Drafter(demo_report, previous=previous_report, facts=facts()).draft_all()}
    req = drafts["requests"].text
    assert "本年度共收到政府信息公开申请21件" in req and "上年结转0件" in req
    assert "结转下年度继续办理2件" in req and "不予公开3件" in req and "无法提供6件" in req
    assert drafts["requests"].placeholders["t3.new.total"] == "21"
    assert "被申请行政复议1件" in drafts["review_litigation"].text
    assert "结果维持1件" in drafts["review_litigation"].text
    other = drafts["other"].text
    # issue 20: no fee fact, so no 「未收取信息处理费」 but a note naming what is needed
    assert "未收取信息处理费" not in other and "processing_fee" in other
    assert "承办人大代表建议5件" in other and "承办政协提案7件" in other
    overview = drafts["overview"].text
    assert "门户网站发布信息1234条" in overview and "组织政务公开培训3场" in overview
    assert "行政事业性收费金额12.50万元" in overview
    assert "2022年1月1日" in drafts["intro"].text and "0431-81186305" in drafts["intro"].text


def test_overview_follows_last_years_structure_without_copying(demo_report, previous_report):
    draft = Drafter(demo_report, previous=previous_report).draft("overview")
    # last year's own sub-item headings are reused ...
    assert "积极推动政府信息主动公开" in draft.text and "认真规范处理依申请公开" in draft.text
    assert any(c["kind"] == "previous" and c["year"] == 2021 for c in draft.citations)
    # ... but none of its sentences
    assert copied_passages(draft.text, previous_report.sections.overview, min_chars=30) == []
    for marker in ("（一）", "（二）", "（三）", "（四）", "（五）"):
        assert marker in draft.text


def test_year_on_year_wording(demo_report, previous_report):
    previous_report.set("t3.new.natural", 25)
    previous_report.set("t3.new.total", 25)
    d = Drafter(demo_report, previous=previous_report).draft("requests")
    assert "同比减少4件（下降16.0%）" in d.text
    assert d.findings == []


def test_government_report_covers_assessment(demo_report):
    demo_report.issuer_kind = "人民政府"
    d = Drafter(demo_report).draft("overview")
    assert "工作考核、社会评议和责任追究结果" in d.text


def test_fee_charged_is_stated(demo_report):
    d = Drafter(demo_report, facts=[Fact(key="processing_fee", value="300", unit="元",
                                         description="收取信息处理费")]).draft("other")
    assert "本年度收取信息处理费300元" in d.text and d.findings == []


def test_nothing_happened_wording(previous_report):
    req = Drafter(previous_report).draft("requests")
    assert "未收到政府信息公开申请" in req.text and req.findings == []
    rl = Drafter(previous_report).draft("review_litigation")
    assert "未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况" in rl.text


def test_a_template_draft_built_on_last_years_template_draft_is_not_a_copy(demo_report, previous_report):
    from assistant.validate import validate

    last = demo_report  # 2022, drafted from the 2021 sample
    for d in Drafter(last, previous=previous_report).draft_all():
        setattr(last.sections, d.section, d.text)
    this = last.model_copy(deep=True)
    this.year = 2023
    this.set("t3.carried_in.commercial", 2)
    this.set("t3.carried_in.total", 2)
    drafts = Drafter(this, previous=last).draft_all()
    assert all(d.findings == [] for d in drafts), [(d.section, [f.message for f in d.findings]) for d in drafts]
    for d in drafts:
        setattr(this.sections, d.section, d.text)
    assert not [f for f in validate(this, last) if f.code == "N-SIMILAR-LAST-YEAR"]
    assert this.sections.overview != last.sections.overview


def test_blank_report_drafts_without_inventing_numbers():
    from assistant.report.model import blank_report
    from assistant.text.numbers import find_quantities

    report = blank_report(2023, "某某县财政局", "部门")
    drafts = Drafter(report).draft_all()
    for d in drafts:
        assert d.findings == [], (d.section, d.findings)
        amounts = [q for q in find_quantities(d.text) if q.kind not in ("year", "date")]
        assert amounts == [], (d.section, amounts)
    by = {d.section: d.text for d in drafts}
    assert "请先填写表三" in by["requests"] and "请先填写表四" in by["review_litigation"]


def test_2019_format_report(previous_report):
    from assistant.report.model import blank_report

    report = blank_report(2020, "某某县财政局", "部门")
    for key in report.cells:
        report.set(key, 0)
    report.set("t2.rules.made", 2)
    report.set("t3.new.natural", 5)
    report.set("t3.new.total", 5)
    report.set("t3.other.natural", 5)
    report.set("t3.other.total", 5)
    report.set("t3.results_total.natural", 5)
    report.set("t3.results_total.total", 5)
    drafts = {d.section: d for d in Drafter(report).draft_all()}
    assert all(d.findings == [] for d in drafts.values())
    assert "其他处理5件" in drafts["requests"].text
    assert "新制作规章2件" in drafts["overview"].text
