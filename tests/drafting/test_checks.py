from assistant.drafting.checks import check_draft
from assistant.drafting.figures import build_figures
from assistant.drafting.placeholders import substitute


def run(text, report, previous=None, sources=0, previous_text=None):
    figs = build_figures(report, previous)
    sub = substitute(text, figs)
    return sub, check_draft("requests", sub, figs, source_count=sources, previous_text=previous_text,
                            literals=[report.agency])


def codes(findings):
    return [f.code for f in findings]


def test_wrong_figure_is_flagged_with_span(demo_report):
    sub, findings = run("本年度共收到申请99件，予以公开{{t3.granted.total}}件。", demo_report)
    assert codes(findings) == ["NUM-UNSUPPORTED"]
    span = findings[0].span
    assert sub.text[span.start:span.end] == "99件"


def test_chinese_numeral_wrong_figure_is_flagged(demo_report):
    _, findings = run("本年度共收到申请九十九件。", demo_report)
    assert codes(findings) == ["NUM-UNSUPPORTED"]


def test_placeholders_only_pass(demo_report):
    sub, findings = run(
        "2022年共收到政府信息公开申请{{t3.new.total}}件，其中自然人{{t3.new.natural}}件；"
        "不予公开{{derived.t3.refused.total}}件，收费{{t2.fees.amount}}万元，予以公开占{{derived.t3.granted.total.share}}。",
        demo_report,
    )
    assert findings == []
    assert "21件" in sub.text and "12.50万元" in sub.text and "52.6%" in sub.text
    assert sub.used["t3.new.total"] == "21"


def test_digits_equal_to_a_figure_pass_but_wrong_unit_family_does_not(demo_report):
    _, ok = run("共收到申请21件。", demo_report)
    assert ok == []
    _, bad = run("收费21万元。", demo_report)
    assert codes(bad) == ["NUM-UNSUPPORTED"]


def test_unknown_placeholder_stays_verbatim(demo_report):
    sub, findings = run("共{{t3.nothing.total}}件，另有{{ 7*7 }}条。", demo_report)
    assert codes(findings) == ["PLACEHOLDER-UNKNOWN", "PLACEHOLDER-UNKNOWN"]
    assert "{{t3.nothing.total}}" in sub.text and "{{ 7*7 }}" in sub.text and "49" not in sub.text


def test_years(demo_report):
    # issue 16: the previous year too is flagged unless the sentence compares it with this one
    _, findings = run("2022年、2021年工作；2019年以来；2020年1月1日。", demo_report)
    assert codes(findings) == ["NUM-YEAR", "NUM-YEAR", "NUM-YEAR"]
    _, compared = run("收到申请{{t3.new.total}}件，较2021年有所增加。", demo_report)
    assert compared == []


def test_articles_fixed_phrases_and_contacts_are_not_quantities(demo_report):
    text = ("依据《条例》第三十六条第（三）项和国办函〔2020〕109号，坚持三审三校，"
            "不得危及“三安全一稳定”。一是加强学习；二是规范答复。联系电话：0431-81186305。")
    _, findings = run(text, demo_report)
    assert findings == []


def test_citations(demo_report):
    _, findings = run("依法公开[1]，规范答复[3]。", demo_report, sources=2)
    assert codes(findings) == ["CITE-UNKNOWN"]
    assert findings[0].args["raw"] == "[3]"


def test_copied_from_last_year(demo_report, previous_report):
    last = previous_report.sections.problems
    copied = last  # the whole of last year's text, verbatim
    _, findings = run(copied, demo_report, previous_text=last)
    assert "DRAFT-COPIED" in codes(findings)
    _, fresh = run("本年度依申请公开办理时限把握不够严格，下一步将建立到期提醒机制。", demo_report, previous_text=last)
    assert "DRAFT-COPIED" not in codes(fresh)


def test_percent_placeholder_followed_by_a_percent_sign(demo_report):
    sub, findings = run("予以公开占{{derived.t3.granted.total.share}}%，部分公开{{t3.partly_granted.total}}件。", demo_report)
    assert "52.6%，" in sub.text and "%%" not in sub.text and findings == []


def test_stream_substituter_holds_split_placeholders(demo_report):
    from assistant.drafting.placeholders import StreamSubstituter

    stream = StreamSubstituter(build_figures(demo_report))
    pieces = ["共收到", "{", "{t3.new.", "total}", "}件，{{ 7*7 }}", "，留 {", "x"]
    shown = "".join(stream.feed(p) for p in pieces) + stream.flush()
    assert shown == "共收到21件，{{ 7*7 }}，留 {x"
