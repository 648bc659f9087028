"""Realistic report narratives (tests/fixtures/validate/real_prose/): a sound report raises
no finding at all, a defective one exactly the findings its sidecar *.expected.yaml names.

Each sidecar entry gives the code and, where the finding points somewhere, the cells it
names, the section of its span and a piece of that section's text the span must start in.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from assistant.report.io import read_report
from assistant.validate import validate

HERE = Path(__file__).resolve().parent
PROSE = HERE.parent / "fixtures" / "validate" / "real_prose"
REPORTS = sorted(p for p in PROSE.glob("*.yaml") if not p.name.endswith(".expected.yaml"))


def _expected(path: Path) -> list[dict]:
    sidecar = path.with_name(path.stem + ".expected.yaml")
    return yaml.safe_load(sidecar.read_text(encoding="utf-8"))["findings"] or []


def _matches(finding, entry: dict, report) -> bool:
    if finding.code != entry["code"]:
        return False
    if "cells" in entry and finding.cells != entry["cells"]:
        return False
    if "section" in entry and (finding.span is None or finding.span.section != entry["section"]):
        return False
    if "text" in entry:
        text = report.sections.text(entry["section"])
        assert text.count(entry["text"]) == 1, f"sidecar text must occur once: {entry['text']}"
        where = text.index(entry["text"])
        if not (where <= finding.span.start < where + len(entry["text"]) and finding.span.end > finding.span.start):
            return False
    return True


def test_there_are_enough_sound_and_defective_reports():
    sound = [p for p in REPORTS if not _expected(p)]
    defective = [p for p in REPORTS if _expected(p)]
    assert len(sound) >= 12 and len(defective) >= 10
    reports = [read_report(p) for p in REPORTS]
    assert {r.issuer_kind for r in reports} == {"人民政府", "部门"}
    assert {r.year for r in reports} == set(range(2019, 2025))
    assert {r.format.value for r in reports} == {"2019", "2021"}


@pytest.mark.parametrize("path", REPORTS, ids=[p.stem for p in REPORTS])
def test_real_prose_gives_exactly_the_expected_findings(path):
    report = read_report(path)
    expected = _expected(path)
    found = validate(report)
    shown = [f"{f.code}: {f.message}" for f in found]
    assert Counter(f.code for f in found) == Counter(e["code"] for e in expected), shown
    for entry in expected:
        assert any(_matches(f, entry, report) for f in found), (entry, shown)


def test_defective_variants_differ_from_a_sound_report():
    """Each defective file is a sound report with a change: the sound original must be here
    and be clean, so the finding comes from the change and nothing else."""
    names = {p.stem for p in REPORTS}
    for path in REPORTS:
        if _expected(path):
            base = next(n for n in names if path.stem.startswith(n + "-") and not _expected(PROSE / f"{n}.yaml"))
            assert read_report(PROSE / f"{base}.yaml") != read_report(path)


# --- the fixes these files called for, one by one ----------------------------------------

from assistant.text.structure import numbering_breaks, split_items  # noqa: E402


def _city(**sections):
    report = read_report(PROSE / "city-gov-2023.yaml")
    for key, text in sections.items():
        setattr(report.sections, key, text)
    return report


def _codes(report, code):
    return [f for f in validate(report) if f.code == code]


def test_an_evaluation_of_last_year_is_not_a_stale_year():
    report = _city(overview=_city().sections.overview + "\n在2022年度全省政务公开第三方评估中，我市位列第5名。")
    assert _codes(report, "N-STALE-YEAR") == []
    report = _city(overview=_city().sections.overview + "\n2022年，全市共受理政府信息公开申请40件。")
    (stale,) = _codes(report, "N-STALE-YEAR")
    assert stale.args["stated"] == 2022


def test_publishing_last_years_report_is_not_a_stale_title():
    told = "2023年1月，按时在门户网站发布《某某市人民政府2022年政府信息公开工作年度报告》。"
    assert _codes(_city(overview=_city().sections.overview + "\n" + told), "N-STALE-YEAR") == []
    # the same words as the report's own title, in the opening paragraph, are a copy
    (stale,) = _codes(_city(intro="特发布2022年某某市人民政府政府信息公开工作年度报告。" + _city().sections.intro), "N-STALE-YEAR")
    assert stale.span.section == "intro"
    copied = "现公布2022年度某某市人民政府政府信息公开工作年度报告。"
    (stale,) = _codes(_city(overview=copied + _city().sections.overview), "N-STALE-YEAR")
    assert stale.span.section == "overview" and stale.args["stated"] == 2022


def test_accountability_written_as_holding_persons_responsible_counts():
    base = _city().sections.overview.replace("全年未发生因政务公开工作被追究责任的情况。", "")
    (missing,) = _codes(_city(overview=base), "S-GOV-ASSESSMENT")
    assert missing.args["topics"] == ["责任追究"]
    assert _codes(_city(overview=base + "全年未因政务公开工作追究相关人员责任。"), "S-GOV-ASSESSMENT") == []


def test_a_data_cut_off_in_the_next_year_is_not_the_period():
    intro = "本报告所列数据统计期限为2023年1月1日至2023年12月31日，数据统计截至2024年1月10日。"
    assert _codes(_city(intro=intro), "S-PERIOD") == []
    wrong = "本报告所列数据统计期限为2022年1月1日至2022年12月31日，数据统计截至2024年1月10日。"
    (finding,) = _codes(_city(intro=wrong), "S-PERIOD")
    assert finding.args["stated_years"] == [2022]


def test_review_cases_the_agency_decides_are_not_table_four():
    decided = "市政府行政复议机构全年办理行政复议案件86件，其中涉及政府信息公开的行政复议案件12件。"
    assert _codes(_city(other=_city().sections.other + "\n" + decided), "N-TABLE-MISMATCH") == []
    own = "本机关因政府信息公开被申请行政复议12件。"
    (finding,) = _codes(_city(review_litigation=own), "N-TABLE-MISMATCH")
    assert finding.cells == ["t4.review.total"] and finding.args["stated"] == 12


def test_a_list_going_on_past_one_mis_styled_item_is_one_break():
    breaks = numbering_breaks(split_items("（一）主动公开。\n（2）依申请公开。\n（三）政府信息管理。\n（四）平台建设。"))
    assert [(b.item.marker, b.previous.marker) for b in breaks] == [("（2）", "（一）")]
    breaks = numbering_breaks(split_items("（一）主动公开。\n（二）依申请公开。\n（四）政府信息管理。"))
    assert [(b.item.marker, b.expected) for b in breaks] == [("（四）", 3)]


def test_an_earlier_year_set_against_the_report_year_is_a_comparison():
    compared = "2022年全年共受理申请40件，2023年增至46件。"
    assert _codes(_city(overview=_city().sections.overview + "\n" + compared), "N-STALE-YEAR") == []
    copied = "2022年全年共受理申请40件，办结38件。"
    (stale,) = _codes(_city(overview=_city().sections.overview + "\n" + copied), "N-STALE-YEAR")
    assert stale.args["stated"] == 2022


def test_two_rows_joined_before_one_number_are_compared_with_their_sum():
    # city-gov-2023: 予以公开 21, 部分公开 8
    assert _codes(_city(requests="予以公开和部分公开的共29件。"), "N-TABLE-MISMATCH") == []
    (finding,) = _codes(_city(requests="予以公开及部分公开的共30件。"), "N-TABLE-MISMATCH")
    assert finding.cells == ["t3.granted.total", "t3.partly_granted.total"] and finding.args["actual"] == 29


def test_new_requests_counted_with_the_carried_over_ones():
    # city-gov-2023: 本年新收 43, 上年结转 3
    stated = "本机关共收到并办理政府信息公开申请46件，其中本年新收43件、上年结转3件。"
    assert _codes(_city(requests=stated), "N-TABLE-MISMATCH") == []
    (finding,) = _codes(_city(requests="本机关共收到政府信息公开申请46件。"), "N-TABLE-MISMATCH")
    assert finding.cells == ["t3.new.total"] and finding.args["actual"] == 43


def test_social_review_written_as_good_and_bad_ratings_counts():
    text = _city().sections.overview.replace("委托第三方机构开展社会评议，群众满意度为96.3%。", "")
    assert [f.args["topics"] for f in _codes(_city(overview=text), "S-GOV-ASSESSMENT")] == [["社会评议"]]
    assert _codes(_city(overview=text + "全面推行政务服务“好差评”。"), "S-GOV-ASSESSMENT") == []


@pytest.mark.parametrize(
    "measure",
    [
        "2024年，我局将着重做好以下工作：一是抓好政策解读；二是抓好平台建设。",
        "针对上述问题，我们将认真研究，切实加以解决。",
        "下步工作中，我们要提高政策解读质量。",
    ],
)
def test_measures_in_plain_words_are_measures(measure):
    problems = "一是政策解读不够深入；二是公开平台功能不完善。"
    (finding,) = _codes(_city(problems=problems), "S-PROBLEMS-EMPTY")
    assert finding.args["reason"] == "no_measure"
    assert _codes(_city(problems=problems + measure), "S-PROBLEMS-EMPTY") == []


def test_applicant_split_after_a_sentence_naming_the_carry_over():
    # city-gov-2023: new requests 自然人 40; carried over 3
    told = "本年度新收申请43件，上年结转3件。从申请人情况看，自然人申请{n}件。"
    assert _codes(_city(requests=told.format(n=40)), "N-TABLE-MISMATCH") == []
    (finding,) = _codes(_city(requests=told.format(n=41)), "N-TABLE-MISMATCH")
    assert finding.cells == ["t3.new.natural"]
    # in the same sentence, "其中" after the carry-over splits the carry-over: not compared
    assert _codes(_city(requests="本年度新收申请43件，上年结转3件，其中自然人3件。"), "N-TABLE-MISMATCH") == []


def test_a_period_in_brackets_or_full_width_digits_is_stated():
    from assistant.text.numbers import find_quantities

    dated = [q.value for q in find_quantities("报告期内（2023年1月1日至12月31日）") if q.kind == "date"]
    assert dated == [20230101, 1231]
    # an annotation in brackets stays out: （2019年修订） is no time frame
    assert [q for q in find_quantities("《条例》（2019年修订）") if q.kind == "year"] == []
    bracketed = _city(intro="本报告由某某市人民政府办公室编制。", overview="报告期内（2023年1月1日至12月31日），全市政务公开工作稳步推进。")
    assert _codes(bracketed, "S-PERIOD") == []
    assert _codes(_city(intro="报告期为２０２３年１月１日至２０２３年１２月３１日。"), "S-PERIOD") == []
    (wrong,) = _codes(_city(intro="报告期为２０２２年１月１日至２０２２年１２月３１日。"), "S-PERIOD")
    assert wrong.args["stated_years"] == [2022]


@pytest.mark.parametrize(
    "partial",
    [
        "除上述申请外，未收到其他政府信息公开申请。",
        "本年度未收到以信函方式提交的政府信息公开申请。",
    ],
)
def test_none_of_one_kind_is_not_none_at_all(partial):
    assert _codes(_city(requests=_city().sections.requests + "\n" + partial), "N-TABLE-MISMATCH") == []


def test_none_at_all_is_still_compared():
    (finding,) = _codes(_city(requests="本年度未收到政府信息公开申请。"), "N-TABLE-MISMATCH")
    assert finding.cells == ["t3.new.total"] and finding.args["stated"] == 0
    (finding,) = _codes(_city(review_litigation="本年度未发生因政府信息公开引起的行政复议。"), "N-TABLE-MISMATCH")
    assert finding.cells == ["t4.review.total"]


def test_no_review_with_one_result_is_not_no_review():
    # city-gov-2023 has one review case (upheld)
    told = "全年未发生因政府信息公开被纠错的行政复议案件。"
    assert _codes(_city(overview=_city().sections.overview + "\n" + told), "N-TABLE-MISMATCH") == []


def test_results_of_last_years_requests_are_not_this_years_results():
    told = "上年结转的3件申请均已办结，予以公开2件，部分公开1件。"
    assert _codes(_city(requests=_city().sections.requests + "\n" + told), "N-TABLE-MISMATCH") == []
    (finding,) = _codes(_city(requests="本年度新收申请43件，上年结转3件，予以公开2件。"), "N-TABLE-MISMATCH")
    assert finding.cells == ["t3.granted.total"]


def test_reports_written_afresh_are_not_similar_to_last_years():
    """Parts 二、三、四 of any two reports restate their tables in the same set words;
    only parts written as prose are compared with last year's."""
    sound = [read_report(p) for p in REPORTS if not _expected(p)]
    pairs = [(a, b) for a in sound for b in sound if b.year == a.year - 1]
    assert len(pairs) >= 10
    for report, previous in pairs:
        assert _codes_with(report, previous, "N-SIMILAR-LAST-YEAR") == [], (report.agency, previous.agency)


def test_prose_copied_from_last_years_report_is_still_similar():
    previous = read_report(PROSE / "transport-bureau-2022.yaml")
    report = _city(problems=previous.sections.problems.replace("2023年", "2024年"), requests=previous.sections.requests)
    (finding,) = _codes_with(report, previous, "N-SIMILAR-LAST-YEAR")
    assert finding.span.section == "problems" and finding.args["percent"] >= 95


def _codes_with(report, previous, code):
    return [f for f in validate(report, previous) if f.code == code]


def test_a_short_part_of_set_statements_is_not_a_copy():
    previous = read_report(PROSE / "land-bureau-2024.yaml")
    previous.year = 2022
    set_words = "本机关{y}年度未收取政府信息公开信息处理费。全年办理人大代表建议{a}件、政协提案{b}件，办理结果按规定公开。"
    previous.sections.other = set_words.format(y=2022, a=20, b=25)
    report = _city(other=set_words.format(y=2023, a=38, b=52))
    assert _codes_with(report, previous, "N-SIMILAR-LAST-YEAR") == []
    # the same part with two more sentences of copied prose is a copy
    more = "探索建立“政策找人”机制，通过大数据向企业精准推送惠企政策，实现由“人找政策”向“政策找人”转变，全年推送政策信息。"
    previous.sections.other += more
    (finding,) = _codes_with(_city(other=set_words.format(y=2023, a=38, b=52) + more), previous, "N-SIMILAR-LAST-YEAR")
    assert finding.span.section == "other"


@pytest.mark.parametrize(
    "area",
    [
        "全市各级行政机关共收到政府信息公开申请1234件。",
        "市本级共收到政府信息公开申请520件。",
        "全市共收到政府信息公开申请1234件。",
        "全年共收到政府信息公开申请1.2万件。",
    ],
)
def test_area_totals_and_rounded_counts_are_not_compared(area):
    assert _codes(_city(overview=_city().sections.overview + "\n" + area), "N-TABLE-MISMATCH") == []


def test_the_governments_own_count_is_still_compared():
    (finding,) = _codes(_city(overview=_city().sections.overview + "\n全年市政府共收到政府信息公开申请45件。"), "N-TABLE-MISMATCH")
    assert finding.cells == ["t3.new.total"] and finding.args["stated"] == 45


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("委托第三方机构开展社会评议，群众满意度为96.3%。", "邀请人大代表、政协委员和群众代表对政务公开工作进行评价。"),
        ("全年未发生因政务公开工作被追究责任的情况。", "全年未对政务公开工作相关责任人进行追究。"),
    ],
)
def test_review_and_accountability_in_other_words(old, new):
    text = _city().sections.overview
    assert len(_codes(_city(overview=text.replace(old, "")), "S-GOV-ASSESSMENT")) == 1
    assert _codes(_city(overview=text.replace(old, new)), "S-GOV-ASSESSMENT") == []


@pytest.mark.parametrize(
    "problems",
    [
        "问题：信息公开质量有待提高。对策：加强审核把关。",
        "一是部分信息公开不够及时；二是政策解读形式单一。下一年度，重点在以下方面发力：丰富解读形式，提升公开时效。",
    ],
)
def test_measures_under_their_usual_names(problems):
    assert _codes(_city(problems=problems), "S-PROBLEMS-EMPTY") == []
    only_problems = problems.split("。")[0] + "。"
    assert [f.args["reason"] for f in _codes(_city(problems=only_problems), "S-PROBLEMS-EMPTY")] == ["no_measure"]


def test_a_copied_report_as_follows_opening_is_stale():
    copied = "根据《条例》要求，现将本机关2022年度政府信息公开工作情况报告如下。"
    (stale,) = _codes(_city(intro=copied + _city().sections.intro), "N-STALE-YEAR")
    assert stale.args["stated"] == 2022 and stale.span.section == "intro"
    own = "根据《条例》要求，现将本机关2023年度政府信息公开工作情况报告如下。"
    assert _codes(_city(intro=own + _city().sections.intro), "N-STALE-YEAR") == []
