"""The ledger template workbook: 台账 sheet with dropdowns and date formats, 填写说明, and a
hidden 选项 sheet holding the dropdown lists (Excel caps inline lists at 255 characters)."""

from __future__ import annotations

from pathlib import Path

from ..report.format import FormatVersion
from .vocab import (
    APPLICANT_LABELS,
    COL_ANSWERED,
    COL_APPLICANT,
    COL_RECEIVED,
    COL_RESULT,
    FREE_COLUMNS,
    LEDGER_COLUMNS,
    result_labels,
)

SHEET = "台账"
HELP_SHEET = "填写说明"
LIST_SHEET = "选项"
ROWS = 5000  # rows prepared with dropdowns and date formats
DATE_FORMAT = "yyyy-mm-dd"
HEADERS = LEDGER_COLUMNS + FREE_COLUMNS


def instructions(year: int, version: FormatVersion) -> list[str]:
    return [
        "依申请公开台账 填写说明",
        "",
        "1. 每件政府信息公开申请填一行。「编号」不能重复，「收到日期」「申请人类型」必填。",
        "2. 「申请人类型」从下拉列表中选：" + "、".join(APPLICANT_LABELS.values()) + "。",
        "3. 「办理结果」从下拉列表中选，与年报表三的结果行一一对应；"
        "「其他处理」类中的「其他」即表三「3.其他」。也可填表三的行代码，如 refused.third_party。",
        "4. 日期填成日期格式，或写成 2022-03-15、2022年3月15日、2022/3/15。",
        "5. 尚未办结的申请：「答复日期」和「办理结果」都留空；办结后两项都要填。",
        "6. 「申请人」「申请内容」「备注」等其他列可以自由增加，程序不使用。列的顺序可以调整，但表头名称不能改。",
        f"7. 本模板按 {year} 年度适用的 {version.value} 版年报格式列出办理结果"
        + ("（2019 版「其他处理」只有一行）" if version is FormatVersion.V2019 else "") + "。",
        "8. 年底填报：nianbao fill 报告.yaml --ledger 本台账.xlsx，程序按收到日期和答复日期计算"
        "本年新收、上年结转、办理结果和结转下年度，表三的勾稽关系自然成立。",
        "9. 一个文件可以有多个工作表（如每年一张），只要表头相同，程序会全部读取。",
    ]


def write_template(path: str | Path, year: int) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    version = FormatVersion.for_year(year)
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append(list(HEADERS))
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for cell in ws[1]:
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(horizontal="center")
    ws.freeze_panes = "A2"
    letter = {name: get_column_letter(i + 1) for i, name in enumerate(HEADERS)}
    widths = {COL_RESULT: 40, "申请内容": 40, "备注": 24}
    for name, col in letter.items():
        ws.column_dimensions[col].width = widths.get(name, 14)

    lists = wb.create_sheet(LIST_SHEET)
    lists.append(["申请人类型", "办理结果"])
    applicants, results = list(APPLICANT_LABELS.values()), result_labels(version)
    for i in range(max(len(applicants), len(results))):
        lists.append([applicants[i] if i < len(applicants) else None, results[i] if i < len(results) else None])
    lists.sheet_state = "hidden"

    def dropdown(column: str, list_col: str, count: int, title: str) -> None:
        dv = DataValidation(
            type="list",
            formula1=f"'{LIST_SHEET}'!${list_col}$2:${list_col}${count + 1}",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=title,
            error=f"请从下拉列表中选择{title}",
            promptTitle=title,
            prompt=f"请从下拉列表中选择{title}",
            showInputMessage=True,
        )
        dv.add(f"{letter[column]}2:{letter[column]}{ROWS + 1}")
        ws.add_data_validation(dv)

    dropdown(COL_APPLICANT, "A", len(applicants), "申请人类型")
    dropdown(COL_RESULT, "B", len(results), "办理结果")
    for column in (COL_RECEIVED, COL_ANSWERED):
        dv = DataValidation(
            type="date",
            operator="greaterThan",
            formula1="36526",  # 2000-01-01: any real date passes, text does not
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="日期",
            error="请填写日期，如 2022-03-15",
        )
        dv.add(f"{letter[column]}2:{letter[column]}{ROWS + 1}")
        ws.add_data_validation(dv)
        for row in range(2, ROWS + 2):
            ws[f"{letter[column]}{row}"].number_format = DATE_FORMAT

    help_ws = wb.create_sheet(HELP_SHEET)
    for line in instructions(year, version):
        help_ws.append([line])
    help_ws["A1"].font = Font(bold=True, size=14)
    help_ws.column_dimensions["A"].width = 110

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp.xlsx")
    wb.save(tmp)
    tmp.replace(path)
    return path
