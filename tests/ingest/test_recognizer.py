"""Recognizer details: label variants, values in the wild, run-together cells."""

from __future__ import annotations

from decimal import Decimal

from import_paths import SAMPLE_TXT

from assistant.ingest import import_document
from assistant.ingest.document import Where
from assistant.ingest.recognition.labels import match_t2, match_t3
from assistant.ingest.recognition.recognize import fit
from assistant.ingest.readers.text import text_document
from assistant.ingest.recognition.tokens import Token, cell_value, norm


def tok(text: str) -> Token:
    return Token(text, Where(kind="text", start=0, end=len(text)), 0)


def test_label_variants_match_the_same_rows():
    assert match_t3(norm("一、本年新收政府信息公开申请数量")) == "new"
    assert match_t3(norm("一、 本年新收政府 信息公开申请数量")) == "new"
    assert match_t3(norm("(二)部分公开(区分处理的,只计这一情形,不计其他情形)")) == "partly_granted"
    assert match_t3(norm("3.危及\"三安全一稳定\"")) == "refused.security_stability"
    assert match_t3(norm("2.其他法律行政止公开")) == "refused.law_prohibited"  # misprint in a real report
    assert match_t3(norm("（三）不予公开")) == "group:refused"
    assert match_t3(norm("（一）予以公开")) == "granted"
    assert match_t3(norm("其他")) is None  # the column header
    assert match_t3(norm("3.其他")) == "other.other"
    assert match_t3(norm("总计")) is None
    assert match_t3(norm("（七）总计")) == "results_total"
    assert match_t2(norm("行政规范性文件")) == "normative_docs"
    assert match_t2(norm("规 章")) == "rules"
    # prose mentioning a label is not a row
    assert match_t3(norm("本机关坚持依法依规做好予以公开和部分公开的答复工作，确保群众满意，全年未发生差错。")) is None


def test_values_as_printed_in_the_wild():
    assert cell_value("１２").number == Decimal(12)
    assert cell_value("1,234").number == Decimal(1234)
    assert cell_value("12.50").number == Decimal("12.50")
    assert cell_value("三").number == Decimal(3)
    assert cell_value("十二").number == Decimal(12)
    assert cell_value("5件").number == Decimal(5)
    assert cell_value("/").na_mark == "/"
    assert cell_value("—").na_mark == "—"
    assert cell_value("无").na_mark == "无"
    assert cell_value("").is_blank
    assert cell_value("规章") is None


def test_run_together_digits_split_only_when_unambiguous():
    fitted = fit([tok("000")], 3)
    assert [t.text for t in fitted] == ["0", "0", "0"]
    assert [t.where.start for t in fitted] == [0, 1, 2]
    assert isinstance(fit([tok("1200")], 3), str)  # 12,0,0 or 1,20,0 or 1,2,00
    assert isinstance(fit([tok("1"), tok("2")], 3), str)  # a missing cell: which one?
    assert [t.text for t in fit([tok("1"), tok(""), tok("")], 1)] == ["1"]  # blank padding
    check = lambda ts: int(ts[0].text) + int(ts[1].text) == int(ts[2].text)  # noqa: E731
    assert isinstance(fit([tok("12"), tok("2")], 3, check), str)  # 1+2 != 2: refuse


def _doc(text: str):
    return text_document(text, "测试.txt")


def _report_text(t2_lines: str) -> str:
    sample = SAMPLE_TXT.read_text(encoding="utf-8")
    start = sample.index("二、主动公开政府信息情况\n") + len("二、主动公开政府信息情况\n")
    end = sample.index("三、收到和处理政府信息公开申请情况")
    return sample[:start] + t2_lines + "\n" + sample[end:]


def test_flattened_table_two_with_glued_labels_and_spaces():
    t2 = (
        "第二十条第（一）项\n信息内容 本年制发件数 本年废止件数 现行有效件数\n"
        "规章000\n行政规范性文件 2 1 15\n"
        "第二十条第（五）项\n行政许可 1,208\n第二十条第（六）项\n行政处罚 ３\n行政强制 —\n"
        "第二十条第（八）项\n行政事业性收费 12.50\n"
    )
    result = import_document(_doc(_report_text(t2)))
    cells = result.report.cells
    assert [cells[f"t2.rules.{c}"].as_int() for c in ("issued", "repealed", "in_force")] == [0, 0, 0]
    assert [cells[f"t2.normative_docs.{c}"].as_int() for c in ("issued", "repealed", "in_force")] == [2, 1, 15]
    assert cells["t2.licensing.decisions"].as_int() == 1208
    assert cells["t2.punishment.decisions"].as_int() == 3
    assert cells["t2.coercion.decisions"].na_mark == "—"
    assert cells["t2.fees.amount"].display() == "12.50"
    assert result.summary.cells_read == 200


def test_extra_row_is_reported_and_not_forced_into_cells():
    sample = SAMPLE_TXT.read_text(encoding="utf-8")
    extra = "\t9.属于其他不予公开情形\n" + "\t1\n" * 7 + "\n"
    at = sample.index("\t（四）无法提供")
    result = import_document(_doc(sample[:at] + extra + sample[at:]))
    assert result.summary.cells_read == 200
    assert all(v.number == 0 for v in result.report.cells.values())
    (finding,) = [f for f in result.findings if "多出一行" in f.message]
    assert "9.属于其他不予公开情形" in finding.message


def test_a_row_missing_from_a_table_is_named():
    sample = SAMPLE_TXT.read_text(encoding="utf-8")
    row = "\t行政强制\n\t0\n\n"
    assert row in sample
    result = import_document(_doc(sample.replace(row, "", 1)))
    assert result.report.cells["t2.coercion.decisions"].is_blank
    (finding,) = [f for f in result.findings if f.code == "IMPORT-NOT-FOUND"]
    assert finding.cells == ["t2.coercion.decisions"] and "行政强制" in finding.message
    assert result.summary.not_found == ["t2.coercion.decisions"]


def test_group_subtotals_are_reported_not_read():
    sample = SAMPLE_TXT.read_text(encoding="utf-8")
    for group in ("（三）不予公开", "（六）其他处理"):
        assert f"\t{group}\n" in sample
        sample = sample.replace(f"\t{group}\n", f"\t{group}\t5\t0\t0\t0\t0\t0\t5\n", 1)
    result = import_document(_doc(sample))
    assert result.summary.cells_read == 200
    assert all(v.number == 0 for v in result.report.cells.values())
    notes = [f.message for f in result.findings]
    assert len(notes) == 2 and all("分组标题" in m for m in notes)


def test_issuer_kind_from_the_agency_name():
    from assistant.ingest.recognition.narrative import issuer_kind_of

    assert issuer_kind_of("某某区人民政府") == "人民政府"
    assert issuer_kind_of("某某经济开发区管委会") == "人民政府"
    assert issuer_kind_of("某某县") == "人民政府"
    assert issuer_kind_of("某某区人民政府办公室") == "部门"
    assert issuer_kind_of("中韩示范区党政综合办公室") == "部门"
    assert issuer_kind_of("某某市财政局") == "部门"


import pytest  # noqa: E402


@pytest.mark.parametrize(
    "title, agency, year",
    [
        ("北京市朝阳区人民政府2021年政府信息公开工作年度报告", "北京市朝阳区人民政府", 2021),
        ("2022年北京市朝阳区人民政府政府信息公开工作年度报告", "北京市朝阳区人民政府", 2022),
        ("某市财政局2020年度政府信息公开工作年度报告", "某市财政局", 2020),
        ("关于某县教育局2023年政府信息公开工作年度报告", "某县教育局", 2023),
        ("某区卫生健康委员会政府信息公开工作2024年度报告", "某区卫生健康委员会", 2024),
    ],
)
def test_agency_and_year_from_the_title(title, agency, year):
    sample = SAMPLE_TXT.read_text(encoding="utf-8")
    first, rest = sample.split("\n", 1)
    rest = rest.replace("现公布2021年中韩示范区党政综合办公室政府信息公开工作年度报告", "现公布本机关年度报告")
    result = import_document(_doc(title + "\n" + rest))
    assert (result.report.agency, result.report.year) == (agency, year)


def test_rows_of_na_words_in_flattened_text():
    t2 = (
        "第二十条第（一）项\n信息内容 本年制发件数 本年废止件数 现行有效件数\n"
        "规章 无 无 无\n行政规范性文件 2 1 15\n"
        "第二十条第（五）项\n行政许可 1\n第二十条第（六）项\n行政处罚 3\n行政强制 0\n"
        "第二十条第（八）项\n行政事业性收费 不适用\n"
    )
    cells = import_document(_doc(_report_text(t2))).report.cells
    assert [cells[f"t2.rules.{c}"].na_mark for c in ("issued", "repealed", "in_force")] == ["无", "无", "无"]
    assert cells["t2.fees.amount"].na_mark == "不适用"
