"""The one catalogue of finding codes: every code the project emits, declared once.

Each entry: the code, its severity, its Chinese message template (str.format over the
finding's args; named variants for the other shapes of the same finding), and the
module that emits it. Rules, the importer, the ledger and the drafting checks build
their findings here (`make`), so a code's severity and wording live in one place;
`blocking()` (may a final copy be rendered?) and `summarize()` are the only verdicts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .finding import SEVERITY_ORDER, Finding, Severity, Span


@dataclass(frozen=True)
class Code:
    code: str
    severity: Severity
    owner: str  # the module that emits it (under assistant.)
    template: str
    variants: dict[str, str] = field(default_factory=dict)
    # a variant that states another fact than the code's main one may weigh otherwise
    variant_severity: dict[str, Severity] = field(default_factory=dict)
    # holds back a final copy whatever its severity (an unfilled 〔请填写…〕 note)
    holds_final: bool = False

    def message(self, variant: str | None = None, **args: Any) -> str:
        return (self.variants[variant] if variant else self.template).format(**args)

    def severity_of(self, variant: str | None = None) -> Severity:
        return self.variant_severity.get(variant or "", self.severity)


# a message composed where the finding is found (import, drafting notice): the template
# is the bare detail
_DETAIL = "{detail}"

_CODES = (
    # -- the validator: one rule module each (REPORT_FORMAT.md §7) ----------------------
    Code(
        'CELL-BLANK', Severity.WARNING, "validate.rules.cell_blank",
        '{where}有 {count} 个单元格空白（{columns}）；没有发生的请填 0，不适用的请填“/”',
        variants={
            'whole_table': '{where}整张表都是空白（{count} 个单元格）；没有发生的请填 0，不适用的请填“/”',
            'whole_column': '{where}{columns}列整列空白（{count} 个单元格）；没有发生的请填 0，不适用的请填“/”',
            'other_rows': '{where}「（六）其他处理」的三项全部空白（{count} 个单元格）：如原文按 2019 版把其他处理印为一行，请按 2021 版分为三项填写；没有发生的请填 0',
        },
        variant_severity={'other_rows': Severity.INFO},
    ),
    Code(
        'CELL-INVALID', Severity.ERROR, "validate.rules.cell_invalid",
        '{cell_label}填的是 {value}：{problem}',
    ),
    Code(
        'N-CLAIM', Severity.WARNING, "validate.rules.n_claim",
        '「{section_label}」中「{clause}」说本机关{label}，报告中没有这方面的依据（事实数据、表格、台账或上年报告原文）：请核实，或改为{need}',
    ),
    Code(
        'N-NUMBER-SUPPORT', Severity.INCONSISTENCY, "validate.rules.n_number_support",
        '「{section_label}」中的「{raw}」没有依据：它不是起草时记录的表格数据、推算值、事实数据或人工确认的数字（表格改过的，请重新起草这一部分或改正这句）',
    ),
    Code(
        'N-SIMILAR-LAST-YEAR', Severity.WARNING, "validate.rules.n_similar_last_year",
        '{where}有 {percent}% 的文字与上一年度报告相同或几乎相同（超过一半），请按本年度实际情况改写',
    ),
    Code(
        'N-STALE-YEAR', Severity.WARNING, "validate.rules.n_stale_year",
        '{where}写“{text}”，把 {stated} 年当作本报告年度来写（本报告是 {year} 年度）；是否沿用了往年的文字？',
    ),
    Code(
        'N-TABLE-MISMATCH', Severity.INCONSISTENCY, "validate.rules.n_table_mismatch",
        '{where}写“{text}”（{stated}），但{cell_label}为 {actual}',
    ),
    Code(
        'S-FEE-REPORT', Severity.WARNING, "validate.rules.s_fee_report",
        '「其他需要报告的事项」没有说明是否收取信息处理费；依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），没有收取的也应写明',
    ),
    Code(
        'S-FILL-IN', Severity.WARNING, "validate.rules.s_fill_in_left",
        '「{section_label}」还有待填写的提示「{note}」，定稿前请补写或删除',
        holds_final=True,
    ),
    Code(
        'S-FORMAT-VERSION', Severity.ERROR, "validate.rules.s_format_version",
        '{year} 年度的报告应使用 {expected} 版表格（{notice}），本报告用的是 {actual} 版表格',
    ),
    Code(
        'S-GOV-ASSESSMENT', Severity.WARNING, "validate.rules.s_gov_assessment",
        '政府的年度报告应写明工作考核、社会评议和责任追究结果情况（条例第五十条），本报告没有写到：{missing}',
    ),
    Code(
        'S-NUMBERING', Severity.INFO, "validate.rules.s_numbering",
        '{where}的编号“{marker}”{problem}',
        variants={
            'heading': '部分标题“{heading}”的编号“{marker}”与其他标题的“{style}”式编号不一致',
            'heading_seq': '部分标题“{heading}”编号为{number}，这一部分应为第{expected}部分',
        },
    ),
    Code(
        'S-PARTS', Severity.ERROR, "validate.rules.s_parts",
        '缺少第{number}部分「{heading}」：没有标题，没有正文{table_note}',
        variants={
            'order': '六个部分的顺序不对：应为 {expected}，报告中是 {actual}',
        },
    ),
    Code(
        'S-PERIOD', Severity.WARNING, "validate.rules.s_period",
        '开头段落和「总体情况」都没有写明统计期限（应为{year}年1月1日至{year}年12月31日）',
        variants={
            'wrong': '{where}写的统计期限是“{text}”，与报告年度 {year} 年不符',
        },
    ),
    Code(
        'S-PROBLEMS-EMPTY', Severity.WARNING, "validate.rules.s_problems_empty",
        '「存在的主要问题及改进情况」{problem}',
    ),
    Code(
        'T3-BALANCE', Severity.INCONSISTENCY, "validate.rules.t3_balance",
        '表三「{column}」列不符合勾稽关系（第一项加第二项之和，等于第三项加第四项之和）：本年新收 {new} + 上年结转 {carried_in} = {received}，而办理结果总计 {results_total} + 结转下年度 {carried_out} = {handled}',
    ),
    Code(
        'T3-RESULTS-TOTAL', Severity.INCONSISTENCY, "validate.rules.t3_results_total",
        '表三「{column}」列：各项办理结果（予以公开至其他处理）相加为 {expected}，但「（七）总计」行填的是 {actual}',
    ),
    Code(
        'T3-ROW-TOTAL', Severity.INCONSISTENCY, "validate.rules.t3_row_total",
        '{row}：六类申请人（自然人及法人或其他组织五列）相加为 {expected}，但「总计」列填的是 {actual}',
    ),
    Code(
        'T4-BLOCK-TOTAL', Severity.INCONSISTENCY, "validate.rules.t4_block_total",
        '{block}：结果维持、结果纠正、其他结果、尚未审结相加为 {expected}，但「总计」填的是 {actual}',
    ),
    Code(
        'X-CARRY-OVER', Severity.INCONSISTENCY, "validate.rules.x_carry_over",
        '表三「{column}」列：本年「二、上年结转政府信息公开申请数量」填的是 {carried_in}，但 {previous_year} 年度报告「四、结转下年度继续办理」是 {previous_carried_out}',
        variants={
            'wrong_year': '作为上一年度报告给出的是 {previous_year} 年度的报告，本报告是 {year} 年度，应与 {expected_year} 年度报告比对；跨年度结转未检查',
            'ledger': '表三「{column}」列：{previous_year} 年度报告结转下年度 {previous_carried_out} 件，'
                      '按台账截至 {previous_year} 年 12 月 31 日未办结的申请为 {carried_in} 件{explanation}',
            'previous_blank': '表三「四、结转下年度继续办理」在 {previous_year} 年度报告中「{columns}」列为空白，'
                              '这些列的跨年度结转未核对（本年「二、上年结转」：{carried_in}）',
        },
        variant_severity={'wrong_year': Severity.WARNING, 'previous_blank': Severity.WARNING},
    ),
    Code(
        'X-IN-FORCE', Severity.WARNING, "validate.rules.x_in_force",
        '表二「{row}」：{previous_year} 年度现行有效 {previous_in_force} 件 + 本年制发 {issued} 件 − 本年废止 {repealed} 件 = {expected} 件，但「现行有效件数」填的是 {actual} 件（如因修订、清理等原因不同，请在文字部分说明）',
    ),

    # -- the importer --------------------------------------------------------------------
    Code("IMPORT-GATE", Severity.ERROR, "ingest.gate",
         "单元格 {cell} 读出的「{read}」在原文相应位置核对不上（原文为「{source}」），没有导入"),
    # a 2021 表三 printing （六）其他处理 as one row: a template deviation to note, nothing wrong
    Code("IMPORT-DEVIATION", Severity.WARNING, "ingest.recognition.recognize", _DETAIL,
         variant_severity={"other_one_row": Severity.INFO}),
    Code("IMPORT-NOT-FOUND", Severity.WARNING, "ingest.recognition.recognize", _DETAIL),
    # row labels printed apart from one row of numbers that the arithmetic cannot place
    Code("IMPORT-AMBIGUOUS", Severity.WARNING, "ingest.recognition.ambiguity", _DETAIL),
    # -- the drafting checks ------------------------------------------------------------
    Code("NUM-UNSUPPORTED", Severity.INCONSISTENCY, "drafting.checks",
         "「{raw}」不是表格数据、推算值或事实数据中的数字：请改用占位符，或把它写进 facts.yaml"),
    Code("NUM-CONCEPT", Severity.INCONSISTENCY, "drafting.concepts",
         "「{text}」说的是{row}，应为 {actual}（{cell_label}），写成了 {stated}：请改用占位符 {placeholder}",
         variants={"other": "「{text}」说的是{row}，应为 {actual}（{cell_label}），写成的 {stated} 是“{other}”的数："
                            "请改用占位符 {placeholder}"}),
    Code("PLACEHOLDER-UNKNOWN", Severity.ERROR, "drafting.checks",
         "占位符「{raw}」不对应任何表格数据、推算值或事实数据，已原样保留"),
    Code("NUM-YEAR", Severity.WARNING, "drafting.checks",
         "「{raw}」提到的年份不是本报告年度（{year}年）：与往年比较时请写明“同比”“较上年”等",
         variants={"period": "统计期限写的是「{raw}」，本报告的统计期限应为{year}年1月1日至{year}年12月31日"}),
    Code("CITE-UNKNOWN", Severity.ERROR, "drafting.checks",
         "引用标注「{raw}」没有对应的参考材料（本节共提供 {count} 条）"),
    Code("DRAFT-COPIED", Severity.WARNING, "drafting.checks",
         "这段文字与上年度报告原文相同（{chars} 字），请改写：「{excerpt}」"),
    Code("DRAFT-CLAIM", Severity.INCONSISTENCY, "drafting.checks",
         "「{clause}」说本机关{label}，但事实数据、表格、台账、补充说明和上年报告原文都没有这方面的依据："
         "请核实后在事实数据文件中填写，或改为{need}"),
    Code("DRAFT-CLAIM-LAST-YEAR", Severity.INFO, "drafting.checks",
         "「{clause}」（{label}）沿用上年表述，请核实本年度是否属实"),
    Code("FORM-MARKDOWN", Severity.WARNING, "drafting.form",
         "草稿里有 Markdown 格式符号「{raw}」，公文中不能出现，请删去或改写"),
    Code("FORM-DATA-BLOCK", Severity.WARNING, "drafting.form",
         "草稿把数据逐项列成了 {lines} 行（如「{excerpt}」），这不是公文的写法：请改写成连贯的句子"),
    Code("FORM-ENGLISH", Severity.WARNING, "drafting.form", "草稿里有英文单词（{words}），请改用中文表述"),
    Code("FORM-EMOJI", Severity.WARNING, "drafting.form", "草稿里有 {count} 个表情符号，公文中不能出现，请删去"),
    Code("FORM-HEADING", Severity.WARNING, "drafting.form",
         "小标题编号「{raw}」不连续，按顺序这里应为第{expected}项，请按（一）（二）……的顺序编号",
         variants={"part": "草稿重复了本部分的标题「{raw}」，标题由报告统一排印，请删去这一行"}),
    Code("FORM-LENGTH", Severity.INFO, "drafting.form",
         "本节草稿 {chars} 字，比本机关上年本节（{previous} 字）长得多，请精简",
         variants={"short": "本节草稿只有 {chars} 字，比本机关上年本节（{previous} 字）短得多，请补充"}),
    Code("DRAFT-INCOMPLETE", Severity.WARNING, "drafting.drafter", "本节草稿不完整：{reason}"),
)

CATALOGUE: dict[str, Code] = {c.code: c for c in _CODES}
assert len(CATALOGUE) == len(_CODES), "a code declared twice"


def entry(code: str) -> Code:
    return CATALOGUE[code]


def make(
    code: str,
    message: str | None = None,
    *,
    variant: str | None = None,
    severity: Severity | None = None,
    cells: list[str] | None = None,
    span: Span | None = None,
    shown: dict[str, Any] | None = None,
    **args: Any,
) -> Finding:
    """A finding of a catalogued code: its severity (unless the rule says otherwise for
    this one finding), its template filled with `args` (or `message` when the words were
    composed where the finding was found). `shown` overrides args in the message only
    (「空白」 for an empty value the args keep as "")."""
    c = CATALOGUE[code]
    return Finding(
        code=code,
        severity=severity or c.severity_of(variant),
        message=message if message is not None else c.message(variant, **{**args, **(shown or {})}),
        args=args,
        cells=cells or [],
        span=span,
    )


def holds_final(finding: Finding) -> bool:
    """May not be left in a final copy: an error, an inconsistency, or a code that says so."""
    entry = CATALOGUE.get(finding.code)
    return finding.severity.blocks or (entry is not None and entry.holds_final)


def blocking_findings(findings: Iterable[Finding]) -> list[Finding]:
    """While any of these is left, no final copy is rendered (exit 1)."""
    return [f for f in findings if holds_final(f)]


def blocking(findings: Iterable[Finding]) -> bool:
    return bool(blocking_findings(findings))


def summary_blocks(summary: dict[str, int]) -> bool:
    """Errors or inconsistencies in a `summarize()` count (batch summaries)."""
    return any(n and Severity(s).blocks for s, n in summary.items())


def merge(imported: Iterable[Finding], validated: Iterable[Finding]) -> list[Finding]:
    """The importer's findings and the validator's on the imported report, each fact once:
    a blank-cell finding whose cells the importer has already explained (a table not
    found, a row printed otherwise) says nothing new."""
    imported = list(imported)
    explained = {c for f in imported for c in f.cells}
    return imported + [f for f in validated if not (f.code == "CELL-BLANK" and f.cells and explained.issuperset(f.cells))]


def summarize(findings: Iterable[Finding]) -> dict[str, int]:
    """Counts per severity, most severe first, every severity present (zeros included)."""
    counts = Counter(f.severity.value for f in findings)
    return {s.value: counts.get(s.value, 0) for s in SEVERITY_ORDER}
