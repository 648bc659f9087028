"""The national report format: both versions, every cell key, every printed label.

Source: REPORT_FORMAT.md (国办公开办函〔2019〕60号 and 〔2021〕30号). Labels are kept
exactly as printed in the template; keys are stable and never change.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from functools import cache
from typing import Literal

# the six parts (keys, headings, printed variants) live in parts.py; re-exported here
from .parts import PART_HEADINGS, PART_KEYS, PARTS, SECTION_KEYS, SECTION_LABELS  # noqa: F401

CellKind = Literal["count", "money", "signed"]


class FormatVersion(str, Enum):
    V2019 = "2019"
    V2021 = "2021"

    @classmethod
    def for_year(cls, year: int) -> "FormatVersion":
        """Reports on 2019 and 2020 use the 2019 tables; 2021 and later the 2021 ones."""
        return cls.V2019 if year < 2021 else cls.V2021


ISSUER_KINDS = ("人民政府", "部门")

# each table is titled as the part that prints it
TABLE_TITLES = {p.table: p.label for p in PARTS if p.table}
TABLE_NAMES = {"t2": "表二", "t3": "表三", "t4": "表四"}

# 表三 columns: 自然人, then five under 法人或其他组织, then 总计. No 法人 subtotal.
T3_COLUMNS = (
    ("natural", "自然人"),
    ("commercial", "商业企业"),
    ("research", "科研机构"),
    ("public_interest", "社会公益组织"),
    ("legal_service", "法律服务机构"),
    ("other_org", "其他"),
    ("total", "总计"),
)
T3_APPLICANT_COLUMNS = tuple(k for k, _ in T3_COLUMNS if k != "total")
T3_BALANCE_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


@dataclass(frozen=True)
class T3Row:
    key: str
    label: str
    group: str | None = None  # printed group label, e.g. （三）不予公开; groups have no cells
    is_result: bool = False  # counted in （七）总计


_RESULTS = "三、本年度办理结果"
_T3_HEAD = (
    T3Row("new", "一、本年新收政府信息公开申请数量"),
    T3Row("carried_in", "二、上年结转政府信息公开申请数量"),
    T3Row("granted", "（一）予以公开", _RESULTS, True),
    T3Row("partly_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", _RESULTS, True),
    T3Row("refused.state_secret", "1.属于国家秘密", "（三）不予公开", True),
    T3Row("refused.law_prohibited", "2.其他法律行政法规禁止公开", "（三）不予公开", True),
    T3Row("refused.security_stability", "3.危及“三安全一稳定”", "（三）不予公开", True),
    T3Row("refused.third_party", "4.保护第三方合法权益", "（三）不予公开", True),
    T3Row("refused.internal_affairs", "5.属于三类内部事务信息", "（三）不予公开", True),
    T3Row("refused.process_info", "6.属于四类过程性信息", "（三）不予公开", True),
    T3Row("refused.enforcement_file", "7.属于行政执法案卷", "（三）不予公开", True),
    T3Row("refused.query_matter", "8.属于行政查询事项", "（三）不予公开", True),
    T3Row("unable.not_held", "1.本机关不掌握相关政府信息", "（四）无法提供", True),
    T3Row("unable.needs_creation", "2.没有现成信息需要另行制作", "（四）无法提供", True),
    T3Row("unable.unclear", "3.补正后申请内容仍不明确", "（四）无法提供", True),
    T3Row("not_processed.petition", "1.信访举报投诉类申请", "（五）不予处理", True),
    T3Row("not_processed.repeated", "2.重复申请", "（五）不予处理", True),
    T3Row("not_processed.publication", "3.要求提供公开出版物", "（五）不予处理", True),
    T3Row("not_processed.excessive", "4.无正当理由大量反复申请", "（五）不予处理", True),
    T3Row("not_processed.confirmation", "5.要求行政机关确认或重新出具已获取信息", "（五）不予处理", True),
)
_T3_OTHER_2021 = (
    T3Row(
        "other.no_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "（六）其他处理",
        True,
    ),
    T3Row(
        "other.fee_unpaid",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "（六）其他处理",
        True,
    ),
    T3Row("other.other", "3.其他", "（六）其他处理", True),
)
_T3_OTHER_2019 = (T3Row("other", "（六）其他处理", _RESULTS, True),)
_T3_TAIL = (
    T3Row("results_total", "（七）总计", _RESULTS),
    T3Row("carried_out", "四、结转下年度继续办理"),
)


def t3_rows(version: FormatVersion | str) -> tuple[T3Row, ...]:
    other = _T3_OTHER_2021 if FormatVersion(version) is FormatVersion.V2021 else _T3_OTHER_2019
    return _T3_HEAD + other + _T3_TAIL


def t3_result_rows(version: FormatVersion | str) -> tuple[T3Row, ...]:
    return tuple(r for r in t3_rows(version) if r.is_result)


@dataclass(frozen=True)
class T2Row:
    key: str
    label: str
    subtable: str  # e.g. 第二十条第（一）项
    columns: tuple[tuple[str, str, CellKind], ...]


_ART = "第二十条第（{}）项"
_T2_2021_DOC_COLS = (
    ("issued", "本年制发件数", "count"),
    ("repealed", "本年废止件数", "count"),
    ("in_force", "现行有效件数", "count"),
)
_T2_2021_DECISIONS = (("decisions", "本年处理决定数量", "count"),)
T2_2021 = (
    T2Row("rules", "规章", _ART.format("一"), _T2_2021_DOC_COLS),
    T2Row("normative_docs", "行政规范性文件", _ART.format("一"), _T2_2021_DOC_COLS),
    T2Row("licensing", "行政许可", _ART.format("五"), _T2_2021_DECISIONS),
    T2Row("punishment", "行政处罚", _ART.format("六"), _T2_2021_DECISIONS),
    T2Row("coercion", "行政强制", _ART.format("六"), _T2_2021_DECISIONS),
    T2Row("fees", "行政事业性收费", _ART.format("八"), (("amount", "本年收费金额（单位：万元）", "money"),)),
)
_T2_2019_DOC_COLS = (
    ("made", "本年新制作数量", "count"),
    ("published", "本年新公开数量", "count"),
    ("total_published", "对外公开总数量", "count"),
)
_T2_2019_ITEMS = (
    ("previous", "上一年项目数量", "count"),
    ("change", "本年增/减", "signed"),
    ("decisions", "处理决定数量", "count"),
)
T2_2019 = (
    T2Row("rules", "规章", _ART.format("一"), _T2_2019_DOC_COLS),
    T2Row("normative_docs", "规范性文件", _ART.format("一"), _T2_2019_DOC_COLS),
    T2Row("licensing", "行政许可", _ART.format("五"), _T2_2019_ITEMS),
    T2Row("other_services", "其他对外管理服务事项", _ART.format("五"), _T2_2019_ITEMS),
    T2Row("punishment", "行政处罚", _ART.format("六"), _T2_2019_ITEMS),
    T2Row("coercion", "行政强制", _ART.format("六"), _T2_2019_ITEMS),
    T2Row("fees", "行政事业性收费", _ART.format("八"), _T2_2019_ITEMS[:2]),
    T2Row(
        "procurement",
        "政府集中采购",
        _ART.format("九"),
        (("projects", "采购项目数量", "count"), ("amount", "采购总金额", "money")),
    ),
)


def t2_rows(version: FormatVersion | str) -> tuple[T2Row, ...]:
    return T2_2021 if FormatVersion(version) is FormatVersion.V2021 else T2_2019


T4_BLOCKS = (
    ("review", "行政复议"),
    ("suit_direct", "未经复议直接起诉"),
    ("suit_after_review", "复议后起诉"),
)
T4_COLUMNS = (
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
)


@dataclass(frozen=True)
class CellSpec:
    key: str
    table: str  # t2 | t3 | t4
    row: str
    column: str
    row_label: str
    column_label: str
    group: str | None  # 表二 sub-table, 表三 result group, 表四 parent block (行政复议 / 行政诉讼)
    kind: CellKind

    @property
    def label(self) -> str:
        """Readable Chinese location, e.g. 表三「一、本年新收…」行「自然人」列."""
        row = self.row_label
        if self.group and self.table == "t3" and self.group != row and not row.startswith("（"):
            row = f"{self.group}{row}"
        if self.table == "t4":
            block = self.row_label if self.row == "review" else f"行政诉讼·{self.row_label}"
            return f"{TABLE_NAMES['t4']}「{block}」「{self.column_label}」"
        return f"{TABLE_NAMES[self.table]}「{row}」行「{self.column_label}」列"


@cache
def cell_specs(version: FormatVersion | str) -> dict[str, CellSpec]:
    """Every cell of the format version, in printed order (表二, 表三 row by row, 表四)."""
    v = FormatVersion(version)
    specs: list[CellSpec] = []
    for row in t2_rows(v):
        for col, col_label, kind in row.columns:
            specs.append(CellSpec(f"t2.{row.key}.{col}", "t2", row.key, col, row.label, col_label, row.subtable, kind))
    for row in t3_rows(v):
        for col, col_label in T3_COLUMNS:
            specs.append(CellSpec(f"t3.{row.key}.{col}", "t3", row.key, col, row.label, col_label, row.group, "count"))
    for block, block_label in T4_BLOCKS:
        parent = "行政复议" if block == "review" else "行政诉讼"
        for col, col_label in T4_COLUMNS:
            specs.append(CellSpec(f"t4.{block}.{col}", "t4", block, col, block_label, col_label, parent, "count"))
    return {s.key: s for s in specs}


def cell_keys(version: FormatVersion | str) -> tuple[str, ...]:
    return tuple(cell_specs(version))


def version_of_key(key: str) -> tuple[FormatVersion, ...]:
    """The format versions that have this cell key (empty when none has it)."""
    return tuple(v for v in FormatVersion if key in cell_specs(v))


# Printed marks for "not applicable". A blank (nothing printed) is not one of them.
NA_MARKS = ("/", "／", "—", "——", "-", "－", "无", "不适用")
