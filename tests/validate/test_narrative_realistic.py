"""A realistic, correct department report (wording as real reports have it) raises no
narrative finding: a guard against false alarms on ordinary official prose."""

from __future__ import annotations

from assistant.report.cells import CellValue
from assistant.report.format import PART_HEADINGS, FormatVersion, cell_keys
from assistant.report.model import Report, Sections
from assistant.validate import validate

INTRO = (
    "本报告根据《中华人民共和国政府信息公开条例》（国务院令第711号，以下简称《条例》）和"
    "《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》"
    "（国办公开办函〔2021〕30号）要求编制。报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。"
    "本报告电子版可在“某某市人民政府门户网站”（www.example.gov.cn）查阅或下载。如对本报告有任何疑问，"
    "请与某某市市场监督管理局办公室联系（地址：某某市人民大道１２８号，邮编：２１００００，电话：025-12345678）。"
)
OVERVIEW = """2023年，市市场监管局坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《条例》和上级关于政务公开工作的部署要求，不断提升政务公开质效。
（一）主动公开。全年通过门户网站主动公开政府信息1136条，其中政策文件25件、政策解读12篇，发布行政处罚信息4119条。落实“三审三校”制度，坚持“一网通办”，优化12345热线与政务公开联动机制。
（二）依申请公开。2023年共收到政府信息公开申请21件，其中自然人申请20件、法人或其他组织申请1件；上年结转政府信息公开申请1件。办理结果方面，予以公开15件，部分公开2件，不予公开1件，无法提供3件，结转下年度继续办理1件。申请均在《条例》规定的20个工作日内答复，平均办理时限为8个工作日，未收取信息处理费。
（三）政府信息管理。严格落实公开属性源头认定，对“三类内部事务信息”“四类过程性信息”依法审慎处理，第一时间更新失效文件，全年清理规范性文件3件。
（四）政府信息公开平台建设。做好政务新媒体管理，“某某市场监管”公众号全年发布信息860余条，阅读量约12.5万次。
（五）监督保障。将政务公开纳入年度绩效考核，邀请企业代表开展社会评议，全年未发生因政务公开工作引起的责任追究情况。组织政务公开培训2期，培训80人次。与2022年相比，依申请数量下降30%。"""
PROBLEMS = (
    "2023年，我局政务公开工作取得一定成效，但仍存在一些不足：一是政策解读形式较为单一；二是基层政务公开标准化规范化水平有待提升。"
    "下一步，我局将从以下方面加以改进：一是丰富解读形式，运用图表、视频等方式解读政策；二是加强对基层的业务指导，组织专题培训。"
)
OTHER = (
    "（一）信息处理费收取情况。依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），本机关2023年未收取信息处理费。\n"
    "（二）人大代表建议和政协提案办理结果公开情况。全年办理人大代表建议15件、政协提案20件，办理结果均已公开。\n"
    "（三）落实上级年度政务公开工作要点情况。对照《2023年政务公开工作要点》，逐项细化任务并按期完成。"
)

CELLS = {
    "t3.new.natural": 20, "t3.new.commercial": 1, "t3.new.total": 21,
    "t3.carried_in.natural": 1, "t3.carried_in.total": 1,
    "t3.granted.natural": 15, "t3.granted.total": 15,
    "t3.partly_granted.natural": 2, "t3.partly_granted.total": 2,
    "t3.refused.third_party.natural": 1, "t3.refused.third_party.total": 1,
    "t3.unable.not_held.natural": 2, "t3.unable.not_held.commercial": 1, "t3.unable.not_held.total": 3,
    "t3.results_total.natural": 20, "t3.results_total.commercial": 1, "t3.results_total.total": 21,
    "t3.carried_out.natural": 1, "t3.carried_out.total": 1,
}


def realistic_report() -> Report:
    cells = {k: CellValue.of(CELLS.get(k, 0)) for k in cell_keys(FormatVersion.V2021)}
    return Report(
        agency="某某市市场监督管理局",
        issuer_kind="部门",
        year=2023,
        format=FormatVersion.V2021,
        cells=cells,
        sections=Sections(intro=INTRO, overview=OVERVIEW, active="", requests="", review_litigation="", problems=PROBLEMS, other=OTHER),
        headings=dict(PART_HEADINGS),
    )


def test_realistic_report_has_no_finding():
    assert [f.message for f in validate(realistic_report())] == []


def test_realistic_report_as_a_government_report_has_no_finding():
    report = realistic_report()
    report.issuer_kind = "人民政府"
    assert [f.message for f in validate(report)] == []


def test_one_wrong_number_in_realistic_prose_is_the_only_finding():
    report = realistic_report()
    report.sections.overview = report.sections.overview.replace("予以公开15件", "予以公开16件")
    (finding,) = validate(report)
    assert finding.code == "N-TABLE-MISMATCH" and finding.cells == ["t3.granted.total"]
    text = report.sections.overview
    assert text[finding.span.start : finding.span.end] == "予以公开16件"


def test_copied_forward_realistic_report_is_flagged_as_stale_and_similar():
    previous = realistic_report()
    report = realistic_report()
    report.year = 2024
    report.sections.intro = INTRO.replace("2023", "2024")
    found = validate(report, previous)
    codes = sorted({f.code for f in found})
    # the stale "2023年共收到…21件" is not also compared with the tables: it speaks of another year
    assert codes == ["N-SIMILAR-LAST-YEAR", "N-STALE-YEAR"]
    stale = [f for f in found if f.code == "N-STALE-YEAR"]
    assert {f.span.section for f in stale} == {"overview", "problems"}
    assert all(f.args["stated"] == 2023 for f in stale)
