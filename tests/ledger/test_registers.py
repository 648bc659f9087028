"""Registers as offices keep them (issue 24): each shape is read right, or refused with the reason.

Every workbook here is written by openpyxl (or xlwt for .xls) with the features a person
sets in Excel: hidden sheets, rows and columns, merged cells, notes above the header.
"""

from __future__ import annotations

import datetime as dt

import pytest
from assistant.errors import NianbaoError
from assistant.ledger import count_cases, count_ledger
from assistant.ledger.headers import CASE_FIELDS, LEDGER_FIELDS, find_header, header_key

D = dt.date
HEADER = ["编号", "收到日期", "申请人类型", "办理结果", "答复日期"]


def rows_2024(prefix: str, n: int, applicant: str = "自然人", result: str = "予以公开") -> list[list]:
    return [[f"{prefix}{i}", D(2024, 3, i + 1), applicant, result, D(2024, 3, i + 10)] for i in range(n)]


def _writer():
    """The benchmark's workbook writer (hidden sheets, rows, columns, merges, formats)."""
    import importlib.util
    import sys
    from pathlib import Path

    if "bench_fill" not in sys.modules:
        spec = importlib.util.spec_from_file_location("bench_fill", Path(__file__).resolve().parents[2] / "benchmarks" / "bench_fill.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules["bench_fill"] = module
        spec.loader.exec_module(module)
    return sys.modules["bench_fill"].write_book


def book(path, *sheets: dict):
    """sheets: dict(name, rows, hidden=False, hidden_rows=(), hidden_cols=(), merges=(), formats={})."""
    return _writer()(path, list(sheets))


def lines(tally) -> str:
    return "\n".join(tally.notes.lines())


# 1. A sheet that does not match is not skipped in silence


def test_quarter_sheets_with_other_header_words_are_all_read(tmp_path):
    path = book(
        tmp_path / "季度.xlsx",
        {"name": "一季度", "rows": [HEADER] + rows_2024("Q1-", 5)},
        {"name": "二季度", "rows": [["编号", "收到日期", "申请人类型", "办理结果", "答复时间"]] + rows_2024("Q2-", 8)},
        {"name": "下半年", "rows": [["编号", "收到日期", "申请人类型", "办理结果\n（按表三口径）", "答复日期"]] + rows_2024("H2-", 6)},
    )
    t = count_ledger(path, 2024)
    assert t.problems == [] and t.counts["t3.new.total"] == 19
    assert all(s.read for s in t.notes.sheets) and "「二季度」（表头在第1行，8 行）" in lines(t)


def test_notes_above_the_header_of_one_year_sheet(tmp_path):
    notes = [[f"说明第{i}条：本台账按收到日期登记。"] for i in range(1, 12)]
    path = book(
        tmp_path / "两年.xlsx",
        {"name": "2023年", "rows": [HEADER] + [["A1", D(2023, 5, 1), "自然人", "予以公开", D(2023, 5, 9)]]},
        {"name": "2024年", "rows": notes + [HEADER] + rows_2024("B", 7)},
    )
    t = count_ledger(path, 2024)
    assert t.counts["t3.new.total"] == 7 and "「2024年」（表头在第12行，7 行）" in lines(t)


def test_a_sheet_like_a_register_without_a_readable_header_stops_the_fill(tmp_path):
    path = book(
        tmp_path / "坏表头.xlsx",
        {"name": "上半年", "rows": [HEADER] + rows_2024("A", 3)},
        {"name": "下半年", "rows": [["编号", "收到日期", "申请人类型", "办理情况", "答复日期"]] + rows_2024("B", 4)},
    )
    with pytest.raises(NianbaoError) as refused:
        count_ledger(path, 2024)
    text = str(refused.value)
    assert "工作表「下半年」" in text and "第1行最像表头" in text and "办理结果" in text
    assert "答复结果" in text  # the accepted names are shown


def test_sheet_option_reads_only_the_named_sheets(tmp_path, run_cli):
    from assistant.report.io import write_report
    from assistant.report.model import blank_report

    path = book(
        tmp_path / "l.xlsx",
        {"name": "2024年", "rows": [HEADER] + rows_2024("A", 3)},
        {"name": "月报", "rows": [["月份", "说明"]] + [[D(2024, m, 1), "本月新收申请若干"] for m in range(1, 5)]},
    )
    with pytest.raises(NianbaoError) as refused:
        count_ledger(path, 2024)
    assert "工作表「月报」" in str(refused.value) and "--sheet" in str(refused.value)
    t = count_ledger(path, 2024, sheets=("2024年",))
    assert t.counts["t3.new.total"] == 3 and "「月报」（未指定读取）" in lines(t)
    with pytest.raises(NianbaoError, match="没有工作表「2025年」"):
        count_ledger(path, 2024, sheets=("2025年",))
    report = tmp_path / "r.yaml"
    write_report(blank_report(2024, "某某局", "部门"), report)
    code, out, err = run_cli("fill", report, "--ledger", path, "--sheet", "2024年")
    assert code == 0 and "本年新收 3 件" in out, err


def test_every_sheet_is_named_read_or_not(tmp_path):
    path = book(
        tmp_path / "多表.xlsx",
        {"name": "台账", "rows": [HEADER] + rows_2024("A", 2)},
        {"name": "统计", "rows": [["项目", "件数"], ["新收", 2]]},
        {"name": "空表", "rows": []},
    )
    text = lines(count_ledger(path, 2024))
    assert "「台账」（表头在第1行，2 行）" in text
    assert "「统计」（前30行中没有台账表头）" in text and "「空表」（空白）" in text


# 2. Hidden and example data are not counted


def test_hidden_sheets_hidden_rows_and_instruction_sheets_are_left_out_and_said(tmp_path):
    main = [HEADER] + rows_2024("A", 10)
    main[3][3] = "作废"  # rows 4, 6, 8 are hidden: void entries
    main[5][3] = "作废"
    main[7][3] = "作废"
    path = book(
        tmp_path / "台账.xlsx",
        {"name": "2024年", "rows": main, "hidden_rows": (4, 6, 8)},
        {"name": "误登记、已作废（不计入统计）", "rows": [HEADER] + rows_2024("X", 5), "hidden": True},
        {"name": "填写说明", "rows": [["填写说明"], HEADER] + rows_2024("例", 2)},
    )
    t = count_ledger(path, 2024)
    assert t.problems == [] and t.counts["t3.new.total"] == 7
    text = lines(t)
    assert "隐藏的 3 行未计入：第4、6、8行" in text and "--include-hidden" in text
    assert "「误登记、已作废（不计入统计）」（隐藏的工作表" in text and "「填写说明」（填写说明或示例）" in text

    with_hidden = count_ledger(path, 2024, include_hidden=True)
    assert [p.text() for p in with_hidden.problems][0].startswith("工作表「2024年」第4行「办理结果」列")


def test_hidden_rows_counted_when_asked(tmp_path):
    path = book(tmp_path / "l.xlsx", {"name": "台账", "rows": [HEADER] + rows_2024("A", 4), "hidden_rows": (3,)})
    assert count_ledger(path, 2024).counts["t3.new.total"] == 3
    assert count_ledger(path, 2024, include_hidden=True).counts["t3.new.total"] == 4


def test_rows_hidden_by_a_filter_are_not_dropped_in_silence(tmp_path):
    from openpyxl import load_workbook

    path = book(tmp_path / "l.xlsx", {"name": "台账", "rows": [HEADER] + rows_2024("A", 4), "hidden_rows": (3, 4)})
    wb = load_workbook(path)
    ws = wb["台账"]
    ws.auto_filter.ref = "A1:E5"
    ws.auto_filter.add_filter_column(1, ["2024-03-01"])
    wb.save(path)
    with pytest.raises(NianbaoError, match="设置了筛选，有 2 行被筛选隐藏（第3、4行）"):
        count_ledger(path, 2024)
    assert count_ledger(path, 2024, include_hidden=True).counts["t3.new.total"] == 4


# 3. Two columns for one field


def test_hidden_old_column_loses_to_the_visible_one_and_it_is_said(tmp_path):
    header = ["编号", "收到日期", "申请人类型", "办理结果", "办理结果（按2021版口径）", "答复日期"]
    day = D(2024, 4, 1)
    data = [[f"A{i}", day, "自然人", "同意", "本机关不掌握相关政府信息", day + dt.timedelta(days=i)] for i in range(40)]
    path = book(tmp_path / "l.xlsx", {"name": "台账", "rows": [header] + data, "hidden_cols": ("D",)})
    t = count_ledger(path, 2024)
    assert t.problems == [] and t.counts["t3.unable.not_held.total"] == 40
    assert "「办理结果」用了 E 列「办理结果（按2021版口径）」，未用隐藏的 D 列「办理结果」" in lines(t)


def test_two_visible_columns_for_one_field_are_refused(tmp_path):
    header = ["编号", "收到日期", "申请人类型", "办理结果（旧）", "办理结果（新）", "答复日期"]
    path = book(tmp_path / "l.xlsx", {"name": "台账", "rows": [header] + [["A", D(2024, 1, 2), "自然人", "x", "予以公开", D(2024, 1, 5)]]})
    with pytest.raises(NianbaoError, match="有 2 列都可以是「办理结果」：D 列「办理结果（旧）」、E 列「办理结果（新）」"):
        count_ledger(path, 2024)


def test_a_better_name_wins_over_a_row_number_and_it_is_said(tmp_path):
    header = ["序号", "申请编号", "收到日期", "申请人类型", "办理结果", "答复日期"]
    path = book(tmp_path / "l.xlsx", {"name": "台账", "rows": [header, [1, "S-1", D(2024, 1, 2), "自然人", None, None]]})
    t = count_ledger(path, 2024)
    assert "「编号」用了 B 列「申请编号」，未用 A 列「序号」" in lines(t)


def test_row_numbers_restarting_on_each_sheet_are_not_duplicates(tmp_path):
    header = ["序号", "收到日期", "申请人类型", "办理结果", "答复日期"]
    q = lambda m: [header] + [[i + 1, D(2024, m, i + 1), "自然人", None, None] for i in range(3)]  # noqa: E731
    path = book(tmp_path / "l.xlsx", {"name": "一季度", "rows": q(1)}, {"name": "二季度", "rows": q(4)})
    t = count_ledger(path, 2024)
    assert t.problems == [] and t.counts["t3.new.total"] == 6


# 4. Case years from 收案日期


def test_case_year_from_the_case_date(tmp_path):
    path = book(
        tmp_path / "案件.xlsx",
        {
            "name": "案件",
            "rows": [
                ["编号", "收案日期", "类型", "结果"],
                ["F1", D(2023, 5, 1), "行政复议", "维持"],
                ["F2", D(2024, 2, 1), "行政复议", "维持"],
                ["F3", D(2024, 9, 1), "行政复议", "尚未审结"],
                ["F4", D(2022, 9, 1), "行政复议", "纠正"],
            ],
        },
    )
    t = count_cases(path, 2024)
    assert t.problems == [] and t.counts["t4.review.total"] == 2 and t.year_from == "收案日期"


# 5. Header words


@pytest.mark.parametrize(
    "title,field",
    [
        ("申请时间", "收到日期"), ("受理日期", "收到日期"), ("登记日期", "收到日期"), ("收到日期", "收到日期"),
        ("申请人性质", "申请人类型"), ("申请主体", "申请人类型"),
        ("答复结果", "办理结果"), ("处理结果", "办理结果"), ("答复类型", "办理结果"), ("办理结果\n（按表三口径）", "办理结果"),
        ("答复时间", "答复日期"), ("序号", "编号"), ("*编号", "编号"), ("３．答复日期", "答复日期"),
    ],
)
def test_accepted_header_names(title, field):
    names = {f.name: {header_key(n) for n in f.names} for f in LEDGER_FIELDS}
    assert header_key(title) in names[field]
    others = [f for f, ns in names.items() if f != field and header_key(title) in ns]
    assert others == []


def test_the_name_tables_do_not_overlap():
    for fields in (LEDGER_FIELDS, CASE_FIELDS):
        seen: dict[str, str] = {}
        for f in fields:
            for name in f.names:
                assert seen.setdefault(header_key(name), f.name) == f.name, name


def test_two_level_merged_header(tmp_path):
    top = ["编号", "申请情况", None, None, "办理情况", None]
    sub = [None, "收到日期", "申请人", "申请人类型", "办理结果", "答复日期"]
    data = [["A1", D(2024, 5, 1), "张三", "自然人", "予以公开", D(2024, 5, 3)]]
    path = book(tmp_path / "l.xlsx", {"name": "台账", "rows": [["某局依申请公开登记台账"], top, sub] + data,
                                      "merges": ("A2:A3", "B2:D2", "E2:F2")})
    t = count_ledger(path, 2024)
    assert t.problems == [] and t.counts["t3.granted.natural"] == 1 and "（表头在第3行，1 行）" in lines(t)


def test_two_level_header_without_merge_information(tmp_path, write_csv):
    top = ["编号", "申请情况", None, None, "办理情况", None]
    sub = [None, "收到日期", "申请人", "申请人类型", "办理结果", "答复日期"]
    path = write_csv(tmp_path / "l.csv", [top, sub, ["A1", "2024-05-01", "张三", "自然人", "予以公开", "2024-05-03"]])
    t = count_ledger(path, 2024)
    assert t.problems == [] and t.counts["t3.granted.natural"] == 1 and t.notes.sheets[0].header == "第1–2行"


def test_missing_column_error_names_the_header_row_not_the_title(tmp_path):
    rows = [["某某局2024年政府信息公开申请登记台账"], ["编号", "收到日期", "申请人", "办理结果", "答复日期"], ["A1", D(2024, 1, 1), "张三", None, None]]
    path = book(tmp_path / "l.xlsx", {"name": "台账", "rows": rows})
    with pytest.raises(NianbaoError) as refused:
        count_ledger(path, 2024)
    text = str(refused.value)
    assert "第2行最像表头" in text and "缺少列「申请人类型」" in text
    assert "「申请人类型」可写作：申请人类型、申请人性质、申请主体" in text


# 6. Office words


def test_office_words_are_read_and_each_mapping_counted(tmp_path):
    data = (
        [[f"A{i}", D(2024, 1, 2), "个人", "已公开", D(2024, 1, 5)] for i in range(3)]
        + [["B1", D(2024, 1, 2), "律所", "信息不存在", D(2024, 1, 5)], ["B2", D(2024, 1, 2), "高校", "逾期未补正", D(2024, 1, 5)]]
        + [["B3", D(2024, 1, 2), "协会", "申请人撤回", D(2024, 1, 5)], ["B4", D(2024, 1, 2), "公司", "同意公开", D(2024, 1, 5)]]
    )
    path = book(tmp_path / "l.xlsx", {"name": "台账", "rows": [HEADER] + data})
    t = count_ledger(path, 2024)
    c = t.counts
    assert t.problems == [] and c["t3.granted.natural"] == 3 and c["t3.granted.commercial"] == 1
    assert c["t3.unable.not_held.legal_service"] == 1 and c["t3.other.no_correction.research"] == 1
    assert c["t3.other.other.public_interest"] == 1
    mapped = t.words.lines()
    assert "「申请人类型」列「个人」按「自然人」计 3 行" in mapped and "「办理结果」列「已公开」按「予以公开」计 3 行" in mapped


def test_office_additions_file_next_to_the_register(tmp_path):
    (tmp_path / "台账用语.csv").write_text("列,写法,含义\n申请人类型,村民,自然人\n办理结果,已答复-公开,予以公开\n", encoding="utf-8")
    path = book(tmp_path / "l.xlsx", {"name": "台账", "rows": [HEADER, ["A", D(2024, 1, 2), "村民", "已答复-公开", D(2024, 1, 4)]]})
    t = count_ledger(path, 2024)
    assert t.problems == [] and t.counts["t3.granted.natural"] == 1
    assert "「申请人类型」列「村民」按「自然人」计 1 行（台账用语.csv）" in t.words.lines()


def test_void_entries_marked_by_the_office_are_left_out_and_counted(tmp_path):
    (tmp_path / "台账用语.csv").write_text("列,写法,含义\n办理结果,作废,不计入\n", encoding="utf-8")
    rows = [HEADER] + rows_2024("A", 3) + [["A0", D(2024, 5, 1), "自然人", "作废", None]]  # reuses A0: void
    path = book(tmp_path / "l.xlsx", {"name": "台账", "rows": rows})
    t = count_ledger(path, 2024)
    assert t.problems == [] and t.counts["t3.new.total"] == 3
    assert "「办理结果」列「作废」不计入 1 行（台账用语.csv）" in t.words.lines()


def test_a_bad_office_words_file_is_refused_by_line(tmp_path):
    (tmp_path / "台账用语.csv").write_text("申请人类型,村民,老百姓\n", encoding="utf-8")
    path = book(tmp_path / "l.xlsx", {"name": "台账", "rows": [HEADER, ["A", D(2024, 1, 2), "村民", None, None]]})
    with pytest.raises(NianbaoError) as refused:
        count_ledger(path, 2024)
    assert refused.value.line == 1 and "老百姓" in refused.value.message


def test_an_unknown_word_is_one_problem_with_its_rows(tmp_path):
    data = [[f"A{i}", D(2024, 1, 2), "群体" if i % 2 else "自然人", None, None] for i in range(200)]
    path = book(tmp_path / "l.xlsx", {"name": "台账", "rows": [HEADER] + data})
    [problem] = count_ledger(path, 2024).problems
    assert problem.count == 100 and "不认识的申请人类型「群体」" in problem.text()
    assert "（共 100 行：第3行、第5行" in problem.text() and "台账用语.csv" in problem.text()


# 7. Dates


def test_compact_dates_and_dates_with_times(tmp_path):
    data = [
        ["A1", "20240305", "自然人", "予以公开", 20240306],
        ["A2", dt.datetime(2023, 12, 31, 17, 30), "自然人", "予以公开", dt.datetime(2024, 1, 2, 9, 0)],
        ["A3", 45291.7291, "自然人", None, None],  # a day number with its time, the date format lost
    ]
    path = book(tmp_path / "l.xlsx", {"name": "台账", "rows": [HEADER] + data,
                                      "formats": {"B3": 'yyyy"年"m"月"d"日" h:mm', "E3": "[$-804]yyyy年m月d日 h:mm"}})
    t = count_ledger(path, 2024)
    assert t.problems == [] and t.counts["t3.new.total"] == 1 and t.counts["t3.carried_in.total"] == 2
    assert t.counts["t3.carried_out.total"] == 1  # A3: 2023-12-31, still open


def test_day_month_order_is_refused_with_the_reason(tmp_path, write_csv):
    path = write_csv(tmp_path / "l.csv", [HEADER, ["A1", "3/5/2024", "自然人", None, None], ["A2", "4/6/2024", "自然人", None, None]])
    [problem] = count_ledger(path, 2024).problems
    assert "「3/5/2024」不是日期：月和日的先后无法确定" in problem.text() and problem.count == 2


# 8. Merged cells, 合计 and signature lines, pending words


def test_merged_applicant_type_total_row_signatures_and_pending(tmp_path):
    data = [
        ["A1", D(2024, 2, 1), "商业企业", "予以公开", D(2024, 2, 3)],
        ["A2", D(2024, 2, 1), None, "予以公开", D(2024, 2, 3)],
        ["A3", D(2024, 2, 1), None, "正在办理", None],
        ["合计", None, None, "3件", None],
        [None],
        ["填表人：张三", None, "审核人：李四", None, "填表日期：2025年1月5日"],
    ]
    path = book(tmp_path / "l.xlsx", {"name": "台账", "rows": [HEADER] + data, "merges": ("C2:C4",)})
    t = count_ledger(path, 2024)
    assert t.problems == [] and t.counts["t3.new.commercial"] == 3
    assert t.counts["t3.granted.commercial"] == 2 and t.counts["t3.carried_out.commercial"] == 1
    text = lines(t)
    assert "合计行已跳过：第5行" in text and "签名行已跳过：第7行" in text
    assert "「办理结果」列「正在办理」按尚未办结计 1 行" in t.words.lines()


def test_a_header_repeated_inside_the_table_is_skipped_with_a_note(tmp_path, write_csv):
    path = write_csv(tmp_path / "l.csv", [HEADER, ["A1", "2024-01-02", "自然人", None, None], HEADER, ["A2", "2024-04-02", "自然人", None, None]])
    t = count_ledger(path, 2024)
    assert t.problems == [] and t.counts["t3.new.total"] == 2 and "重复的表头行已跳过：第3行" in lines(t)


# 9. Old files


def _xls(path, hidden_row: int | None = None, hidden_sheet: bool = False):
    xlwt = pytest.importorskip("xlwt")
    wb = xlwt.Workbook()
    ws = wb.add_sheet("台账")
    dates = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    for c, title in enumerate(HEADER):
        ws.write(0, c, title)
    for r, row in enumerate(rows_2024("X", 4), start=1):
        for c, value in enumerate(row):
            ws.write(r, c, value, dates if isinstance(value, dt.date) else xlwt.Style.default_style)
    if hidden_row is not None:
        ws.row(hidden_row - 1).hidden = True
    if hidden_sheet:
        other = wb.add_sheet("作废")
        for c, title in enumerate(HEADER):
            other.write(0, c, title)
        other.write(1, 0, "Z")
        other.visibility = 1
    wb.save(str(path))
    return path


def test_xls_and_et_are_read_with_hidden_rows_and_sheets(tmp_path):
    xls = _xls(tmp_path / "旧台账.xls", hidden_row=3, hidden_sheet=True)
    t = count_ledger(xls, 2024)
    assert t.problems == [] and t.counts["t3.new.total"] == 3
    assert "隐藏的 1 行未计入：第3行" in lines(t) and "「作废」（隐藏的工作表" in lines(t)
    et = tmp_path / "台账.et"
    et.write_bytes(xls.read_bytes())
    assert count_ledger(et, 2024).counts["t3.new.total"] == 3


def test_xls_renamed_to_xlsx_is_read_with_a_chinese_note(tmp_path):
    renamed = tmp_path / "台账.xlsx"
    renamed.write_bytes(_xls(tmp_path / "a.xls").read_bytes())
    t = count_ledger(renamed, 2024)
    assert t.counts["t3.new.total"] == 4 and "内容实际是 Excel 97-2003 格式（.xls）" in lines(t)


def test_not_a_spreadsheet_gets_a_chinese_message(tmp_path):
    bad = tmp_path / "台账.xlsx"
    bad.write_bytes(b"\x00\x01 definitely not a workbook")
    with pytest.raises(NianbaoError, match="不是 Excel 或 WPS 表格"):
        count_ledger(bad, 2024)


# issue 15: hostile or unlucky files


def test_a_csv_field_over_128_kb_is_a_clear_message(tmp_path):
    path = tmp_path / "l.csv"
    path.write_text(",".join(HEADER) + '\nA1,2024-01-02,"' + "很长" * 70_000 + '",,\n', encoding="utf-8")
    with pytest.raises(NianbaoError, match="第2行有一个字段超过 128 KB"):
        count_ledger(path, 2024)


def test_formulas_without_saved_results_tell_the_user_to_save_in_excel(tmp_path):
    path = book(tmp_path / "l.xlsx", {"name": "台账", "rows": [HEADER] + [
        ["A1", D(2024, 1, 2), "自然人", "予以公开", "=B2+3"],
        ["A2", D(2024, 1, 2), "自然人", "予以公开", "=B3+3"],
    ]})  # openpyxl writes formulas without results, like many generated files
    [problem] = count_ledger(path, 2024).problems
    assert problem.place.column == "答复日期" and problem.count == 2
    assert "没有保存公式的计算结果" in problem.text() and "Excel 或 WPS 打开这个文件，保存后再试" in problem.text()


# the summary of every fill, and the docs


def test_fill_summary_names_sheets_hidden_rows_and_words(tmp_path, run_cli):
    from assistant.report.io import write_report
    from assistant.report.model import blank_report

    data = [HEADER] + [[f"A{i}", D(2024, 3, 1), "个人", "已公开", D(2024, 3, 5)] for i in range(4)]
    ledger = book(
        tmp_path / "l.xlsx",
        {"name": "2024年", "rows": data, "hidden_rows": (5,)},
        {"name": "填写说明", "rows": [["说明"]]},
        {"name": "旧表", "rows": [HEADER] + rows_2024("X", 2), "hidden": True},
    )
    report = tmp_path / "r.yaml"
    write_report(blank_report(2024, "某某局", "部门"), report)
    code, out, err = run_cli("fill", report, "--ledger", ledger)
    assert code == 0, err
    assert "台账 读取的工作表：「2024年」（表头在第1行，3 行）" in out
    assert "未读取的工作表：「填写说明」（填写说明或示例）、「旧表」（隐藏的工作表" in out
    assert "工作表「2024年」隐藏的 1 行未计入：第5行" in out
    assert "「申请人类型」列「个人」按「自然人」计 3 行" in out and "本年新收 3 件" in out
    code, out, err = run_cli("fill", report, "--ledger", ledger, "--include-hidden", "--overwrite")
    assert code == 0, err
    assert "本年新收 6 件" in out and "未计入" not in out and "「旧表」（表头在第1行，2 行）" in out


def test_docs_list_every_accepted_header_name_and_office_word():
    from pathlib import Path

    from assistant.ledger.words import APPLICANT_WORDS, PENDING_WORDS, RESULT_WORDS

    doc = (Path(__file__).resolve().parents[2] / "docs" / "ledger.md").read_text(encoding="utf-8")
    for f in LEDGER_FIELDS + CASE_FIELDS:
        assert "、".join(f.names) in doc, f.name
    for word in list(APPLICANT_WORDS) + list(RESULT_WORDS) + list(PENDING_WORDS):
        assert word in doc, word


def test_a_huge_merged_range_does_not_widen_every_row(tmp_path):
    import zipfile

    good = book(tmp_path / "good.xlsx", {"name": "台账", "rows": [HEADER] + rows_2024("A", 3)})
    path = tmp_path / "l.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":  # written by hand: openpyxl would build every cell
                data = data.replace(b"</sheetData>", b'</sheetData><mergeCells count="1"><mergeCell ref="F1:XFD1048576"/></mergeCells>')
            dst.writestr(item, data)
    t = count_ledger(path, 2024)
    assert t.problems == [] and t.counts["t3.new.total"] == 3


def test_a_zip_bomb_is_refused_before_reading(tmp_path):
    import zipfile

    good = book(tmp_path / "good.xlsx", {"name": "台账", "rows": [HEADER] + rows_2024("A", 1)})
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item.filename, src.read(item.filename), zipfile.ZIP_DEFLATED)
        dst.writestr("xl/padding.xml", b" " * (80 << 20), zipfile.ZIP_DEFLATED)
    with pytest.raises(NianbaoError, match="解压后过大"):
        count_ledger(bomb, 2024)
