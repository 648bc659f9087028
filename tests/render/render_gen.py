"""Random consistent reports for the render tests (hypothesis strategies and builders).

Consistent = every arithmetic rule holds (row totals, results total, 勾稽 balance,
表四 block totals), so the report renders as a final copy. Section text is plain
Chinese prose without digits (no narrative figure can contradict a table cell).
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from assistant.report.cells import CellValue
from assistant.report.format import (
    PART_HEADINGS,
    PART_KEYS,
    T3_APPLICANT_COLUMNS,
    T4_BLOCKS,
    FormatVersion,
    cell_specs,
    t2_rows,
    t3_result_rows,
)
from assistant.report.model import Report, Sections

AGENCIES = ("某某区人民政府", "某某市生态环境局", "某某县自然资源局", "某某经济开发区管理委员会", "某某街道办事处")
# Ordinary words: no digits (N-TABLE-MISMATCH), no year numbers (N-STALE-YEAR).
WORDS = (
    "认真贯彻落实", "政府信息公开条例", "主动公开", "依申请公开", "政策解读", "回应关切", "平台建设",
    "监督保障", "进一步", "规范", "办理", "工作", "群众", "知情权", "参与权", "监督权", "加强", "完善",
    "制度", "培训", "考核", "政务公开", "网站", "栏目", "信息", "及时", "准确", "全面",
)
PUNCT = ("，", "；", "、", "“", "”", "《", "》", "（", "）", "<", ">", "&")  # unpaired on purpose: text is data


@st.composite
def sentences(draw) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=2, max_size=14))
    out = ""
    for w in words:
        out += w
        if draw(st.integers(0, 4)) == 0:
            out += draw(st.sampled_from(PUNCT))
    return out.rstrip("".join(PUNCT)) + "。"


@st.composite
def paragraph(draw) -> str:
    text = "".join(draw(st.lists(sentences(), min_size=1, max_size=4)))
    return text.lstrip("，；、”》）>&")


@st.composite
def section_text(draw, allow_empty: bool = True) -> str:
    lines = draw(st.lists(paragraph(), min_size=0 if allow_empty else 1, max_size=3))
    return "\n".join(lines)


@st.composite
def t3_column(draw, version: FormatVersion) -> dict[str, int]:
    """One applicant column: results, balance (new + carried_in = results_total + carried_out)."""
    values = {r.key: draw(st.integers(0, 30)) for r in t3_result_rows(version)}
    values["results_total"] = sum(values.values())
    values["carried_out"] = draw(st.integers(0, 9))
    carried_in = draw(st.integers(0, min(9, values["results_total"] + values["carried_out"])))
    values["carried_in"] = carried_in
    values["new"] = values["results_total"] + values["carried_out"] - carried_in
    return values


def money(draw) -> CellValue:
    whole = draw(st.integers(0, 9999))
    decimals = draw(st.sampled_from(["", ".5", ".50", ".25", ".08", ".125"]))
    return CellValue.of(Decimal(f"{whole}{decimals}"))


@st.composite
def t2_cell(draw, kind: str) -> CellValue:
    choice = draw(st.integers(0, 9))
    if choice == 0:
        return CellValue()  # blank prints as an empty cell
    if choice == 1:
        return CellValue.na("/")
    if kind == "money":
        return money(draw)
    if kind == "signed":
        return CellValue.of(draw(st.integers(-50, 50)))
    return CellValue.of(draw(st.integers(0, 500)))


@st.composite
def reports(draw, version: FormatVersion | None = None) -> Report:
    year = draw(st.integers(2021, 2030)) if version is FormatVersion.V2021 else (
        draw(st.integers(2019, 2020)) if version is FormatVersion.V2019 else draw(st.integers(2019, 2030))
    )
    fmt = FormatVersion.for_year(year)
    specs = cell_specs(fmt)
    cells: dict[str, CellValue] = {}
    for row in t2_rows(fmt):
        for col, _, kind in row.columns:
            cells[f"t2.{row.key}.{col}"] = draw(t2_cell(kind))
    columns = {c: draw(t3_column(fmt)) for c in T3_APPLICANT_COLUMNS}
    rows = {s.row for s in specs.values() if s.table == "t3"}
    for row in rows:
        for c in T3_APPLICANT_COLUMNS:
            cells[f"t3.{row}.{c}"] = CellValue.of(columns[c][row])
        cells[f"t3.{row}.total"] = CellValue.of(sum(columns[c][row] for c in T3_APPLICANT_COLUMNS))
    for block, _ in T4_BLOCKS:
        parts = [draw(st.integers(0, 6)) for _ in range(4)]
        for col, n in zip(("upheld", "corrected", "other", "pending"), parts):
            cells[f"t4.{block}.{col}"] = CellValue.of(n)
        cells[f"t4.{block}.total"] = CellValue.of(sum(parts))
    sections = {"intro": draw(section_text(allow_empty=False))}
    for key in PART_KEYS:
        sections[key] = draw(section_text(allow_empty=key in ("active", "requests", "review_litigation")))
    return Report(
        agency=draw(st.sampled_from(AGENCIES)),
        issuer_kind="部门",
        year=year,
        format=fmt,
        cells=cells,
        sections=Sections(**sections),
        headings=dict(PART_HEADINGS),  # as a report drafted from the template records them
    )


def zero_report(year: int, agency: str = "某某区生态环境局") -> Report:
    fmt = FormatVersion.for_year(year)
    return Report(
        agency=agency,
        issuer_kind="部门",
        year=year,
        format=fmt,
        cells={k: CellValue.of(0) for k in cell_specs(fmt)},
        sections=Sections(
            intro="根据《中华人民共和国政府信息公开条例》规定，现公布本年度报告。",
            overview="（一）主动公开情况。本机关坚持以公开为常态。",
            active="",
            requests="",
            review_litigation="",
            problems="（一）存在的主要问题。宣传还不够。\n（二）改进情况。加强培训。",
            other="本年度未收取信息处理费。",
        ),
    )


def section_lines(text: str | None) -> list[str]:
    """Section text as compared across a round trip: its non-empty lines, trimmed."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def cell_texts(report: Report) -> dict[str, str]:
    """Cells as printed ("" blank, "/" n/a, numbers with their decimals)."""
    return {k: v.display() for k, v in report.cells.items()}
