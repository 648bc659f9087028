from decimal import Decimal

import pytest

from assistant.drafting.facts import load_facts
from assistant.drafting.figures import build_figures
from assistant.errors import NianbaoError


def test_cells_and_group_totals(demo_report):
    figs = build_figures(demo_report)
    assert figs.value("t3.new.total") == 21
    assert figs.value("derived.t3.refused.total") == 3
    assert figs.value("derived.t3.unable.total") == 6
    assert figs.value("derived.t3.not_processed.total") == 0
    assert figs.value("derived.t3.disclosed.total") == 10
    assert figs.value("derived.t3.new.organizations") == 6
    assert figs.value("derived.t4.suit.total") == 0
    # no previous report: no 同比 figures
    assert "derived.t3.new.total.change" not in figs


def test_year_on_year_and_formatting(demo_report, previous_report):
    previous_report.set("t3.new.natural", 16)
    previous_report.set("t3.new.total", 16)
    figs = build_figures(demo_report, previous_report)
    assert figs["derived.t3.new.total.previous"].text == "16"
    assert figs["derived.t3.new.total.change"].text == "5"
    assert figs["derived.t3.new.total.pct_change"].text == "31.3%"  # 5/16 = 31.25% -> one decimal
    assert figs["derived.t3.new.total.pct_change_abs"].family == "percent"
    # money keeps its decimals; share of results total is a percentage
    assert figs["t2.fees.amount"].text == "12.50"
    assert figs["derived.t3.granted.total.share"].text == "52.6%"  # 10 / 19
    # last year's value 0: a change but no percentage
    assert figs["derived.t3.carried_out.total.change"].text == "2"
    assert "derived.t3.carried_out.total.pct_change" not in figs


def test_decrease_is_signed_and_abs(demo_report, previous_report):
    previous_report.set("t3.new.natural", 25)
    previous_report.set("t3.new.total", 25)
    figs = build_figures(demo_report, previous_report)
    assert figs["derived.t3.new.total.change"].value == Decimal(-4)
    assert figs["derived.t3.new.total.change_abs"].text == "4"
    assert figs["derived.t3.new.total.pct_change"].text == "-16.0%"


def test_facts_file(tmp_path, demo_report):
    path = tmp_path / "facts.yaml"
    path.write_text(
        "- {key: website_posts, value: 1234, unit: 条, description: 门户网站发布信息条数}\n"
        "- {key: training_sessions, value: '３', unit: 场, description: 组织培训场次}\n"
        "- {key: processing_fee, value: 0, unit: 元, description: 收取信息处理费金额}\n",
        encoding="utf-8",
    )
    facts = load_facts(path)
    figs = build_figures(demo_report, None, facts)
    assert figs["fact.website_posts"].text == "1234"
    assert figs["fact.training_sessions"].value == 3
    assert figs["fact.processing_fee"].family == "money"


def test_bad_facts_file_names_the_item(tmp_path):
    path = tmp_path / "facts.yaml"
    path.write_text("- {key: posts, value: 很多}\n- {key: 2bad, value: 1}\n", encoding="utf-8")
    with pytest.raises(NianbaoError) as err:
        load_facts(path)
    text = str(err.value)
    assert "facts.yaml" in text and "第1项" in text and "很多" in text and "第2项" in text
