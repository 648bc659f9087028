import datetime as dt

import pytest

from assistant.errors import NianbaoError
from assistant.ledger import count_ledger, read_ledger
from assistant.report.format import FormatVersion

D = dt.date
HEADER = ["编号", "收到日期", "申请人类型", "办理结果", "答复日期", "申请内容"]


def problems_of(path):
    return [p for _, ps in read_ledger(path) for p in ps]


def test_every_bad_row_kind_is_named_with_sheet_row_and_column(tmp_path, write_xlsx):
    path = write_xlsx(
        tmp_path / "台账.xlsx",
        [
            HEADER,
            ["A1", D(2022, 1, 5), "自然人", "予以公开", D(2022, 1, 20), "好的一行"],
            ["A2", D(2022, 1, 6), "外星人", "予以公开", D(2022, 1, 20), None],
            ["A3", D(2022, 1, 7), "自然人", "随便处理", D(2022, 1, 20), None],
            ["A4", "去年春天", "自然人", "予以公开", D(2022, 1, 20), None],
            ["A5", D(2022, 3, 1), "自然人", "予以公开", D(2022, 2, 1), None],
            ["A1", D(2022, 3, 2), "商业企业", "予以公开", D(2022, 3, 9), None],
            ["A7", D(2022, 3, 3), "自然人", "予以公开", None, None],
            ["A8", D(2022, 3, 4), "自然人", None, D(2022, 3, 9), None],
        ],
        sheet="2022年",
    )
    texts = [p.text() for p in problems_of(path)]
    assert len(texts) == 7, texts

    def one(fragment):
        found = [t for t in texts if fragment in t]
        assert len(found) == 1, (fragment, texts)
        return found[0]

    assert one("外星人").startswith("工作表「2022年」第3行「申请人类型」列（C列）")
    assert one("随便处理").startswith("工作表「2022年」第4行「办理结果」列（D列）")
    assert one("去年春天").startswith("工作表「2022年」第5行「收到日期」列（B列）")
    assert "不是日期" in one("去年春天")
    early = one("早于收到日期")
    assert early.startswith("工作表「2022年」第6行「答复日期」列（E列）") and "2022-02-01" in early
    dup = one("重复")
    assert dup.startswith("工作表「2022年」第7行「编号」列（A列）") and "第2行" in dup
    assert one("尚未答复").startswith("工作表「2022年」第8行「办理结果」列")
    assert one("办理结果为空").startswith("工作表「2022年」第9行「办理结果」列")


def test_good_rows_are_read_with_columns_in_any_order_and_a_title_line(tmp_path, write_xlsx):
    path = write_xlsx(
        tmp_path / "l.xlsx",
        [
            ["某某局依申请公开台账"],
            ["备注", "答复日期", "办理结果", "申请人类型", "收到日期", "编号"],
            ["x", "2022年3月5日", "refused.third_party", "法律服务机构", "2022/2/27", 17],
            [None, None, None, None, None, None],
            [None, None, None, "商业企业", "2022-12-30", "B-2"],
        ],
    )
    apps = [a for a, ps in read_ledger(path) if not ps]
    assert [(a.id, a.applicant, a.result, a.received, a.answered) for a in apps] == [
        ("17", "legal_service", "refused.third_party", D(2022, 2, 27), D(2022, 3, 5)),
        ("B-2", "commercial", None, D(2022, 12, 30), None),
    ]
    assert apps[1].place.row == 5  # the empty row 4 is skipped but rows keep their numbers


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_csv_in_each_encoding(tmp_path, write_csv, encoding):
    path = write_csv(
        tmp_path / "l.csv",
        [HEADER, ["1", "2022-01-03", "社会公益组织", "本机关不掌握相关政府信息", "2022-01-10", "申请公开某某文件"]],
        encoding,
    )
    [(app, problems)] = list(read_ledger(path))
    assert problems == [] and app.applicant == "public_interest" and app.result == "unable.not_held"


def test_csv_problem_names_row_and_column_without_sheet(tmp_path, write_csv):
    path = write_csv(tmp_path / "l.csv", [HEADER, ["1", "2022-13-40", "自然人", None, None, None]])
    [p] = problems_of(path)
    assert p.text().startswith("第2行「收到日期」列：") and "2022-13-40" in p.text()


def test_missing_header_column_is_named(tmp_path, write_csv):
    path = write_csv(tmp_path / "l.csv", [["编号", "收到日期", "申请人", "办理结果", "答复日期"], ["1"]])
    with pytest.raises(NianbaoError) as err:
        list(read_ledger(path))
    assert "申请人类型" in err.value.message and err.value.file == str(path)


def test_unknown_file_kind_and_broken_xlsx(tmp_path):
    doc = tmp_path / "台账.docx"
    doc.write_bytes(b"x")
    with pytest.raises(NianbaoError, match="docx"):
        list(read_ledger(doc))
    bad = tmp_path / "坏.xlsx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(NianbaoError, match="xlsx"):
        list(read_ledger(bad))


@pytest.mark.parametrize(
    "text,key",
    [
        ("保护第三方合法权益", "refused.third_party"),
        ("本机关不掌握相关政府信息", "unable.not_held"),
        ("予以公开", "granted"),
        ("部分公开", "partly_granted"),
        ("部分公开（区分处理的，只计这一情形，不计其他情形）", "partly_granted"),
        ("其他", "other.other"),
        ("危及“三安全一稳定”", "refused.security_stability"),
        ("not_processed.repeated", "not_processed.repeated"),
        ("申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "other.fee_unpaid"),
    ],
)
def test_result_names(tmp_path, write_csv, text, key):
    path = write_csv(tmp_path / "l.csv", [HEADER, ["1", "2022-01-03", "自然人", text, "2022-01-10", None]])
    [(app, problems)] = list(read_ledger(path))
    assert problems == [] and app.result == key


def test_2019_year_collapses_the_other_results_and_2021_refuses_the_2019_row(tmp_path, write_csv):
    path = write_csv(
        tmp_path / "l.csv",
        [
            HEADER,
            ["1", "2020-01-03", "自然人", "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "2020-01-10"],
            ["2", "2020-02-03", "商业企业", "其他", "2020-02-10"],
            ["3", "2021-02-03", "商业企业", "其他处理", "2021-02-10"],
        ],
    )
    t2020 = count_ledger(path, 2020)
    assert t2020.version is FormatVersion.V2019 and t2020.problems == []
    assert t2020.counts["t3.other.total"] == 2 and t2020.counts["t3.other.commercial"] == 1
    t2021 = count_ledger(path, 2021)
    [problem] = t2021.problems
    assert problem.place.row == 4 and problem.place.column == "办理结果" and "2019 版" in problem.message


def test_excel_serial_number_dates_are_dates(tmp_path, write_xlsx):
    path = write_xlsx(tmp_path / "l.xlsx", [HEADER, ["1", 44931, "自然人", "予以公开", 44935.0, None]])
    [(app, problems)] = list(read_ledger(path))
    from openpyxl.utils.datetime import from_excel

    assert from_excel(44927).date() == D(2023, 1, 1)  # Excel's own reading of the day numbers
    assert problems == [] and app.received == D(2023, 1, 5) and app.answered == D(2023, 1, 9)


def test_all_ledger_sheets_of_a_workbook_are_read_and_duplicates_found_across_them(tmp_path, write_xlsx):
    path = write_xlsx(
        tmp_path / "l.xlsx",
        [HEADER, ["1", D(2021, 5, 1), "自然人", "予以公开", D(2021, 5, 9)]],
        sheet="2021年",
        extra_sheets={
            "说明": [["这张表不是台账"]],
            "2022年": [HEADER, ["2", D(2022, 5, 1), "自然人", None, None], ["1", D(2022, 6, 1), "自然人", None, None]],
        },
    )
    results = list(read_ledger(path))
    assert [a.id for a, ps in results if not ps] == ["1", "2"]
    [dup] = [p for _, ps in results for p in ps]
    assert dup.place.sheet == "2022年" and dup.place.row == 3 and "工作表「2021年」第2行" in dup.message


def test_rows_beyond_a_wrong_sheet_dimension_are_still_read(tmp_path, write_xlsx):
    import re
    import zipfile

    good = write_xlsx(tmp_path / "good.xlsx", [HEADER] + [[str(i), D(2022, 1, i), "自然人", None, None] for i in range(1, 6)])
    lying = tmp_path / "lying.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(lying, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data, n = re.subn(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:C2"', data)
                assert n == 1
            dst.writestr(item, data)
    assert [a.id for a, _ in read_ledger(lying)] == ["1", "2", "3", "4", "5"]
